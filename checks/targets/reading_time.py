"""`reading_time` in the frontmatter is far from what the page's length gives.

Why: readers budget their time from it. Opt-in and a warning: word counts
ignore code, diagrams and exercises, and authors round freely, so only a gap
larger than a factor (default 2) at a configurable reading speed is reported.

Bad:
```markdown
---
reading_time: 45 min
---
A short page of a dozen words that nobody needs long to read.
```

Good:
```markdown
---
reading_time: 1 min
---
A short page of a dozen words that nobody needs long to read.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from curriculint.checks.targets.agreement import number, once_per_claim
from curriculint.load.document import Document, Finding, Severity
from curriculint.model import Span

CODE = "NUM006"
NAME = "reading-time"
SEVERITY = Severity.WARNING
DEFAULT = False

_MINUTES = re.compile(r"^\s*~?\s*(\d+(?:\.\d+)?)\s*(?:min|mins|minutes?)?\s*$", re.IGNORECASE)
_WORD = re.compile(r"[^\W_][\w'’-]*")


class Options(BaseModel):
    # Built on first validation: unconfigured, it is only constructed (run/plan.py).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    words_per_minute: int = Field(default=200, gt=0)
    # Report when stated and computed minutes differ by more than this factor.
    factor: float = Field(default=2.0, gt=1)
    # Pages shorter than this many minutes at that speed are not judged.
    minimum_minutes: float = Field(default=1.0, ge=0)


@once_per_claim
def check(doc: Document, options: Options | None = None) -> Iterator[Finding]:
    options = options or Options()
    stated_raw = doc.frontmatter.data.get("reading_time") if doc.frontmatter.present else None
    if stated_raw is None:
        return
    match = _MINUTES.match(str(stated_raw))
    if not match:
        return  # malformed values are the schema rules' business
    stated = float(match.group(1))
    words = sum(len(_WORD.findall(run.text)) for run in doc.index.text_runs)
    computed = words / options.words_per_minute
    if stated <= 0 or max(stated, computed) < options.minimum_minutes:
        return
    low, high = sorted((stated, max(computed, 0.5)))
    if high / low <= options.factor:
        return
    line = doc.frontmatter.line_of("reading_time")
    text = doc.line_text(line)
    yield Finding(CODE, Span.of(line, 1, len(text)),
                  f"the page has {words:,} words of prose, about {number(computed, 2)} min at "
                  f"{options.words_per_minute} words per minute; reading_time says "
                  f"{stated_raw}")
