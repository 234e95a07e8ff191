"""How LinkChecker's CSV rows become verdicts (its quirks corrected at our layer)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from curriculint.config import Config
from curriculint.online.guard import Policy
from curriculint.online.linkchecker_client import check_with_linkchecker, classify
from curriculint.online.options import OnlineOptions, online_config
from curriculint.online.request import LinkRequest
from curriculint.online.verdict import Outcome
from tests.loopback_server import base_url, serve

URL = "http://127.0.0.1:9/page"
POLICY = Policy(["127.0.0.1"])


def _row(**values: str) -> dict[str, str]:
    row = {"urlname": URL, "result": "200 OK", "warningstring": "", "infostring": "",
           "valid": "True", "url": URL}
    row.update(values)
    return row


def test_rate_limited_is_not_reported_valid() -> None:
    found = classify(LinkRequest(URL), [_row(
        result="429 Too Many Requests", warningstring="Rate limited (Retry-After: 7)")], POLICY)
    assert found.outcome is Outcome.RATE_LIMITED and "Retry-After: 7" in found.detail


def test_robots_refusal_is_not_checked_rather_than_valid() -> None:
    found = classify(LinkRequest(URL), [_row(
        infostring="Access denied by robots.txt, checked only syntax.")], POLICY)
    assert found.outcome is Outcome.NOT_CHECKED


def test_redirect_warning_without_a_new_url_is_a_leak_and_ignored() -> None:
    leaked = "Redirected to `http://127.0.0.1:9/other' status: 301 Moved Permanently."
    found = classify(LinkRequest(URL), [_row(warningstring=leaked)], POLICY)
    assert found.outcome is Outcome.OK and not found.permanent_to


def test_permanent_redirect_gives_the_final_url() -> None:
    final = "http://127.0.0.1:9/new"
    hop = f"Redirected to `{final}' status: 308 Permanent Redirect."
    found = classify(LinkRequest(URL), [_row(warningstring=hop, url=final)], POLICY)
    assert found.permanent_to == final


def test_redirect_to_a_private_address_is_refused_after_the_fact() -> None:
    final = "http://10.0.0.8/admin"
    hop = f"Redirected to `{final}' status: 302 Found."
    found = classify(LinkRequest(URL), [_row(warningstring=hop, url=final)], POLICY)
    assert found.outcome is Outcome.NOT_CHECKED and "10.0.0.8" in found.detail


def test_refused_hosts_never_reach_linkchecker(tmp_path: Path) -> None:
    options = OnlineOptions.model_validate({"engine": "linkchecker",
                                            "linkchecker": "no-such-linkchecker"})
    # The CLI name is bogus: reaching it would raise, so refusal happened first.
    found = check_with_linkchecker([LinkRequest(URL)], options, Policy())
    assert found[URL].outcome is Outcome.NOT_CHECKED and "loopback" in found[URL].detail


def test_online_flags_reach_every_online_rule() -> None:
    config = Config(rules={"online": {"allow-hosts": ["127.0.0.1"]},
                           "LNK102": {"ttl-hours": 1}})
    updated = online_config(config, online=True, refresh=True, engine="linkchecker")
    assert set(updated.extend_select) >= {"LNK101", "LNK105"}
    assert "online" not in updated.rules
    assert updated.rules["LNK102"] == {"allow-hosts": ["127.0.0.1"], "ttl-hours": 1,
                                       "refresh": True, "engine": "linkchecker"}
    assert all(updated.rules[code]["refresh"] for code in ("LNK101", "LNK103", "LNK104"))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="LinkChecker drops privileges only when run as root")
def test_anchors_are_checked_when_nobody_cannot_read_linkchecker(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run as root, LinkChecker becomes `nobody` before it lists its plugins; from a
    private folder (pytest's tmp_path is 0700) that listing used to come back empty
    and missing anchors went unreported."""
    import linkcheck

    private = tmp_path / "private"
    shutil.copytree(Path(linkcheck.__file__).parent, private / "linkcheck",
                    ignore=shutil.ignore_patterns("__pycache__"))
    private.chmod(0o700)
    monkeypatch.setenv("PYTHONPATH", str(private))
    script = shutil.which("linkchecker", path=str(Path(sys.executable).parent))
    assert script is not None
    options = OnlineOptions(engine="linkchecker", linkchecker=script,
                            allow_hosts=("127.0.0.1",), read_timeout=5)
    with serve() as (server,):
        url = f"{base_url(server)}/page.html"
        found = check_with_linkchecker([LinkRequest(url, frozenset({"absent"}))], options,
                                       POLICY)
    assert found[url].outcome is Outcome.OK
    assert found[url].anchors_missing == frozenset({"absent"})
