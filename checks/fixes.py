"""Applying fixes: edits on the text, written back atomically.

A file is replaced through a temporary file in the same folder and a rename, so
an interrupted run leaves it either untouched or fully fixed. Newline style,
BOM, final newline and permissions are kept; a file that changed on disk since
it was read is left alone.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from checks.decode import BOM, decode, split_lines
from checks.model import Edit, Report


@dataclass(frozen=True)
class FixOutcome:
    path: str
    applied: int
    skipped: int
    new_text: str | None  # None when nothing changed
    old_text: str


def _offsets(lines: Sequence[str]) -> list[int]:
    starts, total = [], 0
    for line in lines:
        starts.append(total)
        total += len(line) + 1
    return starts


def apply_edits(lines: Sequence[str], edits: Iterable[Edit]) -> tuple[str, int, int]:
    """Apply non-overlapping edits to the joined lines; later overlaps are skipped."""
    starts = _offsets(lines)
    text = "\n".join(lines)
    located = []
    for edit in edits:
        span = edit.span
        start = starts[span.line - 1] + span.column - 1
        end = starts[span.end_line - 1] + span.end_column - 1
        located.append((start, end, edit.text))
    located.sort(key=lambda item: (item[0], item[1]))
    chosen: list[tuple[int, int, str]] = []
    skipped, last_end = 0, -1
    for start, end, replacement in located:
        if start < last_end or (chosen and start == chosen[-1][0] and start == end):
            skipped += 1
            continue
        chosen.append((start, end, replacement))
        last_end = end
    for start, end, replacement in reversed(chosen):
        text = text[:start] + replacement + text[end:]
    return text, len(chosen), skipped


def plan_fixes(path: Path, display: str, reports: Sequence[Report], unsafe: bool
               ) -> tuple[FixOutcome, bytes]:
    raw = path.read_bytes()
    decoded = decode(raw)
    lines = split_lines(decoded.text)
    edits = [edit for report in reports if report.fix is not None
             and (report.fix.safe or unsafe) for edit in report.fix.edits]
    new_text, applied, skipped = apply_edits(lines, edits)
    old_text = "\n".join(lines)
    changed = new_text if new_text != old_text else None
    return FixOutcome(display, applied, skipped, changed, old_text), raw


def encode_like(text: str, raw: bytes) -> bytes:
    decoded = decode(raw)
    if decoded.newline == "\r\n":
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return BOM + data if decoded.had_bom else data


def write_atomically(path: Path, data: bytes, expected_digest: str) -> bool:
    """Replace `path` with `data` unless its content no longer hashes to `expected_digest`."""
    current = path.read_bytes()
    if hashlib.sha256(current).hexdigest() != expected_digest:
        return False
    mode = path.stat().st_mode
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                         dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return True


def unified_diff(outcome: FixOutcome) -> str:
    if outcome.new_text is None:
        return ""
    return "".join(difflib.unified_diff(
        (outcome.old_text + "\n").splitlines(keepends=True),
        (outcome.new_text + "\n").splitlines(keepends=True),
        fromfile=f"a/{outcome.path}", tofile=f"b/{outcome.path}"))


def fix_files(reports: Sequence[Report], paths: dict[str, Path], digests: dict[str, str],
              unsafe: bool, write: bool) -> list[FixOutcome]:
    by_path: dict[str, list[Report]] = {}
    for report in reports:
        if report.fix is not None:
            by_path.setdefault(report.path, []).append(report)
    outcomes = []
    for display, file_reports in sorted(by_path.items()):
        path = paths[display]
        outcome, raw = plan_fixes(path, display, file_reports, unsafe)
        if hashlib.sha256(raw).hexdigest() != digests.get(display):
            # Changed on disk since it was linted: the spans no longer fit.
            outcomes.append(FixOutcome(display, 0, outcome.applied + outcome.skipped, None,
                                       outcome.old_text))
            continue
        if outcome.new_text is not None and write:
            data = encode_like(outcome.new_text, raw)
            if not write_atomically(path, data, digests[display]):
                outcome = FixOutcome(display, 0, outcome.applied + outcome.skipped, None,
                                     outcome.old_text)
        outcomes.append(outcome)
    return outcomes
