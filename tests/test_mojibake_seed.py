"""The seed page against the page it was damaged from: every mojibake line is
reported, nothing else; no fix, safe or unsafe, writes a wrong character; and
where bytes were lost the true original is among the candidates listed."""

from __future__ import annotations

import ast
import difflib
import re

from curriculint.checks.encoding import mojibake
from curriculint.load.document import load
from tests.conftest import CORPUS, SEED, needs_shared

ORIGINAL = CORPUS / "architects-handbook" / "learning-paths" / "real-time-systems.md"
_LITERAL = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*\"""")


def _original_span(line: str, original: str, start: int, end: int) -> str | None:
    """The original text aligned with line[start:end], by a character diff."""
    matcher = difflib.SequenceMatcher(None, line, original, autojunk=False)
    for tag, left, right, first, last in matcher.get_opcodes():
        if tag != "equal" and left <= start and end <= right:
            return original[first:last]
    return None


def listed(message: str) -> list[str]:
    """The candidates a message lists."""
    return [ast.literal_eval(item) for item in
            _LITERAL.findall(message.split("candidates ", 1)[1])]


@needs_shared
def test_seed_mojibake_is_found_and_no_fix_writes_a_wrong_character() -> None:
    doc = load(SEED)
    original = ORIGINAL.read_text(encoding="utf-8").splitlines()
    damaged = {number for number, (before, after) in
               enumerate(zip(original, doc.lines, strict=False), start=1) if before != after}
    findings = list(mojibake.check(doc))
    assert {finding.span.line for finding in findings} == damaged

    restored = wrong = uncertain = 0
    for finding in findings:
        span = finding.span
        truth = _original_span(doc.lines[span.line - 1], original[span.line - 1],
                               span.column - 1, span.end_column - 1)
        if finding.fix is not None and finding.fix.safe:
            restored += finding.fix.edits[0].text == truth
            wrong += finding.fix.edits[0].text != truth
            continue
        uncertain += 1
        # Alone, the seed has no evidence for one emoji over its neighbours
        # (🎯 or 🍯, 🌐 or 🌍): the candidates are listed, nothing is written.
        assert finding.fix is None, finding.message
        assert truth in listed(finding.message), (truth, finding.message)
    assert (len(damaged), restored, wrong, uncertain) == (175, 158, 0, 23)


@needs_shared
def test_seed_in_a_site_that_spells_its_emoji_gets_the_right_unsafe_fixes(tmp_path) -> None:
    """Evidence from a sibling page (the same emoji spelled correctly) singles out
    the original: `--unsafe-fixes` writes it, and only it."""
    from tests.conftest import lint_paths

    (tmp_path / "seed.md").write_bytes(SEED.read_bytes())
    (tmp_path / "sibling.md").write_text(
        "# Sibling\n\n🎯 Goals, 🎮 games, 🌐 web, 🏁 finish, 🎉 done, ⭐⭐⭐ rating.\n",
        encoding="utf-8")
    original = ORIGINAL.read_text(encoding="utf-8").splitlines()
    seed_lines = SEED.read_text(encoding="utf-8").splitlines()
    unsafe = 0
    for report in lint_paths([tmp_path], select=["ENC003"]):
        if report.fix is None or report.fix.safe:
            continue
        span = report.span
        truth = _original_span(seed_lines[span.line - 1], original[span.line - 1],
                               span.column - 1, span.end_column - 1)
        assert report.fix.edits[0].text == truth, report.message
        unsafe += 1
    assert unsafe == 23
