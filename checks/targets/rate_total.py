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

from collections.abc import Iterator

from curriculint.checks.targets.agreement import Tolerance, agrees, described, groups, number
from curriculint.index.quantities import Quantity
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
    if any(word in nearby for word in ("peak", "burst", "max", "spike", "average", "avg")):
        return False
    return bool(quantity.head)


def check(doc: Document, options: Options | None = None) -> Iterator[Finding]:
    options = options or Options()
    for members in groups(doc).values():
        by_noun: dict[str, list[Quantity]] = {}
        for quantity in members:
            if _rated(quantity):
                by_noun.setdefault(quantity.head, []).append(quantity)
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
