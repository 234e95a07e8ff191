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
names) is reported too.

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

from curriculint.checks.links.local_targets import lowered_files
from curriculint.checks.links.nav_targets import literate_folder, missing_nav_entries, nav_file
from curriculint.load.document import Document, Finding, Severity
from curriculint.load.excluded_docs import excluded_reason
from curriculint.load.site import Site
from curriculint.model import RuleKind, Span

CODE = "LNK005"
NAME = "nav-missing-page"
SEVERITY = Severity.ERROR
KIND = RuleKind.SITE


def summarize(doc: Document) -> None:
    """Nothing per page: the rule reads the site's mkdocs.yml."""
    return None


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


def check_site(site: Site, summaries: Mapping[str, None]) -> Iterator[tuple[str, Finding]]:
    project = site.mkdocs
    if project is None or not project.nav_entries:
        return
    config = os.path.relpath(project.nav_config)
    docs_dir = os.path.relpath(project.docs_dir, project.config_file.parent)
    files = _Files(site)
    for entry, path, generated in missing_nav_entries(site):
        if generated:
            continue  # a page the build may write: LNK007's
        where = "above the docs folder" if path == ".." or path.startswith("../") else (
            f"not in docs_dir '{docs_dir}'")
        if literate_folder(site, entry):
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
