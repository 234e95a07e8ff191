"""When a stated figure agrees with the figure computed from its neighbours.

Shared by the NUM rules (not a rule module itself): rounding tolerance from the
digits the author wrote, a relative tolerance for the rest, and plain-words
formatting for messages.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from pydantic import BaseModel, ConfigDict, Field

from curriculint.index.budgets import Budget
from curriculint.index.quantities import Quantity
from curriculint.load.document import Document, Finding, per_document


class Tolerance(BaseModel):
    """Options every NUM rule takes."""

    # Built on first validation: unconfigured, it is only constructed (run/plan.py).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    # Relative difference accepted on top of the rounding of the written digits.
    relative: float = Field(default=0.05, ge=0, le=1)
    # For figures marked approximate (~, about, roughly).
    approximate: float = Field(default=0.07, ge=0, le=1)


def half_unit(quantity_value: float, decimals: int) -> float:
    """Half of the last written digit: 5.26 -> 0.005; 5,800 -> 50 (two or more
    trailing zeros of an integer may be rounding; capped at 5%)."""
    if decimals:
        return 0.5 * 10 ** -decimals
    value = abs(round(quantity_value))
    zeros = 0
    while value and value % 10 == 0 and zeros < 12:
        value //= 10
        zeros += 1
    if zeros < 2:  # 20 ms and 240 mean exactly that
        return 0.5
    return min(0.5 * 10 ** zeros, 0.05 * abs(quantity_value))


def agrees(stated: float, expected: float, decimals: int, tolerance: Tolerance,
           approximate: bool = False) -> bool:
    """`stated` (in its own unit, as written) against `expected` (same unit)."""
    if math.isclose(stated, expected, rel_tol=1e-9, abs_tol=1e-12):
        return True
    difference = abs(stated - expected)
    if difference <= half_unit(stated, decimals) * 1.0001:
        return True
    relative = tolerance.approximate if approximate else tolerance.relative
    return difference <= relative * abs(expected)


def complement_agrees(stated_fraction: float, expected_fraction: float, decimals: int,
                      tolerance: Tolerance) -> bool:
    """Shares near 100% (99.999%) compare by what is left over, so a missing
    nine is not lost in a relative tolerance."""
    if stated_fraction > 0.9 and expected_fraction > 0.9:
        stated_rest = 100 - stated_fraction * 100
        expected_rest = 100 - expected_fraction * 100
        if abs(stated_rest - expected_rest) <= 0.5 * 10 ** -decimals * 1.0001:
            return True
        return abs(stated_rest - expected_rest) <= tolerance.relative * abs(expected_rest)
    return agrees(stated_fraction * 100, expected_fraction * 100, decimals, tolerance)


def number(value: float, digits: int = 3) -> str:
    """A figure for a message: three significant digits, no float noise."""
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(value)))
    rounded = round(value, max(digits - 1 - magnitude, 0))
    if abs(rounded) >= 1000:
        return f"{rounded:,.0f}"
    text = f"{rounded:.{max(digits - 1 - magnitude, 0)}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(fraction: float) -> str:
    """99.9994 -> "99.999%": as many nines as the leftover needs."""
    rest = (1 - fraction) * 100
    if 0 < rest < 10:
        places = max(0, 1 - math.floor(math.log10(rest)))  # two significant digits
        rest_text = f"{rest:.{places}f}".rstrip("0").rstrip(".")
        places = len(rest_text.split(".")[1]) if "." in rest_text else 0
        return f"{100 - float(rest_text):.{places}f}%"
    return f"{number(fraction * 100)}%"


_DURATIONS = (("year", 31_557_600.0), ("day", 86_400.0), ("h", 3600.0), ("min", 60.0),
              ("s", 1.0), ("ms", 1e-3), ("μs", 1e-6), ("ns", 1e-9))


def duration(seconds: float) -> str:
    """A length of time in the largest unit that keeps it at 1 or more."""
    for name, size in _DURATIONS[1:]:
        if seconds >= size * 0.9999 or name == "ns":
            return f"{number(seconds / size)} {name}"
    return f"{number(seconds)} s"


def in_unit(quantity: Quantity, base_value: float) -> str:
    """A base value written in the quantity's own unit: 0.0078 s -> "7.8 ms"."""
    if quantity.dimension == "percent":
        return f"{number(base_value * 100)}%"
    if quantity.dimension == "money":
        return f"{quantity.symbol}{number(base_value)}"
    value = base_value / quantity.factor if quantity.factor else base_value
    space = "" if quantity.symbol in ("%",) or not quantity.symbol else " "
    return f"{number(value)}{space}{quantity.symbol}"


def with_unit(value_text: str, symbol: str, value: float) -> str:
    """"14" + "week" -> "14 weeks"; "5" + "%" -> "5%"."""
    if not symbol:
        return value_text
    if symbol == "%" or symbol in "$€£":
        return f"{symbol}{value_text}" if symbol in "$€£" else f"{value_text}%"
    plural = "s" if symbol.isalpha() and len(symbol) > 3 and value != 1 else ""
    return f"{value_text} {symbol}{plural}"


_UNIT_WORDS = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})


def span_text(low: float, high: float, unit_of: Quantity | None = None) -> str:
    """"18", "14-16"; with a quantity, in its unit spelt out: "18 hours", "14-16 hours"."""
    figure = number(low) if number(low) == number(high) else f"{number(low)}-{number(high)}"
    if unit_of is None:
        return figure
    if unit_of.unit in _UNIT_WORDS:
        plural = "" if figure == "1" else "s"
        return f"{figure} {unit_of.unit}{plural}"
    return with_unit(figure, unit_of.symbol, high)


def title(node: Budget) -> str:
    """How a message names a node of the budget tree: "Week 6", "Core Laws"."""
    if node.calendar is not None:
        calendar = node.calendar
        numbers = str(calendar.start) if calendar.start == calendar.end else \
            f"{calendar.start}-{calendar.end}"
        return f"{calendar.kind.title()} {numbers}"
    if node.kind == "table":
        return "the table"
    label = node.label
    for stop in (" (", ": ", " — ", " – ", " - "):
        label = label.split(stop, 1)[0]
    label = label.rstrip(" :") or node.kind
    return label if len(label) <= 50 else label[:47].rstrip() + "..."


def shown(quantity: Quantity) -> str:
    return quantity.text.strip()


_PRONOUNS = frozenset({"them", "these", "those", "it", "of them", "of these", "of those"})


def described(quantity: Quantity) -> str:
    """The figure with what it counts and its period: "400 scrapes per second"."""
    text = shown(quantity)
    if quantity.dimension == "count" and quantity.noun and quantity.noun not in _PRONOUNS:
        text += f" {quantity.noun}"
    if quantity.per:
        text += f" per {quantity.per}"
    return text


@per_document
def groups(doc: Document) -> dict[int, list[Quantity]]:
    """Quantities by sentence, list item or table row, in reading order.

    Seven NUM rules walk these: built once per page and shared, so read only.
    """
    found: dict[int, list[Quantity]] = {}
    for quantity in doc.index.quantities:
        found.setdefault(quantity.group, []).append(quantity)
    return found


def words(text: str) -> str:
    return " ".join(text.lower().replace("*", " ").replace("_", " ").split())


def has_any(text: str, cues: Iterable[str]) -> bool:
    # `map` over `__contains__`: `cue in lowered` for each cue, without a generator frame.
    return any(map(words(text).__contains__, cues))


def table_headers(doc: Document, line: int) -> Sequence[str]:
    """Header cells of the table that holds `line` (empty outside tables)."""
    for block in doc.index.blocks:
        if block.kind == "table" and block.start_line <= line <= block.end_line:
            return _header_cells(doc)[block.start_line]
    return ()


@per_document
def _header_cells(doc: Document) -> dict[int, tuple[str, ...]]:
    """Table cells by the first line of each table: one walk over the page's runs
    (`table_headers` walked them all on every call)."""
    cells: dict[int, list[str]] = {block.start_line: [] for block in doc.index.blocks
                                   if block.kind == "table"}
    for run in doc.index.text_runs:
        if run.line in cells and run.context == "table":
            cells[run.line].append(run.text)
    return {line: tuple(texts) for line, texts in cells.items()}


_LINE_NUMBER = re.compile(r"\blines? \d+(?:-\d+)?")


def once_per_claim(check: Callable[..., Iterable[Finding]]) -> Callable[..., Iterator[Finding]]:
    """A rule's `check` that reports a claim once: a sentence, item or row repeated
    word for word (a section pasted twice) repeats its finding, which is left out."""

    @functools.wraps(check)
    def reported_once(doc: Document, *options: object) -> Iterator[Finding]:
        seen: set[tuple[str, str, str]] = set()
        for finding in check(doc, *options):
            key = (finding.code, _LINE_NUMBER.sub("", finding.message),
                   doc.line_text(finding.span.line).strip())
            if key not in seen:
                seen.add(key)
                yield finding

    return reported_once


_FRONTMATTER_WEEKLY = re.compile(
    r"^\s*~?\s*(?P<low>\d+(?:\.\d+)?)(?:\s*(?:-|–|to)\s*(?P<high>\d+(?:\.\d+)?))?\s*"
    r"(?P<unit>hours?|hrs?|h)\.?\s*(?:/|per|a|each|every)\s*(?:week|wk)\s*$", re.IGNORECASE)
WEEKLY_KEYS = ("estimated_time", "time_commitment", "weekly_hours", "hours_per_week",
               "weekly_commitment", "commitment", "effort")


def frontmatter_weekly(doc: Document) -> tuple[float, float, str, int] | None:
    """The frontmatter's hours a week (`estimated_time: 10-12 hours per week`): low
    and high in seconds, the value as written and its line."""
    if not doc.frontmatter.present:
        return None
    for key in WEEKLY_KEYS:
        value = doc.frontmatter.data.get(key)
        if value is None:
            continue
        match = _FRONTMATTER_WEEKLY.match(str(value))
        if match is None:
            return None
        low = float(match.group("low"))
        high = float(match.group("high") or low)
        return low * 3600, high * 3600, f"{span_text(low, high)} hours ({key})", \
            doc.frontmatter.line_of(key)
    return None
