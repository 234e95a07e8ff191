"""Figures read from text runs: values, ranges, bounds, units, periods, spans."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from curriculint.index import quantities
from curriculint.index.quantities import Quantity
from curriculint.index.records import TextRun
from curriculint.load.document import parse


def figures(markdown: str) -> list[Quantity]:
    return list(parse(markdown.encode("utf-8"), "page.md").index.quantities)


def only(markdown: str) -> Quantity:
    found = figures(markdown)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "value", "high", "unit"), [
    ("It takes 1,000,000 steps.", 1_000_000, None, ""),
    ("It takes 2.5 steps.", 2.5, None, ""),
    ("Support 10k users.", 10_000, None, ""),
    ("Handle 1M+ events.", 1_000_000, None, ""),
    ("Handle 100K orders.", 100_000, None, ""),
    ("Plan 20-25 hours.", 20, 25, "hour"),
    ("Plan 8–10ms.", 8, 10, "millisecond"),
    ("Wait 100ms-1s.", 100, 1000, "millisecond"),
    ("Keep it at 99.95%.", 99.95, None, "percent"),
    ("Run at 128Hz.", 128, None, "hertz"),
    ("Render 60 fps.", 60, None, "hertz"),
    ("Copy 5 GB.", 5, None, "gigabyte"),
    ("Pay $4.2M.", 4_200_000, None, "USD"),
    ("Aim for five nines.", 5, None, "nines"),
    ("Aim for 5-nines.", 5, None, "nines"),
    ("About fifty million matches a day.", 50_000_000, None, ""),
])
def test_values_ranges_and_units(text: str, value: float, high: float | None,
                                 unit: str) -> None:
    quantity = only(text)
    assert quantity.value == pytest.approx(value)
    assert quantity.high == (pytest.approx(high) if high is not None else None)
    assert quantity.unit == unit


@pytest.mark.parametrize(("text", "bound"), [
    ("Latency <50ms.", "upper"),
    ("Latency ≤ 1 ms.", "upper"),
    ("Latency up to 150ms.", "upper"),
    ("Handle 10M+ ops.", "lower"),
    ("Roughly 400 scrapes.", "approx"),
])
def test_bounds(text: str, bound: str) -> None:
    assert only(text).bound == bound


def test_mojibake_micro_sign_still_reads_as_microseconds() -> None:
    quantity = only("Risk check: <10Î¼s per order.")
    assert quantity.unit == "microsecond"
    assert quantity.base == pytest.approx(10e-6)


def test_rates_carry_their_period_and_noun() -> None:
    quantity = only("Process 100k orders/second.")
    assert (quantity.noun, quantity.per, quantity.rate) == ("orders", "second", 100_000)
    downtime = only("Allow 26.3 hours of downtime per month.")
    assert (downtime.noun, downtime.per) == ("downtime", "month")


def test_span_is_exact_on_the_source_line() -> None:
    markdown = "# T\n\n- Tick: **128Hz** now\n"
    quantity = only(markdown)
    line = markdown.splitlines()[quantity.span.line - 1]
    assert line[quantity.span.column - 1:quantity.span.end_column - 1] == "128Hz"


@pytest.mark.parametrize("text", [
    "Released 2025-08-06.", "Version 1.2.3 is out.", "The p99 latency.", "5G radios.",
    "H264 video.", "Use `60 fps` here.", "Meet at 10:30.",
])
def test_non_figures_are_skipped(text: str) -> None:
    assert [q.text for q in figures(text) if q.dimension != "count" or q.noun] == []


def test_code_blocks_hold_no_figures() -> None:
    assert figures("# T\n\n```\n60 fps (20 ms frames)\n```\n") == []


def test_from_to_is_a_change_not_a_range() -> None:
    found = figures("Latency fell from 200 ms to 50 ms.")
    assert [(q.value, q.high) for q in found] == [(200, None), (50, None)]


def test_table_cells_share_a_row_group() -> None:
    found = figures("| A | B |\n|---|---|\n| 99.9% | 8.76 hours |\n")
    assert len({q.group for q in found}) == 1
    assert [q.cell for q in found] == [0, 1]


@pytest.mark.parametrize("text", ["Wait ſix seconds.", "Retry fıve times per minute.",
                                  "Twenty-ſix requests per second."])
def test_letters_that_only_match_case_blind_are_not_number_words(text: str) -> None:
    # 'ſ' and 'ı' match s and i under re.IGNORECASE, but lower() maps them to no
    # number word: no figure, and no crash.
    assert [figure.value for figure in figures(text)] == []


# -- fast paths read text exactly as the plain forms they replaced -------------------

# The characters the fast paths look at (ASCII and other digits, stops, "?", which
# stands for non-ASCII in the ASCII copy of a page), and a few they do not.
_RUN_TEXT = st.text(alphabet="ab 09.!?;—–-:/%+tх٣１𝟘\u00a0\ud800é", max_size=12)


def _plain_runs(pattern: re.Pattern[str], texts: list[str]) -> set[int]:
    return {number for number, text in enumerate(texts) if pattern.search(text)}


@given(st.lists(_RUN_TEXT, min_size=1, max_size=6))
@example(["a 1", "b", "٣"])
@example(["x?", "é", "a—b", "1"])
def test_marks_find_the_runs_the_plain_regexes_find(texts: list[str]) -> None:
    marks = quantities._Marks.of(texts)
    assert marks.digits == _plain_runs(re.compile(r"\d"), texts)
    assert marks.stops == _plain_runs(re.compile(r"[.!?;—–]"), texts)


@given(_RUN_TEXT)
def test_non_ascii_keeps_every_non_ascii_character(text: str) -> None:
    assert quantities._non_ascii(text) == "".join(char for char in text if ord(char) > 127)


_AFTER_FIGURE = st.text(alphabet=" \t\u00a0-–—tohruga%kms/:.)", max_size=14)


@given(_AFTER_FIGURE)
@example(" to 5")
@example("–5")
@example(" thousand")
def test_guards_skip_only_patterns_that_cannot_match(text: str) -> None:
    following = text[:1]
    if not quantities._may_join(following):
        assert quantities._RANGE_JOIN.match(text) is None
    if not following.isspace():
        assert quantities._SCALE_AFTER.match(text) is None


@settings(deadline=None)  # the first unit word may load pint
@given(_AFTER_FIGURE, st.sampled_from(["count", "time"]))
@example(")/s", "count")
@example(":", "time")
def test_noun_and_period_shortcut_reads_as_the_full_walk(text: str, dimension: str) -> None:
    reader = quantities._RunReader(TextRun(1, 1, "5" + text, "paragraph"), 0, [(0, 1, 0)], -1)
    found = reader._noun_and_period(1, dimension)
    if not (text[:1].isalnum() or text[:1].isspace() or text[:1] in ("/", "-")):
        # Nothing the walk reads can start here: no period, gap or word.
        assert quantities._period_at("5" + text, 1) is None
        assert quantities._GAP.match(text) is None and quantities._WORD.match(text) is None
        assert found == ("", "", 0.0, 1)


def test_figures_are_built_positionally_in_field_order() -> None:
    quantity = only("Handle ~5,000 orders/second.")
    assert quantity._asdict()["noun"] == "orders" and quantity.per == "second"
    assert quantity.bound == "approx" and quantity.text == "~5,000"
    assert (quantity.before, quantity.after) == ("Handle ", " orders/second.")
