"""`--format`, `--output FORMAT=PATH`, colour and the progress bar, through `main`."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from curriculint.cli.main import main
from curriculint.cli.progress import MIN_FILES, ProgressBar, wanted
from curriculint.report.outputs import use_color

BAD = "---\ntitle: T\ndescription: D\n---\n\n# T\n\n# T again\n"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_several_outputs_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.md").write_text(BAD, encoding="utf-8")
    status = main(["check", "--no-cache", "--format", "github", "--output", "sarif=out/r.sarif",
                   "--output", "junit=out/r.xml", "--output", "html=out/r.html",
                   "--output", "markdown=out/r.md", "bad.md"])
    assert status == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=bad.md,line=8")  # stdout: only the --format report
    sarif = json.loads((tmp_path / "out" / "r.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"][0]["ruleId"] == "ST001"
    assert ET.parse(tmp_path / "out" / "r.xml").getroot().tag == "testsuites"
    assert "<!DOCTYPE html>" in (tmp_path / "out" / "r.html").read_text(encoding="utf-8")
    assert "`ST001`" in (tmp_path / "out" / "r.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("argv", [["--format", "yaml"], ["--output", "sarif"],
                                  ["--output", "pdf=r.pdf"]])
def test_bad_format_or_output_is_a_usage_error(tmp_path: Path, argv: list[str],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "bad.md"
    page.write_text(BAD, encoding="utf-8")
    assert main(["check", "--no-cache", *argv, str(page)]) == 2
    assert "curriculint:" in capsys.readouterr().err


def test_colour_follows_terminal_no_color_and_the_flag(monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert use_color("auto", _Terminal())
    assert not use_color("auto", io.StringIO())
    assert use_color("always", io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color("auto", _Terminal())
    assert not use_color("never", _Terminal())


def test_captured_stdout_gets_no_colour(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                        ) -> None:
    page = tmp_path / "bad.md"
    page.write_text(BAD, encoding="utf-8")
    main(["check", "--no-cache", str(page)])
    assert "\033[" not in capsys.readouterr().out
    main(["check", "--no-cache", "--color", "always", str(page)])
    assert "\033[31m" in capsys.readouterr().out


def test_progress_bar_draws_and_erases_itself() -> None:
    stream = _Terminal()
    bar = ProgressBar(stream)
    bar(10, MIN_FILES - 1)  # a short run draws nothing
    assert stream.getvalue() == ""
    bar(50, 200)
    bar(200, 200)
    assert "[#######" in stream.getvalue() and "200/200 files" in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r\033[K")


def test_progress_only_when_both_streams_are_terminals(monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert wanted(_Terminal(), _Terminal())
    assert not wanted(io.StringIO(), _Terminal())  # report piped to a file or program
    assert not wanted(_Terminal(), io.StringIO())
    monkeypatch.setenv("CI", "true")
    assert not wanted(_Terminal(), _Terminal())


def test_rule_command_prints_its_rules_md_section(capsys: pytest.CaptureFixture[str]) -> None:
    from curriculint.report.rule_docs import render_rule, render_rules_md
    from curriculint.run.registry import find_rule

    rule = find_rule("SUP001")
    assert rule is not None
    assert main(["rule", "unused-suppression"]) == 0
    assert render_rule(rule) in capsys.readouterr().out
    assert f"## SUP001 unused-suppression\n\n{render_rule(rule)}\n" in render_rules_md()
