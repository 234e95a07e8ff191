"""`--format json`: the stable, versioned report contract (see README)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from checks.model import Report

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


def render_json(reports: Sequence[Report], files: int) -> str:
    severities = Counter(report.severity.value for report in reports)
    summary = {
        "files": files,
        "findings": len(reports),
        "by_severity": {name: severities.get(name, 0) for name in ("error", "warning", "info")},
        "by_rule": dict(sorted(Counter(report.code for report in reports).items())),
    }
    document = {"version": VERSION, "findings": [report_dict(report) for report in reports],
                "summary": summary}
    return json.dumps(document, indent=2, ensure_ascii=False)
