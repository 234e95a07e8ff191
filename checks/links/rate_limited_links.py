"""An external link could not be verified: the server kept answering 429 Too Many Requests.

Only with `--online`. The stage waits for `Retry-After` (up to
`max-retry-after` seconds) and tries again before giving up; the verdict is
cached only briefly (`failure-ttl-hours`).

Why: "rate limited" is not "works"; the link is unverified, not proven good.

Bad:
```markdown
[API](https://api.example.org/limited)
```

Good:
```markdown
[API](https://example.org/docs/api)
```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from curriculint.model import Finding, RuleKind, Severity
from curriculint.online.collect import UrlUse
from curriculint.online.rule_support import OnlineOptions, summarize, uses_with
from curriculint.online.verdict import Outcome

CODE = "LNK103"
NAME = "rate-limited-link"
SEVERITY = Severity.INFO
KIND = RuleKind.SITE
DEFAULT = False
ONLINE = True
Options = OnlineOptions
__all__ = ["CODE", "NAME", "Options", "check_site", "summarize"]


def check_site(site: Any, summaries: dict[str, Sequence[UrlUse]], options: OnlineOptions
               ) -> Iterator[tuple[str, Finding]]:
    for display, use, verdict in uses_with(Outcome.RATE_LIMITED, site, summaries, options):
        yield display, Finding(CODE, use.span,
                               f"rate limited, not verified: {use.url} ({verdict.detail})")
