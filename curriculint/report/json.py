"""`--format json`: the stable, versioned report contract (see README)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from curriculint.model import Report

VERSION = 1


def report_dict(report: Report) -> dict[str, object]:
    return {
        "path": report.path,
        "line": report.span.line,
        "column": report.span.column,
        "end_line": report.span.end_line,
        "end_column": report.span.end_column,
        "rule": report.code,
        "name": report.name,
        "severity": report.severity.value,
        "message": report.message,
        "fixable": report.fix is not None and report.fix.safe,
    }


# The C string encoder json itself uses (ensure_ascii=False).
_string = json.JSONEncoder(ensure_ascii=False).encode


class _Quoted(dict[str, str]):
    """JSON string literals of the values findings share (paths, codes, names,
    severities), encoded once per run."""

    def __missing__(self, text: str) -> str:
        self[text] = quoted = _string(text)
        return quoted


def _finding_block(report: Report, quoted: _Quoted) -> str:
    """report_dict(report) as json.dumps(indent=2) lays it out inside the list."""
    span = report.span
    fixable = "true" if report.fix is not None and report.fix.safe else "false"
    return (f'    {{\n      "path": {quoted[report.path]},\n'
            f'      "line": {span.line},\n      "column": {span.column},\n'
            f'      "end_line": {span.end_line},\n      "end_column": {span.end_column},\n'
            f'      "rule": {quoted[report.code]},\n      "name": {quoted[report.name]},\n'
            f'      "severity": {quoted[report.severity.value]},\n'
            f'      "message": {_string(report.message)},\n      "fixable": {fixable}\n    }}')


def render_json(reports: Sequence[Report], files: int) -> str:
    severities = Counter(report.severity.value for report in reports)
    summary = {
        "files": files,
        "findings": len(reports),
        "by_severity": {name: severities.get(name, 0) for name in ("error", "warning", "info")},
        "by_rule": dict(sorted(Counter(report.code for report in reports).items())),
    }
    document = {"version": VERSION, "findings": [], "summary": summary}
    text = json.dumps(document, indent=2, ensure_ascii=False)
    if not reports:
        return text
    # Exactly what json.dumps(indent=2) writes, but the findings are laid out
    # here: with indent, json falls back to its pure-Python encoder, which took
    # most of a warm run's rendering time on a large site.
    quoted = _Quoted()
    findings = ",\n".join(_finding_block(report, quoted) for report in reports)
    return text.replace('"findings": [],', f'"findings": [\n{findings}\n  ],', 1)
