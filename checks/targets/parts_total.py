"""A stated total disagrees with the parts that break it down.

Why: "12 weeks in total: 4, 6 and 4 weeks" adds up to 14; a reader planning
from the parts and one planning from the total disagree. Three shapes are
read: a total followed by its parts after a colon in one sentence; a lead-in
naming a total (commitment, budget, allocation, total) followed by a list whose
every item holds one figure of the same unit; and a weight or share column of
a table, which must reach 100% (or its Total row). Ranges add by their ends: a
total of 10-12 split into 4-5 and 7-8 adds up to 11-13. Sentences that weight
one whole by percentages (55% on X, 40% on Y, 25% on Z) must not pass 100%.

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
    shown,
    table_headers,
    with_unit,
    words,
)
from curriculint.index.page_index import Index
from curriculint.index.quantities import Quantity
from curriculint.index.records import Block
from curriculint.load.document import Document, Finding, Severity

CODE = "NUM003"
NAME = "parts-total"
SEVERITY = Severity.ERROR


class Options(Tolerance):
    pass


_TOTAL_NEAR = re.compile(r"\b(?:in total|in all|altogether|total|overall|combined)\b",
                         re.IGNORECASE)
_LEAD_IN = ("total", "commitment", "budget", "allocation", "breakdown", "split", "overall",
            "time required", "duration")
_WEIGHT_HEADER = ("weight", "share", "allocation", "split", "proportion", "distribution")
_WEIGHT_SENTENCE = ("weight", "split", "divid", "allocat", "breakdown", "distribut")


def _same_kind(total: Quantity, part: Quantity) -> bool:
    if part.dimension != total.dimension or part.per_seconds != total.per_seconds:
        return False
    if part.bound in ("upper", "lower") or part.dimension == "nines":
        return False
    if total.dimension == "count":
        return bool(total.head) and part.head == total.head
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


def check(doc: Document, options: Options | None = None) -> Iterator[Finding]:
    index = doc.index
    yield from _sentence_totals(doc)
    yield from _lead_in_lists(index)
    yield from _weight_columns(doc)
    yield from _weight_sentences(doc)


def _sentence_totals(doc: Document) -> Iterator[Finding]:
    """`12 weeks in total: 4 weeks ..., 6 weeks ... and 4 weeks ...`."""
    for members in groups(doc).values():
        if members[0].cell >= 0:
            continue
        for position, total in enumerate(members):
            near = total.before[-12:] + " " + total.after[:12]
            if not _TOTAL_NEAR.search(near) or ":" not in total.after:
                continue
            colon = total.after.index(":")
            if _TOTAL_NEAR.search(total.after[colon:]):
                continue
            rest = members[position + 1:]
            parts = [q for q in rest if _same_kind(total, q)]
            if len(parts) < 2 or len(parts) != len([q for q in rest
                                                     if q.dimension == total.dimension]):
                continue
            if any(q.dimension == total.dimension for q in members[:position]):
                continue
            problem = _mismatch(total, parts)
            if problem:
                yield Finding(CODE, total.span, problem)
            break


def _lead_in_lists(index: Index) -> Iterator[Finding]:
    """A lead-in line with a total, then a list of its parts, one figure per item."""
    by_line: dict[int, list[Quantity]] = {}
    for quantity in index.quantities:
        by_line.setdefault(quantity.line, []).append(quantity)
    # Lists by first line: a lead-in needs exactly one starting one or two lines below it.
    lists: dict[int, list[Block]] = {}
    for block in index.blocks:
        if block.kind == "list":
            lists.setdefault(block.start_line, []).append(block)
    items = [block for block in index.blocks if block.kind == "item"]
    for line, members in by_line.items():
        if len(members) != 1 or members[0].cell >= 0:
            continue
        following = lists.get(line + 1, []) + lists.get(line + 2, [])
        if len(following) != 1:
            continue
        total = members[0]
        lead = index.text_runs[total.run].text
        if not has_any(lead[: total.span.column - index.text_runs[total.run].column], _LEAD_IN):
            continue
        block = following[0]
        own = [item for item in items if block.start_line <= item.start_line <= block.end_line
               and item.depth == block.depth + 1]
        if len(own) < 2:
            continue
        parts: list[Quantity] = []
        for item in own:
            inside = [q for number_, qs in by_line.items()
                      if item.start_line <= number_ <= item.end_line for q in qs]
            same = [q for q in inside if _same_kind(total, q)]
            if len(same) != 1 or len(inside) != 1:
                parts = []
                break
            parts.append(same[0])
        if len(parts) < 2:
            continue
        problem = _mismatch(total, parts)
        if problem:
            yield Finding(CODE, total.span, problem)


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
            anchor = totals[0] if totals else parts[0]
            pieces = " + ".join(shown(q) for q in parts)
            yield Finding(CODE, anchor.span,
                          f"the '{header.strip(' *')}' column adds up to {number(summed)}% "
                          f"({pieces}), not {number(target)}%")


def _weight_sentences(doc: Document) -> Iterator[Finding]:
    """`about 55% on strategy, 40% on influence and 25% on execution`: one whole."""
    for members in groups(doc).values():
        shares = [q for q in members if q.dimension == "percent" and not q.is_range
                  and q.bound in ("", "approx")]
        if len(shares) < 3 or members[0].cell >= 0:
            continue
        first = members[0]
        if not has_any(first.before + first.text + first.after, _WEIGHT_SENTENCE):
            continue
        if not all(re.match(r"\s+(?:on|for|to|in)\b", q.after) for q in shares):
            continue
        summed = math.fsum(q.value for q in shares)
        if summed <= 100.5:
            continue
        pieces = " + ".join(shown(q) for q in shares)
        yield Finding(CODE, shares[0].span,
                      f"the shares of one whole add up to {number(summed)}% ({pieces})")
