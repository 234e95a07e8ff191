"""The faster forms in curriculint.index and curriculint.checks.duplicates read
text exactly as the plain forms they replaced.

Through the public functions (Index text runs, extract_quantities, page_units,
similarities) against plain reference implementations written here, and, for
the pieces that are units of their own (Located, blank_out, fence_columns,
sequence_bound, the figure and date patterns), directly.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from curriculint.checks.duplicates.blocks import PageUnit, page_units
from curriculint.checks.duplicates.echo import frontmatter_echoes
from curriculint.checks.duplicates.repeats import (
    COMMON_SHINGLE,
    MIN_SEQUENCE_WORDS,
    PROSE,
    RepeatOptions,
    sequence_bound,
    similarities,
)
from curriculint.checks.targets.agreement import groups
from curriculint.index.page_index import Located, blank_out, fence_columns
from curriculint.index.quantities import DATE_OR_TIME, FIGURE, FIGURE_START, extract_quantities
from curriculint.index.records import Block, TextRun
from curriculint.load.document import Document, parse
from tests.conftest import FIXTURES, SEED, needs_shared

# -- quantities ------------------------------------------------------------------

# The characters the patterns look at, and a few they do not.
_TEXT = st.text(alphabet=".!?;:,/#@-–— \t\u00a0abzAZ0123456789$€£kKMBİıſ%+~", max_size=40)
# Abbreviations a full stop does not end a sentence after.
_ABBREVIATED = st.lists(st.sampled_from(["i.e. ", "e.g. ", "vs. ", "approx. ", "cf. ", "ca. ",
                                         "etc. ", "Ok. ", "4", "A", " ", "."]),
                        max_size=8).map("".join)
_PLAIN_SENTENCE_END = re.compile(r"(?<=[.!?;])(?<!i\.e\.)(?<!e\.g\.)(?<!vs\.)(?<!approx\.)"
                                 r"(?<!\bcf\.)(?<!\bca\.)\s+(?=[^\sa-z])|\s+[—–]\s+")
_PLAIN_DATE_OR_TIME = re.compile(r"\d{4}-\d{2}(?:-\d{2})?|\d{1,2}:\d{2}")
# Where the figure itself starts in a quantity's text, after a bound ("~5", "under 5").
_FIGURE_AT = re.compile(r"[$€£\d]|\.\d")

_Clause = tuple[int, int, int]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


@given(_TEXT)
def test_factored_date_pattern_matches_its_plain_form(text: str) -> None:
    assert _spans(DATE_OR_TIME, text) == _spans(_PLAIN_DATE_OR_TIME, text)


def _first_figure(text: str, position: int) -> tuple[int, int] | None:
    """`FIGURE` tried only where `FIGURE_START` matches, as the extractor does."""
    while (candidate := FIGURE_START.search(text, position)) is not None:
        match = FIGURE.match(text, candidate.start())
        if match is not None:
            return match.span()
        position = candidate.end()
    return None


@given(_TEXT, st.integers(min_value=0, max_value=40))
def test_figure_candidates_find_what_a_figure_search_finds(text: str, position: int) -> None:
    match = FIGURE.search(text, position)
    assert _first_figure(text, position) == (match.span() if match else None)


def _plain_clauses(text: str, first_group: int) -> list[_Clause]:
    """The former form: (start, end, group) of the run's pieces between plain sentence ends."""
    cuts = [0, *[bound for match in _PLAIN_SENTENCE_END.finditer(text) for bound in match.span()],
            len(text)]
    return [(cuts[at], cuts[at + 1], first_group + at // 2) for at in range(0, len(cuts), 2)]


def _plain_clause_at(clauses: list[_Clause], offset: int) -> _Clause:
    """The first clause holding `offset`, else the last."""
    return next((clause for clause in clauses if clause[0] <= offset <= clause[1]), clauses[-1])


@given(st.lists(st.tuples(_TEXT, st.sampled_from(["paragraph", "heading", "table"])),
                min_size=1, max_size=4))
@example([("We serve 10k users. It costs $5 — or ~3.5 a day; 2024-01-05 at 10:30.", "paragraph"),
          ("1 | 2", "table"), ("Then approx. 5 ms? Under 7.", "paragraph")])
@example([("a. 1. 2! 3? 4; 5 – 6 —\u00a07", "paragraph"), ("No. 8", "heading")])
@example([("No figure. None here; at all", "paragraph"), ("Under 5 – then 7 users", "paragraph")])
def test_quantities_sit_in_the_plain_sentences(found: list[tuple[str, str]]) -> None:
    """Each quantity's group (numbered over the page), and the text before and
    after it, are those of the plain sentence holding its figure; a table cell is
    one piece, grouped by row."""
    runs = [TextRun(line, 1 + line % 3, text, context)
            for line, (text, context) in enumerate(found, 1)]
    clauses: list[list[_Clause]] = []
    group = 0
    for run in runs:
        if run.context == "table":
            clauses.append([(0, len(run.text), -run.line)])
        else:
            clauses.append(_plain_clauses(run.text, group))
            group += len(clauses[-1])
    for quantity in extract_quantities(runs):
        run = runs[quantity.run]
        start = quantity.span.column - run.column
        end = quantity.span.end_column - run.column
        assert quantity.text == run.text[start:end]
        figure = _FIGURE_AT.search(quantity.text)
        clause_start, clause_end, in_group = _plain_clause_at(
            clauses[quantity.run], start + (figure.start() if figure else 0))
        assert (quantity.group, quantity.before, quantity.after) == (
            in_group, run.text[clause_start:start], run.text[end:clause_end])


def test_groups_are_built_once_per_page() -> None:
    doc = parse(b"We serve 10k users at 99.9% uptime. It costs $5 a month.\n", "page.md")
    found = groups(doc)
    assert groups(doc) is found
    assert [quantity for members in found.values() for quantity in members] == list(
        doc.index.quantities)
    assert len(found) == 2


# -- index: fast paths against the general forms they bypass ---------------------

_LINE = st.text(alphabet="ab `[]()\u00a0\t-", max_size=12)
_CONTENT = st.text(alphabet="ab `[]()\u00a0\t-\n", max_size=12)


def _plain_location(content: str, first_line: int, lines: list[str] | tuple[str, ...],
                    hint: int) -> tuple[list[str], list[int], list[tuple[int, int]]]:
    """The general form: (content lines, their offsets, (file line, 0-based column)
    of each), each content line found in its source line. markdown-it strips a
    paragraph with str.strip(), which also takes leading lines of Unicode spaces:
    the content may start up to 8 lines below the token's first line."""
    pieces = content.split("\n")
    if pieces[0] and 0 < first_line <= len(lines) and pieces[0] not in lines[first_line - 1]:
        last = min(len(lines), first_line + len(pieces) - 1 + 8)
        first_line = next((candidate for candidate in range(first_line + 1, last + 1)
                           if pieces[0] in lines[candidate - 1]), first_line)
    starts: list[int] = []
    origins: list[tuple[int, int]] = []
    offset = 0
    for number, piece in enumerate(pieces):
        line_no = first_line + number
        source = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
        column = source.find(piece, hint if number == 0 else 0) if piece else -1
        if column < 0:
            column = source.find(piece.strip()) if piece.strip() else -1
            column = max(column, len(source) - len(source.lstrip()))
        starts.append(offset)
        origins.append((line_no, column))
        offset += len(piece) + 1
    return pieces, starts, origins


@given(_CONTENT, st.lists(_LINE, max_size=4), st.integers(min_value=-1, max_value=5),
       st.integers(min_value=0, max_value=4))
@example("ab", ["x ab ab", "ab"], 1, 3)  # found past the hint
@example("ab", ["x", "  ab"], 1, 0)  # found a line down
@example("a\nb", ["\u00a0", "a", " b"], 1, 0)  # a line of Unicode spaces first
def test_located_content_is_where_the_general_form_finds_it(content: str, lines: list[str],
                                                             line_no: int, hint: int) -> None:
    located = Located(content, line_no, lines, hint)
    pieces, starts, origins = _plain_location(content, line_no, lines, hint)
    assert (located.pieces, located.starts, located.origins) == (pieces, starts, origins)
    for offset in range(len(content) + 1):
        row = max(number for number, start in enumerate(starts) if start <= offset)
        line, column = origins[row]
        assert located.position(offset) == (line, column + offset - starts[row] + 1)


# An inline token's context, by the token before it.
_CONTEXTS = {"heading_open": "heading", "th_open": "table", "td_open": "table",
             "admonition_title_open": "admonition-title", "dt_open": "term"}
# Inline children whose source the index blanks out of the runs.
_POSITIONED = frozenset({"code_inline", "html_inline", "link_open", "link_close", "image"})


def _plain_text_runs(doc: Document) -> list[TextRun]:
    """The general form of the index's text runs for a page of text and emphasis:
    every inline token's content located line by line, one run per content line
    that holds text, each after the token's first marked as its continuation."""
    runs: list[TextRun] = []
    tokens = doc.tokens
    for position, token in enumerate(tokens):
        if token.type != "inline" or token.map is None:
            continue
        context = _CONTEXTS.get(tokens[position - 1].type if position else "", "paragraph")
        pieces, _, origins = _plain_location(token.content, token.map[0] + 1, doc.lines, 0)
        kept = [(line, column, piece) for (line, column), piece
                in zip(origins, pieces, strict=True) if piece.strip()]
        # Every run of a token but its first continues the one before it.
        runs.extend(TextRun(line, column + 1, piece, context, number > 0)
                    for number, (line, column, piece) in enumerate(kept))
    return runs


_TEXT_LINE = st.builds(
    str.__add__,
    st.sampled_from(["", "", "", "  ", "    ", "- ", "  - ", "- - ", "1. ", "# ", "> ", ": ",
                     "\u00a0", "\u00a0\u00a0", "\t", "| ", '!!! note "', '=== "']),
    st.text(alphabet="ab é*_[]()!\u00a0\u2003\t-:|#=", max_size=10))
_TEXT_PAGE = st.lists(st.one_of(_TEXT_LINE, st.sampled_from(
    ["", "===", "---", "| - | - |", "```", '!!! note "Say it"', '=== "Tab"'])),
    max_size=12).map("\n".join).filter(lambda page: "](" not in page and "]:" not in page)


@given(_TEXT_PAGE)
@example("Title\n===\n\nab\n  cd *e*\n")  # a setext heading over two runs
@example("- \u00a0\n  - \u00e9\n")  # an item of Unicode spaces only, then a nested one
@example("\u00a0\n\u00a0x\n\n| a | b |\n| - | - |\n| c | d |\n")  # "x" a line below the token
@example('!!! note "Say it"\n    x\n\nterm\n: definition\n')
def test_text_runs_are_the_generally_located_runs(page: str) -> None:
    doc = parse(page.encode(), "page.md")
    assume(not any(child.type in _POSITIONED for token in doc.tokens
                   for child in token.children or ()))
    assert list(doc.index.text_runs) == _plain_text_runs(doc)


@given(st.text(alphabet="ab \n", max_size=12), st.integers(min_value=0, max_value=14),
       st.integers(min_value=0, max_value=14))
def test_blank_out_spaces_out_all_but_line_breaks(content: str, start: int, end: int) -> None:
    masked, plain = list(content), list(content)
    blank_out(masked, content, start, end)
    for position in range(start, min(end, len(plain))):  # the former loop
        if plain[position] != "\n":
            plain[position] = " "
    assert masked == plain


@given(st.lists(_LINE, max_size=5), st.integers(min_value=1, max_value=4),
       st.lists(_LINE, max_size=4))
def test_fence_columns_are_the_found_columns(lines: list[str], first: int,
                                              pieces: list[str]) -> None:
    plain = []
    for number, piece in enumerate(pieces):  # the former loop
        line_no = first + number
        source = lines[line_no - 1] if line_no <= len(lines) else ""
        found = source.find(piece) if piece else -1
        plain.append(found + 1 if found >= 0 else 1)
    assert fence_columns(lines, first, pieces) == tuple(plain)
    # The verbatim case, which the fast path takes.
    assert fence_columns(lines, 1, lines) == tuple(
        source.find(source) + 1 if source else 1 for source in lines)


# -- blocks: page units against the plain form -------------------------------------

# What page_units documents: kinds compared whole at the top level, kinds whose
# markup lines hold no content words, kinds whose every word counts (HTML
# comments included), and how words are read.
_WHOLE_KINDS = frozenset({"paragraph", "table", "fence", "code", "admonition", "blockquote",
                          "tab", "html", "heading"})
_WRAPPING_KINDS = ("admonition", "blockquote", "tab")
_VERBATIM_KINDS = ("fence", "code", "heading")
_PLAIN_WORD = re.compile(r"[^\W_]+")
_PLAIN_TAG = re.compile(r"<[^>]*>")
_PLAIN_TITLE = re.compile(r'"(.*)"')
_FENCE_MARKS = ("```", "~~~")


def _without_plain_comments(line: str) -> str:
    """The line with its one-line HTML comments spaced out: each `<!--` up to the
    next `-->` on the line, or to the line's end when none closes it."""
    while (opened := line.find("<!--")) >= 0:
        closed = line.find("-->", opened + 4)
        line = line[:opened] + " " + (line[closed + 3:] if closed >= 0 else "")
    return line


def _is_plain_definition(text: str) -> bool:
    """A stripped line that is a reference definition: `[label]: target`."""
    label, colon, target = text.partition("]:")
    return (text.startswith("[") and len(label) > 1 and "]" not in label and colon != ""
            and target.strip() != "")


def _plain_units(doc: Document) -> list[PageUnit]:
    """The plain form of page_units: every line read as text, filtered and joined
    one by one, words found by the regex line by line (after the line's HTML
    comments are taken out, for prose), each item's list looked up among all the
    lists, sorted on a tuple key."""

    def text(line: int) -> str:
        return doc.line_text(line).strip()

    def words_of(lines: list[int], verbatim: bool) -> list[str]:
        return [word for line in lines for word in _PLAIN_WORD.findall(
            (doc.line_text(line) if verbatim else _without_plain_comments(doc.line_text(line)))
            .lower())]

    def unit_words(kind: str, lines: list[int]) -> tuple[str, ...]:
        verbatim = kind in _VERBATIM_KINDS
        if kind == "admonition" and lines:
            # `!!! type "Title"`: only the title is content, read as written.
            title = _PLAIN_TITLE.search(doc.line_text(lines[0]))
            return (*(_PLAIN_WORD.findall(title.group(1).lower()) if title else ()),
                    *words_of(lines[1:], verbatim))
        if kind == "html":  # tags (one-line comments among them) are markup
            return tuple(_PLAIN_WORD.findall(
                "\n".join(_PLAIN_TAG.sub(" ", text(line)) for line in lines).lower()))
        if kind == "fence" and lines:  # the fence lines are markup
            texts = [text(line) for line in lines]
            start = 1 if texts[0][:3] in _FENCE_MARKS else 0
            stop = len(texts) - 1 if len(texts) > 1 and texts[-1][:3] in _FENCE_MARKS else None
            return tuple(words_of(lines[start:stop], verbatim))
        return tuple(words_of(lines, verbatim))

    def exact(kind: str, lines: list[int]) -> str:
        if kind not in ("fence", "code") or not lines:
            return "\n".join(map(text, lines))
        # code keeps its indentation relative to the block's
        raw = [doc.line_text(line).rstrip().expandtabs(4) for line in lines]
        margin = min(len(line) - len(line.lstrip()) for line in raw)
        return "\n".join(line[margin:] for line in raw)

    def unit(kind: str, start: int, end: int, lines: list[int], heading: int | None,
             level: int, section: int | None, depth: int, group: int, info: str) -> PageUnit:
        return PageUnit(kind, start, end, tuple(lines), exact(kind, lines),
                        unit_words(kind, lines), heading, level, section, depth, group, info)

    def filled(start: int, end: int) -> tuple[int, list[int]]:
        while end > start and not text(end):
            end -= 1
        return end, [line for line in range(start, end + 1) if text(line)]

    blocks = doc.index.blocks
    headings = {heading.line: heading for heading in doc.index.headings}
    lists = [block for block in blocks if block.kind == "list"]

    def list_of(item: Block) -> int:
        """The first line of the list holding the item, one level out."""
        return max((found.start_line for found in lists if found.depth == item.depth - 1
                    and found.start_line <= item.start_line <= found.end_line), default=0)

    whole = [block for block in blocks if block.depth == 0 and block.kind in _WHOLE_KINDS]
    wrapped = {line for block in whole if block.kind in _WRAPPING_KINDS
               for line in range(block.start_line, block.end_line + 1)}
    items = sorted((block for block in blocks
                    if block.kind == "item" and block.start_line not in wrapped),
                   key=lambda block: block.start_line)
    units = []
    for block in whole:
        end, lines = filled(block.start_line, block.end_line)
        heading = headings.get(block.start_line) if block.kind == "heading" else None
        units.append(unit(block.kind, block.start_line, end, lines,
                          heading.index if heading else None, heading.level if heading else 0,
                          block.heading, block.depth, 0,
                          block.info.strip() if block.kind == "fence" else ""))
    for position, item in enumerate(items):
        end, lines = filled(item.start_line, item.end_line)
        nested = {line for other in items[position + 1:]
                  if other.start_line <= end and other.depth > item.depth
                  for line in range(other.start_line, other.end_line + 1)}
        own = [line for line in lines if line not in nested]
        if any(_is_plain_definition(text(line)) for line in own[1:]):
            # Reference definitions under the item render nothing: they leave its
            # lines, and its last line moves up past them and blank lines.
            own = own[:1] + [line for line in own[1:] if not _is_plain_definition(text(line))]
            while end > item.start_line and (not text(end) or _is_plain_definition(text(end))):
                end -= 1
        units.append(unit("item", item.start_line, end, own, None, 0, item.heading, item.depth,
                          list_of(item), ""))
    echoed = [(first, last) for first, last, *_ in frontmatter_echoes(doc)]
    return [found for found in sorted(units, key=lambda found: (found.start_line, -found.end_line))
            if found.words and not any(found.start_line <= last and found.end_line >= first
                                       for first, last in echoed)]


_FRONTMATTER = "---\ntitle: Alpha beta\nlevel: Two\ntags: x\n---\n"
_PAGE_LINE = st.one_of(
    st.sampled_from(["", "", "```", "~~~ py", "``` py title=\"a b\"", "<div>", "</div>",
                     "<div markdown>", "---", '!!! note "Say it"', '=== "Tab"', "| a | b |",
                     "| - | - |", "<b>x</b> y", "[a](b) `c` <i>d</i>", "title: Alpha beta",
                     "level: Two", "tags: x", "<!-- a b -->", "x <!-- c -->y<!--d-->", "<!-- e",
                     "  <!-- f --> g", "[r]: /x", "  [r]: /x", "    [s t]: u", "  [r]:"]),
    st.builds(str.__add__,
              st.sampled_from(["", "", "  ", "    ", "- ", "  - ", "    - ", "- - ", "1. ",
                               "* ", "  1) ", "# ", "## ", "> ", "> - ", "\u00a0", ": "]),
              st.text(alphabet="ab é_ß1*:-.İſ<>\"![]", min_size=1, max_size=10)))
_PAGE = st.tuples(st.sampled_from(["", _FRONTMATTER]),
                  st.lists(_PAGE_LINE, max_size=14).map("\n".join)).map("".join)


@given(_PAGE)
@example(_FRONTMATTER + "# Alpha\n\ntitle: Alpha beta\nlevel: Two\ntags: x\n\nab cd\n")
@example("- - a\n  - b\n\n  c\n- d\n")  # units starting on one line, an item's own lines
@example("- - - a\n\n    b\n\n  c\n")  # three units on line 1
@example('!!! note "Say It"\n    - a\n    - b\n\n```\nx_y\n```\n<div>\n<b>é</b> ß\n</div>\n')
@example("# A <!-- b -->\n\nc <!-- d --> e <!-- f\n\n```py x\n<!-- g -->\n```\n")  # comments
@example("- a\n\n  [r]: /x\n- b\n  - c\n\n    [s]: /y\n\n  d\n\n  [t]: /z\n")  # definitions
@example("- a\n  - b\n- c\n\n* d\n\n> - e\n\n1. f\n   1) g\n")  # the lists items sit in
def test_page_units_are_the_plain_units(page: str) -> None:
    doc = parse(page.encode(), "page.md")
    assert page_units(doc) == _plain_units(doc)


@pytest.mark.parametrize("path", sorted(FIXTURES.rglob("*.md")),
                         ids=lambda path: str(path.relative_to(FIXTURES)))
def test_fixture_page_units_are_the_plain_units(path: Path) -> None:
    doc = parse(path.read_bytes(), str(path))
    assert page_units(doc) == _plain_units(doc)


@needs_shared
def test_seed_page_units_are_the_plain_units() -> None:
    doc = parse(SEED.read_bytes(), str(SEED))
    assert page_units(doc) == _plain_units(doc)


# -- repeats: unit pairs against the plain form ---------------------------------------

_SEQUENCE = st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=12).map(tuple)


@given(_SEQUENCE, _SEQUENCE)
def test_sequence_bound_is_never_below_the_ratio(one: tuple[str, ...],
                                                 two: tuple[str, ...]) -> None:
    if one or two:
        ratio = SequenceMatcher(None, one, two, autojunk=False).ratio()
        assert sequence_bound(one, two) >= ratio


def _plain_similarities(units: list[PageUnit], options: RepeatOptions
                        ) -> tuple[dict[tuple[int, int], float], dict[tuple[int, int], float]]:
    """The former form, plainer still: shingles as strings joined from runs of
    three words, every shingle posted, and every pair of prose units long enough
    compared as word sequences, without a bound first."""
    shingles = [frozenset({" ".join(unit.words)}) if len(unit.words) < 3 else
                frozenset(map(" ".join, zip(unit.words, unit.words[1:], unit.words[2:],
                                            strict=False)))
                for unit in units]
    postings: dict[str, list[int]] = defaultdict(list)
    for position, found in enumerate(shingles):
        for shingle in found:
            postings[shingle].append(position)
    shared: Counter[tuple[int, int]] = Counter()
    for positions in postings.values():
        if 2 <= len(positions) <= COMMON_SHINGLE:
            shared.update(combinations(positions, 2))
    near: dict[tuple[int, int], float] = {}
    truncated: dict[tuple[int, int], float] = {}
    for (first, second), common in shared.items():
        one, two = units[first], units[second]
        if one.end_line >= two.start_line or (one.kind == "heading") != (two.kind == "heading"):
            continue
        if one.exact == two.exact:
            near[(first, second)] = 1.0
            continue
        if {one.kind, two.kind} <= {"fence", "code"}:
            continue  # listings pair only as exact copies, indentation included
        similarity = common / (len(shingles[first]) + len(shingles[second]) - common)
        prose = one.kind in PROSE and two.kind in PROSE
        if (similarity < options.threshold and prose
                and min(len(one.words), len(two.words)) >= MIN_SEQUENCE_WORDS):
            similarity = max(similarity, SequenceMatcher(None, one.words, two.words,
                                                         autojunk=False).ratio())
        shorter = min(len(shingles[first]), len(shingles[second]))
        if similarity >= options.threshold and one.kind != two.kind:
            truncated[(first, second)] = similarity
        elif similarity >= options.threshold:
            near[(first, second)] = similarity
        elif (prose and min(len(one.words), len(two.words)) >= options.min_contained_words
              and common / shorter >= options.containment):
            truncated[(first, second)] = common / shorter
    return near, truncated


_KINDS = ["paragraph", "paragraph", "admonition", "blockquote", "item", "heading", "fence"]
_VOCABULARY = ["a", "b", "ab", "c", "d", "e", "f", "g"]
_EDITS = [*_VOCABULARY, "h", "i", "j", "k", "l", "m", "n", "o"]  # words the text may lack


@st.composite
def _units(draw: st.DrawFn) -> list[PageUnit]:
    """Units of short random texts, and of near copies of one longer text (a word
    changed, added or dropped here and there); some hold the units after them,
    some differ from their words in markup."""
    text = draw(st.lists(st.sampled_from(_VOCABULARY), min_size=MIN_SEQUENCE_WORDS - 2,
                         max_size=26))
    units = []
    for line in range(1, draw(st.integers(min_value=2, max_value=6)) + 1):
        if draw(st.booleans()):
            words = draw(st.lists(st.sampled_from(_VOCABULARY[:4]), min_size=1, max_size=24))
        else:
            words = list(text)
            for _ in range(draw(st.integers(min_value=0, max_value=4))):
                at = draw(st.integers(min_value=0, max_value=len(words)))
                edit = draw(st.sampled_from(["change", "add", "drop"]))
                if edit == "add" or at == len(words):
                    words.insert(at, draw(st.sampled_from(_EDITS)))
                elif edit == "change":
                    words[at] = draw(st.sampled_from(_EDITS))
                elif len(words) > 1:
                    del words[at]
        marked = draw(st.sampled_from(["", "", "*"]))
        units.append(PageUnit(draw(st.sampled_from(_KINDS)), line,
                              line + draw(st.sampled_from([0, 0, 0, 1, 2])), (line,),
                              " ".join(words) + marked, tuple(words), None))
    return units


@given(_units(), st.sampled_from([0.5, 0.7, 0.85, 0.95, 1.0]))
def test_similarities_are_the_plain_similarities(units: list[PageUnit], threshold: float) -> None:
    options = RepeatOptions(threshold=threshold, min_contained_words=3)
    assert similarities(units, options) == _plain_similarities(units, options)


def test_similarities_leave_out_common_shingles() -> None:
    # "a b c" in one unit more than COMMON_SHINGLE, "d e f" in exactly COMMON_SHINGLE.
    words = [("a", "b", "c")] * (COMMON_SHINGLE + 1) + [("d", "e", "f")] * COMMON_SHINGLE
    units = [PageUnit("item", line, line, (line,), f"{' '.join(found)} {line}", found, None)
             for line, found in enumerate(words, 1)]
    options = RepeatOptions()
    near, truncated = similarities(units, options)
    assert (near, truncated) == _plain_similarities(units, options)
    assert len(near) == COMMON_SHINGLE * (COMMON_SHINGLE - 1) // 2 and not truncated
