"""Regenerate curriculint/index/unit_table.json: pint's answer for every word the
quantity extractor asks about while linting PATH..., plus the words already in it.

    python scripts/unit_table.py ../shared/corpus/dstudio/docs content
"""

from __future__ import annotations

import sys

from curriculint.config import Config
from curriculint.index.units import (
    TABLE_PATH,
    generate_table,
    recording_lookups,
    render_table,
    table,
)
from curriculint.run.plan import Plan
from curriculint.run.runner import run


def main(paths: list[str]) -> int:
    config = Config(roots=())
    with recording_lookups() as words:
        run(paths, config, Plan.make(config, ["NUM"]), jobs=1)
    words |= set(table())
    TABLE_PATH.write_text(render_table(generate_table(words)), encoding="utf-8")
    print(f"{TABLE_PATH}: {len(words)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
