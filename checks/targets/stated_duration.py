"""The page's stated duration, weekly hours or reading time disagree with its body.

Why: the frontmatter is what the site's cards and search show; a learner who
picks an 8-week path with 10-12 hours a week and finds a 10-week plan of 15
hours a week was told the wrong cost. Compared: `duration` with the body's
stated duration (`Total Duration: 12 weeks`) and with the last week the plan
schedules; `estimated_time` (or `time_commitment`) per week with the body's
weekly commitment; `reading_time` with a "Reading time:" line. A duration the
body states is compared with its plan too. Ranges compare by their ends.

Bad:
```markdown
---
duration: 2 weeks
---
# Cache Design Path

### Week 1: Eviction

### Week 2: Invalidation

### Week 3: Distribution
```

Good:
```markdown
---
duration: 3 weeks
---
# Cache Design Path

### Week 1: Eviction

### Week 2: Invalidation

### Week 3: Distribution
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from curriculint.checks.targets.agreement import Tolerance, once_per_claim, shown, span_text, title
from curriculint.index.budgets import Amount, Budget, BudgetTree
from curriculint.index.units import lookup
from curriculint.load.document import Document, Finding, Severity
from curriculint.model import Span

CODE = "NUM013"
NAME = "stated-duration"
SEVERITY = Severity.ERROR


class Options(Tolerance):
    pass


_WEEK = 7 * 86_400.0
_VALUE = re.compile(
    r"^\s*(?:~|about|approx\.?|around)?\s*(?P<low>\d+(?:\.\d+)?)"
    r"(?:\s*(?:-|–|to)\s*(?P<high>\d+(?:\.\d+)?))?\s*(?P<unit>[^\W\d_]+)?\.?"
    r"(?:\s*(?:/|per|a|each|every)\s*(?P<per>week|wk|day|month))?\s*$", re.IGNORECASE)
_DURATION_KEYS = ("duration", "total_duration", "length")
_WEEKLY_KEYS = ("estimated_time", "time_commitment", "weekly_hours", "hours_per_week",
                "weekly_commitment", "commitment", "effort")
_READING_NAMES = frozenset({"reading time", "estimated reading time", "read time",
                            "time to read"})
# A reading time may be rounded either way; beyond this ratio the two disagree.
_READING_RATIO = 1.3


@dataclass(frozen=True, slots=True)
class _Stated:
    """A frontmatter value read as a figure: seconds, per week or not."""

    key: str
    low: float
    high: float
    unit: str  # pint's name: "week", "hour", "minute"
    weekly: bool
    text: str
    line: int


def _stated(doc: Document, key: str) -> _Stated | None:
    value = doc.frontmatter.data.get(key)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    match = _VALUE.match(str(value))
    if match is None or match.group("unit") is None:
        return None
    unit = lookup(match.group("unit"))
    if unit is None or unit.dimension != "time":
        return None
    low = float(match.group("low"))
    high = float(match.group("high") or low)
    per = (match.group("per") or "").lower()
    if per and per not in ("week", "wk"):
        return None
    return _Stated(key, low * unit.factor, high * unit.factor, unit.name, bool(per),
                   str(value).strip(), doc.frontmatter.line_of(key))


def _first(doc: Document, keys: tuple[str, ...]) -> _Stated | None:
    for key in keys:
        if key in doc.frontmatter.data:
            return _stated(doc, key)
    return None


def _differ(low_a: float, high_a: float, low_b: float, high_b: float, slack: float) -> bool:
    return abs(low_a - low_b) > slack or abs(high_a - high_b) > slack


def _key_span(doc: Document, stated: _Stated) -> Span:
    text = doc.line_text(stated.line)
    return Span.of(stated.line, 1, max(len(text.rstrip()), 1))


@once_per_claim
def check(doc: Document, options: Options | None = None) -> Iterator[Finding]:
    options = options or Options()
    tree = doc.index.budgets
    last = _last_week(tree)
    if doc.frontmatter.present and doc.frontmatter.data:
        yield from _duration(doc, tree, last, options)
        yield from _weekly(doc, tree, options)
        yield from _reading(doc, tree)
    yield from _body_durations(tree, last)
    yield from _whole_effort(tree, options)
    yield from _phase_lengths(doc, tree)


def _last_week(tree: BudgetTree) -> Budget | None:
    """The week label with the highest number in the plan (links left out)."""
    weeks = [node for node in tree.nodes if node.calendar is not None
             and node.calendar.kind == "week" and not node.link
             and node.calendar.end >= node.calendar.start]
    return max(weeks, key=lambda node: node.calendar.end if node.calendar else 0, default=None)


def _duration(doc: Document, tree: BudgetTree, last: Budget | None,
              options: Options) -> Iterator[Finding]:
    stated = _first(doc, _DURATION_KEYS)
    if stated is None or stated.weekly or stated.unit != "week":
        return
    span = _key_span(doc, stated)
    for amount in tree.durations:
        if amount.unit != "week" or amount.weekly:
            continue
        if _differ(stated.low, stated.high, amount.low, amount.high,
                   options.relative * amount.high):
            yield Finding(CODE, span,
                          f"{stated.key}: {stated.text} in the frontmatter; line {amount.line} "
                          f"says {shown(amount.quantity)}")
            return
    if last is None or last.calendar is None:
        return
    if last.calendar.end * _WEEK > stated.high + 1:
        yield Finding(CODE, span,
                      f"{stated.key}: {stated.text} in the frontmatter; the plan runs to week "
                      f"{last.calendar.end} ({title(last)}, line {last.line})")
    elif _plan_end(tree, last) * _WEEK < stated.low - 1 and len(_plan_weeks(tree)) >= 3:
        yield Finding(CODE, span,
                      f"{stated.key}: {stated.text} in the frontmatter; the plan ends at week "
                      f"{_plan_end(tree, last)} ({title(last)}, line {last.line})")


def _weekly(doc: Document, tree: BudgetTree, options: Options) -> Iterator[Finding]:
    stated = _first(doc, _WEEKLY_KEYS)
    if stated is None or not stated.weekly or stated.unit not in ("hour", "minute"):
        return
    for amount in tree.commitments:
        if amount.kind != "effort":
            continue
        if _differ(stated.low, stated.high, amount.low, amount.high,
                   options.relative * amount.high):
            yield Finding(CODE, _key_span(doc, stated),
                          f"{stated.key}: {stated.text} in the frontmatter; line {amount.line} "
                          f"says {_per_week(amount)}")
            return


def _per_week(amount: Amount) -> str:
    quantity = amount.quantity
    return shown(quantity) + ("" if quantity.per else " a week")


def _reading(doc: Document, tree: BudgetTree) -> Iterator[Finding]:
    stated = _first(doc, ("reading_time",))
    if stated is None or stated.weekly or stated.unit not in ("minute", "hour"):
        return
    for node in tree.nodes:
        amount = node.amount
        if node.name not in _READING_NAMES or amount is None or amount.kind != "effort":
            continue
        low, high = sorted((stated.high, amount.high))
        if low > 0 and high / low > _READING_RATIO:
            yield Finding(CODE, _key_span(doc, stated),
                          f"reading_time: {stated.text} in the frontmatter; line {amount.line} "
                          f"says {shown(amount.quantity)}")
            return


def _body_durations(tree: BudgetTree, last: Budget | None) -> Iterator[Finding]:
    """`Total Duration: 12 weeks` against the weeks the plan schedules: its last
    week label, or the last week a phase names."""
    if last is None or last.calendar is None:
        return
    end = _plan_end(tree, last)
    if len({(amount.low, amount.high) for amount in tree.durations}) > 1:
        return  # several paths on one page, each with its own duration
    for amount in tree.durations:
        if amount.unit != "week" or amount.weekly:
            continue
        if last.calendar.end * _WEEK > amount.high + 1:
            yield Finding(CODE, amount.quantity.span,
                          f"the plan runs to week {last.calendar.end} ({title(last)}, line "
                          f"{last.line}); the text says {shown(amount.quantity)}")
            return
        if end * _WEEK < amount.low - 1 and len(_plan_weeks(tree)) >= 3:
            yield Finding(CODE, amount.quantity.span,
                          f"the plan ends at week {end} ({title(last)}, line {last.line}); "
                          f"the text says {shown(amount.quantity)}")
            return


def _plan_end(tree: BudgetTree, last: Budget) -> int:
    """The last week the plan schedules: its last week label, or the last week a
    phase (or project, or lab) names."""
    assert last.calendar is not None
    return max([last.calendar.end, *(node.weeks[1] for node in tree.nodes
                                     if node.weeks is not None and not node.link)])


def _plan_weeks(tree: BudgetTree) -> set[int]:
    """Week numbers the plan's week labels cover."""
    return {week for node in tree.nodes if node.calendar is not None and not node.link
            and node.calendar.kind == "week"
            for week in range(node.calendar.start, node.calendar.end + 1)}


def _whole_effort(tree: BudgetTree, options: Options) -> Iterator[Finding]:
    """`Total Duration: 8 weeks`, `Weekly Commitment: 5-8 hours`, `Total Time: ~90
    hours`: the whole effort is the weeks times the hours a week, range ends
    by range ends (6 weeks at 10-12 hours is 60-72 hours)."""
    for total in tree.totals:
        durations = [amount for amount in tree.durations if amount.unit == "week"
                     and abs(amount.line - total.line) <= 6]
        weekly = [amount for amount in tree.commitments if amount.kind == "effort"
                  and abs(amount.line - total.line) <= 6]
        if not durations or not weekly:
            continue
        # The nearest of each: an overview card states all three together.
        duration = min(durations, key=lambda amount: abs(amount.line - total.line))
        hours = min(weekly, key=lambda amount: abs(amount.line - total.line))
        low = duration.low / _WEEK * hours.low
        high = duration.high / _WEEK * hours.high
        # "~60-80 hours" is a rounded product: read it generously.
        slack = max(options.approximate, 0.15) if total.quantity.bound == "approx" \
            else options.relative
        if not total.quantity.is_range and low * (1 - slack) <= total.low <= high * (1 + slack):
            continue  # one figure inside the product's range
        if abs(total.low - low) > slack * low or abs(total.high - high) > slack * high:
            factor = total.quantity.factor or 1.0
            yield Finding(
                CODE, total.quantity.span,
                f"{shown(duration.quantity)} at {shown(hours.quantity)} a week is "
                f"{span_text(low / factor, high / factor, total.quantity)}; the text says "
                f"{shown(total.quantity)}")


def _phase_lengths(doc: Document, tree: BudgetTree) -> Iterator[Finding]:
    """Phases that state their length (`Phase 1: Foundations (2-3 weeks)`) against
    the page's stated duration: no overlap of the two ranges is reported."""
    phases = [node for node in tree.nodes if node.calendar is not None and not node.link
              and node.calendar.kind not in ("week", "day") and node.amount is not None
              and node.amount.kind == "calendar" and node.amount.unit == "week"]
    if len(phases) < 2 or len({node.calendar.kind for node in phases if node.calendar}) != 1:
        return
    low = sum(node.amount.low for node in phases if node.amount)
    high = sum(node.amount.high for node in phases if node.amount)
    pieces = " + ".join(shown(node.amount.quantity) for node in phases if node.amount)
    for amount in tree.durations:
        if amount.unit != "week" or amount.weekly:
            continue
        if low > amount.high + 1 or high < amount.low - 1:
            yield Finding(CODE, amount.quantity.span,
                          f"the phases take {span_text(low / _WEEK, high / _WEEK)} weeks "
                          f"({pieces}); the text says {shown(amount.quantity)}")
            return
    stated = _first(doc, _DURATION_KEYS)
    if stated is not None and stated.unit == "week" and not stated.weekly and (
            low > stated.high + 1 or high < stated.low - 1):
        yield Finding(CODE, _key_span(doc, stated),
                      f"{stated.key}: {stated.text} in the frontmatter; the phases take "
                      f"{span_text(low / _WEEK, high / _WEEK)} weeks ({pieces})")
