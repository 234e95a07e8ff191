"""A `nav` entry in mkdocs.yml names a file that is not in the docs folder.

Reported in mkdocs.yml, at the entry (or in the INHERIT parent the nav comes
from). Paths are looked up relative to `docs_dir` as MkDocs does; external URLs
and site-absolute `/...` entries are links, not files, and are skipped. A folder
(`guide/`) is not a page: MkDocs wants `guide/index.md`, unless literate-nav
puts the folder's own nav there (it expands wildcards too). A page in any language
of a mkdocs-static-i18n site, or in the docs folder of the config this one
INHERITs, is there; a page a hook or gen-files script writes at build time, or
that a `.gitignore` keeps out of the repository, is LNK007's. A page the build
leaves out (MkDocs skips dot files and `templates/`, and what `exclude_docs`
names) is reported too. An entry to a section of a page, written as the page's
URL and an id (`guide/glazes/#matte`), is a link MkDocs keeps as written, from
the site's root; `glazes.md#matte` would not be rewritten and lead nowhere.
So though MkDocs warns, such an entry that reaches a page is fine, and only
an id the page lacks is reported. On a mkdocs-static-i18n site, a language's
own `nav` replaces the top-level one, and with a folder per language its
entries are checked too (`fr/index.md`, from the docs folder).

Why: MkDocs only warns and turns the entry into a dead link in the site's
navigation, so a renamed or deleted lesson silently disappears from the menu.

Bad:
```yaml title="mkdocs.yml"
site_name: Course
nav:
  - Home: index.md
  - Lessons:
      - Intro: lessons/intro.md
```

```markdown title="docs/index.md"
# Course
```

Good:
```yaml title="mkdocs.yml"
site_name: Course
nav:
  - Home: index.md
  - Lessons:
      - Intro: lessons/intro.md
  - GitHub: https://github.com/example/course
```

```markdown title="docs/index.md"
# Course
```

```markdown title="docs/lessons/intro.md"
# Intro
```
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator, Mapping
from urllib.parse import unquote

from curriculint.checks.links.anchor_ids import page_anchors
from curriculint.checks.links.local_targets import lowered_files, resolve
from curriculint.checks.links.nav_targets import (
    is_link,
    literate_folder,
    missing_nav_entries,
    nav_file,
)
from curriculint.load.document import Document, Finding, Severity
from curriculint.load.excluded_docs import excluded_reason
from curriculint.load.site import Site
from curriculint.model import RuleKind, Span

CODE = "LNK005"
NAME = "nav-missing-page"
SEVERITY = Severity.ERROR
KIND = RuleKind.SITE


def summarize(doc: Document) -> frozenset[str]:
    """The page's ids, for entries written as a page's URL with a fragment."""
    return page_anchors(doc).ids


def _reached_by_url(site: Site, path: str, files: _Files) -> tuple[str, str] | None:
    """The page and fragment an entry to a page's section, written as a URL,
    reaches in the browser: MkDocs makes it relative to each page as a path from
    the site's root."""
    url, _, fragment = path.partition("#")
    if not fragment or is_link(url) or url.lower().endswith(".md"):
        return None
    found = resolve(site, "index.md", url, files.lowered)
    return (found.found, unquote(fragment)) if found.found else None


class _Files:
    """The site's files looked up by lower-cased path and by base name, built once per run
    (one hint per missing entry would otherwise rescan every file of the site)."""

    def __init__(self, site: Site) -> None:
        self.names = site.files
        self.lowered = lowered_files(site)
        self.by_basename: dict[str, list[str]] = {}
        for name in sorted(site.files):
            self.by_basename.setdefault(posixpath.basename(name), []).append(name)


def _hint(files: _Files, path: str) -> str:
    candidates = [path]
    if path.endswith("/") or not posixpath.splitext(path)[1]:
        base = path.rstrip("/")
        candidates = [f"{base}/index.md", f"{base}/README.md", f"{base}.md"]
    for candidate in candidates:
        if candidate in files.names and candidate != path:
            return f"; did you mean '{candidate}'?"
    for candidate in candidates:
        if candidate.lower() in files.lowered:
            return f"; did you mean '{files.lowered[candidate.lower()]}' (letter case)?"
    same_name = files.by_basename.get(posixpath.basename(path), [])
    if len(same_name) == 1:
        return f"; did you mean '{same_name[0]}'?"
    return ""


def check_site(site: Site, summaries: Mapping[str, frozenset[str]]
               ) -> Iterator[tuple[str, Finding]]:
    project = site.mkdocs
    if project is None or not project.nav_entries:
        return
    config = os.path.relpath(project.nav_config)
    docs_dir = os.path.relpath(project.docs_dir, project.config_file.parent)
    files = _Files(site)
    displays = {relative: display for display, relative in site.pages.items()}
    for entry, path, generated in missing_nav_entries(site):
        if generated:
            continue  # a page the build may write: LNK007's
        reached = _reached_by_url(site, entry.path, files)
        if reached is not None:
            page, fragment = reached
            display = displays.get(page)
            ids = summaries.get(display) if fragment and display is not None else None
            if ids is not None and fragment not in ids:
                yield config, Finding(
                    CODE, Span.of(entry.line, entry.column, entry.length),
                    f"nav entry '{entry.path}' leads to '{page}', which has no anchor "
                    f"'{fragment}'")
            continue  # a page's URL: MkDocs keeps it as a link, and it reaches the page
        where = "above the docs folder" if path == ".." or path.startswith("../") else (
            f"not in docs_dir '{docs_dir}'")
        file, _, fragment = path.partition("#")
        if fragment and file in site.files:
            url = f"{posixpath.splitext(file)[0]}/" if site.use_directory_urls else \
                f"{posixpath.splitext(file)[0]}.html"
            url = url.removesuffix("index/") if url.endswith("/index/") or url == "index/" \
                else url
            message = (f"nav entry '{entry.path}' is no page to MkDocs (a file path takes no "
                       f"'#'): it links to the Markdown file, which the site does not serve; "
                       f"write the page's URL, '{url}#{fragment}'")
        elif literate_folder(site, entry):
            message = f"nav entry '{entry.path}' names a folder that does not exist ({where})"
        else:
            message = (f"nav entry '{entry.path}' names a file that does not exist "
                       f"({where}){_hint(files, path)}")
        yield config, Finding(CODE, Span.of(entry.line, entry.column, entry.length), message)
    for entry in project.nav_entries:
        named = nav_file(entry)
        left_out = excluded_reason(project, named) if named and named in site.files else None
        if left_out:
            yield config, Finding(CODE, Span.of(entry.line, entry.column, entry.length),
                                  f"nav entry '{entry.path}' names a page the build leaves "
                                  f"out ({left_out})")
