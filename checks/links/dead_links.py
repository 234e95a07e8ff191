"""An external link is dead: HTTP 4xx/5xx, DNS or TLS failure, timeout, reset, redirect loop.

Only with `--online`. Every page and line that uses the URL is reported, not
just the first; the verdict comes from one request per URL (cached).

Why: a learner who follows a dead link loses the thread of the lesson.

Bad:
```markdown
See the [spec](https://example.org/removed-page).
```

Good:
```markdown
See the [spec](https://example.org/spec).
```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from curriculint.model import Finding, RuleKind, Severity
from curriculint.online.collect import UrlUse
from curriculint.online.rule_support import OnlineOptions, summarize, uses_with
from curriculint.online.verdict import Outcome

CODE = "LNK101"
NAME = "dead-link"
SEVERITY = Severity.ERROR
KIND = RuleKind.SITE
DEFAULT = False
ONLINE = True
Options = OnlineOptions
__all__ = ["CODE", "NAME", "Options", "check_site", "summarize"]


def check_site(site: Any, summaries: dict[str, Sequence[UrlUse]], options: OnlineOptions
               ) -> Iterator[tuple[str, Finding]]:
    for display, use, verdict in uses_with(Outcome.BROKEN, site, summaries, options):
        yield display, Finding(CODE, use.span, f"dead link {use.url}: {verdict.detail}")
