"""A one-line progress bar on stderr, for long runs on a terminal.

Shown only when both stdout and stderr are terminals, so nothing is drawn into
a report being piped or redirected, nor into CI logs.
"""

from __future__ import annotations

import os
from typing import TextIO

# Runs over fewer files finish before a bar is worth drawing.
MIN_FILES = 100
WIDTH = 30


def wanted(stdout: TextIO, stderr: TextIO) -> bool:
    return (stdout.isatty() and stderr.isatty()
            and os.environ.get("TERM") != "dumb" and not os.environ.get("CI"))


class ProgressBar:
    """`progress(done, total)` for `curriculint.run.runner.run`; `close()` erases the line."""

    def __init__(self, stream: TextIO, label: str = "files") -> None:
        self.stream = stream
        self.label = label
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if total < MIN_FILES:
            return
        filled = WIDTH * done // total
        self.stream.write(f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] "
                          f"{done}/{total} {self.label}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.drawn = False
