"""The site's document types: collections of pages, each with its schema.

A collection (`[tool.curriculint.collections.NAME]`, docs/collections.md) claims
pages by glob and by frontmatter values, and names a schema: a pydantic model
in the user's repository (`schemas/lp.py:LearningPath`, `package.module:Model`),
a JSON Schema file, or a built-in model (`curriculint:learning-path`). Pages no
collection claims are checked against `PageFrontmatter`: nothing required.

Schemas are resolved once per process and kept by their spec, so a worker
process resolves them on first use; everything a Document carries stays
picklable (names and specs, never classes).
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.util
import json
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curriculint.config import CollectionConfig, Config, ConfigError

BUILT_IN_PREFIX = "curriculint:"


@dataclass(frozen=True)
class Collection:
    name: str
    settings: CollectionConfig
    base: str  # the folder of the config file: schema paths are relative to it
    where: str  # the config file, for messages

    @property
    def table(self) -> str:
        return f"[tool.curriculint.collections.{self.name}]"


@dataclass(frozen=True)
class CollectionSet:
    """The configured collections of a run, in the order written."""

    collections: tuple[Collection, ...] = ()

    @classmethod
    def of(cls, config: Config) -> CollectionSet:
        source = config.source or "configuration"
        base = str(Path(source).parent) if config.source else "."
        return cls(tuple(Collection(name, settings, base, source)
                         for name, settings in config.collections.items()))

    def claiming(self, site_path: str, data: Mapping[str, Any] | None) -> Collection | None:
        """The collection a page belongs to: of those that claim it, the one of
        highest priority. Two of equal priority are a configuration error."""
        claims = [collection for collection in self.collections
                  if _claims(collection.settings, site_path, data)]
        if not claims:
            return None
        best = max(collection.settings.priority for collection in claims)
        top = [collection for collection in claims if collection.settings.priority == best]
        if len(top) > 1:
            raise ConfigError(
                f"{top[0].where}: {top[0].table} and {top[1].table} both claim "
                f"{site_path or 'a page'}; give one of them a higher 'priority'")
        return top[0]


def _claims(settings: CollectionConfig, site_path: str, data: Mapping[str, Any] | None) -> bool:
    if settings.pages and not any(_glob(pattern).match(site_path)
                                  for pattern in settings.pages):
        return False
    if settings.where is None:
        return True
    if data is None:
        return False
    options = settings.where if isinstance(settings.where, tuple) else (settings.where,)
    return any(all(_same(data.get(key), value) for key, value in option.items())
               for option in options)


def _same(found: Any, wanted: Any) -> bool:
    if isinstance(wanted, list):  # any of the listed values
        return any(_same(found, item) for item in wanted)
    return found == wanted or (isinstance(found, list) and wanted in found)


@functools.cache
def _glob(pattern: str) -> re.Pattern[str]:
    """A glob over posix paths: `*` and `?` stay within a folder, `**` crosses them."""
    parts = re.split(r"(\*\*/?|\*|\?)", pattern.strip("/"))
    regex = "".join({"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}.get(part)
                    or re.escape(part) for part in parts)
    return re.compile(f"{regex}$")


# -- schemas -------------------------------------------------------------------


@dataclass(frozen=True)
class SchemaError:
    """One validation error, located the way pydantic locates its own."""

    loc: tuple[str | int, ...]
    kind: str  # pydantic's error type, or the JSON Schema keyword that failed
    message: str
    ctx: Mapping[str, Any] | None = None


class Schema:
    """What validating against a schema needs, whatever kind it is."""

    def __init__(self, spec: str, label: str) -> None:
        self.spec = spec
        self.label = label  # "learning-path", "LearningPath", "lp.schema.json"

    def errors(self, data: Mapping[str, Any]) -> list[SchemaError]:
        raise NotImplementedError

    def known_keys(self) -> tuple[str, ...]:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError


class ModelSchema(Schema):
    def __init__(self, spec: str, label: str, model: Any) -> None:
        super().__init__(spec, label)
        self.model = model

    def errors(self, data: Mapping[str, Any]) -> list[SchemaError]:
        from pydantic import ValidationError

        try:
            self.model.model_validate(data)
        except ValidationError as error:
            return [SchemaError(tuple(item["loc"]), item["type"], str(item["msg"]),
                                item.get("ctx")) for item in error.errors()]
        return []

    def known_keys(self) -> tuple[str, ...]:
        keys: list[str] = []
        for name, field in self.model.model_fields.items():
            keys.append(field.alias if isinstance(field.alias, str) else name)
        return tuple(keys)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = self.model.model_json_schema(mode="validation")
        return schema


class JsonSchema(Schema):
    def __init__(self, spec: str, label: str, schema: dict[str, Any]) -> None:
        super().__init__(spec, label)
        self.schema = schema

    @functools.cached_property
    def _validator(self) -> Any:
        import jsonschema

        cls = jsonschema.validators.validator_for(self.schema)
        return cls(self.schema, format_checker=cls.FORMAT_CHECKER)

    def errors(self, data: Mapping[str, Any]) -> list[SchemaError]:
        found = []
        # YAML gives dates as date objects; JSON Schema knows strings.
        plain = json.loads(json.dumps(dict(data), default=str))
        for error in sorted(self._validator.iter_errors(plain), key=lambda e: list(e.path)):
            loc: tuple[str | int, ...] = tuple(error.path)
            kind = str(error.validator)
            if kind == "required" and isinstance(error.instance, dict):
                missing = [key for key in error.validator_value if key not in error.instance]
                loc = (*loc, *missing[:1])
                kind = "missing"
            elif kind == "additionalProperties":
                extra = sorted(set(error.instance) - set(self.schema.get("properties", {})))
                for key in extra:
                    found.append(SchemaError((*loc, key), "extra_forbidden", error.message))
                continue
            found.append(SchemaError(loc, kind, error.message))
        return found

    def known_keys(self) -> tuple[str, ...]:
        return tuple(self.schema.get("properties", {}))

    def json_schema(self) -> dict[str, Any]:
        return self.schema


def schema_for(collection: Collection | None) -> Schema:
    if collection is None:
        return _default_schema()
    return resolve(collection.settings.schema_, collection.base, collection.table,
                   collection.where)


@functools.cache
def _default_schema() -> Schema:
    from curriculint.schemas import PageFrontmatter

    return ModelSchema("curriculint:default", "page", PageFrontmatter)


@functools.cache
def resolve(spec: str, base: str, table: str, where: str) -> Schema:
    """The schema a spec names; a configuration error names the table's key."""
    try:
        return _resolve(spec, Path(base))
    except ConfigError as error:
        raise ConfigError(f"{where}: {table} schema = {spec!r}: {error}") from None


def _resolve(spec: str, base: Path) -> Schema:
    if spec.startswith(BUILT_IN_PREFIX):
        from curriculint.schemas import BUILT_IN

        name = spec[len(BUILT_IN_PREFIX):]
        if name not in BUILT_IN:
            raise ConfigError(f"no built-in schema '{name}' (there are: "
                              f"{', '.join(sorted(BUILT_IN))})")
        return ModelSchema(spec, name, BUILT_IN[name])
    if spec.endswith(".json"):
        return _json_schema(spec, base / spec)
    if ":" not in spec:
        raise ConfigError("expected 'file.py:Model', 'module:Model', a .json file or "
                          "'curriculint:NAME'")
    where, _, attribute = spec.rpartition(":")
    if where.endswith(".py"):
        module = _module_from_file(base / where)
    else:
        module = _module_by_name(where, base)
    model = getattr(module, attribute, None)
    if model is None:
        raise ConfigError(f"{where} defines no '{attribute}'")
    from pydantic import BaseModel

    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise ConfigError(f"'{attribute}' is not a pydantic model")
    return ModelSchema(spec, attribute, model)


def _json_schema(spec: str, path: Path) -> Schema:
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror or error}") from None
    except ValueError as error:
        raise ConfigError(f"{path} is not JSON: {error}") from None
    import jsonschema

    try:
        jsonschema.validators.validator_for(schema).check_schema(schema)
    except jsonschema.SchemaError as error:
        where = "/".join(str(part) for part in error.path) or "top level"
        raise ConfigError(f"{path} is not a valid JSON Schema ({where}: "
                          f"{error.message})") from None
    if not isinstance(schema, dict):
        raise ConfigError(f"{path} is not a JSON Schema object")
    return JsonSchema(spec, path.name, schema)


def _module_from_file(path: Path) -> Any:
    if not path.is_file():
        raise ConfigError(f"no such file: {path}")
    digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:12]
    name = f"curriculint_user_schema_{path.stem}_{digest}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ConfigError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # pydantic resolves the model's annotations through it
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # the user's code: any failure is theirs to see
        del sys.modules[name]
        raise ConfigError(f"importing {path} failed: {type(error).__name__}: {error}") from None
    return module


def _module_by_name(name: str, base: Path) -> Any:
    if name == "curriculint" or name.startswith("curriculint."):
        raise ConfigError("name a module of your repository; curriculint's own models are "
                          "'curriculint:learning-path' and 'curriculint:page'")
    sys.path.insert(0, str(base))  # the user's repository first
    try:
        return importlib.import_module(name)
    except Exception as error:  # the user's code: any failure is theirs to see
        raise ConfigError(f"importing {name} failed: {type(error).__name__}: {error}") from None
    finally:
        sys.path.remove(str(base))


def schema_files(collections: CollectionSet) -> Iterator[Path]:
    """The user's files the schemas come from, for the cache fingerprint."""
    for collection in collections.collections:
        spec = collection.settings.schema_
        if spec.startswith(BUILT_IN_PREFIX):
            continue
        where = spec if spec.endswith(".json") else spec.rpartition(":")[0]
        if where.endswith((".py", ".json")):
            yield Path(collection.base) / where
        else:  # resolved already (check_collections): the module is loaded
            origin = getattr(sys.modules.get(where), "__file__", None)
            if origin:
                yield Path(origin)


def check_collections(config: Config) -> CollectionSet:
    """Every configured schema resolved now, so that a mistake is a usage error
    before any page is read."""
    collections = CollectionSet.of(config)
    for collection in collections.collections:
        schema_for(collection)
    return collections
