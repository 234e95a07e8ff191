"""Baselines: adopt curriculint on a large site and block only new problems.

A finding's fingerprint is (path, rule, hash of its normalised source line and
message, occurrence index among findings with that same key). Line numbers and
digits are left out, so an edit above a finding does not make it new. Paths are
stored relative to the baseline file, so it works from any working directory.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from curriculint.config import ConfigError
from curriculint.model import Report

VERSION = 1
# "line 12", "lines 3-5", "L12", and any other number: positions and counts shift.
_LINE_REF = re.compile(r"\b(?:lines?|L)\s*\d+(?:\s*[-–]\s*\d+)?", re.IGNORECASE)
_NUMBER = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")

Key = tuple[str, str, str]


def _normalise(text: str) -> str:
    text = _LINE_REF.sub("line", text)
    return _SPACE.sub(" ", _NUMBER.sub("0", text)).strip()


def _key(report: Report, folder: Path) -> Key:
    path = Path(os.path.relpath(Path(report.path).resolve(), folder)).as_posix()
    content = f"{_normalise(report.source_line)}\x00{_normalise(report.message)}"
    return path, report.code, hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]


def _counts(reports: Sequence[Report], folder: Path) -> Counter[Key]:
    return Counter(_key(report, folder) for report in reports)


def write_baseline(path: Path, reports: Sequence[Report]) -> int:
    """Record `reports` in `path`; returns how many were recorded."""
    folder = path.resolve().parent
    examples: dict[Key, str] = {}
    for report in reports:
        examples.setdefault(_key(report, folder), report.message)
    entries = [{"path": key[0], "rule": key[1], "fingerprint": key[2], "count": count,
                "message": examples[key]}
               for key, count in sorted(_counts(reports, folder).items())]
    document = {"version": VERSION, "findings": entries}
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return len(reports)


def read_baseline(path: Path) -> Counter[Key]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"baseline {path} not found (create it with --write-baseline)"
                          ) from None
    except (OSError, ValueError) as error:
        raise ConfigError(f"baseline {path} cannot be read: {error}") from None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise ConfigError(f"baseline {path}: not a version {VERSION} curriculint baseline")
    return Counter({(entry["path"], entry["rule"], entry["fingerprint"]): int(entry["count"])
                    for entry in document.get("findings", [])})


def new_findings(reports: Sequence[Report], path: Path) -> list[Report]:
    """The reports not covered by the baseline at `path`: for each key, the
    occurrences past the number the baseline recorded (in file order)."""
    allowed = read_baseline(path)
    folder = path.resolve().parent
    fresh = []
    for report in reports:
        key = _key(report, folder)
        if allowed[key] > 0:
            allowed[key] -= 1
        else:
            fresh.append(report)
    return fresh
