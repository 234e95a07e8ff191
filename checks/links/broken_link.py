"""A relative link, image or `href` points to a file that is not in the docs folder.

Resolved as MkDocs serves the site (`docs_dir`, `use_directory_urls` from
`mkdocs.yml`, INHERIT parents merged): `page.md` next to the page, `page.md/#x`
as `page.md` (MkDocs normalises the path), `/x` from the docs root (`/ml/x` too
when `site_url` serves the site under `/ml/`), and links that climb above the
docs root (or above the folder checked, for a page in no docs folder). An
absolute link to a page (`/x.md`) leads nowhere although the file exists:
MkDocs leaves it as written unless `validation: links: absolute_links:
relative_to_docs`, and the built site has no Markdown files. So does a link to a
file the build leaves out: MkDocs skips dot files and `templates/` folders, and
what `exclude_docs` names. A static file of `theme: custom_dir:` is served at
the site's root, beside the pages, and is found there. MkDocs
rewrites only links to files it has: a link with no extension (`page/`,
`page`) or to a built page (`page.html`) is left as written, and the browser
resolves it from the page's URL
(one level deeper under `use_directory_urls`: `a/b.md` is served at `a/b/`),
where `page/` is `page.md` or `page/index.md`. When only the page's folder
would lead to a page, the message names the URL reached and suggests the
file (`--unsafe-fixes` writes it). A link in raw HTML (`<img src>`, `<a href>`,
`<video src poster>`, `<audio src>`, `<object data>`, in md_in_html blocks
too) MkDocs leaves as written whatever it names: from the page's URL an image
beside a page's file is one folder up, and a Markdown file
is no file of the built site; the message suggests the link from the URL.
Outside an MkDocs site, in a blog's posts or a translated site (their plugins
choose the URLs), or with a plugin that resolves links by name, either reading
will do; with such a plugin (autolinks, roamlinks, ezlinks) a file of the
link's name anywhere in the docs answers it, and `/x.md` names a page; with
mkdocs-altlink-plugin (`alternate-link`), which adds `.md` to a link with no
extension, the page's file beside it does, and so it does on a site Zensical
builds (a `zensical.toml`, a `zensical` dependency in pyproject.toml or
`zensical build` in the Makefile). On a site
translated with mkdocs-static-i18n a link from a translated page may reach the
default language's page or image, as the plugin falls back to it; a site whose
config INHERITs from another language's may reach that one's docs folder. A
target that exists only with another letter case is LNK004's; a file a hook or
gen-files script writes at build time (or the blog plugin writes: a blog's
index page), and a link a hook rewrites, are LNK007's. With mkdocs-jupyter a
notebook (`x.ipynb`) is a page like `x.md`. In a literate-nav nav file
(`SUMMARY.md`), `folder/` is that folder's section, wherever it has files.

Why: a missing page or image is a dead end in the middle of a lesson, and
MkDocs only warns about some of them.

Bad:
```markdown
Continue with [the next module](module-that-does-not-exist.md).
```

Good:
```markdown
Continue with [the next module](page.md).
```
"""

from __future__ import annotations

import difflib
import os
import posixpath
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from curriculint.checks.links.build_targets import (
    generated_reason,
    i18n_base,
    rewriting_hook,
)
from curriculint.checks.links.local_targets import (
    LocalLink,
    is_page,
    links_by_name,
    local_links,
    lowered_files,
    no_other_page,
    raw_better,
    resolutions,
    unused_note,
)
from curriculint.load.document import Document, Finding, Severity
from curriculint.load.excluded_docs import excluded_reason
from curriculint.load.site import Site
from curriculint.model import Edit, Fix, RuleKind, Span

CODE = "LNK002"
NAME = "broken-link"
SEVERITY = Severity.ERROR
KIND = RuleKind.SITE_PER_PAGE


def summarize(doc: Document) -> tuple[LocalLink, ...]:
    # A link a hook rewrites (to a repository URL, say) is LNK007's.
    return tuple(link for link in local_links(doc) if link.path
                 and rewriting_hook(doc, link.line, link.span.column) is None)


class _NameIndex:
    """Site files grouped by name and by folder, built once per site, so a
    suggestion compares a name with a few candidates, not with every file."""

    def __init__(self, files: frozenset[str]) -> None:
        self.by_name: dict[str, list[str]] = {}
        self.by_folder: dict[tuple[str, str], list[str]] = {}
        for file in sorted(files):
            extension = posixpath.splitext(file)[1]
            self.by_name.setdefault(posixpath.basename(file), []).append(file)
            self.by_folder.setdefault((posixpath.dirname(file), extension), []).append(file)
        self.memo: dict[str, str | None] = {}

    def closest(self, tried: str) -> str | None:
        if tried not in self.memo:
            self.memo[tried] = self._closest(tried)
        return self.memo[tried]

    def _closest(self, tried: str) -> str | None:
        name = posixpath.basename(tried)
        extension = posixpath.splitext(tried)[1]
        folder = posixpath.dirname(tried)
        # The usual mistake is the right file at the wrong depth: the same name
        # elsewhere in the site, if only one file has it.
        same_name = self.by_name.get(name, [])
        if len(same_name) == 1:
            return same_name[0]
        if same_name:
            return None
        # Otherwise a misspelt name in the folder the link points into.
        names = {posixpath.basename(file): file
                 for file in self.by_folder.get((folder, extension), [])}
        close = difflib.get_close_matches(name, list(names), n=2, cutoff=0.85)
        return names[close[0]] if len(close) == 1 else None


def _suggestion(names: _NameIndex, page: str, link: LocalLink, tried: str) -> str | None:
    """A file with a nearly equal name, as a path relative to the page."""
    if link.path.endswith("/") or not posixpath.splitext(link.path)[1]:
        return None
    closest = names.closest(tried)
    if closest is None:
        return None
    return posixpath.relpath(closest, posixpath.dirname(page) or ".")


def _translation(site: Site, page: str, relative: str) -> bool:
    """`relative` (from `page`) is a translation's file (`x.zh.md`, `zh/x.md`) of
    a mkdocs-static-i18n site."""
    if site.mkdocs is None or site.mkdocs.i18n is None:
        return False
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), relative))
    return i18n_base(site.mkdocs, target) != target


def _root_name(site: Site) -> str:
    """What the links may not climb above, as the message names it."""
    if site.root_kind == "docs":
        return "the docs folder"
    if site.root_kind == "configured":
        return "the docs root"
    # A page in no docs folder: its root is the folder the run was given.
    return f"'{os.path.relpath(site.root)}', the folder checked (the page is in no docs folder)"


def _absolute(link: LocalLink, found: str, page: str) -> Finding:
    relative = posixpath.relpath(found, posixpath.dirname(page) or ".")
    fix = None
    if link.span.line == link.span.end_line and link.target.startswith(link.path):
        fix = Fix((Edit(Span.of(link.span.line, link.span.column, len(link.path)), relative),),
                  f"link to '{relative}'", safe=False)
    return Finding(CODE, link.span,
                   f"link target '{link.target}' is absolute: MkDocs leaves it as written, "
                   f"and the built site has no '{link.path}' (its pages end in / or .html); "
                   f"write '{relative}'{unused_note(link)}", fix)


def _left_absolute(site: Site, path: str) -> bool:
    """`/x.md` on an MkDocs site that does not rewrite absolute links (MkDocs 1.6
    only does with `absolute_links: relative_to_docs`): the browser asks the
    server for the Markdown file."""
    project = site.mkdocs
    return (project is not None and project.absolute_links != "relative_to_docs"
            and not links_by_name(site) and path.startswith("/")
            and not path.startswith("//") and is_page(path)
            and not (project.site_path and path.startswith(f"{project.site_path}/")))


def _has_files(site: Site, folder: str) -> bool:
    return bool(folder) and folder != "." and folder in _folders(site.files)


@lru_cache(maxsize=4)
def _folders(files: frozenset[str]) -> frozenset[str]:
    """Every folder that holds a file of the site, at any depth."""
    found: set[str] = set()
    for name in files:
        folder = posixpath.dirname(name)
        while folder and folder not in found:
            found.add(folder)
            folder = posixpath.dirname(folder)
    return frozenset(found)


def _literate_section(site: Site, page: str, path: str) -> bool:
    """In a literate-nav nav file, `folder/` stands for that folder's own nav (or
    its listing): a section, wherever the folder has files."""
    name = site.mkdocs.literate_nav_file if site.mkdocs is not None else ""
    if not name or posixpath.basename(page) != name or not path.endswith("/"):
        return False
    folder = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return folder != ".." and not folder.startswith("../") and _has_files(site, folder)


@dataclass(frozen=True)
class Context:
    site: Site
    summaries: Mapping[str, tuple[LocalLink, ...]]
    lowered: dict[str, str]
    names: _NameIndex


def prepare(site: Site, summaries: Mapping[str, tuple[LocalLink, ...]]) -> Context:
    return Context(site, summaries, lowered_files(site), _NameIndex(site.files))


page_dependencies = no_other_page


def check_page(context: Context, display: str) -> Iterator[Finding]:
    for link, resolution, page in resolutions(context.site, display,
                                              context.summaries[display], context.lowered):
        if resolution.found and not resolution.inherited and \
                _left_absolute(context.site, link.path):
            yield _absolute(link, resolution.found, page)
            continue
        what = "image" if link.kind == "image" else "link target"
        if resolution.found and not resolution.inherited and (
                left_out := excluded_reason(context.site.mkdocs, resolution.found)):
            yield Finding(CODE, link.span, f"{what} '{link.target}' names a file the build "
                          f"leaves out ({left_out}): the link leads nowhere{unused_note(link)}")
            continue
        if resolution.found or resolution.case_match or resolution.outside or \
                _literate_section(context.site, page, link.path):
            continue
        if resolution.leaves_root:
            yield Finding(CODE, link.span, f"{what} '{link.target}' points above "
                          f"{_root_name(context.site)} ('{resolution.tried}')"
                          f"{unused_note(link)}")
            continue
        if generated_reason(context.site.mkdocs, resolution.tried):
            continue  # a file the build may write: LNK007's
        if resolution.meant is not None and link.kind == "html":
            better: str | None = raw_better(context.site, page, resolution.meant)
            message = (f"{what} '{link.target}' leads nowhere: MkDocs leaves links in HTML "
                       f"as written, so the browser resolves it from the page's URL, to "
                       f"'/{resolution.tried}{'/' if link.path.endswith('/') else ''}'"
                       f"{unused_note(link)}")
        elif resolution.meant is not None:
            better = posixpath.relpath(resolution.meant, posixpath.dirname(page) or ".")
            message = (f"{what} '{link.target}' leads nowhere: MkDocs rewrites only links to "
                       f"files, so the browser resolves it from the page's URL, to "
                       f"'/{resolution.tried}{'/' if link.path.endswith('/') else ''}'"
                       f"{unused_note(link)}")
        elif _has_files(context.site, resolution.tried):
            message = (f"{what} '{link.target}' names the folder '{resolution.tried}', which "
                       f"has no index page{unused_note(link)}")
            better = None
        else:
            if resolution.from_url:  # (`../x/` from a page served a level deeper)
                message = (f"{what} '{link.target}' does not exist: the browser resolves it "
                           f"from the page's URL, to "
                           f"'/{resolution.tried}{'/' if link.path.endswith('/') else ''}'"
                           f"{unused_note(link)}")
            elif len(link.target) >= 2 and link.target[0] in "\"'" and \
                    link.target[-1] == link.target[0] and link.kind != "html":
                what_to_do = "write the path without quotes" if len(link.target) > 2 \
                    else "write the path it should lead to"
                message = (f"{what} {link.target} is in quotes: Python-Markdown reads it as "
                           f"the link's title and leaves the link empty (it reloads the page); "
                           f"{what_to_do}{unused_note(link)}")
            else:
                message = (f"{what} '{link.target}' does not exist (looked for "
                           f"'{resolution.tried}'){unused_note(link)}")
            better = _suggestion(context.names, page, link, resolution.tried)
            if better is not None and _translation(context.site, page, better):
                better = None  # links name a page unlocalised; the plugin picks the language
        fix = None
        if better is not None:
            message += f"; did you mean '{better}'?"
            path_end = link.target.find("#")
            length = path_end if path_end >= 0 else len(link.target)
            if link.span.line == link.span.end_line and "%" not in link.target[:length]:
                fix = Fix((Edit(Span.of(link.span.line, link.span.column, length), better),),
                          f"link to '{better}'", safe=False)
        yield Finding(CODE, link.span, message, fix)
