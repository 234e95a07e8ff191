"""A hand-written table of contents disagrees with the page's headings: it
leaves out headings or lists its entries in another order than the page.

Why: a stale table of contents sends readers past sections it never mentions
and jumps back and forth through the page. Entries whose anchor matches no
heading are broken anchors, reported by the links rules, not here. A table
of contents is a list whose entries (80% or more) start with a link to an
`#anchor` on the same page (a link inside a sentence is a cross-reference),
most of them named after their headings (links named otherwise are a menu of
chosen sections); a repeated copy of one is reported as a repeated block instead.

Bad:
```markdown
# Caching

- [Write-through](#write-through)
- [Invalidation](#invalidation)
- [Eviction](#eviction)

## Invalidation

Expire or purge entries.

## Write-through

Write to the cache and the store together.

## Eviction

Drop the least recently used entries.

## Write-back

Write to the cache and flush later.
```

Good:
```markdown
# Caching

- [Invalidation](#invalidation)
- [Write-through](#write-through)
- [Eviction](#eviction)
- [Write-back](#write-back)

## Invalidation

Expire or purge entries.

## Write-through

Write to the cache and the store together.

## Eviction

Drop the least recently used entries.

## Write-back

Write to the cache and flush later.
```
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from curriculint.checks.duplicates.repeats import find_repeats
from curriculint.checks.duplicates.toc_headings import HeadingLookup, words
from curriculint.index.records import Block, Heading
from curriculint.load.document import Document, Finding, Severity, Span

CODE = "DUP005"
NAME = "toc-mismatch"
SEVERITY = Severity.WARNING
# Opt-in: many hand-written contents stop at a depth or list a chosen subset on
# purpose, and there is no way to tell that from a stale one.
DEFAULT = False

MIN_ENTRIES = 3
ANCHORED_SHARE = 0.8
# An entry starts with its link (after a number, an emoji or emphasis): a link
# in the middle of a sentence is a cross-reference, not a contents entry.
_ENTRY = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+[^\w\[]{0,8}(?:\d+[.)]?\s*)?[^\w\[]{0,4}\[")
SHOWN = 4


@dataclass(frozen=True)
class Entry:
    line: int
    span: Span
    heading: Heading | None
    words: tuple[str, ...]  # the entry's link text, to match headings whose anchor it misses


def _tables_of_contents(doc: Document) -> Iterator[tuple[Block, list[Entry]]]:
    copies = {unit.start_line for repeat in find_repeats(doc) for unit in repeat.copy}
    items = sorted((block for block in doc.index.blocks if block.kind == "item"),
                   key=lambda item: item.start_line)
    starts = [item.start_line for item in items]
    anchors: dict[int, Span] = {}
    targets: dict[int, str] = {}
    texts: dict[int, str] = {}
    for link in doc.index.links:
        if link.kind == "inline" and link.target.startswith("#") and link.span.line not in anchors:
            anchors[link.span.line] = link.span
            targets[link.span.line] = link.target[1:]
            texts[link.span.line] = link.text
    for block in doc.index.blocks:
        if block.kind != "list" or block.depth != 0:
            continue
        # Items are in line order: the list's are a slice (a scan per list was
        # quadratic on a page of many lists).
        inside = items[bisect_left(starts, block.start_line):
                       bisect_right(starts, block.end_line)]
        if len(inside) < MIN_ENTRIES or inside[0].start_line in copies:
            continue
        anchored = [item for item in inside if item.start_line in anchors
                    and _ENTRY.match(doc.line_text(item.start_line))]
        if len(anchored) < ANCHORED_SHARE * len(inside):
            continue
        # Entries pasted again are the repeated-block rules' finding.
        yield block, [Entry(item.start_line, anchors[item.start_line],
                            doc.index.heading_by_id(targets[item.start_line]),
                            words(texts[item.start_line]))
                      for item in anchored if item.start_line not in copies]


def _in_order(lines: list[int]) -> set[int]:
    """Positions on one longest increasing run of heading lines."""
    tails: list[int] = []
    tail_at: list[int] = []
    before: list[int] = [-1] * len(lines)
    for position, value in enumerate(lines):
        slot = bisect_left(tails, value)
        if slot == len(tails):
            tails.append(value)
            tail_at.append(position)
        else:
            tails[slot] = value
            tail_at[slot] = position
        before[position] = tail_at[slot - 1] if slot else -1
    kept: set[int] = set()
    position = tail_at[-1] if tail_at else -1
    while position >= 0:
        kept.add(position)
        position = before[position]
    return kept


def _mirrors(entries: list[Entry]) -> bool:
    """Most entries are named after their headings (`[Eviction](#eviction)`): a
    contents list. Links named otherwise (`[Event stream](#read-as-events)`) are
    a menu of a few sections, chosen and described for the reader."""
    named = 0
    for entry in entries:
        mine, theirs = set(entry.words), set(words(entry.heading.text)) if entry.heading else set()
        named += bool(mine) and (mine <= theirs or theirs <= mine)
    return 2 * named >= len(entries)


_CONTENTS = {("table", "of", "contents"), ("contents",), ("toc",), ("on", "this", "page")}


def check(doc: Document) -> Iterator[Finding]:
    headings = doc.index.headings
    copied = {line for repeat in find_repeats(doc) for unit in repeat.copy
              for line in range(unit.start_line, unit.end_line + 1)}
    # Two headings with one text share an anchor (duplicate-heading's finding):
    # an entry for the second lands on the first, which is not an ordering slip.
    texts = Counter(heading.text for heading in headings)
    lookup = HeadingLookup(headings, copied, _CONTENTS)
    for block, entries in _tables_of_contents(doc):
        resolved = [entry for entry in entries if entry.heading is not None]
        if len(resolved) < MIN_ENTRIES or not _mirrors(resolved):
            continue
        kept = _in_order([entry.heading.line for entry in resolved if entry.heading])
        for position, entry in enumerate(resolved):
            if position in kept or entry.heading is None or texts[entry.heading.text] > 1:
                continue
            yield Finding(CODE, entry.span,
                          f"table of contents entry '#{entry.heading.id}' is out of order: "
                          f"heading '{entry.heading.text}' is at line {entry.heading.line}")
        listed = {entry.heading.index for entry in resolved if entry.heading}
        # An entry whose anchor is broken still lists its heading: the broken
        # anchor is the links rules' finding.
        listed |= lookup.named([set(entry.words) for entry in entries if entry.heading is None])
        # A repeated heading is duplicate-heading's finding, a repeated section the
        # repeated-content rules'; neither is a heading the contents left out.
        missing, count = lookup.left_out(block.end_line, listed, SHOWN)
        if missing:
            shown = ", ".join(f"'{heading.text}' (line {heading.line})" for heading in missing)
            more = f" and {count - SHOWN} more" if count > SHOWN else ""
            yield Finding(CODE, Span(block.start_line, 1, block.start_line,
                                     len(doc.line_text(block.start_line)) + 1),
                          f"table of contents leaves out {count} heading"
                          f"{'s' if count > 1 else ''}: {shown}{more}")
