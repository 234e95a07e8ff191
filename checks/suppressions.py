"""Inline suppressions in HTML comments, which MkDocs does not render.

    <!-- curriculint: disable=DUP001,LNK002 -->   ... until enable (or end of file)
    <!-- curriculint: enable=DUP001 -->
    <!-- curriculint: disable-next-line=NUM001 -->
    <!-- curriculint: disable-file=ENC001 -->

Without `=CODES` a directive applies to every rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from checks.model import Report

if TYPE_CHECKING:
    from checks.document import Document

_DIRECTIVE = re.compile(
    r"<!--\s*curriculint:\s*(?P<verb>disable-next-line|disable-file|disable|enable)"
    r"(?:\s*=\s*(?P<codes>[\w\-, ]+?))?\s*-->"
)
ALL = "*"


def _selectors(raw: str | None) -> frozenset[str]:
    if not raw:
        return frozenset({ALL})
    return frozenset(part.strip() for part in raw.split(",") if part.strip())


def _hits(selectors: frozenset[str], report: Report) -> bool:
    return any(
        selector == ALL or report.code.startswith(selector.upper()) or selector == report.name
        for selector in selectors
    )


@dataclass
class Suppressions:
    whole_file: frozenset[str] = frozenset()
    next_line: dict[int, frozenset[str]] = field(default_factory=dict)
    # (first line, last line, selectors); last line is inclusive
    ranges: list[tuple[int, int, frozenset[str]]] = field(default_factory=list)

    def suppressed(self, report: Report) -> bool:
        line = report.span.line
        if _hits(self.whole_file, report):
            return True
        selectors = self.next_line.get(line)
        if selectors and _hits(selectors, report):
            return True
        return any(first <= line <= last and _hits(selectors, report)
                   for first, last, selectors in self.ranges)

    def filter(self, reports: Iterable[Report]) -> list[Report]:
        if not (self.whole_file or self.next_line or self.ranges):
            return list(reports)
        return [report for report in reports if not self.suppressed(report)]

    def unused_reports(self, display: str, lines: Sequence[str], plan: Any) -> list[Report]:
        # Reporting suppressions that suppress nothing is part of the reports issue.
        return []


def parse_suppressions(doc: Document) -> Suppressions:
    if "curriculint:" not in doc.text:
        return Suppressions()
    code_lines: set[int] = set()
    for fence in doc.index.fences:
        code_lines.update(range(fence.start_line, fence.end_line + 1))
    result = Suppressions()
    whole: set[str] = set()
    open_ranges: dict[str, int] = {}
    last_line = len(doc.lines)
    for number, line in enumerate(doc.lines, start=1):
        if "curriculint:" not in line or number in code_lines:
            continue
        for match in _DIRECTIVE.finditer(line):
            verb, selectors = match["verb"], _selectors(match["codes"])
            if verb == "disable-file":
                whole.update(selectors)
            elif verb == "disable-next-line":
                result.next_line[number + 1] = selectors
            elif verb == "disable":
                for selector in selectors:
                    open_ranges.setdefault(selector, number)
            else:
                for selector in selectors if ALL not in selectors else list(open_ranges):
                    start = open_ranges.pop(selector, None)
                    if start is not None:
                        result.ranges.append((start, number, frozenset({selector})))
    for selector, start in open_ranges.items():
        result.ranges.append((start, last_line, frozenset({selector})))
    result.whole_file = frozenset(whole)
    return result
