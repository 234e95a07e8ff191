"""Compression bombs against the online stage (issue 24, item 8): the body is cut
at `max-body-bytes` of *decoded* bytes, counted while it is inflated, so memory
stays near concurrency x max-body-bytes however far the body would inflate.

Only servers started here on 127.0.0.1 (tests/loopback_server.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from curriculint.online import httpx_client
from curriculint.online.request import LinkRequest
from curriculint.online.stage import check_urls
from curriculint.online.verdict import Outcome
from tests.hostile import hang_guard
from tests.loopback_server import BOMBS, base_url, compression_bomb, serve
from tests.test_online_stage import fast_options


@pytest.fixture(scope="module")
def bomb_server() -> Iterator[str]:
    for kind in BOMBS.values():
        compression_bomb(kind)  # built before any timing starts
    with serve() as (server,):
        yield base_url(server)


@pytest.fixture
def bodies(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of every body the client hands to the id search."""
    seen: list[int] = []
    search = httpx_client.html_ids

    def spy(body: bytes, charset: str | None = None) -> set[str]:
        seen.append(len(body))
        return search(body, charset)

    monkeypatch.setattr(httpx_client, "html_ids", spy)
    return seen


@pytest.mark.parametrize("route", sorted(BOMBS))
def test_a_compression_bomb_is_cut_at_max_body_bytes(
        tmp_path: Path, bomb_server: str, bodies: list[int], route: str) -> None:
    url = bomb_server + route
    with hang_guard(60):
        result = check_urls([LinkRequest(url, frozenset({"x"}))],
                            fast_options(tmp_path, robots=False, max_body_bytes=100_000))
    found = result.verdicts[url]
    assert found.outcome is Outcome.OK, found.detail
    assert found.anchors_missing == {"x"}  # searched, within the first 100 kB
    assert bodies == [100_000]


@pytest.mark.parametrize("route", ["/gzip-page", "/deflate-page", "/raw-deflate-page"])
def test_compressed_pages_are_still_searched_for_ids(
        tmp_path: Path, bomb_server: str, route: str) -> None:
    url = bomb_server + route
    result = check_urls([LinkRequest(url, frozenset({"present", "absent"}))],
                        fast_options(tmp_path, robots=False))
    assert result.verdicts[url].anchors_missing == {"absent"}


def test_a_body_in_an_encoding_we_do_not_inflate_is_not_judged(
        tmp_path: Path, bomb_server: str, bodies: list[int]) -> None:
    url = bomb_server + "/br-page"
    result = check_urls([LinkRequest(url, frozenset({"present", "absent"}))],
                        fast_options(tmp_path, robots=False))
    found = result.verdicts[url]
    assert found.outcome is Outcome.OK and not found.anchors_missing
    assert bodies == []


# 32 bombs at once (the default concurrency), each cut at 100 kB: the child's peak
# RSS grows by the bodies and the inflaters' windows, a few MB. Before: +609 MB
# for gzip, +1.3 GB for deflate and +12.6 GB for "gzip, gzip" (httpx inflated a
# whole 64 kB network read, about 64 MB, before the limit was looked at).
CHILD = """
import json, resource, sys
from curriculint.online.guard import Policy
from curriculint.online.httpx_client import check_with_httpx
from curriculint.online.options import OnlineOptions
from curriculint.online.request import LinkRequest

base, route = sys.argv[1:]
options = OnlineOptions.model_validate(dict(
    allow_hosts=("127.0.0.1",), robots=False, concurrency=32, per_host_concurrency=32,
    per_host_rate=1000, read_timeout=20, url_budget=30, progress=False,
    max_body_bytes=100_000))
policy = Policy(options.allow_hosts)
check_with_httpx([LinkRequest(base + "/page.html", frozenset({"x"}))], options, policy)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
found = check_with_httpx([LinkRequest(f"{base}{route}?{n}", frozenset({"x"}))
                          for n in range(32)], options, policy)
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"grown_mb": grown / 1024, "ok": sum(v.outcome.value == "ok"
                                                      for v in found.values())}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss in kB on Linux")
@pytest.mark.parametrize("route", ["/gzip-bomb", "/double-gzip-bomb"])
def test_32_bombs_at_once_keep_memory_flat(bomb_server: str, route: str) -> None:
    done = subprocess.run([sys.executable, "-c", CHILD, bomb_server, route],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    measured = json.loads(done.stdout)
    assert measured["ok"] == 32
    assert measured["grown_mb"] < 40, measured
