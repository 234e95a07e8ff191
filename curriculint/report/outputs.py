"""What `check` writes: the stdout report, `--output FORMAT=PATH` files, colour."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from curriculint.config import ConfigError
from curriculint.model import Report
from curriculint.report import FORMATS, render


def check_format(name: str) -> str:
    if name not in FORMATS:
        raise ConfigError(f"unknown format '{name}' (choose from {', '.join(FORMATS)})")
    return name


def parse_outputs(values: Sequence[str] | None) -> list[tuple[str, Path]]:
    """`--output sarif=results.sarif` (repeatable) -> [(format, path)]."""
    outputs = []
    for value in values or ():
        name, sep, path = value.partition("=")
        if not sep or not path:
            raise ConfigError(f"--output expects FORMAT=PATH, got '{value}'")
        outputs.append((check_format(name.strip()), Path(path)))
    return outputs


def use_color(choice: str, stream: TextIO) -> bool:
    """`--color auto` colours a terminal unless NO_COLOR is set (https://no-color.org)."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    return stream.isatty() and not os.environ.get("NO_COLOR") and (
        os.environ.get("TERM") != "dumb")


def write_outputs(outputs: Sequence[tuple[str, Path]], reports: Sequence[Report], files: int,
                  paths: Sequence[str]) -> None:
    for name, path in outputs:
        text = render(name, reports, files, paths=paths)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
