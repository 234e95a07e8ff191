"""`--format text`: `path:line:col: CODE message`, a source excerpt and a caret."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from checks.model import Report

MAX_EXCERPT = 160


def _excerpt(report: Report) -> list[str]:
    source = report.source_line.expandtabs(1)
    if not source.strip():
        return []
    start = report.span.column - 1
    width = (report.span.end_column - report.span.column
             if report.span.end_line == report.span.line else len(source) - start)
    width = max(1, min(width, len(source) - start) if start < len(source) else 1)
    shift = 0
    if len(source) > MAX_EXCERPT:
        shift = max(0, min(start - 20, len(source) - MAX_EXCERPT))
        source = source[shift : shift + MAX_EXCERPT]
    gutter = f"{report.span.line:>5} | "
    caret = " " * (len(gutter) - 2) + "| " + " " * (start - shift) + "^" * min(width, MAX_EXCERPT)
    return [gutter + source.rstrip(), caret]


def render_text(reports: Sequence[Report], files: int, excerpts: bool = True) -> str:
    out: list[str] = []
    for report in reports:
        span = report.span
        out.append(f"{report.path}:{span.line}:{span.column}: {report.code} "
                   f"[{report.severity.value}] {report.message}")
        if excerpts:
            out.extend(_excerpt(report))
    counts = Counter(report.severity.value for report in reports)
    fixable = sum(1 for report in reports if report.fix is not None and report.fix.safe)
    if reports:
        parts = [f"{counts[name]} {name}{'s' if counts[name] != 1 else ''}"
                 for name in ("error", "warning", "info") if counts[name]]
        tail = f" ({fixable} fixable with --fix)" if fixable else ""
        out.append(f"Found {len(reports)} finding{'s' if len(reports) != 1 else ''} in "
                   f"{files} file{'s' if files != 1 else ''}: {', '.join(parts)}{tail}.")
    else:
        out.append(f"All checks passed ({files} file{'s' if files != 1 else ''}).")
    return "\n".join(out)
