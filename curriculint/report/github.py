"""`--format github`: GitHub Actions workflow commands, shown inline on PRs."""

from __future__ import annotations

from collections.abc import Sequence

from curriculint.model import Report, Severity

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(reports: Sequence[Report], files: int) -> str:
    lines = []
    for report in reports:
        span = report.span
        properties = ",".join([
            f"file={_escape_property(report.path)}",
            f"line={span.line}",
            f"col={span.column}",
            f"endLine={span.end_line}",
            f"endColumn={span.end_column}",
            f"title={_escape_property(f'{report.code} {report.name}')}",
        ])
        lines.append(f"::{_LEVEL[report.severity]} {properties}::{_escape_data(report.message)}")
    return "\n".join(lines)
