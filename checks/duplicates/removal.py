"""Edits that delete whole lines, for fixes that remove a repeated block."""

from __future__ import annotations

from collections.abc import Sequence

from curriculint.model import Edit, Span


def removal_range(lines: Sequence[str], first: int, last: int) -> tuple[int, int]:
    """Widen `first`..`last` over the blank lines after it when a blank line (or
    the start of the page) is already above it, so no double gap is left."""
    above_blank = first == 1 or not lines[first - 2].strip()
    if above_blank:
        while last < len(lines) and not lines[last].strip():
            last += 1
    return first, last


def remove_lines(lines: Sequence[str], first: int, last: int) -> Edit:
    """Delete lines `first`..`last` (1-based, inclusive) with their line breaks.

    The span stays inside the document: it ends at the start of the next line,
    or, for the last line, starts at the end of the line above instead.
    """
    if last < len(lines):
        return Edit(Span(first, 1, last + 1, 1), "")
    if first > 1:
        return Edit(Span(first - 1, len(lines[first - 2]) + 1, last, len(lines[last - 1]) + 1), "")
    return Edit(Span(first, 1, last, len(lines[last - 1]) + 1), "")
