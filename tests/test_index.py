"""The shared index: exact positions of headings, links, text and blocks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from curriculint.load.document import parse
from curriculint.model import Span

PAGE = """---
title: T
description: D
---

# Title {#custom}

<div class="grid cards" markdown>
- **Card** with [a link](other.md#part) and `[not](code.md)`
    ```mermaid
    graph TD
      A["x"] --> B
    ```
</div>

## Section **two**

| a | b |
|---|---|
| [cell](c.md) | ![img](i.png) |

See <https://example.com/x> and [ref][r] and <a href="h.md" id="anchor">h</a>.

[r]: https://ref.example/path

=== "Tab"

    ### Inside tab

    [tabbed](t.md)

## Section two
"""


def doc():
    return parse(PAGE.encode(), "page.md")


def test_headings_have_ids_parents_and_spans() -> None:
    headings = doc().index.headings
    assert [(h.level, h.text, h.id, h.parent) for h in headings] == [
        (1, "Title", "custom", None),
        (2, "Section two", "section-two", 0),
        (3, "Inside tab", "inside-tab", 1),
        (2, "Section two", "section-two_1", 0),
    ]
    assert headings[0].span == Span(6, 3, 6, 18)
    assert headings[2].span == Span(28, 9, 28, 19)


def test_links_in_md_in_html_tables_tabs_and_html_are_positioned() -> None:
    links = {(link.kind, link.target): link.span for link in doc().index.links}
    assert links[("inline", "other.md#part")] == Span(9, 26, 9, 39)
    assert ("inline", "code.md") not in links  # inside a code span
    assert links[("inline", "c.md")] == Span(20, 10, 20, 14)
    assert links[("image", "i.png")] == Span(20, 25, 20, 30)
    assert links[("autolink", "https://example.com/x")] == Span(22, 6, 22, 27)
    assert links[("html", "h.md")] == Span(22, 55, 22, 59)
    assert links[("definition", "https://ref.example/path")] == Span(24, 6, 24, 30)
    assert links[("inline", "t.md")] == Span(30, 14, 30, 18)
    reference = [link for link in doc().index.links if link.kind == "reference"]
    assert [link.target for link in reference] == ["https://ref.example/path"]


def test_html_ids_are_page_ids() -> None:
    assert {"anchor", "custom", "section-two", "section-two_1"} <= doc().index.ids


def test_text_runs_blank_code_and_link_targets_keeping_columns() -> None:
    run = next(run for run in doc().index.text_runs if run.line == 9)
    line = PAGE.split("\n")[8]
    assert "code.md" not in run.text and "other.md" not in run.text
    start = line.index("a link")
    assert run.text[start - (run.column - 1): start - (run.column - 1) + 6] == "a link"


def test_fences_inside_list_items_keep_their_columns() -> None:
    (fence,) = doc().index.fences
    assert fence.language == "mermaid" and fence.start_line == 10
    # Each content line's first character (the fence's own indentation removed).
    assert fence.content_columns == (5, 5)


def test_sections_close_at_the_next_heading_of_same_or_higher_level() -> None:
    sections = doc().index.sections
    assert [(s.start_line, s.end_line) for s in sections] == [
        (6, 33), (16, 31), (28, 31), (32, 33)]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("#-*>[]()`!<>|:= \n\tax1{}\"'")), max_size=300))
def test_every_indexed_position_lies_inside_the_document(text: str) -> None:
    document = parse(text.encode(), "fuzz.md")
    lines = document.lines
    spans = [h.span for h in document.index.headings] + [
        link.span for link in document.index.links]
    for span in spans:
        assert 1 <= span.line <= span.end_line <= len(lines)
        assert 1 <= span.column <= len(lines[span.line - 1]) + 1
        assert 1 <= span.end_column <= len(lines[span.end_line - 1]) + 1
    for run in document.index.text_runs:
        assert lines[run.line - 1][run.column - 1:].startswith(run.text.split(" ")[0]) or \
            run.text.startswith(" ")


@given(st.integers(min_value=0, max_value=5))
def test_blank_lines_above_shift_positions_by_that_many(extra: int) -> None:
    text = "---\ntitle: T\ndescription: D\n---\n" + "\n" * extra + "# A\n\n[x](y.md)\n"
    document = parse(text.encode(), "p.md")
    assert document.index.headings[0].line == 5 + extra
    assert document.index.links[0].span.line == 7 + extra


def _headings_and_kinds(text: str) -> tuple[list[str], list[tuple[str, int, int]]]:
    index = parse(text.encode(), "page.md").index
    return ([heading.text for heading in index.headings],
            [(block.kind, block.start_line, block.end_line) for block in index.blocks
             if block.depth == 0])


def test_a_raw_html_element_runs_to_the_end_tag_that_closes_it() -> None:
    """Python-Markdown keeps a block-level element opened at a line's start raw up
    to the end tag that empties its stack of open tags, blank lines and
    Markdown-looking lines included; superfences takes fences out first, so an
    end tag in a listing counts for nothing. A heading right after the end tag
    is read. An element nothing closes keeps CommonMark's reading."""
    page = ("# Notes\n\n<div hidden>\n\n## Draft\n\n- one\n- two\n\n```html\n</div>\n```\n\n"
            "<p>open paragraph\n\n</div>\n## After\n\n<section>\n\n## Unclosed\n")
    headings, kinds = _headings_and_kinds(page)
    assert headings == ["Notes", "After", "Unclosed"]
    assert ("html", 3, 16) in kinds and ("heading", 17, 17) in kinds
    assert not any(kind == "list" for kind, _, _ in kinds)


def test_scripts_comments_and_void_tags_do_not_count_as_open_elements() -> None:
    page = ("<div class=\"tool\">\n<br>\n<!-- <div> -->\n\n<script>\nconst a = '<div>';\n"
            "</script>\n\n</div>\n\n## Read\n")
    headings, kinds = _headings_and_kinds(page)
    assert headings == ["Read"]
    assert kinds[0] == ("html", 1, 9)


def test_a_setext_heading_is_one_line_over_a_flush_underline() -> None:
    """Python-Markdown's setext heading is a single line: over two lines `---` is a
    rule under a paragraph and `===` more of the paragraph; an indented `---`
    under a line is a rule too."""
    assert _headings_and_kinds("Title\n---\n")[0] == ["Title"]
    assert _headings_and_kinds("Title\n===\n")[0] == ["Title"]
    assert _headings_and_kinds("title: a\ndate: b\n---\n") == (
        [], [("paragraph", 1, 2), ("hr", 3, 3)])
    assert _headings_and_kinds("one\ntwo\n===\n") == ([], [("paragraph", 1, 3)])
    assert _headings_and_kinds("Title\n  ---\n") == ([], [("paragraph", 1, 1), ("hr", 2, 2)])
