"""The budget tree of a page: what each part of a learning path says it takes.

Every heading, bold lead-in, list item and table row that states a duration,
an effort or a share ("(10-12 h)", "Time: 9 hours", "**Project** — 4 h",
"Day 3: 4h", a Time or Weight column) becomes a node, nested by the page's
structure: a heading holds its section, a list item its lines, a bold lead-in
what follows it up to the next lead-in of its container, a table its rows.
Nodes that state nothing stay in the tree when they hold nodes that do (a
week whose days state their hours).

A figure counts only where a budget is written: alone in parentheses after a
name (`Reading (5 hours)`), or right after a name and a colon or a dash
(`Time: 6-8 hours`, `Project — 4 h`), or in a table column headed Time,
Hours, Duration or Effort. A figure inside a sentence ("handle requests in
<72 hours") is a target, not a budget.

A node named like an attribute of what holds it (`Time:`, `Duration:`,
`Study Plan (15-18 hours)`, `Estimated time:`) states its holder's budget and
leaves the tree. Weekly commitments (`12-15 hours/week`, `Weekly Commitment:
12-15 hours`) and total durations (`Total Duration: 12 weeks`) are collected
for the page as well.

Built from the index's headings, blocks, text runs and quantities; nothing is
parsed again.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from curriculint.index.quantities import Quantity
from curriculint.index.records import Block, Heading, Section, TextRun
from curriculint.model import Span

if TYPE_CHECKING:
    from curriculint.index.page_index import Index

# Units a learner budgets in: effort (hours of work) and calendar (days of a plan).
_EFFORT = frozenset({"second", "minute", "hour"})
_CALENDAR_UNITS = frozenset({"day", "week", "month"})
_WEEK = 7 * 86_400.0

# `Week 3`, `Day 15-16`, `Phase 2`, `Module 4` at the start of a label.
_CALENDAR = re.compile(
    r"^(?P<kind>week|day|phase|month|module|part|stage|sprint|unit|session|level)s?\s*"
    r"(?P<start>\d{1,3})(?:\s*(?:-|–|—|to|through|&|and)\s*(?P<end>\d{1,3}))?"
    r"(?!\s*(?:-|–|—)\s*\d)(?=\s*(?:[:(—–|.,-]|$))", re.IGNORECASE)
# Weeks a label names anywhere: "Phase 2: Patterns (Weeks 3-5)".
_NAMED_WEEKS = re.compile(
    r"\bweeks?\s+(?P<start>\d{1,3})(?:\s*(?:-|–|—|to|through)\s*(?P<end>\d{1,3}))?(?![\d.,])",
    re.IGNORECASE)
_NAMED_DAYS = re.compile(
    r"\bdays?\s+(?P<start>\d{1,3})(?:\s*(?:-|–|—|to|through)\s*(?P<end>\d{1,3}))?(?![\d.,])",
    re.IGNORECASE)
# Weeks or days counted down to an event ("Week 2 before", "3 weeks out"): not
# the plan's own numbering.
_COUNTDOWN = re.compile(r"\b(?:weeks?|days?)\b[^:]{0,24}?\b(?:before|out|left|to\s+go|remaining"
                        r"|prior|ago)\b", re.IGNORECASE)
_LINK_ONLY = re.compile(r"^\W*\[[^\]]*\]\(\s*\)\W*$")
_SHORTCODE = re.compile(r":[a-z0-9_+-]+:|\{[^{}\n]*\}")
_BOLD = re.compile(r"^(?:\*\*|__)(?P<label>.+?)(?:\*\*|__)")
# Leading decoration of a label: emoji, symbols, list-like marks.
_DECORATION = re.compile(r"^[^\w*_\[(]+")
_NAME_END = re.compile(r"\s*(?::|\(|—|–|\s-\s)")
_SPACES = re.compile(r"\s+")
_ASCII_LETTER = re.compile(r"[a-z]")
_DIGIT = re.compile(r"\d")
_EMPTY_TARGET = re.compile(r"\(\s*\)")  # a link's target, blanked in the text runs
_WEEKLY_WORDS = frozenset({"time", "hours", "effort", "study", "commitment", "workload"})
# Names of a line that states its holder's budget, not a part of it.
ATTRIBUTES = frozenset({
    "time", "duration", "study plan", "estimated time", "estimated duration", "est time",
    "time investment", "time required", "total time", "effort", "estimated effort", "total",
    "time needed", "time budget", "total hours", "hours", "workload", "expected time",
    "time estimate", "time to complete", "length", "total effort", "time allocation",
    "study time", "total duration", "timebox", "time box", "estimated hours",
})
# Names of a page-wide weekly commitment.
COMMITMENTS = frozenset({
    "weekly commitment", "time commitment", "commitment", "weekly time", "hours per week",
    "weekly hours", "weekly effort", "weekly study", "weekly workload", "weekly time commitment",
    "expected commitment", "study commitment", "weekly study time", "pace",
})
# Names of a page-wide total duration (in weeks or months).
DURATIONS = frozenset({
    "total duration", "path duration", "duration", "program length", "course length",
    "program duration", "course duration", "total length",
})
# Names of the whole effort a page asks for (`Total Time: ~60-80 hours`).
TOTALS = frozenset({
    "total time", "time investment", "total hours", "total effort", "total time investment",
    "total commitment", "estimated total", "total study time", "total workload",
})
_TIME_HEADERS = ("time", "hours", "hrs", "duration", "effort", "estimate")
_CALENDAR_HEADER = re.compile(r"^(week|day|month|phase|module)s?$", re.IGNORECASE)
_HEADER_UNIT = re.compile(r"\((?P<unit>h|hrs?|hours?|min|mins|minutes|days?|weeks?)\)|"
                          r"^\s*(?P<word>hours|hrs|minutes|mins|days|weeks)\s*$", re.IGNORECASE)
_HEADER_UNITS = {"h": ("hour", 3600.0, "h"), "hr": ("hour", 3600.0, "h"),
                 "hrs": ("hour", 3600.0, "h"), "hour": ("hour", 3600.0, "h"),
                 "hours": ("hour", 3600.0, "h"), "min": ("minute", 60.0, "min"),
                 "mins": ("minute", 60.0, "min"), "minutes": ("minute", 60.0, "min"),
                 "day": ("day", 86_400.0, "day"), "days": ("day", 86_400.0, "day"),
                 "week": ("week", _WEEK, "week"), "weeks": ("week", _WEEK, "week")}


@dataclass(frozen=True, slots=True)
class Amount:
    """A budget as stated: an effort, a calendar length or a share."""

    quantity: Quantity  # the figure as written
    kind: str  # "effort" (minutes, hours), "calendar" (days, weeks, months), "share" (%)
    weekly: bool  # stated per week ("12-15 hours/week")

    @property
    def low(self) -> float:
        """Lower end in base units: seconds, or a fraction for a share."""
        return self.quantity.base

    @property
    def high(self) -> float:
        return self.quantity.base_high

    @property
    def line(self) -> int:
        return self.quantity.line

    @property
    def unit(self) -> str:
        return self.quantity.unit


@dataclass(frozen=True, slots=True)
class Calendar:
    """`Week 3-4` at the start of a label: what the node is in the plan."""

    kind: str  # "week", "day", "phase", "month", "module", ...
    start: int
    end: int


@dataclass(slots=True)
class Budget:
    """One node: a heading, lead-in, list item, table or table row."""

    index: int
    kind: str  # "heading", "lead-in", "item", "table", "row"
    text: str  # the label's text as the index holds it
    line: int
    start_line: int
    end_line: int
    span: Span  # the label as written
    amount: Amount | None = None  # stated effort or calendar length
    share: Amount | None = None  # stated share of the holder
    stated_by: str = "label"  # "label", or the attribute's name ("study plan", "time")
    calendar: Calendar | None = None
    weeks: tuple[int, int] | None = None  # weeks the label names ("(Weeks 1-3)")
    days: tuple[int, int] | None = None  # days the label names ("Week 4 (Days 22-28)")
    link: bool = False  # the label is a link (a table of contents entry)
    parent: int | None = None
    children: list[int] = field(default_factory=list)
    # Amounts that attribute lines under it stated besides its own.
    restated: list[Amount] = field(default_factory=list)
    cleaned: tuple[str, str] | None = None  # (label, name), worked out when first asked

    @property
    def label(self) -> str:
        """The node's text, cleaned of marks ("Week 6: Caching and Replication")."""
        return self._cleaned()[0]

    @property
    def name(self) -> str:
        """The label up to its amount, a colon or a dash, lower case ("week 6")."""
        return self._cleaned()[1]

    def _cleaned(self) -> tuple[str, str]:
        # Most nodes are never asked: a page has thousands of headings and items.
        if self.cleaned is None:
            label = clean(self.text)
            self.cleaned = (label, _name(label))
        return self.cleaned


@dataclass(frozen=True, slots=True)
class Total:
    """What a node takes: its own amount, or what the amounts under it add up to."""

    low: float  # base units: seconds, or a fraction for shares
    high: float
    kind: str  # "effort", "calendar", "share"
    weekly: bool
    amounts: tuple[Amount, ...]  # the stated amounts it is made of
    stated: bool  # the node states it itself (not summed from its parts)


@dataclass(frozen=True, slots=True)
class BudgetTree:
    nodes: tuple[Budget, ...]
    roots: tuple[int, ...]
    commitments: tuple[Amount, ...]  # weekly commitments, in page order
    durations: tuple[Amount, ...]  # the page's total duration, in page order
    totals: tuple[Amount, ...]  # the whole effort the page asks for, in page order
    _totals: dict[int, Total | None] = field(default_factory=dict, compare=False, repr=False)

    def total(self, node: Budget) -> Total | None:
        """The node's own effort or calendar amount; else the sum of its parts'
        totals when they are all of one kind (None when there are none)."""
        if node.index in self._totals:
            return self._totals[node.index]
        found: Total | None = None
        if node.amount is not None:
            amount = node.amount
            found = Total(amount.low, amount.high, amount.kind, amount.weekly, (amount,), True)
        else:
            parts = [self.total(child) for child in self.children(node)]
            known = [part for part in parts if part is not None]
            if known and len({(part.kind, part.weekly) for part in known}) == 1:
                found = Total(sum(part.low for part in known), sum(part.high for part in known),
                              known[0].kind, known[0].weekly,
                              tuple(amount for part in known for amount in part.amounts), False)
        self._totals[node.index] = found
        return found

    def children(self, node: Budget) -> list[Budget]:
        return [self.nodes[i] for i in node.children]

    def parts(self, node: Budget) -> list[Budget]:
        """The node's children, a table that states no total standing for its rows."""
        found: list[Budget] = []
        for child in self.children(node):
            if child.kind == "table" and child.amount is None:
                found.extend(self.children(child))
            else:
                found.append(child)
        return found

    def descendants(self, node: Budget) -> list[Budget]:
        found: list[Budget] = []
        pending = list(reversed(node.children))
        while pending:
            child = self.nodes[pending.pop()]
            found.append(child)
            pending.extend(reversed(child.children))
        return found

    def ancestors(self, node: Budget) -> list[Budget]:
        found = []
        parent = node.parent
        while parent is not None:
            found.append(self.nodes[parent])
            parent = self.nodes[parent].parent
        return found


def clean(text: str) -> str:
    """A label as a reader sees it: no shortcodes, attribute lists, marks or emoji."""
    text = _EMPTY_TARGET.sub(" ", _SHORTCODE.sub(" ", text))
    text = text.replace("**", " ").replace("__", " ").replace("[", "").replace("]", "")
    text = _DECORATION.sub("", text.strip())
    words = _SPACES.sub(" ", text).strip(" *_").split(" ")
    # Leading words without an ASCII letter: emoji, also as mojibake (`ğŸ§®`).
    while len(words) > 1 and not _ASCII_LETTER.search(words[0].lower()) \
            and not any(char.isdigit() for char in words[0]):
        words.pop(0)
    return " ".join(words)


def _name(label: str) -> str:
    """The label's name: up to its first colon, parenthesis or spaced dash, lower
    case, without leading words that hold no ASCII letter (emoji, mojibake)."""
    cut = _NAME_END.search(label)
    name = label[:cut.start()] if cut else label
    words = name.replace("*", " ").replace("_", " ").lower().split()
    while words and not _ASCII_LETTER.search(words[0]):
        words.pop(0)
    return " ".join(words).strip(" .")


def _kind_of(quantity: Quantity) -> str | None:
    if quantity.dimension == "percent":
        return "share"
    if quantity.dimension != "time":
        return None
    if quantity.unit in _EFFORT:
        return "effort"
    if quantity.unit in _CALENDAR_UNITS:
        return "calendar"
    return None


def _budget_position(text: str, start: int, end: int) -> bool:
    """Whether the figure at text[start:end] is written as a budget: alone in
    parentheses after a name, or right after a name and a colon or a dash."""
    before = text[:start].replace("*", "").replace("_", " ").rstrip()
    after = text[end:].replace("*", "").lstrip()
    if not before or not before.strip("(:—–- "):
        return False  # a figure with no name before it
    if before.endswith("("):
        return after.startswith(")") or after.lower().startswith(("total)", "in total)"))
    if before.endswith((":", "—", "–", " -", "=")):
        rest = after.lstrip()
        return not rest or rest[0] in "(,;.—–-/" or rest.lower().startswith(
            ("total", "in total", "of ", "per ", "a week", "each week", "weekly"))
    return False


def _label_amounts(run: TextRun, quantities: Sequence[Quantity]
                   ) -> tuple[Amount | None, Amount | None, Amount | None]:
    """(amount, share, weekly commitment) a label run states."""
    amounts: dict[str, list[Amount]] = {}
    text = run.text
    for quantity in quantities:
        kind = _kind_of(quantity)
        if kind is None or quantity.bound not in ("", "approx"):
            continue
        if quantity.per and quantity.per != "week":
            continue
        start = quantity.span.column - run.column
        end = max(quantity.span.end_column, quantity.reach) - run.column \
            if quantity.per else quantity.span.end_column - run.column
        if not _budget_position(text, start, end):
            continue
        weekly = quantity.per == "week"
        if weekly and kind != "effort":
            continue
        amount = Amount(quantity, kind, weekly)
        key = "weekly" if weekly else "share" if kind == "share" else "time"
        amounts.setdefault(key, []).append(amount)
    # Two budgets of one kind in one label are alternatives or a sum: not one budget.
    picked = {key: found[0] for key, found in amounts.items() if len(found) == 1}
    return picked.get("time"), picked.get("share"), picked.get("weekly")


def _attribute_line(text: str) -> bool:
    """A plain line naming a budget: "Time: 9 hours", "Weekly commitment: 12 h"."""
    name = _name(clean(text))
    return name in ATTRIBUTES or name in DURATIONS or _commitment(name) or \
        name in ("reading time", "estimated reading time")


def _commitment(name: str) -> bool:
    """A name for the hours a week takes: "weekly commitment", "weekly study time"."""
    words = name.split()
    return name in COMMITMENTS or (len(words) > 1 and words[0] == "weekly"
                                   and words[-1] in _WEEKLY_WORDS)


def _calendar(label: str
              ) -> tuple[Calendar | None, tuple[int, int] | None, tuple[int, int] | None]:
    """The label's calendar position, and the weeks and days it names besides."""
    match = _CALENDAR.match(label)
    calendar = None
    if match:
        start = int(match.group("start"))
        end = int(match.group("end") or start)
        calendar = Calendar(match.group("kind").lower(), start, end)
    weeks = None
    countdown = _COUNTDOWN.search(label) is not None
    for found in () if countdown else _NAMED_WEEKS.finditer(label):
        if match and calendar and calendar.kind == "week" and found.start() == match.start():
            continue
        start = int(found.group("start"))
        weeks = (start, int(found.group("end") or start))
        break
    if calendar and calendar.kind == "week":
        weeks = None
    days = None
    if (calendar is None or calendar.kind != "day") and not countdown:
        found_days = _NAMED_DAYS.search(label)
        if found_days:
            start = int(found_days.group("start"))
            days = (start, int(found_days.group("end") or start))
    return calendar, weeks, days


def _span(run: TextRun) -> Span:
    """A run's text, without the spaces around it."""
    text = run.text
    lead = len(text) - len(text.lstrip())
    return Span.of(run.line, run.column + lead, max(len(text.strip()), 1))


def _cell_position(source: str, column: int) -> int:
    """Which cell of a table row the text at `column` (1-based) sits in: the pipes
    before it, so that an empty cell keeps the columns after it in place."""
    before = source[:column - 1].replace("\\|", "")
    return before.count("|") - (1 if before.lstrip().startswith("|") else 0)


class _Containers:
    """The innermost item, admonition, tab or quote holding a line, for lines asked
    in ascending order: one sweep with a stack (containers nest)."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks  # by start line, outer first
        self.next = 0
        self.stack: list[Block] = []

    def at(self, line: int) -> Block | None:
        while self.next < len(self.blocks) and self.blocks[self.next].start_line <= line:
            block = self.blocks[self.next]
            while self.stack and self.stack[-1].end_line < block.start_line:
                self.stack.pop()
            self.stack.append(block)
            self.next += 1
        while self.stack and self.stack[-1].end_line < line:
            self.stack.pop()
        for block in reversed(self.stack):
            # A list item's first line is its label, not a line inside it.
            if not (block.kind == "item" and block.start_line == line):
                return block
        return None


class _Builder:
    def __init__(self, index: Index, lines: Sequence[str]) -> None:
        self.index = index
        self.lines = lines
        self.runs = index.text_runs
        self.by_run: dict[int, list[Quantity]] = {}
        for quantity in index.quantities:
            self.by_run.setdefault(quantity.run, []).append(quantity)
        self.nodes: list[Budget] = []
        self.ranks: list[int] = []
        self.commitments: list[Amount] = []
        self.committed: list[int] = []  # the node of each commitment
        self.durations: list[Amount] = []
        self.whole: list[Amount] = []
        containers = [block for block in index.blocks
                      if block.kind in ("item", "admonition", "tab", "blockquote")]
        self.containers = sorted(containers, key=lambda block: (block.start_line, -block.end_line))
        self.item_starts = {block.start_line: block for block in index.blocks
                            if block.kind == "item"}

    # -- nodes ---------------------------------------------------------------------

    def add(self, kind: str, label_text: str, line: int, start: int, end: int, span: Span,
            rank: int, run_number: int | None) -> Budget:
        node = Budget(len(self.nodes), kind, label_text, line, start, max(end, start), span)
        if _DIGIT.search(label_text):  # calendars and weeks need a number
            node.calendar, node.weeks, node.days = _calendar(node.label)
        node.link = "](" in label_text and bool(_LINK_ONLY.match(label_text.strip()))
        if run_number is not None:
            run = self.runs[run_number]
            amount, share, weekly = _label_amounts(run, self.by_run.get(run_number, ()))
            node.amount, node.share = amount, share
            if weekly is not None:
                if node.amount is None:
                    node.amount = weekly
                self.commitments.append(weekly)
                self.committed.append(node.index)
            elif amount is not None and amount.kind == "effort" and _commitment(node.name):
                self.commitments.append(Amount(amount.quantity, amount.kind, True))
                self.committed.append(node.index)
                node.amount = self.commitments[-1]
            if amount is not None and amount.kind == "calendar" and amount.unit != "day" and (
                    node.name in DURATIONS):
                self.durations.append(amount)
            if amount is not None and amount.kind == "effort" and not amount.weekly and (
                    node.name in TOTALS):
                self.whole.append(amount)
        self.nodes.append(node)
        self.ranks.append(rank)
        return node

    def headings(self, sections: Sequence[Section], headings: Sequence[Heading]) -> None:
        heading_runs: dict[int, int] = {}
        for number, run in enumerate(self.runs):
            if run.context == "heading":
                heading_runs.setdefault(run.line, number)
        for heading, section in zip(headings, sections, strict=True):
            run_number = heading_runs.get(heading.line)
            label = self.runs[run_number].text if run_number is not None else heading.text
            self.add("heading", label, heading.line, section.start_line, section.end_line,
                     heading.span, heading.level, run_number)

    def paragraphs(self) -> None:
        """List items and bold lead-ins, from the paragraph runs."""
        heading_lines = [heading.line for heading in self.index.headings]
        lead_ins: list[tuple[int, int, Block | None]] = []  # (run number, column, container)
        containers = _Containers(self.containers)
        seen_items: set[int] = set()
        runs = self.runs
        for number, run in enumerate(runs):
            if run.context != "paragraph":
                continue
            item = self.item_starts.get(run.line)
            if item is not None and run.line not in seen_items:
                seen_items.add(run.line)
                following = runs[number + 1].line if number + 1 < len(runs) else 0
                # Most items state nothing and hold nothing: no node for them.
                if following <= item.end_line or number in self.by_run or _DIGIT.search(
                        run.text):
                    self.add("item", run.text, run.line, item.start_line, item.end_line,
                             _span(run), 7, number)
                continue
            stripped = _DECORATION.sub("", _SHORTCODE.sub(" ", run.text).strip())
            if _BOLD.match(stripped):
                lead_ins.append((number, run.column, containers.at(run.line)))
            elif ":" in stripped and self.by_run.get(number) and _attribute_line(stripped):
                # "Time: 9 hours", "Estimated effort: 3 h" on a line of their own.
                self.add("line", run.text, run.line, run.line, run.line, _span(run), 9, number)
        # A lead-in reaches to the next lead-in of its container, the next heading
        # or the container's end.
        last_line = len(self.lines)
        for position, (number, _column, container) in enumerate(lead_ins):
            run = self.runs[number]
            end = container.end_line if container is not None else last_line
            heading_at = bisect_right(heading_lines, run.line)
            if heading_at < len(heading_lines):
                end = min(end, heading_lines[heading_at] - 1)
            for later, _later_column, later_container in lead_ins[position + 1:]:
                later_line = self.runs[later].line
                if later_line > end:
                    break
                if later_container is container:
                    end = later_line - 1
                    break
            self.add("lead-in", run.text, run.line, run.line, end, _span(run), 8, number)

    def tables(self) -> None:
        tables = [block for block in self.index.blocks if block.kind == "table"]
        if not tables:
            return
        cells: dict[int, dict[int, int]] = {}  # line -> cell position -> run number
        for number, run in enumerate(self.runs):
            if run.context == "table" and 0 < run.line <= len(self.lines):
                position = _cell_position(self.lines[run.line - 1], run.column)
                cells.setdefault(run.line, {}).setdefault(position, number)
        for table in tables:
            header = {position: self.runs[number].text
                      for position, number in cells.get(table.start_line, {}).items()}
            columns = [position for position, text in header.items()
                       if any(word in text.lower() for word in _TIME_HEADERS)]
            if len(columns) != 1:
                continue
            column = columns[0]
            unit = _HEADER_UNIT.search(header[column])
            first_column = min(header) if header else 0
            # "| Week | Focus | Hours |" rows numbered 1, 2, 3 are weeks 1, 2, 3.
            numbered = _CALENDAR_HEADER.match(header.get(first_column, "").strip(" *_"))
            self.add("table", "", table.start_line, table.start_line, table.end_line,
                     Span.of(table.start_line, 1, 1), 9, None)
            for line in range(table.start_line + 2, table.end_line + 1):
                row = cells.get(line, {})
                if column not in row or first_column not in row:
                    continue
                first = self.runs[row[first_column]]
                label = first.text
                if numbered and first.text.strip(" *_").isdigit():
                    label = f"{numbered.group(1)} {first.text.strip(' *_')}"
                node = self.add("row", label, line, line, line, _span(first), 10, None)
                figures = [q for q in self.by_run.get(row[column], ())
                           if q.bound in ("", "approx")]
                if len(figures) != 1:
                    continue
                figure = figures[0]
                if figure.dimension == "count" and unit is not None and not figure.noun:
                    name, factor, symbol = _HEADER_UNITS[
                        (unit.group("unit") or unit.group("word")).lower()]
                    figure = figure._replace(unit=name, dimension="time", factor=factor,
                                             symbol=symbol)
                kind = _kind_of(figure)
                if kind in ("effort", "calendar") and not figure.per:
                    node.amount = Amount(figure, kind, False)
                    if "total" in node.name.split():
                        node.stated_by = "total"

    # -- the tree ------------------------------------------------------------------

    def nest(self) -> None:
        order = sorted(range(len(self.nodes)),
                       key=lambda i: (self.nodes[i].start_line, -self.nodes[i].end_line,
                                      self.ranks[i], self.nodes[i].line))
        stack: list[int] = []
        for i in order:
            node = self.nodes[i]
            while stack and self.nodes[stack[-1]].end_line < node.start_line:
                stack.pop()
            while stack and self.nodes[stack[-1]].end_line < node.end_line:
                stack.pop()  # overlapping, not nested: leave it
            if stack:
                node.parent = stack[-1]
                self.nodes[stack[-1]].children.append(i)
            stack.append(i)

    def fold_attributes(self) -> None:
        """Lines that state their holder's budget (`Time: 6-8 hours`, a Total row)
        give it to the holder and leave the tree."""
        for node in self.nodes:
            if node.parent is None or node.amount is None or any(
                    self.nodes[child].amount is not None for child in node.children):
                continue
            holder = self.nodes[node.parent]
            if node.kind == "row" and node.stated_by == "total":
                pass
            elif node.name not in ATTRIBUTES or node.amount.weekly:
                continue
            elif node.amount.kind == "calendar" and holder.calendar is None:
                continue  # "Duration: 12 weeks" in an overview card: the page's, not the card's
            if holder.amount is None:
                holder.amount = node.amount
                holder.stated_by = node.name or "total"
            elif holder.amount.quantity.span != node.amount.quantity.span:
                holder.restated.append(node.amount)
            holder.children.remove(node.index)
            node.parent = None
            node.amount = None


def _ancestors(nodes: Sequence[Budget], index: int) -> Iterator[Budget]:
    parent = nodes[index].parent
    while parent is not None:
        yield nodes[parent]
        parent = nodes[parent].parent


def build_budgets(index: Index, lines: Sequence[str]) -> BudgetTree:
    builder = _Builder(index, lines)
    builder.headings(index.sections, index.headings)
    builder.paragraphs()
    builder.tables()
    builder.nest()
    builder.fold_attributes()
    roots = [node.index for node in builder.nodes if node.parent is None]
    # A weekly figure under another one is a part of it, not the page's commitment.
    holders = set(builder.committed)
    commitments = [amount for amount, node in zip(builder.commitments, builder.committed,
                                                  strict=True)
                   if not any(ancestor.index in holders
                              for ancestor in _ancestors(builder.nodes, node))]
    return BudgetTree(tuple(builder.nodes), tuple(roots), tuple(commitments),
                      tuple(builder.durations), tuple(builder.whole))
