"""LNK101-LNK105 end to end: pages -> `check --online` -> findings at every use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curriculint.cli.main import main
from tests.loopback_server import base_url, serve


def _project(tmp_path: Path, url: str, engine: str = "httpx") -> Path:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.curriculint]\nroots = []\n"
        "[tool.curriculint.rules.online]\n"
        f'allow-hosts = ["127.0.0.1"]\ncache-path = "{tmp_path / "links.sqlite"}"\n'
        "read-timeout = 0.5\nconnect-timeout = 0.5\nurl-budget = 3\nper-host-rate = 1000\n"
        f'max-retry-after = 2\nengine = "{engine}"\n', encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "one.md").write_text(
        "# One\n\n"
        f"Read [the guide]({url}/404) first.\n\n"
        f"Then [this]({url}/moved) and [that]({url}/page.html#absent).\n\n"
        f"```text\n{url}/500 inside a fence is not a link\n```\n\n"
        f"[ref]: {url}/limited\n\n[Use it][ref] and <{url}/private/page>.\n",
        encoding="utf-8")
    (docs / "two.md").write_text(f"# Two\n\nSame [dead link]({url}/404).\n", encoding="utf-8")
    return docs


def _run(tmp_path: Path, docs: Path, capsys: pytest.CaptureFixture[str], *extra: str
         ) -> list[dict[str, object]]:
    code = main(["check", str(docs), "--online", "--format", "json",
                 "--config", str(tmp_path / "pyproject.toml"), "--select", "LNK1", *extra])
    output = capsys.readouterr().out
    assert code == 1, output
    findings: list[dict[str, object]] = json.loads(output)["findings"]
    return findings


def _positions(findings: list[dict[str, object]]) -> set[tuple[str, str, int]]:
    return {(str(item["rule"]), Path(str(item["path"])).name, int(str(item["line"])))
            for item in findings}


@pytest.mark.parametrize("engine", ["httpx", "linkchecker", "lychee"])
def test_every_use_of_a_url_is_reported_with_its_rule(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str) -> None:
    # linkchecker and lychee run the real programs against the loopback server.
    with serve() as (server,):
        docs = _project(tmp_path, base_url(server), engine)
        findings = _run(tmp_path, docs, capsys)
    assert _positions(findings) == {
        ("LNK101", "one.md", 3), ("LNK101", "two.md", 3),
        ("LNK102", "one.md", 5), ("LNK105", "one.md", 5),
        ("LNK103", "one.md", 11), ("LNK104", "one.md", 13),
    }


def test_redirect_fix_writes_the_final_url(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    with serve() as (server,):
        url = base_url(server)
        docs = _project(tmp_path, url)
        page = docs / "one.md"
        main(["check", str(page), "--online", "--fix", "--select", "LNK102",
              "--config", str(tmp_path / "pyproject.toml")])
    assert "applied 1 fix" in capsys.readouterr().err
    assert f"[this]({url}/final)" in page.read_text(encoding="utf-8")


def test_without_online_no_request_is_made(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    with serve() as (server,):
        docs = _project(tmp_path, base_url(server))
        main(["check", str(docs), "--config", str(tmp_path / "pyproject.toml")])
        capsys.readouterr()
        assert sum(server.hits.values()) == 0


def test_shards_fetch_only_the_urls_their_own_pages_use(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The CI matrix shares the network work: every URL is requested by the shard
    owning a page that uses it, and the shards' findings add up to one run's."""
    from curriculint.run.shard import Shard

    with serve() as (server,):
        url = base_url(server)
        docs = _project(tmp_path, url)
        for number in range(8):
            (docs / f"extra{number}.md").write_text(
                f"# Extra {number}\n\nSee [it]({url}/p/{number}) and [gone]({url}/410).\n",
                encoding="utf-8")
        (tmp_path / "links.sqlite").unlink(missing_ok=True)
        whole = _positions(_run(tmp_path, docs, capsys, "--refresh"))
        server.hits.clear()
        shares = set()
        for index in (1, 2):
            before = set(server.hits)
            shares |= _positions(_run(tmp_path, docs, capsys, "--refresh", "--shard",
                                      f"{index}/2"))
            fetched = {path for path in server.hits if path.startswith("/p/")} - before
            owned = {f"/p/{number}" for number in range(8)
                     if Shard(index, 2).holds(f"extra{number}.md")}
            assert fetched == owned
    assert shares == whole
