"""An external link is permanently redirected (301/308): write the new URL.

Only with `--online`. The fix writes the URL the redirects end at; it is safe
when the host stays the same (http->https, a moved path) and needs
`--unsafe-fixes` when the link would move to another host.

Why: permanent redirects break eventually, and each one costs readers a round trip.

Bad:
```markdown
[Docs](http://example.org/old-docs)
```

Good:
```markdown
[Docs](https://example.org/docs/)
```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit

from curriculint.model import Edit, Finding, Fix, RuleKind, Severity
from curriculint.online.collect import UrlUse
from curriculint.online.rule_support import OnlineOptions, summarize
from curriculint.online.stage import verdict_uses
from curriculint.online.verdict import Outcome

CODE = "LNK102"
NAME = "redirected-link"
SEVERITY = Severity.WARNING
KIND = RuleKind.SITE
DEFAULT = False
ONLINE = True
Options = OnlineOptions
__all__ = ["CODE", "NAME", "Options", "check_site", "summarize"]


def check_site(site: Any, summaries: dict[str, Sequence[UrlUse]], options: OnlineOptions
               ) -> Iterator[tuple[str, Finding]]:
    for display, use, fragment, verdict in verdict_uses(site, summaries, options):
        if verdict.outcome is not Outcome.OK or not verdict.permanent_to:
            continue
        new_url = verdict.permanent_to + (f"#{fragment}" if fragment else "")
        same_host = urlsplit(new_url).hostname == urlsplit(use.url).hostname
        fix = Fix((Edit(use.span, new_url),), f"write {new_url}", safe=same_host)
        yield display, Finding(CODE, use.span,
                               f"{use.url} redirects permanently to {new_url}", fix)
