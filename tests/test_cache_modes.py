"""What `--no-cache` turns off, and who may read the caches (issue 24, item 10).

`--no-cache` used to skip the results cache only: link verdicts were still read
from, and written to, their own cache. Now it means both. Both cache files are
created 0600 (their -wal and -shm files too) in a folder created 0700.

Only servers started here on 127.0.0.1.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from curriculint.cli.main import main
from tests.loopback_server import base_url, serve


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, object]]:
    monkeypatch.delenv("CURRICULINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("CURRICULINT_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    with serve() as (server,):
        url = base_url(server)
        (tmp_path / "pyproject.toml").write_text(
            "[tool.curriculint]\nroots = []\n[tool.curriculint.rules.online]\n"
            'allow-hosts = ["127.0.0.1"]\ncache-path = "links/links.sqlite"\n'
            "read-timeout = 2\nper-host-rate = 1000\nrobots = false\nprogress = false\n",
            encoding="utf-8")
        docs = tmp_path / "docs"
        docs.mkdir()
        (docs / "page.md").write_text(
            f"# Page\n\n[ok]({url}/ok) and [gone]({url}/404).\n", encoding="utf-8")
        yield docs, server


def _check(docs: Path, *extra: str) -> int:
    return main(["check", "--online", "--select", "LNK1", "--cache-dir", "results",
                 "--config", "pyproject.toml", *extra, str(docs)])


def _verdict_rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return sorted(db.execute("SELECT url, checked_at FROM verdicts").fetchall())


def test_no_cache_neither_reads_nor_writes_link_verdicts(
        project: tuple[Path, object], capsys: pytest.CaptureFixture[str]) -> None:
    docs, server = project
    hits = server.hits  # type: ignore[attr-defined]
    assert _check(docs, "--no-cache") == 1
    assert not Path("links").exists() and not Path("results").exists()  # nothing written
    assert hits["/ok"] and hits["/404"]
    assert _check(docs) == 1  # cached now
    stored = _verdict_rows(Path("links/links.sqlite"))
    assert len(stored) == 2
    hits.clear()
    assert _check(docs) == 1
    assert not hits  # the cache answered
    assert _check(docs, "--no-cache") == 1
    assert hits["/ok"] and hits["/404"]  # not read: requested again
    assert _verdict_rows(Path("links/links.sqlite")) == stored  # not written
    capsys.readouterr()


def test_cache_false_in_the_configuration_means_both_too(
        project: tuple[Path, object], capsys: pytest.CaptureFixture[str]) -> None:
    docs, _ = project
    config = Path("pyproject.toml")
    config.write_text(config.read_text(encoding="utf-8").replace(
        "roots = []\n", "roots = []\ncache = false\n"), encoding="utf-8")
    assert _check(docs) == 1
    assert not Path("links").exists() and not Path("results").exists()
    capsys.readouterr()


def _private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


def test_both_caches_are_private_to_their_owner(
        project: tuple[Path, object], capsys: pytest.CaptureFixture[str]) -> None:
    docs, _ = project
    previous = os.umask(0o022)
    try:
        assert _check(docs) == 1
    finally:
        os.umask(previous)
    for folder, name in (("results", "results.sqlite"), ("links", "links.sqlite")):
        assert stat.S_IMODE(Path(folder).stat().st_mode) == 0o700
        files = [path for path in Path(folder).iterdir() if path.name.startswith(name)]
        assert Path(folder, name) in files
        assert all(_private(path) for path in files), [
            (path.name, oct(path.stat().st_mode)) for path in files]
    capsys.readouterr()


def test_a_cache_file_readable_by_others_is_made_private(
        project: tuple[Path, object], capsys: pytest.CaptureFixture[str]) -> None:
    docs, _ = project
    assert _check(docs) == 1
    for path in (Path("links/links.sqlite"), Path("results/results.sqlite")):
        path.chmod(0o644)
    assert _check(docs) == 1
    assert _private(Path("links/links.sqlite")) and _private(Path("results/results.sqlite"))
    capsys.readouterr()


@pytest.mark.parametrize("where", ["flag", "environment"])
def test_link_verdicts_follow_the_cache_folder_unless_cache_path_is_set(
        project: tuple[Path, object], where: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    docs, server = project
    config = Path("pyproject.toml")
    config.write_text(config.read_text(encoding="utf-8").replace(
        'cache-path = "links/links.sqlite"\n', ""), encoding="utf-8")
    arguments = ["check", "--online", "--select", "LNK1", "--config", "pyproject.toml"]
    if where == "flag":
        arguments += ["--cache-dir", "moved"]
    else:
        monkeypatch.setenv("CURRICULINT_CACHE_DIR", "moved")
    assert main([*arguments, str(docs)]) == 1
    assert len(_verdict_rows(Path("moved/links.sqlite"))) == 2
    assert not Path(".curriculint_cache").exists()
    hits = server.hits  # type: ignore[attr-defined]
    hits.clear()
    assert main([*arguments, str(docs)]) == 1
    assert not hits  # answered from the moved folder
    capsys.readouterr()
