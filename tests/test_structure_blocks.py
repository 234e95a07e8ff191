"""Unclosed HTML (ST003) and malformed admonitions (ST004)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import (
    SEED,
    codes_and_lines,
    expected_findings,
    lint_paths,
    lint_text,
    needs_shared,
)

FIXTURES = Path(__file__).parent / "fixtures" / "structure"
CASES = [FIXTURES / "html_blocks.md", FIXTURES / "admonitions.md"]


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.name)
def test_fixture_expectations(path: Path) -> None:
    reports = lint_paths([path], select=["ST003", "ST004"])
    assert codes_and_lines(reports) == expected_findings(path)


def test_indented_closing_tag_after_a_blank_line_still_closes(tmp_path: Path) -> None:
    # Python-Markdown reads raw HTML up to the balanced end tag; CommonMark
    # sees the indented `</div>` as code. The page renders fine.
    text = "<div class=\"a\">\n<div class=\"b\">\n  <p>x</p>\n\n    </div>\n</div>\n"
    assert not lint_text(tmp_path, text, select=["ST003"])


def test_wrong_end_tag_is_one_finding_at_the_opening_tag(tmp_path: Path) -> None:
    text = "# T\n\n<div markdown>\n\n- a\n\n</section>\n"
    reports = lint_text(tmp_path, text, select=["ST003"])
    assert [(report.span.line, report.span.column) for report in reports] == [(3, 1)]
    assert "</section>" in reports[0].message


def test_flush_left_paragraph_after_a_title_only_block_is_not_reported(tmp_path: Path) -> None:
    text = "!!! success \"Gold pattern\"\n**Used in production**\n"
    assert not lint_text(tmp_path, text, select=["ST004"])


@needs_shared
def test_seed_malformed_abstract() -> None:
    reports = lint_paths([SEED], select=["ST003", "ST004"])
    assert codes_and_lines(reports) == {("ST004", 80)}
