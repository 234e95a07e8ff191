"""Pasted copy or pattern: the evidence the repeated-content rules weigh.

Pages repeat text on purpose. Reference entries are written from one template
and differ in a few words; sections of a changelog or of per-version upgrade
notes share their sub-headings and their boilerplate; content tabs show
alternatives of one example; a source listing is followed by its rendered
result; demos are filled with lorem ipsum; include directives name other
files. An editor calls a repeat a mistake when it is a pasted copy: verbatim,
and either next to its original, in the same section, or in a place that is
not a slot of a shared layout.

Three kinds of evidence are read, none of them from the page's language:

* units that are never paired: include directives, placeholder text, a
  rendered result of the listing above it, the annotations of a code block;
* pairs that are never compared: code and prose, code blocks with different
  info strings (a language, a title, line numbers: variants of one listing),
  tabs of one tab set;
* where the two copies sit: how far apart, under which headings, and whether
  those headings are slots of a parallel structure (headings that share a
  template, sibling sections with sub-headings or other repeats in common, the
  same boilerplate in three or more sibling sections, lists that share some
  steps and go on differently).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING

from curriculint.checks.duplicates.blocks import PageUnit
from curriculint.load.document import per_document

if TYPE_CHECKING:
    from curriculint.index.records import Block, Heading
    from curriculint.load.document import Document

_CODE = frozenset({"fence", "code"})
_WORD = re.compile(r"[^\W_]+")
# What a reader does not read as words: a web link's destination, an attribute list
# (a page's own anchors and paths are read: a table of contents is its links)
UNREAD = re.compile(r"\]\(https?://[^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)"
                    r"|\{[:\s]*[.#:][^{}]*\}|\{:[^{}]*\}")
# A question stem: it ends with a question mark (before closing markup).
_QUESTION = re.compile(r"[?？]\W*$")
_IDENTIFIER = re.compile(r"\w+")
_FENCE_LINE = ("```", "~~~")

# A line that only includes another file or generated content: pymdownx.snippets
# (`--8<-- "file"`), `{* file *}`, Jinja and mkdocs-include-markdown / macros
# (`{% include "x" %}`, `{{ macro() }}`), markdown-include (`{!file!}`),
# comment includes (`<!--@include: file-->`), `@import`, mkdocstrings
# (`::: package.module`), reStructuredText include directives.
_INCLUDE = re.compile(
    r"""^(?:-{1,3}8<-{1,3}(?:\s.*)?
        |\{\*.*\*\}
        |\{%-?\s*(?:include|include_markdown|include-markdown|import|from|extends|embed)\b.*%\}
        |\{\{.*\}\}
        |\{!.*!\}
        |<!--\s*@?include\b.*-->
        |@import\s+\S.*
        |:::\s*\S.*
        |\.\.\s+(?:include|literalinclude)::.*)$""", re.VERBOSE | re.IGNORECASE)
# Directives whose block goes on with options on the following lines.
_BLOCK_DIRECTIVE = re.compile(r"^(?::::\s*\S|-{1,3}8<-{1,3}\s*$)")
# Placeholder Latin: the classic passage and the words filler generators draw on.
_LOREM = frozenset((
    "lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "consectetuer", "adipiscing",
    "adipisicing", "elit", "sed", "eiusmod", "tempor", "incididunt", "ut", "labore",
    "et", "dolore", "magna", "aliqua", "enim", "ad", "minim", "veniam", "quis", "nostrud",
    "exercitation", "ullamco", "laboris", "nisi", "aliquip", "ex", "ea", "commodo",
    "consequat", "duis", "aute", "irure", "reprehenderit", "voluptate", "velit", "esse",
    "cillum", "eu", "fugiat", "nulla", "pariatur", "excepteur", "sint", "occaecat",
    "cupidatat", "non", "proident", "sunt", "culpa", "qui", "officia", "deserunt", "mollit",
    "anim", "est", "laborum", "ac", "accumsan", "aenean", "aliquam", "ante", "arcu",
    "auctor", "augue", "bibendum", "blandit", "condimentum", "congue", "convallis",
    "cras", "cursus", "dapibus", "diam", "dictum", "dignissim", "donec", "egestas", "eget",
    "eleifend", "elementum", "eros", "erat", "etiam", "euismod", "facilisis", "fames",
    "faucibus", "felis", "fermentum", "feugiat", "finibus", "fringilla", "fusce", "gravida",
    "habitant", "hendrerit", "iaculis", "imperdiet", "integer", "interdum", "justo", "lacinia",
    "lacus", "laoreet", "lectus", "leo", "libero", "ligula", "lobortis", "luctus", "maecenas",
    "malesuada", "massa", "mattis", "mauris", "metus", "mi", "mollis", "morbi", "nam", "nec",
    "neque", "netus", "nibh", "nisl", "nunc", "odio", "orci", "ornare", "pellentesque",
    "pharetra", "phasellus", "placerat", "porta", "porttitor", "posuere", "praesent",
    "pretium", "primis", "proin", "purus", "quam", "quisque", "rhoncus", "risus", "rutrum",
    "sagittis", "sapien", "scelerisque", "sem", "semper", "senectus", "sodales",
    "sollicitudin", "suscipit", "suspendisse", "tellus", "tempus", "tincidunt", "tortor",
    "tristique", "turpis", "ullamcorper", "ultrices", "ultricies", "urna", "varius",
    "vehicula", "vel", "venenatis", "vestibulum", "vitae", "vivamus", "viverra", "volutpat",
    "vulputate",
))
_LOREM_SHARE = 0.6
# A code annotation marker in a listing: `# (1)`, `// (2)`, `(3)!`.
_ANNOTATION = re.compile(r"(?:#|//|--|/\*|<!--|;|%)\s*\(\d+\)|\(\d+\)!")
_ORDERED_ITEM = re.compile(r"^\d+[.)]\s")
# An item that is a link first: a table of contents' or a "see also" list's entry.
_LINK_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+(?:\*\*|__)?\[")
# Share of a unit's three-word shingles found in the listing above it for the
# unit to be that listing's rendered result.
_RENDERED = 0.8
# Headings from one template: this share of their words in order alike.
_TEMPLATE = 0.5
_ASIDE_UNITS = 2  # blocks one of two sibling sections may hold beyond the other's
# A heading that names an HTTP endpoint: a method and a path (`GET /users/{id}`).
_ENDPOINT = re.compile(r"^[`*_]*(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+`?/", re.IGNORECASE)
_CODE_NAME = re.compile(r"`[^`\s]+(?:\(\))?`")  # a heading that is a name in code
# ... or an entry of a catalogue of rules or settings: a code and its name
# (`DOC01: missing-doc`, `E501 line-too-long`), or a name in kebab or snake case.
_ENTRY_NAME = re.compile(r"[A-Z]{1,6}-?\d{1,5}(?:\s*[:\u2013\u2014-]\s*|\s+)\S.*"
                         r"|[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+")
_LABEL_WORDS = 8  # a label line: a term and a few words about it
# A line that is emphasis alone (`**Step two**`, `*Results:*`): a heading in all but markup.
_EMPHASIS_ALONE = re.compile(r"(\*\*|__|\*|_)[^*_\n]+\1:?")
# Boilerplate: the same unit in this many sibling sections.
_BOILERPLATE_SECTIONS = 3


def _shingles(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    if len(words) < 3:
        return {words} if words else set()
    return set(zip(words, words[1:], words[2:], strict=False))


def is_include(doc: Document, unit: PageUnit) -> bool:
    """Every line of the unit includes another file or generated content."""
    texts = [doc.line_text(line).strip() for line in unit.own_lines]
    if unit.kind == "fence":
        texts = [text for text in texts if not text.startswith(_FENCE_LINE)]
    texts = [text for text in texts if text]
    if not texts:
        return False
    if _BLOCK_DIRECTIVE.match(texts[0]):
        return True  # `::: module` with its options, a block of snippet file names
    return all(_INCLUDE.match(text) for text in texts)


# A blank to fill in (`Name: ________`, escaped `\\_\\_\\_\\_` too): a form offers
# the same slot again on purpose.
_BLANK_TO_FILL = re.compile(r"(?:\\?_){4,}")


# A footnote's definition (`[^6]: See [ash.txt](...)`): each belongs to its reference,
# and two notes that cite one source are two notes.
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]:")


# A listing markdown-exec runs in a named session (`exec="true" session="s"`): run
# again after the session changed, the same code shows another result.
_EXEC = re.compile(r"""\bexec=["']?(?:true|on|yes|1)\b""", re.IGNORECASE)
_SESSION = re.compile(r"""\bsession=["']?[^\s"']""")


def runs_in_session(unit: PageUnit) -> bool:
    return unit.kind == "fence" and _EXEC.search(unit.info) is not None and \
        _SESSION.search(unit.info) is not None


def is_placeholder(words: tuple[str, ...]) -> bool:
    """Lorem ipsum and its kin."""
    if not words:
        return False
    if ("lorem", "ipsum") in pairwise(words):
        return True
    return len(words) >= 3 and sum(word in _LOREM for word in words) >= _LOREM_SHARE * len(words)


def is_formula(unit: PageUnit) -> bool:
    """A paragraph of display math (`$$ ... $$`, `\\[ ... \\]`, `\\begin{..} ... \\end{..}`),
    or a paragraph or list item that is one inline formula (`$...$`): a
    derivation restates its formulas, one term changed at a time."""
    text = unit.exact
    if unit.kind == "item":
        # An item that is a formula and nothing else (`- $P(t)=K p(t)$`): the words
        # of a formula leave its operators out, so two formulas read alike.
        text = text.lstrip("-*+0123456789.) ")
        return len(text) > 2 and text.startswith("$") and text.endswith("$")
    return unit.kind == "paragraph" and (
        (text.startswith("$$") and text.endswith("$$"))
        or (text.startswith("\\[") and text.endswith("\\]"))
        or (text.startswith("\\begin{") and "\\end{" in text[-40:])
        or (len(text) > 2 and text.startswith("$") and text.endswith("$")))


# A paragraph that is one link and nothing else (emphasis, an attribute list aside):
# a pointer.
_POINTER = re.compile(r"[_*]*\[[^\[\]]+\](?:\([^()\s]*(?:\s+\"[^\"]*\")?\)|\[[^\[\]]*\])[_*]*[.:]?"
                      r"(?:\s*\{[^{}]*\})?")  # (a button: `{ .md-button }`)


def inert_units(doc: Document, units: Sequence[PageUnit]) -> list[bool]:
    """Units that are never paired with another: includes, placeholders, slots
    of a form (blanks to fill in), display math, pointers (a paragraph that is
    one link: "see lesson 2" under each group), footnote definitions, listings
    run in a session (markdown-exec: a re-run shows another result), the rendered
    result of the listing right above, a plain fence right under a listing (its
    output), a listing's annotations."""
    inert = [unit.kind != "heading" and (
        is_placeholder(unit.words) or is_formula(unit) or is_include(doc, unit)
        or (unit.kind not in ("fence", "code") and _BLANK_TO_FILL.search(unit.exact) is not None)
        or (unit.kind == "paragraph" and _POINTER.fullmatch(unit.exact) is not None)
        or (unit.kind == "paragraph" and _FOOTNOTE.match(unit.exact) is not None)
        or runs_in_session(unit))
        for unit in units]
    for at, unit in enumerate(units):
        if unit.kind == "fence":
            _mark_rendered(units, at, inert)
            if at and _output_of(units[at - 1], unit):
                inert[at] = True
    _mark_annotations(doc, units, inert)
    if "](#" in doc.text:
        _mark_section_contents(doc, units, inert)
    if "<style" in doc.text:
        _mark_styles(doc, units, inert)
    return inert


# A list entry that opens with a link to another page, a few words after it:
# `- [Part two](part-two.md): picking the leaves`.
_POINTER_ENTRY = re.compile(r"(?:[-*+]|\d+[.)])\s+[_*]*\[[^\[\]]+\]\((?!#)[^()\s]+\)[_*]*"
                            r"(?:\s*[:\u2013\u2014-]?\s+[^\n]{0,120})?")


_STYLE_OPEN = re.compile(r"<style\b", re.IGNORECASE)
_STYLE_CLOSE = re.compile(r"</style\s*>", re.IGNORECASE)


def _mark_styles(doc: Document, units: Sequence[PageUnit], inert: list[bool]) -> None:
    """CSS in `<style>` elements (what a notebook's converter writes before every
    table it shows): the page's looks, not its content."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for number, line in enumerate(doc.lines, start=1):
        if not start and _STYLE_OPEN.search(line):
            start = number
        if start and _STYLE_CLOSE.search(line):
            ranges.append((start, number))
            start = 0
    lows = [low for low, _ in ranges]
    for at, unit in enumerate(units):
        # (a unit that ends inside the element: its opening, or its CSS, which a
        # blank line in it leaves as a block of its own)
        found = bisect_right(lows, unit.end_line) - 1
        if unit.kind != "heading" and found >= 0 and unit.end_line <= ranges[found][1]:
            inert[at] = True


# A list entry that is one link into the page: `- [Install](#install)`.
_IN_PAGE_ENTRY = re.compile(r"(?:[-*+]|\d+[.)])\s+\[[^\[\]]+\]\(#([^()\s]+)\)")


def _mark_section_contents(doc: Document, units: Sequence[PageUnit], inert: list[bool]) -> None:
    """Entries of a section's own contents list: each links to a subsection of the
    section (below the title) the list sits in, further down. The page's table of
    contents lists them too, on purpose; a contents list pasted elsewhere points
    out of its section, and the page's own, pasted twice, is a copy."""
    headings = doc.index.headings
    by_id = {heading.id: heading for heading in headings}
    for at, unit in enumerate(units):
        if unit.kind != "item":
            continue
        match = _IN_PAGE_ENTRY.fullmatch(unit.exact)
        target = by_id.get(match.group(1)) if match else None
        if target is None or unit.section is None or target.line <= unit.start_line:
            continue
        section = headings[unit.section]
        if section.level == 1:
            continue  # the page's own table of contents: pasted twice, it is a copy
        if target.level > section.level and all(
                heading.level > section.level for heading in headings
                if section.line < heading.line < target.line):
            inert[at] = True


_OUTPUT_INFO = frozenset({"", "text", "txt", "output", "out", "console", "plaintext", "result"})


def _output_of(listing: PageUnit, unit: PageUnit) -> bool:
    """A plain fence right under a listing (a blank line between at most): the
    listing's output. Two ways to a result show it twice; the listings differ,
    and a pasted pair is told by its listing."""
    info = unit.info.split(None, 1)[0].lower().lstrip(".{") if unit.info.strip() else ""
    return listing.kind == "fence" and info in _OUTPUT_INFO and \
        0 < unit.start_line - listing.end_line <= 2


def _mark_rendered(units: Sequence[PageUnit], at: int, inert: list[bool]) -> None:
    """The units right after listing `at` whose text the listing holds: its result."""
    listing = units[at]
    shingles = _shingles(listing.words)
    vocabulary = set(listing.words)
    for later in range(at + 1, len(units)):
        unit = units[later]
        if unit.kind == "heading" or unit.kind in _CODE or unit.start_line <= listing.end_line:
            return
        if len(unit.words) < 3:
            if not vocabulary.issuperset(unit.words):
                return
        else:
            found = _shingles(unit.words)
            if len(found & shingles) < _RENDERED * len(found):
                return
        inert[later] = True


def _annotated_ends(doc: Document) -> Iterator[int]:
    """The last line of each block whose `(1)` markers an ordered list after it
    explains: a listing with markers, and Material's `<div class="annotate"
    markdown>` (up to its closing tag)."""
    for block in doc.index.blocks:
        if block.kind == "fence" and any(
                _ANNOTATION.search(doc.line_text(line))
                for line in range(block.start_line, block.end_line + 1)):
            yield block.end_line
        elif block.kind == "html" and "annotate" in doc.line_text(block.start_line) and \
                _ANNOTATE_DIV.match(doc.line_text(block.start_line)):
            depth = 0
            for line in range(block.start_line, len(doc.lines) + 1):
                text = doc.line_text(line)
                depth += len(_DIV_OPEN.findall(text)) - len(_DIV_CLOSE.findall(text))
                if depth <= 0:
                    yield line
                    break


def _mark_annotations(doc: Document, units: Sequence[PageUnit], inert: list[bool]) -> None:
    """An ordered list right after a listing with `(1)` markers, or after an
    annotated div, annotates it (in a content tab or a list item too); blank
    lines and HTML comments may stand between."""
    first_item = {unit.start_line: unit for unit in units if unit.kind == "item"}
    for end in _annotated_ends(doc):
        line = end + 1
        while line <= len(doc.lines) and (not doc.line_text(line).strip() or _COMMENT_LINE.match(
                doc.line_text(line))):
            line += 1
        first = first_item.get(line)
        if first is None or not _ORDERED_ITEM.match(doc.line_text(line).strip()):
            continue
        for at, unit in enumerate(units):
            if unit.kind == "item" and unit.group == first.group:
                inert[at] = True


_ANNOTATE_DIV = re.compile(r"""^\s*<div\b[^>]*\bclass=["'][^"']*\bannotate\b""",
                           re.IGNORECASE)
_DIV_OPEN = re.compile(r"<div\b", re.IGNORECASE)
_DIV_CLOSE = re.compile(r"</div\s*>", re.IGNORECASE)
_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")


# The term an entry opens with, after its list, quote or callout marker: `code`,
# a link's text or bold text (`- **retries**: ...`, `> [!SETTINGS] [tile_url](...)`).
_OPENING_TERM = re.compile(r"^[>\s]*(?:(?:[-*+]|\d+[.)])\s+)?(?:\[![^\]]*\][-+]?\s*)?"
                           r"(?:`([^`\n]+)`|\[([^\]\n]+)\]\(|\*\*([^*\n]+)\*\*"
                           # a quote that opens with a heading: `> ##### Crop left`
                           r"|(?<=>)\s*#{1,6}[ \t]+([^\n#]+?)\s*#*\s*$)", re.MULTILINE)


# A box titled with a name (`??? example "ignore_docs"`): a parameter's entry.
_BOX_NAME = re.compile(r'(?:!!!|\?\?\?\+?) ?[\w-]+(?: +[\w-]+)* +"`?([^"`\s]+)`?"\s*')


def opening_term(unit: PageUnit) -> str:
    """The term a list item, quote or paragraph opens with, or the name an
    admonition is titled with; "" for none."""
    if unit.kind == "admonition":
        titled = _BOX_NAME.fullmatch(unit.exact.split("\n", 1)[0])
        return titled[1] if titled else ""
    if unit.kind not in ("item", "blockquote", "paragraph"):
        return ""
    found = _OPENING_TERM.match(unit.exact)
    return next((part for part in found.groups() if part), "") if found else ""


def slide_deck(doc: Document) -> bool:
    """A Marp deck (`marp: true`): slides between `---` rules, each with its own
    heading ("Solution" on two slides in a row) and recaps of earlier slides."""
    return doc.frontmatter.present and doc.frontmatter.data.get("marp") is True


def images_shown(doc: Document, units: Sequence[PageUnit]) -> list[frozenset[str]]:
    """For each unit, the images its own lines show: two figures with other
    images are two figures, however alike their captions and credit lines."""
    shown: defaultdict[int, set[str]] = defaultdict(set)
    for link in doc.index.links:
        if link.kind in ("image", "image-reference") or (
                link.kind == "html" and link.text in ("img", "source")):
            shown[link.span.line].add(link.target)
    if not shown:
        return [frozenset()] * len(units)
    return [frozenset(target for line in unit.own_lines for target in shown.get(line, ()))
            for unit in units]


_CONTAINERS = frozenset({"admonition", "tab", "blockquote"})


def listing_bodies(doc: Document, units: Sequence[PageUnit]) -> list[bool]:
    """For each unit, whether it is a box (admonition, tab, quote) whose body is
    listings only: the source of what a box beside it shows rendered ("What you
    type" / "What readers see"), never its copy."""
    if not any(unit.kind in _CONTAINERS for unit in units):
        return [False] * len(units)
    fenced: set[int] = set()
    for block in doc.index.blocks:
        if block.kind in _CODE:
            fenced.update(range(block.start_line, block.end_line + 1))
    if not fenced:
        return [False] * len(units)
    return [unit.kind in _CONTAINERS and len(unit.own_lines) > 1 and all(
        line in fenced for line in unit.own_lines[1:]) for unit in units]


def tab_places(doc: Document, units: Sequence[PageUnit]) -> list[frozenset[tuple[int, int]]]:
    """For each unit, the (tab set, tab) pairs of the content tabs it sits in
    (a tab unit: its own), and the (if line, branch) pairs of the template
    conditionals. Tabs of one set follow each other with nothing but
    blank lines between (and the `///` that closes a pymdownx.blocks tab);
    `===!` or a blocks tab's `new: true` starts a new set."""
    tabs = sorted((block for block in doc.index.blocks if block.kind == "tab"),
                  key=lambda block: (block.depth, block.start_line))
    branches = template_branches(doc)
    if branches:
        # Branches of one conditional are alternatives too: (if line, branch).
        in_branches = [branch_places(branches, unit.start_line) for unit in units]
        if not tabs:
            return in_branches
        return [places | in_tabs for places, in_tabs in
                zip(in_branches, _tab_places(doc, units, tabs), strict=True)]
    if not tabs:
        return [frozenset()] * len(units)
    return _tab_places(doc, units, tabs)


def _tab_places(doc: Document, units: Sequence[PageUnit], tabs: list[Block]
                ) -> list[frozenset[tuple[int, int]]]:
    sets: list[tuple[int, int, int]] = []  # (set, first line, last line) of each tab
    previous = None
    for block in tabs:
        joined = (previous is not None and previous.depth == block.depth
                  and not _NEW_SET.match(doc.line_text(block.start_line))
                  and not _NEW_BLOCK_SET.match(doc.line_text(block.start_line + 1))
                  and not any(doc.line_text(line).strip("/ \t")
                              for line in range(previous.end_line + 1, block.start_line)))
        tab_set = sets[-1][0] if joined else block.start_line
        sets.append((tab_set, block.start_line, block.end_line))
        previous = block
    return [frozenset((tab_set, start) for tab_set, start, end in sets
                      if start <= unit.start_line <= end) for unit in units]


# A line that is only a Jinja conditional tag (mkdocs-macros and its kin).
_BRANCH_TAG = re.compile(r"^\s*\{%-?\s*(if|elif|else|endif)\b[^%]*-?%\}\s*$")


@per_document
def template_branches(doc: Document) -> list[tuple[int, int, int, int]]:
    """(first line, last line, `if` line, branch) of each branch of the page's
    `{% if %}` ... `{% else %}` ... `{% endif %}` blocks: only one branch is
    rendered, so two branches of one block are alternatives, like tabs."""
    if "{%" not in doc.text:
        return []
    branches: list[tuple[int, int, int, int]] = []
    open_blocks: list[tuple[int, int, int]] = []  # (if line, branch, branch start)
    for number, line in enumerate(doc.lines, start=1):
        if "{%" not in line:
            continue
        tag = _BRANCH_TAG.match(line)
        if tag is None:
            continue
        if tag[1] == "if":
            open_blocks.append((number, 0, number + 1))
        elif open_blocks:
            if_line, branch, start = open_blocks.pop()
            branches.append((start, number - 1, if_line, branch))
            if tag[1] != "endif":
                open_blocks.append((if_line, branch + 1, number + 1))
    return branches


def branch_places(branches: list[tuple[int, int, int, int]], line: int
                  ) -> frozenset[tuple[int, int]]:
    """The (if line, branch) pairs of the conditional branches `line` is in."""
    return frozenset((if_line, branch) for start, end, if_line, branch in branches
                     if start <= line <= end)


_NEW_SET = re.compile(r"^\s*===!")
_NEW_BLOCK_SET = re.compile(r"^\s+new:\s*true\s*$", re.IGNORECASE)


def _info(unit: PageUnit) -> str:
    return " ".join(unit.info.lower().split())


def pairable(one: PageUnit, two: PageUnit, tabs_one: frozenset[tuple[int, int]] = frozenset(),
             tabs_two: frozenset[tuple[int, int]] = frozenset()) -> bool:
    """Whether two units may be copies of each other at all."""
    if (one.kind in _CODE) != (two.kind in _CODE):
        return False  # a listing and prose: a source and its rendered result, say
    if one.kind in _CODE and _info(one) != _info(two):
        return False  # another language, title or line numbering: variants of one listing
    # Tabs of one tab set are alternatives; only one shows at a time.
    return not any(set_one == set_two and tab_one != tab_two
                   for set_one, tab_one in tabs_one for set_two, tab_two in tabs_two)


def words_of(heading: Heading) -> tuple[str, ...]:
    """A heading's words: of its text, or of its source when the text is empty
    (a heading made by a hook from `<!-- md:setting config.name -->`)."""
    text = heading.text if _WORD.search(heading.text) else heading.raw
    words = _WORD.findall(text.lower())
    if text.isascii():
        return tuple(words)
    return tuple(piece for word in words for piece in _unspaced(word))


def _unspaced(word: str) -> list[str]:
    """Chinese and Japanese are written without spaces: each of their characters
    counts as a word, so two headings that share most of their characters share
    most of their words ('启动时运行的示例工具', '自动重启的示例工具'). Korean
    spaces its words; other letters stay as they are."""
    pieces: list[str] = []
    run = ""
    for char in word:
        if unicodedata.east_asian_width(char) in ("W", "F") and \
                not unicodedata.name(char, "").startswith("HANGUL"):
            if run:
                pieces.append(run)
                run = ""
            pieces.append(char)
        else:
            run += char
    if run:
        pieces.append(run)
    return pieces


class PageContext:
    """The page's structure, read once per page for every repeat on it."""

    def __init__(self, units: Sequence[PageUnit], headings: Sequence[Heading],
                 near: dict[tuple[int, int], float],
                 chains: Sequence[Sequence[tuple[int, int]]], breaks: Sequence[int] = (),
                 includes: Sequence[int] = (), tables: Sequence[tuple[int, int]] = ()
                 ) -> None:
        """`chains`: the runs of similar units found on the page, each one once;
        `breaks`: the lines of the page's top-level thematic breaks (`---`);
        `includes`: the lines where it includes a file; `tables`: the lines of
        its raw HTML tables."""
        self.includes = includes
        self.tables = tables
        self.units = units
        self.headings = headings
        self.near = near
        self.chains = chains
        self.breaks = sorted(breaks)
        self._growing: dict[int, frozenset[int]] = {}
        self._parents: list[int | None] | None = None
        self._alike_to: dict[int, set[int]] | None = None

    # -- headings ------------------------------------------------------------

    def key(self, heading: int) -> tuple[str, ...]:
        return words_of(self.headings[heading])

    def parent(self, heading: int | None) -> int | None:
        return None if heading is None else self.headings[heading].parent

    def ancestors(self, heading: int | None) -> list[int]:
        """`heading` and the headings above it, innermost first."""
        found = []
        while heading is not None:
            found.append(heading)
            heading = self.headings[heading].parent
        return found

    def same_place(self, one: int | None, two: int | None) -> bool:
        """One section, or two sections with the same heading under the same
        parent or under parents that are themselves the same place: a section
        or a stretch of sections that is itself a copy."""
        while one != two:
            if one is None or two is None:
                return False
            first, second = self.headings[one], self.headings[two]
            if first.level != second.level or self.key(one) != self.key(two):
                return False
            one, two = first.parent, second.parent
        return True

    def siblings(self, one: int | None, two: int | None) -> bool:
        return (one is not None and two is not None and one != two
                and self.headings[one].parent == self.headings[two].parent
                and self.headings[one].level == self.headings[two].level)

    def _templated(self, one: int, two: int) -> bool:
        """Two different headings written from one template: half of their
        words, in order, are the same ('Upgrading from 6.x to 7.x' and
        'Upgrading from 7.x to 8.x'; 'config.tags_sort_by' and
        'config.listings_sort_by'; not 'Core concepts' and 'Core architecture pattern')."""
        first, second = self.key(one), self.key(two)
        if not first or not second or first == second:
            return False
        if self._endpoint(one) and self._endpoint(two):
            return True  # `PATCH /me` and `PATCH /{user_id}`: entries of an API reference
        if self._identifier(one) and self._identifier(two):
            return True  # `### \`boolean\`` and `### \`anonymous\``: a reference's entries
        return SequenceMatcher(None, first, second, autojunk=False).ratio() >= _TEMPLATE

    def _endpoint(self, heading: int) -> bool:
        return _ENDPOINT.match(self.headings[heading].text) is not None

    def _identifier(self, heading: int) -> bool:
        """A heading that is a name in code and nothing else (`` `boolean` ``), or
        a catalogue entry's code and name (`GL01: glaze-too-thin`)."""
        found = self.headings[heading]
        return _CODE_NAME.fullmatch(found.raw.strip()) is not None or \
            _ENTRY_NAME.fullmatch(found.text.strip()) is not None


    def entries_of_a_reference(self, one: int | None, two: int | None) -> bool:
        """Sibling headings written from one template (`GET /gardens/beds` and
        `GET /gardens/sheds`): entries of a reference, each about its own subject,
        a name on each side. Headings that differ in a number only (`Step 1`,
        `Step 2`) are steps of one sequence, and the same text twice is a paste."""
        if one is None or two is None or not self.siblings(one, two) \
                or not self._templated(one, two):
            return False
        if self._endpoint(one) and self._endpoint(two):
            return True
        first, second = set(self.key(one)), set(self.key(two))
        return all(any(len(word) >= 3 and word.isalpha() for word in side)
                   for side in (first - second, second - first))

    @cached_property
    def _children(self) -> dict[int | None, dict[tuple[str, ...], int]]:
        children: dict[int | None, dict[tuple[str, ...], int]] = defaultdict(dict)
        for heading in self.headings:
            children[heading.parent].setdefault(self.key(heading.index), heading.index)
        return children

    @cached_property
    def _heading_units(self) -> dict[int, int]:
        return {unit.heading: at for at, unit in enumerate(self.units)
                if unit.heading is not None}

    def _content(self, heading: int) -> int:
        """A fingerprint of the words under a heading, subsections included."""
        start = self._heading_units.get(heading)
        if start is None:
            return 0
        level, words = self.units[start].level, []
        for unit in self.units[start + 1:]:
            if unit.kind == "heading" and unit.level <= level:
                break
            words.append(unit.words)
        return hash(tuple(words))

    @cached_property
    def _links(self) -> dict[tuple[int | None, int | None], int]:
        """For each pair of sections, how many separate runs of similar but
        edited units join their subtrees (verbatim runs are copies, not a layout)."""
        links: dict[tuple[int | None, int | None], int] = defaultdict(int)
        for chain in self.chains:
            if all(self.units[one].words == self.units[two].words for one, two in chain):
                continue
            first, second = chain[0]
            for one in {*self.ancestors(self.units[first].section), None}:
                for two in {*self.ancestors(self.units[second].section), None}:
                    if one != two:
                        links[(one, two)] += 1
                        links[(two, one)] += 1
        return links

    def _shared_layout(self, one: int, two: int, repeated: set[tuple[str, ...]]) -> bool:
        """Sibling-like sections that share more than the repeat in question: a
        sub-heading that is not part of it, or another separate run of similar units."""
        mine, theirs = self._children.get(one, {}), self._children.get(two, {})
        # A sub-heading both have, over different content (the same content
        # under it would be another copy).
        if any(key not in repeated and self._content(mine[key]) != self._content(theirs[key])
               for key in mine.keys() & theirs.keys()):
            return True
        return self._links.get((one, two), 0) >= 2

    def under_other_entries(self, originals: Sequence[int], copies: Sequence[int]) -> bool:
        """Each run is nested under an entry of one list, and the entries differ
        (`**Sorted array**:` and `**Search tree**:`, each with the same three
        costs): one template's slots, each about its own entry."""
        mine, theirs = self._parent_item(originals[0]), self._parent_item(copies[0])
        if mine is None or theirs is None or mine == theirs:
            return False
        one, two = self.units[mine], self.units[theirs]
        return one.group == two.group and one.depth == two.depth and one.words != two.words

    def _parent_item(self, at: int) -> int | None:
        """The list item unit `at` is nested in, if it is nested in one."""
        if self._parents is None:
            # One pass: the items open at each unit, innermost last.
            parents: list[int | None] = []
            open_items: list[int] = []
            for position, unit in enumerate(self.units):
                if unit.kind == "heading":
                    open_items.clear()
                if unit.kind != "item":
                    parents.append(None)
                    continue
                while open_items and (self.units[open_items[-1]].end_line < unit.start_line
                                      or self.units[open_items[-1]].depth >= unit.depth):
                    open_items.pop()
                parents.append(open_items[-1] if unit.depth >= 2 and open_items else None)
                open_items.append(position)
            self._parents = parents
        return self._parents[at]

    def answers_to_questions(self, originals: Sequence[int], copies: Sequence[int]) -> bool:
        """Each run follows a question of its own (`Which frame goes first under
        FIFO?` / `... under LRU?`): the choices a quiz offers again for each."""
        before_one, before_two = originals[0] - 1, copies[0] - 1
        if before_one < 0 or before_two in originals or before_two <= before_one:
            return False
        one, two = self.units[before_one], self.units[before_two]
        return (one.kind == two.kind and one.kind in ("paragraph", "item")
                and _QUESTION.search(one.exact) is not None
                and _QUESTION.search(two.exact) is not None and one.words != two.words)

    def catalogue_entries(self, originals: Sequence[int], copies: Sequence[int]) -> bool:
        """Each run is the whole body of a sibling section, a body holding a table,
        and another sibling lays its body out alike (the same kinds of blocks, the
        same table headers) with other values: entries of a catalogue (each
        creature's loot, each plan's limits) where two entries hold the same data."""
        one, two = self.units[originals[0]].section, self.units[copies[0]].section
        if one is None or two is None or not self.siblings(one, two) \
                or self.key(one) == self.key(two):
            return False
        bodies = self._bodies
        first, second = bodies.get(one), bodies.get(two)
        if (first is None or second is None or list(originals) != list(first)
                or list(copies) != list(second)
                or not any(self.units[at].kind == "table" for at in first)):
            return False
        layout = self._layout(first)
        parent, level = self.headings[one].parent, self.headings[one].level
        return any(
            heading.parent == parent and heading.level == level
            and heading.index not in (one, two) and (body := bodies.get(heading.index))
            and self._layout(body) == layout
            and [self.units[at].words for at in body] != [self.units[at].words for at in first]
            for heading in self.headings)

    @cached_property
    def _bodies(self) -> dict[int, list[int]]:
        """The units under each heading, up to its first sub-heading."""
        bodies: dict[int, list[int]] = {}
        for at, unit in enumerate(self.units):
            if unit.kind != "heading" and unit.section is not None:
                bodies.setdefault(unit.section, []).append(at)
        return bodies

    def _layout(self, body: Sequence[int]) -> list[tuple[str, str]]:
        return [(self.units[at].kind, self.units[at].exact.split("\n", 1)[0]
                 if self.units[at].kind == "table" else "") for at in body]

    def under_other_labels(self, originals: Sequence[int], copies: Sequence[int]) -> bool:
        """Each run follows a label of its own, a short line that opens with its
        term (`**Redis:**`, `**Kafka (bridged):**`): the variants a step shows, each
        with its listing, where two variants share one."""
        before_one, before_two = originals[0] - 1, copies[0] - 1
        if before_one < 0 or before_two in originals or before_two <= before_one:
            return False
        one, two = self.units[before_one], self.units[before_two]
        if one.kind != "paragraph" or two.kind != "paragraph" or \
                len(one.words) > _LABEL_WORDS or len(two.words) > _LABEL_WORDS:
            return False
        first, second = opening_term(one), opening_term(two)
        return bool(first) and bool(second) and first != second

    def under_own_pseudo_headings(self, originals: Sequence[int], copies: Sequence[int]
                                  ) -> bool:
        """Both runs are part of lists that go on with items of their own, and
        each list follows its own emphasized line (`**Results for the north
        wing**`, `*Conclusions for purity*`): a page that marks its parts with
        bold lines instead of headings, where what two parts share is said in
        both, as under sibling headings."""
        if not self.diverging_lists(originals, copies):
            return False
        one = self._pseudo_heading(self._items_only(originals)[0])
        two = self._pseudo_heading(self._items_only(copies)[0])
        return one is not None and two is not None and \
            self.units[one].words != self.units[two].words

    def _pseudo_heading(self, item: int) -> int | None:
        """The nearest line of emphasis alone before item `item`'s list, in its
        section (None where a heading comes first)."""
        section = self.units[item].section
        for at in range(self._list_items(self._outermost(item))[0] - 1, -1, -1):
            unit = self.units[at]
            if unit.kind == "heading" or unit.section != section:
                return None
            if unit.kind == "paragraph" and unit.depth == 0 and \
                    len(unit.words) <= _LABEL_WORDS and _EMPHASIS_ALONE.fullmatch(unit.exact):
                return at
        return None

    @cached_property
    def _first_section(self) -> Heading | None:
        return next((heading for heading in self.headings if heading.level >= 2), None)

    def points_back(self, originals: Sequence[int], copies: Sequence[int]) -> bool:
        """The block right before the copy links to the original's section
        (`Let's go back to [the example](#missing-water)`): shown again on
        purpose, as the text says."""
        section = self.units[originals[0]].section
        before = copies[0] - 1
        if section is None or before < 0 or before in originals:
            return False
        anchor = self.headings[section].id
        text = self.units[before].exact
        return bool(anchor) and (f"(#{anchor})" in text or f'"#{anchor}"' in text
                                 or f"(#{anchor} " in text)

    def bookend(self, originals: Sequence[int], copies: Sequence[int]) -> bool:
        """The lead's sentence said again to close the page (a conclusion that
        restates the introduction): a paragraph or two from before the page's
        first section, again in its last section (back matter after it aside:
        further reading, references, lists with no prose)."""
        units = self.units
        if len(copies) > 2 or any(units[at].kind != "paragraph" for at in (*originals, *copies)):
            return False
        first = self._first_section
        section = units[copies[0]].section
        if first is None or section is None or \
                any(units[at].start_line > first.line for at in originals):
            return False
        if self.headings[section].level < 2:
            return False
        peer = self._next_peer[section]
        return peer is None or not self._prose_from[self._heading_units[peer]]

    @cached_property
    def _next_peer(self) -> list[int | None]:
        """For each heading, the next heading at its level or above (None: none)."""
        found: list[int | None] = [None] * len(self.headings)
        open_ones: list[int] = []
        for at, heading in enumerate(self.headings):
            while open_ones and self.headings[open_ones[-1]].level >= heading.level:
                found[open_ones.pop()] = at
            open_ones.append(at)
        return found

    @cached_property
    def _prose_from(self) -> list[bool]:
        """For each unit, whether a paragraph comes at it or after it, other than
        a line that introduces a list (`Further reading:`)."""
        found = [False] * (len(self.units) + 1)
        for at in range(len(self.units) - 1, -1, -1):
            found[at] = found[at + 1] or (self.units[at].kind == "paragraph"
                                          and not self._lead_in(at))
        return found

    def pointer_lists(self, originals: Sequence[int], copies: Sequence[int]) -> bool:
        """Both runs are entries of lists whose every entry points to another page
        (with the line that introduces the list, `Tasks:`): a series' or a
        section's navigation, which pages show at the top and again at the bottom,
        or the pages that serve each of a set of parallel sections (the same list
        right under its own heading again is a copy)."""
        pointers = self._pointer_items
        return all(any(at in pointers for at in run) and all(
            at in pointers or self._lead_in(at) for at in run) for run in (originals, copies))

    def _lead_in(self, at: int) -> bool:
        """A short paragraph that introduces what follows (`Tasks:`)."""
        unit = self.units[at]
        return unit.kind == "paragraph" and len(unit.words) <= _LABEL_WORDS and \
            unit.exact.rstrip().endswith(":")

    @cached_property
    def _pointer_items(self) -> frozenset[int]:
        groups: dict[int, list[int]] = defaultdict(list)
        for at, unit in enumerate(self.units):
            if unit.kind == "item" and unit.group:
                groups[unit.group].append(at)
        return frozenset(at for members in groups.values() if len(members) >= 2 and all(
            _POINTER_ENTRY.fullmatch(self.units[at].exact) for at in members)
            for at in members)

    def in_one_table(self, originals: Sequence[int], copies: Sequence[int]) -> bool:
        """Both runs are cells of one raw HTML table: two rows that hold the same
        value (two plans renewed alike) are the table working, not a paste."""
        first = self.units[originals[0]].start_line
        last = self.units[copies[-1]].end_line
        return any(start < first and last < end for start, end in self.tables)

    def included_between(self, originals: Sequence[int], copies: Sequence[int]) -> bool:
        """A file is included between the two runs: what it brings (headings of
        its own, as include-markdown's do) is not seen here."""
        low = self.units[originals[-1]].end_line
        high = self.units[copies[0]].start_line
        return any(low < line < high for line in self.includes)

    def parallel_parts(self, originals: Sequence[int], copies: Sequence[int]) -> bool:
        """Two runs in parts of one section that thematic breaks divide, parts laid
        out alike around other content: the closing lines two alternatives share
        (one editor's steps, a break, another editor's steps)."""
        if not self.breaks:
            return False
        one, two = self._part(originals[0]), self._part(copies[0])
        if one == two or one[0] != two[0]:
            return False
        first = [unit for unit in self.units if self._part_of(unit) == one]
        second = [unit for unit in self.units if self._part_of(unit) == two]
        return [unit.kind for unit in first] == [unit.kind for unit in second] and any(
            mine.words != theirs.words for mine, theirs in zip(first, second, strict=True))

    def same_slot(self, originals: Sequence[int], copies: Sequence[int]) -> bool:
        """Two runs in the same slot of sibling sections that open alike: the same
        kinds of blocks, in order, between each heading and its run (but an aside
        of up to two blocks in one), one pair at least an edited version of the
        other (each queue system's section: what it is, how to install it, then
        the same list of what the example shows)."""
        one, two = self.units[originals[0]], self.units[copies[0]]
        if not self.siblings(one.section, two.section):
            return False
        start_one = self._heading_units.get(one.section) if one.section is not None else None
        start_two = self._heading_units.get(two.section) if two.section is not None else None
        if start_one is None or start_two is None:
            return False
        first = self.units[start_one + 1:originals[0]]
        second = self.units[start_two + 1:copies[0]]
        if len(first) != len(second):
            # An aside in one of the two (a listing the other has no need of): the
            # blocks right before each run, read back from it, still line up.
            shorter = min(len(first), len(second))
            if shorter < 2 or abs(len(first) - len(second)) > _ASIDE_UNITS:
                return False
            first, second = first[len(first) - shorter:], second[len(second) - shorter:]
        if not first or any(
                mine.kind != theirs.kind or mine.section != one.section
                or theirs.section != two.section
                for mine, theirs in zip(first, second, strict=True)):
            return False
        return any(mine.words != theirs.words and SequenceMatcher(
            None, mine.words, theirs.words, autojunk=False).ratio() >= _TEMPLATE
            for mine, theirs in zip(first, second, strict=True))

    def closing_slot(self, originals: Sequence[int], copies: Sequence[int]) -> bool:
        """One admonition that closes two sibling sections, each with content of its
        own before it: the note each recipe ends with, for a reader who jumps to
        one of them."""
        if len(originals) != 1 or len(copies) != 1:
            return False
        one, two = self.units[originals[0]], self.units[copies[0]]
        if one.kind != "admonition" or not self.siblings(one.section, two.section):
            return False
        return all(self._closes(at) and self._has_own_content(at) for at in (originals[0],
                                                                             copies[0]))

    def _closes(self, at: int) -> bool:
        """The unit is the last of its section (subsections aside: none may follow)."""
        section = self.units[at].section
        return at + 1 == len(self.units) or (self.units[at + 1].kind == "heading" and (
            section is None or self.units[at + 1].level <= self.headings[section].level))

    def _has_own_content(self, at: int) -> bool:
        section = self.units[at].section
        start = self._heading_units.get(section) if section is not None else None
        return start is not None and start + 1 < at

    def _part(self, at: int) -> tuple[int | None, int]:
        return self._part_of(self.units[at])

    def _part_of(self, unit: PageUnit) -> tuple[int | None, int]:
        """(section, breaks above the unit): which part of which section it is in."""
        return unit.section, bisect_right(self.breaks, unit.start_line)

    def parallel(self, one: int | None, two: int | None, repeated: set[tuple[str, ...]]
                 ) -> bool:
        """Two sections that are slots of one layout: entries of a reference,
        sections of a changelog, the same sub-section of parallel parents.
        `repeated`: the keys of the headings the repeat itself holds."""
        if one is not None and two is not None and self.same_place(one, two):
            return False
        return self.parallel_parents(one, two, repeated)

    def parallel_parents(self, one: int | None, two: int | None,
                         repeated: set[tuple[str, ...]]) -> bool:
        """`parallel`, for headings that may sit in one place (parents of two
        repeats)."""
        if one is None or two is None or one == two:
            return False
        first, second = self.headings[one], self.headings[two]
        if first.level != second.level:
            # The same slot at two depths (a step's `Response` and a sub-step's):
            # parallel when the parents lay out other slots alike.
            return (self.key(one) == self.key(two) and first.parent is not None
                    and second.parent is not None and first.parent != second.parent
                    and self._shared_layout(first.parent, second.parent,
                                            repeated | {self.key(one)}))
        if self._templated(one, two) or self._shared_layout(one, two, repeated):
            return True
        if self.key(one) == self.key(two) and first.parent != second.parent:
            if self.siblings(first.parent, second.parent) and \
                    self._content(one) != self._content(two):
                # The same slot under sibling parents, written for each (the repeat
                # is part of it): the parents are laid out alike ("1- Required
                # argument" under "a- Callback mode" and under "b- Factory mode").
                return True
            # The same slot under two parents: parallel when the parents are.
            return self.parallel_parents(first.parent, second.parent, repeated | {self.key(one)})
        return False

    # -- units ---------------------------------------------------------------

    @cached_property
    def _sections_by_words(self) -> dict[tuple[str, ...], set[int | None]]:
        found: dict[tuple[str, ...], set[int | None]] = defaultdict(set)
        for unit in self.units:
            if unit.kind != "heading":
                found[unit.words].add(unit.section)
        return found

    def boilerplate(self, at: int) -> bool:
        """The unit recurs word for word in three or more sibling sections (or in
        sub-sections of them: a release's closing line under its `### Contributors`)."""
        sections = self._sections_by_words.get(self.units[at].words, set())
        if len(sections) < _BOILERPLATE_SECTIONS or None in sections:
            return False
        top = min(self.headings[section].level for section in sections if section is not None)
        if self.units[at].kind != "paragraph":
            top = 7  # only a line of prose closes a release in its sub-section; not diagrams

        def lifted(section: int | None) -> int | None:
            while section is not None and self.headings[section].level > top:
                section = self.headings[section].parent
            return section

        entries = {lifted(section) for section in sections}
        if len(entries) < _BOILERPLATE_SECTIONS or None in entries:
            return False
        parents = {(self.headings[entry].parent, self.headings[entry].level)
                   for entry in entries if entry is not None}
        return len(parents) == 1

    def diverging_lists(self, originals: Sequence[int], copies: Sequence[int]) -> bool:
        """Both runs are part of lists that go on with different items: two
        procedures sharing some of their steps (the line that introduces each,
        `This code:`, included); or one list's last items that open another,
        which goes on (an endpoint listed in both of its groups)."""
        originals, copies = self._items_only(originals), self._items_only(copies)
        if not all(self.units[at].kind == "item" for at in (*originals, *copies)):
            return False
        for one, two in ((1, 1), (-1, -1), (-1, 1), (1, -1)):
            first = self._next_item(originals, one)
            second = self._next_item(copies, two)
            if first is not None and second is not None and (
                    (min(first, second), max(first, second)) not in self.near):
                return True
        return False

    def edited_list(self, originals: Sequence[int], copies: Sequence[int]) -> bool:
        """Each run is a line that introduces a list (`Limits:`) and the whole list
        after it, and one leaves out items the other has: each place's list,
        edited for it (a second product that shares some of the first one's
        limits), not a paste."""
        whole = [self._list_left_out(run) for run in (originals, copies)]
        return None not in whole and whole[0] != whole[1]

    def _list_left_out(self, run: Sequence[int]) -> bool | None:
        """Whether the run leaves out top items of its list; None unless the run is
        a lead-in and a list from its first item to its last."""
        if len(run) < 2 or not self._lead_in(run[0]) or self.units[run[1]].kind != "item":
            return None
        items = self._list_items(run[1])
        kept = [at for at in run[1:] if self.units[at].depth == self.units[run[1]].depth]
        if items[0] != run[1] or run[0] != run[1] - 1 or kept[-1] != items[-1]:
            return None
        return len(kept) < len(items)

    def _items_only(self, run: Sequence[int]) -> Sequence[int]:
        """The run without the short line that introduces its list (`This code:`)."""
        return run[1:] if len(run) > 1 and self._lead_in(run[0]) else run

    def variant_lists(self, originals: Sequence[int], copies: Sequence[int]) -> bool:
        """Runs in two lists that open with the same step and each have steps of
        their own: one procedure and its variant, side by side, whose shared
        steps (the first ones, the last one) are the point of the comparison."""
        if not all(self.units[at].kind == "item" for at in (*originals, *copies)):
            return False
        if any(_LINK_ITEM.match(self.units[at].exact) for at in originals):
            return False  # entries of a table of contents or a link list, not steps
        if self._variants(self._list_items(originals[0]), self._list_items(copies[0])):
            return True
        # A sub-step both procedures share: compare the procedures themselves.
        outer_one, outer_two = self._outermost(originals[0]), self._outermost(copies[0])
        return (outer_one, outer_two) != (originals[0], copies[0]) and self._variants(
            self._list_items(outer_one), self._list_items(outer_two))

    def _outermost(self, at: int) -> int:
        """The item of the outermost list that holds item `at` (`at` itself at the top)."""
        depth = self.units[at].depth
        for position in range(at - 1, -1, -1):
            unit = self.units[position]
            if unit.kind != "item" and unit.depth == 0:
                break
            if unit.kind == "item" and unit.depth < depth:
                at, depth = position, unit.depth
        return at

    def _variants(self, first: list[int], second: list[int]) -> bool:
        if first == second or not first or not second:
            return False
        if not self._alike(first[0], second[0]):
            return False
        # Each has steps of its own (a recap of the first items has none).
        return (any(not any(self._alike(one, two) for two in second) for one in first)
                and any(not any(self._alike(one, two) for one in first) for two in second))

    def _alike(self, one: int, two: int) -> bool:
        pair = (min(one, two), max(one, two))
        return self.units[one].words == self.units[two].words or pair in self.near

    def _list_items(self, at: int) -> list[int]:
        """The positions of the items of unit `at`'s list, at its depth."""
        unit = self.units[at]
        return self._items_by_list.get((unit.group, unit.depth), [])

    @cached_property
    def _items_by_list(self) -> dict[tuple[int, int], list[int]]:
        """Each list's items (by its first line and depth), in one pass."""
        found: dict[tuple[int, int], list[int]] = defaultdict(list)
        for position, other in enumerate(self.units):
            if other.kind == "item":
                found[(other.group, other.depth)].append(position)
        return found

    def extended_list(self, originals: Sequence[int], copies: Sequence[int]) -> bool:
        """One run ends its list, the other's list goes on with more items: the
        later level that keeps everything of the one before and adds to it."""
        last_original, last_copy = self.units[originals[-1]], self.units[copies[-1]]
        if last_original.kind != "item" or last_copy.kind != "item":
            return False
        return (self._next_item(originals, 1) is None) != (self._next_item(copies, 1) is None)

    def growing(self, originals: Sequence[int], copies: Sequence[int]) -> bool:
        """The runs are levels of an example that grows: its opening comes three
        times or more, and each time more of what follows is kept from the time
        before (a running example restated with a line more in each section)."""
        start = originals[0]
        if start not in self._growing:
            self._growing[start] = self._chain(start)
        return copies[0] in self._growing[start]

    def _chain(self, start: int) -> frozenset[int]:
        """The openings of a growing example that starts at unit `start`; empty if
        it does not grow so. Stops at the first level that does not."""
        occurrences = self._occurrences(start)
        if len(occurrences) < 3:
            return frozenset()
        previous = 0
        for one, two in itertools.pairwise(occurrences):
            length = 0
            while one + length < two and two + length < len(self.units) and \
                    self._alike(one + length, two + length):
                length += 1
            # (a level is more than an opening line, and grows by a little each time)
            if length < 2 or (previous and not previous < length <= previous + 3):
                return frozenset()
            previous = length
        return frozenset(occurrences)

    def _occurrences(self, at: int) -> list[int]:
        """Unit `at` and the units alike to it, in page order."""
        if self._alike_to is None:
            alike: dict[int, set[int]] = {}
            for one, two in self.near:
                alike.setdefault(one, set()).add(two)
                alike.setdefault(two, set()).add(one)
            by_words: dict[tuple[str, ...], list[int]] = {}
            for position, unit in enumerate(self.units):
                if unit.words:
                    by_words.setdefault(unit.words, []).append(position)
            for same in by_words.values():
                if len(same) > 1:
                    for position in same:
                        alike.setdefault(position, set()).update(same)
            self._alike_to = alike
        return sorted(self._alike_to.get(at, set()) | {at})

    def _next_item(self, run: Sequence[int], step: int) -> int | None:
        """The item of the run's list right after (step 1) or before (-1) the run
        (its list: that of its outermost items, whose sub-items it may end with)."""
        depth = min(self.units[at].depth for at in run)
        group = next(self.units[at].group for at in run if self.units[at].depth == depth)
        at = (run[-1] if step == 1 else run[0]) + step
        while 0 <= at < len(self.units):
            other = self.units[at]
            if other.kind != "item" or (other.depth < depth):
                return None
            if other.depth == depth:
                return at if other.group == group and at not in run else None
            at += step
        return None

    def missed_substitution(self, original: int | None, copy: int | None,
                            copies: Sequence[int]) -> list[str]:
        """A verbatim copy in a templated slot that still names the original's
        subject: the words that tell the two headings apart ('archive' and
        'authors') and the copy says the original's, never its own. Those words."""
        above_original, above_copy = self.ancestors(original), self.ancestors(copy)
        mine = {word for heading in above_original if heading not in above_copy
                for word in self.key(heading)}
        theirs = {word for heading in above_copy if heading not in above_original
                  for word in self.key(heading)}
        only_original = {word for word in mine - theirs if len(word) >= 3 and word.isalpha()}
        only_copy = {word for word in theirs - mine if len(word) >= 3 and word.isalpha()}
        # Whole words of the text: `blog_dir` does not say 'dir'. Only prose slips: a
        # listing names the library (`import widgetry`) in every entry it serves.
        said = {word for at in copies if self.units[at].kind not in _CODE
                for word in _IDENTIFIER.findall(UNREAD.sub("] ", self.units[at].exact).lower())}
        if only_copy & said:
            return []
        slips = only_original & said
        if slips:
            # A word the copy's own section says outside the copy is its subject
            # too ('queue' in a RabbitMQ section's code after a 'Redis queue' one).
            distinct = {heading for heading in above_copy if heading not in above_original}
            taken = set(copies)
            for at, unit in enumerate(self.units):
                if (unit.kind != "heading" and at not in taken
                        and distinct.intersection(self.ancestors(unit.section))):
                    slips -= set(_IDENTIFIER.findall(unit.exact.lower()))
        return sorted(slips)
