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
from collections.abc import Iterator, Sequence

from curriculint.checks.targets.agreement import (
    Tolerance,
    agrees,
    described,
    duration,
    groups,
    has_any,
    number,
    once_per_claim,
    shown,
    words,
)
from curriculint.index.quantities import Quantity
from curriculint.index.records import TextRun
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


@once_per_claim
def check(doc: Document, options: Options | None = None) -> Iterator[Finding]:
    options = options or Options()
    for members in groups(doc).values():
        yield from _time_per_item(members, options, doc.index.text_runs)
        yield from _every_so_many(members, options, doc.index.text_runs)
        yield from _renewals(members, options)
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


# A time one item takes: "40 µs per call", "1 ms each", "takes about 25 ms".
_EACH_AFTER = re.compile(r"^\s*(?:each|apiece|a piece|per\s+(?!second|sec|minute|min|hour|day|"
                         r"week|month|year)[a-z]+)\b", re.IGNORECASE)
# (`last` the verb, not the adjective: `the last 5 seconds` is a window of time)
_TAKES_BEFORE = re.compile(r"\b(?:takes?|took|taking|needs?|costs?|spends?|lasts|"
                           r"(?<!\bthe\s)(?<!\bthese\s)(?<!\bthose\s)(?<!\bits\s)"
                           r"(?<!\btheir\s)last)\s+"
                           r"(?:about|roughly|around|approximately|~|only|just|under)?\s*$",
                           re.IGNORECASE)
_FOR_BEFORE = re.compile(r"\bfor\s+(?:about|roughly|around|~)?\s*$", re.IGNORECASE)
# Many workers, connections or requests in flight make latency and throughput
# independent (Little's law): a time per item is then no period.
_MANY = ("workers", "threads", "cores", "connections", "instances", "nodes", "servers",
         "replicas", "pods", "machines", "shards", "partitions", "concurren", "parallel",
         "in flight", "in-flight", "p99", "p95", "p50", "percentile", "latency", "batch")
_LINKED = re.compile(r"(?:=|≈|\bso\b|\bi\.e\.|\bthat is\b|\bwhich is\b|\bor\b|\(|"
                     r"\bmeaning\b|\bwhich means\b|\bthus\b|\btherefore\b|\bhence\b|,)",
                     re.IGNORECASE)


def _throughput(quantity: Quantity) -> bool:
    if quantity.high is not None or quantity.bound not in ("", "approx"):
        return False
    if quantity.dimension == "frequency" and not quantity.per:
        return True
    return quantity.dimension == "count" and quantity.per_seconds > 0


def _between(first: Quantity, second: Quantity, runs: Sequence[TextRun]) -> str:
    """The text between two figures of one sentence (over a line break too)."""
    start = runs[first.run]
    end = runs[second.run]
    after_first = start.text[max(first.reach, first.span.end_column) - start.column:]
    if first.run == second.run:
        return after_first[:second.span.column - max(first.reach, first.span.end_column)]
    return after_first + " " + end.text[:second.span.column - end.column]


def _time_per_item(members: list[Quantity], options: Options,
                   runs: Sequence[TextRun]) -> Iterator[Finding]:
    """`10,000 ops/s = 1 ms each`, `takes about 40 µs, so ... 2,500 per second`: one
    item's time and the throughput of one worker are each other's inverse."""
    times = [q for q in members if q.dimension == "time" and not q.per and q.high is None
             and q.bound in ("", "approx")]
    if len(times) != 1:
        return
    time = times[0]
    if not (_EACH_AFTER.match(time.after) or _TAKES_BEFORE.search(time.before[-30:])):
        return
    if _FOR_BEFORE.search(time.before[-12:]):
        return  # "on for 250 ms each cycle": how long a state lasts, not an item's turn
    rates = [q for q in members if _throughput(q)]
    if len(rates) != 1 or any(_is_period(q) for q in members):
        return
    rate = rates[0]
    sentence = words(time.before + " " + time.text + " " + time.after)
    if has_any(sentence, _MANY) or "peak" in sentence or time.base <= 0:
        return
    first, second = sorted((time, rate), key=lambda q: q.span)
    if not _LINKED.search(_between(first, second, runs)):
        return
    expected = rate.per_seconds / time.base if rate.per_seconds else 1 / time.base
    stated = rate.value
    if rate.dimension == "frequency":
        stated = rate.base
    if agrees(stated, expected, rate.decimals, options, "approx" in (time.bound, rate.bound)) \
            or agrees(time.value, (rate.per_seconds or 1) / stated / time.factor
                      if stated else 0, time.decimals, options,
                      "approx" in (time.bound, rate.bound)):
        return
    per = f"{rate.noun} per {rate.per}" if rate.per else "Hz"
    yield Finding(
        CODE, second.span,
        f"one item in {shown(time)} is {number(expected)} {per}; the text says "
        f"{described(rate)}, which is {duration((rate.per_seconds or 1) / stated)} each"
        if stated else f"one item in {shown(time)} is {number(expected)} {per}")


def _every_so_many(members: list[Quantity], options: Options,
                   runs: Sequence[TextRun]) -> Iterator[Finding]:
    """`a release every three months, so about six a year`: one every T is
    (period / T) per period, when the sentence links the two."""
    periods = [q for q in members if q.dimension == "time" and not q.per and q.high is None
               and q.bound in ("", "approx") and _EVERY.search(q.before[-12:])]
    counts = [q for q in members if q.dimension == "count" and q.per_seconds > 0
              and q.high is None and q.bound in ("", "approx")]
    if len(periods) != 1 or len(counts) != 1:
        return
    period, count = periods[0], counts[0]
    if _is_frequency(count) or not period.span < count.span or period.base <= 0:
        return  # NUM002's own pairs are read by `check`
    if not _LINKED.search(_between(period, count, runs)):
        return
    if _events_per_period(period, members) != 1.0:
        return
    expected = count.per_seconds / period.base
    if agrees(count.value, expected, count.decimals, options,
              "approx" in (period.bound, count.bound)):
        return
    yield Finding(
        CODE, count.span,
        f"one every {shown(period)} is {number(expected)} per {count.per}; the text says "
        f"{described(count)}")


_FRACTIONS = {"half": 0.5, "a half": 0.5, "a third": 1 / 3, "one third": 1 / 3,
              "two thirds": 2 / 3, "a quarter": 0.25, "one quarter": 0.25,
              "three quarters": 0.75}
_RENEWED = re.compile(
    r"\b(?:renew|refresh|extend|rotat|re-?acquir|heartbeat)\w*\b.{0,40}?"
    r"(?:(?P<percent>\d+(?:\.\d+)?)\s?%|(?P<words>half|a half|a third|one third|two thirds|"
    r"a quarter|one quarter|three quarters))\s*(?:of\s+(?:it|the\s+\w+)\s+)?"
    r"(?:has\s+|have\s+|is\s+)?(?P<side>remaining|left|elapsed|passed|gone|used|through)",
    re.IGNORECASE)


def _renewals(members: list[Quantity], options: Options) -> Iterator[Finding]:
    """`a 12-second lease renewed at 50% remaining ... every 4 seconds`: renewing
    when a share of a lease is left (or has elapsed) repeats every that much of it."""
    every = [q for q in members if q.dimension == "time" and _EVERY.search(q.before[-12:])
             and q.high is None and not q.per]
    leases = [q for q in members if q.dimension == "time" and q not in every and not q.per
              and q.high is None and q.bound in ("", "approx")]
    if len(every) != 1 or len(leases) != 1 or not leases[0].span < every[0].span:
        return
    lease, period = leases[0], every[0]
    sentence = lease.before[-60:] + lease.text + lease.after
    found = _RENEWED.search(sentence)
    if found is None:
        return
    share = float(found.group("percent")) / 100 if found.group("percent") else \
        _FRACTIONS[found.group("words").lower()]
    if not 0 < share < 1:
        return
    left = found.group("side").lower() in ("remaining", "left")
    expected = lease.base * ((1 - share) if left else share)
    if agrees(period.value, expected / period.factor, period.decimals, options,
              period.bound == "approx"):
        return
    said = found.group("percent") + "%" if found.group("percent") else found.group("words")
    yield Finding(
        CODE, period.span,
        f"{' '.join(['a', shown(lease), lease.noun.split()[0] if lease.noun else 'span'])} "
        f"renewed at {said} {found.group('side').lower()} is renewed every "
        f"{duration(expected)}; the text says every {shown(period)}")
