"""The HTML report opened in real headless Chromium, as an editor would open it.

`--update-snapshots` also refreshes docs/report-screenshot.png.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from curriculint.report import render
from curriculint.run.records import RunResult
from tests.browser import distinct_colours, screenshot
from tests.conftest import ROOT
from tests.test_reporters import fixed_run  # noqa: F401  (the shared fixture)


def _report(result: RunResult, folder: Path, extra_script: str = "") -> Path:
    html = render("html", result.reports, result.files)
    if extra_script:
        html = html.replace("</body>", f"<script>{extra_script}</script></body>")
    page = folder / "report.html"
    page.write_text(html, encoding="utf-8")
    return page


def test_report_renders_without_console_errors(fixed_run: RunResult,  # noqa: F811
                                               tmp_path: Path, update_snapshots: bool) -> None:
    run = screenshot(_report(fixed_run, tmp_path), tmp_path / "report.png")
    assert run.console == [], run.console
    # A blank or unstyled page has a handful of colours; the charts and badges many more.
    assert distinct_colours(run.screenshot) > 200
    if update_snapshots:
        shutil.copyfile(run.screenshot, ROOT / "docs" / "report-screenshot.png")


# (what the user does, findings then shown); each starts from every finding shown.
FILTER_CASES = [
    ("rule.value = 'LNK002'; rule.dispatchEvent(new Event('change'));", 2),
    ("document.querySelector('input[value=error]').click();", 3),
    ("document.querySelector('[data-filter-rule=ST001]').dispatchEvent("
     "new MouseEvent('click'));", 1),
]
_RESET = ("rule.value = ''; document.querySelectorAll('input[name=severity]').forEach("
          "function (box) { box.checked = true; }); rule.dispatchEvent(new Event('change'));")


def test_filters_hide_the_other_findings(fixed_run: RunResult,  # noqa: F811
                                         tmp_path: Path) -> None:
    probe = "var rule = document.getElementById('rule-filter');"
    for index, (action, _) in enumerate(FILTER_CASES):
        probe += (_RESET + action + f"console.log('PROBE {index} shown=' + "
                  "document.querySelectorAll('.finding:not([hidden])').length + "
                  "' label=' + document.getElementById('shown').textContent);")
    run = screenshot(_report(fixed_run, tmp_path, probe), tmp_path / "filtered.png",
                     size=(800, 600))
    probes = [line for line in run.console if "PROBE" in line]
    assert len(probes) == len(FILTER_CASES), run.console
    for index, (_, shown) in enumerate(FILTER_CASES):
        assert f"PROBE {index} shown={shown} label={shown} finding" in probes[index], probes
    assert not [line for line in run.console if "PROBE" not in line]


def test_empty_report_renders(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text(render("html", [], 5), encoding="utf-8")
    run = screenshot(page, tmp_path / "empty.png", size=(800, 600))
    assert run.console == []
    assert distinct_colours(run.screenshot) > 20
