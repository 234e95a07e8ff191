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

import bisect
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
        """Whether a scope covers the report; every scope that covers it counts
        as used. Looked up by selector and line (_ScopeIndex), so a page with
        thousands of directives and findings costs no more than their number."""
        index = self.__dict__.get("_index")
        if index is None or index.size != len(self.scopes):
            index = self.__dict__["_index"] = _ScopeIndex(self.scopes, self.directives)
        hit = False
        for selector in index.selectors_for(report):
            covered, fresh = index.covering(selector, report.span.line)
            hit = hit or covered
            self.used.update((scope.directive, scope.selector) for scope in fresh)
        return hit

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.pop("_index", None)  # rebuilt on first use
        return state

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
        named_by: dict[str, set[str]] = {}  # a page may repeat one selector many times
        for index, directive in enumerate(self.directives):
            if directive.verb == "enable":
                continue
            unused, unknown = [], []
            for selector in directive.selectors:
                if (index, selector) in self.used:
                    continue
                named = named_by.get(selector)
                if named is None:
                    named = named_by[selector] = _named_codes(selector, all_rules())
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


class _ScopeIndex:
    """Scopes by exact selector: `disable-next-line` ones by line, `disable`
    ranges sorted (the ranges of one selector never overlap: a `disable` already
    open is not opened again), `disable-file` ones apart. A scope is handed out
    (to be marked used) once; a line it covers stays covered."""

    def __init__(self, scopes: Sequence[Scope], directives: Sequence[Directive]) -> None:
        self.size = len(scopes)
        self.by_upper: dict[str, list[str]] = {}
        self.lines: dict[str, dict[int, list[Scope]]] = {}
        self.ranges: dict[str, list[Scope]] = {}
        self.starts: dict[str, list[int]] = {}
        self.whole: dict[str, list[Scope]] = {}
        self.whole_span: dict[str, tuple[int, int]] = {}
        for scope in scopes:
            selector = scope.selector
            if selector not in self.lines:
                self.by_upper.setdefault(selector.upper(), []).append(selector)
                self.lines[selector], self.ranges[selector] = {}, []
            verb = directives[scope.directive].verb
            if verb == "disable-next-line":
                self.lines[selector].setdefault(scope.first, []).append(scope)
            elif verb == "disable-file":  # all of them span the whole file
                self.whole.setdefault(selector, []).append(scope)
                self.whole_span[selector] = (scope.first, scope.last)
            else:
                self.ranges[selector].append(scope)
        for selector, ranges in self.ranges.items():
            ranges.sort(key=lambda scope: scope.first)
            self.starts[selector] = [scope.first for scope in ranges]

    def selectors_for(self, report: Report) -> list[str]:
        """The selectors present that `_hits` matches with the report: ALL, a
        prefix of its code in any letter case, its name."""
        found = list(self.by_upper.get(ALL, ()))
        code = report.code.upper()
        for end in range(1, len(code) + 1):
            found += self.by_upper.get(code[:end], ())
        if report.name in self.lines:
            found.append(report.name)
        return [selector for selector in dict.fromkeys(found) if _hits(selector, report)]

    def covering(self, selector: str, line: int) -> tuple[bool, list[Scope]]:
        """Whether a scope of `selector` covers `line`, and those of them not
        handed out before (to be marked used: each scope is handed out once)."""
        fresh: list[Scope] = []
        covered = False
        span = self.whole_span.get(selector)
        if span is not None and span[0] <= line <= span[1]:
            covered = True
            fresh += self.whole[selector]
            self.whole[selector] = []
        on_line = self.lines[selector].get(line)
        if on_line is not None:
            covered = True
            fresh += on_line
            self.lines[selector][line] = []
        at = bisect.bisect_right(self.starts[selector], line) - 1
        if at >= 0 and self.ranges[selector][at].last >= line:
            covered = True
            fresh.append(self.ranges[selector][at])
        return covered, fresh


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
