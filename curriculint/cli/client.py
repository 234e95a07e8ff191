"""The `curriculint` entry point: hands the command to a resident server when one
is up (curriculint/server/), else runs it in this process.

This module is what every invocation imports, so it imports only the standard
library's socket layer, and only when a server's socket exists: a run without
a server pays one `os.path.exists`.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys

from curriculint.server.protocol import (
    FINISHED,
    STARTED,
    SUPPORTED,
    private_folder,
    socket_path,
)


def _via_server(argv: list[str]) -> int | None:
    """The exit status of the command run by the server, or None when no server
    took it (none running, a stale one, a refused socket): then run it here."""
    path = socket_path()
    if not os.path.exists(path) or not private_folder(os.path.dirname(path)):
        return None
    import json
    import signal
    import socket

    stdout, stderr = sys.stdout, sys.stderr
    umask = os.umask(0o022)  # reading it means setting it
    os.umask(umask)
    request = json.dumps({
        "op": "run", "argv": argv, "cwd": os.getcwd(), "env": dict(os.environ), "umask": umask,
        "streams": [[stream.encoding, stream.errors] if stream else None
                    for stream in (stdout, stderr)],
    }).encode()
    try:
        for stream in (stdout, stderr):
            if stream is not None:
                stream.flush()
        channel = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        channel.connect(path)
        # The worker writes straight to our stdin, stdout and stderr (a terminal
        # stays a terminal: colours and progress work as they would here).
        socket.send_fds(channel, [len(request).to_bytes(8, "big")], [0, 1, 2])
        channel.sendall(request)
        answers = channel.makefile("rb")
        first = json.loads(answers.readline() or b"{}")
    except (OSError, ValueError):
        return None
    if STARTED not in first:
        return None  # the server is stale or shutting down: it has run nothing
    worker = int(first[STARTED])

    def forward(signum: int, _frame: object) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker, signum)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, forward)
    try:
        last = json.loads(answers.readline() or b"{}")
    except (OSError, ValueError):
        last = {}
    if FINISHED not in last:
        print("curriculint: the server's worker ended without an exit status",
              file=sys.stderr)
        return 2
    return int(last[FINISHED])


def _auto_start() -> None:
    """CURRICULINT_SERVER=auto: start a server in the background for the next
    runs; this run does not wait for it. A server already running or starting
    holds the lock, and this one leaves at once."""
    import subprocess

    subprocess.Popen([sys.executable, "-m", "curriculint.server.daemon"],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)


def main() -> None:
    argv = sys.argv[1:]
    mode = os.environ.get("CURRICULINT_SERVER", "on")
    # Long-lived commands run here: the language server (its stdio is the editor's)
    # and `check --watch`.
    local = argv[:1] in (["server"], ["lsp"]) or (argv[:1] == ["check"] and "--watch" in argv)
    if mode != "off" and SUPPORTED and not local:
        try:
            status = _via_server(argv)
        except KeyboardInterrupt:  # before the worker started: nothing ran
            print("curriculint: interrupted", file=sys.stderr)
            sys.exit(130)
        if status is not None:
            sys.exit(status)
        if mode == "auto" and argv[:1] == ["check"]:
            _auto_start()
    # Importing pydantic, markdown-it and the rules set off some fifty collections
    # that found nothing to free; the imported objects live as long as the process,
    # so they are frozen out of every later collection instead.
    gc.disable()
    from curriculint.cli.main import main as run_here

    gc.freeze()
    gc.enable()

    sys.exit(run_here(argv))
