from __future__ import annotations

import json
from pathlib import Path

import pytest

from curriculint.cli.main import main

GOOD = "---\ntitle: T\ndescription: D\n---\n\n# T\n\nText.\n"
BAD = "---\ntitle: T\ndescription: D\n---\n\n# T\n\n# T again\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_file_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(write(tmp_path, "ok.md", GOOD))]) == 0
    assert "All checks passed" in capsys.readouterr().out


def test_error_exits_one_with_position_and_excerpt(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bad.md", BAD)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:8:3: ST001" in out or "bad.md:8:3: ST001" in out
    assert "    8 | # T again" in out
    assert "      |   ^^^^^^^" in out


def test_json_report_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "b.md", BAD)
    write(tmp_path, "a.md", BAD)
    assert main(["check", "--format", "json", "."]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["version"] == 1
    first = report["findings"][0]
    assert set(first) >= {"path", "line", "column", "end_line", "end_column", "rule", "name",
                          "severity", "message"}
    assert [finding["path"] for finding in report["findings"]] == ["a.md", "b.md"]
    assert report["summary"]["by_severity"]["error"] == 2


def test_select_and_ignore_take_codes_prefixes_and_names(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(write(tmp_path, "bad.md", BAD))
    assert main(["check", "--ignore", "multiple-h1", path]) == 0
    assert main(["check", "--select", "FM", path]) == 0
    assert main(["check", "--select", "ST", path]) == 1


def test_unknown_selector_is_a_usage_error(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--select", "NOPE999", str(write(tmp_path, "a.md", GOOD))]) == 2
    assert "unknown rule selector 'NOPE999'" in capsys.readouterr().err


def test_missing_path_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nope.md")]) == 2
    assert "no such file or directory" in capsys.readouterr().err


def test_unknown_config_key_suggests_the_nearest(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write(tmp_path, "pyproject.toml", "[tool.curriculint]\nper-file-ignore = {}\n")
    page = write(tmp_path, "a.md", GOOD)
    assert main(["check", "--config", str(config), str(page)]) == 2
    err = capsys.readouterr().err
    assert "unknown key 'per-file-ignore'" in err and "did you mean 'per-file-ignores'" in err


def test_config_severity_and_per_file_ignores(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = write(tmp_path, "a.md", BAD)
    config = write(tmp_path, "pyproject.toml",
                   '[tool.curriculint]\nseverity = {ST001 = "warning"}\n')
    assert main(["check", "--config", str(config), str(page)]) == 0
    assert "ST001 [warning]" in capsys.readouterr().out
    config.write_text('[tool.curriculint]\nper-file-ignores = {"a.md" = ["ST"]}\n')
    assert main(["check", "--config", str(config), str(page)]) == 0


def test_include_exclude_globs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "bad.md", BAD)
    (tmp_path / "drafts").mkdir()
    write(tmp_path / "drafts", "x.md", BAD)
    config = write(tmp_path, "pyproject.toml",
                   '[tool.curriculint]\nexclude = ["drafts/*", "bad.md"]\n')
    assert main(["check", "--config", str(config), str(tmp_path)]) == 0


def test_inline_suppression(tmp_path: Path) -> None:
    text = BAD.replace("# T again", "<!-- curriculint: disable-next-line=ST001 -->\n# T again")
    assert main(["check", str(write(tmp_path, "a.md", text))]) == 0


def test_rules_and_rule_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    assert "ST001" in listing and "multiple-h1" in listing
    assert main(["rule", "multiple-h1"]) == 0
    assert "Why:" in capsys.readouterr().out
    assert main(["rule", "XX999"]) == 2


def test_github_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "bad.md", BAD)
    assert main(["check", "--format", "github", str(path)]) == 1
    line = capsys.readouterr().out.strip()
    assert line.startswith("::error file=") and ",line=8,col=3," in line


def test_invalid_utf8_is_a_finding_and_the_rest_is_checked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin.md"
    path.write_bytes(b"---\ntitle: T\ndescription: D\n---\n\n# Caf\xe9\n\n# Again\n")
    assert main(["check", "--format", "json", str(path)]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert {(f["rule"], f["line"], f["column"]) for f in findings} >= {
        ("ENC001", 6, 6), ("ST001", 8, 3)}


def test_version_prints_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out == f"curriculint {version('curriculint')}\n"
