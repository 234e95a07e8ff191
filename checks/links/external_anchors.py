"""An external link's #fragment names no element on the page it points to.

Only with `--online`. The page is fetched (body capped at `max-body-bytes`)
and its `id` attributes and `<a name>`s are collected; fragments into non-HTML
resources are not judged.

Why: the link works but lands at the top of a long page instead of the section meant.

Bad:
```markdown
[Setup](https://example.org/guide#instalation)
```

Good:
```markdown
[Setup](https://example.org/guide#installation)
```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from curriculint.model import Finding, RuleKind, Severity
from curriculint.online.collect import UrlUse
from curriculint.online.rule_support import OnlineOptions, summarize
from curriculint.online.stage import verdict_uses
from curriculint.online.verdict import Outcome

CODE = "LNK105"
NAME = "missing-external-anchor"
SEVERITY = Severity.WARNING
KIND = RuleKind.SITE
DEFAULT = False
ONLINE = True
Options = OnlineOptions
__all__ = ["CODE", "NAME", "Options", "check_site", "summarize"]


def check_site(site: Any, summaries: dict[str, Sequence[UrlUse]], options: OnlineOptions
               ) -> Iterator[tuple[str, Finding]]:
    for display, use, fragment, verdict in verdict_uses(site, summaries, options):
        if verdict.outcome is Outcome.OK and fragment in verdict.anchors_missing:
            yield display, Finding(CODE, use.span,
                                   f"{use.url}: the page has no element with id '{fragment}'")
