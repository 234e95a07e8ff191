"""What the client, the server and its controls share: where the socket is, and
the words of the worker's one-line JSON answers. Standard library only: the
entry point imports this on every run."""

from __future__ import annotations

import hashlib
import os
import sys

# The server forks and passes descriptors over a Unix socket: POSIX only.
SUPPORTED = hasattr(os, "fork") and hasattr(os, "getuid")
# How the server's worker tells its client what happened: one JSON line each.
STARTED = "pid"
FINISHED = "exit"
# A server stops by itself after this long without a command.
DEFAULT_IDLE_MINUTES = 30


def socket_folder() -> str:
    """A folder only this user can enter, for this user's servers."""
    base = os.environ.get("XDG_RUNTIME_DIR") or os.environ.get("TMPDIR") or "/tmp"
    return os.path.join(base, f"curriculint-{os.getuid()}")


def socket_path() -> str:
    """One server per installation: the interpreter and the package folder name
    it, so a pre-commit environment and a project venv never share a server."""
    package = os.path.dirname(os.path.abspath(__file__))
    tag = hashlib.sha256(f"{sys.executable}\0{package}".encode()).hexdigest()[:20]
    return os.path.join(socket_folder(), f"{tag}.sock")


def private_folder(folder: str) -> bool:
    """Ours and closed to others: a socket planted by another user is never used."""
    try:
        info = os.stat(folder)
    except OSError:
        return False
    return info.st_uid == os.getuid() and info.st_mode & 0o077 == 0
