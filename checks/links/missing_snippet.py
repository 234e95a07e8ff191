"""A file pymdownx.snippets is told to include is in none of its base paths, or
a file a mkdocs-include-markdown-plugin directive includes does not exist.

Read as pymdownx.snippets reads it: a `--8<-- "file.md"` line (a `:section`
or `:1:5` after the name picks a part), the names between two `--8<--` lines,
and the `auto_append` files of mkdocs.yml, each looked for in every
`base_path` (relative to the folder MkDocs runs in: the config's, or the
repository's root, where CI may run `mkdocs build -f docs/site/mkdocs.yml`;
`.` unless set; MkDocs' `!relative $config_dir`, `$docs_dir/x` and a bare `!relative`, the
page's folder) as the extension itself looks, `restrict_base_path` included. A
file a `.gitignore` keeps out of the repository is a build step's. Escaped
lines (`;--8<--`), names commented out with `;` and URLs are left alone. A page
on a site without pymdownx.snippets is not read, nor one a build step writes
back over its source (a gen-files script that names it and fills its own
`--8<-- "gen:table"` markers). On a site with the
include-markdown plugin, `{% include-markdown "file.md" %}` and `{% include
"file" %}` name a file from the including page's folder (looked for in the docs
folder and beside mkdocs.yml too); globs and URLs are left alone. A missing
one stops `mkdocs build`.

Why: unless `check_paths` is on, pymdownx.snippets leaves a missing file out
without a word: the glossary's abbreviations or the shared warning never show,
and the build stays green.

Bad:
```yaml title="mkdocs.yml"
site_name: Course
markdown_extensions:
  - abbr
  - pymdownx.snippets:
      auto_append:
        - includes/abbreviations.md
```

```markdown title="docs/includes/abbreviations.md"
*[HTML]: Hyper Text Markup Language
```

```markdown title="docs/index.md"
# Course

Pages are written in Markdown and served as HTML.
```

Good:
```yaml title="mkdocs.yml"
site_name: Course
markdown_extensions:
  - abbr
  - pymdownx.snippets:
      auto_append:
        - docs/includes/abbreviations.md
```

```markdown title="docs/includes/abbreviations.md"
*[HTML]: Hyper Text Markup Language
```

```markdown title="docs/index.md"
# Course

Pages are written in Markdown and served as HTML.
```
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from curriculint.checks.links.build_targets import generated_reason
from curriculint.load.document import Document, Finding, Severity
from curriculint.load.site import MkDocsProject, Site
from curriculint.model import RuleKind, Span

CODE = "LNK009"
NAME = "missing-snippet"
SEVERITY = Severity.ERROR
KIND = RuleKind.SITE

# (line, column, path as written) of each file a page includes by pymdownx.snippets,
# then of each mkdocs-include-markdown-plugin directive's file.
Included = tuple[tuple[int, int, str], ...]
Summary = tuple[Included, Included]

# `{% include-markdown "file.md" %}`, `{% include 'file.yml' %}` (the plugin's
# default tags; a path with a glob or a template in it is left alone).
_DIRECTIVE = re.compile(r"""\{%-?\s*include(?:-markdown)?\s+(["'])([^"'\n]+?)\1""")


def summarize(doc: Document) -> Summary:
    return _snippets(doc), _directives(doc)


def _directives(doc: Document) -> Included:
    if "{%" not in doc.text or "include" not in doc.text:
        return ()
    found = []
    for number, line in enumerate(doc.lines, start=1):
        for match in _DIRECTIVE.finditer(line):
            path = match[2].strip()
            if path and not any(char in path for char in "*?[{") and "://" not in path:
                found.append((number, match.start(2) + 1, path))
    return tuple(found)


def _snippets(doc: Document) -> Included:
    if "8<-" not in doc.text:
        return ()
    from pymdownx.snippets import SnippetPreprocessor

    pattern = SnippetPreprocessor.RE_ALL_SNIPPETS
    found = []
    block = False
    for number, line in enumerate(doc.lines, start=1):
        match = pattern.match(line)
        if match is not None:
            if match.group("escape"):
                continue
            if match.group("inline_marker"):
                if not block:  # (an inline marker directly in a block is skipped)
                    found.append((number, match.start("snippet") + 2,
                                  match.group("snippet")[1:-1].strip()))
            else:
                block = not block
            continue
        if block and line.strip():
            found.append((number, len(line) - len(line.lstrip()) + 1, line.strip()))
    return tuple((line, column, path) for line, column, path in found
                 if not path.startswith(";"))


def _bases(project: MkDocsProject, page_folder: Path) -> tuple[str, ...]:
    """The base paths as folders: relative to the config's folder, or as MkDocs'
    `!relative` tag makes them (`$config_dir`, `$docs_dir/x`; alone, the page's
    own folder)."""
    here = project.config_file.parent
    found: list[str] = []
    for base in project.snippet_bases:
        if base == "":
            folder = page_folder
        elif base.startswith("$config_dir"):
            folder = here / base.removeprefix("$config_dir").lstrip("/")
        elif base.startswith("$docs_dir"):
            folder = project.docs_dir / base.removeprefix("$docs_dir").lstrip("/")
        else:
            # Relative to the folder MkDocs runs in: the config's, or the
            # repository's root (`mkdocs build -f docs/site/mkdocs.yml`).
            found.extend(os.path.normpath(root / base) for root in _run_folders(here))
            continue
        found.append(os.path.normpath(folder))
    return tuple(dict.fromkeys(found))


def _missing_directives(site: Site, project: MkDocsProject, summaries: Mapping[str, Summary]
                        ) -> Iterator[tuple[str, Finding]]:
    """include-markdown's files: a path from the including page's folder (or an
    absolute one); looked for beside the docs folder and the config too, as
    versions of the plugin have read it. A missing one stops the build."""
    here = project.config_file.parent
    for display, (_, directives) in summaries.items():
        if directives and _written_over(project, site.pages.get(display, display)):
            continue
        folder = (project.docs_dir / site.pages.get(display, display)).parent
        for line, column, written in directives:
            places = [folder / written, project.docs_dir / written,
                      *(root / written for root in _run_folders(here))]
            if any(place.exists() for place in places) or any(
                    generated_reason(project, os.path.relpath(place, project.docs_dir))
                    for place in places[:2]):
                continue
            yield display, Finding(
                CODE, Span.of(line, column, len(written)),
                f"file '{written}' that include-markdown includes does not exist (looked "
                "beside the page, in the docs folder and beside mkdocs.yml): mkdocs build "
                "stops there")


def _written_over(project: MkDocsProject, page: str) -> bool:
    """A build step writes the page itself (a gen-files script that fills the
    page's own markers, `--8<-- "gen:table"`, and writes it back over the
    source): what snippets then reads is the step's text, not this one."""
    return any(script.writes_files and page in script.names for script in project.build_scripts)


@cache
def _run_folders(here: Path) -> tuple[Path, ...]:
    """The config's folder and the repository root above it (the folder with
    `.git`, four levels up at most), where CI may run MkDocs from."""
    folder = here.resolve()
    for _ in range(5):
        if (folder / ".git").exists():
            return (here, folder) if folder != here.resolve() else (here,)
        if folder.parent == folder:
            break
        folder = folder.parent
    return (here,)


class _Resolver:
    """pymdownx.snippets' own lookup, from the base paths of `_bases`."""

    def __init__(self, project: MkDocsProject) -> None:
        self.project = project
        self.by_bases: dict[tuple[str, ...], Any] = {}

    def missing(self, written: str, page_folder: Path) -> str | None:
        """The path `written` names when no base path holds it; else None."""
        preprocessor = self._preprocessor(_bases(self.project, page_folder))
        target: dict[str, Any] | None = preprocessor.parse_snippet_target(written)
        if target is None:
            return None
        path = str(target["path"])
        if path.lower().startswith(("http://", "https://")) or any(
                generated_reason(self.project, relative)
                for relative in _docs_relative(self.project, path)):
            return None  # a page of the web; a file a build step writes
        return None if preprocessor.get_snippet_path(path) else path

    def _preprocessor(self, bases: tuple[str, ...]) -> Any:
        if bases not in self.by_bases:
            import markdown
            from pymdownx.snippets import SnippetExtension, SnippetPreprocessor

            extension = SnippetExtension(base_path=list(bases),
                                         restrict_base_path=self.project.snippet_restrict)
            self.by_bases[bases] = SnippetPreprocessor(extension.getConfigs(),
                                                       markdown.Markdown())
        return self.by_bases[bases]


def _docs_relative(project: MkDocsProject, path: str) -> list[str]:
    """`path` from each base path, as generated_reason takes it (docs-relative)."""
    return [os.path.relpath(os.path.join(base, path), project.docs_dir)
            for base in _bases(project, project.docs_dir)]


def _where(project: MkDocsProject, folder: Path) -> str:
    """The base paths as folders from the working directory ("." for it)."""
    def shown(base: str) -> str:
        try:
            return os.path.relpath(base)
        except ValueError:  # another drive
            return base
    return ", ".join(f"'{shown(base)}'" for base in _bases(project, folder))


def _effect(project: MkDocsProject, built: str) -> str:
    """What becomes of the page: with `check_paths`, `mkdocs build` stops."""
    return "mkdocs build stops there (check_paths)" if project.snippet_check_paths else built


def check_site(site: Site, summaries: Mapping[str, Summary]) -> Iterator[tuple[str, Finding]]:
    project = site.mkdocs
    if project is None:
        return
    if project.has_plugin("include-markdown"):
        yield from _missing_directives(site, project, summaries)
    if "pymdownx.snippets" not in project.extensions:
        return
    if not project.appended_snippets and not any(snippets for snippets, _ in summaries.values()):
        return
    resolver = _Resolver(project)
    for display, (included, _) in summaries.items():
        if included and _written_over(project, site.pages.get(display, display)):
            continue
        folder = (project.docs_dir / site.pages.get(display, display)).parent if included \
            else project.docs_dir
        for line, column, written in included:
            path = resolver.missing(written, folder)
            if path is not None:
                yield display, Finding(
                    CODE, Span.of(line, column, len(written)),
                    f"snippet '{path}' is in no base path of pymdownx.snippets "
                    f"({_where(project, folder)}): "
                    f"{_effect(project, 'the page is built without it')}")
    config = os.path.relpath(project.config_file)
    for written, (line, column) in zip(project.appended_snippets,
                                       project.appended_snippet_places, strict=False):
        path = resolver.missing(written, project.docs_dir)
        if path is not None:
            yield config, Finding(CODE, Span.of(line, column, len(written)),
                                  f"auto_append snippet '{path}' is in no base path of "
                                  f"pymdownx.snippets ({_where(project, project.docs_dir)}): "
                                  f"{_effect(project, 'no page gets it')}")
