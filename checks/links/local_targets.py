"""Local link targets of a page, and their resolution the way MkDocs serves them.

Not a rule: the link rules share it. A target `x.md` is resolved against the
page's folder (MkDocs rewrites links to files it knows). A target MkDocs does
not rewrite (`x/`, `x`, an image it cannot find) is resolved by the browser
against the page's URL, which under `use_directory_urls` is one folder deeper
(`a/b.md` is served at `a/b/`). Outside an MkDocs site (or with a plugin that
resolves links by name) a link is broken only when no reading finds it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

from curriculint.checks.links.build_targets import i18n_alternatives, localized_candidates
from curriculint.checks.links.url_syntax import looks_like_url
from curriculint.index.records import Link
from curriculint.load.document import Document, per_document
from curriculint.load.site import Site
from curriculint.model import Span

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Links whose targets are built by a template or a macro, not written.
_TEMPLATED = ("{{", "{%", "$")
_LINK_KINDS = ("inline", "image", "definition", "html")
_PAGE_EXTENSIONS = (".md", ".markdown")


@dataclass(frozen=True, slots=True)
class LocalLink:
    kind: str
    target: str  # as written
    path: str  # percent-decoded path part; "" for a same-page fragment
    fragment: str | None  # None without '#'
    span: Span  # the target as written
    fragment_span: Span | None  # the fragment's characters, for fixes

    def __reduce__(self) -> tuple[type[LocalLink], tuple[Any, ...]]:
        # Every page's links sit in the results cache; see Span.__reduce__.
        return LocalLink, (self.kind, self.target, self.path, self.fragment, self.span,
                           self.fragment_span)

    @property
    def line(self) -> int:
        return self.span.line


UNUSED_DEFINITION = "unused-definition"


def _unused(doc: Document, label: str, lowered: list[str]) -> bool:
    """A reference definition no `[text][label]`, `[label][]` or `[label]` on the
    page uses (labels match without regard to case): nothing renders its target."""
    if not lowered:
        # (runs of white space as one space: a label may wrap onto the next line)
        lowered.append(" ".join(doc.text.lower().split()))
    written = f"[{' '.join(label.split()).lower()}]"
    return lowered[0].count(written) < 2  # the definition itself is one


@per_document
def local_links(doc: Document) -> tuple[LocalLink, ...]:
    """Links to this site's files or fragments (not URLs, mail, templates). An
    unused reference definition has the kind UNUSED_DEFINITION."""
    found = []
    lowered: list[str] = []
    for link in (*doc.index.links, *spaced_paths(doc)):
        if link.kind not in _LINK_KINDS:
            continue
        target = link.target.strip()
        if (not target or target.startswith("//") or _SCHEME.match(target)
                or any(marker in target for marker in _TEMPLATED) or looks_like_url(target)):
            continue
        path, hash_mark, fragment = target.partition("#")
        path = unquote(path.partition("?")[0])
        fragment_span = None
        if hash_mark and link.span.line == link.span.end_line:
            offset = link.target.find("#") + 1
            fragment_span = Span.of(link.span.line, link.span.column + offset, len(fragment))
        kind = link.kind
        if kind == "definition" and _unused(doc, link.label, lowered):
            kind = UNUSED_DEFINITION
        found.append(LocalLink(kind, target, path, unquote(fragment) if hash_mark else None,
                               link.span, fragment_span))
    return tuple(found)


_FILE_EXTENSION = re.compile(r"\.\w{1,5}(?:#.*)?$")
_TITLE = re.compile(r"""\s+(?:"[^"]*"|'[^']*'|\([^)]*\))\s*$""")


def spaced_paths(doc: Document) -> list[Link]:
    """`[text](img/board wiring.png)`: a path with spaces, which CommonMark leaves
    as text and Python-Markdown links (MkDocs writes `%20`). As an inline link to
    its path, a title after it left out."""
    found = []
    for link in doc.index.bare_urls:
        if link.kind != "unparsed" or link.label == "unclosed" or \
                not any(char.isspace() for char in link.target):
            continue
        target = _TITLE.sub("", link.target).rstrip()
        indent = len(target) - len(target.lstrip())
        target = target.strip()
        if not target or looks_like_url(target) or _SCHEME.match(target) or not (
                "/" in target or _FILE_EXTENSION.search(target)):
            continue  # (words as a target are LNK001's)
        found.append(Link("inline", target, Span.of(link.span.line, link.span.column + indent,
                                                    len(target))))
    return found


def unused_note(link: LocalLink) -> str:
    """For a broken target: that nothing on the page links through it."""
    return (" (in a reference definition the page does not use: nothing renders it; "
            "remove the definition or fix it)" if link.kind == UNUSED_DEFINITION else "")


@dataclass(frozen=True, slots=True)
class Resolution:
    found: str | None  # the file (relative to the docs root) the link reaches
    leaves_root: bool = False
    case_match: str | None = None  # a file that matches only with another letter case
    tried: str = ""  # the path the file reading points at, for messages
    # found outside the docs folder: in an INHERIT parent's (a translation's
    # fallback), or as a redirect mkdocs-redirects serves
    inherited: bool = False
    # the page a link MkDocs leaves as written would reach as a file path: the
    # author meant it, but the browser, from the page's URL, does not get there
    meant: str | None = None
    # site-absolute, outside the path site_url serves this site under (another
    # mike version, another app on the host): not this build's to check
    outside: bool = False
    # `tried` is the page's URL reading: the file reading climbs out of the docs
    # folder (`../x/` from a page served one level deeper)
    from_url: bool = False


def is_page(relative: str) -> bool:
    return relative.lower().endswith(_PAGE_EXTENSIONS)


def _candidates(path: str, directory_style: bool) -> list[str]:
    """Files that a resolved path may denote."""
    if directory_style or not path:
        base = path.rstrip("/")
        prefix = f"{base}/" if base else ""
        return [f"{prefix}index.md", f"{prefix}README.md", f"{base}.md" if base else ""]
    stem, extension = posixpath.splitext(path)
    if not extension:
        return [path, f"{path}.md", f"{path}/index.md", f"{path}/README.md"]
    if extension.lower() in (".html", ".htm"):
        if posixpath.basename(stem) == "index":
            folder = posixpath.dirname(stem)
            return [path, posixpath.join(folder, "index.md"), posixpath.join(folder, "README.md")]
        return [path, f"{stem}.md"]
    return [path]


def _with_notebooks(site: Site, candidates: list[str]) -> list[str]:
    """With mkdocs-jupyter, a notebook is a page: `x.ipynb` answers for `x.md`,
    and so does a jupytext script, `x.py` (its default `include` takes both)."""
    if site.mkdocs is None or not site.mkdocs.has_plugin("mkdocs-jupyter"):
        return candidates
    return [*candidates, *(name[:-3] + extension for name in candidates
                           if name.lower().endswith(".md") for extension in (".ipynb", ".py"))]


def _page_url_folder(page: str, site: Site) -> str:
    """The folder a browser resolves relative URLs against, as a docs-relative path."""
    folder = posixpath.dirname(page)
    stem = posixpath.splitext(posixpath.basename(page))[0]
    if not site.use_directory_urls or stem.lower() in ("index", "readme"):
        return folder
    return posixpath.join(folder, stem)


def _join(folder: str, path: str) -> tuple[str, bool]:
    """Normalised docs-relative path, and whether it climbed above the root."""
    if path.startswith("/"):
        joined = posixpath.normpath(path.lstrip("/") or ".")
    else:
        joined = posixpath.normpath(posixpath.join(folder, path))
    if joined == ".":
        return "", False
    if joined == ".." or joined.startswith("../"):
        return joined, True
    return joined, False


def _lookup(candidates: list[str], site: Site, lowered: dict[str, str]
            ) -> tuple[str | None, str | None]:
    for candidate in candidates:
        if candidate and candidate in site.files:
            return candidate, None
    for candidate in candidates:
        if candidate and candidate.lower() in lowered:
            return None, lowered[candidate.lower()]
    return None, None


def lowered_files(site: Site) -> dict[str, str]:
    return {name.lower(): name for name in site.files}


def resolve(site: Site, page: str, path: str, lowered: dict[str, str]) -> Resolution:
    """Resolve a link `path` (decoded, without fragment) written in `page`."""
    found = _resolve(site, page, path, lowered)
    prefix = site.mkdocs.site_path if site.mkdocs is not None else ""
    if (prefix and not found.found and not found.case_match
            and _beside_site(path, prefix)):
        return replace(found, outside=True)
    if (not found.found and not found.case_match and site.mkdocs is not None
            and site.mkdocs.versioned and not prefix):
        return _in_version_folder(site, page, path, lowered) or found
    return found


def _in_version_folder(site: Site, page: str, path: str, lowered: dict[str, str]
                       ) -> Resolution | None:
    """`/latest/guide/` on a site mike deploys at the root of its host: the page
    of this version it names, or, if this version has none, another version's
    (not this build's to judge). None when the first folder is the docs'."""
    if not path.startswith("/") or path.startswith("//"):
        return None
    first, _, rest = path[1:].partition("/")
    if not first or not rest or first in _top_names(site.files):
        return None
    inner = _resolve(site, page, f"/{rest}", lowered)
    return inner if inner.found else replace(inner, outside=True)


@lru_cache(maxsize=8)
def _top_names(files: frozenset[str]) -> frozenset[str]:
    """The names at the top of the docs folder: its folders, its files with and
    without their extension."""
    names: set[str] = set()
    for name in files:
        top = name.split("/", 1)[0]
        names.update((top, posixpath.splitext(top)[0]))
    return frozenset(names)


def _beside_site(path: str, prefix: str) -> bool:
    """Site-absolute, under the same first folder as the path site_url serves the
    site under but outside it: another version of the site (mike's /manual/stable/
    beside /manual/latest/), which this build does not hold. Any other path off
    the prefix is a page that lost it (a project site's /guide/ for /proj/guide/):
    judged as one."""
    if not path.startswith("/") or path.startswith("//") or path == prefix or \
            path.startswith(f"{prefix}/"):
        return False
    top = prefix.strip("/").split("/", 1)[0]
    return prefix.strip("/") != top and path.startswith(f"/{top}/")


def _resolve(site: Site, page: str, path: str, lowered: dict[str, str]) -> Resolution:
    prefix = site.mkdocs.site_path if site.mkdocs is not None else ""
    if prefix and (path == prefix or path.startswith(f"{prefix}/")):
        # Site-absolute with the folder site_url serves the site under: /ml/x/ is x/.
        path = path[len(prefix):] or "/"
    directory_style = path.endswith("/")
    if directory_style and posixpath.splitext(path.rstrip("/"))[1]:
        # MkDocs looks the file up after posixpath.normpath, which drops the
        # trailing slash: `page.md/#x` links to page.md.
        file_path, left = _join(posixpath.dirname(page), path.rstrip("/"))
        if not left and file_path in site.files:
            return Resolution(file_path)
    file_path, left = _join(posixpath.dirname(page), path)
    from_url = False
    served = _served_as_written(site, page, path)
    if left:
        candidates = []
    elif served:
        # MkDocs rewrites a link only to a file it has: `x` and `x/` reach a
        # page only through the browser, from the page's URL (below).
        candidates = [file_path] if not directory_style else []
    else:
        candidates = _with_notebooks(site, _candidates(file_path, directory_style))
    localized = localized_candidates(site.mkdocs, page, candidates)
    if localized:
        # A translated page's links lead to the same language's pages first.
        found_localized = next((name for name in localized if name in site.files), None)
        if found_localized is not None:
            return Resolution(found_localized)
    if left:
        file_found, file_case = None, None
    else:
        file_found, file_case = _lookup(candidates, site, lowered)
    if file_found:
        return Resolution(file_found)
    url_path = file_path
    # MkDocs rewrites links to files it has; others are left to the browser.
    if (site.use_directory_urls or served) and not path.lower().endswith(_PAGE_EXTENSIONS):
        url_path, url_left = _join(_page_url_folder(page, site), path)
        if url_left:  # browsers stop at the site root
            url_path = re.sub(r"^(\.\./?)+", "", url_path)
        url_candidates = _url_candidates(site, url_path, path, directory_style)
        url_found, url_case = _lookup(url_candidates, site, lowered)
        if url_found:
            return Resolution(url_found)
        file_case = file_case or url_case
        candidates = [*candidates, *url_candidates]
        if left and not url_left and site.mkdocs is not None:
            # Written against the page's URL (one level deeper), the link stays in
            # the site: the file it means is missing, nothing climbs out.
            left, file_path, from_url = False, url_path, True
    fallback = _fallback(site, page, candidates, path)
    if fallback is not None:
        return fallback
    if served and not left:
        meant, _ = _lookup(_candidates(file_path, directory_style), site, lowered)
        if meant is not None:
            return Resolution(None, tried=url_path, meant=meant)
    return Resolution(None, left, file_case, file_path, from_url=from_url)


def _url_candidates(site: Site, url_path: str, path: str, directory_style: bool) -> list[str]:
    """The files that answer `url_path`, a URL the browser resolved."""
    candidates = _with_notebooks(site, _candidates(url_path, directory_style))
    html = path.lower().endswith((".html", ".htm"))
    if html == site.use_directory_urls:
        # `x.md` is served as `x.html` (as `x/` under use_directory_urls): only
        # a folder's index answers `x` or `x/` (`index.html` under directory URLs).
        candidates = [name for name in candidates
                      if not name.lower().endswith((*_PAGE_EXTENSIONS, ".ipynb", ".py"))
                      or posixpath.basename(name).lower() in (
                          "index.md", "readme.md", "index.ipynb", "index.py")]
    return candidates


def served_path(site: Site, name: str) -> str:
    """Where the built site serves docs file `name`: a page at its URL
    (`a/b/` under use_directory_urls, else `a/b.html`), any other file as is."""
    stem, extension = posixpath.splitext(name)
    if extension.lower() not in (*_PAGE_EXTENSIONS, ".ipynb"):
        return name
    folder, base = posixpath.split(stem)
    if base.lower() in ("index", "readme"):
        return f"{folder}/" if folder else ""
    return f"{stem}/" if site.use_directory_urls else f"{stem}.html"


def raw_better(site: Site, page: str, meant: str) -> str:
    """The link to write in raw HTML on `page` for file `meant`: from the page's URL."""
    served = served_path(site, meant)
    better = posixpath.relpath(served or ".", _page_url_folder(page, site) or ".")
    return f"{better}/" if served.endswith("/") or not served else better


def links_by_name(site: Site) -> bool:
    """A plugin resolves the site's links by a page's name (ezlinks and its kin):
    `/guide/setup.md` too, which MkDocs alone would leave as written."""
    return site.mkdocs is not None and bool(_NAME_LINKS.intersection(site.mkdocs.plugins))


def _url_follows_file(site: Site, page: str) -> bool:
    """An MkDocs site where the page's URL follows from its file: not a translated
    site or a blog's posts, whose plugins choose their URLs, nor one whose plugins
    resolve links by name or add `.md` to them."""
    project = site.mkdocs
    return project is not None and project.i18n is None and \
        not _NAME_LINKS.intersection(project.plugins) and \
        not _SUFFIX_LINKS.intersection(project.plugins) and \
        not any(page.startswith(f"{folder}/") for folder in project.blog_dirs)


def _resolve_raw(site: Site, page: str, path: str, lowered: dict[str, str]) -> Resolution | None:
    """A relative link in raw HTML (`<img src>`, `<a href>`): MkDocs leaves it as
    written, in md_in_html blocks too, so the browser resolves it from the page's
    URL, and a link to a Markdown file reaches no file (the built site holds its
    page, not its source). A Resolution naming the file meant when only the
    page's folder reaches one; None to read it as any other link."""
    if path.startswith("/") or not _url_follows_file(site, page):
        return None
    directory_style = path.endswith("/")
    url_path, url_left = _join(_page_url_folder(page, site), path)
    if url_left:
        return None
    if not path.lower().endswith(_PAGE_EXTENSIONS):
        found, _ = _lookup(_url_candidates(site, url_path, path, directory_style), site, lowered)
        if found is not None:
            return Resolution(found)
    file_path, file_left = _join(posixpath.dirname(page), path)
    if file_left:
        return None
    meant, _ = _lookup(_with_notebooks(site, _candidates(file_path, directory_style)), site,
                       lowered)
    if meant is None:
        return None
    return Resolution(None, tried=url_path, meant=meant)


# Plugins that resolve links by a page's name, wherever its file is.
_NAME_LINKS = frozenset({"autolinks", "roamlinks", "ezlinks", "ezlinked"})
# Of those, the ones that find a page by its name without the `.md`.
_EXTENSIONLESS_NAMES = frozenset({"ezlinks", "ezlinked"})
# Plugins that add `.md` to a link with no extension (mkdocs-altlink-plugin), so
# MkDocs resolves it against the page's file like any link to a page.
_SUFFIX_LINKS = frozenset({"alternate-link"})


@lru_cache(maxsize=8)
def _files_by_name(files: frozenset[str]) -> dict[str, tuple[str, ...]]:
    by_name: dict[str, list[str]] = {}
    for name in sorted(files):
        by_name.setdefault(posixpath.basename(name), []).append(name)
    return {name: tuple(found) for name, found in by_name.items()}


def _served_as_written(site: Site, page: str, path: str) -> bool:
    """A link MkDocs leaves as written for the browser: on an MkDocs site, a
    path with no extension (`x`, `x/`) or to a built page (`x.html`), unless a
    plugin resolves names or Zensical builds the site (it links `x` to `x.md`). Only
    where the page's URL follows from its file: not in a translated site or a
    blog's posts, whose plugins choose their URLs."""
    project = site.mkdocs
    if (project is None or project.zensical or project.i18n is not None
            or _NAME_LINKS.intersection(project.plugins)
            or _SUFFIX_LINKS.intersection(project.plugins)
            or any(page.startswith(f"{folder}/") for folder in project.blog_dirs)):
        return False
    extension = posixpath.splitext(path.rstrip("/"))[1].lower()
    return extension in ("", ".html", ".htm")


def _fallback(site: Site, page: str, candidates: list[str], path: str) -> Resolution | None:
    """A translated page's target in the default language (mkdocs-static-i18n), or
    in the docs folder of the config this site INHERITs from; a URL-style link
    (`old/`, not `old.md`, which MkDocs would have to find) to a page
    mkdocs-redirects redirects."""
    project = site.mkdocs
    if project is None:
        return None
    if _NAME_LINKS.intersection(project.plugins):
        # autolinks and its kin find a file by its name wherever it is in the docs
        # (of two with one name, one of them).
        name = posixpath.basename(path.rstrip("/"))
        named = _files_by_name(site.files).get(name, ())
        if not named and not posixpath.splitext(name)[1] and \
                _EXTENSIONLESS_NAMES.intersection(project.plugins):
            named = _files_by_name(site.files).get(f"{name}.md", ())  # ezlinks: `[t](compost)`
        if named:
            return Resolution(named[0])
    if project.theme_files:
        shipped = next((candidate for candidate in candidates
                        if candidate in project.theme_files), None)
        if shipped is not None:
            return Resolution(shipped, inherited=True)  # a file of the theme's custom_dir
    if project.redirect_sources and not path.lower().endswith(_PAGE_EXTENSIONS):
        redirected = next((candidate for candidate in candidates
                           if candidate in project.redirect_sources), None)
        if redirected is not None:
            return Resolution(redirected, inherited=True)
    if not (project.i18n or site.inherited_files):
        return None
    tried = [candidate for candidate in candidates if candidate]
    tried += [alternative for candidate in tried
              for alternative in i18n_alternatives(site.mkdocs, page, candidate)]
    for candidate in tried:
        if candidate in site.files:
            return Resolution(candidate)
    for candidate in tried:
        if candidate in site.inherited_files:
            return Resolution(candidate, inherited=True)
    return None


def no_other_page(context: object, display: str) -> set[str]:
    """`page_dependencies` of a rule that reads only the page and the file listing
    (which every cache key covers)."""
    return set()


def resolutions(site: Site, display: str, links: tuple[LocalLink, ...], lowered: dict[str, str]
                ) -> Iterator[tuple[LocalLink, Resolution, str]]:
    """Each link of page `display` with where it leads, and the page's relative path."""
    page = site.pages.get(display, "")
    for link in links:
        yield link, resolve_link(site, page, link, lowered), page


def resolve_link(site: Site, page: str, link: LocalLink, lowered: dict[str, str]) -> Resolution:
    """Where `link` of `page` leads (a link in raw HTML as the browser reads it)."""
    if link.kind == "html":
        raw = _resolve_raw(site, page, link.path, lowered)
        if raw is not None:
            return raw
    return resolve(site, page, link.path, lowered)
