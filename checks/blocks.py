"""Content units of a page with fingerprints, for the repeated-content rules.

A unit is what a reader sees as one piece: a top-level paragraph, table, fence,
admonition, quote, tab, HTML block or heading, and each list item on its own
(a list item's nested items are units of their own, so a table of contents
pasted in part still lines up entry by entry). Units are built from the
index's blocks; only the text of lines the tokens already located is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from checks.document import per_document
from checks.echo import frontmatter_echoes

if TYPE_CHECKING:
    from checks.document import Document
    from checks.index import Heading

# Kinds compared as a whole when they sit at the top level of the page.
_WHOLE_KINDS = frozenset({"paragraph", "table", "fence", "code", "admonition", "blockquote",
                          "tab", "html", "heading"})
_WORD = re.compile(r"[^\W_]+")
_TAG = re.compile(r"<[^>]*>")
_QUOTED_TITLE = re.compile(r'"(.*)"')
_SHINGLE = 3


@dataclass(frozen=True, slots=True)
class Unit:
    kind: str
    start_line: int  # first line of the unit
    end_line: int  # last non-blank line of the whole block, nested content included
    own_lines: tuple[int, ...]  # non-blank lines whose text is this unit's own
    exact: str  # own lines, stripped, joined: equal strings are verbatim copies
    words: tuple[str, ...]  # lower-cased words: equal tuples differ only in markup/emoji
    heading: int | None  # the heading's index when kind == "heading"
    level: int = 0  # the heading's level when kind == "heading"

    @property
    def shingles(self) -> frozenset[tuple[str, ...]]:
        words = self.words
        if len(words) < _SHINGLE:
            return frozenset({words})
        return frozenset(words[at:at + _SHINGLE] for at in range(len(words) - _SHINGLE + 1))


def _last_filled(doc: Document, start: int, end: int) -> int:
    while end > start and not doc.line_text(end).strip():
        end -= 1
    return end


def _unit_words(doc: Document, kind: str, lines: list[int]) -> tuple[str, ...]:
    words: list[str] = []
    for number, line in enumerate(lines):
        text = doc.line_text(line)
        if kind == "admonition" and number == 0:
            # `!!! type "Title"`: only the title is content.
            title = _QUOTED_TITLE.search(text)
            text = title.group(1) if title else ""
        elif kind == "html":
            text = _TAG.sub(" ", text)
        elif kind == "fence" and number in (0, len(lines) - 1) and text.lstrip()[:3] in (
                "```", "~~~"):
            continue
        words.extend(_WORD.findall(text.lower()))
    return tuple(words)


@per_document
def page_units(doc: Document) -> list[Unit]:
    """The page's units in reading order; units without words are left out."""
    blocks = doc.index.blocks
    heading_at = {heading.line: heading for heading in doc.index.headings}
    whole = [block for block in blocks if block.depth == 0 and block.kind in _WHOLE_KINDS]
    # Items inside an admonition, tab or quote belong to that unit.
    wrappers = [(block.start_line, block.end_line) for block in whole
                if block.kind in ("admonition", "blockquote", "tab")]
    items = [block for block in blocks if block.kind == "item"
             and not any(start <= block.start_line <= end for start, end in wrappers)]
    units: list[Unit] = []
    for block in whole:
        end = _last_filled(doc, block.start_line, block.end_line)
        lines = [line for line in range(block.start_line, end + 1) if doc.line_text(line).strip()]
        heading = heading_at.get(block.start_line) if block.kind == "heading" else None
        units.append(_make_unit(doc, block.kind, block.start_line, end, lines, heading))
    items.sort(key=lambda block: block.start_line)
    for position, item in enumerate(items):
        end = _last_filled(doc, item.start_line, item.end_line)
        nested: set[int] = set()
        for other in items[position + 1:]:
            if other.start_line > end:
                break
            if other.depth > item.depth:
                nested.update(range(other.start_line, other.end_line + 1))
        lines = [line for line in range(item.start_line, end + 1)
                 if line not in nested and doc.line_text(line).strip()]
        units.append(_make_unit(doc, "item", item.start_line, end, lines, None))
    units.sort(key=lambda unit: (unit.start_line, -unit.end_line))
    # An echoed frontmatter is frontmatter-echo's finding, not a repeated block.
    echoed = [(first, last) for first, last, *_ in frontmatter_echoes(doc)]
    return [unit for unit in units if unit.words and not any(
        unit.start_line <= last and unit.end_line >= first for first, last in echoed)]


def _make_unit(doc: Document, kind: str, start: int, end: int, lines: list[int],
               heading: Heading | None) -> Unit:
    exact = "\n".join(doc.line_text(line).strip() for line in lines)
    return Unit(kind, start, end, tuple(lines), exact, _unit_words(doc, kind, lines),
                heading.index if heading else None, heading.level if heading else 0)
