"""Property tests: arbitrary bytes and arbitrary Markdown/YAML never crash, never
hang, and every finding (and every fix edit) lies inside its file.

Every offline rule runs, document and site rules, the opt-in ones included.
Each crash found here or by `scripts/fuzz.py` is pinned as an `@example`.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from curriculint.load.decode import decode, split_lines
from curriculint.load.document import parse
from tests.hostile import hang_guard, lint_page_bytes, markdown_pages


def bounded(examples: int) -> settings:
    # Derandomized: CI tries the same inputs every run; scripts/fuzz.py explores.
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Crashes found while building these tests, pinned (see docs/reliability.md).
DEEP_YAML = b"---\na: " + b"[" * 1000 + b"]" * 1000 + b"\n---\n# T\n"


@bounded(60)
@given(st.binary(max_size=3000))
@example(b"")
@example(b"\x00" * 10)
@example(b"\xef\xbb\xbf")
@example(b"\r")
@example(b"---")
@example(b"---\r---\r")
@example(b"---\n&a [*a]\n---\n")
@example(DEEP_YAML)
def test_arbitrary_bytes_never_crash(raw: bytes) -> None:
    with hang_guard(120):
        lint_page_bytes(raw)


@bounded(150)
@given(markdown_pages(), markdown_pages())
@example(DEEP_YAML, b"")
@example(b"", b"[](http://[::1)")  # ValueError from urlsplit in LNK001 (url_syntax)
@example(b"", b"- \xc2\xa0\n      - \xc3\x83\xc2\xa9")  # NBSP line: text run on the wrong line
@example(b"\xff---\ntitle: \n---", b"")  # two-line setext heading: span past its line
@example(b"## Same\n\n" * 50, b"## Same\n")
@example(b"---\ntitle: [" + b"[" * 200 + b"\n---\n", b"---\n")
def test_arbitrary_markdown_never_crashes_and_spans_fit(page: bytes, other: bytes) -> None:
    with hang_guard(120):
        lint_page_bytes(page, other)


@bounded(40)
@given(markdown_pages())
def test_applying_every_fix_never_crashes(page: bytes) -> None:
    with hang_guard(120):
        lint_page_bytes(page, fix=True)


@bounded(150)
@given(markdown_pages())
@example(b"\xff---\ntitle: \n---")
@example(b"- \xc2\xa0\n      - \xc3\x83\xc2\xa9")
def test_loader_frontmatter_and_index_positions_fit(page: bytes) -> None:
    doc = parse(page, "p.md")
    lines = doc.lines
    assert list(lines) == split_lines(decode(page).text) or doc.binary
    if doc.frontmatter.present:
        assert 1 <= doc.frontmatter.start_line < doc.frontmatter.end_line <= len(lines)
        for problem in doc.frontmatter.problems:
            assert 1 <= problem.line <= len(lines)
        for line in doc.frontmatter.key_lines.values():
            assert doc.frontmatter.start_line < line < doc.frontmatter.end_line
    index = doc.index
    spans = [heading.span for heading in index.headings] + [link.span for link in index.links]
    for span in spans:
        assert 1 <= span.line <= span.end_line <= len(lines)
        assert 1 <= span.column <= len(lines[span.line - 1]) + 1
        assert 1 <= span.end_column <= len(lines[span.end_line - 1]) + 1
    for run in index.text_runs:
        assert 1 <= run.line <= len(lines)
        assert run.column + len(run.text.rstrip()) <= len(lines[run.line - 1]) + 1
    for section in index.sections:
        assert 1 <= section.start_line <= section.end_line <= len(lines)
