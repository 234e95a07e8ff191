"""The HTML report as an editor meets it, measured in headless Chromium.

    .venv/bin/python bench/html_report.py REPORT.html [REPORT.html ...] [--runs 5]

For each report: its size; the DOM at open (elements, every node, height in
px); the time to interactive (DOMContentLoaded, then the first frame drawn and
the main thread free: tests/browser.py INTERACTIVE), median of --runs fresh
loads; then the time from a filter action to the frame that shows its result,
median of --runs: the most frequent rule chosen, back to all rules, errors
hidden, errors shown again, and (where the report has a search box) a search
and its clearing. The actions use only what the report before issue 22 had as
well (#rule-filter, the severity boxes), so old and new reports compare.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import Browser  # noqa: E402

NODES = """(function () { var walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
  var n = 1; while (walker.nextNode()) { n++; } return n; })()"""
TOP_RULE = """(function () { var best = ['', -1];
  [].forEach.call(document.querySelectorAll('#rule-filter option'), function (o) {
    var m = /\\((\\d+)\\)$/.exec(o.textContent); if (m && +m[1] > best[1]) best = [o.value, +m[1]];
  }); return best[0]; })()"""


def _select(value: str) -> str:
    return (f"var r = document.getElementById('rule-filter'); r.value = '{value}'; "
            "r.dispatchEvent(new Event('change'));")


def _search(value: str) -> str:
    return (f"var s = document.getElementById('search'); s.value = '{value}'; "
            "s.dispatchEvent(new Event('input'));")


def measure(page: Path, runs: int) -> dict[str, float | int | str]:
    result: dict[str, float | int | str] = {"report": page.name, "MB": page.stat().st_size / 1e6}
    loads, actions = [], {}
    with Browser(size=(1280, 900)) as browser:
        for run in range(runs):
            loads.append(browser.open_timed(page))
            if run == 0:
                result["elements"] = browser.evaluate("document.getElementsByTagName('*').length")
                result["nodes"] = browser.evaluate(NODES)
                result["height px"] = browser.evaluate("document.documentElement.scrollHeight")
            rule = browser.evaluate(TOP_RULE)
            result["most frequent rule"] = rule
            steps = {"that rule chosen": _select(rule), "all rules": _select(""),
                     "errors off": "document.querySelector('input[value=error]').click();",
                     "errors on": "document.querySelector('input[value=error]').click();"}
            if browser.evaluate("!!document.getElementById('search')"):
                steps["search 'cache'"] = _search("cache")
                steps["search cleared"] = _search("")
            for name, action in steps.items():
                actions.setdefault(name, []).append(browser.timed(action))
        assert not browser.console, browser.console
    result["interactive ms"] = statistics.median(loads)
    for name, times in actions.items():
        result[f"{name} ms"] = statistics.median(times)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    rows = [measure(page, options.runs) for page in options.reports]
    keys = list(dict.fromkeys(key for row in rows for key in row))
    print("| " + " | ".join(["measure", *(str(row["report"]) for row in rows)]) + " |")
    print("|---" * (len(rows) + 1) + "|")
    for key in keys[1:]:
        cells = [_cell(key, row.get(key, "")) for row in rows]
        print("| " + " | ".join([key, *cells]) + " |")


def _cell(key: str, value: object) -> str:
    if key == "MB" and isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, float | int):
        return f"{value:,.0f}"
    return str(value)

if __name__ == "__main__":
    main()
