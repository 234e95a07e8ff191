"""A page in the docs folder is not reachable from mkdocs.yml `nav`.

Only for sites whose mkdocs.yml has a `nav`; pages matching its `not_in_nav`
patterns are left alone. Reported at line 1 of the page. Off by default
(`--extend-select LNK006`): plugins that build the nav (awesome-pages,
literate-nav, blog) add pages this rule cannot see.

Why: MkDocs still builds a page left out of `nav`, but no menu leads to it;
readers find it only through a link or search, so a lesson goes missing from
the course's order.

Bad:
```yaml title="mkdocs.yml"
site_name: Course
nav:
  - Home: index.md
```

```markdown title="docs/index.md"
# Course
```

```markdown title="docs/extra.md"
# Extra reading
```

Good:
```yaml title="mkdocs.yml"
site_name: Course
nav:
  - Home: index.md
  - Extra: extra.md
```

```markdown title="docs/index.md"
# Course
```

```markdown title="docs/extra.md"
# Extra reading
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from curriculint.checks.links.local_targets import is_page
from curriculint.checks.links.nav_targets import nav_files, not_in_nav
from curriculint.load.document import Document, Finding, Severity
from curriculint.load.site import Site
from curriculint.model import RuleKind, Span

CODE = "LNK006"
NAME = "orphan-page"
SEVERITY = Severity.WARNING
KIND = RuleKind.SITE
DEFAULT = False


def summarize(doc: Document) -> None:
    """Nothing per page: whether a page is in the nav depends only on its path."""
    return None


def check_site(site: Site, summaries: Mapping[str, None]) -> Iterator[tuple[str, Finding]]:
    project = site.mkdocs
    if project is None or project.nav is None:
        return
    in_nav = nav_files(site)
    for display in summaries:
        page = site.pages.get(display)
        if (page is None or not is_page(page) or page in in_nav
                or not_in_nav(page, project.not_in_nav)):
            continue
        yield display, Finding(CODE, Span.of(1, 1, 0),
                               f"page '{page}' is not in the mkdocs.yml nav; no menu leads to it")
