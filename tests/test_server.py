"""The resident server (curriculint/server/): a command run through it prints, writes
and exits exactly as it does without it, and the server steps aside when it
could be wrong (its code changed, its folder is not private)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED, needs_shared

CURRICULINT = str(Path(sys.executable).parent / "curriculint")
CLEAN = "---\ntitle: Page\ndescription: A page with nothing to report.\n---\n\n# Page\n"


def _run(args: list[str], env: dict[str, str], cwd: Path | None = None,
         server: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CURRICULINT, *args], capture_output=True, text=True, cwd=cwd,
                          env={**env, "CURRICULINT_SERVER": "on" if server else "off"},
                          timeout=120, check=False)


def _served(env: dict[str, str]) -> int:
    status = _run(["server", "status"], env, server=False)
    assert status.returncode == 0, status.stdout + status.stderr
    return int(status.stdout.split(", ")[1].split()[0])


@pytest.fixture
def env() -> Iterator[dict[str, str]]:
    # A short private runtime folder: a Unix socket path must fit in 108 bytes.
    runtime = tempfile.mkdtemp(prefix="cl-", dir="/tmp")
    environment = {**os.environ, "XDG_RUNTIME_DIR": runtime, "CURRICULINT_NO_CACHE": "1"}
    try:
        yield environment
    finally:
        subprocess.run([CURRICULINT, "server", "stop"], env=environment, capture_output=True,
                       check=False, timeout=30)
        shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture
def server(env: dict[str, str]) -> dict[str, str]:
    started = _run(["server", "start", "--idle", "5"], env, server=False)
    assert started.returncode == 0, started.stderr
    assert "server started" in started.stdout
    return env


def _same_as_without(args: list[str], env: dict[str, str], cwd: Path | None = None) -> None:
    before = _served(env)
    through = _run(args, env, cwd)
    assert _served(env) == before + 1  # it did go through the server
    here = _run(args, env, cwd, server=False)
    assert (through.returncode, through.stdout, through.stderr) == (
        here.returncode, here.stdout, here.stderr)


@needs_shared
def test_a_check_through_the_server_is_the_check_without_it(server: dict[str, str]) -> None:
    seed = SHARED / "seed" / "real-time-systems.md"
    _same_as_without(["check", str(seed)], server)
    _same_as_without(["check", "--format", "json", "--select", "LNK,NUM", str(seed)], server)
    # Colours follow the client's environment and streams, not the server's.
    _same_as_without(["check", "--color", "always", str(seed)], {**server, "NO_COLOR": "1"})


def test_working_folder_usage_errors_and_exit_status(server: dict[str, str],
                                                     tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text("# Page\n\n# Page\n\n[x](missing.md)\n", "utf-8")
    _same_as_without(["check", "page.md"], server, cwd=tmp_path)  # relative to the client
    _same_as_without(["check", "--exit-zero", "page.md"], server, cwd=tmp_path)
    _same_as_without(["check", "--no-such-option"], server)  # argparse exits 2
    broken = _run(["check", "page.md"], server, cwd=tmp_path)
    assert broken.returncode == 1 and "page.md:5:5: LNK002" in broken.stdout


def test_a_fix_through_the_server_writes_what_a_fix_here_writes(server: dict[str, str],
                                                                tmp_path: Path) -> None:
    text = "---\ntitle: T\n---\n\n# T\n\nSee <http:/example.com/> and ðŸŽ¯ here.\n"
    for name in ("through", "here"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "page.md").write_text(text, "utf-8")
    through = _run(["check", "--fix", "page.md"], server, cwd=tmp_path / "through")
    here = _run(["check", "--fix", "page.md"], server, cwd=tmp_path / "here", server=False)
    assert through.returncode == here.returncode
    fixed = (tmp_path / "through" / "page.md").read_text("utf-8")
    assert fixed == (tmp_path / "here" / "page.md").read_text("utf-8") != text


def test_status_and_stop(server: dict[str, str]) -> None:
    assert "server running" in _run(["server", "status"], server, server=False).stdout
    assert "already running" in _run(["server", "start"], server, server=False).stdout
    assert "server stopped" in _run(["server", "stop"], server, server=False).stdout
    status = _run(["server", "status"], server, server=False)
    assert status.returncode == 1 and "no server running" in status.stdout
    folder = Path(server["XDG_RUNTIME_DIR"]) / f"curriculint-{os.getuid()}"
    assert not list(folder.glob("*.sock"))  # it removed its socket


def test_a_server_folder_open_to_others_is_not_used(server: dict[str, str],
                                                    tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text(CLEAN, "utf-8")
    folder = Path(server["XDG_RUNTIME_DIR"]) / f"curriculint-{os.getuid()}"
    folder.chmod(0o777)
    try:
        ran = _run(["check", "page.md"], server, cwd=tmp_path)
        assert ran.returncode == 0
        assert "no server running" in _run(["server", "status"], server, server=False).stdout
    finally:
        folder.chmod(0o700)
    assert _served(server) == 0  # the check ran in the client's own process


_STALE_SERVER = """
import sys
from pathlib import Path
import curriculint.server.daemon as server
mark = Path(sys.argv[1])
server._fingerprint = lambda: mark.read_text()
sys.exit(server.serve(5))
"""


def test_a_server_whose_code_changed_steps_aside(env: dict[str, str], tmp_path: Path) -> None:
    mark = tmp_path / "code-version"
    mark.write_text("1")
    process = subprocess.Popen([sys.executable, "-c", _STALE_SERVER, str(mark)], env=env,
                               cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while _run(["server", "status"], env, server=False).returncode != 0:
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.1)
        (tmp_path / "page.md").write_text(CLEAN, "utf-8")
        mark.write_text("2")  # as if curriculint were upgraded under the server
        ran = _run(["check", "page.md"], env, cwd=tmp_path)
        assert ran.returncode == 0 and "All checks passed" in ran.stdout
        assert process.wait(timeout=30) == 0  # and it stopped
    finally:
        if process.poll() is None:
            process.kill()


def test_idle_server_stops(env: dict[str, str]) -> None:
    started = _run(["server", "start", "--idle", "0.02"], env, server=False)
    assert "server started" in started.stdout
    pid = int(started.stdout.split("pid ")[1].split(",")[0])
    deadline = time.monotonic() + 30
    while _run(["server", "status"], env, server=False).returncode == 0:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    with pytest.raises(ProcessLookupError):
        for _ in range(50):  # it may still be closing its socket
            os.kill(pid, 0)
            time.sleep(0.1)


@needs_shared
def test_interrupting_the_client_interrupts_its_worker(server: dict[str, str]) -> None:
    corpus = SHARED / "corpus" / "dstudio" / "docs"
    client = subprocess.Popen([CURRICULINT, "check", "-j1", "--format", "json", str(corpus)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**server, "CURRICULINT_SERVER": "on"})
    time.sleep(2)
    client.send_signal(signal.SIGINT)
    out, err = client.communicate(timeout=60)
    assert client.returncode == 130 and "interrupted" in err
    assert out == ""


def test_auto_starts_a_server_for_the_next_run(env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text(CLEAN, "utf-8")
    auto = {**env, "CURRICULINT_SERVER": "auto"}
    first = subprocess.run([CURRICULINT, "check", "page.md"], env=auto, cwd=tmp_path,
                           capture_output=True, text=True, timeout=60, check=False)
    assert first.returncode == 0
    deadline = time.monotonic() + 60
    while _run(["server", "status"], env, server=False).returncode != 0:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    second = subprocess.run([CURRICULINT, "check", "page.md"], env=auto, cwd=tmp_path,
                            capture_output=True, text=True, timeout=60, check=False)
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)
    assert _served(env) == 1


def test_the_entry_point_imports_no_linting_code() -> None:
    probe = ("import sys; import curriculint.cli.client; "
             "print(sorted(m for m in sys.modules if m.startswith(('curriculint', 'pydantic', "
             "'markdown_it', 'yaml'))))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True).stdout
    assert json.loads(loaded.replace("'", '"')) == [
        "curriculint", "curriculint.cli", "curriculint.cli.client", "curriculint.server",
        "curriculint.server.protocol"]


def _held(env: dict[str, str]) -> int:
    status = _run(["server", "status"], env, server=False).stdout
    return int(status.split(" cache entries held")[0].rsplit(", ", 1)[1])


@needs_shared
def test_warm_runs_through_the_server_match_uncached_runs(server: dict[str, str],
                                                          tmp_path: Path) -> None:
    """The server holds the cache entries of the last command in memory: across
    edits that change links, anchors and the file listing, what it reports stays
    what an uncached run reports."""
    site = tmp_path / "site"
    shutil.copytree(SHARED / "devbench" / "site", site)
    cached = {key: value for key, value in server.items() if key != "CURRICULINT_NO_CACHE"}
    cached["CURRICULINT_CACHE_DIR"] = str(tmp_path / "cache")
    pages = sorted((site / "docs").rglob("*.md"))
    target, linker = pages[3], pages[7]
    relative = os.path.relpath(target, linker.parent)
    edits = [
        lambda: None,
        lambda: None,  # the second run is served from entries the server holds
        lambda: linker.write_text(linker.read_text("utf-8")
                                  + f"\n[new]({relative}#added-later)\n", "utf-8"),
        lambda: target.write_text(target.read_text("utf-8") + "\n## Added later\n", "utf-8"),
        lambda: target.rename(target.with_suffix(".moved")),
        lambda: target.with_suffix(".moved").rename(target),
    ]
    command = ["check", "--format", "json", "--exit-zero", str(site)]
    for step, edit in enumerate(edits):
        edit()
        through = _run(command, cached)
        fresh = _run(command, server, server=False)  # no cache, no server
        assert through.stdout == fresh.stdout, f"step {step}"
        assert through.returncode == fresh.returncode == 0
        if step == 1:
            assert _held(server) > len(pages)  # results, site findings, dependencies
