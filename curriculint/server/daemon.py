"""A resident server: curriculint with every module imported and warmed up,
forking one worker per command.

Start-up, not linting, is most of a pre-commit run on one page: the interpreter,
pydantic, markdown-it, the rule modules and their models take about 0.4 s, the
page a few milliseconds. The server pays that once. Each command is run by a
fork of it: the worker takes the client's stdin, stdout and stderr (passed over
a Unix socket), its working folder and environment, runs `curriculint.cli.main.main`
exactly as the command line would and reports the exit status. A worker shares
nothing with the next one, so a run through the server cannot differ from a run
without it (the same cache, configuration lookup and output).

    curriculint server start [--idle MINUTES]   # once per session, or
    CURRICULINT_SERVER=auto                     # started by the first `check`
    curriculint server status | stop
    CURRICULINT_SERVER=off                      # never use a running server

The server stops after --idle minutes without a command, and when curriculint's
code changes under it (an upgrade, an edit of an editable install): the command
that notices runs without it.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import gc
import io
import json
import logging
import os
import selectors
import signal
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from curriculint.server.protocol import (
    DEFAULT_IDLE_MINUTES,
    FINISHED,
    STARTED,
    private_folder,
    socket_folder,
    socket_path,
)

# A sample page that takes every default rule through its lazy set-up (regexes,
# models, unit tables, the emoji data, attr_list's scanner) before the first
# worker forks.
_SAMPLE = """---
title: Warm-up
description: A page the server lints once at start.
---

# Warm-up

!!! note "Targets"
    Serve 300 requests/second at 99.99% availability (52.6 minutes/year downtime),
    60 fps is 16.7 ms per frame. 🎯 See [the other page](other.md#details) and
    [a site](https://example.org/path).

| step | time |
|---|---|
| parse | 10 ms |

## Details { #details }

```python
print("ok")
```
"""


def _fingerprint() -> str:
    from curriculint.store.results import code_fingerprint

    return code_fingerprint()


def _warm_up() -> None:
    from curriculint.cli.main import main as run_command

    saved = os.environ.get("CURRICULINT_NO_CACHE")
    os.environ["CURRICULINT_NO_CACHE"] = "1"
    try:
        with tempfile.TemporaryDirectory() as folder:
            docs = Path(folder) / "docs"
            docs.mkdir()
            (docs / "index.md").write_text(_SAMPLE, encoding="utf-8")
            (docs / "other.md").write_text(_SAMPLE.replace("Warm-up", "Other"), "utf-8")
            (Path(folder) / "mkdocs.yml").write_text("site_name: warm-up\n", "utf-8")
            with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink), \
                    contextlib.redirect_stderr(sink):
                for output in ("json", "text"):
                    run_command(["check", "-j1", "--exit-zero", "--format", output, folder])
    finally:
        if saved is None:
            os.environ.pop("CURRICULINT_NO_CACHE", None)
        else:
            os.environ["CURRICULINT_NO_CACHE"] = saved
        logging.root.handlers.clear()


def _receive(conn: socket.socket) -> tuple[dict[str, Any], list[int]]:
    head, fds, _flags, _address = socket.recv_fds(conn, 8, 3)
    if len(head) != 8:
        raise ValueError("short request header")
    size = int.from_bytes(head, "big")
    body = bytearray()
    while len(body) < size:
        part = conn.recv(min(65536, size - len(body)))
        if not part:
            raise ValueError("request cut short")
        body += part
    return json.loads(body), fds


def _answer(conn: socket.socket, **fields: object) -> None:
    with contextlib.suppress(OSError):
        conn.sendall(json.dumps(fields).encode() + b"\n")


def _stream(fd: int, spec: list[str] | None, mode: str, line_buffering: bool = False
            ) -> io.TextIOWrapper:
    """A text stream over one of the client's descriptors, with its encoding."""
    encoding, errors = spec if spec else ("utf-8", "strict")
    binary = io.FileIO(fd, mode, closefd=False)
    buffered = io.BufferedWriter(binary) if mode == "w" else io.BufferedReader(binary)
    return io.TextIOWrapper(buffered, encoding=encoding, errors=errors,
                            line_buffering=line_buffering or binary.isatty())


def _work(conn: socket.socket, request: dict[str, Any], fds: list[int]) -> int:
    """In the forked worker: become the client's process, run its command."""
    for target, fd in zip((0, 1, 2), fds, strict=False):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.umask(int(request.get("umask", 0o022)))
    os.environ.clear()
    os.environ.update(request["env"])
    tempfile.tempdir = None  # looked up again from the client's TMPDIR
    streams = request.get("streams") or [None, None]
    sys.stdin = _stream(0, None, "r")
    sys.stdout = _stream(1, streams[0], "w")
    sys.stderr = _stream(2, streams[1], "w", line_buffering=True)  # as Python's own
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    sys.argv = ["curriculint", *request["argv"]]
    from curriculint.server.resident import record_touched

    record_touched()
    _answer(conn, **{STARTED: os.getpid()})
    from curriculint.cli.main import main as run_command

    try:
        status = run_command(request["argv"])
    except SystemExit as leaving:  # argparse's usage errors and --help
        code = leaving.code
        status = code if isinstance(code, int) else (0 if code is None else 2)
    except KeyboardInterrupt:
        status = 130
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    return status


def _peer_is_us(conn: socket.socket) -> bool:
    """The connecting process runs as this user (Linux says so; elsewhere the
    socket's private folder is the guard)."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return True
    creds = conn.getsockopt(socket.SOL_SOCKET, option, 12)
    return int.from_bytes(creds[4:8], sys.byteorder) == os.getuid()


def _reap() -> bool:
    """Collect finished workers; whether any still runs."""
    with contextlib.suppress(ChildProcessError):
        while True:
            pid, _status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                return True
    return False


def serve(idle_minutes: float, ready: int | None = None) -> int:
    """Run the server until it is idle, stopped or stale. `ready`: a pipe to
    write one byte to once the socket accepts commands."""
    folder, path = socket_folder(), socket_path()
    os.makedirs(folder, mode=0o700, exist_ok=True)
    if not private_folder(folder):
        print(f"curriculint: {folder} is not private to this user; not serving", file=sys.stderr)
        return 2
    lock = open(path + ".lock", "w")  # noqa: SIM115 - held for the server's life
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return 0  # another server runs (or is starting) for this installation
    gc.set_threshold(50_000)
    fingerprint = _fingerprint()
    _warm_up()
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    bound = os.stat(path).st_ino  # whose socket file it is, at the end
    listener.listen(64)
    os.chdir("/")  # hold no user folder open
    gc.collect()
    gc.freeze()  # workers then share the warmed-up heap instead of copying it
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if ready is not None:
        os.write(ready, b"1")
        os.close(ready)
    try:
        return _Loop(listener, fingerprint, idle_minutes * 60).run()
    finally:
        with contextlib.suppress(OSError):
            if os.stat(path).st_ino == bound:
                os.unlink(path)
        listener.close()
        lock.close()


class _Loop:
    """Accept commands; after each worker ends, hold the cache entries it used
    in memory (curriculint/server/resident.py), so the next worker starts with them."""

    def __init__(self, listener: socket.socket, fingerprint: str, idle_seconds: float) -> None:
        self.listener = listener
        self.fingerprint = fingerprint
        self.idle_seconds = idle_seconds
        self.selector = selectors.DefaultSelector()
        self.selector.register(listener, selectors.EVENT_READ, None)
        self.reports: dict[int, bytearray] = {}  # worker pipe -> the keys it sent so far
        self.served = 0
        self.last = time.monotonic()  # the last command: status requests do not count

    def run(self) -> int:
        while _reap() or self.reports or time.monotonic() - self.last < self.idle_seconds:
            for key, _events in self.selector.select(timeout=min(60.0, self.idle_seconds)):
                if key.data is None:
                    if self._accept() == "stop":
                        return 0
                else:
                    self._read_report(key.fd)
        return 0

    def _accept(self) -> str | None:
        conn, _ = self.listener.accept()
        with conn:
            conn.settimeout(10)
            if not _peer_is_us(conn):
                return None
            try:
                return self._handle(conn)
            except (OSError, ValueError) as error:
                logging.getLogger("curriculint").debug("bad request: %s", error)
                return None

    def _read_report(self, fd: int) -> None:
        chunk = os.read(fd, 1 << 16)
        if chunk:
            self.reports[fd] += chunk
            return
        self.selector.unregister(fd)
        os.close(fd)
        report = self.reports.pop(fd)
        if report:
            from curriculint.server.resident import hold
            from curriculint.store.results import read_entries

            with contextlib.suppress(ValueError):
                hold(json.loads(report), read_entries)
            gc.freeze()

    def _handle(self, conn: socket.socket) -> str | None:
        """Answer one request; "stop" when the server should end."""
        request, fds = _receive(conn)
        op = request.get("op")
        if op != "run" or _fingerprint() != self.fingerprint:
            for fd in fds:
                os.close(fd)
            if op == "run":  # our code changed: the client runs the command itself
                _answer(conn, stale=True)
                return "stop"
            if op == "stop":
                _answer(conn, stopped=os.getpid())
                return "stop"
            from curriculint.server.resident import held

            _answer(conn, pid=os.getpid(), socket=socket_path(), served=self.served,
                    held=held())
            return None
        report_read, report_write = os.pipe()
        if os.fork():
            os.close(report_write)
            for fd in fds:
                os.close(fd)
            self.reports[report_read] = bytearray()
            self.selector.register(report_read, selectors.EVENT_READ, "worker")
            self.served += 1
            self.last = time.monotonic()
            return None
        status = 2
        try:
            for fd in (report_read, *self.reports):  # other workers' pipes are theirs
                os.close(fd)
            self.selector.close()
            self.listener.close()
            conn.settimeout(None)
            status = _work(conn, request, fds)
            _answer(conn, **{FINISHED: status})
            conn.close()  # the client is done; what follows is for the server
            from curriculint.server.resident import touched

            with open(report_write, "wb") as report:
                report.write(json.dumps(touched()).encode())
        finally:
            os._exit(status)


# -- the `curriculint server` command --------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m curriculint.server.daemon")
    parser.add_argument("--idle", type=float, default=DEFAULT_IDLE_MINUTES)
    parser.add_argument("--ready-fd", type=int)
    args = parser.parse_args(argv)
    if args.ready_fd is not None and os.fork():
        return 0  # `start` waits for this process; the server lives on in the fork
    return serve(args.idle, args.ready_fd)


if __name__ == "__main__":
    sys.exit(main())
