"""Real headless Chromium for tests: screenshots and console messages.

CI installs Debian's package (`apt-get install -y chromium`); locally a test
without it is skipped, but under CI (CI set) its absence is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")
# Without the background-networking flags Chromium phones home, and this
# machine's closed network refuses it (noisy, slow); --no-sandbox: tests run as root.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
)
_CONSOLE = re.compile(r":CONSOLE(?:\(\d+\))?:?\d*\]\s*(.*)")


def chromium() -> str:
    """The browser's path, or skip (fail under CI) when it is not installed."""
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    message = "chromium is not installed (apt-get install -y chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@dataclass(frozen=True)
class PageRun:
    screenshot: Path
    console: list[str]  # every console message, errors and uncaught exceptions included
    stderr: str


def screenshot(page: Path, out: Path, size: tuple[int, int] = (1280, 2000)) -> PageRun:
    """Load `page` from disk in a fresh profile and take a screenshot."""
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        command = [chromium(), *FLAGS, f"--user-data-dir={profile}",
                   f"--screenshot={out}", f"--window-size={size[0]},{size[1]}",
                   page.resolve().as_uri()]
        done = subprocess.run(command, capture_output=True, text=True, timeout=90,
                              check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert out.exists(), done.stderr[-3000:]
    console = [match.group(1) for match in _CONSOLE.finditer(done.stderr)]
    return PageRun(out, console, done.stderr)


def distinct_colours(png: Path) -> int:
    from PIL import Image

    with Image.open(png) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    return len(colours) if colours is not None else 1 << 20
