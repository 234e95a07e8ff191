"""An http:// link whose https:// form works too.

Only with `--online` and `https-upgrade = true` under
`[tool.curriculint.rules.online]` (it doubles the requests for http:// URLs).
The fix writes the https:// URL; it is safe because that URL was checked.

Why: plain http can be read and changed on the way; browsers warn about it.

Bad:
```toml title="pyproject.toml"
[tool.curriculint.rules.online]
https-upgrade = true
```

```markdown
See [the spec](http://example.org/spec).
```

Good:
```toml title="pyproject.toml"
[tool.curriculint.rules.online]
https-upgrade = true
```

```markdown
See [the spec](https://example.org/spec).
```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from curriculint.model import Edit, Finding, Fix, RuleKind, Severity
from curriculint.online.collect import UrlUse
from curriculint.online.rule_support import OnlineOptions, summarize
from curriculint.online.stage import stage_for_site, verdict_uses

CODE = "LNK106"
NAME = "insecure-link"
SEVERITY = Severity.WARNING
KIND = RuleKind.SITE
DEFAULT = False
ONLINE = True
Options = OnlineOptions
__all__ = ["CODE", "NAME", "Options", "check_site", "summarize"]


def check_site(site: Any, summaries: dict[str, Sequence[UrlUse]], options: OnlineOptions
               ) -> Iterator[tuple[str, Finding]]:
    if not options.https_upgrade:
        return
    upgrades = stage_for_site(site, summaries, options).https_ok
    for display, use, fragment, verdict in verdict_uses(site, summaries, options):
        secure = upgrades.get(verdict.url)
        if secure is None:
            continue
        new_url = secure + (f"#{fragment}" if fragment else "")
        yield display, Finding(CODE, use.span, f"{use.url} also works as {new_url}; use https",
                               Fix((Edit(use.span, new_url),), f"write {new_url}"))
