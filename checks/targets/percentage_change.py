"""A stated percentage change disagrees with the figures it changes between.

Why: "from $4.2M to $2.9M, a 45% reduction" is a 31% reduction; readers quote
the percentage. Checked only when one sentence holds `from A to B` (same unit)
and one percentage named as a reduction or an increase.

Bad:
```markdown
Monthly compute spend fell from $4.2M to $2.9M, a 45% reduction.
```

Good:
```markdown
Monthly compute spend fell from $4.2M to $2.9M, a 31% reduction.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from curriculint.checks.targets.agreement import (
    Tolerance,
    agrees,
    groups,
    number,
    once_per_claim,
    shown,
)
from curriculint.index.quantities import Quantity
from curriculint.load.document import Document, Finding, Severity

CODE = "NUM011"
NAME = "percentage-change"
SEVERITY = Severity.ERROR


class Options(Tolerance):
    pass


_DOWN = re.compile(r"^\s*(?:reduction|decrease|drop|cut|saving|savings|lower|less|fewer|"
                   r"decline|fall|smaller|cheaper)\b", re.IGNORECASE)
_UP = re.compile(r"^\s*(?:increase|growth|rise|more|higher|larger|jump|gain)\b", re.IGNORECASE)
_BY = re.compile(r"\b(?:reduc\w*|cut\w*|decreas\w*|drop\w*|fell|fall\w*|lower\w*|shr[ua]nk|"
                 r"increas\w*|gr[eo]w\w*|rose|rais\w*|jump\w*)\s+(?:\w+\s+){0,3}by\s*$",
                 re.IGNORECASE)


_FROM = re.compile(r"\bfrom\s*$", re.IGNORECASE)
_TO = re.compile(r"\s*to\s*")


def _from_to(first: Quantity, second: Quantity, text: str, column: int) -> bool:
    """`from A to B`: "from" right before A, only "to" between A and B (one run)."""
    if first.run != second.run or first.line != second.line:
        return False
    between = text[first.span.end_column - column:second.span.column - column]
    return bool(_TO.fullmatch(between)) and bool(_FROM.search(first.before[-12:]))


@once_per_claim
def check(doc: Document, options: Options | None = None) -> Iterator[Finding]:
    options = options or Options()
    runs = doc.index.text_runs
    for members in groups(doc).values():
        if members[0].cell >= 0:
            continue
        pairs = [(a, b) for a, b in pairwise(members)
                 if a.dimension == b.dimension and a.dimension != "percent"
                 and a.high is None and b.high is None
                 and _from_to(a, b, runs[a.run].text, runs[a.run].column)]
        changes = [q for q in members if q.dimension == "percent" and q.high is None
                   and (_DOWN.match(q.after) or _UP.match(q.after) or _BY.search(q.before[-60:]))]
        if len(pairs) != 1 or len(changes) != 1:
            continue
        (start, end), change = pairs[0], changes[0]
        # "35% drop in mobile bookings" measures something else.
        if re.match(r"^\s*\w+\s+(?:in|of)\b", change.after):
            continue
        if start.base == 0 or (start.per_seconds and end.per_seconds
                               and start.per_seconds != end.per_seconds):
            continue
        actual = (end.base - start.base) / start.base * 100
        words = (change.before[-30:] + " " + change.after[:15]).lower()
        downward = bool(_DOWN.match(change.after)) or any(
            cue in words for cue in ("reduc", "cut", "decreas", "drop", "fell", "lower", "shr"))
        if downward != (actual < 0):
            continue  # direction words disagree with the figures: not ours to guess
        if agrees(change.value, abs(actual), change.decimals, options,
                  change.bound == "approx"):
            continue
        kind = "reduction" if actual < 0 else "increase"
        yield Finding(CODE, change.span,
                      f"from {shown(start)} to {shown(end)} is a {number(abs(actual))}% "
                      f"{kind}; the text says {shown(change)}")
