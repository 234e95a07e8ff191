"""`curriculint merge`: the shards' JSON or SARIF reports become one report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curriculint.cli.main import main
from curriculint.report import FORMATS
from tests.test_shard import make_site

FIXABLE = "---\ntitle: T\ndescription: D\n---\n\n# T\n\nText  with\u00a0a no-break space.\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_site(tmp_path)
    (tmp_path / "docs" / "fixable.md").write_text(FIXABLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    main(["check", *argv, "docs"])
    return capsys.readouterr().out


def merge(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["merge", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def shard_reports(site: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> list[str]:
    names = []
    for index in (1, 2, 3):
        name = f"shard{index}.{fmt}"
        check(capsys, "--shard", f"{index}/3", "--output", f"{fmt}={name}")
        names.append(name)
    return names


def test_merged_json_and_sarif_equal_the_unsharded_reports(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("json", "sarif"):
        whole = check(capsys, "--format", fmt)
        status, out, _err = merge(capsys, "--format", fmt, *shard_reports(site, capsys, fmt))
        assert status == 1
        assert out == whole
    assert '"fixes"' in whole  # SARIF fixes survive the round trip


def test_json_shards_merge_into_sarif_with_source_snippets(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _err = merge(capsys, "--format", "sarif", *shard_reports(site, capsys, "json"))
    assert status == 1
    log = json.loads(out)
    assert len(log["runs"]) == 1
    whole = json.loads(check(capsys, "--format", "sarif"))
    ours, theirs = log["runs"][0]["results"], whole["runs"][0]["results"]
    # The same findings and snippets (read from the tree); JSON holds no fix edits.
    for result in (*ours, *theirs):
        result.pop("fixes", None)
    assert ours == theirs


def test_every_format_renders_a_merge(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reports = shard_reports(site, capsys, "json")
    for fmt in FORMATS:
        status, out, _err = merge(capsys, "--format", fmt, "--exit-zero", *reports)
        assert status == 0
        assert out.strip(), fmt
    status, out, _err = merge(capsys, "--output", "junit=merged.xml",
                              "--output", "html=merged.html", *reports)
    assert status == 1
    assert "Found" in out and "[*]" in out  # text, fixable marker kept from JSON
    assert "<testsuites" in Path("merged.xml").read_text(encoding="utf-8")
    assert Path("merged.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_duplicates_are_merged_once(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = shard_reports(site, capsys, "json")[0]
    status, out, _err = merge(capsys, "--format", "json", first, first)
    assert status == 1
    merged = json.loads(out)
    alone = json.loads(Path(first).read_text(encoding="utf-8"))
    assert merged["findings"] == alone["findings"]


def test_clean_reports_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("empty.json").write_text(json.dumps({"version": 1, "findings": [],
                                              "summary": {"files": 4}}), encoding="utf-8")
    status, out, _err = merge(capsys, "empty.json")
    assert status == 0
    assert "All checks passed (4 files)." in out


@pytest.mark.parametrize(("text", "message"), [
    (None, "cannot read"),
    ("{not json", "not a JSON or SARIF report"),
    ('{"version": 2, "findings": []}', "version 2"),
    ('{"version": 1, "findings": [{"path": "a.md"}]}', "findings[0]: 'line' is missing"),
    ('{"version": 1, "findings": [{"path": "a.md", "line": 0, "column": 1, "end_line": 1,'
     ' "end_column": 1}]}', "positions start at 1"),
    ('{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "other"}}}]}',
     "not curriculint"),
    ('{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "curriculint"}},'
     ' "results": [{"ruleId": "ST001", "message": {"text": "m"}}]}]}', "'locations' is missing"),
    ("[1, 2]", "neither a curriculint JSON report nor a SARIF log"),
])
def test_bad_input_exits_two_naming_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch, text: str | None,
                                             message: str) -> None:
    monkeypatch.chdir(tmp_path)
    if text is not None:
        Path("bad.json").write_text(text, encoding="utf-8")
    status, out, err = merge(capsys, "bad.json")
    assert status == 2
    assert not out
    assert err.startswith("curriculint: bad.json: ")
    assert message in err
