"""A share of a whole above 100% (`120% of the time`, `105% availability`).

Why: a part cannot exceed its whole; such a figure is a typo or a sum gone
wrong. Growth, reductions and comparisons (`150% more`, `200% of baseline`)
may pass 100% and are left alone: only shares named as such are checked.

Bad:
```markdown
Engineers spend 120% of the time on toil.
```

Good:
```markdown
Engineers spend 60% of the time on toil.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from curriculint.checks.targets.agreement import shown
from curriculint.load.document import Document, Finding, Severity

CODE = "NUM012"
NAME = "share-over-100"
SEVERITY = Severity.ERROR

_SHARE_AFTER = re.compile(
    r"^\s*(?:of\s+(?:the\s+)?(?:time|users|traffic|requests|players|respondents|cases|"
    r"population|engineers|teams|all\b)|(?:uptime|availability|accuracy|probability|chance|"
    r"coverage|hit rate|success rate)\b)", re.IGNORECASE)
_SHARE_BEFORE = re.compile(r"(?:uptime|availability|accuracy|probability|chance|coverage|"
                           r"hit rate|success rate)\s*(?:of|:|=|is|at)?\s*$", re.IGNORECASE)


def check(doc: Document) -> Iterator[Finding]:
    for quantity in doc.index.quantities:
        if quantity.dimension != "percent" or max(quantity.value, quantity.high or 0) <= 100:
            continue
        if quantity.bound == "lower":
            continue
        if _SHARE_AFTER.match(quantity.after) or _SHARE_BEFORE.search(quantity.before):
            yield Finding(CODE, quantity.span,
                          f"{shown(quantity)} is a share of a whole, which cannot pass 100%")
