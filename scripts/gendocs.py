"""Rewrite what is generated from the rule modules: the rule manifest
(checks/manifest.py), README's rule table and docs/rules.md. A test fails while
they are out of date.

    python scripts/gendocs.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from curriculint.report.rule_docs import BEGIN, END, render_readme_table, render_rules_md
from curriculint.run.registry import all_rules, render_manifest, scan_rules

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "checks" / "manifest.py"


def main() -> int:
    # The manifest first: the rest reads the rules through it.
    MANIFEST.write_text(render_manifest(scan_rules()), encoding="utf-8")
    all_rules.cache_clear()
    readme_path = ROOT / "README.md"
    readme = readme_path.read_text(encoding="utf-8")
    start, end = readme.index(BEGIN), readme.index(END) + len(END)
    readme_path.write_text(readme[:start] + render_readme_table() + readme[end:],
                           encoding="utf-8")
    (ROOT / "docs" / "rules.md").write_text(render_rules_md(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
