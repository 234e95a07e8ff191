"""Week and day numbering disagree, or a week's effort exceeds the weekly budget.

Why: a schedule is read as a calendar: Week N covers days 7(N-1)+1 to 7N, one
section starts where the last one ended, and the hours a week asks for fit in
the hours a week the page promised. Labels are read at the start of headings,
list items and bold lead-ins (`Week 3`, `**Day 15-16**`); a label that starts
again at 1 begins a new sequence.

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

from curriculint.checks.targets.agreement import once_per_claim, shown, span_text, title
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
    yield from _sequences(labels)
    # Day labels that name their own week are checked against it (`Days 22-28 (Week 5)`).
    own_week = {run.line for run in index.text_runs if "eek" in run.text
                and (_DAYS_THEN_WEEK.search(run.text) or _WEEK_THEN_DAYS.search(run.text))}
    yield from _days_in_weeks(index, [label for label in labels if label.line not in own_week])
    yield from _weekly_budget(doc)
    yield from _phases(doc)
    yield from _named_weeks_and_days(doc)


def _sequences(labels: list[_Label]) -> Iterator[Finding]:
    """Backward ranges, and a range that starts inside the one before it.

    Gaps are not reported: milestone lists (Week 4, Week 8, Week 12) skip on
    purpose. Only ranges (Day 15-16) are chained, so a single-week label or a
    restart at 1 begins a new sequence."""
    last: dict[tuple[str, str], _Label] = {}
    for label in labels:
        if label.end < label.start:
            yield Finding(CODE, label.span,
                          f"{label.kind.title()} {label.start}-{label.end} runs backwards")
            continue
        key = (label.kind, label.context)
        previous = last.get(key)
        last[key] = label
        if previous is None or label.start == label.end or previous.start == previous.end:
            continue
        name = label.kind.title()
        if previous.start < label.start <= previous.end:
            yield Finding(CODE, label.span,
                          f"{name} {label.start}-{label.end} overlaps {name} "
                          f"{previous.start}-{previous.end} (line {previous.line}); "
                          f"expected {name} {previous.end + 1}")


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
    """Each week of the budget tree against the page's weekly commitment. A week
    that states its hours is reported there; weeks whose hours are summed from
    their days are reported once, at the commitment."""
    tree = doc.index.budgets
    commitments = [amount for amount in tree.commitments if amount.kind == "effort"]
    if not commitments:
        return
    limit = max(commitments, key=lambda amount: amount.high)
    allowed = limit.high + (0.5 * 10 ** -limit.quantity.decimals * 3600
                            if limit.quantity.decimals else 0.0)
    summed: list[tuple[Budget, Total, float, float]] = []
    for week in _innermost_weeks(tree):
        total = tree.total(week)
        if total is None or total.kind != "effort" or total.weekly:
            continue
        assert week.calendar is not None
        count = week.calendar.end - week.calendar.start + 1
        low, high = total.low / count, total.high / count
        if low <= allowed + 1e-9:
            continue
        if total.stated:
            quantity = total.amounts[0].quantity
            yield Finding(
                CODE, quantity.span,
                f"{title(week)} takes {span_text(low / 3600, high / 3600, quantity)}"
                f"{' a week' if count > 1 else ''}, more than the "
                f"{_commitment_text(limit)} a week stated on line {limit.line}")
        else:
            summed.append((week, total, low, high))
    if not summed:
        return
    week, total, low, high = summed[0]
    hours = limit.quantity
    pieces = " + ".join(shown(amount.quantity) for amount in total.amounts)
    others = ""
    if len(summed) > 1:
        others = f"; so do {', '.join(title(item[0]) for item in summed[1:])}"
    yield Finding(
        CODE, hours.span,
        f"{title(week)} (line {week.line}) schedules {span_text(low / 3600, high / 3600)} "
        f"hours ({pieces}), more than the {_commitment_text(limit)} per week stated here{others}")


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
    inside them, its stated length matches their count, and one phase starts
    where the last ended."""
    tree = doc.index.budgets
    spans = [node for node in tree.nodes if node.weeks is not None and not node.link
             and node.kind in ("heading", "lead-in", "item", "row")]
    previous: Budget | None = None
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
        if (previous is not None and previous.weeks is not None and node.calendar is not None
                and previous.calendar is not None
                and node.calendar.kind == previous.calendar.kind
                and node.calendar.start == previous.calendar.end + 1):
            expected = previous.weeks[1] + 1
            if start != expected:
                problem = "overlaps" if start < expected else "leaves a gap after"
                yield Finding(CODE, node.span,
                              f"{title(node)} starts at week {start}: it {problem} "
                              f"{title(previous)} ({_weeks_text(*previous.weeks)}, line "
                              f"{previous.line}); expected week {expected}")
        if node.calendar is not None and node.calendar.kind != "week":
            previous = node


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
