"""`--format html`: a self-contained report for editors (one file, no network).

The file holds, as HTML: counts by severity, the findings by severity, family and
rule as bar charts (every rule; a bar filters the findings), the filter bar, the
frame of the page table and each rule's documentation. The findings themselves
are one JSON blob, which the inline script (html_report.js) turns into the page
table (worst first, sortable, paginated) and, only for the pages opened or when
the filters leave few findings, into findings next to their source lines with the
span marked. So the DOM at open stays small whatever the number of findings:
docs/reports.md has the measurements.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from curriculint.model import Report
from curriculint.report.summary import (
    SEVERITIES,
    Summary,
    fixable,
    plural,
    rule_anchor,
    summarize,
)

RULES_DOC = "docs/rules.md"
_COLOUR = {"error": "#cf222e", "warning": "#9a6700", "info": "#0969da"}
_FAMILY_COLOUR = "#8250df"
_RULE_COLOUR = "#0969da"
_SEVERITY_INDEX = {severity: index for index, severity in enumerate(SEVERITIES)}
# An excerpt longer than this is cut to a window around the marked span.
MAX_EXCERPT = 400
_CONTEXT = 120

_HERE = Path(__file__).resolve().parent


def _asset(name: str) -> str:
    return (_HERE / name).read_text(encoding="utf-8")


def _bars(title: str, rows: Sequence[tuple[str, int, str, str]], wide: bool = False) -> str:
    """A bar chart as a list of buttons: (label, value, colour, filter attribute)."""
    top = max((value for _, value, _, _ in rows), default=0) or 1
    items = []
    for label, value, colour, attribute in rows:
        share = round(100 * value / top, 1)
        items.append(
            f'<li><button type="button" {attribute} title="{escape(label)}: {value}" '
            f'aria-label="{escape(label)}: {plural(value, "finding")}, show only these">'
            f'<span class="label">{escape(label)}</span><span class="track">'
            f'<span class="bar" style="width:{share}%;background:{colour}"></span></span>'
            f'<span class="n">{value}</span></button></li>')
    kind = "chart wide" if wide else "chart"
    return (f'<div class="{kind}"><h2>{escape(title)}</h2><ul class="bars">'
            + "".join(items) + "</ul></div>")


def _charts(summary: Summary, names: dict[str, str]) -> str:
    severity_rows = [(severity.value, count, _COLOUR[severity.value],
                      f'data-filter-severity="{severity.value}"')
                     for severity, count in summary.by_severity.items()]
    family_rows = [(family, count, _FAMILY_COLOUR, f'data-filter-family="{escape(family)}"')
                   for family, count in summary.by_family]
    rule_rows = [(f"{code} {names.get(code, '')}", count, _RULE_COLOUR,
                  f'data-filter-rule="{escape(code)}"') for code, count in summary.by_rule]
    return ('<section class="charts" aria-label="Charts">'
            + _bars("Findings by severity", severity_rows)
            + _bars("Findings by family", family_rows)
            + _bars(f"Findings by rule ({len(rule_rows)}; click one to filter)", rule_rows,
                    wide=True)
            + "</section>")


def _cards(summary: Summary, files: int) -> str:
    labels = {"error": "errors", "warning": "warnings", "info": "notes"}
    cards = [(severity.value, summary.by_severity[severity], labels[severity.value])
             for severity in SEVERITIES]
    clean = files - summary.files_with_findings
    cards += [("ok", clean, "clean pages"), ("", summary.fixable, "fixable with --fix")]
    return '<section class="cards">' + "".join(
        f'<div class="card {kind}"><b>{count}</b><span>{escape(label)}</span></div>'
        for kind, count, label in cards) + "</section>"


def _utf16(text: str) -> int:
    """Length in UTF-16 code units, as JavaScript's String.slice counts."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def excerpt(report: Report) -> tuple[str, int, int] | None:
    """The source line (cut to a window around the span when long) and the marked
    span in it as UTF-16 offsets; None for a blank line."""
    line = report.source_line.rstrip("\r\n")
    if not line.strip():
        return None
    start = min(report.span.column - 1, len(line))
    end = (report.span.end_column - 1 if report.span.end_line == report.span.line
           else len(line))
    end = max(start, min(end, len(line)))
    if len(line) > MAX_EXCERPT:
        left = max(0, start - _CONTEXT)
        end = min(end, start + MAX_EXCERPT - 2 * _CONTEXT)
        right = min(len(line), end + _CONTEXT)
        head = "…" if left else ""
        tail = "…" if right < len(line) else ""
        line = head + line[left:right] + tail
        start, end = start - left + len(head), end - left + len(head)
    return line, _utf16(line[:start]), _utf16(line[:end])


def report_data(reports: Sequence[Report]) -> dict[str, Any]:
    """The JSON blob the script renders (its layout is described in html_report.js)."""
    from curriculint.run.registry import all_rules

    known = {rule.code: rule for rule in all_rules()}
    codes = sorted({report.code for report in reports})
    family_of = {code: known[code].family if code in known else "other" for code in codes}
    families = sorted(set(family_of.values()))
    family_index = {family: index for index, family in enumerate(families)}
    rule_index = {code: index for index, code in enumerate(codes)}
    names = {report.code: report.name for report in reports}
    paths = sorted({report.path for report in reports})
    page_index = {path: index for index, path in enumerate(paths)}
    strings: list[str] = []
    interned: dict[str, int] = {}

    def intern(value: str) -> int:
        index = interned.get(value)
        if index is None:
            index = interned[value] = len(strings)
            strings.append(value)
        return index

    findings = []
    for report in sorted(reports, key=lambda r: (page_index[r.path], r.span.line,
                                                  r.span.column, r.code)):
        cut = excerpt(report)
        findings.append([page_index[report.path], rule_index[report.code],
                         _SEVERITY_INDEX[report.severity], report.span.line,
                         report.span.column, intern(report.message), int(fixable(report)),
                         *((intern(cut[0]), cut[1], cut[2]) if cut else (-1, 0, 0))])
    return {"rules": [[code, names[code], family_index[family_of[code]]] for code in codes],
            "families": families, "pages": paths, "strings": strings, "findings": findings}


def _json_script(data: dict[str, Any]) -> str:
    # '<' escaped, so no '</script>' or '<!--' inside can end the element early.
    blob = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="report-data">{blob}</script>'


def _rules_section(reports: Sequence[Report]) -> str:
    from curriculint.run.registry import all_rules

    used = {report.code for report in reports}
    articles = []
    for rule in all_rules():
        if rule.code not in used:
            continue
        link = f"{RULES_DOC}#{rule_anchor(rule.code, rule.name)}"
        articles.append(
            f'<article id="rule-{escape(rule.code)}"><h3>{escape(rule.code)} '
            f"{escape(rule.name)} <small>({rule.severity.value}, {escape(rule.family)})"
            f"</small></h3><p>{escape(rule.summary)}</p><details><summary>Documentation"
            f"</summary><pre>{escape(rule.doc)}</pre></details>"
            f'<p><a href="{escape(link)}">{escape(link)}</a></p></article>')
    return '<section id="rules"><h2>Rules</h2>' + "".join(articles) + "</section>"


def _filters(summary: Summary, names: dict[str, str]) -> str:
    options = "".join(f'<option value="{escape(code)}">{escape(code)} '
                      f"{escape(names.get(code, ''))} ({count})</option>"
                      for code, count in sorted(summary.by_rule))
    families = "".join(f'<option value="{escape(family)}">{escape(family)} ({count})</option>'
                       for family, count in sorted(summary.by_family))
    boxes = "".join(f'<label><input type="checkbox" name="severity" value="{severity.value}"'
                    f" checked> {severity.value} ({summary.by_severity[severity]})</label>"
                    for severity in SEVERITIES)
    return ('<section class="filters" aria-label="Filters">'
            '<label>Search <input type="search" id="search" autocomplete="off" '
            'placeholder="path, rule or text" aria-describedby="shown"></label>'
            f'<label>Rule <select id="rule-filter"><option value="">all rules</option>'
            f"{options}</select></label>"
            f'<label>Family <select id="family-filter"><option value="">all families</option>'
            f"{families}</select></label>"
            f"<fieldset><legend>Severity</legend>{boxes}</fieldset>"
            '<label><input type="checkbox" id="fixable-filter"> fixable only</label>'
            '<button type="button" id="clear">Clear filters</button>'
            '<span id="shown" role="status" aria-live="polite"></span></section>')


def _page_table(summary: Summary) -> str:
    families = sorted(family for family, _ in summary.by_family)
    headers = [("path", "Page", ""), ("error", "errors", ""), ("warning", "warnings", ""),
               ("info", "notes", ""), ("total", "total", "")]
    headers += [(f"family:{family}", family, "family") for family in families]
    cells = "".join(f'<th scope="col" class="{kind}" aria-sort="none"><button type="button" '
                    f'data-sort="{escape(key)}">{escape(label)}</button></th>'
                    for key, label, kind in headers)
    return ('<main id="pages"><h2 id="pages-title" tabindex="-1">Pages</h2>'
            '<noscript><p>The page table and the findings need JavaScript; the counts and '
            "charts above are complete without it.</p></noscript>"
            '<table class="pages"><caption>Pages with findings, worst first (most errors, '
            "then warnings, then notes); a column's heading sorts by it, a page opens its "
            "findings. Counts follow the filters.</caption>"
            f'<thead><tr>{cells}</tr></thead><tbody id="page-rows"></tbody></table>'
            '<nav class="pager" aria-label="Pages of the table">'
            '<button type="button" id="previous">Previous</button><span id="range"></span>'
            '<button type="button" id="next">Next</button></nav></main>')


def render_html(reports: Sequence[Report], files: int) -> str:
    from curriculint.run.registry import all_rules

    names = {rule.code: rule.name for rule in all_rules()}
    summary = summarize(reports, files)
    if reports:
        lead = (f"{plural(len(reports), 'finding')} in "
                f"{plural(summary.files_with_findings, 'page')} of {files} checked")
        body = (_cards(summary, files) + _charts(summary, names) + _filters(summary, names)
                + _page_table(summary) + _rules_section(reports))
        script = _json_script(report_data(reports)) + f"<script>{_asset('html_report.js')}</script>"
    else:
        lead = f"All checks passed ({plural(files, 'page')})."
        body = (_cards(summary, files)
                + '<main id="pages"><p class="clean">Nothing to fix.</p></main>')
        script = ""
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<title>curriculint report</title><link rel="icon" href="data:,">'
            f"<style>{_asset('html_report.css')}</style></head><body>"
            f'<header><h1>curriculint report</h1><p class="lead">{escape(lead)}</p></header>'
            f"{body}<footer>Generated by curriculint. Self-contained: no network needed."
            f"</footer>{script}</body></html>\n")
