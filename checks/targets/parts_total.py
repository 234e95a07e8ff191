"""A stated total disagrees with the parts that break it down.

Why: "12 weeks in total: 4, 6 and 4 weeks" adds up to 14; a reader planning
from the parts and one planning from the total disagree. The page's budget
tree is read: a week, phase, day, lead-in or row that states its time
(`Week 6 (14-16 hours)`, `Study Plan (15-18 hours)`, `Time: 9 hours`, a Total
row) against the parts under it (bold lead-ins, list items, sub-headings,
table rows), each part its own figure or what its own parts add up to.
Ranges add by their ends: a total of 10-12 split into 4-5 and 7-8 adds up to
11-13. Parts that fall short are reported only when every part states its
time and the gap passes 10%. In prose: a total followed by its parts after a
colon (`10,400 icons in total: 2,100 ..., 7,400 ... and 600 ...`), parts of
"Of the 62 translations, 57 ... and 7 ..." when they name a partition, and a
weight or share column of a table, which must reach 100% (or its Total row).
A part for each of several occasions ("daily", "weekdays", "Monday to Friday",
"Mon–Thu") counts once per occasion, so its holder is not summed. Figures of
something (`20 minutes of downtime`) many times the time above them are what
an exercise is about, not its parts.

Bad:
```markdown
**Time Commitment**: 20-25 hours/week

- Theory: 6-8 hours/week
- Implementation: 12-15 hours/week
- Optimisation: 4-6 hours/week
```

Good:
```markdown
**Time Commitment**: 22-29 hours/week

- Theory: 6-8 hours/week
- Implementation: 12-15 hours/week
- Optimisation: 4-6 hours/week
```
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence

from curriculint.checks.targets.agreement import (
    Tolerance,
    described,
    groups,
    has_any,
    number,
    once_per_claim,
    shown,
    span_text,
    table_headers,
    title,
    with_unit,
    words,
)
from curriculint.index.budgets import Amount, Budget, BudgetTree, Total
from curriculint.index.quantities import Quantity
from curriculint.load.document import Document, Finding, Severity

CODE = "NUM003"
NAME = "parts-total"
SEVERITY = Severity.ERROR


class Options(Tolerance):
    pass


_OF_THE = re.compile(r"^\W*(?:of|out of)\s+(?:the|all|our|these|its|their)?\s*$", re.IGNORECASE)
# Words that name the two sides of a partition.
_COMPLEMENTS = (("left", "right"), ("read", "write"), ("reads", "writes"), ("pass", "fail"),
                ("passed", "failed"), ("success", "failure"), ("hit", "miss"), ("hits", "misses"),
                ("open", "closed"), ("internal", "external"), ("inbound", "outbound"),
                ("mobile", "desktop"), ("free", "paid"), ("active", "inactive"),
                ("accepted", "rejected"), ("correct", "incorrect"), ("online", "offline"),
                ("ltr", "rtl"), ("synchronous", "asynchronous"), ("sync", "async"))
_REMAINDER = ("the rest", "the remaining", "remainder", "the others", "the other ")
_TOTAL_NEAR = re.compile(r"\b(?:in total|in all|altogether|total|overall|combined)\b",
                         re.IGNORECASE)
_LEAD_IN = ("total", "commitment", "budget", "allocation", "breakdown", "split", "overall",
            "time required", "duration")
# A breakdown may fall this much short of its total before it is reported.
_SHORT = 0.1
# Parts stated per occasion, not per whole: "Daily reading: 1-2 hours".
# A part named for each of several occasions: "daily", "weekdays", and several
# weekdays ("Monday to Friday", "Mon–Thu", "Tue/Thu") whose time is per day.
_DAY = (r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
        r"|sat(?:urday)?|sun(?:day)?)\b\.?")
_PER_OCCASION = re.compile(
    rf"^(?:(?:daily|each|every|per|week(?:day|night|end)s)\b"
    rf"|{_DAY}\s*(?:-|–|—|to|through|/|,|&|and)\s*{_DAY})", re.IGNORECASE)
_WEIGHT_HEADER = ("weight", "share", "allocation", "split", "proportion", "distribution")


def _same_kind(total: Quantity, part: Quantity, elided: bool = False) -> bool:
    """Whether `part` can be a part of `total`; `elided`: a count may leave out
    the counted noun (`10,400 icons in total: 2,100 from X, 7,400 from Y`)."""
    if part.dimension != total.dimension or part.per_seconds != total.per_seconds:
        return False
    if part.bound in ("upper", "lower") or part.dimension == "nines":
        return False
    if total.dimension == "count":
        return bool(total.head) and (part.head == total.head or (elided and not part.noun))
    return True


def _sum(parts: Sequence[Quantity]) -> tuple[float, float]:
    low = math.fsum(part.base for part in parts)
    high = math.fsum(part.base_high for part in parts)
    return low, high


def _written(total: Quantity, value: float) -> float:
    return value * 100 if total.dimension == "percent" else value / total.factor


def _mismatch(total: Quantity, parts: Sequence[Quantity]) -> str | None:
    low, high = _sum(parts)
    digits = max([total.decimals, *(part.decimals for part in parts)])
    slack = 0.5 * 10 ** -digits * max(len(parts) - 1, 1) if digits else 0.0
    if total.bound == "approx":
        slack = max(slack, 0.05 * _written(total, total.base_high))
    low_ok = abs(_written(total, low) - _written(total, total.base)) <= slack + 1e-9
    high_ok = abs(_written(total, high) - _written(total, total.base_high)) <= slack + 1e-9
    if low_ok and high_ok:
        return None
    figure = number(_written(total, low))
    if total.is_range or any(part.is_range for part in parts):
        figure = f"{figure}-{number(_written(total, high))}"
    summed = with_unit(figure, total.symbol, 2) + (f" per {total.per}" if total.per else "")
    pieces = " + ".join(shown(part) for part in parts)
    return f"the parts add up to {summed} ({pieces}); the total says {described(total)}"


@once_per_claim
def check(doc: Document, options: Options | None = None) -> Iterator[Finding]:
    yield from _sentence_totals(doc)
    yield from _budget_parts(doc, options or Options())
    yield from _weight_columns(doc)


def _sentence_totals(doc: Document) -> Iterator[Finding]:
    """`12 weeks in total: 4 weeks ..., 6 weeks ... and 4 weeks ...`, and
    `Of the 62 translations, 57 are ... and 7 ...`."""
    for members in groups(doc).values():
        if members[0].cell >= 0:
            continue
        for position, total in enumerate(members):
            if _OF_THE.search(total.before) and total.dimension == "count" and total.noun:
                found = _of_the_total(total, members[position + 1:])
                if found is not None:
                    yield found
                break
            near = total.before[-12:] + " " + total.after[:len(total.noun) + 14]
            if not _TOTAL_NEAR.search(near) or ":" not in total.after:
                continue
            colon = total.after.index(":")
            if _TOTAL_NEAR.search(total.after[colon:]):
                continue
            rest = members[position + 1:]
            parts = [q for q in rest if _same_kind(total, q, elided=True)]
            if len(parts) < 2 or len(parts) != len([q for q in rest
                                                     if q.dimension == total.dimension]):
                continue
            if any(q.dimension == total.dimension for q in members[:position]):
                continue
            problem = _mismatch(total, parts)
            if problem:
                yield Finding(CODE, total.span, problem)
            break


def _of_the_total(total: Quantity, rest: Sequence[Quantity]) -> Finding | None:
    """`Of the 62 translations, 57 are left-to-right and 7 right-to-left`: parts of
    one count. Groups that may overlap (40 use X, 30 use Y) are not parts, so
    only named complements (left/right, read/write, pass/fail) or "the rest"
    make a partition; and only parts above the whole are reported."""
    parts = [q for q in rest if q.dimension == "count" and not q.per and q.high is None
             and q.bound in ("", "approx")]
    if len(parts) < 2 or len(parts) != len(rest):
        return None
    said = " ".join(words(q.before[-40:] + " " + q.after[:40]) for q in parts)
    named = set(re.findall(r"[a-z]+", said))
    if not (any(first in named and second in named for first, second in _COMPLEMENTS)
            or has_any(said, _REMAINDER)):
        return None
    summed = math.fsum(q.value for q in parts)
    if summed <= total.value + 1e-9:
        return None
    pieces = " + ".join(shown(q) for q in parts)
    return Finding(CODE, total.span,
                   f"the parts add up to {number(summed)} ({pieces}), more than the "
                   f"{described(total)} they are parts of")


def _budget_parts(doc: Document, options: Options) -> Iterator[Finding]:
    """A node of the page's budget tree (a week, a phase, a lead-in) against the
    parts under it: `Week 6 (14-16 hours)` over lead-ins of 5, 7 and 6 hours."""
    tree = doc.index.budgets
    for node in tree.nodes:
        amount = node.amount
        if amount is None or amount.kind == "share" or not node.children or node.link:
            continue
        found = _budget_mismatch(tree, node, amount, options)
        if found is not None:
            yield found


# Parts many times their total, each a figure "of" something (`20 minutes of
# downtime`, `45 minutes of soak time`): what an exercise is about, listed under
# the time it takes, not a breakdown of that time.
_NO_BREAKDOWN = 3
_OF_WHAT = re.compile(r"\s*of\s+\w")


def _budget_mismatch(tree: BudgetTree, node: Budget, amount: Amount,
                     options: Options) -> Finding | None:
    children = tree.parts(node)
    parts = [(child, total) for child in children
             if (total := tree.total(child)) is not None]
    if len(parts) < 2:
        return None
    if any(total.kind != amount.kind for _, total in parts):
        return None  # hours under a week of days: a plan, not a sum
    if len({total.weekly for _, total in parts}) > 1 or (
            parts[0][1].weekly and not amount.weekly):
        return None
    if any(_PER_OCCASION.match(child.name) or _PER_OCCASION.match(child.text.lstrip("*_ "))
           for child, _ in parts):
        return None  # "daily reading: 1-2 hours" is not one part of a week
    kinds = {child.kind for child, _ in parts}
    complete = all(tree.total(child) is not None for child in children if child.kind in kinds)
    low = math.fsum(total.low for _, total in parts)
    high = math.fsum(total.high for _, total in parts)
    quantity = amount.quantity
    factor = quantity.factor or 1.0
    stated_low, stated_high = amount.low / factor, amount.high / factor
    summed_low, summed_high = low / factor, high / factor
    leaves = [leaf for _, total in parts for leaf in total.amounts]
    digits = max([quantity.decimals, *(leaf.quantity.decimals for leaf in leaves)])
    slack = 0.5 * 10 ** -digits * max(len(leaves) - 1, 1) if digits else 0.0
    slack = max(slack, options.relative * stated_high)
    if quantity.bound == "approx":
        slack = max(slack, options.approximate * stated_high)
    # Parts that leave time over are read generously: a plan may keep slack.
    short = max(slack, _SHORT * stated_high)
    ranged = quantity.is_range and any(leaf.quantity.is_range for leaf in leaves)
    if summed_low > _NO_BREAKDOWN * stated_high and all(
            _OF_WHAT.match(leaf.quantity.after) for leaf in leaves):
        return None  # "20 minutes of downtime" under "Exercise (2 minutes)": its data
    if summed_low > stated_high + slack or (ranged and summed_high > stated_high + slack):
        relation = "more than"
    elif complete and (summed_high < stated_low - short
                       or (ranged and summed_low < stated_low - short)):
        relation = "less than"
    else:
        return None
    summed = span_text(summed_low, summed_high, quantity)
    pieces = " + ".join(_piece(child, total, quantity) for child, total in parts)
    stated = shown(quantity) + (f" per {quantity.per}" if quantity.per else "")
    return Finding(CODE, quantity.span,
                   f"{title(node)}: the parts add up to {summed} ({pieces}), {relation} the "
                   f"{stated} stated on line {quantity.line}")


def _piece(child: Budget, total: Total, quantity: Quantity) -> str:
    """A part as the message lists it: a bare figure in the total's unit, the figure
    as written in another unit, or what a part without its own figure adds up to."""
    if total.stated and total.amounts[0].unit != quantity.unit:
        return shown(total.amounts[0].quantity)
    factor = quantity.factor or 1.0
    figure = span_text(total.low / factor, total.high / factor)
    return figure if total.stated else f"{figure} for {title(child)}"


def _weight_columns(doc: Document) -> Iterator[Finding]:
    """A weight or share column of a table must reach 100% (or its Total row)."""
    index = doc.index
    tables = [block for block in index.blocks if block.kind == "table"]
    for table in tables:
        headers = table_headers(doc, table.start_line)
        if not any(has_any(header, _WEIGHT_HEADER) for header in headers):
            continue  # most tables have no weight column: spare the scans below
        cells: dict[int, list[Quantity]] = {}
        rows: dict[int, list[Quantity]] = {}
        for quantity in index.quantities:
            if quantity.cell >= 0 and table.start_line < quantity.line <= table.end_line:
                cells.setdefault(quantity.cell, []).append(quantity)
                rows.setdefault(quantity.line, []).append(quantity)
        body_lines = sorted({run.line for run in index.text_runs if run.context == "table"
                             and table.start_line + 1 < run.line <= table.end_line})
        for column, header in enumerate(headers):
            if not has_any(header, _WEIGHT_HEADER):
                continue
            column_cells = cells.get(column, [])
            if len(column_cells) < 2 or len(column_cells) != len(body_lines):
                continue
            if len({q.line for q in column_cells}) != len(column_cells):
                continue
            if any(q.dimension != "percent" or q.is_range or q.bound in ("upper", "lower")
                   for q in column_cells):
                continue
            first_cells: dict[int, str] = {}
            for run in index.text_runs:
                if run.context == "table" and run.line in body_lines:
                    first_cells.setdefault(run.line, run.text)
            totals = [q for q in column_cells if "total" in words(first_cells.get(q.line, ""))]
            parts = [q for q in column_cells if q not in totals]
            target = totals[0].value if len(totals) == 1 else 100.0
            summed = math.fsum(q.value for q in parts)
            slack = max(0.5 * 10 ** -max(q.decimals for q in parts) * len(parts), 0.5) \
                if any(q.decimals for q in parts) else 0.0
            if abs(summed - target) <= slack + 1e-9:
                continue
            if not totals and summed < 100 and any(
                    q.dimension == "percent" and q.cell < 0 and q.high is None
                    and table.end_line < q.line <= table.end_line + 3
                    and abs(q.value - (100 - summed)) <= slack + 1e-9
                    for q in index.quantities):
                continue  # "The remaining 10% comes from ...": the rest, under the table
            anchor = totals[0] if totals else parts[0]
            pieces = " + ".join(shown(q) for q in parts)
            yield Finding(CODE, anchor.span,
                          f"the '{header.strip(' *')}' column adds up to {number(summed)}% "
                          f"({pieces}), not {number(target)}%")
