"""The faster forms in curriculint.index.quantities and
curriculint.checks.duplicates.repeats read text exactly as the plain forms they
replaced."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from itertools import combinations

from hypothesis import example, given
from hypothesis import strategies as st

from curriculint.checks.duplicates.blocks import (
    _END_LINE,
    _START_LINE,
    _WORD,
    PageUnit,
    _filled,
    _make_unit,
    _spaced_words,
    _unit_words,
)
from curriculint.checks.duplicates.repeats import (
    _COMMON_SHINGLE,
    _MIN_SEQUENCE_WORDS,
    _PROSE,
    RepeatOptions,
    _close_in_length,
    _sequence_bound,
    _shared_shingles,
    _shingles,
    _similarities,
)
from curriculint.checks.targets.agreement import groups
from curriculint.index import quantities
from curriculint.index.page_index import IndexBuilder, TextRun, _blank, _fence_columns, _Located
from curriculint.load.document import parse

# The characters the patterns look at, and a few they do not.
_TEXT = st.text(alphabet=".!?;:,/#@-–— \t\u00a0abzAZ0123456789$€£kKMBİıſ%+~", max_size=40)
# Abbreviations a full stop does not end a sentence after.
_ABBREVIATED = st.lists(st.sampled_from(["i.e. ", "e.g. ", "vs. ", "approx. ", "cf. ", "ca. ",
                                         "etc. ", "Ok. ", "4", "A", " ", "."]),
                        max_size=8).map("".join)
_PLAIN_SENTENCE_END = re.compile(r"(?<=[.!?;])(?<!i\.e\.)(?<!e\.g\.)(?<!vs\.)(?<!approx\.)"
                                 r"(?<!\bcf\.)(?<!\bca\.)\s+(?=[^\sa-z])|\s+[—–]\s+")
_PLAIN_DATE_OR_TIME = re.compile(r"\d{4}-\d{2}(?:-\d{2})?|\d{1,2}:\d{2}")


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


@given(st.one_of(_TEXT, _ABBREVIATED))
def test_factored_patterns_match_their_plain_forms(text: str) -> None:
    assert _spans(quantities._SENTENCE_END, text) == _spans(_PLAIN_SENTENCE_END, text)
    assert _spans(quantities._DATE_OR_TIME, text) == _spans(_PLAIN_DATE_OR_TIME, text)


def _first_figure(text: str, position: int) -> tuple[int, int] | None:
    """`_FIGURE` tried only where `_FIGURE_START` matches, as the extractor does."""
    while (candidate := quantities._FIGURE_START.search(text, position)) is not None:
        match = quantities._FIGURE.match(text, candidate.start())
        if match is not None:
            return match.span()
        position = candidate.end()
    return None


@given(_TEXT, st.integers(min_value=0, max_value=40))
def test_figure_candidates_find_what_a_figure_search_finds(text: str, position: int) -> None:
    match = quantities._FIGURE.search(text, position)
    assert _first_figure(text, position) == (match.span() if match else None)


@given(_TEXT, st.integers(min_value=0, max_value=40))
def test_clause_at_is_the_first_clause_holding_the_offset(text: str, offset: int) -> None:
    clauses = quantities._clauses(text, 0)
    reader = quantities._RunReader(TextRun(1, 1, text, "paragraph"), 0, clauses, -1)
    expected = next((clause for clause in clauses if clause[0] <= offset <= clause[1]),
                    clauses[-1])
    assert reader.clause_at(offset) == expected


_WORDS = st.lists(st.sampled_from(["a", "b", "ab", "c"]), min_size=1, max_size=6).map(tuple)


@given(st.lists(_WORDS, min_size=2, max_size=4))
def test_word_tuple_shingles_pair_units_as_joined_strings_do(words: list[tuple[str, ...]]
                                                            ) -> None:
    units = [PageUnit("paragraph", line, line, (line,), " ".join(unit), unit, None)
             for line, unit in enumerate(words, 1)]
    as_tuples = _shingles(units)
    # The former form: runs of three words joined by spaces.
    as_strings = [frozenset({" ".join(unit)}) if len(unit) < 3 else
                  frozenset(map(" ".join, zip(unit, unit[1:], unit[2:], strict=False)))
                  for unit in words]
    for first in range(len(units)):
        assert len(as_tuples[first]) == len(as_strings[first])
        for second in range(first + 1, len(units)):
            assert (len(as_tuples[first] & as_tuples[second])
                    == len(as_strings[first] & as_strings[second]))


def test_groups_are_built_once_per_page() -> None:
    doc = parse(b"We serve 10k users at 99.9% uptime. It costs $5 a month.\n", "page.md")
    found = groups(doc)
    assert groups(doc) is found
    assert [quantity for members in found.values() for quantity in members] == list(
        doc.index.quantities)
    assert len(found) == 2


# -- index: fast paths against the general forms they bypass ---------------------

_LINE = st.text(alphabet="ab `[]()\u00a0\t-", max_size=12)


def _builder(lines: list[str]) -> IndexBuilder:
    return IndexBuilder([], lines, "toc", True, lambda value: value)


@given(_LINE, st.lists(_LINE, max_size=4), st.integers(min_value=-1, max_value=5),
       st.integers(min_value=0, max_value=4))
@example("ab", ["x ab ab", "ab"], 1, 3)  # found past the hint
@example("ab", ["x", "  ab"], 1, 0)  # found a line down
def test_one_line_runs_are_the_located_runs(content: str, lines: list[str], line_no: int,
                                            hint: int) -> None:
    fast, plain = _builder(lines), _builder(lines)
    if not fast._one_line_run(content, line_no, hint, "paragraph"):
        located = _Located(content, line_no, lines, hint)
        fast._text_runs(located, located.pieces, "paragraph")
    located = object.__new__(_Located)  # the general form, no fast path
    located.content = content
    located._locate(line_no, lines, hint)
    plain._text_runs(located, located.pieces, "paragraph")
    assert fast.parts.text_runs == plain.parts.text_runs


@given(st.text(alphabet="ab \n", max_size=12), st.integers(min_value=0, max_value=14),
       st.integers(min_value=0, max_value=14))
def test_blank_spaces_out_all_but_line_breaks(content: str, start: int, end: int) -> None:
    masked, plain = list(content), list(content)
    _blank(masked, content, start, end)
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
    assert _fence_columns(lines, first, pieces) == tuple(plain)
    # The verbatim case, which the fast path takes.
    assert _fence_columns(lines, 1, lines) == tuple(
        source.find(source) + 1 if source else 1 for source in lines)


# -- blocks and repeats ---------------------------------------------------------


@given(st.lists(st.sampled_from(["", "x", " y "]), min_size=1, max_size=6),
       st.integers(min_value=1, max_value=6), st.integers(min_value=0, max_value=5))
def test_filled_lines_are_the_plain_filter(texts: list[str], start: int, extra: int) -> None:
    stripped = ["", *texts, *[""] * 12]
    end = start + extra
    last = end
    while last > start and not stripped[last]:  # the former form
        last -= 1
    assert _filled(stripped, start, end) == (
        last, [line for line in range(start, last + 1) if stripped[line]])


@given(st.sampled_from(["paragraph", "item", "heading", "fence", "html", "admonition"]),
       st.lists(st.integers(min_value=1, max_value=3), min_size=1, max_size=3, unique=True))
def test_one_line_units_are_the_joined_units(kind: str, lines: list[int]) -> None:
    doc = parse(b'!!! note "Say it"\n<b>x</b> y\n```\n', "page.md")
    stripped = ["", '!!! note "Say it"', "<b>x</b> y", "```"]
    spaced = ["", " note  say it ", " b x  b  y", ""]
    lines.sort()
    unit = _make_unit(doc, stripped, spaced, kind, lines[0], lines[-1], lines, None)
    texts = [stripped[line] for line in lines]  # the general form
    assert unit == PageUnit(kind, lines[0], lines[-1], tuple(lines), "\n".join(texts),
                        _unit_words(doc, kind, lines, texts, spaced), None, 0)


def _plain_shared(shingles: list[frozenset[object]]) -> Counter[tuple[int, int]]:
    """The former form: every shingle posted, one update per shingle."""
    postings: dict[object, list[int]] = defaultdict(list)
    for position, found in enumerate(shingles):
        for shingle in found:
            postings[shingle].append(position)
    shared: Counter[tuple[int, int]] = Counter()
    for positions in postings.values():
        if 2 <= len(positions) <= _COMMON_SHINGLE:
            shared.update(combinations(positions, 2))
    return shared


@given(st.lists(st.frozensets(st.integers(min_value=0, max_value=8), max_size=5), max_size=8))
def test_shared_shingles_count_as_the_plain_postings(shingles: list[frozenset[object]]) -> None:
    assert _shared_shingles(shingles) == _plain_shared(shingles)  # type: ignore[arg-type]


def test_shared_shingles_leave_out_common_shingles() -> None:
    shingles = [frozenset({1, 2})] * (_COMMON_SHINGLE + 1) + [frozenset({2})]
    assert _shared_shingles(shingles) == _plain_shared(shingles)  # type: ignore[arg-type]


@given(_LINE, st.lists(_LINE, max_size=4), st.integers(min_value=-1, max_value=5),
       st.integers(min_value=0, max_value=4))
@example("ab", ["x ab ab", "ab"], 1, 3)
@example("ab", ["x", "  ab"], 1, 0)
def test_one_line_locations_are_the_general_ones(content: str, lines: list[str],
                                                 line_no: int, hint: int) -> None:
    fast = _Located(content, line_no, lines, hint)
    plain = object.__new__(_Located)
    plain.content = content
    plain._locate(line_no, lines, hint)
    assert (fast.pieces, fast.starts, fast.origins) == (plain.pieces, plain.starts,
                                                        plain.origins)


@given(st.lists(st.text(alphabet="ab_ -:\u00e9\u00df1", max_size=10), min_size=1, max_size=5))
@example(["ab", "\u00e9t\u00e9 a_b", "", "x-1 \u00df"])
def test_spaced_words_are_the_regex_words(lines: list[str]) -> None:
    doc = parse("\n".join(lines).encode(), "page.md")
    spaced = _spaced_words(doc)
    for number, line in enumerate(doc.lines, 1):  # the plain form: the regex per line
        assert spaced[number].split() == _WORD.findall(line.lower())


@given(st.lists(st.tuples(st.integers(min_value=1, max_value=5),
                          st.integers(min_value=0, max_value=3)), max_size=8))
def test_reading_order_is_the_tuple_key_order(spans: list[tuple[int, int]]) -> None:
    units = [PageUnit(str(number), start, start + extra, (start,), "", ("w",), None)
             for number, (start, extra) in enumerate(spans)]
    plain = sorted(units, key=lambda unit: (unit.start_line, -unit.end_line))  # the former key
    units.sort(key=_END_LINE, reverse=True)
    units.sort(key=_START_LINE)
    assert units == plain


_SEQUENCE = st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=12).map(tuple)


@given(_SEQUENCE, _SEQUENCE)
def test_sequence_bound_is_never_below_the_ratio(one: tuple[str, ...],
                                                 two: tuple[str, ...]) -> None:
    if one or two:
        ratio = SequenceMatcher(None, one, two, autojunk=False).ratio()
        assert _sequence_bound(one, two) >= ratio


def _plain_similarities(units: list[PageUnit], options: RepeatOptions
                        ) -> tuple[dict[tuple[int, int], float], dict[tuple[int, int], float]]:
    """The former form: every pair through every test, the ratio without a bound."""
    shingles = _shingles(units)
    near: dict[tuple[int, int], float] = {}
    truncated: dict[tuple[int, int], float] = {}
    for (first, second), common in _shared_shingles(shingles).items():
        one, two = units[first], units[second]
        if one.end_line >= two.start_line or (one.kind == "heading") != (two.kind == "heading"):
            continue
        if one.exact == two.exact:
            near[(first, second)] = 1.0
            continue
        similarity = common / (len(shingles[first]) + len(shingles[second]) - common)
        if (similarity < options.threshold and one.kind in _PROSE and two.kind in _PROSE
                and min(len(one.words), len(two.words)) >= _MIN_SEQUENCE_WORDS
                and _close_in_length(one, two, options.threshold)):
            similarity = max(similarity, SequenceMatcher(None, one.words, two.words,
                                                         autojunk=False).ratio())
        if similarity >= options.threshold and one.kind != two.kind:
            truncated[(first, second)] = similarity
        elif similarity >= options.threshold:
            near[(first, second)] = similarity
        elif (min(len(one.words), len(two.words)) >= options.min_contained_words
              and common / min(len(shingles[first]), len(shingles[second]))
              >= options.containment and one.kind in _PROSE and two.kind in _PROSE):
            truncated[(first, second)] = (
                common / min(len(shingles[first]), len(shingles[second])))
    return near, truncated


_PROSE_WORDS = st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=24).map(tuple)


@given(st.lists(st.tuples(st.sampled_from(["paragraph", "admonition", "item", "heading"]),
                          _PROSE_WORDS), min_size=2, max_size=6),
       st.sampled_from([0.5, 0.85, 1.0]))
def test_similarities_are_the_plain_similarities(found: list[tuple[str, tuple[str, ...]]],
                                                 threshold: float) -> None:
    units = [PageUnit(kind, line, line, (line,), " ".join(words), words, None)
             for line, (kind, words) in enumerate(found, 1)]
    options = RepeatOptions(threshold=threshold, min_contained_words=3)
    assert _similarities(units, options) == _plain_similarities(units, options)
