"""A date written with its weekday names the wrong weekday (`Tuesday 10 September
2023`: that day was a Sunday), or a day the month does not have (`30 February`).

Why: a course schedule, a deadline or an event date that contradicts itself
sends readers to the wrong day, and nobody can tell which half was meant. Read
in English prose, headings and tables, with the year written out (`Tuesday,
10 September 2023`, `Tue 10 Sep 2023`, `Tuesday, September 10, 2023`,
`Tuesday 2023-09-10`); dates from 1900 to 2199 only. Code is not read.

Bad:
```markdown
- Lab 3: Tuesday, 10 September 2023
```

Good:
```markdown
- Lab 3: Tuesday, 12 September 2023
```
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterator
from functools import cache

from curriculint.load.document import Document, Finding, Severity, Span

CODE = "NUM016"
NAME = "weekday-date"
SEVERITY = Severity.ERROR

_YEARS = range(1900, 2200)


def _alternatives(full: list[str], short: list[str]) -> str:
    """Full names in any case; abbreviations (`Tue`, `Sept.`) capitalised only: a
    lower-case `sat` or `mar` is a word."""
    names = {name for name in full if name}
    abbreviations = {name for name in short if name} | {"Tues", "Thur", "Thurs", "Sept"}
    return (r"(?i:" + "|".join(sorted(names, key=len, reverse=True)) + r")"
            r"|(?:" + "|".join(sorted(abbreviations, key=len, reverse=True)) + r")\.?")


@cache
def _pattern() -> re.Pattern[str]:
    weekday = _alternatives(list(calendar.day_name), list(calendar.day_abbr))
    month = _alternatives(list(calendar.month_name), list(calendar.month_abbr))
    day = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<{}>(?:19|20|21)\d\d)\b"
    return re.compile(
        rf"\b(?P<weekday>{weekday}),?\s+(?:"
        rf"(?:the\s+)?{day.format('d1')}(?:\s+of)?\s+(?P<m1>{month}),?\s+{year.format('y1')}"
        rf"|(?P<m2>{month})\s+{day.format('d2')},?\s+{year.format('y2')}"
        rf"|(?P<y3>(?:19|20|21)\d\d)-(?P<n3>[01]\d)-(?P<d3>[0-3]\d)\b)")


@cache
def _index_of(names: tuple[str, ...], abbreviations: tuple[str, ...]) -> dict[str, int]:
    table: dict[str, int] = {}
    for number, (name, short) in enumerate(zip(names, abbreviations, strict=True)):
        if name:
            table[name.lower()] = number
            table[short.lower()] = number
            table[name[:4].lower()] = number  # Tues, Thur, Sept
            table[name[:5].lower()] = number  # Thurs
    return table


def _weekday(name: str) -> int:
    return _index_of(tuple(calendar.day_name), tuple(calendar.day_abbr))[
        name.rstrip(".").lower()]


def _month(name: str) -> int:
    return _index_of(tuple(calendar.month_name), tuple(calendar.month_abbr))[
        name.rstrip(".").lower()]


def _date(match: re.Match[str]) -> tuple[int, int, int] | None:
    """(year, month, day) as written, or None for a shape not read."""
    if match["y1"]:
        return int(match["y1"]), _month(match["m1"]), int(match["d1"])
    if match["y2"]:
        return int(match["y2"]), _month(match["m2"]), int(match["d2"])
    return int(match["y3"]), int(match["n3"]), int(match["d3"])


# Every weekday name the pattern reads starts so (a page without one is done at once).
_ANY_WEEKDAY = re.compile(r"(?i)\b(?:mon|tue|wed|thu|fri|sat|sun)")
_DIGIT = re.compile(r"\d")


def check(doc: Document) -> Iterator[Finding]:
    if not _ANY_WEEKDAY.search(doc.text):
        return
    pattern = _pattern()
    for run in doc.index.text_runs:
        if not _DIGIT.search(run.text):
            continue
        for match in pattern.finditer(run.text):
            try:
                written = _date(match)
            except KeyError:
                continue
            if written is None or written[0] not in _YEARS or not 1 <= written[1] <= 12:
                continue
            year, month, day = written
            span = Span.of(run.line, run.column + match.start(), match.end() - match.start())
            try:
                date = datetime.date(year, month, day)
            except ValueError:
                if day >= 1:
                    yield Finding(CODE, span, f"'{match.group()}': {calendar.month_name[month]} "
                                  f"{year} has no day {day}")
                continue
            named = _weekday(match["weekday"])
            if date.weekday() != named:
                yield Finding(CODE, span, f"'{match.group()}': {date.day} "
                              f"{calendar.month_name[month]} {year} is a "
                              f"{calendar.day_name[date.weekday()]}, not a "
                              f"{calendar.day_name[named]}")
