"""A link whose target only the site's build makes, so it cannot be verified from the Markdown.

Reported instead of LNK002, LNK003 or LNK005, with the reason, when:

* the fragment matches no id written in the target page, but the page has a
  mkdocstrings block (`::: package.module`) whose objects the fragment names or
  may name, a line the build expands (`{{ ... }}` or `{% ... %}` with a templating
  plugin such as macros, `--8<--` with pymdownx.snippets), a spot a hook listed in
  mkdocs.yml rewrites and whose text holds the fragment, or the page is named by
  such a hook (hooks are read with `ast`, never run);
* the page or a nav entry names a file the docs folder does not have, but a hook
  or a mkdocs-gen-files script writes files at build time and names it (or the
  folder it is in), or a `.gitignore` over the docs keeps it out of the repository
  (a script run before the build writes it);
* a hook's pattern matches the link from its opening into its target (a hook
  that turns `](../` into a repository URL): the hook decides where it leads;

A fragment on such a page that nothing the build does can explain is still
LNK003's. Off by default (`--extend-select LNK007`): these links are not known to
be broken; the rule says which ones a build, or `mkdocs build --strict` with
`validation: anchors`, should confirm.

Why: a check that calls these links broken is soon switched off on a site that
uses plugins; one that says nothing hides the few that a build would reject.

Bad:
```yaml title="mkdocs.yml"
site_name: Course
plugins:
  - mkdocstrings
```

```markdown title="docs/api.md"
# API reference

::: course_tools.scheduler
```

```markdown title="docs/guide.md"
# Guide

Plan the week with [`Scheduler.plan`](api.md#course_tools.scheduler.Scheduler.plan).
```

Good:
```yaml title="mkdocs.yml"
site_name: Course
plugins:
  - mkdocstrings
```

```markdown title="docs/api.md"
# API reference

::: course_tools.scheduler
```

```markdown title="docs/guide.md"
# Guide

Plan the week with the [scheduler](api.md#api-reference).
```
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping

from curriculint.checks.links.anchor_ids import PageAnchors, fragment_targets, page_anchors
from curriculint.checks.links.build_targets import (
    anchor_reason,
    generated_reason,
    rewriting_hook,
)
from curriculint.checks.links.local_targets import (
    LocalLink,
    local_links,
    lowered_files,
    resolve_link,
)
from curriculint.checks.links.nav_targets import missing_nav_entries
from curriculint.load.document import Document, Finding, Severity
from curriculint.load.site import Site
from curriculint.model import RuleKind, Span

CODE = "LNK007"
NAME = "unverifiable-link"
SEVERITY = Severity.INFO
KIND = RuleKind.SITE
DEFAULT = False

# (the page's anchors, its links to files, the links a hook rewrites with the hook)
Summary = tuple[PageAnchors, tuple[LocalLink, ...], tuple[tuple[LocalLink, str], ...]]


def summarize(doc: Document) -> Summary:
    links, rewritten = [], []
    for link in local_links(doc):
        if not link.path:
            continue
        hook = rewriting_hook(doc, link.line, link.span.column)
        if hook is None:
            links.append(link)
        else:
            rewritten.append((link, hook))
    return page_anchors(doc), tuple(links), tuple(rewritten)


def _missing_files(site: Site, display: str, links: tuple[LocalLink, ...],
                   lowered: dict[str, str]) -> Iterator[Finding]:
    project = site.mkdocs
    page = site.pages.get(display, "")
    for link in links:
        resolution = resolve_link(site, page, link, lowered)
        if resolution.found or resolution.case_match or resolution.outside:
            continue
        if resolution.leaves_root:
            continue  # LNK002's
        reason = generated_reason(project, resolution.tried)
        if reason:
            yield Finding(CODE, link.span, f"'{link.target}' is not in the docs folder "
                          f"('{resolution.tried}'), but {reason}")


def check_site(site: Site, summaries: Mapping[str, Summary]) -> Iterator[tuple[str, Finding]]:
    project = site.mkdocs
    lowered = lowered_files(site)
    by_relative = {relative: display for display, relative in site.pages.items()}
    anchors = {display: summary[0] for display, summary in summaries.items()}
    for display, (_anchors, links, rewritten) in summaries.items():
        for finding in _missing_files(site, display, links, lowered):
            yield display, finding
        for link, hook in rewritten:
            yield display, Finding(CODE, link.span, f"'{link.target}' is rewritten by the hook "
                                   f"{hook} at build time; where it leads is the hook's")
        for link, target_display, relative, where in fragment_targets(
                site, anchors, by_relative, lowered, display):
            fragment = link.fragment or ""
            target = anchors.get(target_display)
            if target is None or target.has(fragment) or not target.marks:
                continue
            reason = anchor_reason(project, relative, target.marks, fragment)
            if reason:
                yield display, Finding(CODE, link.span, f"'#{fragment}' matches no id written "
                                       f"{where}, but {reason}")
    if project is None or not project.nav_entries:
        return
    config = os.path.relpath(project.nav_config)
    for entry, path, generated in missing_nav_entries(site):
        if generated:
            yield config, Finding(CODE, Span.of(entry.line, entry.column, entry.length),
                                  f"nav entry '{entry.path}' names a file that is not in the "
                                  f"docs folder ('{path}'), but {generated}")
