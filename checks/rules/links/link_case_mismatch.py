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

from checks.document import Document, Finding, Severity
from checks.rules.links.local_targets import LocalLink, local_links, lowered_files, resolve
from checks.site import Site

CODE = "LNK004"
NAME = "link-case-mismatch"
SEVERITY = Severity.ERROR


def summarize(doc: Document) -> tuple[LocalLink, ...]:
    return tuple(link for link in local_links(doc) if link.path)


def check_site(site: Site, summaries: Mapping[str, tuple[LocalLink, ...]]
               ) -> Iterator[tuple[str, Finding]]:
    lowered = lowered_files(site)
    for display, links in summaries.items():
        page = site.pages.get(display, "")
        for link in links:
            resolution = resolve(site, page, link.path, lowered)
            if resolution.found or not resolution.case_match:
                continue
            actual = posixpath.relpath(resolution.case_match, posixpath.dirname(page) or ".")
            yield display, Finding(
                CODE, link.span,
                f"'{link.target}' exists only as '{actual}' (letter case differs): it works on "
                "case-insensitive disks and fails on a Linux server")
