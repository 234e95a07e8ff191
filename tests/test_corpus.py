"""The whole DStudio corpus is linted without a crash, every position in its file."""

from __future__ import annotations

from curriculint.load.decode import decode, split_lines
from tests.conftest import CORPUS, lint_paths, needs_shared


@needs_shared
def test_corpus_lints_without_crash_and_positions_fit() -> None:
    reports = lint_paths([CORPUS], jobs=2)
    assert reports, "the corpus has real defects; no finding means nothing ran"
    lines_of: dict[str, list[str]] = {}
    for report in reports:
        if report.path not in lines_of:
            with open(report.path, "rb") as stream:
                lines_of[report.path] = split_lines(decode(stream.read()).text)
        lines = lines_of[report.path]
        span = report.span
        assert 1 <= span.line <= span.end_line <= len(lines), report
        assert 1 <= span.column <= len(lines[span.line - 1]) + 1, report
        assert 1 <= span.end_column <= len(lines[span.end_line - 1]) + 1, report
