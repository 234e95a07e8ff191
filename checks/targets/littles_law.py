"""Requests in flight disagree with arrival rate times time in system (Little's law).

Why: at 100,000 requests a second and 50 ms each, 5,000 requests are in flight
on average; a capacity plan built on 500 under-provisions tenfold. Checked only
when one sentence holds exactly one rate, one duration and one count described
as in flight, concurrent or outstanding.

Bad:
```markdown
At 100K requests per second, a 50 ms gateway budget means about 500 requests are in flight.
```

Good:
```markdown
At 100K requests per second, a 50 ms gateway budget means about 5,000 requests are in flight.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from curriculint.checks.targets.agreement import (
    Tolerance,
    agrees,
    described,
    groups,
    has_any,
    number,
    once_per_claim,
    shown,
)
from curriculint.load.document import Document, Finding, Severity

CODE = "NUM010"
NAME = "littles-law"
SEVERITY = Severity.ERROR


class Options(Tolerance):
    pass


_IN_FLIGHT = ("in flight", "in-flight", "inflight", "concurrent", "outstanding",
              "in the system", "in progress", "queued", "in the queue", "at any moment",
              "at any time", "at once")


@once_per_claim
def check(doc: Document, options: Options | None = None) -> Iterator[Finding]:
    options = options or Options()
    for members in groups(doc).values():
        plain = [q for q in members if q.high is None and q.bound in ("", "approx")]
        rates = [q for q in plain if q.dimension == "count" and q.per_seconds > 0]
        durations = [q for q in plain if q.dimension == "time" and not q.per]
        if len(rates) != 1 or len(durations) != 1:
            continue  # spares the word scans below for most groups
        counts = [q for q in plain if q.dimension == "count" and not q.per
                  and has_any(q.noun + " " + q.after[:40] + " " + q.before[-15:], _IN_FLIGHT)]
        if len(counts) != 1:
            continue
        if len([q for q in members if q.dimension in ("count", "time")]) != 3:
            continue
        rate, duration, count = rates[0], durations[0], counts[0]
        if count.head and rate.head and count.head != rate.head:
            continue
        expected = rate.rate * duration.base
        if agrees(count.value, expected, count.decimals, options, count.bound == "approx"):
            continue
        yield Finding(
            CODE, count.span,
            f"{described(rate)} for {shown(duration)} each keeps {number(expected)} "
            f"in flight (rate × time); the text says {described(count)}")
