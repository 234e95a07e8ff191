"""`--format html`: a self-contained report for editors (one file, no network).

Health at a glance (counts by severity, family and rule as inline SVG bar
charts), then the worst pages first, each finding next to its source line with
the span highlighted, filters by rule and severity (a few lines of inline JS),
and each rule's documentation at the end, linked from every finding.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from itertools import groupby

from curriculint.model import Report, Severity
from curriculint.report.summary import (
    SEVERITIES,
    Summary,
    fixable,
    plural,
    rule_anchor,
    summarize,
)

RULES_DOC = "docs/rules.md"
_COLOUR = {"error": "#cf222e", "warning": "#bf8700", "info": "#0969da"}
MAX_RULE_BARS = 15

_STYLE = """
:root{--error:#cf222e;--warning:#bf8700;--info:#0969da;--ok:#1a7f37;--muted:#57606a;
--line:#d0d7de;--bg:#f6f8fa;font-family:system-ui,-apple-system,"Segoe UI",sans-serif}
body{margin:0;color:#1f2328;background:#fff}
header,section,main{max-width:1180px;margin:0 auto;padding:0 24px}
header{padding-top:24px}h1{margin:0 0 4px;font-size:26px}
.lead{color:var(--muted);margin:0 0 16px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:16px}
.card{flex:1 1 140px;border:1px solid var(--line);border-radius:8px;padding:12px 16px;
background:var(--bg)}
.card b{display:block;font-size:28px}.card span{color:var(--muted)}
.card.error b{color:var(--error)}.card.warning b{color:var(--warning)}
.card.info b{color:var(--info)}.card.ok b{color:var(--ok)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(330px,1fr));gap:16px;
margin-bottom:16px}
.chart{border:1px solid var(--line);border-radius:8px;padding:12px}
.chart h2{font-size:15px;margin:0 0 8px}.chart svg{width:100%;height:auto}
.chart text{font-size:12px;fill:#1f2328}.chart .bar{cursor:pointer}
.filters{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);
padding-top:10px;padding-bottom:10px;display:flex;gap:18px;align-items:center;flex-wrap:wrap;
z-index:1}
.filters label{font-size:14px}#shown{color:var(--muted);font-size:14px}
.page{border:1px solid var(--line);border-radius:8px;margin:16px 0;overflow:hidden}
.page h2{font-size:15px;margin:0;padding:10px 14px;background:var(--bg);
border-bottom:1px solid var(--line);display:flex;gap:10px;align-items:center}
.page h2 .path{font-family:ui-monospace,monospace;flex:1}
.findings{list-style:none;margin:0;padding:0}
.finding{padding:8px 14px;border-top:1px solid #eaeef2}.finding:first-child{border-top:0}
.meta{display:flex;gap:10px;align-items:baseline;font-size:14px;flex-wrap:wrap}
.loc{font-family:ui-monospace,monospace;color:var(--muted);min-width:56px}
.badge{border-radius:10px;padding:1px 8px;font-size:12px;color:#fff}
.badge.error{background:var(--error)}.badge.warning{background:var(--warning)}
.badge.info{background:var(--info)}.badge.fix{background:var(--ok)}
.code{font-family:ui-monospace,monospace;font-weight:600}
pre.src{margin:6px 0 0;padding:6px 10px;background:var(--bg);border-radius:6px;
overflow-x:auto;font-size:13px}
pre.src .ln{color:var(--muted);user-select:none;display:inline-block;min-width:40px}
mark{border-radius:3px;padding:0 1px}
.sev-error mark{background:#ffd8d3}.sev-warning mark{background:#fff1b8}
.sev-info mark{background:#ddf4ff}
#rules article{border-top:1px solid var(--line);padding:8px 0}
#rules h3{font-size:15px;margin:6px 0}#rules pre{white-space:pre-wrap;background:var(--bg);
padding:10px;border-radius:6px;font-size:13px}
.clean{color:var(--ok)}footer{color:var(--muted);font-size:12px;padding:24px}
"""

_SCRIPT = """
(function () {
  var rule = document.getElementById('rule-filter');
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[name=severity]'));
  var shown = document.getElementById('shown');
  function apply() {
    var wanted = {};
    boxes.forEach(function (box) { wanted[box.value] = box.checked; });
    var total = 0;
    document.querySelectorAll('.page').forEach(function (page) {
      var visible = 0;
      page.querySelectorAll('.finding').forEach(function (finding) {
        var ok = wanted[finding.dataset.severity] &&
          (!rule.value || finding.dataset.rule === rule.value);
        finding.hidden = !ok;
        if (ok) { visible += 1; }
      });
      page.hidden = visible === 0;
      total += visible;
    });
    shown.textContent = total + (total === 1 ? ' finding shown' : ' findings shown');
  }
  rule.addEventListener('change', apply);
  boxes.forEach(function (box) { box.addEventListener('change', apply); });
  document.querySelectorAll('[data-filter-rule]').forEach(function (bar) {
    bar.addEventListener('click', function () {
      rule.value = bar.getAttribute('data-filter-rule');
      apply();
      document.getElementById('pages').scrollIntoView();
    });
  });
  apply();
})();
"""


def _bar_chart(title: str, rows: Sequence[tuple[str, int, str, str]]) -> str:
    """Horizontal bars: (label, value, colour, rule code to filter by or '')."""
    label_width, bar_width, row_height = 175, 165, 22
    top = max((value for _, value, _, _ in rows), default=0) or 1
    parts = []
    for index, (label, value, colour, rule) in enumerate(rows):
        y = index * row_height
        width = max(2, round(bar_width * value / top)) if value else 0
        filter_attr = f' data-filter-rule="{escape(rule)}"' if rule else ""
        parts.append(
            f'<g class="bar"{filter_attr}><title>{escape(label)}: {value}</title>'
            f'<text x="0" y="{y + 15}">{escape(label[:26])}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{width}" height="14" rx="3" '
            f'fill="{colour}"/>'
            f'<text x="{label_width + width + 6}" y="{y + 15}">{value}</text></g>')
    height = max(row_height, row_height * len(rows))
    return (f'<div class="chart"><h2>{escape(title)}</h2>'
            f'<svg viewBox="0 0 {label_width + bar_width + 50} {height}" role="img" '
            f'aria-label="{escape(title)}">{"".join(parts)}</svg></div>')


def _charts(summary: Summary, names: dict[str, str]) -> str:
    severity_rows = [(severity.value, count, _COLOUR[severity.value], "")
                     for severity, count in summary.by_severity.items()]
    family_rows = [(family, count, "#8250df", "") for family, count in summary.by_family]
    rule_rows = [(f"{code} {names.get(code, '')}", count, "#0969da", code)
                 for code, count in summary.by_rule[:MAX_RULE_BARS]]
    return ('<section class="charts">' + _bar_chart("Findings by severity", severity_rows)
            + _bar_chart("Findings by family", family_rows)
            + _bar_chart("Findings by rule (click to filter)", rule_rows) + "</section>")


def _cards(summary: Summary, files: int) -> str:
    labels = {"error": "errors", "warning": "warnings", "info": "notes"}
    cards = [(severity.value, summary.by_severity[severity], labels[severity.value])
             for severity in SEVERITIES]
    clean = files - summary.files_with_findings
    cards += [("ok", clean, "clean pages"), ("", summary.fixable, "fixable with --fix")]
    return '<section class="cards">' + "".join(
        f'<div class="card {kind}"><b>{count}</b><span>{escape(label)}</span></div>'
        for kind, count, label in cards) + "</section>"


def _source(report: Report) -> str:
    line = report.source_line.rstrip("\r\n")
    if not line.strip():
        return ""
    start = min(report.span.column - 1, len(line))
    end = (report.span.end_column - 1 if report.span.end_line == report.span.line
           else len(line))
    end = max(start, min(end, len(line)))
    marked = (escape(line[:start]) + "<mark>" + escape(line[start:end] or " ") + "</mark>"
              + escape(line[end:]))
    return (f'<pre class="src"><span class="ln">{report.span.line}</span>'
            f"<code>{marked}</code></pre>")


def _finding(report: Report) -> str:
    severity = report.severity.value
    fix = ' <span class="badge fix">fixable</span>' if fixable(report) else ""
    return (f'<li class="finding sev-{severity}" data-rule="{escape(report.code)}" '
            f'data-severity="{severity}"><div class="meta">'
            f'<span class="loc">{report.span.line}:{report.span.column}</span>'
            f'<span class="badge {severity}">{severity}</span>'
            f'<a class="code" href="#rule-{escape(report.code)}" title="{escape(report.name)}">'
            f"{escape(report.code)}</a><span>{escape(report.message)}</span>{fix}</div>"
            f"{_source(report)}</li>")


def _page_rank(found: Sequence[Report]) -> tuple[int, int, int]:
    counts = {severity: 0 for severity in Severity}
    for report in found:
        counts[report.severity] += 1
    return (counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO])


def _pages(reports: Sequence[Report]) -> str:
    grouped = [(path, list(group)) for path, group in groupby(reports, key=lambda r: r.path)]
    # Worst first: most errors, then warnings, then notes; ties by path.
    grouped.sort(key=lambda item: (tuple(-n for n in _page_rank(item[1])), item[0]))
    sections = []
    for path, found in grouped:
        badges = "".join(f'<span class="badge {severity.value}">{count}</span>'
                         for severity, count in zip(SEVERITIES, _page_rank(found), strict=True)
                         if count)
        sections.append(f'<section class="page"><h2><span class="path">{escape(path)}</span>'
                        f'{badges}</h2><ol class="findings">'
                        + "".join(_finding(report) for report in found) + "</ol></section>")
    return "".join(sections)


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
    boxes = "".join(f'<label><input type="checkbox" name="severity" value="{severity.value}"'
                    f" checked> {severity.value} ({summary.by_severity[severity]})</label>"
                    for severity in SEVERITIES)
    return (f'<section class="filters"><label>Rule <select id="rule-filter">'
            f'<option value="">all rules</option>{options}</select></label>{boxes}'
            f'<span id="shown"></span></section>')


def render_html(reports: Sequence[Report], files: int) -> str:
    from curriculint.run.registry import all_rules

    names = {rule.code: rule.name for rule in all_rules()}
    summary = summarize(reports, files)
    if reports:
        lead = (f"{plural(len(reports), 'finding')} in "
                f"{plural(summary.files_with_findings, 'page')} of {files} checked")
        body = (_cards(summary, files) + _charts(summary, names) + _filters(summary, names)
                + f'<main id="pages">{_pages(reports)}</main>' + _rules_section(reports))
    else:
        lead = f"All checks passed ({plural(files, 'page')})."
        body = (_cards(summary, files)
                + '<main id="pages"><p class="clean">Nothing to fix.</p></main>')
    script = f"<script>{_SCRIPT}</script>" if reports else ""
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<title>curriculint report</title><link rel="icon" href="data:,">'
            f"<style>{_STYLE}</style></head><body>"
            f'<header><h1>curriculint report</h1><p class="lead">{escape(lead)}</p></header>'
            f"{body}<footer>Generated by curriculint. Self-contained: no network needed."
            f"</footer>{script}</body></html>\n")
