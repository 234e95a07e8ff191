"""A range whose lower end is above its upper end (`10-5 minutes`).

Why: a reversed range is a typo that hides which end was meant; readers
planning from it cannot tell. Ranges joined by `to` that descend are changes
("from 200 ms to 50 ms"), not ranges, and the numbers of standards
(`ISO 639-1`, `IEC 62443-3`) name parts: both are left alone.

Bad:
```markdown
- Lab time: 12-8 hours
```

Good:
```markdown
- Lab time: 8-12 hours
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from curriculint.checks.targets.agreement import number, once_per_claim, shown
from curriculint.load.document import Document, Finding, Severity

CODE = "NUM005"
NAME = "reversed-range"
SEVERITY = Severity.ERROR


# `41-B, 42-B, 43-33ms`: an answer key numbers its answers, it states no range.
_KEYED = re.compile(r"\b\d+-[A-Za-z(]")
# One unit after the second end only, no scale suffix on the first: 12-8 hours.
_SHAPE = re.compile(r"^[<>~≈≤≥]?\s*[$€£]?\d[\d,.]*\s*[-–]\s*[$€£]?\d[\d,.]*(?:\s*\S.*)?$")


# `ISO 639-1`, `IEC 62443-3`, `RFC 2119`: a standard's number and part, not a range.
_STANDARD = re.compile(r"\b(?:ISO(?:/IEC)?|IEC|IEEE|RFC|ANSI|DIN|EN|BS|ECMA|ETSI|ITU-[TR]|"
                       r"NIST(?: SP)?|FIPS|PEP|CVE|CWE|SP|UTF|ASTM|JIS|GB|IS)[\s/-]*$")


@once_per_claim
def check(doc: Document) -> Iterator[Finding]:
    for quantity in doc.index.quantities:
        if quantity.high is None or quantity.high >= quantity.value:
            continue
        if quantity.dimension == "count" and not quantity.noun:
            continue
        if not _SHAPE.match(quantity.text) or _KEYED.search(doc.index.text_runs[quantity.run].text):
            continue
        if _STANDARD.search(quantity.before[-16:]):
            continue
        yield Finding(CODE, quantity.span,
                      f"the range {shown(quantity)} runs from {number(quantity.value)} down to "
                      f"{number(quantity.high)}; write the lower end first")
