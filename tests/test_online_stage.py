"""The online stage against servers the tests start on 127.0.0.1 (no internet)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from curriculint.online.link_cache import LinkCache
from curriculint.online.options import OnlineOptions
from curriculint.online.request import LinkRequest, retry_after_seconds
from curriculint.online.stage import check_urls
from curriculint.online.verdict import Outcome, Verdict
from tests.loopback_server import base_url, serve

BROKEN, OK = Outcome.BROKEN, Outcome.OK


def fast_options(tmp_path: Path, **values: object) -> OnlineOptions:
    settings: dict[str, object] = dict(
        allow_hosts=("127.0.0.1",), cache_path=str(tmp_path / "links.sqlite"),
        connect_timeout=0.5, read_timeout=0.5, url_budget=2, run_budget=20,
        per_host_rate=1000, max_retry_after=2, progress=False)
    settings.update(values)
    return OnlineOptions.model_validate(settings)


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    with serve() as (server,):
        yield base_url(server)


ROUTES = {
    "/ok": (OK, "HTTP 200"),
    "/404": (BROKEN, "HTTP 404"),
    "/410": (BROKEN, "HTTP 410"),
    "/500": (BROKEN, "HTTP 500"),
    "/found": (OK, "HTTP 200"),
    "/loop-a": (BROKEN, "redirect loop"),
    "/slow": (OK, "HTTP 200"),
    "/very-slow": (BROKEN, "no response within 0.5 s"),
    "/limited": (Outcome.RATE_LIMITED, "Retry-After: 1"),
    "/limited-once": (OK, "HTTP 200"),
    "/no-head": (OK, "HTTP 200"),
    "/large": (OK, "HTTP 200"),
    "/reset": (BROKEN, "connection reset"),
    "/truncated": (BROKEN, "broke off"),
    "/private/page": (Outcome.NOT_CHECKED, "robots.txt"),
}


@pytest.fixture(scope="module")
def verdicts(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Verdict]:
    requests = [LinkRequest(server_url + route) for route in ROUTES]
    requests += [
        LinkRequest(server_url + "/moved"), LinkRequest(server_url + "/moved-308"),
        LinkRequest(server_url + "/page.html", frozenset({"present", "named", "absent"})),
        # A fragment makes the stage read the body: endless and dripping bodies.
        LinkRequest(server_url + "/endless", frozenset({"x"})),
        LinkRequest(server_url + "/drip", frozenset({"x"})),
    ]
    result = check_urls(requests, fast_options(tmp_path_factory.mktemp("stage")))
    return {url.removeprefix(server_url): found for url, found in result.verdicts.items()}


@pytest.mark.parametrize("route", ROUTES)
def test_each_route_is_classified(verdicts: dict[str, Verdict], route: str) -> None:
    outcome, detail = ROUTES[route]
    assert verdicts[route].outcome is outcome
    assert detail in verdicts[route].detail


def test_permanent_redirects_give_the_final_url(verdicts: dict[str, Verdict],
                                                server_url: str) -> None:
    assert verdicts["/moved"].permanent_to == server_url + "/final"
    assert verdicts["/moved-308"].permanent_to == server_url + "/final"
    assert verdicts["/found"].permanent_to == ""  # a 302 on the way: not permanent


def test_fragments_are_looked_up_in_the_page(verdicts: dict[str, Verdict]) -> None:
    assert verdicts["/page.html"].anchors_missing == {"absent"}


def test_endless_body_is_capped_and_dripping_server_hits_the_url_budget(
        verdicts: dict[str, Verdict]) -> None:
    assert verdicts["/endless"].outcome is OK
    assert verdicts["/drip"].outcome is BROKEN
    assert "within 2 s" in verdicts["/drip"].detail


def test_second_run_rechecks_nothing_fresh_and_refresh_rechecks(tmp_path: Path) -> None:
    with serve() as (server,):
        url = base_url(server)
        requests = [LinkRequest(f"{url}/ok"), LinkRequest(f"{url}/404")]
        options = fast_options(tmp_path, robots=False)
        first = check_urls(requests, options)
        hits = sum(server.hits.values())
        second = check_urls(requests, options)
        assert (first.checked, second.checked, second.cached) == (2, 0, 2)
        assert sum(server.hits.values()) == hits
        assert second.verdicts[f"{url}/404"].outcome is BROKEN
        refreshed = check_urls(requests, options.model_copy(update={"refresh": True}))
        assert refreshed.checked == 2
        assert sum(server.hits.values()) > hits


def test_failures_expire_sooner_than_successes(tmp_path: Path) -> None:
    with serve() as (server,):
        url = base_url(server)
        requests = [LinkRequest(f"{url}/ok"), LinkRequest(f"{url}/404")]
        check_urls(requests, fast_options(tmp_path, robots=False))
        again = check_urls(requests, fast_options(tmp_path, robots=False, failure_ttl_hours=0))
        assert again.checked == 1 and again.cached == 1


def test_cached_page_without_the_fragment_is_checked_again(tmp_path: Path) -> None:
    with serve() as (server,):
        url = base_url(server)
        options = fast_options(tmp_path, robots=False)
        check_urls([LinkRequest(f"{url}/page.html")], options)
        again = check_urls([LinkRequest(f"{url}/page.html", frozenset({"absent"}))], options)
        assert again.checked == 1
        assert again.verdicts[f"{url}/page.html"].anchors_missing == {"absent"}


def test_loopback_is_refused_unless_allowed(tmp_path: Path) -> None:
    with serve() as (server,):
        url = base_url(server)
        result = check_urls([LinkRequest(f"{url}/ok")],
                            fast_options(tmp_path, allow_hosts=()))
        found = result.verdicts[f"{url}/ok"]
        assert found.outcome is Outcome.NOT_CHECKED
        assert "refused" in found.detail and "loopback" in found.detail
        assert sum(server.hits.values()) == 0  # not a single byte was sent


def test_redirect_to_a_refused_address_is_refused(tmp_path: Path) -> None:
    with serve() as (server,):
        named = base_url(server).replace("127.0.0.1", "localhost")
        result = check_urls([LinkRequest(f"{named}/to-ip")],
                            fast_options(tmp_path, allow_hosts=("localhost",), robots=False))
        found = result.verdicts[f"{named}/to-ip"]
        assert found.outcome is Outcome.NOT_CHECKED and "127.0.0.1" in found.detail
        assert server.hits["/ok"] == 0


def test_request_budget_per_host_is_enforced(tmp_path: Path) -> None:
    with serve() as (server,):
        url = base_url(server)
        requests = [LinkRequest(f"{url}/p/{number}") for number in range(5)]
        result = check_urls(requests, fast_options(tmp_path, robots=False,
                                                   max_requests_per_host=3))
        outcomes = sorted(found.outcome.value for found in result.verdicts.values())
        assert outcomes == ["not-checked", "not-checked", "ok", "ok", "ok"]


def test_corrupt_cache_is_rebuilt_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "links.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    cache = LinkCache(path, 3600, 60)
    assert cache.fresh(["http://example.invalid/"]) == {}
    cache.close()
    assert (tmp_path / "links.sqlite.corrupt").exists()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_retry_after_accepts_seconds_and_dates() -> None:
    assert retry_after_seconds("3") == 3
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0
    assert retry_after_seconds("soon", default=5) == 5
