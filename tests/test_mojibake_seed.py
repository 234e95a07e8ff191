"""The seed page against the page it was damaged from: every mojibake line is
reported, nothing else, and no safe fix writes a wrong character."""

from __future__ import annotations

import difflib

from curriculint.checks.encoding import mojibake
from curriculint.load.document import load
from tests.conftest import CORPUS, SEED, needs_shared

ORIGINAL = CORPUS / "architects-handbook" / "learning-paths" / "real-time-systems.md"


def _original_span(line: str, original: str, start: int, end: int) -> str | None:
    """The original text aligned with line[start:end], by a character diff."""
    matcher = difflib.SequenceMatcher(None, line, original, autojunk=False)
    for tag, left, right, first, last in matcher.get_opcodes():
        if tag != "equal" and left <= start and end <= right:
            return original[first:last]
    return None


@needs_shared
def test_seed_mojibake_is_found_and_safe_fixes_restore_exactly() -> None:
    doc = load(SEED)
    original = ORIGINAL.read_text(encoding="utf-8").splitlines()
    damaged = {number for number, (before, after) in
               enumerate(zip(original, doc.lines, strict=False), start=1) if before != after}
    findings = list(mojibake.check(doc))
    assert {finding.span.line for finding in findings} == damaged

    restored = wrong = left_alone = 0
    for finding in findings:
        assert finding.fix is not None
        span = finding.span
        truth = _original_span(doc.lines[span.line - 1], original[span.line - 1],
                               span.column - 1, span.end_column - 1)
        if not finding.fix.safe:
            left_alone += 1
        elif finding.fix.edits[0].text == truth:
            restored += 1
        else:
            wrong += 1
    assert (len(damaged), restored, wrong, left_alone) == (175, 125, 0, 56)
