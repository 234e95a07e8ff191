"""The site a page belongs to: its docs root, every file in it, MkDocs settings.

Built once per run by the engine (the only file listing), then handed to site
rules, which resolve links against it without touching the disk.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curriculint.config import Config
from curriculint.index.emoji import index_name
from curriculint.index.slugs import pymdownx_style

if TYPE_CHECKING:
    import yaml

    from curriculint.store.results import ResultCache


# yaml is imported only where a mkdocs.yml is read: a run on pages outside any
# MkDocs project (a one-file pre-commit run, often) never needs it.
@cache
def mkdocs_loader() -> type[yaml.SafeLoader]:
    """A loader for mkdocs.yml, which uses tags such as !ENV and !!python/name:
    they are read as plain values. libyaml's parser when present: a large
    mkdocs.yml takes 0.7 s in pure Python."""
    import yaml

    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader: type[yaml.SafeLoader] = type("MkDocsLoader", (base,), {})
    loader.add_multi_constructor("!", _any_tag)
    loader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)
    return loader


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


def _python_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    import yaml

    # `!!python/name:pkg.func` names the function in the tag, not the value; keep
    # the name (and any `kwds:` of `!!python/object/apply:`) for the slug settings.
    name = suffix.partition(":")[2]
    if isinstance(node, yaml.MappingNode):
        return {"__name__": name, **loader.construct_mapping(node, deep=True)}
    return name


@dataclass(frozen=True, slots=True)
class NavEntry:
    """A file path (or URL) in `nav`, where it is written in mkdocs.yml (1-based)."""

    path: str
    line: int
    column: int
    length: int


def _nav_entries(text: str, root: yaml.Node | None) -> tuple[NavEntry, ...]:
    """Every leaf of the last top-level `nav` of the document `root` composed
    from `text`, with its position, in order."""
    import yaml

    if not isinstance(root, yaml.MappingNode):
        return ()
    navs = [value for key, value in root.value
            if isinstance(key, yaml.ScalarNode) and key.value == "nav"]
    if not navs:
        return ()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found: list[NavEntry] = []

    def leaf(node: yaml.ScalarNode) -> None:
        path = str(node.value).strip()
        if not path:
            return
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if line > len(lines) or column > len(lines[line - 1]) + 1:
            return  # a line break PyYAML counts and Markdown does not
        end = (node.end_mark.column + 1 if node.end_mark.line == node.start_mark.line
               else len(lines[line - 1]) + 1)
        found.append(NavEntry(path, line, column,
                              min(end, len(lines[line - 1]) + 1) - column))

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.ScalarNode):
            leaf(node)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)
        elif isinstance(node, yaml.MappingNode):  # {title: path or section}
            for _title, value in node.value:
                walk(value)

    walk(navs[-1])
    return tuple(found)


@dataclass(frozen=True)
class MkDocsProject:
    config_file: Path
    docs_dir: Path
    use_directory_urls: bool
    slug_style: str
    extensions: tuple[str, ...]
    nav: Any
    emoji_index: str = "material"
    # the leaves of `nav` with their mkdocs.yml positions; () without a nav
    nav_entries: tuple[NavEntry, ...] = ()
    # `not_in_nav` patterns: pages meant to be left out of the nav
    not_in_nav: tuple[str, ...] = ()


def _extension_options(extensions: list[Any], name: str) -> dict[str, Any] | None:
    """The options of extension `name` ({} when listed bare); None when absent."""
    for entry in extensions:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            options = entry[name]
            return options if isinstance(options, dict) else {}
    return None


def _slug_style(extensions: list[Any]) -> str:
    """The `curriculint.index.slugs.slugifier` style named by `toc: slugify:`."""
    slugify = (_extension_options(extensions, "toc") or {}).get("slugify")
    if isinstance(slugify, dict):  # !!python/object/apply:pymdownx.slugs.slugify {kwds: ...}
        keywords = slugify.get("kwds") or {}
        return pymdownx_style(str(keywords.get("case", "none")),
                              str(keywords.get("normalize", "NFC")),
                              bool(keywords.get("percent_encode", False)))
    name = str(slugify or "")
    if name.endswith("slugify_unicode"):
        return "toc-unicode"
    if name.endswith(("uslugify_cased", "uslugify_cased_encoded")):
        return pymdownx_style("none", "NFC", name.endswith("encoded"))
    if name.endswith(("uslugify", "uslugify_encoded")):
        return pymdownx_style("lower", "NFC", name.endswith("encoded"))
    if name.endswith(("gfm", "gfm_encoded")):
        return pymdownx_style("lower-ascii", "NFC", name.endswith("encoded"))
    return "toc"


def _emoji_index(extensions: list[Any]) -> str:
    options = _extension_options(extensions, "pymdownx.emoji")
    if options is None:
        return index_name(None)
    return index_name(str(options.get("emoji_index") or "emojione"))


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
    store, key = _store, ""
    settings = None
    if store is not None:
        key = store.key(hashlib.sha256(raw).hexdigest(), "mkdocs.yml")
        settings = store.get_many([key], count=False).get(key)
    if not isinstance(settings, dict):
        settings = _mkdocs_settings(raw)
        if settings is None:
            return None
        if store is not None:
            store.put_many([(key, settings)])
    # A copy: a cache entry held in memory (curriculint/server/resident.py) must stay whole.
    fields = dict(settings)
    docs_dir = fields.pop("docs_dir")
    return MkDocsProject(config_file=config_file,
                         docs_dir=(config_file.parent / docs_dir).resolve(), **fields)


def _mkdocs_settings(raw: bytes) -> dict[str, Any] | None:
    """MkDocsProject's fields, but the file and the resolved docs_dir, from the
    bytes of a mkdocs.yml; None when they are not a YAML mapping."""
    import yaml

    try:
        # As read_text would: universal newlines.
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        # Composed once: the data, and the node marks that place nav entries.
        loader = mkdocs_loader()(text)
        try:
            root = loader.get_single_node()
            # Before constructing: merge keys (`<<`) are flattened into the nodes.
            nav_entries = _nav_entries(text, root)
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except (UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(data, dict):
        return None
    extensions = data.get("markdown_extensions") or []
    if not isinstance(extensions, list):
        extensions = []
    names = tuple(next(iter(entry)) if isinstance(entry, dict) else str(entry)
                  for entry in extensions)
    return {
        "docs_dir": str(data.get("docs_dir") or "docs"),
        "use_directory_urls": bool(data.get("use_directory_urls", True)),
        "slug_style": _slug_style(extensions),
        "extensions": names,
        "nav": data.get("nav"),
        "emoji_index": _emoji_index(extensions),
        "nav_entries": nav_entries if data.get("nav") is not None else (),
        "not_in_nav": tuple(line.strip() for line in str(data.get("not_in_nav") or "").splitlines()
                            if line.strip() and not line.strip().startswith("#")),
    }


def forget_projects() -> None:
    """Forget every mkdocs.yml read so far: a long-lived process (the language
    server) calls it when one changed."""
    read_mkdocs.cache_clear()
    _nearest_project.cache_clear()
    _find_mkdocs.cache_clear()


@cache
def _nearest_project(directory: Path) -> MkDocsProject | None:
    """The first readable mkdocs.yml at or above `directory` (memoised per folder,
    so a site's folders share the walk up)."""
    for name in ("mkdocs.yml", "mkdocs.yaml"):
        candidate = directory / name
        if candidate.is_file():
            project = read_mkdocs(candidate)
            if project is not None:
                return project
    parent = directory.parent
    return None if parent == directory else _nearest_project(parent)


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

    @property
    def emoji_index(self) -> str:
        return self.mkdocs.emoji_index if self.mkdocs else "material"

    def list_files(self) -> None:
        found: set[str] = set()
        for folder, dirs, names in os.walk(self.root):
            dirs[:] = [name for name in dirs if not name.startswith(".")]
            relative = Path(folder).relative_to(self.root)
            for name in names:
                found.add((relative / name).as_posix())
        self.files = frozenset(found)


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
                  ) -> tuple[Path, MkDocsProject | None]:
    """The docs root of the file at `resolved` (a resolved path): MkDocs' docs_dir,
    a configured root, or the argument."""
    project = _find_mkdocs(resolved.parent)
    if project is not None:
        return project.docs_dir, project
    cwd = os.getcwd()
    for root in config.roots:
        root_path = _real_folder(cwd, root)
        if config.docs_dir:
            root_path = root_path / config.docs_dir
        if resolved.is_relative_to(root_path):
            return root_path, None
    return _real_folder(cwd, str(argument_root)), None
