"""`curriculint server start|status|stop`: the commands that talk to the resident
server (curriculint/server/daemon.py) from outside it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from typing import Any

from curriculint.server.protocol import private_folder, socket_path


def _ask(op: str) -> dict[str, Any] | None:
    path = socket_path()
    if not os.path.exists(path) or not private_folder(os.path.dirname(path)):
        return None
    request = json.dumps({"op": op}).encode()
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as channel:
            channel.settimeout(10)
            channel.connect(path)
            socket.send_fds(channel, [len(request).to_bytes(8, "big")], [])
            channel.sendall(request)
            answer: dict[str, Any] = json.loads(channel.makefile("rb").readline() or b"{}")
            return answer
    except (OSError, ValueError):
        return None


def start(idle_minutes: float) -> int:
    running = _ask("status")
    if running and "pid" in running:
        print(f"curriculint: server already running (pid {running['pid']})")
        return 0
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-m", "curriculint.server.daemon", "--idle", str(idle_minutes),
         "--ready-fd", str(write_end)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True, pass_fds=(write_end,))
    os.close(write_end)
    process.wait()  # it forks the server off and leaves at once
    with os.fdopen(read_end, "rb") as ready:
        started = ready.read(1) == b"1"  # EOF: it exited (another server won the race)
    answer = _ask("status")
    if not answer or "pid" not in answer:
        print("curriculint: the server did not start", file=sys.stderr)
        return 2
    state = "started" if started else "already running"
    print(f"curriculint: server {state} (pid {answer['pid']}, idle stop after "
          f"{idle_minutes:g} min, socket {socket_path()})")
    return 0


def status() -> int:
    answer = _ask("status")
    if not answer or "pid" not in answer:
        print("curriculint: no server running")
        return 1
    print(f"curriculint: server running (pid {answer['pid']}, {answer['served']} command(s) "
          f"served, {answer['held']} cache entries held, socket {answer['socket']})")
    return 0


def stop() -> int:
    answer = _ask("stop")
    if not answer or "stopped" not in answer:
        print("curriculint: no server running")
        return 1
    print(f"curriculint: server stopped (pid {answer['stopped']})")
    return 0
