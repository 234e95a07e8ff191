"""`[tool.curriculint]` in pyproject.toml, validated by pydantic.

Keys are kebab-case like ruff's; an unknown key is an error that names it and
suggests the nearest valid one.
"""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from curriculint.model import Severity


class ConfigError(Exception):
    """A configuration problem, reported as a one-line usage error."""


class CollectionConfig(BaseModel):
    """`[tool.curriculint.collections.NAME]`: a set of pages and their schema."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    # Globs relative to the docs folder (`**` crosses folders); none: every page.
    pages: tuple[str, ...] = ()
    # Frontmatter values a page must have, e.g. { type = "learning-path" }; a list
    # of such tables means any of them. With `pages` too, a page must match both.
    where: dict[str, Any] | tuple[dict[str, Any], ...] | None = None
    # A pydantic model, "path/to/file.py:Class" or "module:Class", a JSON Schema
    # file "x.schema.json", or a built-in one, "curriculint:learning-path".
    schema_: str = Field(alias="schema")
    required: bool = False  # a page with no frontmatter is FM005
    # "forbid": every key the schema does not know is FM004; "allow": only keys
    # that look like a misspelling of a known one.
    extra: Literal["allow", "forbid"] = "allow"
    # When two collections claim a page, the higher priority wins.
    priority: int = 0


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    roots: tuple[str, ...] = ("content",)
    include: tuple[str, ...] = ("*.md", "*.markdown")
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = Field(default=(), alias="extend-select")
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = Field(default_factory=dict)
    per_file_ignores: dict[str, tuple[str, ...]] = Field(
        default_factory=dict, alias="per-file-ignores"
    )
    # Defaults for pages outside any MkDocs project (no mkdocs.yml above them).
    docs_dir: str | None = Field(default=None, alias="docs-dir")
    use_directory_urls: bool = Field(default=True, alias="use-directory-urls")
    slugify: str = "toc"
    # The site's document types, by name (docs/collections.md).
    collections: dict[str, CollectionConfig] = Field(default_factory=dict)
    # Per-rule options, keyed by rule code or name.
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    # Rules that reach the network (ONLINE = True) run only when this is on
    # (`--online`), whatever selects them: pre-commit and tests never go online.
    online: bool = False
    jobs: int = 0  # 0: all cores
    cache: bool = True
    cache_dir: str = Field(default=".curriculint_cache", alias="cache-dir")
    # Hostile-input limits (IO001): a file over them is reported, not parsed.
    # The largest real page we know is 114 kB with lines under 2 kB; at these
    # limits every rule finishes within seconds even on adversarial content.
    max_file_bytes: int = Field(default=1_000_000, alias="max-file-bytes", gt=0)
    max_line_bytes: int = Field(default=50_000, alias="max-line-bytes", gt=0)
    # Where the config was read from; not a key users write.
    source: str = Field(default="", exclude=True)


def _kebab_keys() -> list[str]:
    return [field.alias or name for name, field in Config.model_fields.items()
            if name != "source"]


def _readable(error: ValidationError, where: str) -> str:
    first = error.errors()[0]
    loc = first["loc"]
    if loc and loc[0] == "collections" and len(loc) >= 2:
        table = f"[tool.curriculint.collections.{loc[1]}]"
        rest = ".".join(str(part) for part in loc[2:3])
        if first["type"] == "extra_forbidden" and rest:
            keys = [field.alias or name for name, field in CollectionConfig.model_fields.items()]
            close = difflib.get_close_matches(rest, keys, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            return f"{where}: unknown key '{rest}' in {table}{hint}"
        return f"{where}: {table} {rest or 'table'}: {first['msg']}"
    if first["type"] == "extra_forbidden":
        key = str(loc[0])
        close = difflib.get_close_matches(key.replace("_", "-"), _kebab_keys(), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"{where}: unknown key '{key}' in [tool.curriculint]{hint}"
    location = ".".join(str(part) for part in loc)
    return f"{where}: [tool.curriculint] {location}: {first['msg']}"


def config_from_mapping(data: dict[str, Any], where: str = "configuration") -> Config:
    try:
        return Config.model_validate({**data, "source": where})
    except ValidationError as error:
        raise ConfigError(_readable(error, where)) from None


CONFIG_FILES = ("curriculint.toml", ".curriculint.toml", "pyproject.toml")


def has_settings(path: Path) -> bool:
    """A curriculint.toml always counts; a pyproject.toml only with [tool.curriculint]."""
    if path.name != "pyproject.toml":
        return True
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True  # load_config reports what is wrong with it
    return "curriculint" in data.get("tool", {})


def find_config(start: Path) -> Path | None:
    """The configuration nearest above `start` (a resolved folder), as ruff finds
    its own: a curriculint.toml, or a pyproject.toml with [tool.curriculint]."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and has_settings(candidate):
                return candidate
    return None


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    """Read `explicit`, else the configuration nearest above `start` (default:
    the working folder): a curriculint.toml, or [tool.curriculint] of a pyproject.toml."""
    path = explicit or find_config((start or Path.cwd()).resolve())
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    section = data.get("tool", {}).get("curriculint")
    if section is None:
        if path.name != "pyproject.toml":
            section = data  # a dedicated curriculint.toml
        else:
            return Config(source=str(path))
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.curriculint] must be a table")
    config = config_from_mapping(section, str(path))
    # Relative roots are relative to the config file's folder.
    base = path.parent
    roots = tuple(str(base / root) if not Path(root).is_absolute() else root
                  for root in config.roots)
    return config.model_copy(update={"roots": roots})
