"""Link targets that only the site's build makes, and translated sites' fallbacks.

Not a rule: LNK002, LNK003, LNK005, LNK006 and LNK007 share it. The Markdown does
not show everything a built site holds:

* mkdocstrings renders `::: package.module` blocks with an id for each object
  (`package.module.Class.method`), from the Python code, not the page;
* a templating plugin (macros, include-markdown, markdownextradata) or
  pymdownx.snippets expands `{{ ... }}`, `{% ... %}` and `--8<--` lines into
  content whose headings get ids;
* hooks rewrite pages (`on_page_markdown`...) and may give them ids
  (curriculint.load.build_steps reads them with ast); they and mkdocs-gen-files
  scripts may also write pages into the site at build time.

A fragment that matches no id of its page is then *unverifiable* rather than
broken, but only when the page shows the spot the id may come from: a `:::`
block whose object the fragment names or could name, an expanded line, a hook
rewrite whose text holds the fragment as written, or a hook that names the page. A page a
build step may write is unverifiable only when the step's code names it (or the
folder it is in). Everything else stays broken, hooks or not.

mkdocs-static-i18n: a translated page (`page.fr.md`, or `fr/page.md` with
`docs_structure: folder`) links to pages and images that may exist only in the
default language, which the plugin falls back to.
"""

from __future__ import annotations

import bisect
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curriculint.index.slugs import slugify_toc
from curriculint.load.document import Document, per_document
from curriculint.load.excluded_docs import ignore_spec
from curriculint.load.site import MkDocsProject, Site

# `::: identifier` (mkdocstrings), at the start of a paragraph line
# mkdocstrings' own pattern takes `::: name` and `:::name` alike.
_OBJECT_BLOCK = re.compile(r"^\s*:::\s*([^\s{}:][^\s{}]*)\s*$")
_DOTTED = re.compile(r"^[A-Za-z_]\w*(?:[.:][A-Za-z_]\w*)+$")
# A line that is only a template expression or statement, or a snippet inclusion.
_TEMPLATE_LINE = re.compile(r"^\s*(\{\{.*\}\}|\{%.*%\})\s*$")
_TEMPLATE_PART = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
# A tag opened and not closed on its line: `{%` then `include-markdown "x"`, `%}`.
_TEMPLATE_OPEN = re.compile(r"^\s*(?:\{\{(?!.*\}\})|\{%(?!.*%\})).*$")
_SNIPPET_LINE = re.compile(r"^\s*-+8<-+(?:\s+[\"'].*[\"'])?\s*$")
_TEMPLATING_PLUGINS = ("macros", "include-markdown", "markdownextradata", "mkdocs-jinja2")
_NAV_PLUGINS = ("literate-nav", "awesome-pages", "awesome-nav", "mkdocs-awesome-nav")
_MAX_MARKS = 400
_MIN_MARK = 4


@dataclass(frozen=True, slots=True)
class BuildMarks:
    """The spots of one page that the build expands or rewrites."""

    objects: tuple[tuple[int, str], ...] = ()  # (line, identifier) of `:::` blocks
    expansions: tuple[tuple[int, str], ...] = ()  # (line, text): `{{ }}`, `{% %}`, `--8<--`
    hook_marks: tuple[tuple[str, int, str], ...] = ()  # (hook, line, matched text)

    def __bool__(self) -> bool:
        return bool(self.objects or self.expansions or self.hook_marks)

    def __reduce__(self) -> tuple[type[BuildMarks], tuple[Any, ...]]:
        return BuildMarks, (self.objects, self.expansions, self.hook_marks)


NO_MARKS = BuildMarks()


def _hook_marks(doc: Document) -> tuple[tuple[str, int, str], ...]:
    """Where the site's page hooks' patterns match this page: one-line matches only
    (a pattern spanning lines rewrites code blocks, not ids)."""
    found: dict[tuple[str, str], int] = {}
    text = doc.text
    starts = [0] + [match.end() for match in re.finditer("\n", text)]
    for script, pattern, flags in doc.options.hook_patterns:
        try:
            compiled = re.compile(pattern, flags)
        except (re.error, ValueError, OverflowError):
            continue
        for match in compiled.finditer(text):
            matched = match.group(0)
            if "\n" in matched or len(matched.strip()) < _MIN_MARK:
                continue
            key = (script, matched.strip())
            if key not in found:
                found[key] = bisect.bisect_right(starts, match.start())
            if len(found) >= _MAX_MARKS:
                break
        if len(found) >= _MAX_MARKS:
            break
    return tuple((script, line, matched) for (script, matched), line in found.items())


_EXEC_FENCE = re.compile(r"""\bexec\s*=\s*["']?(?:true|1|yes|on)\b""", re.IGNORECASE)


@per_document
def build_marks(doc: Document) -> BuildMarks:
    objects = []
    expansions = []
    for run in doc.index.text_runs:
        text = run.text
        if ":::" in text:
            match = _OBJECT_BLOCK.match(text)
            if match:
                objects.append((run.line, match.group(1)))
        if "{" in text and (_TEMPLATE_LINE.match(text) or _TEMPLATE_OPEN.match(text) or (
                run.context == "heading" and _TEMPLATE_PART.search(text))):
            # a line the template expands, or a heading whose text (and id) it changes
            expansions.append((run.line, text.strip()))
        elif "8<" in text and _SNIPPET_LINE.match(text):
            expansions.append((run.line, text.strip()))
    if "exec" in doc.text:
        # markdown-exec runs a fence with `exec="true"` and renders what it prints.
        expansions += [(block.start_line, f"```{block.info}") for block in doc.index.blocks
                       if block.kind == "fence" and _EXEC_FENCE.search(block.info)]
    marks = _hook_marks(doc) if doc.options.hook_patterns else ()
    if not (objects or expansions or marks):
        return NO_MARKS
    return BuildMarks(tuple(objects), tuple(expansions), marks)


def rewriting_hook(doc: Document, line: int, column: int) -> str | None:
    """The hook that rewrites the link target starting at `column` (1-based) of
    `line`: one of its patterns matches from the link's opening (`](`, `="`, or
    the whole link from its `[`) into the target, as a hook that turns `](../`
    into a repository URL does."""
    marks = build_marks(doc).hook_marks
    if not marks:
        return None
    text = doc.line_text(line)
    start = column - 1
    for script, mark_line, matched in marks:
        if mark_line > line:
            continue
        # The match takes in the link's opening: a pattern on the target's own
        # words (`"insiders-"` in a shortcode's name) rewrites something else.
        at = text.find(matched)
        while 0 <= at < start:
            if at + len(matched) > start:
                return script
            at = text.find(matched, at + 1)
    return None


# The file an include line names: pymdownx.snippets (a `:section` or `:1:5`
# suffix dropped), markdown-include, include-markdown and Jinja includes.
_INCLUDED = re.compile(r"""-{1,3}8<-{1,3}\s+["']([^"':]+)[^"']*["']"""
                       r"""|\{!\s*([^!\s]+)\s*!\}"""
                       r"""|\{%-?\s*include(?:[-_]markdown)?\s+["']([^"']+)["']""")


@per_document
def included_files(doc: Document) -> tuple[str, ...]:
    """The files the page includes, as written (a `{%` tag may run over lines)."""
    text = doc.text
    if "8<" not in text and "{!" not in text and "{%" not in text:
        return ()
    return tuple(next(name for name in match.groups() if name)
                 for match in _INCLUDED.finditer(text))


@per_document
def include_lines(doc: Document) -> tuple[int, ...]:
    """The lines where the page includes a file (what `included_files` names)."""
    text = doc.text
    if "8<" not in text and "{!" not in text and "{%" not in text:
        return ()
    return tuple(text.count("\n", 0, match.start()) + 1 for match in _INCLUDED.finditer(text))


def _made_from(fragment: str, text: str, literals: str) -> bool:
    """Whether a hook that rewrites `text` may have made the id `fragment` from
    it: the fragment is a piece of the text as written (or of its toc slug: a
    hook may slugify), at least 3 characters long, between a prefix and a suffix
    that the hook's own strings hold (`#opt.` + `colour` from `{ #opt.{name} }`
    and `<!-- option colour -->`). A fragment that spells the text otherwise
    (`a-b` for `a_b`) is not the hook's."""
    for source in dict.fromkeys((text, slugify_toc(text))):
        if not any(fragment[start:start + 3] in source for start in range(len(fragment) - 2)):
            continue
        for start in range(len(fragment) - 2):
            if start and fragment[:start] not in literals:
                break
            for end in range(len(fragment), start + 2, -1):
                if (end == len(fragment) or fragment[end:] in literals) \
                        and fragment[start:end] in source:
                    return True
    return False


def _object_reason(fragment: str, marks: BuildMarks) -> str | None:
    for line, identifier in marks.objects:
        if fragment == identifier or fragment.startswith((f"{identifier}.", f"{identifier}:")):
            return (f"it names an object of the mkdocstrings block '::: {identifier}' "
                    f"(line {line}), whose ids come from the Python code")
    if _DOTTED.match(fragment):
        package = re.split(r"[.:]", fragment, maxsplit=1)[0]
        for line, identifier in marks.objects:
            if re.split(r"[.:]", identifier, maxsplit=1)[0] == package:
                return (f"the page has mkdocstrings blocks ('::: {identifier}', line {line}) "
                        "whose ids come from the Python code, and it may name one of their "
                        "objects")
    return None


def _hooks_by_path(project: MkDocsProject) -> dict[str, Any]:
    return {script.path: script for script in project.build_scripts}


def anchor_reason(project: MkDocsProject | None, page: str, marks: BuildMarks,
                  fragment: str) -> str | None:
    """Why `#fragment`, which matches no id written in page `page` (docs-relative),
    may still be an id of the built page; None when nothing the build does can
    make it."""
    if project is None:
        return None
    if marks.objects and project.has_plugin("mkdocstrings"):
        reason = _object_reason(fragment, marks)
        if reason:
            return reason
    templating = next((name for name in _TEMPLATING_PLUGINS if project.has_plugin(name)), None)
    snippets = "pymdownx.snippets" in project.extensions
    hooks = _hooks_by_path(project)
    hooked = {(line, text) for _script, line, text in marks.hook_marks}
    for line, text in marks.expansions:
        if text.startswith("```"):
            if project.has_plugin("markdown-exec"):
                return (f"markdown-exec runs the code block at line {line} and renders "
                        "what it prints, whose ids this check does not see")
            continue
        if "8<" in text and not text.startswith("{"):
            if snippets:
                return (f"the page includes a snippet ('{text}', line {line}), "
                        "whose ids this check does not see")
        elif templating:
            return (f"the {templating} plugin expands '{text}' (line {line}) into content "
                    "this check does not see")
        elif (line, text) in hooked:
            replacer = next(name for name, mark_line, mark in marks.hook_marks
                            if (mark_line, mark) == (line, text))
            return (f"the hook {replacer} replaces '{text}' (line {line}) with content this "
                    "check does not see")
    # The closest rewrite: the shortest text the fragment may come from.
    for name, line, text in sorted(marks.hook_marks, key=lambda mark: len(mark[2])):
        script = hooks.get(name)
        if script is not None and script.makes_ids \
                and _made_from(fragment, text, "\0".join(script.literals)):
            return (f"the hook {name} rewrites '{text}' (line {line}) and may make "
                    "this id")
    for script in project.build_scripts:
        if script.page_events and script.makes_ids and any(
                name == page or name.endswith(f"/{page}") for name in script.page_names):
            return f"the hook {script.path} rewrites this page and may add ids"
    return None


def hooks_note(project: MkDocsProject | None) -> str:
    """For a broken anchor on a site whose hooks may make ids: which were considered."""
    if project is None:
        return ""
    scripts = [script.path for script in project.build_scripts
               if script.page_events and script.makes_ids]
    if not scripts:
        return ""
    return (f" (the site's hooks {', '.join(scripts)} may add ids, but none of their "
            "rewrites on that page mentions this one)")


# Files plugins write into the built site under their default names.
_PLUGIN_FILES = {
    "rss": ("feed_rss_created.xml", "feed_rss_updated.xml", "feed_json_created.json",
            "feed_json_updated.json"),  # mkdocs-rss-plugin
    "coverage": ("coverage.md",),  # mkdocs-coverage: its report page
    # mkdocs-print-site-plugin: the whole site on one page
    "print-site": ("print_page.md", "print_page.html", "print_page", "print_page/index.md"),
}


# Plugins whose folders are the site's own pages, not written by them.
_KNOWN_PLUGINS = frozenset({"search", "blog", "tags", "offline", "social", "info", "privacy",
                            "projects", "meta", "typeset", "optimize", "group"})


def generated_reason(project: MkDocsProject | None, path: str) -> str | None:
    """Why the missing docs-relative file `path` may be written by a build step."""
    if project is None or not path:
        return None
    for plugin, names in _PLUGIN_FILES.items():
        if path in names and plugin in project.plugins:
            return f"the {plugin} plugin writes '{path}' at build time"
    top = path.split("/", 1)[0]
    for plugin in project.plugins:
        if "/" in path and plugin.rsplit("/", 1)[-1] == top and plugin not in _KNOWN_PLUGINS:
            # A plugin named like the folder (`distilabel/components-gallery` and
            # `components-gallery/`): a site's own plugin writing its pages.
            return f"the {plugin} plugin may write '{top}/' at build time"
    if path in project.blog_indexes:
        return "the blog plugin writes the blog's index page when it is missing"
    for index in project.blog_indexes:
        root = posixpath.dirname(index)
        if root and path.startswith(f"{root}/") and not posixpath.splitext(path)[1]:
            # A URL, not a file: posts (post_url_format), categories, archive pages.
            return f"the blog plugin builds the URLs of posts and listings under '{root}/'"
    if project.generated_dirs:
        target = os.path.normpath(project.docs_dir / path)
        for folder in project.generated_dirs:
            root = os.path.normpath(project.config_file.parent / folder)
            if target == root or target.startswith(root + os.sep):
                return f"mkdocs-gallery writes the pages of '{folder}' at build time"
    base = posixpath.basename(path)
    first = path.split("/", 1)[0]
    for script in project.build_scripts:
        if not script.writes_files:
            continue
        what = ("the gen-files script" if script.path in project.generator_scripts
                else "the hook")
        for name in script.names:
            folder = name.rstrip("/")
            if name in (path, base) or (folder and "." not in posixpath.basename(folder)
                                        and (folder == first
                                             or path.startswith(f"{folder}/"))):
                return f"{what} {script.path} writes files at build time and names '{name}'"
    return _ignored_by_git(project, path)


def _ignored_by_git(project: MkDocsProject, path: str) -> str | None:
    """A .gitignore keeps the file (or its folder) out of the repository: it is
    written before or during the build (`/docs/catalog/`, a generated tags page)."""
    if not project.gitignores:
        return None
    target = Path(os.path.normpath(project.docs_dir / path))
    for folder, lines in project.gitignores:
        if not target.is_relative_to(folder):
            continue
        relative = target.relative_to(folder).as_posix()
        spec = ignore_spec(lines)
        if project.config_file.is_relative_to(folder) and spec.match_file(
                project.config_file.relative_to(folder).as_posix()):
            continue  # it ignores mkdocs.yml too (`*`: a cache folder's): not the site's list
        bare = relative.rstrip("/")
        # (a page's URL, `results/`, is its `results.md` or `results/index.md`)
        pages = (f"{bare}/index.md", f"{bare}.md") if not posixpath.splitext(bare)[1] else ()
        if spec.match_file(relative) or any(spec.match_file(page) for page in pages):
            where = folder / ".gitignore"
            shown = where.relative_to(project.config_file.parent).as_posix() \
                if where.is_relative_to(project.config_file.parent) else str(where)
            return f"{shown} keeps '{path}' out of the repository: a build step writes it"
    return None


def builds_nav(project: MkDocsProject | None) -> bool:
    """A plugin builds (part of) the nav, so the mkdocs.yml nav is not all of it."""
    return project is not None and project.has_plugin(*_NAV_PLUGINS)


def templating_plugin(project: MkDocsProject | None) -> bool:
    return project is not None and project.has_plugin(*_TEMPLATING_PLUGINS)


# -- translations (mkdocs-static-i18n) ----------------------------------------


def _split_locale(relative: str, locales: tuple[str, ...]) -> tuple[str, str | None]:
    """`a/b.fr.md` -> (`a/b.md`, 'fr') for a suffix-structured file."""
    folder, name = posixpath.split(relative)
    stem, extension = posixpath.splitext(name)
    inner_stem, inner = posixpath.splitext(stem)
    if inner and inner[1:] in locales:
        return posixpath.join(folder, inner_stem + extension), inner[1:]
    return relative, None


def page_locale(project: MkDocsProject | None, relative: str) -> str | None:
    if project is None or project.i18n is None:
        return None
    structure, _default, locales, _fallback = project.i18n
    if structure == "folder":
        first = relative.split("/", 1)[0]
        return first if first in locales and "/" in relative else None
    return _split_locale(relative, locales)[1]


def i18n_base(project: MkDocsProject | None, relative: str) -> str:
    """A file's path with its language taken out (`fr/a.md`, `a.fr.md` -> `a.md`)."""
    if project is None or project.i18n is None:
        return relative
    structure, _default, locales, _fallback = project.i18n
    if structure == "folder":
        first, _, rest = relative.partition("/")
        return rest if first in locales and rest else relative
    return _split_locale(relative, locales)[0]


def i18n_alternatives(project: MkDocsProject | None, page: str, target: str) -> list[str]:
    """Files mkdocs-static-i18n may serve for the docs-relative `target` linked
    from `page`: the page language's version (or the language of the URL's
    `/fr/` prefix), the default language's."""
    if project is None or project.i18n is None:
        return []
    structure, default, locales, fallback = project.i18n
    language = page_locale(project, page)
    base = i18n_base(project, target)
    first, _, rest = target.partition("/")
    if structure == "suffix" and first in locales and rest:
        # `/de/page/`: the plugin serves each language under its own prefix
        language, base = first, i18n_base(project, rest)
    wanted = [language] if language else []
    if fallback or not language:
        wanted.append(default)
    found: list[str] = []
    if structure == "folder":
        found += [posixpath.join(locale, base) for locale in wanted]
        found.append(base)  # files outside the language folders are shared
    else:
        stem, extension = posixpath.splitext(base)
        found += [f"{stem}.{locale}{extension}" for locale in wanted]
        found.append(base)
    return [candidate for candidate in dict.fromkeys(found) if candidate != target]


def localized_candidates(project: MkDocsProject | None, page: str,
                         candidates: list[str]) -> list[str]:
    """`x.fr.md` for `x.md` linked from a French page of a suffix-structured
    mkdocs-static-i18n site: the file the plugin serves in that language."""
    if project is None or project.i18n is None or project.i18n[0] != "suffix":
        return []
    language = page_locale(project, page)
    if language is None:
        return []
    found = []
    for candidate in candidates:
        if not candidate:
            continue
        base = i18n_base(project, candidate)
        stem, extension = posixpath.splitext(base)
        found.append(f"{stem}.{language}{extension}")
    return [name for name in found if name not in candidates]


def in_site(site: Site, relative: str) -> bool:
    return relative in site.files or relative in site.inherited_files
