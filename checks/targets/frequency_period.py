"""A frequency and the period stated with it disagree (60 fps is 16.7 ms frames).

Why: a rate and its interval are one fact written twice; when they disagree
the reader cannot tell which one the design assumes. Pairs are taken only when
a sentence, list item or table row holds exactly one period (`every 30 s`,
`7.8ms updates`, `15-second interval`) and one frequency (`128Hz`, `60 fps`,
`240 times an hour`, `400 scrapes per second`); `2,000 targets every 30 s`
counts 2,000 events per period.

Bad:
```markdown
The renderer targets 60 fps (20 ms frames).
```

Good:
```markdown
- Server tick rate: 128Hz (7.8ms updates)
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from curriculint.checks.targets.agreement import (
    Tolerance,
    agrees,
    described,
    duration,
    groups,
    number,
    shown,
)
from curriculint.index.quantities import Quantity
from curriculint.load.document import Document, Finding, Severity

CODE = "NUM002"
NAME = "frequency-period"
SEVERITY = Severity.ERROR


class Options(Tolerance):
    pass


_PERIOD_NOUNS = frozenset({"interval", "period", "frame", "update", "tick", "heartbeat",
                           "cycle", "step", "poll", "refresh", "timestep"})
_EVENTS = frozenset({"time", "renewal", "scrape", "poll", "update", "frame", "tick", "heartbeat",
                     "refresh", "check", "probe", "sample", "snapshot", "sync", "ping", "beat",
                     "cycle", "round", "iteration", "pulse", "run"})
_EVERY = re.compile(r"\bevery\s*$", re.IGNORECASE)


def _is_period(quantity: Quantity) -> bool:
    if quantity.dimension != "time" or quantity.high is not None or quantity.per:
        return False
    if quantity.bound not in ("", "approx"):
        return False
    if _EVERY.search(quantity.before):
        return True
    return any(word in _PERIOD_NOUNS for word in
               (quantity.head, *(w.rstrip("s") for w in quantity.noun.split()[-2:])))


def _is_frequency(quantity: Quantity) -> bool:
    if quantity.high is not None or quantity.bound not in ("", "approx"):
        return False
    if quantity.dimension == "frequency" and not quantity.per:
        return True
    return quantity.dimension == "count" and quantity.per_seconds > 0 and \
        quantity.head in _EVENTS


def _events_per_period(period: Quantity, members: list[Quantity]) -> float:
    """`2,000 targets every 30 seconds`: 2,000 events per period, else 1."""
    if not _EVERY.search(period.before):
        return 1.0
    earlier = [q for q in members if q.span < period.span]
    if not earlier:
        return 1.0
    previous = earlier[-1]
    if previous.dimension != "count" or previous.per or previous.high is not None:
        return 1.0
    gap = period.span.column - max(previous.reach, previous.span.end_column)
    if previous.span.line == period.span.line and 0 <= gap <= len(" every "):
        return previous.value
    return 1.0


def check(doc: Document, options: Options | None = None) -> Iterator[Finding]:
    options = options or Options()
    for members in groups(doc).values():
        periods = [q for q in members if _is_period(q)]
        frequencies = [q for q in members if _is_frequency(q) and q not in periods]
        if len(periods) != 1 or len(frequencies) != 1:
            continue
        period, frequency = periods[0], frequencies[0]
        events = _events_per_period(period, members)
        expected_rate = events / period.base  # per second
        stated_rate = frequency.rate
        if stated_rate <= 0 or period.base <= 0:
            continue
        # Either figure may be the rounded one: accept agreement in either unit.
        per = frequency.per_seconds or 1.0
        in_frequency_unit = agrees(frequency.value, expected_rate * per / frequency.factor,
                                   frequency.decimals, options, frequency.bound == "approx")
        in_period_unit = agrees(period.value, events / stated_rate / period.factor,
                                period.decimals, options, period.bound == "approx")
        if in_frequency_unit or in_period_unit:
            continue
        what = f"{number(events)} every {shown(period)}" if events != 1 else shown(period)
        expected_text = (f"{number(expected_rate)} Hz" if frequency.dimension == "frequency"
                         else f"{number(expected_rate * per)} {frequency.noun} per "
                              f"{frequency.per}")
        yield Finding(
            CODE, frequency.span,
            f"{what} is {expected_text}; the text says {described(frequency)}, which would "
            f"need a period of {duration(events / stated_rate)}")
