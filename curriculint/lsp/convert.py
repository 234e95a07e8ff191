"""Spans to LSP ranges and back, reports to diagnostics.

A `Span` counts 1-based lines and characters (code points) of the lines that
`split_lines` gives (CR, LF and CRLF end a line, as in LSP). A `Position` counts
0-based lines and the client's code units (UTF-16 unless it chose another
encoding); pygls' codec converts the characters.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from lsprotocol import types
from pygls.workspace import PositionCodec

from curriculint.model import Report, Severity, Span

SOURCE = "curriculint"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def position(lines: Sequence[str], line: int, column: int, codec: PositionCodec
             ) -> types.Position:
    """The LSP position of 1-based `line`, `column`."""
    if line > len(lines):
        return types.Position(line=max(len(lines) - 1, 0),
                              character=codec.client_num_units(lines[-1]) if lines else 0)
    text = lines[line - 1]
    return types.Position(line=line - 1, character=codec.client_num_units(text[:column - 1]))


def to_range(lines: Sequence[str], span: Span, codec: PositionCodec) -> types.Range:
    return types.Range(start=position(lines, span.line, span.column, codec),
                       end=position(lines, span.end_line, span.end_column, codec))


def from_position(lines: Sequence[str], where: types.Position, codec: PositionCodec
                  ) -> tuple[int, int]:
    """1-based line and column (a character index + 1) of an LSP position."""
    if not lines:
        return 1, 1
    # pygls' codec wants the lines with their endings dropped or kept alike.
    found = codec.position_from_client_units(list(lines), types.Position(
        line=where.line, character=where.character))
    return found.line + 1, found.character + 1


def diagnostic(report: Report, lines: Sequence[str], codec: PositionCodec) -> types.Diagnostic:
    return types.Diagnostic(
        range=to_range(lines, report.span, codec),
        message=report.message,
        severity=_SEVERITY[report.severity],
        code=report.code,
        source=SOURCE,
        data={"name": report.name, "fixable": report.fix is not None},
    )


def result_id(reports: Sequence[Report]) -> str:
    """Names one set of findings of a file, for pull diagnostics."""
    digest = hashlib.sha256()
    for report in reports:
        digest.update(f"{report.code}\0{report.span}\0{report.message}\0{report.severity}\0"
                      .encode())
    return digest.hexdigest()[:16]


def covers(span: Span, line: int, column: int) -> bool:
    """`span` holds the 1-based position (its end included: a cursor after the
    last character still points at it)."""
    return (span.line, span.column) <= (line, column) <= (span.end_line, span.end_column)


def overlaps(span: Span, first: tuple[int, int], last: tuple[int, int]) -> bool:
    """`span` meets the range from `first` to `last` (1-based, both included)."""
    return (span.line, span.column) <= last and first <= (span.end_line, span.end_column)
