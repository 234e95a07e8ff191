"""Write the frontmatter models as JSON Schema files beside this module.

    python -m curriculint.schemas.export          # write
    python -m curriculint.schemas.export --check  # exit 1 if a committed file is stale

Editors pick them up through the YAML language server, e.g. in VS Code:
`"yaml.schemas": {"schemas/learning-path.schema.json": "content/**/*.md"}`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from curriculint.schemas.models import BaseFrontmatter, LearningPathFrontmatter

FOLDER = Path(__file__).resolve().parent
FILES = {
    "page.schema.json": BaseFrontmatter,
    "learning-path.schema.json": LearningPathFrontmatter,
}


def rendered() -> dict[str, str]:
    out = {}
    for name, model in FILES.items():
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = name
        out[name] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return out


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
