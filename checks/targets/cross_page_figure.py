"""A page states another path's duration or weekly hours differently from that path's own page.

Why: an overview that lists a path at 6-8 weeks and 8-10 hours a week, while
the path's own page plans 15-20 weeks at 10-15 hours, sends learners in with
the wrong budget. Read: rows of a table with a Duration or Time/Week column
and cards or list items that link to a path and state its `Duration:` or
weekly hours. The path is found by the link, or by its title (the row's
label naming exactly one page's title, without "Learning Path"). Its own
figure is its frontmatter `duration` / `estimated_time`, or the one duration
or weekly commitment its body states. Ranges compare by their ends.

Bad:
```markdown title="index.md"
# Paths

| Path | Time/Week | Duration |
|------|-----------|----------|
| **Stream Processing** | 6-8 hours | 4 weeks |
```

```markdown title="stream.md"
---
title: Stream Processing Learning Path
description: Windows, joins and state.
duration: 6 weeks
---
# Stream Processing Learning Path
```

Good:
```markdown title="index.md"
# Paths

| Path | Time/Week | Duration |
|------|-----------|----------|
| **Stream Processing** | 6-8 hours | 6 weeks |
```

```markdown title="stream.md"
---
title: Stream Processing Learning Path
description: Windows, joins and state.
duration: 6 weeks
---
# Stream Processing Learning Path
```
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from curriculint.index.budgets import COMMITMENTS, DURATIONS, clean
from curriculint.index.records import Link
from curriculint.index.units import lookup
from curriculint.load.document import Document, Finding, Severity, Span
from curriculint.model import RuleKind

CODE = "NUM015"
NAME = "cross-page-figure"
SEVERITY = Severity.ERROR
KIND = RuleKind.SITE
MIN_PAGES = 2

_WEEK = 7 * 86_400.0
_GENERIC = frozenset({"learning", "path", "paths", "the", "a", "an", "track", "for", "and",
                      "to", "of", "guide", "course", "program", "programme", "journey"})
_WORD = re.compile(r"[a-z0-9]+")
_VALUE = re.compile(r"^\s*~?\s*(?P<low>\d+(?:\.\d+)?)(?:\s*(?:-|–|to)\s*(?P<high>\d+(?:\.\d+)?))?"
                    r"\s*(?P<unit>[a-z]+)?", re.IGNORECASE)


class Figure(NamedTuple):
    low: float  # weeks, or hours a week
    high: float
    text: str
    line: int


class Claim(NamedTuple):
    """What a page says about another path."""

    name: frozenset[str]  # words naming the path
    link: str  # a link target next to it, "" if none
    kind: str  # "duration" (weeks) or "weekly" (hours a week)
    figure: Figure
    column: int
    end_column: int


class Facts(NamedTuple):
    name: frozenset[str]  # the page's title words
    duration: Figure | None
    weekly: Figure | None
    claims: tuple[Claim, ...]


def _words(text: str) -> frozenset[str]:
    return frozenset(word for word in _WORD.findall(clean(text).lower())
                     if word not in _GENERIC)


def _figure(value: object, line: int, unit_kind: str) -> Figure | None:
    """A frontmatter value or table cell as weeks ("duration") or hours a week ("weekly")."""
    match = _VALUE.match(str(value))
    if match is None:
        return None
    unit = lookup(match.group("unit")) if match.group("unit") else None
    if unit is None or unit.dimension != "time":
        return None
    low = float(match.group("low"))
    high = float(match.group("high") or low)
    factor = unit.factor / (_WEEK if unit_kind == "duration" else 3600.0)
    if unit_kind == "duration" and unit.name not in ("week", "month"):
        return None
    if unit_kind == "weekly" and unit.name not in ("hour", "minute"):
        return None
    return Figure(low * factor, high * factor, str(value).strip(), line)


def _own(values: set[tuple[float, float, str, int]]) -> Figure | None:
    """The page's one figure of a kind: none when it states several."""
    if len({(low, high) for low, high, _text, _line in values}) != 1:
        return None
    low, high, text, line = min(values, key=lambda item: item[3])
    return Figure(low, high, text, line)


def summarize(doc: Document) -> Facts:
    data = doc.frontmatter.data if doc.frontmatter.present else {}
    title = str(data.get("title") or next((h.text for h in doc.index.headings if h.level == 1),
                                          ""))
    tree = doc.index.budgets
    duration = _figure(data["duration"], doc.frontmatter.line_of("duration"), "duration") \
        if "duration" in data else None
    if duration is None:
        duration = _own({(a.low / _WEEK, a.high / _WEEK, a.quantity.text, a.line)
                         for a in tree.durations if a.unit == "week"})
    weekly = None
    for key in ("estimated_time", "time_commitment", "weekly_hours", "hours_per_week"):
        if key in data and re.search(r"(?:/|per|a)\s*(?:week|wk)", str(data[key])):
            weekly = _figure(data[key], doc.frontmatter.line_of(key), "weekly")
            break
    if weekly is None:
        weekly = _own({(a.low / 3600, a.high / 3600, a.quantity.text, a.line)
                       for a in tree.commitments if a.kind == "effort"})
    return Facts(_words(title), duration, weekly, tuple(_table_claims(doc)) +
                 tuple(_card_claims(doc)))


def _table_claims(doc: Document) -> Iterator[Claim]:
    index = doc.index
    runs_by_line: dict[int, list[int]] = {}
    for number, run in enumerate(index.text_runs):
        if run.context == "table":
            runs_by_line.setdefault(run.line, []).append(number)
    links = {link.span.line: link.target for link in index.links}
    for table in (block for block in index.blocks if block.kind == "table"):
        header = [index.text_runs[i].text.lower() for i in runs_by_line.get(table.start_line, [])]
        kinds = {}
        for position, text in enumerate(header):
            if "week" in text and ("/" in text or "per" in text or "hour" in text
                                   or "weekly" in text):
                kinds[position] = "weekly"
            elif "duration" in text or "length" in text:
                kinds[position] = "duration"
        if not kinds:
            continue
        for line in range(table.start_line + 2, table.end_line + 1):
            row = runs_by_line.get(line, [])
            if len(row) != len(header):
                continue  # an empty cell shifts the columns: leave the row alone
            name = _words(index.text_runs[row[0]].text)
            if not name:
                continue
            for position, kind in kinds.items():
                run = index.text_runs[row[position]]
                figure = _figure(run.text, line, kind)
                if figure is not None:
                    yield Claim(name, links.get(line, ""), kind, figure, run.column,
                                run.column + len(run.text.rstrip()))


def _card_claims(doc: Document) -> Iterator[Claim]:
    """`Duration: 10-12 weeks` in a card or item whose first line links to a path."""
    tree = doc.index.budgets
    links: dict[int, Link] = {}
    for link in doc.index.links:
        links.setdefault(link.span.line, link)
    for node in tree.nodes:
        amount = node.amount
        if amount is None or node.kind not in ("lead-in", "line", "item"):
            continue
        if node.name in DURATIONS and amount.kind == "calendar" and amount.unit == "week":
            kind = "duration"
        elif amount.kind == "effort" and amount.weekly and (node.name in COMMITMENTS
                                                            or node.name.startswith("weekly")):
            kind = "weekly"
        else:
            continue
        holder = next((ancestor for ancestor in tree.ancestors(node) if ancestor.kind == "item"
                       and ancestor.line in links), None)
        if holder is None:
            continue
        link = links[holder.line]
        name = _words(link.text or holder.label)
        quantity = amount.quantity
        factor = _WEEK if kind == "duration" else 3600.0
        figure = Figure(amount.low / factor, amount.high / factor, quantity.text.strip(),
                        quantity.line)
        yield Claim(name, link.target, kind, figure, quantity.span.column,
                    quantity.span.end_column)


def check_site(site: object, summaries: Mapping[str, Facts]) -> Iterator[tuple[str, Finding]]:
    stems: dict[str, list[str]] = {}
    for display in summaries:
        stems.setdefault(posixpath.splitext(posixpath.basename(display))[0], []).append(display)
    for display, facts in summaries.items():
        for claim in facts.claims:
            target = _target(display, claim, summaries, stems)
            if target is None:
                continue
            own = summaries[target].duration if claim.kind == "duration" else \
                summaries[target].weekly
            if own is None or _agree(own, claim.figure):
                continue
            what = "takes" if claim.kind == "duration" else "asks for"
            per = "" if claim.kind == "duration" else " a week"
            yield display, Finding(
                CODE, Span(claim.figure.line, claim.column, claim.figure.line, claim.end_column),
                f"{target} {what} {own.text}{per} (its line {own.line}); this says "
                f"{claim.figure.text}{per}")


def _target(display: str, claim: Claim, summaries: Mapping[str, Facts],
            stems: Mapping[str, list[str]]) -> str | None:
    """The page a claim is about: by its link when that names one page, else by
    the one page whose title words hold the claim's name."""
    if claim.link and not claim.link.startswith(("http:", "https:", "#")):
        path = claim.link.split("#", 1)[0].rstrip("/")
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(display), path))
        for candidate in (joined, joined + ".md", posixpath.join(joined, "index.md")):
            if candidate in summaries and candidate != display:
                return candidate
        stem = posixpath.splitext(posixpath.basename(path))[0]
        found = [page for page in stems.get(stem, []) if page != display]
        if len(found) == 1:
            return found[0]
    named = [page for page, facts in summaries.items()
             if page != display and claim.name and facts.name and claim.name <= facts.name]
    return named[0] if len(named) == 1 else None


def _agree(own: Figure, said: Figure) -> bool:
    """Ranges by their ends; a single figure inside the other's range agrees."""
    slack = 0.05 * max(own.high, said.high)
    for point, span in ((own, said), (said, own)):
        if point.low == point.high and span.low - slack <= point.low <= span.high + slack:
            return True
    return abs(own.low - said.low) <= slack + 1e-9 and abs(own.high - said.high) <= slack + 1e-9
