"""Which fixed files `--fix` may replace, and the finding for those it did not.

A fix is written by replacing the file (a temporary file and a rename,
`apply.write_atomically`), so an interrupted run leaves it original or final.
Three kinds of file are refused rather than replaced, each reported as an
`IO002` finding at 1:1 (exit status 2):

- a symlink (or a page under a symlinked folder) whose target lies outside the
  checked tree: the target is someone else's file, possibly not even a page;
- a read-only file (no write bit: `0444`): the author protected it, and a
  rename would not notice (it needs the folder's permission, not the file's);
- a file with more than one hard link: a rename gives the name a new inode and
  splits it from its other names. ruff writes such a file in place, keeping
  the link but not the atomicity; we keep the atomicity and refuse the file.

A write that fails (a full disk, a folder without write permission) is an
`IO002` finding too; the other files are still written.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from curriculint.model import Report, Severity, Span

CODE = "IO002"
NAME = "fix-not-written"


def checked_tree(arguments: Sequence[str]) -> tuple[Path, ...]:
    """The folders a run checks, resolved: each folder argument, and the folder
    of each file argument (the file itself not resolved: a named symlink to a
    page elsewhere is still outside)."""
    roots = []
    for argument in arguments:
        path = Path(argument)
        roots.append(path.resolve() if path.is_dir() else path.absolute().parent.resolve())
    return tuple(roots)


def refusal(path: Path, roots: Sequence[Path]) -> str:
    """Why `path` must not be replaced by its fixed text; "" when it may be."""
    target = path.resolve()
    if roots and not any(target.is_relative_to(root) for root in roots):
        return f"a symlink to {target}, outside the checked tree"
    try:
        status = target.stat()
    except OSError as error:
        return f"write failed: {error.strerror or error}"
    mode = stat.S_IMODE(status.st_mode)
    # The write bits, not os.access: root may write anything, yet 0444 says "don't".
    if not mode & 0o222 or not os.access(target, os.W_OK):
        return f"read-only (mode {mode:04o})"
    if status.st_nlink > 1:
        return f"{status.st_nlink} hard links (replacing the file would split them)"
    return ""


def not_written(path: str, reason: str, first_line: str) -> Report:
    """The finding for a page whose fixes were not written."""
    return Report(path, CODE, NAME, Severity.ERROR, Span(1, 1, 1, 1),
                  f"fixes not written: {reason}", None, first_line)
