"""`curriculint check --watch`: a report, a new one after each change to a page
or to a page it links to, and Ctrl-C exits 0 without a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from curriculint.cli.watch import change_filter, watched_paths

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


class Output:
    """A process's stream read in a thread, so a test can wait for text in it."""

    def __init__(self, stream: object) -> None:
        self.text = ""
        self.lock = threading.Lock()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: object) -> None:
        for line in iter(stream.readline, ""):  # type: ignore[attr-defined]
            with self.lock:
                self.text += line

    def wait_for(self, needle: str, count: int = 1, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if self.text.count(needle) >= count:
                    return self.text
            time.sleep(0.05)
        raise AssertionError(f"never saw {needle!r} {count} time(s) in:\n{self.text}")


def test_watch_redraws_on_changes_and_stops_cleanly(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", "utf-8")
    (docs / "index.md").write_text("# Home\n\n[guide](guide.md#install)\n", "utf-8")
    (docs / "guide.md").write_text("# Guide\n\n## Install\n", "utf-8")
    env = {**os.environ, "CURRICULINT_SERVER": "off",
           "CURRICULINT_CACHE_DIR": str(tmp_path / ".cache")}
    process = subprocess.Popen(
        [sys.executable, "-m", "curriculint", "check", "--watch", "--no-source", "docs"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = Output(process.stdout), Output(process.stderr)
    try:
        err.wait_for("watching for changes")
        assert "All checks passed" in out.text
        # A renamed heading: the link into it breaks on the other page.
        (docs / "guide.md").write_text("# Guide\n\n## Installing\n", "utf-8")
        err.wait_for("watching for changes", 2)
        out.wait_for("docs/index.md:3:")
        assert "LNK003" in out.text
        # A page deleted: the link into it is broken.
        (docs / "guide.md").unlink()
        err.wait_for("watching for changes", 3)
        out.wait_for("LNK002")
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    err.wait_for("stopped watching")
    assert "Traceback" not in err.text


def test_what_is_watched_and_what_calls_for_a_pass(tmp_path: Path) -> None:
    from watchfiles import Change

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", "utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.curriculint]\n", "utf-8")
    paths = watched_paths(["docs"] if Path.cwd() == tmp_path else [str(tmp_path / "docs")],
                          [tmp_path / "pyproject.toml"])
    assert set(paths) == {(tmp_path / "docs").resolve(), (tmp_path / "mkdocs.yml").resolve(),
                          (tmp_path / "pyproject.toml").resolve()}
    relevant = change_filter(["*.md"])
    assert relevant(Change.modified, "/site/docs/page.md")
    assert relevant(Change.modified, "/site/mkdocs.yml")
    assert relevant(Change.added, "/site/docs/img/new.png")  # the listing changed
    assert not relevant(Change.modified, "/site/docs/img/new.png")
    assert not relevant(Change.modified, "/site/.curriculint_cache/results.sqlite")
    assert not relevant(Change.added, "/site/docs/.page.md.curriculint-x.tmp")


def test_an_edit_made_while_the_first_report_is_drawn_is_seen(tmp_path: Path) -> None:
    """The watcher is registered before the first check runs, so an edit saved
    at once (as an editor or a test does on seeing "watching") is not lost."""
    from curriculint.cli.watch import watch

    page = tmp_path / "page.md"
    page.write_text("# A\n", "utf-8")
    calls: list[int] = []

    def check() -> int:
        calls.append(len(calls))
        if len(calls) == 1:
            page.write_text("# B\n", "utf-8")
            return 0
        raise KeyboardInterrupt  # the second report: the edit was seen; stop

    result: list[int] = []
    thread = threading.Thread(
        target=lambda: result.append(watch([tmp_path], ["*.md"], check, debounce_ms=50)),
        daemon=True)
    thread.start()
    thread.join(30)
    assert not thread.is_alive(), "the edit made during the first report was never seen"
    assert result == [0] and calls == [0, 1]
