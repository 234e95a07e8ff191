"""The cache folder: created private to the user, and ignored by git."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

# As ruff does: a cache folder inside a repository never shows in `git status`.
GITIGNORE = "# Automatically created by curriculint.\n*\n"


def prepare(folder: Path) -> None:
    """Create `folder` (mode 0700) with a `.gitignore` of `*`, if missing."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        with contextlib.suppress(OSError):  # a read-only folder still caches nothing new
            temporary = folder / f".gitignore.{os.getpid()}"
            temporary.write_text(GITIGNORE, encoding="utf-8")
            os.replace(temporary, ignore)


def private_file(path: Path) -> None:
    """A cache file holds page contents: readable by its owner only. Called
    before SQLite opens it, so a new file is never readable by others, not even
    for a moment (SQLite gives its -wal and -shm files the same mode)."""
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_RDONLY | os.O_CREAT, 0o600))  # never truncates
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
