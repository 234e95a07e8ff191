"""A run ended by a signal takes its pool workers with it (issue 24, item 5).

Before, SIGTERM ended the parent only: its workers, reparented to init, sat
blocked on the pool's queue and kept the caller's stdout and stderr open (still
there 200 s later), so `curriculint ... | tool` never saw end of file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="finds the workers through /proc")

PAGE = """# Page {number}

## Latency budget

A p99 of 250 ms at 1,000 req/s; 99.9% availability is 8.76 hours/year of downtime.
See [the other page](page{other}.md#latency-budget) and [setup](#setup).

- one 3 ms hop
    - nested 12 ms
- 60 fps is 16.7 ms frames

| step | time |
|---|---|
| parse | 5 ms |
| render | 7 ms |

## Setup

!!! note "Cache"
    Warm the cache first: 40% of requests hit it.

"""


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = tmp_path_factory.mktemp("signals") / "docs"
    docs.mkdir()
    for number in range(3000):  # about 20 s of work on 2 workers: never done in time
        (docs / f"page{number}.md").write_text(
            PAGE.format(number=number, other=(number + 1) % 3000) * 4, encoding="utf-8")
    return docs


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT", "SIGKILL"])
def test_a_signal_ends_the_workers_and_closes_stdout(large_site: Path, name: str) -> None:
    """SIGTERM: the parent kills its workers, then dies of the signal. SIGINT:
    the workers finish their batch (2 s at most), then the parent exits 130.
    SIGKILL: the kernel kills them (PR_SET_PDEATHSIG)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "curriculint", "check", "--no-cache", "--jobs", "2",
         str(large_site)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "CURRICULINT_SERVER": "off"})
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
            workers = _children(process.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the pool never started"
        time.sleep(0.5)  # the workers are busy linting
        assert process.poll() is None, "the run ended before the signal"
        # The caller's view: end of file on stdout and stderr.
        closed = threading.Event()

        def read_to_end() -> None:
            assert process.stdout is not None and process.stderr is not None
            process.stdout.read()
            process.stderr.read()
            closed.set()

        reader = threading.Thread(target=read_to_end, daemon=True)
        sent = time.monotonic()
        process.send_signal(getattr(signal, name))
        reader.start()
        assert closed.wait(5), "a worker still holds stdout 5 s after the signal"
        waited = time.monotonic() - sent
        process.wait(5)
        survivors = {pid for pid in workers if _alive(pid)}
        while survivors and time.monotonic() < sent + 5:  # a dying one, not yet reaped
            time.sleep(0.05)
            survivors = {pid for pid in survivors if _alive(pid)}
        assert not survivors, f"workers {survivors} outlived the run by 5 s"
        assert waited < 5
        expected = {"SIGTERM": -signal.SIGTERM, "SIGINT": 130, "SIGKILL": -signal.SIGKILL}
        assert process.returncode == expected[name]
    finally:
        if process.poll() is None:
            process.kill()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
