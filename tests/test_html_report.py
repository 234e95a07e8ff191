"""The HTML report opened in real headless Chromium, as an editor would open it.

Small reports (the shared fixed site) check what an editor sees and does: every
finding shown, filters and search, badges that follow them, keyboard use,
emoji, print. A generated report of 10,000 findings over 1,000 pages checks that
it scales: time to interactive, DOM size at open, filter and search times.

`--update-snapshots` also refreshes docs/report-screenshot.png.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from curriculint.model import Edit, Fix, Report, Severity, Span
from curriculint.report import render
from curriculint.report.html import MAX_EXCERPT, excerpt, report_data
from curriculint.report.summary import fixable
from curriculint.run.records import RunResult
from curriculint.run.registry import all_rules
from tests.browser import Browser, chromium, colour_emoji_font, distinct_colours
from tests.conftest import ROOT
from tests.test_reporters import fixed_run  # noqa: F401  (the shared fixture)

FAMILY = {rule.code: rule.family for rule in all_rules()}
SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
# What the page table shows of each row: path, the three severity badges, total.
ROWS_JS = """[].map.call(document.querySelectorAll('#page-rows tr.row'), function (row) {
  return [].map.call(row.children, function (cell) { return cell.textContent; }).slice(0, 5);
})"""


def _write(reports: Sequence[Report], files: int, folder: Path, name: str = "report") -> Path:
    page = folder / f"{name}.html"
    page.write_text(render("html", reports, files), encoding="utf-8")
    return page


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium()  # skip, or fail under CI, before anything else
    with Browser(size=(1280, 1000)) as opened:
        yield opened


def _open(browser: Browser, page: Path) -> None:
    browser.console.clear()
    browser.open(page)


def _worst_first(reports: Sequence[Report]) -> list[list[str]]:
    """The rows the table should show: worst first, then by path; blank for zero."""
    counts: dict[str, Counter[Severity]] = {}
    for report in reports:
        counts.setdefault(report.path, Counter())[report.severity] += 1
    order = sorted(counts, key=lambda path: (
        [-counts[path][severity] for severity in SEVERITY_ORDER], path))
    return [[path, *(str(counts[path][severity] or "") for severity in SEVERITY_ORDER),
             str(sum(counts[path].values()))] for path in order]


# --- the small fixed site -------------------------------------------------------------

def test_report_renders_without_console_errors(fixed_run: RunResult,  # noqa: F811
                                               browser: Browser, tmp_path: Path,
                                               update_snapshots: bool) -> None:
    _open(browser, _write(fixed_run.reports, fixed_run.files, tmp_path))
    assert browser.console == [], browser.console
    # Few findings: every one is shown at once, each on its page's row, worst page first.
    assert browser.evaluate("document.querySelectorAll('.finding').length") == len(
        fixed_run.reports)
    assert browser.evaluate(ROWS_JS) == _worst_first(fixed_run.reports)
    # Every finding links to its rule's documentation in the report.
    assert browser.evaluate("""[].every.call(document.querySelectorAll('.finding a.code'),
        function (a) { return document.getElementById(a.hash.slice(1)); })""")
    shot = browser.screenshot(tmp_path / "report.png", height=1400)
    # A blank or unstyled page has a handful of colours; the charts and badges many more.
    assert distinct_colours(shot) > 200
    if update_snapshots:
        shutil.copyfile(shot, ROOT / "docs" / "report-screenshot.png")


_RESET = """document.getElementById('clear').click();"""


def _search(text: str) -> str:
    return (f"var s = document.getElementById('search'); s.value = {json.dumps(text)}; "
            "s.dispatchEvent(new Event('input'));")


def _select(box: str, value: str) -> str:
    return (f"var b = document.getElementById('{box}'); b.value = '{value}'; "
            "b.dispatchEvent(new Event('change'));")


# (what the user does, which findings should then be shown); each starts from all shown.
FILTER_CASES: list[tuple[str, Callable[[Report], bool]]] = [
    (_select("rule-filter", "LNK002"), lambda r: r.code == "LNK002"),
    ("document.querySelector('input[value=error]').click();",
     lambda r: r.severity is not Severity.ERROR),
    ("document.querySelector('[data-filter-rule=ST001]').click();", lambda r: r.code == "ST001"),
    ("document.querySelector('[data-filter-severity=warning]').click();",
     lambda r: r.severity is Severity.WARNING),
    (_select("family-filter", "links"), lambda r: FAMILY[r.code] == "links"),
    ("document.querySelector('[data-filter-family=structure]').click();",
     lambda r: FAMILY[r.code] == "structure"),
    ("document.getElementById('fixable-filter').click();", fixable),
    (_search("EVICTION"), lambda r: "eviction" in r.path),  # a path, any case
    (_search("st0 eviction"),  # every word somewhere: code, name, message, excerpt or path
     lambda r: "st0" in (r.code + r.message).lower() and "eviction" in r.path),
    (_search("guide/missing"), lambda r: "guide/missing" in r.message),  # message text
    (_search("<title>"), lambda r: "<title>" in r.source_line),  # excerpt text
    (_search("no such thing"), lambda r: False),
    (_select("rule-filter", "LNK002") + _search("notes"),
     lambda r: r.code == "LNK002" and "notes" in r.path),
]


def test_filters_and_search_show_the_matching_findings_and_recount_the_badges(
        fixed_run: RunResult, browser: Browser, tmp_path: Path) -> None:  # noqa: F811
    _open(browser, _write(fixed_run.reports, fixed_run.files, tmp_path))
    for action, wanted in FILTER_CASES:
        browser.evaluate(_RESET + action)
        expected = [report for report in fixed_run.reports if wanted(report)]
        shown = browser.evaluate("""[document.querySelectorAll('.finding').length,
            document.getElementById('shown').textContent,
            [].map.call(document.querySelectorAll('.finding'), function (li) {
              return li.closest('tr').previousSibling.querySelector('button').textContent
                + ':' + li.querySelector('.loc').textContent; })]""")
        count = len(expected)
        assert shown[0] == count, (action, shown)
        assert shown[1].startswith(f"{count} finding{'' if count == 1 else 's'} shown"), shown
        assert sorted(shown[2]) == sorted(f"{r.path}:{r.span.line}:{r.span.column}"
                                          for r in expected), action
        assert browser.evaluate(ROWS_JS) == _worst_first(expected), action
        if not expected:
            assert "No page" in browser.evaluate("document.getElementById('range').textContent")
    assert browser.console == [], browser.console


def test_keyboard_alone_filters_and_opens_a_page(fixed_run: RunResult,  # noqa: F811
                                                 browser: Browser, tmp_path: Path) -> None:
    _open(browser, _write(fixed_run.reports, fixed_run.files, tmp_path))
    browser.evaluate("document.getElementById('search').focus()")
    for key in "notes":
        browser.press(key)
    assert browser.evaluate("document.getElementById('search').value") == "notes"
    assert browser.evaluate("document.querySelectorAll('#page-rows tr.row').length") == 1
    # Tab through the filter bar to the table: the row's button, a closing and opening toggle.
    for _ in range(20):
        browser.press("Tab")
        if browser.evaluate("document.activeElement.classList.contains('open')"):
            break
    toggle = "document.activeElement.getAttribute('aria-expanded')"
    assert browser.evaluate(toggle) == "true"  # two findings: shown at once
    browser.press("Enter")
    assert browser.evaluate(toggle) == "false"
    assert browser.evaluate("document.querySelectorAll('.finding').length") == 0
    browser.press(" ")
    assert browser.evaluate(toggle) == "true"
    assert browser.evaluate("document.querySelectorAll('.finding').length") == 2
    # Every control has a name a screen reader can say.
    unnamed = browser.evaluate("""[].filter.call(
        document.querySelectorAll('input, select, button'), function (el) {
          return !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
            && !el.textContent.trim(); }).length""")
    assert unnamed == 0
    assert browser.console == [], browser.console


def test_print_shows_the_findings_without_the_controls(fixed_run: RunResult,  # noqa: F811
                                                       browser: Browser,
                                                       tmp_path: Path) -> None:
    _open(browser, _write(fixed_run.reports, fixed_run.files, tmp_path))
    browser.send("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = browser.evaluate("""[getComputedStyle(document.querySelector('.filters')).display,
            getComputedStyle(document.querySelector('.pager')).display,
            getComputedStyle(document.querySelector('.finding')).display]""")
        assert hidden == ["none", "none", "list-item"]
        pdf = browser.send("Page.printToPDF", {"printBackground": True})["data"]
        assert pdf.startswith("JVBERi")  # %PDF
    finally:
        browser.send("Emulation.setEmulatedMedia", {"media": ""})
    assert browser.console == [], browser.console


def test_empty_report_renders(browser: Browser, tmp_path: Path) -> None:
    _open(browser, _write([], 5, tmp_path, "empty"))
    assert browser.console == []
    assert "All checks passed (5 pages)" in browser.evaluate("document.body.textContent")
    assert distinct_colours(browser.screenshot(tmp_path / "empty.png")) > 20


# --- excerpts: emoji, long lines, hostile text ----------------------------------------

def _report(source: str, column: int, length: int, message: str = "a finding",
            code: str = "ST001", path: str = "docs/page.md") -> Report:
    return Report(path, code, "multiple-h1", Severity.ERROR, Span.of(3, column, length),
                  message, None, source + "\n")


def test_excerpt_offsets_count_utf16_units_as_javascript_does() -> None:
    line, start, end = excerpt(_report("# 🎯 Goals 🚀 now", 6, 5)) or ("", 0, 0)
    assert line == "# 🎯 Goals 🚀 now"
    # Python counts 🎯 as one character, JavaScript's slice as two.
    assert (start, end) == (6, 11)
    assert excerpt(_report("   ", 1, 1)) is None


def test_long_lines_are_cut_to_a_window_around_the_span() -> None:
    source = "x" * 5000 + "TARGET" + "y" * 5000
    line, start, end = excerpt(_report(source, 5001, 6)) or ("", 0, 0)
    assert len(line) <= MAX_EXCERPT + 2
    assert line[start:end] == "TARGET"
    assert line.startswith("…") and line.endswith("…")


def test_a_long_line_scrolls_in_its_box_and_leaves_the_page_its_width(
        browser: Browser, tmp_path: Path) -> None:
    reports = [_report("word " * 2000, 5000, 10, path="docs/" + "deep/" * 30 + "page.md")]
    _open(browser, _write(reports, 1, tmp_path, "long"))
    page, table, box, shown = browser.evaluate("""[document.documentElement.scrollWidth,
        document.querySelector('table.pages').offsetWidth,
        document.querySelector('pre.src').scrollWidth,
        document.querySelector('pre.src').clientWidth]""")
    assert page <= browser.size[0] and table <= browser.size[0]
    assert box > shown  # the excerpt scrolls sideways instead


def test_emoji_in_an_excerpt_renders_in_colour(browser: Browser, tmp_path: Path) -> None:
    emoji_font = colour_emoji_font()
    reports = [_report("# 🎯🎯🎯 Goals: ⚠️ ✔ 👩🏽‍💻 1️⃣", 3, 3, "an emoji 🎯 in the message")]
    _open(browser, _write(reports, 1, tmp_path, "emoji"))
    assert browser.evaluate("document.querySelector('.finding mark').textContent") == "🎯🎯🎯"
    # The marked text is drawn with the colour emoji font, not a fallback box.
    assert emoji_font in browser.fonts_of(".finding mark"), browser.fonts_of(".finding mark")
    assert emoji_font in browser.fonts_of(".finding .msg .emoji")
    # So are a warning sign asked for as emoji (U+FE0F), which DejaVu Sans Mono also
    # has as a plain glyph, a ZWJ sequence with a skin tone and a keycap; a check
    # mark without U+FE0F is text and stays in the text's font.
    emoji = browser.evaluate("""[].map.call(document.querySelectorAll('pre.src .emoji'),
        function (span) { return span.textContent; })""")
    assert emoji == ["🎯", "🎯", "🎯", "⚠️", "👩🏽‍💻", "1️⃣"]
    for index in range(1, 4):
        selector = f"pre.src code > .emoji:nth-of-type({index})"
        assert browser.fonts_of(selector) == [emoji_font], (selector, browser.fonts_of(selector))
    # And it is in colour: the target's red, which no other part of the excerpt has.
    box = browser.evaluate("""(function () { var r = document.querySelector('.finding mark')
        .getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })()""")
    shot = browser.screenshot(tmp_path / "emoji.png")
    from PIL import Image

    with Image.open(shot) as image:
        crop = image.convert("RGB").crop((int(box[0]), int(box[1]), int(box[0] + box[2]),
                                          int(box[1] + box[3])))
        vivid = sum(count for count, (r, g, b) in crop.getcolors(1 << 16) or []
                    if max(r, g, b) - min(r, g, b) > 120)
    assert vivid > 20, vivid
    assert browser.console == []


def test_hostile_text_stays_text(browser: Browser, tmp_path: Path) -> None:
    nasty = "</script><script>window.__owned = 1</script><!-- <img src=x onerror=1>"
    reports = [_report(f"see {nasty} here", 5, len(nasty), f"message {nasty}"),
               _report("plain", 1, 5, path=f"docs/{nasty}.md")]
    page = _write(reports, 2, tmp_path, "hostile")
    assert nasty not in page.read_text(encoding="utf-8")
    _open(browser, page)
    assert browser.evaluate("window.__owned") is None
    texts = browser.evaluate("""[].map.call(document.querySelectorAll(
        '.finding mark, .finding .msg, tr.row button'),
        function (el) { return el.textContent; })""")
    assert {nasty, f"message {nasty}", f"docs/{nasty}.md"} <= set(texts), texts
    assert browser.evaluate("document.querySelectorAll('#pages img, #pages script').length") == 0
    assert browser.console == [], browser.console


# --- scale: 10,000 findings over 1,000 pages ------------------------------------------

LARGE_PAGES, LARGE_FINDINGS = 1000, 10_000


def large_run() -> list[Report]:
    """Every rule, nine or ten findings on most pages and hundreds on two, some
    fixable, an emoji in every excerpt."""
    rules = all_rules()
    reports = []
    for n in range(LARGE_FINDINGS):
        crowded = n - (LARGE_FINDINGS - 450)  # the last 450: 300 on one page, 150 on another
        page = (n * 7919) % LARGE_PAGES if crowded < 0 else int(crowded >= 300)
        rule = rules[(n * 31 + page) % len(rules)]
        if crowded >= 0 and n % 3 == 0:  # one rule with more than AUTO_OPEN findings
            rule = next(rule for rule in rules if rule.code == "LNK003")
        line = 1 + n % 400
        source = f"Line {line} of page {page}: the cache 🎯 keeps {n} entries, section {n % 13}."
        fix = Fix((Edit(Span.of(line, 1, 4), "line"),), "fix it") if n % 5 == 0 else None
        reports.append(Report(f"docs/section-{page % 17}/page-{page:04d}.md", rule.code,
                              rule.name, rule.severity, Span.of(line, 6 + n % 20, 3 + n % 9),
                              f"{rule.name}: finding number {n} on this page", fix, source))
    return sorted(reports, key=lambda report: report.sort_key)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Report], Path]:
    reports = large_run()
    return reports, _write(reports, LARGE_PAGES + 200, tmp_path_factory.mktemp("large"))


# Every DOM node, text included.
NODES_JS = """(function () { var walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
  var n = 1; while (walker.nextNode()) { n++; } return n; })()"""


def test_a_large_report_is_interactive_within_a_second(large: tuple[list[Report], Path],
                                                       browser: Browser) -> None:
    reports, page = large
    assert len({report.path for report in reports}) == LARGE_PAGES
    browser.console.clear()
    # The better of two loads, so that a busy machine's hiccup is not a failure.
    timings = [browser.open_timed(page) for _ in range(2)]
    ready = browser.evaluate("window.__ready")
    print(f"time to interactive {timings} ms; report script done at {ready:.0f} ms")
    assert min(timings) < 1000, timings
    assert 0 < ready < timings[-1] + 1  # the last load's script, within that load
    nodes = browser.evaluate(NODES_JS)
    assert nodes < 5000, nodes
    # The table's first rows only, worst first, and no finding in the DOM yet.
    rows = browser.evaluate(ROWS_JS)
    assert rows == _worst_first(reports)[:50]
    assert browser.evaluate("document.querySelectorAll('.finding').length") == 0
    assert browser.console == [], browser.console


def test_a_large_report_lists_every_rule_in_its_chart(large: tuple[list[Report], Path],
                                                      browser: Browser) -> None:
    reports, page = large
    _open(browser, page)
    counts = Counter(report.code for report in reports)
    bars = browser.evaluate("""[].map.call(document.querySelectorAll('[data-filter-rule]'),
        function (b) { return [b.getAttribute('data-filter-rule'),
                               +b.querySelector('.n').textContent,
                               b.getBoundingClientRect().height]; })""")
    assert len(bars) == len(all_rules()) == len(counts)
    assert {code: count for code, count, _ in bars} == counts
    assert all(height > 5 for _, _, height in bars)  # drawn, not cut off


def _rows_of(reports: Sequence[Report]) -> list[list[str]]:
    return _worst_first(reports)[:50]


def test_a_large_report_filters_and_searches_at_once(large: tuple[list[Report], Path],
                                                     browser: Browser) -> None:
    reports, page = large
    _open(browser, page)
    times: dict[str, float] = {}

    def check(name: str, action: str, wanted: Callable[[Report], bool]) -> list[Report]:
        browser.evaluate(_RESET)
        times[name] = browser.timed(action)
        expected = [report for report in reports if wanted(report)]
        shown = browser.evaluate("document.getElementById('shown').textContent")
        assert shown.startswith(f"{len(expected)} finding"), (name, shown)
        assert browser.evaluate(ROWS_JS) == _rows_of(expected), name  # badges follow
        return expected

    one_rule = check("rule", _select("rule-filter", "LNK003"), lambda r: r.code == "LNK003")
    assert len(one_rule) > 200  # too many to open: the rows only
    assert browser.evaluate("document.querySelectorAll('.finding').length") == 0
    check("severity", "document.querySelector('input[value=error]').click();",
          lambda r: r.severity is not Severity.ERROR)
    check("family", _select("family-filter", "encoding"), lambda r: FAMILY[r.code] == "encoding")
    check("fixable", "document.getElementById('fixable-filter').click();", fixable)
    check("path", _search("page-0042"), lambda r: "page-0042" in r.path)
    found = check("text", _search("number 1234 "), lambda r: "number 1234 " in r.message)
    assert len(found) == 1  # few enough: shown at once
    assert browser.evaluate("document.querySelector('.finding .msg').textContent") == (
        found[0].message)
    check("all", _search(""), lambda r: True)
    print(f"filter and search times (ms): {times}")
    assert max(times.values()) < 500, times
    assert browser.console == [], browser.console


def test_a_large_report_sorts_pages_and_opens_one_in_batches(
        large: tuple[list[Report], Path], browser: Browser) -> None:
    reports, page = large
    _open(browser, page)
    by_path = sorted({report.path for report in reports})
    browser.evaluate("document.querySelector('[data-sort=path]').click()")
    assert [row[0] for row in browser.evaluate(ROWS_JS)] == by_path[:50]
    browser.evaluate("document.getElementById('next').click()")
    assert [row[0] for row in browser.evaluate(ROWS_JS)] == by_path[50:100]
    assert "51\u2013100 of 1000" in browser.evaluate("document.getElementById('range').textContent")
    browser.evaluate("document.querySelector('[data-sort=path]').click()")  # descending
    assert [row[0] for row in browser.evaluate(ROWS_JS)] == by_path[::-1][:50]
    # Printing lays out every row, then the screen goes back to its 50.
    browser.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert len(browser.evaluate(ROWS_JS)) == LARGE_PAGES
    browser.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert [row[0] for row in browser.evaluate(ROWS_JS)] == by_path[::-1][:50]
    # A page with more findings than a batch opens with the first batch and a button.
    crowded = Counter(report.path for report in reports).most_common(1)[0][0]
    many = [report for report in reports if report.path == crowded]
    assert len(many) > 300
    browser.evaluate(_search(crowded))
    browser.evaluate("document.querySelector('tr.row button.open').click()")
    assert browser.evaluate("document.querySelectorAll('.finding').length") == 100
    before = 100
    for shown in (200, 300, len(many)):
        browser.evaluate("document.querySelector('button.more').click()")
        assert browser.evaluate("document.querySelectorAll('.finding').length") == shown
        # The next finding to read has the focus.
        assert browser.evaluate("document.activeElement.closest('.finding') === "
                                f"document.querySelectorAll('.finding')[{before}]")
        before = shown
    assert browser.evaluate("document.querySelector('button.more')") is None
    assert browser.console == [], browser.console


def test_the_data_blob_holds_every_finding_once(large: tuple[list[Report], Path]) -> None:
    reports, page = large
    data: dict[str, Any] = report_data(reports)
    assert len(data["findings"]) == len(reports)
    assert len(data["pages"]) == LARGE_PAGES
    assert len(data["strings"]) == len(set(data["strings"]))
    html = page.read_text(encoding="utf-8")
    blob = re.search(r'id="report-data">(.*?)</script>', html, re.S)
    assert blob is not None and json.loads(blob.group(1)) == data
