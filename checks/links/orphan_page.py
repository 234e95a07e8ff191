"""A page in the docs folder is not reachable from mkdocs.yml `nav`.

Only for sites whose mkdocs.yml has a `nav`, and none of the plugins that build
the nav themselves (literate-nav, awesome-pages, awesome-nav, or a `...` entry). Left alone: pages
matching `not_in_nav`, posts of Material's blog plugin (its index, archive and
category pages list them), the home page (`index.md`, which the logo and
title lead to), pages in a folder a nav entry stands for
(include_dir_to_nav), translations (`page.fr.md`, `fr/page.md` with
mkdocs-static-i18n) of a page the nav lists, and files other pages include
(`--8<-- "file"`, `{!file!}`, `{% include "file" %}`, pymdownx.snippets'
`auto_append`). Reported at line 1 of the page.
Off by default (`--extend-select LNK006`).

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

from curriculint.checks.links.build_targets import builds_nav, i18n_base, included_files
from curriculint.checks.links.local_targets import is_page
from curriculint.checks.links.nav_targets import (
    folder_entries,
    nav_files,
    not_in_nav,
    plugin_expanded,
)
from curriculint.load.document import Document, Finding, Severity
from curriculint.load.site import Site
from curriculint.model import RuleKind, Span

CODE = "LNK006"
NAME = "orphan-page"
SEVERITY = Severity.WARNING
KIND = RuleKind.SITE
DEFAULT = False


def summarize(doc: Document) -> tuple[str, ...]:
    """The files the page includes; whether it is in the nav depends on its path."""
    return included_files(doc)


# The site's home page: the theme's logo and title lead to it, nav or not.
_HOME_PAGES = frozenset({"index.md", "README.md"})


def _included(page: str, names: set[str]) -> bool:
    """Whether an include names `page`: relative to the docs folder or to a
    snippet base path above or inside it."""
    return any(name == page or name.endswith(f"/{page}") or page.endswith(f"/{name}")
               for name in names)


def check_site(site: Site, summaries: Mapping[str, tuple[str, ...]]
               ) -> Iterator[tuple[str, Finding]]:
    project = site.mkdocs
    if project is None or project.nav is None or builds_nav(project) \
            or plugin_expanded(site):
        return
    folders = folder_entries(site)
    if "" in folders:
        return  # a wildcard entry: the plugin lists what it matches
    in_nav = nav_files(site)
    bases = {i18n_base(project, path) for path in in_nav} if project.i18n else set()
    included = {name.strip().lstrip("./") for names in summaries.values() for name in names}
    included.update(name.lstrip("./") for name in project.appended_snippets)
    for display in summaries:
        page = site.pages.get(display)
        if (page is None or not is_page(page) or page in in_nav
                or page in _HOME_PAGES
                or not_in_nav(page, project.not_in_nav)
                or any(page.startswith(f"{folder}/") for folder in project.blog_dirs)
                or any(page.startswith(f"{folder}/") for folder in folders)
                or (bases and i18n_base(project, page) in bases)
                or (included and _included(page, included))):
            continue
        yield display, Finding(CODE, Span.of(1, 1, 0),
                               f"page '{page}' is not in the mkdocs.yml nav; no menu leads to it")
