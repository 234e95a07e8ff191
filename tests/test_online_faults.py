"""Online-stage faults and security cases not covered by test_online_stage.py:
DNS failure, TLS failure, hostile URLs and redirect targets, metadata redirects,
the per-run request cap, and the whole run staying inside its time budget.

Only servers started here on 127.0.0.1; DNS is faked, never asked.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from curriculint.online.request import LinkRequest
from curriculint.online.stage import check_urls
from curriculint.online.verdict import Outcome
from tests.hostile import hang_guard
from tests.loopback_server import base_url, serve
from tests.test_online_stage import fast_options


@pytest.fixture
def no_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every name lookup fails, as with no resolver or NXDOMAIN."""
    def fail(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    import anyio

    async def fail_async(*args: object, **kwargs: object) -> object:
        return fail()

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    monkeypatch.setattr(anyio, "getaddrinfo", fail_async)


def test_dns_failure_is_a_dead_link(tmp_path: Path, no_dns: None) -> None:
    url = "http://no-such-host.invalid/page"
    with hang_guard(60):
        result = check_urls([LinkRequest(url)], fast_options(tmp_path, robots=False))
    found = result.verdicts[url]
    assert found.outcome is Outcome.BROKEN and "DNS lookup" in found.detail


@pytest.fixture
def plain_tcp_server() -> Iterator[int]:
    """Answers anything with plain HTTP bytes: a TLS handshake against it fails."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve_forever() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            with connection:
                connection.settimeout(1)
                try:
                    connection.recv(4096)
                    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                except OSError:
                    pass

    thread = threading.Thread(target=serve_forever, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def test_tls_failure_is_a_dead_link(tmp_path: Path, plain_tcp_server: int) -> None:
    url = f"https://127.0.0.1:{plain_tcp_server}/page"
    with hang_guard(60):
        result = check_urls([LinkRequest(url)], fast_options(tmp_path, robots=False))
    found = result.verdicts[url]
    assert found.outcome is Outcome.BROKEN
    assert "TLS" in found.detail or "SSL" in found.detail, found.detail


def test_hostile_redirect_targets(tmp_path: Path) -> None:
    with serve() as (server,):
        url = base_url(server)
        requests = [LinkRequest(f"{url}/to-file"), LinkRequest(f"{url}/to-bad-host"),
                    LinkRequest(f"{url}/to-metadata")]
        with hang_guard(60):
            result = check_urls(requests, fast_options(tmp_path, robots=False))
    to_file = result.verdicts[f"{url}/to-file"]
    assert to_file.outcome is Outcome.BROKEN and "non-http(s)" in to_file.detail
    assert result.verdicts[f"{url}/to-bad-host"].outcome is Outcome.BROKEN
    metadata = result.verdicts[f"{url}/to-metadata"]
    assert metadata.outcome is Outcome.NOT_CHECKED and "metadata" in metadata.detail


def test_hostile_urls_are_classified_not_crashed_on(tmp_path: Path) -> None:
    with serve() as (server,):
        port = server.server_address[1]
        urls = [f"http://127.0.0.1:{port}/a b", "http://127.0.0.1:99999/",
                f"http://user:pass@127.0.0.1:{port}/ok", f"http://127.0.0.1:{port}/%zz",
                "http://[::ffff:127.0.0.1]:1/", "http://0x7f.0.0.1/",
                f"http://127.0.0.1:{port}/" + "x" * 10000]
        with hang_guard(60):
            result = check_urls([LinkRequest(url) for url in urls],
                                fast_options(tmp_path, robots=False, allow_hosts=()))
    assert set(result.verdicts) == set(urls)
    # None of them reached the (not allowed) loopback server.
    assert sum(server.hits.values()) == 0


def test_per_run_request_cap(tmp_path: Path) -> None:
    with serve() as (server,):
        url = base_url(server)
        requests = [LinkRequest(f"{url}/p/{number}") for number in range(6)]
        result = check_urls(requests, fast_options(tmp_path, robots=False, max_requests=2))
    outcomes = sorted(found.outcome.value for found in result.verdicts.values())
    assert outcomes == ["not-checked"] * 4 + ["ok"] * 2
    assert sum(server.hits.values()) == 2


def test_slow_servers_cannot_hold_the_run_past_its_budget(tmp_path: Path) -> None:
    with serve() as (server,):
        url = base_url(server)
        requests = [LinkRequest(f"{url}/drip", frozenset({"x"})),
                    LinkRequest(f"{url}/very-slow")] + [
            LinkRequest(f"{url}/very-slow?{number}") for number in range(6)]
        started = time.monotonic()
        with hang_guard(60):
            result = check_urls(requests, fast_options(
                tmp_path, robots=False, run_budget=1.5, url_budget=10, read_timeout=10))
        elapsed = time.monotonic() - started
    # Generous bound: the budget is 1.5 s; fail only when the stage clearly ignored it.
    assert elapsed < 20
    assert all(found.outcome in (Outcome.NOT_CHECKED, Outcome.BROKEN)
               for found in result.verdicts.values())
