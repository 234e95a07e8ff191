"""`nav` entries of mkdocs.yml resolved against the docs folder, as MkDocs does.

Not a rule: LNK005 and LNK006 share it. MkDocs looks a nav path up as a file
relative to `docs_dir` (after `os.path.normpath`); an entry with a URL scheme
or a leading `/` is a link, not a file.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from curriculint.checks.links.build_targets import generated_reason, i18n_base, in_site
from curriculint.load.site import NavEntry, Site

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def is_link(path: str) -> bool:
    """An external URL or a site-absolute URL: MkDocs makes it a nav link."""
    return bool(_SCHEME.match(path)) or path.startswith("/")


# Entries that plugins expand, not files: awesome-pages' `...` (the rest of the
# folder, `... | flat | glob`), mkdocs-monorepo's `!include other/mkdocs.yml` and
# its wildcard `*include parts/*/mkdocs.yml`.
_EXPANDED = re.compile(r"^(?:\.\.\.(?:\s|\||$)|[!*]include\s)")


def nav_file(entry: NavEntry) -> str | None:
    """The docs-relative file an entry names, or None for a link (or an entry a
    plugin expands)."""
    if is_link(entry.path) or _EXPANDED.match(entry.path):
        return None
    return posixpath.normpath(entry.path.replace("\\", "/"))


def literate_folder(site: Site, entry: NavEntry) -> str | None:
    """With literate-nav, an entry ending in `/` is a folder whose own nav (or
    listing) the plugin puts there, and an entry with `*` a wildcard it expands;
    with include_dir_to_nav, an entry naming a folder (slash or not) stands for
    the pages in it. The folder's docs-relative path ("" for a wildcard); None
    for a file."""
    project = site.mkdocs
    if project is None:
        return None
    path = entry.path.replace("\\", "/")
    if project.has_plugin("literate-nav"):
        if "*" in path:
            return ""
        if path.endswith("/"):
            return posixpath.normpath(path)
    if project.has_plugin("include_dir_to_nav"):
        folder = posixpath.normpath(path)
        if path.endswith("/") or any(name.startswith(f"{folder}/") for name in site.files):
            return folder
    return None


def folder_entries(site: Site) -> tuple[str, ...]:
    """The folders nav entries stand for (`literate_folder`), "" for a wildcard."""
    if site.mkdocs is None:
        return ()
    return tuple(folder for entry in site.mkdocs.nav_entries
                 if (folder := literate_folder(site, entry)) is not None)


def plugin_expanded(site: Site) -> bool:
    """The nav has entries a plugin expands into pages it does not list."""
    return site.mkdocs is not None and any(_EXPANDED.match(entry.path)
                                           for entry in site.mkdocs.nav_entries)


def _present(site: Site, path: str) -> bool:
    """The nav names a file the site serves: in the docs folder, in an INHERIT
    parent's (a translation), or in any language of a mkdocs-static-i18n site."""
    if in_site(site, path):
        return True
    project = site.mkdocs
    if project is None or project.i18n is None:
        return False
    base = i18n_base(project, path)
    return any(i18n_base(project, name) == base for name in site.files)


def missing_nav_entries(site: Site) -> Iterator[tuple[NavEntry, str, str | None]]:
    """(entry, docs-relative path, why the build may write it or None) for each
    nav entry naming a file the site does not have."""
    project = site.mkdocs
    if project is None:
        return
    for entry in project.nav_entries:
        path = nav_file(entry)
        if path is None or _present(site, path):
            continue
        folder = literate_folder(site, entry)
        if folder == "" or (folder is not None and any(
                name.startswith(f"{folder}/") for name in site.files)):
            continue
        yield entry, path, generated_reason(project, path)


def nav_files(site: Site) -> frozenset[str]:
    if site.mkdocs is None:
        return frozenset()
    return frozenset(path for entry in site.mkdocs.nav_entries
                     if (path := nav_file(entry)) is not None)


def not_in_nav(relative: str, patterns: tuple[str, ...]) -> bool:
    """Whether a page matches the `not_in_nav` patterns (gitignore syntax, read with
    pathspec as MkDocs reads them)."""
    return bool(patterns) and bool(_nav_spec(patterns).match_file(relative))


@lru_cache(maxsize=8)
def _nav_spec(patterns: tuple[str, ...]) -> Any:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)
