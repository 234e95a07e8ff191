"""LNK106: an http:// link whose https:// form works too (opt-in, online)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import curriculint.online.stage as stage
from curriculint.cli.main import main
from curriculint.online.verdict import Outcome, Verdict
from tests.loopback_server import base_url, serve


def _project(tmp_path: Path, url: str, upgrade: bool) -> Path:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.curriculint]\nroots = []\n"
        "[tool.curriculint.rules.online]\n"
        f'allow-hosts = ["127.0.0.1"]\ncache-path = "{tmp_path / "links.sqlite"}"\n'
        "read-timeout = 0.5\nconnect-timeout = 0.5\nurl-budget = 3\nper-host-rate = 1000\n"
        f"https-upgrade = {'true' if upgrade else 'false'}\n", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(f"# Page\n\nSee [the page]({url}/page.html#top).\n",
                                  encoding="utf-8")
    return docs


def _findings(tmp_path: Path, docs: Path, capsys: pytest.CaptureFixture[str]
              ) -> list[dict[str, object]]:
    main(["check", str(docs), "--online", "--format", "json", "--config",
          str(tmp_path / "pyproject.toml"), "--select", "LNK106"])
    found: list[dict[str, object]] = json.loads(capsys.readouterr().out)["findings"]
    return found


def test_no_suggestion_when_https_does_not_answer(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    # The loopback server speaks plain HTTP only: its https:// form fails the handshake.
    with serve() as (server,):
        docs = _project(tmp_path, base_url(server), upgrade=True)
        assert _findings(tmp_path, docs, capsys) == []


def test_suggestion_and_fix_when_https_works(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    real_check = stage.check_urls

    def https_answers(requests, options):  # type: ignore[no-untyped-def]
        # No TLS server here: answer the https:// pass as a working site would.
        if requests and all(request.url.startswith("https://") for request in requests):
            result = stage.StageResult()
            for request in requests:
                result.verdicts[request.url] = Verdict(request.url, Outcome.OK, status=200)
            return result
        return real_check(requests, options)

    monkeypatch.setattr(stage, "check_urls", https_answers)
    with serve() as (server,):
        url = base_url(server)
        docs = _project(tmp_path, url, upgrade=True)
        (finding,) = _findings(tmp_path, docs, capsys)
        assert finding["rule"] == "LNK106" and finding["line"] == 3
        secure = url.replace("http://", "https://")
        assert "use https" in str(finding["message"])
        main(["check", str(docs), "--online", "--fix", "--config",
              str(tmp_path / "pyproject.toml"), "--select", "LNK106"])
    assert f"({secure}/page.html#top)" in (docs / "page.md").read_text(encoding="utf-8")


def test_off_unless_configured(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with serve() as (server,):
        docs = _project(tmp_path, base_url(server), upgrade=False)
        assert _findings(tmp_path, docs, capsys) == []
