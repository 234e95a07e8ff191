"""The faster forms in checks.quantities and checks.repeats read text exactly as
the plain forms they replaced."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from checks import quantities
from checks.blocks import Unit
from checks.document import parse
from checks.index import TextRun
from checks.repeats import _shingles
from checks.rules.targets.agreement import groups

# The characters the patterns look at, and a few they do not.
_TEXT = st.text(alphabet=".!?;:,/#@-–— \t\u00a0abzAZ0123456789$€£kKMBİıſ%+~", max_size=40)
_PLAIN_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[^\sa-z])|\s+[—–]\s+")
_PLAIN_DATE_OR_TIME = re.compile(r"\d{4}-\d{2}(?:-\d{2})?|\d{1,2}:\d{2}")


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


@given(_TEXT)
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
    units = [Unit("paragraph", line, line, (line,), " ".join(unit), unit, None)
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
