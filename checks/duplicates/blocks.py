"""Content units of a page with fingerprints, for the repeated-content rules.

A unit is what a reader sees as one piece: a top-level paragraph, table, fence,
admonition, quote, tab, HTML block or heading, and each list item on its own
(a list item's nested items are units of their own, so a table of contents
pasted in part still lines up entry by entry). Units are built from the
index's blocks; only the text of lines the tokens already located is read.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import compress, count
from operator import attrgetter, not_
from typing import TYPE_CHECKING, NamedTuple

from curriculint.checks.duplicates.echo import frontmatter_echoes
from curriculint.load.document import per_document

if TYPE_CHECKING:
    from curriculint.index.records import Block, Heading
    from curriculint.load.document import Document

# Kinds compared as a whole when they sit at the top level of the page.
_WHOLE_KINDS = frozenset({"paragraph", "table", "fence", "code", "admonition", "blockquote",
                          "tab", "html", "heading"})
_WORD = re.compile(r"[^\W_]+")
# A bytes.translate table for ASCII text: the characters _WORD does not match,
# bar the line break, become spaces.
_ASCII_NON_WORD = bytes(ord(" ") if not chr(code).isalnum() and chr(code) != "\n" else code
                        for code in range(256))
_TAG = re.compile(r"<[^>]*>")
_QUOTED_TITLE = re.compile(r'"(.*)"')
_BLOCK_OPTION = re.compile(r"^\s{4,}[\w-]+:(?:\s|$)")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)")
# Kinds whose every word counts, comments included: code, and headings (a hook
# may make a heading of `<!-- md:setting name -->`).
_VERBATIM_KINDS = frozenset({"fence", "code", "heading"})
_CODE_KINDS = frozenset({"fence", "code"})
_DEFINITION = re.compile(r"^\[[^\]]+\]:\s*\S")
_FENCES = ("```", "~~~")
# Kinds with markup lines whose words are not content.
_MARKUP_KINDS = frozenset({"admonition", "html", "fence"})
_START_LINE = attrgetter("start_line")
_END_LINE = attrgetter("end_line")


class PageUnit(NamedTuple):
    """An immutable record (a named tuple: a page has thousands of units, and a
    frozen dataclass takes several times as long to build)."""

    kind: str
    start_line: int  # first line of the unit
    end_line: int  # last non-blank line of the whole block, nested content included
    own_lines: tuple[int, ...]  # non-blank lines whose text is this unit's own
    exact: str  # own lines, stripped, joined: equal strings are verbatim copies
    words: tuple[str, ...]  # lower-cased words: equal tuples differ only in markup/emoji
    heading: int | None  # the heading's index when kind == "heading"
    level: int = 0  # the heading's level when kind == "heading"
    # Where the unit sits, for telling a pasted copy from a pattern (context.py):
    section: int | None = None  # index of the heading it sits under (itself for a heading)
    depth: int = 0  # nesting inside lists, admonitions, quotes
    group: int = 0  # an item's list: its first line (0: not an item)
    info: str = ""  # a fence's info string



def _stripped_lines(doc: Document) -> list[str]:
    """Stripped text by 1-based line number, padded with "" past the last block
    (as `doc.line_text` answers for lines outside the page)."""
    last = max((block.end_line for block in doc.index.blocks), default=0)
    stripped = ["", *map(str.strip, doc.lines)]
    stripped.extend([""] * (last + 1 - len(stripped)))
    return stripped


def _last_filled(stripped: list[str], start: int, end: int) -> int:
    while end > start and not stripped[end]:
        end -= 1
    return end


def _filled(stripped: list[str], start: int, end: int) -> tuple[int, list[int]]:
    """The last filled line of `start`..`end` (`start` if none) and the filled lines."""
    if start == end:  # one line: most blocks
        return end, [start] if stripped[start] else []
    end = _last_filled(stripped, start, end)
    # The lines whose stripped text is not empty, picked out in C.
    return end, list(compress(range(start, end + 1), stripped[start:end + 1]))


def _spaced_words(doc: Document) -> list[str]:
    """Each line's lower-cased words joined by spaces, by 1-based line number.

    For the ASCII lines (nearly all), one lower() and byte translate() over them
    all (non-word characters become spaces) does in C what a regex per line
    does; only the other lines take the regex.
    """
    lines = doc.lines
    # The line numbers whose line is not ASCII, picked out in C.
    others = list(compress(count(1), map(not_, map(str.isascii, lines))))
    plain = list(lines)
    for number in others:
        plain[number - 1] = ""  # out of the ASCII pass, keeping the line count
    text = "\n".join(plain)
    spaced = ["", *text.lower().encode("ascii").translate(_ASCII_NON_WORD).decode("ascii")
              .split("\n")]
    for number in others:
        spaced[number] = " ".join(_WORD.findall(lines[number - 1].lower()))
    return spaced


def _unit_words(doc: Document, kind: str, lines: list[int], texts: list[str], spaced: list[str]
                ) -> tuple[str, ...]:
    """Lower-cased words of the unit's own `lines` (stripped: `texts`), markup left out."""
    if kind in ("admonition", "tab") and len(lines) > 1 and texts[0].startswith("///"):
        # A pymdownx.blocks block's options (`    new: true`, `    attrs: {...}`)
        # under its header are settings, not content.
        first = 1
        while first < len(lines) and _BLOCK_OPTION.match(doc.line_text(lines[first])):
            first += 1
        lines, texts = [lines[0], *lines[first:]], [texts[0], *texts[first:]]
    if kind not in _MARKUP_KINDS:
        return tuple(" ".join(map(spaced.__getitem__, lines)).split())
    words: list[str] = []
    if kind == "admonition" and lines:
        # `!!! type "Title"`: only the title is content.
        title = _QUOTED_TITLE.search(doc.line_text(lines[0]))
        words = _WORD.findall(title.group(1).lower()) if title else []
        lines = lines[1:]
    elif kind == "html":
        return tuple(_WORD.findall("\n".join(_TAG.sub(" ", text) for text in texts).lower()))
    elif kind == "fence" and lines:
        # The opening and closing fence lines are markup.
        start = 1 if texts[0][:3] in _FENCES else 0
        stop = len(texts) - 1 if len(texts) > 1 and texts[-1][:3] in _FENCES else len(texts)
        lines = lines[start:stop]
    words.extend(" ".join(map(spaced.__getitem__, lines)).split())
    return tuple(words)


@per_document
def page_units(doc: Document) -> list[PageUnit]:
    """The page's units in reading order; units without words are left out."""
    blocks = doc.index.blocks
    stripped = _stripped_lines(doc)
    spaced = _spaced_words(doc)
    # HTML comments render nothing: prose units leave their words out.
    prose = _without_comments(doc, spaced)
    heading_at = {heading.line: heading for heading in doc.index.headings}
    whole = [block for block in blocks if block.depth == 0 and block.kind in _WHOLE_KINDS]
    # Items inside an admonition, tab or quote belong to that unit.
    wrapped: set[int] = set()
    for block in whole:
        if block.kind in ("admonition", "blockquote", "tab"):
            wrapped.update(range(block.start_line, block.end_line + 1))
    items = [block for block in blocks if block.kind == "item"
             and block.start_line not in wrapped]
    units: list[PageUnit] = []
    for block in whole:
        end, lines = _filled(stripped, block.start_line, block.end_line)
        heading = heading_at.get(block.start_line) if block.kind == "heading" else None
        words_by_line = spaced if block.kind in _VERBATIM_KINDS else prose
        units.append(_make_unit(doc, stripped, words_by_line, block.kind, block.start_line, end,
                                lines, heading, (block.heading, block.depth, 0,
                                                 block.info.strip() if block.kind == "fence"
                                                 else "")))
    items.sort(key=_START_LINE)
    lists = _list_starts(blocks)
    for position, item in enumerate(items):
        end, lines = _filled(stripped, item.start_line, item.end_line)
        if position + 1 < len(items) and items[position + 1].start_line <= end:
            nested = _nested_lines(items, position, end)
            lines = [line for line in lines if line not in nested]
        if len(lines) > 1 and any(_DEFINITION.match(stripped[line]) for line in lines[1:]):
            # Reference definitions indented under the last item render nothing.
            lines = [lines[0], *(line for line in lines[1:]
                                 if not _DEFINITION.match(stripped[line]))]
            while end > item.start_line and (not stripped[end] or _DEFINITION.match(stripped[end])):
                end -= 1
        units.append(_make_unit(doc, stripped, prose, "item", item.start_line, end, lines,
                                None, (item.heading, item.depth, _list_of(lists, item), "")))
    # Reading order: by first line, the enclosing unit first. Two stable sorts on
    # C key functions, not one on a lambda building a tuple per unit.
    units.sort(key=_END_LINE, reverse=True)
    units.sort(key=_START_LINE)
    # An echoed frontmatter is frontmatter-echo's finding, not a repeated block.
    echoed = [(first, last) for first, last, *_ in frontmatter_echoes(doc)]
    if not echoed:
        return [unit for unit in units if unit.words]
    return [unit for unit in units if unit.words and not any(
        unit.start_line <= last and unit.end_line >= first for first, last in echoed)]


def _list_starts(blocks: tuple[Block, ...] | list[Block]) -> dict[int, list[int]]:
    """First lines of the list blocks, by depth (lists at one depth never nest)."""
    starts: dict[int, list[int]] = {}
    for block in blocks:
        if block.kind == "list":
            starts.setdefault(block.depth, []).append(block.start_line)
    for found in starts.values():
        found.sort()
    return starts


def _list_of(lists: dict[int, list[int]], item: Block) -> int:
    """The first line of the list an item belongs to (its items' depth is one more)."""
    found = lists.get(item.depth - 1, [])
    at = bisect_right(found, item.start_line)
    return found[at - 1] if at else 0


def _without_comments(doc: Document, spaced: list[str]) -> list[str]:
    """`spaced` with the words of one-line HTML comments left out."""
    if "<!--" not in doc.text:
        return spaced
    prose = list(spaced)
    for number, line in enumerate(doc.lines, start=1):
        if "<!--" in line:
            prose[number] = " ".join(_WORD.findall(_COMMENT.sub(" ", line).lower()))
    return prose


def _nested_lines(items: list[Block], position: int, end: int) -> set[int]:
    """Lines of the deeper items that start inside item `position` (up to `end`)."""
    depth = items[position].depth
    nested: set[int] = set()
    # An index walk, not a slice: slicing copies the rest of the list per item.
    for at in range(position + 1, len(items)):
        other = items[at]
        if other.start_line > end:
            break
        if other.depth > depth:
            nested.update(range(other.start_line, other.end_line + 1))
    return nested


_NO_PLACE: tuple[int | None, int, int, str] = (None, 0, 0, "")


def _make_unit(doc: Document, stripped: list[str], spaced: list[str], kind: str, start: int,
               end: int, lines: list[int], heading: Heading | None,
               place: tuple[int | None, int, int, str] = _NO_PLACE) -> PageUnit:
    """`place`: the unit's section, depth, group and info (PageUnit)."""
    if len(lines) == 1 and kind not in _MARKUP_KINDS:
        # One line (most items, headings and paragraphs): nothing to join.
        line = lines[0]
        return PageUnit(kind, start, end, (line,), stripped[line], tuple(spaced[line].split()),
                        heading.index if heading else None, heading.level if heading else 0,
                        *place)
    texts = list(map(stripped.__getitem__, lines))
    exact = "\n".join(texts)
    if kind in _CODE_KINDS:
        # Code keeps its indentation, relative to the block's: listings that
        # differ only in how a line is indented are not copies.
        raw = [doc.line_text(line).rstrip().expandtabs(4) for line in lines]
        margin = min(len(text) - len(text.lstrip()) for text in raw)
        exact = "\n".join(text[margin:] for text in raw)
    return PageUnit(kind, start, end, tuple(lines), exact,
                    _unit_words(doc, kind, lines, texts, spaced),
                    heading.index if heading else None, heading.level if heading else 0, *place)
