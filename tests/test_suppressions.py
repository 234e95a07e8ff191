"""Inline suppressions, and SUP001 for those that suppress nothing."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from curriculint.config import Config
from tests.conftest import codes_and_lines, lint_text

HEAD = "---\ntitle: T\ndescription: D\n---\n\n# T\n\n"


def test_used_suppression_is_not_reported(tmp_path: Path) -> None:
    text = HEAD + "<!-- curriculint: disable-next-line=ST001 -->\n# Again\n"
    assert lint_text(tmp_path, text, select=["ST001", "SUP001"]) == []


def test_unused_next_line_suppression_is_reported_with_a_fix(tmp_path: Path) -> None:
    text = HEAD + "<!-- curriculint: disable-next-line=ST001 -->\n## Fine\n"
    reports = lint_text(tmp_path, text, select=["ST001", "SUP001"])
    assert codes_and_lines(reports) == {("SUP001", 8)}
    (report,) = reports
    assert (report.span.column, report.span.end_column) == (1, 46)
    assert "suppresses nothing for ST001" in report.message
    assert report.fix is not None and report.fix.safe


def test_only_the_unused_code_of_a_directive_is_named(tmp_path: Path) -> None:
    text = HEAD + "<!-- curriculint: disable-next-line=ST001,ST002 -->\n# Again\n"
    (report,) = lint_text(tmp_path, text, select=["ST", "SUP001"])
    assert report.code == "SUP001" and report.message.endswith("for ST002")
    assert report.fix is None  # ST001 still needs the comment


def test_unknown_code_is_reported_even_when_other_rules_are_off(tmp_path: Path) -> None:
    text = HEAD + "<!-- curriculint: disable=XYZ999 -->\ntext\n"
    (report,) = lint_text(tmp_path, text, select=["SUP001"])
    assert "names no known rule: XYZ999" in report.message


def test_suppression_of_a_rule_that_did_not_run_is_not_judged(tmp_path: Path) -> None:
    text = HEAD + "<!-- curriculint: disable-next-line=ST001 -->\n## Fine\n"
    assert lint_text(tmp_path, text, select=["FM", "SUP001"]) == []


def test_range_and_file_suppressions(tmp_path: Path) -> None:
    text = HEAD + ("<!-- curriculint: disable=ST001 -->\n# Two\n"
                   "<!-- curriculint: enable=ST001 -->\n"
                   "<!-- curriculint: disable=ST002 -->\ntext\n"
                   "<!-- curriculint: enable=ST002 -->\n")
    reports = lint_text(tmp_path, text, select=["ST", "SUP001"])
    assert codes_and_lines(reports) == {("SUP001", 11)}


def test_disable_all_is_judged_only_when_every_default_rule_ran(tmp_path: Path) -> None:
    text = HEAD + "<!-- curriculint: disable-next-line -->\ntext\n"
    assert lint_text(tmp_path / "some", text, select=["ST", "SUP001"]) == []
    reports = lint_text(tmp_path / "all", text)
    assert codes_and_lines(reports) == {("SUP001", 8)}
    assert "suppresses nothing for any rule" in reports[0].message


def test_opt_out_by_ignore_or_by_suppressing_sup001(tmp_path: Path) -> None:
    text = HEAD + "<!-- curriculint: disable-next-line=ST001 -->\n## Fine\n"
    assert lint_text(tmp_path / "a", text, config=Config(roots=(), ignore=("SUP001",))) == []
    text = text.replace("# T\n", "<!-- curriculint: disable-file=SUP001 -->\n# T\n")
    assert lint_text(tmp_path / "b", text) == []


def test_directive_inside_a_code_fence_is_not_a_suppression(tmp_path: Path) -> None:
    text = HEAD + "```markdown\n<!-- curriculint: disable-file=XYZ -->\n```\n"
    assert lint_text(tmp_path, text, select=["SUP001"]) == []


# -- the indexed lookup (issue 24: linear cost) agrees with a scan of every scope ---------

_DIRECTIVE_LINES = st.builds(
    lambda verb, codes: f"<!-- curriculint: {verb}{'=' + codes if codes else ''} -->",
    st.sampled_from(["disable", "enable", "disable-next-line", "disable-file"]),
    st.sampled_from(["", "ST001", "st001", "ST", "st", "DUP002", "multiple-h1", "ST001,DUP",
                     "XYZ", "S"]))
_RULES = [("ST001", "multiple-h1"), ("ST002", "heading-increment"),
          ("DUP002", "duplicate-block"), ("ENC003", "mojibake")]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.one_of(_DIRECTIVE_LINES, st.just("text")), min_size=1, max_size=25),
       st.lists(st.tuples(st.integers(1, 27), st.sampled_from(_RULES)), max_size=30))
def test_indexed_suppression_lookup_agrees_with_a_scan(
        lines: list[str], findings: list[tuple[int, tuple[str, str]]]) -> None:
    from curriculint.load.document import parse
    from curriculint.model import Report, Severity, Span
    from curriculint.run.suppressions import parse_suppressions

    def hits(selector: str, code: str, name: str) -> bool:  # as the README says
        return selector == "*" or code.startswith(selector.upper()) or selector == name

    doc = parse("\n".join(lines).encode() + b"\n", "page.md")
    indexed = parse_suppressions(doc)
    scanned_used: set[tuple[int, str]] = set()
    for line, (code, name) in findings:
        report = Report("page.md", code, name, Severity.ERROR, Span.of(line, 1, 2), "m", None,
                        "")
        covering = [scope for scope in indexed.scopes
                    if scope.first <= line <= scope.last and hits(scope.selector, code, name)]
        scanned_used.update((scope.directive, scope.selector) for scope in covering)
        assert indexed.suppressed(report) == bool(covering)
    assert indexed.used == scanned_used
