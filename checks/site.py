"""The site a page belongs to: its docs root, every file in it, MkDocs settings.

Built once per run by the engine (the only file listing), then handed to site
rules, which resolve links against it without touching the disk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from checks.config import Config


class _MkDocsLoader(yaml.SafeLoader):
    """mkdocs.yml uses tags such as !ENV and !!python/name; read them as plain values."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_MkDocsLoader.add_multi_constructor("!", _any_tag)
_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


@dataclass(frozen=True)
class MkDocsProject:
    config_file: Path
    docs_dir: Path
    use_directory_urls: bool
    slug_style: str
    extensions: tuple[str, ...]
    nav: Any


def _slug_style(extensions: list[Any]) -> str:
    for entry in extensions:
        if isinstance(entry, dict) and "toc" in entry and isinstance(entry["toc"], dict):
            slugify = str(entry["toc"].get("slugify", ""))
            if "slugify_unicode" in slugify or "uslugify" in slugify:
                return "toc-unicode"
            if "gfm" in slugify:
                return "github"
    return "toc"


@cache
def read_mkdocs(config_file: Path) -> MkDocsProject | None:
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_MkDocsLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(data, dict):
        return None
    extensions = data.get("markdown_extensions") or []
    if not isinstance(extensions, list):
        extensions = []
    names = tuple(next(iter(entry)) if isinstance(entry, dict) else str(entry)
                  for entry in extensions)
    return MkDocsProject(
        config_file=config_file,
        docs_dir=(config_file.parent / str(data.get("docs_dir") or "docs")).resolve(),
        use_directory_urls=bool(data.get("use_directory_urls", True)),
        slug_style=_slug_style(extensions),
        extensions=names,
        nav=data.get("nav"),
    )


@cache
def _find_mkdocs(folder: Path) -> MkDocsProject | None:
    for candidate_dir in (folder, *folder.parents):
        for name in ("mkdocs.yml", "mkdocs.yaml"):
            candidate = candidate_dir / name
            if candidate.is_file():
                project = read_mkdocs(candidate)
                if project is not None and folder.is_relative_to(project.docs_dir):
                    return project
                if project is not None:
                    return None
    return None


@dataclass
class Site:
    root: Path
    use_directory_urls: bool
    slug_style: str
    mkdocs: MkDocsProject | None
    files: frozenset[str] = frozenset()
    # display path -> path relative to root (posix)
    pages: dict[str, str] = field(default_factory=dict)

    def list_files(self) -> None:
        found: set[str] = set()
        for folder, dirs, names in os.walk(self.root):
            dirs[:] = [name for name in dirs if not name.startswith(".")]
            relative = Path(folder).relative_to(self.root)
            for name in names:
                found.add((relative / name).as_posix())
        self.files = frozenset(found)


def site_root_for(path: Path, config: Config, argument_root: Path) -> tuple[Path, MkDocsProject | None]:
    """The docs root of `path`: MkDocs' docs_dir, a configured root, or the argument."""
    resolved = path.resolve()
    project = _find_mkdocs(resolved.parent)
    if project is not None:
        return project.docs_dir, project
    for root in config.roots:
        root_path = Path(root).resolve()
        if config.docs_dir:
            root_path = root_path / config.docs_dir
        if resolved.is_relative_to(root_path):
            return root_path, None
    return argument_root.resolve(), None
