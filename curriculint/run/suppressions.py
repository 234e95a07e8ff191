"""Inline suppressions in HTML comments, which MkDocs does not render.

    <!-- curriculint: disable=DUP001,LNK002 -->   ... until enable (or end of file)
    <!-- curriculint: enable=DUP001 -->
    <!-- curriculint: disable-next-line=NUM001 -->
    <!-- curriculint: disable-file=ENC001 -->

Without `=CODES` a directive applies to every rule. Each selector of each
directive remembers whether it suppressed something, so one that suppresses
nothing can be reported (SUP001).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from curriculint.model import Edit, Fix, Report, Severity, Span

if TYPE_CHECKING:
    from curriculint.load.document import Document

_DIRECTIVE = re.compile(
    r"<!--\s*curriculint:\s*(?P<verb>disable-next-line|disable-file|disable|enable)"
    r"(?:\s*=\s*(?P<codes>[\w\-, ]+?))?\s*-->"
)
ALL = "*"
UNUSED_CODE = "SUP001"


def _selectors(raw: str | None) -> tuple[str, ...]:
    if not raw:
        return (ALL,)
    return tuple(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))


def _hits(selector: str, report: Report) -> bool:
    return (selector == ALL or report.code.startswith(selector.upper())
            or selector == report.name)


@dataclass(frozen=True)
class Directive:
    verb: str
    selectors: tuple[str, ...]
    span: Span  # the comment itself
    alone: bool  # nothing else on its line, so the fix may delete the line


@dataclass(frozen=True)
class Scope:
    first: int
    last: int  # inclusive
    selector: str
    directive: int  # index into Suppressions.directives


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)
    scopes: list[Scope] = field(default_factory=list)
    # (directive index, selector) pairs that suppressed at least one report
    used: set[tuple[int, str]] = field(default_factory=set)

    def suppressed(self, report: Report) -> bool:
        line = report.span.line
        hit = False
        for scope in self.scopes:
            if scope.first <= line <= scope.last and _hits(scope.selector, report):
                # Keep going: every directive that covers the report counts as used.
                self.used.add((scope.directive, scope.selector))
                hit = True
        return hit

    def filter(self, reports: Iterable[Report]) -> list[Report]:
        if not self.scopes:
            return list(reports)
        return [report for report in reports if not self.suppressed(report)]

    def unused_reports(self, display: str, lines: Sequence[str], plan: Any) -> list[Report]:
        """SUP001 for every selector that suppressed nothing, if SUP001 is selected.

        A selector is judged only when every rule it names ran on this file:
        `--select FM` must not call an `ST001` suppression unused.
        """
        rule = next((rule for rule in plan.rules if rule.code == UNUSED_CODE), None)
        if rule is None or not self.directives:
            return []
        from curriculint.run.plan import ignored_for_file
        from curriculint.run.registry import all_rules

        if ignored_for_file(display, rule, plan.config):
            return []
        ran = {item.code for item in plan.rules
               if not ignored_for_file(display, item, plan.config)}
        defaults = {item.code for item in all_rules() if item.default}
        reports = []
        for index, directive in enumerate(self.directives):
            if directive.verb == "enable":
                continue
            unused, unknown = [], []
            for selector in directive.selectors:
                if (index, selector) in self.used:
                    continue
                named = _named_codes(selector, all_rules())
                if not named:
                    unknown.append(selector)
                elif (defaults if selector == ALL else named) <= ran:
                    # ALL is judged once every default rule ran.
                    unused.append(selector)
            if not unused and not unknown:
                continue
            parts = []
            if unknown:
                parts.append(f"names no known rule: {', '.join(unknown)}")
            if unused:
                which = "any rule" if unused == [ALL] else ", ".join(unused)
                parts.append(f"suppresses nothing for {which}")
            whole = len(unused) + len(unknown) == len(directive.selectors)
            fix = _removal(directive, len(lines)) if whole else None
            report = Report(display, rule.code, rule.name, plan.severities.get(
                rule.code, Severity.WARNING), directive.span,
                f"'{directive.verb}' suppression {'; '.join(parts)}", fix,
                lines[directive.span.line - 1])
            reports.append(report)
        # A SUP001 report can itself be suppressed (`disable-file=SUP001`).
        return [report for report in reports if not self.suppressed(report)]


def _named_codes(selector: str, rules: Iterable[Any]) -> set[str]:
    from curriculint.run.registry import matches

    if selector == ALL:
        return {rule.code for rule in rules}
    return {rule.code for rule in rules if matches(rule, selector)}


def _removal(directive: Directive, line_count: int) -> Fix:
    span = directive.span
    if directive.alone and span.line < line_count:
        # Delete the whole line, its line ending included.
        return Fix((Edit(Span(span.line, 1, span.line + 1, 1), ""),),
                   "remove the unused suppression")
    return Fix((Edit(span, ""),), "remove the unused suppression")


def parse_suppressions(doc: Document) -> Suppressions:
    if "curriculint:" not in doc.text:
        return Suppressions()
    code_lines: set[int] = set()
    for fence in doc.index.fences:
        code_lines.update(range(fence.start_line, fence.end_line + 1))
    result = Suppressions()
    open_ranges: dict[str, tuple[int, int]] = {}  # selector -> (line, directive index)
    last_line = len(doc.lines)
    for number, line in enumerate(doc.lines, start=1):
        if "curriculint:" not in line or number in code_lines:
            continue
        for match in _DIRECTIVE.finditer(line):
            verb, selectors = match["verb"], _selectors(match["codes"])
            index = len(result.directives)
            alone = line.strip() == match.group(0)
            result.directives.append(Directive(
                verb, selectors, Span(number, match.start() + 1, number, match.end() + 1), alone))
            if verb == "disable-file":
                result.scopes.extend(Scope(1, last_line, selector, index)
                                     for selector in selectors)
            elif verb == "disable-next-line":
                result.scopes.extend(Scope(number + 1, number + 1, selector, index)
                                     for selector in selectors)
            elif verb == "disable":
                for selector in selectors:
                    open_ranges.setdefault(selector, (number, index))
            else:
                for selector in selectors if ALL not in selectors else list(open_ranges):
                    opened = open_ranges.pop(selector, None)
                    if opened is not None:
                        result.scopes.append(Scope(opened[0], number, selector, opened[1]))
    for selector, (start, index) in open_ranges.items():
        result.scopes.append(Scope(start, last_line, selector, index))
    return result
