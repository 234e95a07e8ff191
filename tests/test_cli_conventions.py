"""What a user of ruff or markdownlint-cli2 expects of the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from curriculint.cli.main import main

BIN = Path(sys.executable).parent
TWO_H1 = "# T\n\n# T\n"


@pytest.fixture(autouse=True)
def _outside_this_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run where no configuration applies, unless a test writes one."""
    monkeypatch.chdir(tmp_path)


def page(folder: Path, text: str = TWO_H1, name: str = "a.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# -- 1. a mistyped selector in the configuration fails loudly ---------------------------


@pytest.mark.parametrize(("section", "named"), [
    ('select = ["LNK99"]', "[tool.curriculint] select: unknown rule selector 'LNK99'"),
    ('ignore = ["ST0001"]', "[tool.curriculint] ignore: unknown rule selector 'ST0001'"),
    ('extend-select = ["tocmismatch"]', "did you mean 'toc-mismatch'?"),
    ('severity = { ST9 = "error" }', "[tool.curriculint] severity: unknown rule selector 'ST9'"),
    ('per-file-ignores = { "x/*" = ["mutiple-h1"] }',
     "per-file-ignores 'x/*': unknown rule selector 'mutiple-h1'; did you mean 'multiple-h1'?"),
    ('[tool.curriculint.rules.DUP]\nthreshold = 0.5',
     "[tool.curriculint.rules.DUP]: options go under a rule's code or name"),
])
def test_an_unknown_selector_in_the_configuration_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], section: str, named: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.curriculint]\n{section}\n",
                                             encoding="utf-8")
    target = page(tmp_path)
    assert main(["check", "--no-cache", str(target)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and named in err and str(tmp_path / "pyproject.toml") in err
    assert err.count("\n") == 1


def test_a_mistyped_selector_on_the_command_line_gets_a_suggestion(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-cache", "--select", "mutiple-h1", str(page(tmp_path))]) == 2
    assert "did you mean 'multiple-h1'?" in capsys.readouterr().err


# -- 5. the cache stays out of git status ---------------------------------------------------


def test_the_cache_folder_ignores_itself_and_is_private(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CURRICULINT_CACHE_DIR", raising=False)
    target = page(tmp_path / "docs")
    cache = tmp_path / "elsewhere" / "cache"
    assert main(["check", "--cache-dir", str(cache), str(target)]) == 1
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (cache / "results.sqlite").stat().st_mode & 0o077 == 0
    assert cache.stat().st_mode & 0o077 == 0


def test_git_status_does_not_show_the_cache(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CURRICULINT_CACHE_DIR", raising=False)
    page(tmp_path / "docs")
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q"], check=True)
    main(["check", "docs"])
    assert (tmp_path / ".curriculint_cache" / "results.sqlite").exists()
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                            capture_output=True, text=True, check=True).stdout
    assert ".curriculint_cache" not in status and "docs/a.md" in status


# -- 6. missing and empty inputs ------------------------------------------------------------


def test_a_missing_path_exits_2_and_never_says_passed(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-cache", str(tmp_path / "nope")]) == 2
    out, err = capsys.readouterr()
    assert "passed" not in out and "no such file or directory" in err


def test_a_missing_path_beside_a_page_with_findings_still_exits_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-cache", str(tmp_path / "nope"), str(page(tmp_path))]) == 2
    assert "ST001" in capsys.readouterr().out


def test_a_folder_without_markdown_warns(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["check", "--no-cache", str(tmp_path / "empty")]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "warning: no Markdown files found" in err


# -- 7. a closed pipe -------------------------------------------------------------------------


def test_a_reader_that_leaves_early_is_no_internal_error() -> None:
    command = f"'{BIN / 'curriculint'}' rule LNK001 | head -1"
    result = subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], capture_output=True,
                            text=True, timeout=60, check=False,
                            env={**os.environ, "CURRICULINT_SERVER": "off"})
    assert result.stdout.startswith("LNK001") and result.stderr == ""
    rules = subprocess.run(["bash", "-c", f"'{BIN / 'curriculint'}' rules | head -1"],
                           capture_output=True, text=True, timeout=60, check=False)
    assert rules.stderr == ""


# -- 8. ruff's conventions ------------------------------------------------------------------


def test_a_page_on_standard_input_is_linted_as_the_file_it_names(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    page(docs, "# Other\n", "other.md")
    text = "# Page\n\nSee [other](other.md) and [gone](gone.md).\n\n# Page\n"
    result = subprocess.run(
        [str(BIN / "curriculint"), "check", "--no-cache", "--output-format", "json", "-",
         "--stdin-filename", "docs/page.md"], input=text, cwd=tmp_path, capture_output=True,
        text=True, timeout=60, check=False, env={**os.environ, "CURRICULINT_SERVER": "off"})
    assert result.returncode == 1, result.stderr
    found = {(f["path"], f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]}
    assert ("docs/page.md", "LNK002", 3) in found and ("docs/page.md", "ST001", 5) in found
    assert not (docs / "page.md").exists()  # nothing was written


def test_quiet_prints_the_findings_and_nothing_else(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-cache", "-q", "--no-source", str(page(tmp_path))]) == 1
    out, err = capsys.readouterr()
    assert [line.split(" ")[1] for line in out.splitlines()] == ["DUP004", "ST001"]
    assert err == ""


def test_statistics_count_findings_per_rule(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    page(tmp_path, TWO_H1, "a.md")
    page(tmp_path, TWO_H1 + "\n# T\n", "b.md")
    assert main(["check", "--no-cache", "--statistics", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "3\tDUP004\tduplicate-heading", "3\tST001\tmultiple-h1"]


MALFORMED = "# Title\n\nSee [one](http:/example.com/a) and [two](https:/example.com/b).\n"


@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_show_fixes_lists_the_findings_fixed_per_file_and_rule(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], mode: str) -> None:
    target = page(tmp_path, MALFORMED, "a.md")
    page(tmp_path, "# Clean\n", "b.md")
    main(["check", "--no-cache", "--show-fixes", mode, str(tmp_path)])
    verb = "Fixed" if mode == "--fix" else "Would fix"
    err = capsys.readouterr().err
    assert f"{verb} 2 findings:\n- a.md:\n    2 × LNK001 (malformed-url)\n" in err, err
    assert "b.md" not in err
    expected = MALFORMED if mode == "--diff" else MALFORMED.replace(":/", "://")
    assert target.read_text(encoding="utf-8") == expected


def test_show_fixes_says_when_nothing_was_fixed(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--no-cache", "--show-fixes", "--fix", str(page(tmp_path, "# Clean\n"))])
    assert "No findings fixed" in capsys.readouterr().err


def test_text_output_closes_with_a_count_per_rule(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--no-cache", "--no-source", str(page(tmp_path))])
    blocks = capsys.readouterr().out.strip().split("\n\n")
    assert blocks[-2] == "1  DUP004  duplicate-heading\n1  ST001   multiple-h1"


# -- 9. the nearest configuration above each path -----------------------------------------


def test_the_configuration_nearest_the_file_applies_wherever_the_command_runs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    target = page(project / "docs")
    (project / "pyproject.toml").write_text('[tool.curriculint]\nignore = ["DUP004"]\n',
                                            encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.curriculint]\nignore = ["ST001"]\n',
                                             encoding="utf-8")
    outputs = []
    for folder in (project, tmp_path):
        monkeypatch.chdir(folder)
        main(["check", "--no-cache", "--statistics", str(target)])
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] == "1\tST001\tmultiple-h1\n"


def test_a_pyproject_without_a_curriculint_table_is_passed_over(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    target = page(project / "docs")
    (project / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    (tmp_path / "curriculint.toml").write_text('ignore = ["ST001"]\n', encoding="utf-8")
    main(["check", "--no-cache", "--statistics", str(target)])
    assert capsys.readouterr().out == "1\tDUP004\tduplicate-heading\n"


# -- 10. the words of the fix hint under pre-commit ------------------------------------------


def test_under_pre_commit_the_fix_hint_names_the_fix_hook(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = "---\ntitle: T\ndescription: D\n---\n\n# T\n\nSee <http:/example.com/>.\n"
    target = page(tmp_path, text)
    main(["check", "--no-cache", str(target)])
    assert "fixable with --fix" in capsys.readouterr().out
    monkeypatch.setenv("PRE_COMMIT", "1")
    main(["check", "--no-cache", str(target)])
    assert "fixable with the curriculint-fix hook" in capsys.readouterr().out


def test_a_path_with_no_configuration_above_it_takes_the_working_folders(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    outside = page(tmp_path / "outside" / "docs")
    here = tmp_path / "here"
    here.mkdir()
    (here / "curriculint.toml").write_text('ignore = ["DUP004"]\n', encoding="utf-8")
    monkeypatch.chdir(here)
    main(["check", "--no-cache", "--statistics", str(outside)])
    assert capsys.readouterr().out == "1\tST001\tmultiple-h1\n"

