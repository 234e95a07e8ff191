"""Baselines: adopt curriculint on an existing site and block only new problems."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from curriculint.cli.main import main
from curriculint.model import Report, Severity, Span
from curriculint.report.baseline import new_findings, write_baseline
from tests.conftest import CORPUS, needs_shared

# A slice of the DStudio corpus: enough real findings, quick to lint.
SECTION = "case-studies"


def _json_findings(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict]]:
    status = main(["check", "--no-cache", "--format", "json", *argv])
    return status, json.loads(capsys.readouterr().out)["findings"]


@needs_shared
def test_baseline_survives_edits_above_and_reports_exactly_the_new_defect(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    shutil.copytree(CORPUS / SECTION, site / "docs" / SECTION)
    shutil.copy(CORPUS.parent / "mkdocs.yml", site / "mkdocs.yml")
    monkeypatch.chdir(site)

    status, before = _json_findings(capsys, "docs")
    assert status == 1 and len(before) > 20
    assert main(["check", "--no-cache", "--write-baseline", "baseline.json", "docs"]) == 0
    assert "recorded" in capsys.readouterr().err

    # An unrelated paragraph above the first finding of a page shifts every line after it.
    first = before[0]
    page = Path(first["path"])
    lines = page.read_text(encoding="utf-8").split("\n")
    lines.insert(first["line"] - 1, "A new, unrelated paragraph about the weather.\n")
    page.write_text("\n".join(lines), encoding="utf-8")
    status, after = _json_findings(capsys, "--baseline", "baseline.json", "docs")
    assert (status, after) == (0, [])

    # A real new defect is reported, and only it.
    with page.open("a", encoding="utf-8") as stream:
        stream.write("\nSee [the runbook](no-such-runbook.md).\n")
    status, after = _json_findings(capsys, "--baseline", "baseline.json", "docs")
    assert status == 1
    assert [(finding["path"], finding["rule"]) for finding in after] == [
        (first["path"], "LNK002")]
    assert "no-such-runbook.md" in after[0]["message"]

    # Paths in the baseline are relative to it: the same check from elsewhere agrees.
    monkeypatch.chdir(tmp_path)
    _, elsewhere = _json_findings(capsys, "--baseline", "site/baseline.json", "site/docs")
    assert [finding["rule"] for finding in elsewhere] == ["LNK002"]


def _report(line: int, message: str = "broken link 'x.md' (line 3)",
            source: str = "See [x](x.md).") -> Report:
    return Report("page.md", "LNK002", "broken-link", Severity.ERROR, Span(line, 5),
                  message, None, source)


def test_fingerprints_ignore_line_numbers_but_count_occurrences(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    baseline = tmp_path / "baseline.json"
    write_baseline(baseline, [_report(10), _report(20)])
    moved = [_report(13, "broken link 'x.md' (line 6)"), _report(23)]
    assert new_findings(moved, baseline) == []
    third = _report(30)
    assert new_findings([*moved, third], baseline) == [third]
    other = _report(11, source="See [y](x.md).")
    assert new_findings([other], baseline) == [other]


def test_missing_or_foreign_baseline_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "a.md"
    page.write_text("---\ntitle: T\ndescription: D\n---\n\n# T\n", encoding="utf-8")
    assert main(["check", "--no-cache", "--baseline", str(tmp_path / "none.json"),
                 str(page)]) == 2
    assert "--write-baseline" in capsys.readouterr().err
    (tmp_path / "other.json").write_text('{"version": 99}', encoding="utf-8")
    assert main(["check", "--no-cache", "--baseline", str(tmp_path / "other.json"),
                 str(page)]) == 2
