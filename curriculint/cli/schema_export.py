"""`curriculint schema export`: one JSON Schema file per configured collection,
and the `yaml.schemas` mapping that points VS Code's YAML language server at
them (docs/collections.md)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from curriculint.config import Config
from curriculint.load.collections import check_collections, schema_for
from curriculint.schemas.export import render


def export_schemas(config: Config, output: Path | None) -> int:
    base = Path(config.source).parent if config.source else Path.cwd()
    folder = output or base / ".curriculint" / "schemas"
    folder.mkdir(parents=True, exist_ok=True)
    collections = check_collections(config)
    docs = [os.path.relpath(root, base) for root in config.roots] or ["."]
    mapping: dict[str, list[str]] = {}
    written = [(f"{collection.name}.schema.json", schema_for(collection),
                collection.settings.pages) for collection in collections.collections]
    written.append(("default.schema.json", schema_for(None), ()))
    for name, schema, pages in written:
        path = folder / name
        path.write_text(render(schema.json_schema(), name), encoding="utf-8")
        # The language server selects by path only: a collection chosen by
        # frontmatter values maps to every page of the docs folders.
        globs = [f"{root}/{page}".removeprefix("./") for root in docs
                 for page in (pages or ("**/*.md",))]
        mapping[os.path.relpath(path, base)] = globs
    print(json.dumps({"yaml.schemas": mapping}, indent=2))
    return 0
