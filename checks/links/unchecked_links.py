"""A link was not checked: robots.txt forbids it, its address is refused, or a budget ran out.

Only with `--online`. URLs whose host resolves to a private, loopback,
link-local or cloud-metadata address are refused (also after a redirect)
unless the host is listed in `allow-hosts`.

Why: an unchecked link is not a checked one; and a page should not make CI
fetch internal addresses.

Bad:
```markdown
[Admin](http://169.254.169.254/latest/meta-data/)
```

Good:
```markdown
[Admin guide](https://example.org/admin)
```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from curriculint.model import Finding, RuleKind, Severity
from curriculint.online.collect import UrlUse
from curriculint.online.rule_support import OnlineOptions, summarize, uses_with
from curriculint.online.verdict import Outcome

CODE = "LNK104"
NAME = "unchecked-link"
SEVERITY = Severity.INFO
KIND = RuleKind.SITE
DEFAULT = False
ONLINE = True
Options = OnlineOptions
__all__ = ["CODE", "NAME", "Options", "check_site", "summarize"]


def check_site(site: Any, summaries: dict[str, Sequence[UrlUse]], options: OnlineOptions
               ) -> Iterator[tuple[str, Finding]]:
    for display, use, verdict in uses_with(Outcome.NOT_CHECKED, site, summaries, options):
        yield display, Finding(CODE, use.span, f"not checked: {use.url}: {verdict.detail}")
