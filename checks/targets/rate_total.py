"""One count stated over two periods disagrees with itself (per day vs per second).

Why: "fifty million matches a day" is 579 matches a second, not 5,800; a
reader sizing a system from either figure gets the other wrong. Only figures
that count the same thing (same noun) in one sentence, list item or table row
are compared; lower bounds (`1M+`) are left alone.

Bad:
```markdown
Fifty million matches a day works out to roughly 5,800 new matches every second.
```

Good:
```markdown
Fifty million matches a day works out to roughly 580 new matches every second.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from curriculint.checks.targets.agreement import (
    Tolerance,
    agrees,
    described,
    groups,
    number,
    once_per_claim,
    shown,
)
from curriculint.index.quantities import Quantity
from curriculint.index.records import TextRun
from curriculint.load.document import Document, Finding, Severity

CODE = "NUM009"
NAME = "rate-total"
SEVERITY = Severity.ERROR


class Options(Tolerance):
    pass


def _rated(quantity: Quantity) -> bool:
    # Most figures are no plain rate: test that before reading the words around them.
    if not (quantity.dimension == "count" and quantity.per_seconds > 0
            and quantity.high is None and quantity.bound in ("", "approx")):
        return False
    # Peaks and averages differ on purpose: "1B messages/day, 100K/second peak".
    nearby = (quantity.before[-12:] + " " + quantity.after[:40]).lower()
    if any(word in nearby for word in ("peak", "burst", "max", "spike")):
        return False
    return bool(quantity.head)


@once_per_claim
def check(doc: Document, options: Options | None = None) -> Iterator[Finding]:
    options = options or Options()
    runs = doc.index.text_runs
    for members in groups(doc).values():
        by_noun: dict[str, list[Quantity]] = {}
        previous: Quantity | None = None
        for quantity in members:
            if _rated(quantity):
                by_noun.setdefault(quantity.head, []).append(quantity)
            elif previous is not None and _restated(previous, quantity, runs):
                # "3M events/day ≈ 35/s": the same count over another period, noun left out.
                by_noun.setdefault(previous.head, []).append(quantity._replace(
                    noun=previous.noun))
            if quantity.per_seconds:
                previous = quantity if _rated(quantity) else None
        for same in by_noun.values():
            if len(same) != 2 or same[0].per_seconds == same[1].per_seconds:
                continue
            first, second = same
            expected = first.rate * second.per_seconds
            if agrees(second.value, expected, second.decimals, options,
                      "approx" in (first.bound, second.bound)):
                continue
            yield Finding(
                CODE, second.span,
                f"{described(first)} is {number(expected)} {second.noun} per {second.per}; "
                f"the text says {described(second)}")
        yield from _count_in_time(members, options)
        yield from _batches(members, options)


_RESTATED = re.compile(r"^\s*(?:\(|=|≈|~|,?\s*or\b|,?\s*i\.e\.,?|,?\s*that is,?|,?\s*which is)"
                       r"\s*(?:about|roughly|around|approximately|~|≈)?\s*$", re.IGNORECASE)


def _restated(first: Quantity, second: Quantity, runs: Sequence[TextRun]) -> bool:
    """`second` restates `first` over another period: no noun of its own, right after
    it, joined by `≈`, `=`, `(`, `or`, `i.e.`."""
    if second.noun or not second.per_seconds or second.dimension != "count":
        return False
    if second.high is not None or second.bound not in ("", "approx"):
        return False
    if first.run != second.run:
        return False
    run = runs[first.run]
    between = run.text[max(first.reach, first.span.end_column) - run.column:
                       second.span.column - run.column]
    if not between.strip() and second.text.startswith(("≈", "~")):
        return True
    return len(between) <= 24 and bool(_RESTATED.match(between))


_IN_TIME = re.compile(r"\b(?:in|within|takes?|took|taking)\s+(?:about|roughly|around|"
                      r"approximately|just|only|under|~)?\s*$", re.IGNORECASE)


def _count_in_time(members: Sequence[Quantity], options: Options) -> Iterator[Finding]:
    """`1,200 records are indexed in about 3 seconds, roughly 40 records per second`:
    a count done in a time is a rate, and the sentence's rate of that count must be it."""
    counts = [q for q in members if q.dimension == "count" and not q.per and q.head
              and q.high is None and q.bound in ("", "approx")]
    times = [q for q in members if q.dimension == "time" and not q.per and q.high is None
             and q.bound in ("", "approx") and _IN_TIME.search(q.before[-24:])]
    rates = [q for q in members if _rated(q)]
    if len(counts) != 1 or len(times) != 1 or len(rates) != 1:
        return
    count, time, rate = counts[0], times[0], rates[0]
    if rate.head != count.head or time.base <= 0:
        return
    if not (count.span < time.span < rate.span or rate.span < count.span < time.span):
        return
    expected = count.value / time.base * rate.per_seconds
    if agrees(rate.value, expected, rate.decimals, options,
              "approx" in (count.bound, time.bound, rate.bound)):
        return
    yield Finding(
        CODE, rate.span,
        f"{described(count)} in {shown(time)} is {number(expected)} {rate.noun} per "
        f"{rate.per}; the text says {described(rate)}")


_BATCHES = frozenset({"batch", "chunk", "bundle", "flush"})
_BATCH_AFTER = re.compile(r"^\s*(?:[a-z]+\s+)?(?:per|in each|in every|each)\s+"
                          r"(?:batch|chunk|bundle)\b", re.IGNORECASE)
_BATCH_BEFORE = re.compile(r"\b(?:batch|chunk|bundle)(?:es|s)?\s+(?:of|size of|size)\s*$",
                           re.IGNORECASE)


def _batches(members: Sequence[Quantity], options: Options) -> Iterator[Finding]:
    """`10,000-event batches and 1M clicks per second ... 10 batches per second`: items
    per second over items per batch is batches per second."""
    sizes = [q for q in members if q.dimension == "count" and not q.per and q.high is None
             and q.bound in ("", "approx") and (q.head in _BATCHES or _BATCH_AFTER.match(q.after)
                                               or _BATCH_BEFORE.search(q.before[-20:]))]
    rated = [q for q in members if _rated(q)]
    items = [q for q in rated if q.head not in _BATCHES]
    batches = [q for q in rated if q.head in _BATCHES]
    if len(sizes) != 1 or len(items) != 1 or len(batches) != 1 or sizes[0].value <= 1:
        return
    size, item, batch = sizes[0], items[0], batches[0]
    expected = item.rate / size.value * batch.per_seconds
    if agrees(batch.value, expected, batch.decimals, options,
              "approx" in (item.bound, batch.bound)):
        return
    yield Finding(
        CODE, batch.span,
        f"{described(item)} in batches of {shown(size)} is {number(expected)} {batch.noun} per "
        f"{batch.per}; the text says {described(batch)}")
