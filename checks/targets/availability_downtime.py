"""An availability figure and the downtime stated for it disagree.

Why: 99.99% of a year is 52.6 minutes of downtime; a page that pairs 99.9999%
with 5.26 minutes a year teaches the wrong budget (5.26 minutes is 99.999%).
The percentage and the downtime must sit in one sentence, list item or table
row (or the downtime's column header must name the period); "N nines" wording
is checked against the percentage too. A duration written in parts (`8h 45m
56s`, `4 hours 22 minutes`) is not read part by part.

Bad:
```markdown
- System availability: 99.9999% (5.26 minutes/year downtime)
```

Good:
```markdown
- System availability: 99.999% (5.26 minutes/year downtime)
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from curriculint.checks.targets.agreement import (
    Tolerance,
    complement_agrees,
    duration,
    groups,
    has_any,
    once_per_claim,
    percent,
    shown,
    table_headers,
    words,
)
from curriculint.index.quantities import Quantity
from curriculint.index.units import seconds
from curriculint.load.document import Document, Finding, Severity

CODE = "NUM001"
NAME = "availability-downtime"
SEVERITY = Severity.ERROR


class Options(Tolerance):
    pass


_AVAILABILITY = ("availab", "uptime", "up time", "sla", "slo", "nines", "reliab", "durab")
_DOWNTIME = ("downtime", "down time", "outage", "unavailab", "offline", "error budget",
             "of down", "down per", "down a ", "allows", "be down", "is down", "goes down",
             "down for")
_PERIOD_WORDS = re.compile(r"\b(?:per|a|an|each|every|/)\s*(year|yr|month|week|day|quarter)\b"
                           r"|\b(annual|yearly|monthly|weekly|daily)", re.IGNORECASE)
_PERIOD_NOUNS = frozenset({"month", "year", "week", "day", "quarter", "window", "period"})
_ADVERBS = {"annual": "year", "yearly": "year", "monthly": "month", "weekly": "week",
            "daily": "day"}
# Accepted lengths for calendar periods: authors use 30-day months and 365-day years.
_VARIANTS = {"month": (28, 30, 30.4375, 31), "year": (365, 365.25), "quarter": (90, 91.3125)}


_DAYS_LONG = re.compile(r"\b(?:a|an|one|per|each|every|in|over)\s+(\d{1,3})[- ]days?\s+"
                        r"(month|window|period|year|quarter)\b", re.IGNORECASE)


# The window an availability figure is stated over, right after it: "99.5%
# availability over 28 days", "99.9% over a rolling 30-day window".
_WINDOW_AFTER = re.compile(r"^\s*(?:[a-z]+\s+){0,2}?(?:over|across|in|within|for|per)\s+"
                           r"(?:a\s+|the\s+|any\s+|each\s+|every\s+)?(?:rolling\s+)?"
                           r"(\d{1,3})[- ]days?\b", re.IGNORECASE)


def _window_of(source: Quantity) -> tuple[str, float] | None:
    match = _WINDOW_AFTER.match(source.after[:50])
    if match is None:
        return None
    days = int(match.group(1))
    return f"{days}-day window", days * 86_400.0


def _period_of(quantity: Quantity, context: str) -> tuple[str, float] | None:
    if quantity.per_seconds >= 86_400:
        return quantity.per, quantity.per_seconds
    days = _DAYS_LONG.search(context)
    if days:  # "in a 30-day month": the author says how long
        return f"{days.group(1)}-day {days.group(2).lower()}", int(days.group(1)) * 86_400.0
    found = {(_ADVERBS.get((match.group(2) or "").lower()) or (match.group(1) or "").lower())
             for match in _PERIOD_WORDS.finditer(context)}
    found.discard("")
    if len(found) != 1:
        return None
    name = found.pop()
    name = "year" if name == "yr" else name
    length = seconds("days") if name == "quarter" else seconds(name)
    if length is None:
        return None
    return name, length * (91.3125 if name == "quarter" else 1)


def _lengths(name: str, length: float) -> tuple[float, ...]:
    if "-day " in name:
        return (length,)
    key = name.rstrip("s")
    if key in _VARIANTS:
        return tuple(days * 86_400 for days in _VARIANTS[key])
    return (length,)


def _availability(quantity: Quantity) -> float | None:
    if quantity.dimension == "nines" and 1 <= quantity.value <= 9:
        return 1 - 10 ** -quantity.value
    if (quantity.dimension == "percent" and quantity.high is None and 90 <= quantity.value < 100
            and quantity.bound in ("", "approx")):
        return quantity.value / 100
    return None


# A duration written in parts (`8h 45m 56s`, `4 hours 22 minutes`): a part next to
# the figure, with nothing but a space (or "and") between.
_PART = r"\d+(?:[.,]\d+)?\s*(?:d|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)"
_COMPOUND_BEFORE = re.compile(_PART + r"\s+(?:and\s+)?$", re.IGNORECASE)
_COMPOUND_AFTER = re.compile(r"^\s+(?:and\s+)?" + _PART + r"\b", re.IGNORECASE)


@once_per_claim
def check(doc: Document, options: Options | None = None) -> Iterator[Finding]:
    options = options or Options()
    index = doc.index
    for members in groups(doc).values():
        availabilities = [q for q in members if _availability(q) is not None]
        if not availabilities:
            continue  # most groups: spare joining their text
        shares = [q for q in availabilities if q.dimension == "percent"]
        text = " ".join(q.before + q.text + q.after for q in members[:1]) if members else ""
        row = members[0].cell >= 0
        if row:
            text = " ".join(index.text_runs[q.run].text for q in members)
        yield from _nines_against_shares(availabilities, shares, options)
        headers = table_headers(doc, members[0].line) if row else ()
        downtimes: list[tuple[Quantity, str, float]] = []
        local_names: list[bool] = []
        for quantity in members:
            if quantity.dimension != "time" or quantity.high is not None:
                continue
            if quantity.bound not in ("", "approx"):
                continue
            if _COMPOUND_BEFORE.search(quantity.before) or _COMPOUND_AFTER.match(quantity.after):
                continue  # a part of `8h 45m 56s`, `4 hours 22 minutes`: not the whole
            if quantity.head in _PERIOD_NOUNS or quantity.noun.split(" ", 1)[0] in _PERIOD_NOUNS:
                continue  # "a 30-day month" names the period, not the downtime
            header = headers[quantity.cell] if 0 <= quantity.cell < len(headers) else ""
            local = words(quantity.noun + " " + quantity.after[:40] + " " + header)
            named = has_any(local, _DOWNTIME) or has_any(quantity.before[-25:], _DOWNTIME)
            if not (named or (not row and has_any(text, _DOWNTIME))):
                continue
            period = _period_of(quantity, header if row and header else
                                quantity.after[:60] if not quantity.per else "")
            if period is None and not row:
                windows = {window for window in map(_window_of, availabilities) if window}
                period = windows.pop() if len(windows) == 1 else _period_of(quantity, text)
            if period is None:
                continue
            downtimes.append((quantity, *period))
            local_names.append(named)
        if len(downtimes) > 1 and any(local_names):
            # Several durations in the sentence: those that say they are downtime.
            downtimes = [item for item, named in zip(downtimes, local_names, strict=True)
                         if named]
        if not downtimes:
            continue
        if not row and not has_any(text, _AVAILABILITY) and not has_any(text, _DOWNTIME):
            continue
        sources = shares or availabilities
        if len(sources) == 1:
            pairs = [(sources[0], downtime) for downtime in downtimes]
        elif len(sources) == len(downtimes):
            pairs = list(zip(sources, downtimes, strict=True))
        else:
            continue
        for source, (downtime, name, length) in pairs:
            yield from _compare(source, downtime, name, length, options)


def _nines_against_shares(availabilities: list[Quantity], shares: list[Quantity],
                          options: Options) -> Iterator[Finding]:
    nines = [q for q in availabilities if q.dimension == "nines"]
    if len(nines) != 1 or len(shares) != 1:
        return
    expected = _availability(nines[0])
    stated = _availability(shares[0])
    assert expected is not None and stated is not None
    if not complement_agrees(stated, expected, shares[0].decimals, options):
        yield Finding(CODE, shares[0].span,
                      f"{shown(nines[0])} is {percent(expected)}; the text says "
                      f"{shown(shares[0])}, which is {_count_nines(stated)} nines")


def _count_nines(fraction: float) -> str:
    digits = f"{fraction * 100:.6f}".replace(".", "")
    return str(len(digits) - len(digits.lstrip("9")))


def _compare(source: Quantity, downtime: Quantity, name: str, length: float,
             options: Options) -> Iterator[Finding]:
    availability = _availability(source)
    assert availability is not None
    stated = downtime.base
    for variant in _lengths(name, length):
        expected = (1 - availability) * variant
        if _close(stated, expected, downtime, options):
            return
    expected = (1 - availability) * length
    implied = 1 - stated / length
    other = ""
    for other_name in ("year", "month", "week", "day"):
        other_length = seconds(other_name)
        if other_length and other_name != name.rstrip("s") and _close(
                stated, (1 - availability) * other_length, downtime, options):
            other = f" ({shown(downtime)} is the {other_name}ly figure for {shown(source)})"
            break
    matches = f", which matches {percent(implied)}" if 0.5 < implied < 1 else ""
    yield Finding(
        CODE, source.span,
        f"{shown(source)} availability allows {duration(expected)} of downtime per "
        f"{name.rstrip('s')}; the text says {shown(downtime)}{matches}{other}")


def _close(stated: float, expected: float, downtime: Quantity, options: Options) -> bool:
    # Compare in the unit the author wrote, rounding included.
    value = stated / downtime.factor
    target = expected / downtime.factor
    half = 0.5 * 10 ** -downtime.decimals if downtime.decimals else 0.5
    if abs(value - target) <= half * 1.0001:
        return True
    relative = options.approximate if downtime.bound == "approx" else options.relative
    return abs(value - target) <= relative * target
