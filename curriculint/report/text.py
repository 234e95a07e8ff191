"""`--format text`: findings grouped by file, each `path:line:col: CODE [severity]
message` (clickable in editors and terminals) with a source excerpt and a caret,
then a summary line. Colour only when the caller asks (a terminal without NO_COLOR).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from curriculint.model import Report, Severity
from curriculint.report.summary import Summary, fixable, plural, severity_phrase, summarize

MAX_EXCERPT = 160

_RESET = "\033[0m"
_BOLD = "\033[1m"
_DIM = "\033[2m"
_SEVERITY_COLOUR = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m",
                    Severity.INFO: "\033[36m"}


class _Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *styles: str) -> str:
        if not self.enabled or not text:
            return text
        return "".join(styles) + text + _RESET


def _excerpt(report: Report, paint: _Paint) -> list[str]:
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
    bar = " " * (len(gutter) - 2) + "| "
    carets = "^" * min(width, MAX_EXCERPT)
    return [paint(gutter, _DIM) + source.rstrip(),
            paint(bar, _DIM) + " " * (start - shift)
            + paint(carets, _SEVERITY_COLOUR[report.severity])]


def _headline(report: Report, paint: _Paint) -> str:
    span = report.span
    where = paint(f"{report.path}:{span.line}:{span.column}:", _BOLD)
    level = paint(f"[{report.severity.value}]", _SEVERITY_COLOUR[report.severity])
    marker = " [*]" if fixable(report) else ""
    return f"{where} {paint(report.code, _BOLD)}{marker} {level} {report.message}"


def render_text(reports: Sequence[Report], files: int, excerpts: bool = True,
                color: bool = False, quiet: bool = False, fix_hint: str = "--fix") -> str:
    paint = _Paint(color)
    out: list[str] = []
    for _path, group in groupby(reports, key=lambda report: report.path):
        if out:
            out.append("")  # a blank line between files
        for report in group:
            out.append(_headline(report, paint))
            if excerpts:
                out.extend(_excerpt(report, paint))
    if quiet:
        return "\n".join(out)
    summary = summarize(reports, files)
    if reports:
        out += ["", *_per_rule(summary, reports)]
        tail = (f" ({summary.fixable} fixable with {fix_hint}, marked [*])"
                if summary.fixable else "")
        out += ["",
                paint(f"Found {plural(len(reports), 'finding')} in "
                      f"{plural(summary.files_with_findings, 'file')} of {files} checked: "
                      f"{severity_phrase(summary)}{tail}.", _BOLD)]
    elif files:  # nothing checked is not a pass (the command says why on stderr)
        out.append(f"All checks passed ({plural(files, 'file')}).")
    return "\n".join(out)


def _per_rule(summary: Summary, reports: Sequence[Report]) -> list[str]:
    """The closing count per rule, most frequent first, as ruff's --statistics."""
    names = {report.code: report.name for report in reports}
    width = len(str(summary.by_rule[0][1])) if summary.by_rule else 1
    return [f"{count:>{width}}  {code:<7} {names[code]}" for code, count in summary.by_rule]
