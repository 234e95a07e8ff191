"""Applying fixes: edits on the text, written back atomically.

Edits are applied to the decoded text with its own line endings, so every byte
outside the edited spans stays as it was: newline style (even mixed), BOM,
final newline. A file is replaced through a temporary file in the same folder
and a rename, keeping its permissions, so an interrupted run leaves it either
untouched or fully fixed. A file that changed on disk since it was linted, or
that is not valid UTF-8 (re-encoding would alter its bad bytes), is left alone.
"""

from __future__ import annotations

import contextlib
import difflib
import glob
import hashlib
import os
import re
import signal
import tempfile
import threading
import time
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from curriculint.load.decode import BOM, decode
from curriculint.model import Edit, Report

_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class FixOutcome:
    path: str
    applied: int
    skipped: int
    new_text: str | None  # None when nothing changed
    old_text: str
    reason: str = ""  # why nothing was written, when fixes were skipped
    fixed: tuple[tuple[str, int], ...] = ()  # findings fixed, per rule code
    # The fixed text could not be written (refused or failed, fix/guard.py): IO002.
    unwritten: bool = False


def _line_starts(text: str) -> list[int]:
    """Offset of each line's first character; lines end as in `split_lines`."""
    return [0, *(match.end() for match in _LINE_END.finditer(text))]


def apply_edits(lines: Sequence[str], edits: Iterable[Edit]) -> tuple[str, int, int]:
    """Apply edits to the lines joined with LF; see `apply_to_text`."""
    return apply_to_text("\n".join(lines), edits)


def apply_to_text(text: str, edits: Iterable[Edit], newline: str = "\n"
                  ) -> tuple[str, int, int]:
    """Apply non-overlapping edits; an edit overlapping an earlier one is skipped
    (the next `--fix` pass picks it up). Newlines in replacements become `newline`."""
    new_text, chosen, skipped = apply_chosen(text, edits, newline)
    return new_text, len(chosen), skipped


Located = tuple[int, int, str]  # start and end offsets in the old text, replacement


def apply_chosen(text: str, edits: Iterable[Edit], newline: str = "\n"
                 ) -> tuple[str, list[Located], int]:
    """`apply_to_text`, with the edits it applied, located in `text`."""
    starts = _line_starts(text)
    located = [_locate(starts, edit, newline) for edit in edits]
    located.sort(key=lambda item: (item[0], item[1]))
    chosen: list[Located] = []
    skipped, last_end = 0, -1
    for start, end, replacement in located:
        if start < last_end or (chosen and start == chosen[-1][0] and start == end):
            skipped += 1
            continue
        chosen.append((start, end, replacement))
        last_end = end
    pieces, position = [], 0
    for start, end, replacement in chosen:
        pieces += [text[position:start], replacement]
        position = end
    pieces.append(text[position:])
    return "".join(pieces), chosen, skipped


def _locate(starts: list[int], edit: Edit, newline: str) -> Located:
    span = edit.span
    start = starts[span.line - 1] + span.column - 1
    end = starts[span.end_line - 1] + span.end_column - 1
    return start, end, edit.text if newline == "\n" else edit.text.replace("\n", newline)


def fixed_by(text: str, reports: Sequence[Report], chosen: list[Located], newline: str = "\n"
             ) -> list[Report]:
    """The reports of `reports` whose edits `apply_chosen` all applied to `text`."""
    starts, applied = _line_starts(text), set(chosen)
    return [report for report in reports if report.fix is not None and report.fix.edits
            and all(_locate(starts, edit, newline) in applied for edit in report.fix.edits)]


class LineMap:
    """Where each line of an edited text comes from in the text before the edits."""

    def __init__(self, old_text: str, chosen: list[Located]) -> None:
        self.old_starts = _line_starts(old_text)
        # Pieces of the new text in order: (start in the new text, length, start
        # in the old text for kept text, or the old lines an edit replaced).
        self.pieces: list[tuple[int, int, int, tuple[int, int]]] = []
        pieces, position, new_position = [], 0, 0
        for start, end, replacement in chosen:
            self.pieces.append((new_position, start - position, position, (0, 0)))
            new_position += start - position
            region = (self._old_line(start), self._old_line(max(start, end - 1)))
            self.pieces.append((new_position, len(replacement), -1, region))
            new_position += len(replacement)
            pieces += [old_text[position:start], replacement]
            position = end
        self.pieces.append((new_position, len(old_text) - position, position, (0, 0)))
        pieces.append(old_text[position:])
        self.new_starts = _line_starts("".join(pieces))
        self.piece_starts = [piece[0] for piece in self.pieces]

    def _old_line(self, offset: int) -> int:
        return bisect_right(self.old_starts, offset)

    def old_lines(self, line: int) -> tuple[int, int]:
        """The old lines new line `line` comes from: one line of kept text, or
        the lines an edit replaced when the line starts inside its replacement."""
        if not 1 <= line <= len(self.new_starts):
            return line, line
        offset = self.new_starts[line - 1]
        # The last piece starting at or before the offset: past the empty
        # pieces (a deletion) that start there too.
        start, _, old_start, region = self.pieces[bisect_right(self.piece_starts, offset) - 1]
        if old_start < 0:
            return region
        old_line = self._old_line(old_start + offset - start)
        return old_line, old_line


def _edits(reports: Sequence[Report], unsafe: bool) -> list[Edit]:
    return [edit for report in reports if report.fix is not None
            and (report.fix.safe or unsafe) for edit in report.fix.edits]


def plan_fixes(path: Path, display: str, reports: Sequence[Report], unsafe: bool
               ) -> tuple[FixOutcome, bytes]:
    raw = path.read_bytes()
    decoded = decode(raw)
    edits = _edits(reports, unsafe)
    if decoded.problems:
        return FixOutcome(display, 0, len(edits), None, decoded.text,
                          "not valid UTF-8; fixes would alter its other bytes"), raw
    new_text, applied, skipped = apply_to_text(decoded.text, edits, decoded.newline)
    changed = new_text if new_text != decoded.text else None
    return FixOutcome(display, applied, skipped, changed, decoded.text), raw


def encode_like(text: str, raw: bytes) -> bytes:
    """`text` (with its own line endings) as bytes, with the BOM of `raw` if it had one."""
    data = text.encode("utf-8")
    return BOM + data if raw.startswith(BOM) else data


# `.page.md.curriculint-XXXXXXXX.tmp`: never matches `*.md`, so never linted.
_TEMP_PREFIX = ".{name}.curriculint-"
# A temporary file this old was left by a killed run (a live one exists for
# milliseconds); it is removed the next time its file is fixed.
STALE_SECONDS = 60.0


def _remove_stale_temporaries(path: Path) -> None:
    now = time.time()
    for leftover in path.parent.glob(f"{glob.escape(_TEMP_PREFIX.format(name=path.name))}*.tmp"):
        with contextlib.suppress(OSError):
            if now - leftover.lstat().st_mtime > STALE_SECONDS and leftover.is_file():
                leftover.unlink()


def write_atomically(path: Path, data: bytes, expected_digest: str) -> bool:
    """Replace `path` with `data` unless its content no longer hashes to `expected_digest`."""
    path = path.resolve()  # through a symlink to its target: keep the link
    current = path.read_bytes()
    if hashlib.sha256(current).hexdigest() != expected_digest:
        return False
    mode = path.stat().st_mode
    _remove_stale_temporaries(path)
    # Ctrl-C or a TERM waits until the file is replaced: an interrupt inside
    # mkstemp, after it created the file, would otherwise leave it behind.
    with _signals_deferred():
        handle, temporary = tempfile.mkstemp(prefix=_TEMP_PREFIX.format(name=path.name),
                                             suffix=".tmp", dir=path.parent)
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


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM (POSIX, main thread) until the block is done."""
    blockable = hasattr(signal, "pthread_sigmask") and (
        threading.current_thread() is threading.main_thread())
    if not blockable:
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def unified_diff(outcome: FixOutcome) -> str:
    """A diff `patch -p1` and `git apply` accept: real line endings, and the
    marker for a last line without one."""
    if outcome.new_text is None:
        return ""
    lines = difflib.unified_diff(_LINE.findall(outcome.old_text),
                                 _LINE.findall(outcome.new_text),
                                 fromfile=f"a/{outcome.path}", tofile=f"b/{outcome.path}")
    return "".join(line if line.endswith(("\n", "\r")) else
                   f"{line}\n\\ No newline at end of file\n" for line in lines)


def fix_files(reports: Sequence[Report], paths: dict[str, Path], digests: dict[str, str],
              unsafe: bool, write: bool) -> list[FixOutcome]:
    by_path: dict[str, list[Report]] = {}
    for report in reports:
        if report.fix is not None and (report.fix.safe or unsafe):
            by_path.setdefault(report.path, []).append(report)
    outcomes = []
    for display, file_reports in sorted(by_path.items()):
        path = paths[display]
        outcome, raw = plan_fixes(path, display, file_reports, unsafe)
        stale = FixOutcome(display, 0, outcome.applied + outcome.skipped, None,
                           outcome.old_text, "changed on disk during the run")
        if hashlib.sha256(raw).hexdigest() != digests.get(display):
            # Changed on disk since it was linted: the spans no longer fit.
            outcomes.append(stale)
            continue
        if outcome.new_text is not None and write and not write_atomically(
                path, encode_like(outcome.new_text, raw), digests[display]):
            outcome = stale
        outcomes.append(outcome)
    return outcomes
