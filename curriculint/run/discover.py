"""Which files a run lints, and the MkDocs site each belongs to."""

from __future__ import annotations

import dataclasses
import fnmatch
import logging
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from curriculint.config import Config
from curriculint.load.collections import CollectionSet
from curriculint.load.document import ParseOptions
from curriculint.load.excluded_docs import excluded_reason
from curriculint.load.site import (
    MkDocsProject,
    Site,
    in_a_project_outside_its_docs,
    resolve_file,
    site_root_for,
)
from curriculint.run.records import SourceFile

log = logging.getLogger(__name__)

def display_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def inclusion(config: Config) -> Callable[[str, str], bool]:
    """`included(name, posix_path)`, with the patterns compiled once: the name
    matches an include pattern, and neither the path nor the name matches an
    exclude pattern (a path also matches when a trailing part of it does)."""

    def either(patterns: Iterable[str]) -> re.Pattern[str] | None:
        translated = [fnmatch.translate(os.path.normcase(pattern)) for pattern in patterns]
        return re.compile("|".join(translated)) if translated else None

    include = either(config.include)
    by_name = either(config.exclude)
    by_path = either([*config.exclude, *(f"*/{pattern}" for pattern in config.exclude)])

    def included(name: str, posix: str) -> bool:
        name = os.path.normcase(name)
        if include is None or not include.match(name):
            return False
        if by_name is None or by_path is None:
            return True
        return not (by_path.match(os.path.normcase(posix)) or by_name.match(name))

    return included


def discover(arguments: Sequence[str], config: Config,
             stdin: tuple[str, bytes] | None = None) -> tuple[list[SourceFile], list[str]]:
    """Files to lint, in a stable order, and problems with the arguments.
    `stdin` is a page read from standard input: (the path it stands for, bytes)."""
    found: dict[Path, SourceFile] = {}
    problems: list[str] = []
    included = inclusion(config)
    if stdin is not None:
        name, content = stdin
        path = Path(name)
        found[path.resolve()] = SourceFile(path, display_path(path), path.parent,
                                           path.resolve(), content)
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            for folder, dirs, names in os.walk(path, followlinks=False):
                dirs[:] = sorted(name for name in dirs if not name.startswith("."))
                # Per folder, not per file: its Path, its display form, where it really is.
                base = Path(folder)
                prefix = "" if str(base) == "." else os.path.join(base.as_posix(), "")
                shown = display_path(base)
                shown_prefix = "" if shown == "." else os.path.join(shown, "")
                real_base: Path | None = None
                for name in sorted(names):
                    if not included(name, prefix + name):
                        continue
                    candidate = base / name
                    if candidate.is_symlink():
                        real = candidate.resolve()
                    else:
                        real_base = real_base or resolve_file(candidate).parent
                        real = real_base / name
                    found.setdefault(real, SourceFile(candidate, shown_prefix + name, path, real,
                                                      walked=True))
        elif path.is_file():
            # An explicitly named file is linted even if it does not match include.
            real = path.resolve()
            found.setdefault(real, SourceFile(path, display_path(path), path.parent, real))
        elif path.is_symlink():
            problems.append(f"{argument}: broken symbolic link")
        else:
            problems.append(f"{argument}: no such file or directory")
    return sorted(found.values(), key=lambda source: source.display), problems


def sites_for(sources: list[SourceFile], config: Config) -> tuple[dict[Path, Site],
                                                                    dict[str, Site]]:
    """The site of each source; a page found in a folder that MkDocs leaves out
    of the build (`exclude_docs`, `templates/`, dot files) gets none: callers
    keep only the sources `site_of` holds."""
    sites: dict[Path, Site] = {}
    by_file: dict[str, Site] = {}
    roots: dict[tuple[Path, Path], tuple[Path, MkDocsProject | None, str, str]] = {}
    for source in sources:
        folder = (source.real.parent, source.argument_root)  # pages share their folder's root
        if folder not in roots:
            found_root, found_project, kind = site_root_for(source.real, config,
                                                            source.argument_root)
            roots[folder] = found_root, found_project, os.path.join(str(found_root), ""), kind
        root, project, root_prefix, kind = roots[folder]
        real = str(source.real)
        # relative_to(root).as_posix(), by string: both paths are resolved
        path = (real[len(root_prefix):].replace(os.sep, "/") if real.startswith(root_prefix)
                else source.path.name)
        if source.walked and kind == "docs" and excluded_reason(project, path):
            continue  # not built: MkDocs leaves it out (a page named on purpose is linted)
        site = sites.get(root)
        if site is None:
            slug_style = project.slug_style if project else config.slugify
            beside = project is None and in_a_project_outside_its_docs(source.real)
            if beside and "slugify" not in config.model_fields_set:
                slug_style = "github"  # a README beside the site: GitHub's ids
            site = Site(
                root=root,
                use_directory_urls=project.use_directory_urls if project
                else config.use_directory_urls,
                slug_style=slug_style,
                mkdocs=project,
                root_kind=kind,
                beside_site=beside,
            )
            sites[root] = site
        site.pages[source.display] = path
        by_file[source.display] = site
    return sites, by_file


def site_parse_options(site: Site) -> ParseOptions:
    """How a site's pages are parsed (Site.parse_options: heading, tab and emoji
    settings, its hooks' patterns, whether its search splits words at U+200B)."""
    return site.parse_options()


def page_parse_options(site_options: ParseOptions, site: Site, display: str,
                       collections: CollectionSet | None) -> ParseOptions:
    """A page's options: its site's, and where collections are configured, its
    path in the docs folder (which collection claims it depends on it)."""
    if collections is None:
        return site_options
    return dataclasses.replace(site_options, site_path=site.pages.get(display, ""),
                               collections=collections)


def parse_options_of(sources: Sequence[SourceFile], site_of: dict[str, Site], config: Config
                     ) -> dict[str, ParseOptions]:
    """Every page's parse options, the site's part worked out once per site."""
    collections = CollectionSet.of(config) if config.collections else None
    by_site: dict[Path, ParseOptions] = {}
    options_of = {}
    for source in sources:
        site = site_of[source.display]
        if site.root not in by_site:
            by_site[site.root] = site_parse_options(site)
        options_of[source.display] = page_parse_options(by_site[site.root], site,
                                                        source.display, collections)
    return options_of
