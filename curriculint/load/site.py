"""The site a page belongs to: its docs root, every file in it, MkDocs settings.

Built once per run by the runner (the only file listing), then handed to site
rules, which resolve links against it without touching the disk.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curriculint.config import Config
from curriculint.load.build_steps import BuildScript, analyse
from curriculint.load.document import ParseOptions
from curriculint.load.mkdocs_config import settings_of

if TYPE_CHECKING:
    from curriculint.store.results import ResultCache




# A pattern that matches a character or two (`[.:]`, used to split a name) marks
# nothing worth a look.
_TOO_SHORT = re.compile(r"^(?:\[[^\]]*\]|\\?.){1,3}$")
# A repeated group that repeats inside, `(a+)+`: it can take exponential time on
# a page, and the linter runs it over every page the hook could see.
_NESTED_QUANTIFIER = re.compile(r"\([^()]*[+*}][^()]*\)[+*{]")

# Plugins that add Markdown extensions of their own (mkdocs-gallery adds admonition,
# pymdownx.details and more in its on_config): the site's list is not all of them.
EXTENDING_PLUGINS = ("gallery",)
# The extensions that read `:   text` under a term as a definition.
DEFINITION_EXTENSIONS = frozenset({"def_list", "markdown.extensions.def_list", "extra",
                                   "markdown.extensions.extra", "pymdownx.extra"})
# The extensions that read fences off the margin (in list items, admonitions, quotes).
NESTED_FENCE_EXTENSIONS = frozenset({"pymdownx.superfences", "pymdownx.extra"})


@dataclass(frozen=True, slots=True)
class NavEntry:
    """A file path (or URL) in `nav`, where it is written in mkdocs.yml (1-based)."""

    path: str
    line: int
    column: int
    length: int


@dataclass(frozen=True)
class MkDocsProject:
    config_file: Path
    docs_dir: Path
    use_directory_urls: bool
    slug_style: str
    extensions: tuple[str, ...]
    nav: Any
    extensions_known: bool = True  # False: an INHERIT parent could not be read
    emoji_index: str = "material"
    site_path: str = ""  # the folder site_url serves the site under ("/ml"); "" at the root
    versioned: bool = False  # mike deploys it in a folder per version (/latest/, /1.2/)
    # the leaves of `nav` with their mkdocs.yml positions; () without a nav
    nav_entries: tuple[NavEntry, ...] = ()
    # `not_in_nav` patterns: pages meant to be left out of the nav
    not_in_nav: tuple[str, ...] = ()
    # The file the nav (and its entries' positions) comes from: mkdocs.yml itself,
    # or the INHERIT parent that holds it.
    nav_file: Path | None = None
    # INHERIT parents, nearest last, and their docs folders (a translated site
    # that inherits the default language's config falls back to its pages).
    config_files: tuple[Path, ...] = ()
    inherited_docs_dirs: tuple[Path, ...] = ()
    # pymdownx.tabbed: tab ids slugified ("" : `__tabbed_N_M`), after the heading's id
    tab_slug_style: str = ""
    tab_combine_header: bool = False
    tab_separator: str = "-"
    toc_baselevel: int = 1  # toc's `baselevel`: the level `#` renders as
    # enabled plugins by name ("material/" dropped)
    plugins: tuple[str, ...] = ()
    hooks: tuple[str, ...] = ()  # as written, relative to the config's folder
    # (file, event, function): a hook function named otherwise than its event
    hook_functions: tuple[tuple[str, str, str], ...] = ()
    generator_scripts: tuple[str, ...] = ()  # mkdocs-gen-files scripts, as written
    # mkdocs-static-i18n: (docs structure, default locale, locales, fallback to default)
    i18n: tuple[str, str, tuple[str, ...], bool] | None = None
    blog_dirs: tuple[str, ...] = ()  # docs-relative folders of blog posts
    literate_nav_file: str = ""  # the file name literate-nav reads a folder's nav from
    search_splits_zwsp: bool = False  # the search plugin separates words at U+200B
    macros_opt_in: bool = False  # mkdocs-macros renders only pages that ask for it
    # `validation.links.absolute_links`: "relative_to_docs" rewrites `/x.md` links
    absolute_links: str = "info"
    blog_indexes: tuple[str, ...] = ()  # blogs' index pages, written when missing
    # folders a plugin writes pages into at build time (mkdocs-gallery's gallery_dirs),
    # as written, relative to the config's folder
    generated_dirs: tuple[str, ...] = ()
    # pymdownx.snippets' auto_append files, as written (relative to its base_path)
    appended_snippets: tuple[str, ...] = ()
    # The static files of `theme: custom_dir:` (relative to it): MkDocs copies them
    # to the site's root, beside the pages.
    theme_files: frozenset[str] = frozenset()
    # `exclude_docs` patterns (gitignore syntax, docs-relative), after MkDocs' own
    # `.*` and `/templates/`: files that are not part of the built site
    exclude_docs: tuple[str, ...] = ()
    # where mkdocs.yml names each auto_append file: (line, column), its first mention
    appended_snippet_places: tuple[tuple[int, int], ...] = ()
    # its base paths as written (relative to the config's folder), and restrict_base_path
    snippet_bases: tuple[str, ...] = (".",)
    snippet_restrict: bool = True
    snippet_check_paths: bool = False  # a missing snippet stops the build
    # pages mkdocs-redirects turns into redirects (docs-relative, `.md`)
    redirect_sources: tuple[str, ...] = ()
    # hooks and generator scripts read with ast (curriculint.load.build_steps)
    build_scripts: tuple[BuildScript, ...] = ()
    # (folder, lines) of the .gitignore files over the docs: files they keep out
    # of the repository are written by a build step
    gitignores: tuple[tuple[Path, tuple[str, ...]], ...] = ()
    # digest of every file read for these settings but mkdocs.yml: parents, scripts
    fingerprint: str = ""
    # built with Zensical, which reads mkdocs.yml too but links `x` to the page `x.md`
    zensical: bool = False

    @property
    def nav_config(self) -> Path:
        """The file the nav entries' positions refer to."""
        return self.nav_file or self.config_file

    def has_plugin(self, *names: str) -> bool:
        return any(name in self.plugins for name in names)

    @property
    def extensions_settled(self) -> bool:
        """The site's extensions are all in `extensions`: no INHERIT parent went
        unread, and no plugin adds extensions of its own."""
        return self.extensions_known and not self.has_plugin(*EXTENDING_PLUGINS)

    @property
    def reads_definitions(self) -> bool:
        """def_list (or extra) reads `:   text` as a definition; also said where the
        site's extensions are not settled."""
        return not self.extensions_settled or bool(
            DEFINITION_EXTENSIONS.intersection(self.extensions))

    @property
    def fences_at_margin(self) -> bool:
        """Fences are read by fenced_code alone (no pymdownx.superfences), which
        opens one only at the margin: `  ```` is text there."""
        return self.extensions_settled and not NESTED_FENCE_EXTENSIONS.intersection(
            self.extensions)

    @property
    def hook_patterns(self) -> tuple[tuple[str, str, int], ...]:
        """(script, pattern, flags) of every page-rewriting build step, but those
        written to span lines (DOTALL, or a line break in them): they rewrite
        blocks such as code, and only one-line matches are looked at."""
        return tuple((script.path, pattern, flags) for script in self.build_scripts
                     if script.page_events for pattern, flags in script.patterns
                     if not (flags & re.S or "\\n" in pattern or "\n" in pattern
                             or "(?s" in pattern or _TOO_SHORT.match(pattern)
                             or _NESTED_QUANTIFIER.search(pattern)))


# Where read_mkdocs keeps what it parsed, by the file's content hash: set for a
# run by curriculint.run.runner.run (`remembering_projects`), so a warm run neither imports yaml
# nor composes a large mkdocs.yml again (and the server holds it in memory).
_store: ResultCache | None = None


@contextmanager
def remembering_projects(cache: ResultCache | None) -> Iterator[None]:
    global _store
    saved, _store = _store, cache
    try:
        yield
    finally:
        _store = saved


@cache
def read_mkdocs(config_file: Path) -> MkDocsProject | None:
    try:
        raw = config_file.read_bytes()
    except OSError:
        return None
    # Settings that depend on other files (INHERIT) or on the environment (!ENV)
    # are not kept by the file's content hash.
    store = _store if b"INHERIT" not in raw and b"!ENV" not in raw else None
    key = ""
    settings = None
    if store is not None:
        key = store.key(hashlib.sha256(raw).hexdigest(), "mkdocs.yml")
        settings = store.get_many([key], count=False).get(key)
    if not isinstance(settings, dict):
        settings = _mkdocs_settings(raw, config_file)
        if settings is None:
            return None
        if store is not None:
            store.put_many([(key, settings)])
    # A copy: a cache entry held in memory (curriculint/server/resident.py) must stay whole.
    fields = dict(settings)
    here = config_file.parent
    docs_dir = fields.pop("docs_dir")
    nav_file = fields.pop("nav_file", "")
    config_files = tuple((here / name).resolve() for name in fields.pop("config_files", ()))
    inherited = tuple((here / name).resolve() for name in fields.pop("inherited_docs_dirs", ()))
    docs = (here / docs_dir).resolve()
    fields["nav_entries"] = tuple(entry if isinstance(entry, NavEntry) else NavEntry(*entry)
                                  for entry in fields.get("nav_entries", ()))
    fields["hook_functions"] = tuple(tuple(entry) for entry in fields.get("hook_functions", ()))
    scripts, fingerprint = _build_scripts(here, fields.get("hooks", ()),
                                          fields.get("generator_scripts", ()), config_files,
                                          fields["hook_functions"])
    if fields.get("appended_snippets"):
        fields["appended_snippet_places"] = _places(raw, fields["appended_snippets"])
    theme_dir = fields.pop("theme_dir", "")
    fields["theme_files"] = _theme_files(here / theme_dir) if theme_dir else frozenset()
    gitignores = _gitignores(here, docs)
    zensical = _built_with_zensical(here)
    if gitignores or fields["theme_files"] or zensical:  # (the link rules' findings too)
        fingerprint = hashlib.sha256(repr((fingerprint, gitignores, zensical,
                                           sorted(fields["theme_files"]))).encode()).hexdigest()
    return MkDocsProject(config_file=config_file, docs_dir=docs, gitignores=gitignores,
                         zensical=zensical,
                         nav_file=(here / nav_file).resolve() if nav_file else None,
                         config_files=config_files,
                         inherited_docs_dirs=tuple(folder for folder in inherited
                                                   if folder != docs and folder.is_dir()),
                         build_scripts=scripts, fingerprint=fingerprint, **fields)


def _places(raw: bytes, names: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """(line, column) of each name's first mention in the config; (1, 1) if none."""
    lines = raw.decode("utf-8", "replace").splitlines()
    found = []
    for name in names:
        found.append(next(((number, line.find(name) + 1) for number, line
                           in enumerate(lines, start=1) if name in line), (1, 1)))
    return tuple(found)


def _theme_files(folder: Path) -> frozenset[str]:
    """What MkDocs copies from a theme folder: every file but templates, Python
    and hidden files, and the theme's own configuration."""
    if not folder.is_dir():
        return frozenset()
    found = set()
    for path in folder.rglob("*"):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and not any(part.startswith(".") for part in relative.split("/")) \
                and path.suffix not in (".html", ".py", ".pyc") and path.name != "mkdocs_theme.yml":
            found.add(relative)
    return frozenset(found)


_ZENSICAL_DEPENDENCY = re.compile(r"""["']zensical\b""")
_ZENSICAL_COMMAND = re.compile(r"\bzensical\s+(?:build|serve)\b")


def _built_with_zensical(here: Path) -> bool:
    """The project builds its site with Zensical: a `zensical.toml`, Zensical among
    the dependencies of its pyproject.toml, or `zensical build` in its Makefile
    (in the config's folder or its repository's root, four levels up at most)."""
    folder = here.resolve()
    for _ in range(5):
        if (folder / "zensical.toml").is_file():
            return True
        for name, pattern in (("pyproject.toml", _ZENSICAL_DEPENDENCY),
                              ("Makefile", _ZENSICAL_COMMAND), ("justfile", _ZENSICAL_COMMAND)):
            try:
                text = (folder / name).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if pattern.search(text):
                return True
        if (folder / ".git").exists() or folder.parent == folder:
            break
        folder = folder.parent
    return False


def _gitignores(here: Path, docs: Path) -> tuple[tuple[Path, tuple[str, ...]], ...]:
    """The .gitignore files of the docs folder, of the folders between it and the
    config's, and of the config's folder and those above it up to the repository's
    root (the folder with `.git`, at most four levels up; none above without one)."""
    folders: list[Path] = []
    folder = here.resolve()
    for _ in range(5):
        folders.append(folder)
        if (folder / ".git").exists():
            break
        folder = folder.parent
    else:
        folders = folders[:1]  # in no repository found: the config's folder only
    if docs.is_relative_to(here.resolve()):
        step = docs
        while step != here.resolve() and step not in folders:
            folders.append(step)
            step = step.parent
    found = []
    for folder in folders:
        try:
            text = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        lines = tuple(line for line in text.splitlines()
                      if line.strip() and not line.lstrip().startswith("#"))
        if lines:
            found.append((folder, lines))
    return tuple(found)


def _build_scripts(here: Path, hooks: tuple[str, ...], generators: tuple[str, ...],
                   parents: tuple[Path, ...], functions: tuple[tuple[str, str, str], ...] = ()
                   ) -> tuple[tuple[BuildScript, ...], str]:
    """The hooks and generator scripts read with ast, and a digest of them and
    of the INHERIT parents (what the site's findings depend on besides mkdocs.yml)."""
    digest = hashlib.sha256()
    for parent in parents:
        try:
            digest.update(parent.read_bytes())
        except OSError:
            digest.update(b"-")
    found = []
    for written, generator in [*((hook, False) for hook in hooks),
                               *((script, True) for script in generators)]:
        try:
            source = (here / written).read_bytes()
        except OSError:
            digest.update(f"{written}\0missing".encode())
            continue
        digest.update(f"{written}\0".encode() + source)
        handlers = {function: event for file, event, function in functions if file == written}
        script = analyse(source.decode("utf-8", "replace"), written, generator, handlers)
        if script is not None:
            found.append(script)
    return tuple(found), digest.hexdigest() if (parents or hooks or generators) else ""


def _mkdocs_settings(raw: bytes, config_file: Path | None = None) -> dict[str, Any] | None:
    """MkDocsProject's fields, but the file and the resolved paths, from the bytes
    of a mkdocs.yml (curriculint.load.mkdocs_config); None when they are not a YAML
    mapping."""
    return settings_of(raw, config_file)


def forget_projects() -> None:
    """Forget every mkdocs.yml read and every folder's project looked up in this
    process: a long-lived process (the language server), a library caller or a
    test that edits mkdocs.yml between two runs sees the edit, as a new process
    would."""
    read_mkdocs.cache_clear()
    _nearest_project.cache_clear()
    _find_mkdocs.cache_clear()
    _projects_below.cache_clear()


# The names MkDocs looks for when no `-f` names the config.
CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


@cache
def _nearest_project(directory: Path) -> MkDocsProject | None:
    """The first readable mkdocs.yml at or above `directory` (memoised per folder,
    so a site's folders share the walk up)."""
    for name in CONFIG_NAMES:
        candidate = directory / name
        if candidate.is_file():
            project = read_mkdocs(candidate)
            if project is not None:
                return project
    parent = directory.parent
    return None if parent == directory else _nearest_project(parent)


def in_a_project_outside_its_docs(resolved: Path) -> bool:
    """The file lies under a folder holding a mkdocs.yml, but in no docs folder:
    a README or CONTRIBUTING beside the site, which GitHub renders, not MkDocs."""
    return _nearest_project(resolved.parent) is not None


# Plugins that render every page as a Jinja template before Markdown reads it.
JINJA_PLUGINS = ("macros", "markdownextradata", "mkdocs-jinja2")
# Markdown extensions that render `$$ ... $$` blocks as math.
MATH_EXTENSIONS = ("pymdownx.arithmatex", "mdx_math")

_SKIPPED_FOLDERS = frozenset({"node_modules", "site", "venv", "__pycache__"})
# A config `mkdocs build -f` is given for one language or one variant of a site
# (`mkdocs.fa.yml` with `docs_dir: docs/fa`, `mkdocs-en.yml`): only where no
# mkdocs.yml claims the page, and only a file that declares a site.
_VARIANT_CONFIG = re.compile(r"mkdocs[._-][\w.-]+\.ya?ml")
_DECLARES_A_SITE = re.compile(rb"^(?:site_name|INHERIT)\s*:", re.MULTILINE)


def _variant_config(entry: os.DirEntry[str]) -> bool:
    if _VARIANT_CONFIG.fullmatch(entry.name) is None or not entry.is_file():
        return False
    try:
        with open(entry.path, "rb") as handle:
            return _DECLARES_A_SITE.search(handle.read(65536)) is not None
    except OSError:
        return False


@cache
def _projects_below(folder: Path, depth: int = 2) -> tuple[MkDocsProject, ...]:
    """The MkDocs projects whose mkdocs.yml sits in `folder` or up to `depth`
    folders below it (hidden and build folders left out)."""
    found = []
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return ()
    for entry in entries:
        if (entry.name in CONFIG_NAMES and entry.is_file()) or _variant_config(entry):
            project = read_mkdocs(Path(entry.path))
            if project is not None:
                found.append(project)
        elif (depth and entry.is_dir(follow_symlinks=False) and not entry.name.startswith(".")
              and entry.name not in _SKIPPED_FOLDERS):
            found.extend(_projects_below(Path(entry.path), depth - 1))
    return tuple(found)


def _claiming_project(resolved: Path, argument_root: Path) -> MkDocsProject | None:
    """A mkdocs.yml below the folder checked or beside it, or below the working
    folder the run started in, whose docs_dir holds the file, as `mkdocs -f`
    uses them: `docs/_site/mkdocs.yml` with `docs_dir: '../'`;
    `config/de/mkdocs.yml` with `docs_dir: ../../docs/de` for `docs/de` (a
    config folder per language); `mkdocs.fa.yml` with `docs_dir: docs/fa` (a
    config file per language)."""
    start = argument_root if argument_root.is_dir() else argument_root.parent
    start = start.resolve()
    folders = [start, start.parent]
    working = Path.cwd().resolve()
    if start.is_relative_to(working) and working not in folders:
        folders.append(working)
    claims = [project for folder in folders for project in _projects_below(folder)
              if resolved.is_relative_to(project.docs_dir)]
    # The deepest docs folder; for one folder, mkdocs.yml before its variants.
    return max(claims, key=lambda project: (len(project.docs_dir.parts),
                                            project.config_file.name in CONFIG_NAMES),
               default=None)


@cache
def _find_mkdocs(folder: Path) -> MkDocsProject | None:
    """The MkDocs project whose docs_dir holds `folder`, if any."""
    project = _nearest_project(folder)
    return project if project is not None and folder.is_relative_to(project.docs_dir) else None


@dataclass
class Site:
    root: Path
    use_directory_urls: bool
    slug_style: str
    mkdocs: MkDocsProject | None
    files: frozenset[str] = frozenset()
    # display path -> path relative to root (posix)
    pages: dict[str, str] = field(default_factory=dict)
    # What the root is: "docs" (a mkdocs.yml's docs_dir), "configured" (a root
    # from the configuration) or "folder" (the folder named on the command line,
    # for pages outside any docs folder).
    root_kind: str = "folder"
    # Files of the docs folders of INHERIT parents (MkDocsProject.inherited_docs_dirs),
    # relative to each: a translation inheriting the default language's config is
    # completed from them.
    inherited_files: frozenset[str] = frozenset()
    # Pages beside an MkDocs site, in none of its docs folders (README, CHANGELOG)
    beside_site: bool = False

    @property
    def emoji_index(self) -> str:
        return self.mkdocs.emoji_index if self.mkdocs else "material"

    def parse_options(self) -> ParseOptions:
        """How this site's pages are parsed: heading, tab and emoji settings, and
        the patterns of its page-rewriting hooks."""
        project = self.mkdocs
        if project is None:
            return ParseOptions(slug_style=self.slug_style, emoji_index=self.emoji_index,
                                beside_site=self.beside_site)
        return ParseOptions(slug_style=self.slug_style, emoji_index=self.emoji_index,
                            tab_slug_style=project.tab_slug_style,
                            tab_combine_header=project.tab_combine_header,
                            tab_separator=project.tab_separator,
                            hook_patterns=project.hook_patterns,
                            jinja=project.has_plugin(*JINJA_PLUGINS) and not (
                                project.macros_opt_in
                                and not project.has_plugin(*JINJA_PLUGINS[1:])),
                            toc_baselevel=project.toc_baselevel,
                            zero_width_space_separates=project.search_splits_zwsp,
                            math=any(name in MATH_EXTENSIONS for name in project.extensions),
                            escape_all="pymdownx.escapeall" in project.extensions,
                            fences_at_margin=project.fences_at_margin,
                            definitions=project.reads_definitions)

    def list_files(self) -> None:
        self.files = frozenset(_listing(self.root))
        if self.mkdocs is not None and self.mkdocs.inherited_docs_dirs:
            self.inherited_files = frozenset(
                name for folder in self.mkdocs.inherited_docs_dirs for name in _listing(folder))


def _listing(root: Path) -> set[str]:
    found: set[str] = set()
    for folder, dirs, names in os.walk(root):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        relative = Path(folder).relative_to(root)
        for name in names:
            found.add((relative / name).as_posix())
    return found


@cache
def _real_folder(cwd: str, folder: str) -> Path:
    # Keyed by the working directory too: a relative folder means another place
    # after a chdir (library callers and tests do change it).
    return (Path(cwd) / folder).resolve()


def resolve_file(path: Path) -> Path:
    """`path.resolve()` with one realpath per folder instead of one per file (each
    realpath stats every component; a site has thousands of files in few folders)."""
    if path.is_symlink():
        return path.resolve()
    return _real_folder(os.getcwd(), str(path.parent)) / path.name


def site_root_for(resolved: Path, config: Config, argument_root: Path
                  ) -> tuple[Path, MkDocsProject | None, str]:
    """The docs root of the file at `resolved` (a resolved path) and what it is
    (Site.root_kind): MkDocs' docs_dir, a configured root, or the argument."""
    project = _find_mkdocs(resolved.parent) or _claiming_project(resolved, argument_root)
    if project is not None:
        return project.docs_dir, project, "docs"
    cwd = os.getcwd()
    for root in config.roots:
        root_path = _real_folder(cwd, root)
        if config.docs_dir:
            root_path = root_path / config.docs_dir
        if resolved.is_relative_to(root_path):
            return root_path, None, "configured"
    return _real_folder(cwd, str(argument_root)), None, "folder"
