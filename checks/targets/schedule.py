"""Week and day numbering disagree, or a week's effort exceeds the weekly budget.

Why: a schedule is read as a calendar: Week N covers days 7(N-1)+1 to 7N, one
section starts where the last one ended, and the hours a week asks for fit in
the hours a week the page promised. Labels are read at the start of headings,
list items and bold lead-ins (`Week 3`, `**Day 15-16**`); a label that starts
again at 1 begins a new sequence, and weeks counted down to an event ("Week 2
before", "3 weeks out") are not the plan's numbering.

Bad:
```markdown
### Week 1

**Day 1-3**: Caches

### Week 2

**Day 3-5**: Queues
```

Good:
```markdown
### Week 1

**Day 1-3**: Caches

### Week 2

**Day 8-10**: Queues
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from itertools import pairwise

from curriculint.checks.targets.agreement import (
    frontmatter_weekly,
    once_per_claim,
    shown,
    span_text,
    title,
)
from curriculint.index.budgets import Amount, Budget, BudgetTree, Total
from curriculint.index.page_index import Index
from curriculint.load.document import Document, Finding, Severity
from curriculint.model import Span

CODE = "NUM004"
NAME = "schedule"
SEVERITY = Severity.ERROR

_LABEL = re.compile(r"^[\s*_#>\-:|]*(?:[^\w\s*]+\s*)?(?P<kind>Week|Day|Month)s?\s+(?P<start>\d+)"
                    r"(?:\s*[-–]\s*(?P<end>\d+))?(?=\s*(?:[:*_)|—–-]|$))", re.IGNORECASE)
_BUDGET = ("commitment", "budget", "expect", "effort", "workload", "time")
_EFFORT = ("time", "effort", "duration", "⏱")


@dataclass(frozen=True)
class _Label:
    kind: str  # "week", "day", "month"
    start: int
    end: int
    line: int
    span: Span
    context: str


@dataclass(frozen=True)
class Link:
    """One numbered label of a sequence (`Day 15-16`, `Phase 2 (Weeks 3-5)`)."""

    start: int
    end: int
    line: int
    span: Span
    name: str  # how messages name it: "Day", "Week", or the label itself


def breaks(chain: list[Link], shared_ends: bool = False, gaps: bool = True
           ) -> Iterator[tuple[Link, Link, str]]:
    """(link, the one before it, what is wrong) for links out of sequence. A link
    that disagrees with both neighbours while they agree with each other is the
    one reported; so is one that follows a break in an otherwise orderly run."""
    for run in _restarts(chain):
        ranges = any(link.end > link.start for link in run)
        steps = [b.start - a.start for a, b in pairwise(run)]
        consecutive = bool(steps) and sum(step == 1 for step in steps) >= 0.6 * len(steps)
        ok = partial(_in_sequence, ranges=ranges, consecutive=consecutive,
                     shared_ends=shared_ends)
        odd: set[int] = set()
        if len(run) >= 4 and run[0].end >= run[1].start and ok(run[1], run[2]) and \
                ok(run[2], run[3]):  # a missing link is no odd one: only a step back is
            odd.add(0)  # the first link is the odd one
            yield run[0], run[1], "does not lead into"
        for position in range(1, len(run)):
            before = position - 1
            while before in odd and before > 0:
                before -= 1
            if before in odd:
                continue
            link, previous = run[position], run[before]
            if ok(previous, link):
                continue
            following = run[position + 1] if position + 1 < len(run) else None
            earlier = run[before - 1] if before >= 1 else None
            if earlier is not None and before - 1 not in odd and not ok(earlier, previous):
                continue  # the link before is the odd one; reported already
            overlap = link.start <= previous.end - (1 if shared_ends else 0)
            if following is not None and not ok(link, following) and (
                    following.start > previous.end):
                odd.add(position)
                yield link, previous, "does not follow" if not overlap else "overlaps"
            elif overlap:
                yield link, previous, "overlaps" if link.start > previous.start or ranges \
                    else "comes after"
            elif ranges and gaps:
                yield link, previous, "leaves a gap after"


def _in_sequence(first: Link, second: Link, ranges: bool, consecutive: bool,
                 shared_ends: bool = False) -> bool:
    if ranges:
        return second.start == first.end + 1 or (shared_ends and second.start == first.end)
    return second.start == first.start + 1 if consecutive else second.start > first.start


def _restarts(chain: list[Link]) -> Iterator[list[Link]]:
    """The chain cut where it starts again at 1 (or 0), repeats left out."""
    run: list[Link] = []
    for link in chain:
        if run and (link.start, link.end) == (run[-1].start, run[-1].end):
            continue
        if run and link.start <= 1 < run[-1].end + 1:
            yield run
            run = []
        run.append(link)
    if run:
        yield run


def _labels(index: Index) -> list[_Label]:
    found = []
    for run in index.text_runs:
        if run.context not in ("heading", "paragraph"):
            continue
        match = _LABEL.match(run.text)
        if not match:
            continue
        start = int(match.group("start"))
        end = int(match.group("end") or start)
        column = run.column + match.start("kind")
        found.append(_Label(match.group("kind").lower(), start, end, run.line,
                            Span(run.line, column, run.line, run.column + match.end()),
                            run.context))
    return found


@once_per_claim
def check(doc: Document) -> Iterator[Finding]:
    index = doc.index
    labels = _labels(index)
    yield from _sequences(doc)
    # Day labels that name their own week are checked against it (`Days 22-28 (Week 5)`).
    own_week = {run.line for run in index.text_runs if "eek" in run.text
                and (_DAYS_THEN_WEEK.search(run.text) or _WEEK_THEN_DAYS.search(run.text))}
    yield from _days_in_weeks(index, [label for label in labels if label.line not in own_week])
    yield from _weekly_budget(doc)
    yield from _phases(doc)
    yield from _named_weeks_and_days(doc)


def _sequences(doc: Document) -> Iterator[Finding]:
    """Numbered siblings of the budget tree that break their sequence: a backward
    range (Day 5-3), a range that overlaps the one before it or leaves a gap
    (Day 1-2, Day 2-4; Phase 1 (Weeks 1-3), Phase 2 (Weeks 3-5)), a single
    label that steps back (Week 5, Week 8, Week 7).

    Only siblings are chained (the weeks of one phase, the phases of one
    section), headings of one level across the page and days through the
    page, so a milestone list or a table of contents starts its own sequence.
    Milestones (Week 4, Week 8, Week 12) skip on purpose: single labels that
    mostly step by more than one are only held to increasing."""
    chains: dict[tuple[str, int | None, str], list[Link]] = {}
    levels = {heading.line: heading.level for heading in doc.index.headings}
    for node in doc.index.budgets.nodes:
        if node.link:
            continue
        calendar = node.calendar
        if calendar is not None:
            name = calendar.kind.title()
            if calendar.end < calendar.start:
                yield Finding(CODE, node.span,
                              f"{name} {calendar.start}-{calendar.end} runs backwards")
                continue
            link = Link(calendar.start, calendar.end, node.line, node.span, name)
            if calendar.kind == "day":
                # Days run on through the weeks that hold them.
                chains.setdefault(("page", None, "day"), []).append(link)
            elif node.kind == "heading":
                # Week headings run on across the phases that hold them.
                chains.setdefault(("level", levels.get(node.line), calendar.kind),
                                  []).append(link)
            else:
                chains.setdefault(("under", node.parent, calendar.kind), []).append(link)
        if node.weeks is not None and (calendar is None or calendar.kind != "week") \
                and node.weeks[1] >= node.weeks[0]:
            chains.setdefault(("under", node.parent, "named weeks"), []).append(
                Link(node.weeks[0], node.weeks[1], node.line, node.span, title(node)))
    for (_by, _where, kind), chain in chains.items():
        # Projects that share a boundary week (Weeks 2-4, Weeks 4-6) run on purpose.
        # Days may skip (a week lists only some); phases and weeks may not.
        for link, previous, problem in breaks(chain, shared_ends=kind == "named weeks",
                                              gaps=kind != "day"):
            if kind == "named weeks":
                said = f"{link.name} ({_weeks_text(link.start, link.end)})"
                before = f"{previous.name} ({_weeks_text(previous.start, previous.end)})"
                expected = f"week {previous.end + 1}"
            else:
                said = f"{link.name} {_numbers(link)}"
                before = f"{previous.name} {_numbers(previous)}"
                expected = f"{link.name} {previous.end + 1}"
            yield Finding(CODE, link.span,
                          f"{said} {problem} {before} (line {previous.line}); expected "
                          f"{expected}")


def _numbers(link: Link) -> str:
    return str(link.start) if link.start == link.end else f"{link.start}-{link.end}"


def _days_in_weeks(index: Index, labels: list[_Label]) -> Iterator[Finding]:
    """Day labels under a week label must fall in that week (absolute numbering).

    One finding per page, at the first day that leaves its week: the days after
    it usually follow from the same slip."""
    days = [label for label in labels if label.kind == "day"]
    # Days numbered within each week (Day 1-7 every week) are not absolute.
    if not days or max(label.end for label in days) <= 7:
        return
    heading_levels = {heading.line: heading.level for heading in index.headings}
    week: _Label | None = None
    stray: list[tuple[_Label, _Label]] = []
    for label in labels:
        if week is not None and _left_scope(week, label.line, heading_levels):
            week = None
        if label.kind == "week":
            week = label
            continue
        if label.kind != "day" or week is None:
            continue
        first, last = 7 * (week.start - 1) + 1, 7 * week.end
        if not (first <= label.start and label.end <= last):
            stray.append((week, label))
    if not stray:
        return
    week, label = stray[0]
    first, last = 7 * (week.start - 1) + 1, 7 * week.end
    name = f"Week {week.start}" if week.start == week.end else f"Weeks {week.start}-{week.end}"
    said = f"Day {label.start}" + (f"-{label.end}" if label.end != label.start else "")
    more = f"; {len(stray) - 1} later day labels are off too" if len(stray) > 1 else ""
    yield Finding(CODE, label.span,
                  f"{name} (line {week.line}) covers days {first}-{last}; the text says "
                  f"{said}{more}")


def _left_scope(week: _Label, line: int, heading_levels: dict[int, int]) -> bool:
    """A week label reaches to the next heading (a heading label: to the next
    heading of its level or above)."""
    own = heading_levels.get(week.line)
    for heading_line, level in heading_levels.items():
        if week.line < heading_line <= line and (own is None or level <= own):
            return True
    return False


def _weekly_budget(doc: Document) -> Iterator[Finding]:
    """Each week of the budget tree against the page's weekly commitment (the body's,
    else the frontmatter's `estimated_time`). A week that states its hours is
    reported there; weeks whose hours are summed from their days are reported
    once, at the commitment."""
    tree = doc.index.budgets
    commitments = [amount for amount in tree.commitments if amount.kind == "effort"]
    if commitments:
        amount = max(commitments, key=lambda found: found.high)
        quantity = amount.quantity
        limit = _Limit(amount.low, amount.high + (0.5 * 10 ** -quantity.decimals * 3600
                                                  if quantity.decimals else 0.0),
                       _commitment_text(amount), amount.line, quantity.span)
    else:
        stated = frontmatter_weekly(doc)
        if stated is None:
            return
        low, high, text, line = stated
        limit = _Limit(low, high, text, line,
                       Span.of(line, 1, max(len(doc.line_text(line).rstrip()), 1)))
    summed: list[tuple[Budget, Total, float, float]] = []
    for week in _innermost_weeks(tree):
        total = tree.total(week)
        if total is None or total.kind != "effort" or total.weekly:
            continue
        assert week.calendar is not None
        count = week.calendar.end - week.calendar.start + 1
        low, high = total.low / count, total.high / count
        if low <= limit.high + 1e-9:
            continue
        if total.stated:
            quantity = total.amounts[0].quantity
            yield Finding(
                CODE, quantity.span,
                f"{title(week)} takes {span_text(low / 3600, high / 3600, quantity)}"
                f"{' a week' if count > 1 else ''}, more than the {limit.text} a week stated "
                f"on line {limit.line}")
        else:
            summed.append((week, total, low, high))
    if not summed:
        return
    week, total, low, high = summed[0]
    pieces = " + ".join(shown(amount.quantity) for amount in total.amounts)
    others = ""
    if len(summed) > 1:
        others = f"; so do {', '.join(title(item[0]) for item in summed[1:])}"
    yield Finding(
        CODE, limit.span,
        f"{title(week)} (line {week.line}) schedules {span_text(low / 3600, high / 3600)} "
        f"hours ({pieces}), more than the {limit.text} a week stated here{others}")


@dataclass(frozen=True)
class _Limit:
    """The hours a week the page promises."""

    low: float  # seconds
    high: float
    text: str
    line: int
    span: Span


def _commitment_text(amount: Amount) -> str:
    quantity = amount.quantity
    return span_text(amount.low / 3600, amount.high / 3600) + (
        " hours" if quantity.factor == 3600 else f" hours ({shown(quantity)})")


def _innermost_weeks(tree: BudgetTree) -> list[Budget]:
    """Week nodes (not links) with no week node under them."""
    weeks = [node for node in tree.nodes if node.calendar is not None
             and node.calendar.kind == "week" and not node.link
             and node.calendar.end >= node.calendar.start]
    holders = {ancestor.index for week in weeks for ancestor in tree.ancestors(week)}
    return [week for week in weeks if week.index not in holders]


def _phases(doc: Document) -> Iterator[Finding]:
    """A phase names its weeks (`Phase 2 (Weeks 3-5)`): the weeks under it fall
    inside them, and its stated length matches their count."""
    tree = doc.index.budgets
    spans = [node for node in tree.nodes if node.weeks is not None and not node.link
             and node.kind in ("heading", "lead-in", "item", "row")]
    for node in spans:
        assert node.weeks is not None
        start, end = node.weeks
        name = _weeks_text(start, end)
        if end < start:
            continue  # NUM005 reports reversed ranges
        amount = node.amount
        if amount is not None and amount.kind == "calendar" and amount.unit == "week" \
                and not amount.quantity.is_range and amount.quantity.value != end - start + 1:
            yield Finding(CODE, amount.quantity.span,
                          f"{title(node)} covers {name}, {end - start + 1} weeks; the text "
                          f"says {shown(amount.quantity)}")
        for week in tree.descendants(node):
            calendar = week.calendar
            if calendar is None or calendar.kind != "week" or week.link:
                continue
            if calendar.start < start or calendar.end > end:
                yield Finding(CODE, week.span,
                              f"{title(week)} sits under {title(node)} (line {node.line}), "
                              f"which covers {name}")


def _weeks_text(start: int, end: int) -> str:
    return f"week {start}" if start == end else f"weeks {start}-{end}"


_DAYS_THEN_WEEK = re.compile(
    r"\bdays?\s+(?P<first>\d{1,3})(?:\s*(?:-|–|to)\s*(?P<last>\d{1,3}))?\s*"
    r"(?:\(|\[|,|:|—|–|-)?\s*(?:in\s+|of\s+)?week\s+(?P<week>\d{1,3})(?![\d.,-])",
    re.IGNORECASE)
_WEEK_THEN_DAYS = re.compile(
    r"\bweek\s+(?P<week>\d{1,3})\s*(?:\(|\[|:|—|–|-|,)\s*days?\s+(?P<first>\d{1,3})"
    r"(?:\s*(?:-|–|to)\s*(?P<last>\d{1,3}))?(?![\d.,])", re.IGNORECASE)


def _named_weeks_and_days(doc: Document) -> Iterator[Finding]:
    """`Days 22-28 (Week 5)`, `Week 4 (Days 22-28)`: the days of week N are
    7(N-1)+1 to 7N. Days numbered within each week (`Week 5 (Days 1-3)`) are left
    alone."""
    for run in doc.index.text_runs:
        text = run.text
        if "eek" not in text or "ay" not in text:
            continue  # both patterns need "week" and "day"
        for pattern in (_DAYS_THEN_WEEK, _WEEK_THEN_DAYS):
            for match in pattern.finditer(text):
                week = int(match.group("week"))
                first = int(match.group("first"))
                last = int(match.group("last") or first)
                if last < first or week < 1 or (week > 1 and last <= 7):
                    continue
                low, high = 7 * (week - 1) + 1, 7 * week
                if low <= first and last <= high:
                    continue
                said = f"day {first}" if first == last else f"days {first}-{last}"
                weeks_of = f"week {(first - 1) // 7 + 1}" if (first - 1) // 7 == (last - 1) // 7 \
                    else f"weeks {(first - 1) // 7 + 1}-{(last - 1) // 7 + 1}"
                span = Span.of(run.line, run.column + match.start(), match.end() - match.start())
                yield Finding(CODE, span,
                              f"Week {week} covers days {low}-{high}; the text pairs it with "
                              f"{said}, which fall in {weeks_of}")
