"""Write the built-in frontmatter models as JSON Schema files beside this module
(`curriculint schema export` writes those of a site's own collections).

    python -m curriculint.schemas.export          # write
    python -m curriculint.schemas.export --check  # exit 1 if a committed file is stale

Editors pick them up through the YAML language server, e.g. in VS Code:
`"yaml.schemas": {"schemas/learning-path.schema.json": "content/**/*.md"}`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from curriculint.schemas.models import BaseFrontmatter, LearningPathFrontmatter, PageFrontmatter

FOLDER = Path(__file__).resolve().parent
FILES: dict[str, type[BaseModel]] = {
    "default.schema.json": PageFrontmatter,
    "page.schema.json": BaseFrontmatter,
    "learning-path.schema.json": LearningPathFrontmatter,
}


def render(schema: dict[str, Any], name: str) -> str:
    """One JSON Schema file's text, as editors' YAML language servers read it."""
    schema = {**schema, "$id": name}
    schema.setdefault("$schema", "https://json-schema.org/draft/2020-12/schema")
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def rendered() -> dict[str, str]:
    return {name: render(model.model_json_schema(mode="validation"), name)
            for name, model in FILES.items()}


def main(argv: list[str] | None = None) -> int:
    check = "--check" in (argv if argv is not None else sys.argv[1:])
    stale = []
    for name, text in rendered().items():
        path = FOLDER / name
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            stale.append(name)
            if not check:
                path.write_text(text, encoding="utf-8")
    if check and stale:
        print(f"stale JSON Schema files: {', '.join(stale)} "
              "(run python -m curriculint.schemas.export)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
