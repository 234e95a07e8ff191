"""`--format markdown`: a summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`.

Counts by severity, a table by rule, then each file's findings folded in a
`<details>` block; long reports are cut to stay under GitHub's comment limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from curriculint.model import Report
from curriculint.report.summary import (
    SEVERITIES,
    fixable,
    plural,
    severity_phrase,
    summarize,
)

# GitHub rejects comments over 65,536 characters; leave room for the tables.
MAX_FINDINGS = 300
_ICON = {"error": "🔴", "warning": "🟡", "info": "🔵"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def render_markdown(reports: Sequence[Report], files: int) -> str:
    summary = summarize(reports, files)
    if not reports:
        return f"### curriculint\n\n✅ All checks passed ({plural(files, 'file')}).\n"
    from curriculint.run.registry import all_rules

    names = {rule.code: rule.name for rule in all_rules()}
    fixable_by_rule = {code: sum(1 for report in reports if report.code == code
                                 and fixable(report)) for code, _ in summary.by_rule}
    out = [
        "### curriculint",
        "",
        f"**{plural(len(reports), 'finding')}** in {plural(summary.files_with_findings, 'file')}"
        f" of {files} checked: {severity_phrase(summary)}"
        + (f"; {summary.fixable} fixable with `--fix`." if summary.fixable else "."),
        "",
        "| severity | findings |",
        "|---|---:|",
        *(f"| {_ICON[severity.value]} {severity.value} | {count} |"
          for severity, count in summary.by_severity.items()),
        "",
        "| rule | name | findings | fixable |",
        "|---|---|---:|---:|",
        *(f"| `{code}` | {names.get(code, '')} | {count} | {fixable_by_rule[code]} |"
          for code, count in summary.by_rule),
        "",
    ]
    shown = 0
    for path, group in groupby(reports, key=lambda report: report.path):
        found = list(group)
        counts = ", ".join(f"{sum(1 for r in found if r.severity is s)} {s.value}"
                           for s in SEVERITIES if any(r.severity is s for r in found))
        out += [f"<details><summary><code>{_cell(path)}</code>: {counts}</summary>", "",
                "| line | rule | message |", "|---:|---|---|"]
        for report in found:
            if shown >= MAX_FINDINGS:
                break
            out.append(f"| {report.span.line}:{report.span.column} | "
                       f"{_ICON[report.severity.value]} `{report.code}` | "
                       f"{_cell(report.message)} |")
            shown += 1
        out += ["", "</details>", ""]
        if shown >= MAX_FINDINGS:
            out.append(f"… and {len(reports) - shown} more findings (see the full report).")
            break
    return "\n".join(out).rstrip("\n") + "\n"
