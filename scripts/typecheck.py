"""mypy over the whole import root, as one package.

checks/ and schemas/ install as curriculint.checks and curriculint.schemas
(package-dir in pyproject.toml), a mapping mypy cannot follow in a checkout. So
this lays the installed shape out as links in a temporary folder, runs mypy
there with the project's configuration, and reports the checkout's paths.

    python scripts/typecheck.py      # exit status is mypy's
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAPPED = {"checks": ROOT / "checks", "schemas": ROOT / "schemas"}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="curriculint-typecheck-") as folder:
        package = Path(folder) / "curriculint"
        package.mkdir()
        for entry in (ROOT / "curriculint").iterdir():
            if entry.name != "__pycache__":
                (package / entry.name).symlink_to(entry)
        for name, source in MAPPED.items():
            (package / name).symlink_to(source)
        result = subprocess.run(
            [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
             "--cache-dir", str(ROOT / ".mypy_cache"), "-p", "curriculint"],
            cwd=folder, capture_output=True, text=True, check=False)
        prefix = f"curriculint{os.sep}"
        for stream, text in ((sys.stdout, result.stdout), (sys.stderr, result.stderr)):
            for line in text.splitlines(keepends=True):
                if line.startswith(prefix):  # back to where the file is in the checkout
                    rest = line[len(prefix):]
                    top = rest.split(os.sep, 1)[0]
                    line = rest[len(top) + 1:] if top in MAPPED else line
                    line = (f"{top}{os.sep}{line}" if top in MAPPED else line)
                stream.write(line)
        return result.returncode


if __name__ == "__main__":
    sys.exit(main())
