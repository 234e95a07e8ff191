"""The same metric for the same subject is stated twice with different values.

Why: a capstone requirement list and the success-criteria table that repeats
it must agree, or the reader cannot tell which target counts. Only figures
with a clear subject are compared, a list against a table (never two tables
or two lists): a table row's label (its first cell), or a list's bold label or
heading right above it, names the subject; the column header and the item's
words name the metric. Two figures are compared when their subjects are the
same words, they share a metric word with no clashing qualifier (p50 and p99,
read and write), they have the same dimension and bound direction (`<10μs`
and `<10 μs`, `1000` and `1K`, `5-nines` and `99.999%` agree), and each is
the other's only such match.

Bad:
```markdown
**Trading Component**:

- <10μs risk check latency

| Domain | Latency Target |
|--------|----------------|
| **Trading** | <50μs risk check |
```

Good:
```markdown
**Trading Component**:

- Process 100k orders/second
- <10μs risk check latency

| Domain | Latency Target | Throughput Target |
|--------|----------------|-------------------|
| **Trading** | <10 μs risk check | 100K orders/sec |
```
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from operator import attrgetter, le

from curriculint.checks.targets.agreement import (
    Tolerance,
    agrees,
    complement_agrees,
    described,
    once_per_claim,
)
from curriculint.index.page_index import Index
from curriculint.index.quantities import Quantity, singular
from curriculint.index.records import Block
from curriculint.load.document import Document, Finding, Severity

CODE = "NUM007"
NAME = "conflicting-figure"
SEVERITY = Severity.ERROR


class Options(Tolerance):
    pass


_BOLD_LABEL = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?\*\*(?P<label>[^*]+?)\*\*")
_WORD = re.compile(r"[^\W\d_][\w-]*|p\d+(?:\.\d+)?")
_AFTER_COLON = re.compile(r":.*$")
_DIGIT = re.compile(r"\d")
_LABEL_NUMBER = re.compile(r"\d+(?:[.,-]\d+)*")
_start_line = attrgetter("start_line")
_line_of = attrgetter("line")
_GENERIC = frozenset({
    "component", "domain", "requirement", "target", "goal", "criteria", "criterion",
    "metric", "spec", "specification", "objective", "expected", "need", "needed", "must",
    "should", "value", "figure", "number", "approx", "approximately", "about", "around",
    "under", "below", "within", "less", "more", "than", "at", "least", "most", "up",
    "over", "above", "sub", "support", "achieve", "handle", "process", "deliver", "with",
    "the", "a", "an", "of", "for", "to", "in", "on", "and", "or", "per", "by", "is", "are",
    "be", "from", "as", "it", "its", "each", "every", "all", "any", "our", "your", "we",
    "you", "this", "that", "these", "those", "will", "can", "vs", "via", "into", "across",
    # What a section calls the same subject: "IoT Challenge", "IoT Component", "IoT".
    "challenge", "project", "capstone", "exercise", "lab", "milestone", "deliverable",
})
# Words that name different variants of one metric: p50 latency is not p99 latency.
_QUALIFIERS = (
    frozenset({"p50", "p90", "p95", "p99", "p99.9", "p999", "median", "average", "avg", "mean",
               "max", "maximum", "min", "minimum", "peak", "tail", "typical", "worst", "best"}),
    frozenset({"read", "write"}),
    frozenset({"daily", "weekly", "monthly", "yearly", "annual", "annually", "hourly"}),
    frozenset({"cold", "warm", "hot"}),
    frozenset({"current", "baseline", "before", "after", "old", "new", "legacy", "today"}),
    frozenset({"dev", "staging", "production", "prod", "test"}),
    frozenset({"small", "medium", "large"}),
    frozenset({"mvp", "phase", "v1", "v2"}),
)


@dataclass(frozen=True, slots=True)
class _Figure:
    quantity: Quantity
    source: tuple[str, int]  # ("table" | "list", first line of the block)
    section: int | None  # the heading the block sits under
    subject: frozenset[str]
    label: str  # the subject as written
    metric: frozenset[str]
    dimension: str  # "percent" for nines too
    rate: bool


def _words(text: str) -> set[str]:
    found = set(map(_keyword, _WORD.findall(text.lower().replace("*", " ").replace("_", " "))))
    found.discard("")  # the words `_keyword` drops
    return found


@lru_cache(maxsize=1024)  # a column's header serves every row of the table
def _header_words(header: str) -> frozenset[str]:
    return frozenset(_words(header))


@lru_cache(maxsize=8192)  # the same few words come back on every page
def _keyword(word: str) -> str:
    """The word as `_words` keeps it (singular), or "" if it is too short or generic."""
    word = singular(word.strip("-"))
    return word if len(word) > 1 and word not in _GENERIC else ""


@lru_cache(maxsize=1024)  # one label serves every figure of its list or table row
def _subject(label: str) -> frozenset[str]:
    """The label's words, numbers kept: "Day 1-3" is not "Day 4-7"."""
    label = _AFTER_COLON.sub("", label).lower().replace("*", " ")
    numbers = set(_LABEL_NUMBER.findall(label))
    return frozenset(_words(label) | numbers)


@lru_cache(maxsize=1024)
def _label_shown(label: str) -> str:
    """The label as messages print it: no bold marks, nothing after a colon."""
    return " ".join(_AFTER_COLON.sub("", label).replace("*", " ").split())


class _RunsByLine:
    """Positions in `index.text_runs` by line, in reading order: the lookups
    below ran over every run of the page for every figure. Runs come in line
    order, so a bisect over their lines finds a line's runs without a walk in
    Python; runs out of line order go to a dict."""

    def __init__(self, index: Index) -> None:
        self.lines = list(map(_line_of, index.text_runs))
        self.by_line: dict[int, list[int]] | None = None
        if not all(map(le, self.lines, islice(self.lines, 1, None))):
            self.by_line = {}
            for position, line in enumerate(self.lines):
                self.by_line.setdefault(line, []).append(position)

    def __call__(self, line: int) -> Sequence[int]:
        if self.by_line is not None:
            return self.by_line.get(line, ())
        return range(bisect_left(self.lines, line), bisect_right(self.lines, line))


def _cells(index: Index, by_line: _RunsByLine, line: int) -> list[str]:
    runs = index.text_runs
    return [runs[i].text for i in by_line(line) if runs[i].context == "table"]


def _table_figure(index: Index, by_line: _RunsByLine, quantity: Quantity,
                  start: int) -> tuple[str, str] | None:
    """(row label, column header) of a table cell's figure."""
    if quantity.cell <= 0 or quantity.line == start:
        return None
    row = _cells(index, by_line, quantity.line)
    header = _cells(index, by_line, start)
    if len(row) <= quantity.cell or len(header) <= quantity.cell:
        return None
    if _DIGIT.search(row[0]):
        return None
    return row[0], header[quantity.cell]


def _list_label(index: Index, by_line: _RunsByLine, start: int) -> str | None:
    """A bold label or heading on the line right above a list."""
    above = [*by_line(start - 2), *by_line(start - 1)]
    if not above:
        return None
    run = index.text_runs[max(above)]  # the last of them in reading order
    if run.line == start - 2 and by_line(start - 1):
        return None
    if run.context == "heading":
        return run.text
    if run.context != "paragraph":
        return None
    bold = _BOLD_LABEL.match(run.text)
    return bold.group("label") if bold else None


def _innermost(lists: Sequence[Block], line: int) -> Block | None:
    """The list holding `line` that starts last (the first such, on a tie);
    `lists` sorted by first line, so the walk stops at the first list after `line`."""
    found: Block | None = None
    for block in lists:
        if block.start_line > line:
            break
        if line <= block.end_line and (found is None or block.start_line > found.start_line):
            found = block
    return found


def _figures(index: Index) -> list[_Figure]:
    tables = [b for b in index.blocks if b.kind == "table"]
    lists = sorted((b for b in index.blocks if b.kind == "list"), key=_start_line)
    by_line: _RunsByLine | None = None  # built for the first figure that needs it
    found: list[_Figure] = []
    for quantity in index.quantities:
        if quantity.dimension == "count" and not quantity.noun:
            continue
        if quantity.dimension == "nines" and not 1 <= quantity.value <= 9:
            continue
        line = quantity.line
        if quantity.context == "table":
            table = next((b for b in tables if b.start_line <= line <= b.end_line), None)
            if table is None:
                continue
            if by_line is None:
                by_line = _RunsByLine(index)
            cell = _table_figure(index, by_line, quantity, table.start_line)
            if cell is None:
                continue
            label, header = cell
            source = ("table", table.start_line)
            section = table.heading
        else:
            block = _innermost(lists, line)
            if block is None:
                continue
            if block.start_line == line and quantity.context != "paragraph":
                continue
            if by_line is None:
                by_line = _RunsByLine(index)
            list_label = _list_label(index, by_line, block.start_line)
            if list_label is None:
                continue
            label, header = list_label, ""
            source = ("list", block.start_line)
            section = block.heading
        subject = _subject(label)
        if not subject:
            continue  # known before the words around the figure are read
        metric = _words(quantity.before) | _words(quantity.after) | _header_words(header)
        metric -= subject
        if not metric:
            continue
        dimension = "percent" if quantity.dimension == "nines" else quantity.dimension
        if quantity.dimension == "count":
            metric.add(f"#{singular(quantity.head)}")
        found.append(_Figure(quantity, source, section, subject, _label_shown(label),
                             frozenset(metric), dimension, bool(quantity.per_seconds)))
    return found


def _clash(first: frozenset[str], second: frozenset[str]) -> bool:
    for group in _QUALIFIERS:
        mine, theirs = first & group, second & group
        if mine and theirs and mine != theirs:
            return True
    return False


def _comparable(first: _Figure, second: _Figure) -> bool:
    a, b = first.quantity, second.quantity
    # A list against a table, or against a list of another section: two tables (or
    # two lists of one section) with the same labels are more often alternatives
    # (before/after, small/large) than one fact restated.
    if first.subject != second.subject or first.source[0] == second.source[0] == "table":
        return False
    if first.source[0] == second.source[0] and (first.section == second.section
                                                or first.source == second.source
                                                or first.label == second.label):
        # Two lists: in two sections, under labels that name one subject in two
        # ways ("IoT Challenge", "IoT Component"); one label repeated section after
        # section ("Results") is a template, each time about another subject.
        return False
    if first.dimension != second.dimension or first.rate != second.rate:
        return False
    if (a.bound == "lower") != (b.bound == "lower") or (a.bound == "upper") != (b.bound == "upper"):
        return False
    if (a.high is None) != (b.high is None):
        return False
    shared = first.metric & second.metric
    if a.dimension == "count" or b.dimension == "count":
        heads = {w for w in first.metric if w.startswith("#")}
        if not heads & second.metric:
            return False
    if not {w for w in shared if not w.startswith("#")} and first.dimension != "count":
        return False
    return not _clash(first.metric, second.metric)


def _fraction(quantity: Quantity) -> float:
    if quantity.dimension == "nines":
        return 1 - 10 ** -quantity.value
    return quantity.value / 100


def _same(earlier: Quantity, later: Quantity, options: Options) -> bool:
    approx = "approx" in (earlier.bound, later.bound)
    if "percent" in (earlier.dimension, later.dimension) or "nines" in (earlier.dimension,
                                                                         later.dimension):
        decimals = max(earlier.decimals, later.decimals) if "nines" not in (
            earlier.dimension, later.dimension) else 6
        return complement_agrees(_fraction(later), _fraction(earlier), decimals, options) or \
            complement_agrees(_fraction(earlier), _fraction(later), decimals, options)
    ends = [(earlier.rate, later.rate)]
    if earlier.high is not None and later.high is not None:
        high_a = earlier.base_high / (earlier.per_seconds or 1)
        high_b = later.base_high / (later.per_seconds or 1)
        ends.append((high_a, high_b))
    for value_a, value_b in ends:
        scale_b = later.factor / (later.per_seconds or 1)
        scale_a = earlier.factor / (earlier.per_seconds or 1)
        if not (agrees(value_b / scale_b, value_a / scale_b, later.decimals, options, approx)
                or agrees(value_a / scale_a, value_b / scale_a, earlier.decimals, options,
                          approx)):
            return False
    return True


@once_per_claim
def check(doc: Document, options: Options | None = None) -> Iterator[Finding]:
    options = options or Options()
    figures = _figures(doc.index)
    # Only figures with the same subject, dimension and rate can be comparable:
    # pair within those buckets, in the same order as over all pairs.
    buckets: dict[tuple[frozenset[str], str, bool], list[int]] = {}
    for i, figure in enumerate(figures):
        buckets.setdefault((figure.subject, figure.dimension, figure.rate), []).append(i)
    partners: dict[int, list[int]] = {}
    for i, first in enumerate(figures):
        for j in buckets[(first.subject, first.dimension, first.rate)]:
            if j > i and _comparable(first, figures[j]):
                partners.setdefault(i, []).append(j)
                partners.setdefault(j, []).append(i)
    pairs: list[tuple[int, int]] = []
    for i, found in partners.items():
        for j in found:
            if j <= i:
                continue
            # Each must be the other's only match in the other's list or table.
            if [k for k in partners[i] if figures[k].source == figures[j].source] != [j]:
                continue
            if [k for k in partners[j] if figures[k].source == figures[i].source] != [i]:
                continue
            pairs.append((i, j))
    yield from _conflicts(figures, pairs, options)


def _conflicts(figures: list[_Figure], pairs: list[tuple[int, int]],
               options: Options) -> Iterator[Finding]:
    """One figure stated in several places: when most places agree, the odd ones
    are reported; two that disagree, at the later one."""
    stated: dict[int, set[int]] = {}
    for i, j in pairs:
        stated.setdefault(i, set()).add(j)
        stated.setdefault(j, set()).add(i)
    done: set[int] = set()
    for first in sorted(stated):
        if first in done:
            continue
        group = {first}
        pending = [first]
        while pending:
            for other in stated[pending.pop()]:
                if other not in group:
                    group.add(other)
                    pending.append(other)
        done |= group
        members = sorted(group, key=lambda k: figures[k].quantity.span)
        agreeing = {k: [m for m in members if m != k and _same(figures[k].quantity,
                                                               figures[m].quantity, options)]
                    for k in members}
        if all(len(found) == len(members) - 1 for found in agreeing.values()):
            continue
        most = max(len(found) for found in agreeing.values())
        if len(members) >= 3 and most >= 1:
            odd = [k for k in members if len(agreeing[k]) < most]
            for k in odd:
                reference = next(m for m in members if len(agreeing[m]) == most)
                yield _finding(figures[k], figures[reference], others=most)
            continue
        earlier, later = members[0], members[-1]
        yield _finding(figures[later], figures[earlier], others=0)


def _position(quantity: Quantity, word: str) -> int:
    """Where a metric word stands around the figure, for messages in reading order."""
    text = (quantity.before + " " + quantity.after).lower()
    found = text.find(word)
    return found if found >= 0 else len(text)


def _finding(figure: _Figure, other: _Figure, others: int) -> Finding:
    shared = [] if figure.dimension == "count" else sorted(
        (w for w in figure.metric & other.metric if not w.startswith("#")),
        key=lambda word: _position(figure.quantity, word))
    what = " ".join([figure.label, *shared])
    said = f"line {other.quantity.line} says {described(other.quantity)}"
    if others > 1:
        said += f" (as do {others - 1} other places)"
    return Finding(
        CODE, figure.quantity.span,
        f"{what}: {said}, this says {described(figure.quantity)}; the same figure is stated "
        f"twice with different values")
