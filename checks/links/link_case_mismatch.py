"""A relative link matches a file only when letter case is ignored.

Why: macOS and Windows file systems ignore case, so the link works while the
page is written, then 404s on the Linux server that hosts the site.

Bad:
```markdown
See [the glossary](PAGE.md).
```

Good:
```markdown
See [the glossary](page.md).
```
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from curriculint.checks.links.local_targets import (
    LocalLink,
    local_links,
    lowered_files,
    no_other_page,
    resolutions,
)
from curriculint.load.document import Document, Finding, Severity
from curriculint.load.site import Site
from curriculint.model import RuleKind

CODE = "LNK004"
NAME = "link-case-mismatch"
SEVERITY = Severity.ERROR
KIND = RuleKind.SITE_PER_PAGE


def summarize(doc: Document) -> tuple[LocalLink, ...]:
    return tuple(link for link in local_links(doc) if link.path)


@dataclass(frozen=True)
class Context:
    site: Site
    summaries: Mapping[str, tuple[LocalLink, ...]]
    lowered: dict[str, str]


def prepare(site: Site, summaries: Mapping[str, tuple[LocalLink, ...]]) -> Context:
    return Context(site, summaries, lowered_files(site))


page_dependencies = no_other_page


def check_page(context: Context, display: str) -> Iterator[Finding]:
    for link, resolution, page in resolutions(context.site, display,
                                              context.summaries[display], context.lowered):
        if resolution.found or not resolution.case_match:
            continue
        actual = posixpath.relpath(resolution.case_match, posixpath.dirname(page) or ".")
        yield Finding(
            CODE, link.span,
            f"'{link.target}' exists only as '{actual}' (letter case differs): it works on "
            "case-insensitive disks and fails on a Linux server")
