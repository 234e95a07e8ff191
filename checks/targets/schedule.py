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

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from curriculint.checks.targets.agreement import has_any, number, shown
from curriculint.index.page_index import Index
from curriculint.index.quantities import Quantity
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


def check(doc: Document) -> Iterator[Finding]:
    index = doc.index
    labels = _labels(index)
    yield from _sequences(labels)
    yield from _days_in_weeks(index, labels)
    yield from _weekly_budget(index, labels)


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


def _weekly_budget(index: Index, labels: list[_Label]) -> Iterator[Finding]:
    budgets = [q for q in index.quantities
               if q.dimension == "time" and q.per == "week" and q.factor == 3600
               and has_any(index.text_runs[q.run].text[:q.span.column
                                                        - index.text_runs[q.run].column],
                           _BUDGET)]
    if len({(q.value, q.high) for q in budgets}) != 1:
        return
    budget = budgets[0]
    weeks = [label for label in labels if label.kind == "week" and label.start == label.end]
    if not weeks:
        return
    headings = [heading.line for heading in index.headings]
    boundaries = sorted({label.line for label in labels if label.kind == "week"} | set(headings))
    over: list[tuple[_Label, list[Quantity]]] = []
    for week in weeks:
        later = [line for line in boundaries if line > week.line]
        end = later[0] if later else math.inf
        efforts = [q for q in index.quantities
                   if week.line < q.line < end and q.dimension == "time" and not q.per
                   and q.factor == 3600 and has_any(
                       index.text_runs[q.run].text[:q.span.column
                                                   - index.text_runs[q.run].column], _EFFORT)]
        if len(efforts) < 2:
            continue
        low = math.fsum(q.value for q in efforts)
        if low > budget.base_high / 3600 + 1e-9:
            over.append((week, efforts))
    if not over:
        return
    week, efforts = over[0]
    low = math.fsum(q.value for q in efforts)
    high = math.fsum(q.high if q.high is not None else q.value for q in efforts)
    total = number(low) if low == high else f"{number(low)}-{number(high)}"
    others = ""
    if len(over) > 1:
        others = f"; so do weeks {', '.join(str(item[0].start) for item in over[1:])}"
    yield Finding(
        CODE, budget.span,
        f"Week {week.start} (line {week.line}) schedules {total} hours "
        f"({' + '.join(shown(q) for q in efforts)}), more than the {shown(budget)} per week "
        f"stated here{others}")
