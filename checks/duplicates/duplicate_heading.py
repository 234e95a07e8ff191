"""A heading repeats the text and level of an earlier heading under the same
parent, or a second H1 repeats the page title.

Why: MkDocs gives the second heading an `_1` anchor, the table of contents
shows two identical entries, and links land on the first. Headings repeated
under different parents ("Example" in two sections) are fine unless
`siblings_only = false`; headings inside admonitions, tabs and lists are
left alone unless `in_containers = true`. Headings inside a block already reported as a
repeated section are not reported again, nor one heading per branch of a
template conditional (`{% if %}`/`{% else %}`: only one branch renders), nor
the headings of a Marp slide deck (`marp: true`: a heading per slide), nor
the sub-headings of groups that numbered headings at the same level open (a
changelog whose `0.3.0` and `Added` are both H2: `Added` again under `0.2.0`), nor,
on a site that renders pages as templates (mkdocs-macros), a heading whose
text a template expression writes (`## Drill {{ step() }}`).

Bad:
```markdown
# Caching

## Setup

Install the cache.

## Setup

Configure the cache.
```

Good:
```markdown
# Caching

## Setup

Install the cache.

## Configuration

Configure the cache.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from pydantic import BaseModel, ConfigDict

from curriculint.checks.duplicates.context import branch_places, slide_deck, template_branches
from curriculint.checks.duplicates.repeats import find_repeats
from curriculint.index.records import Heading
from curriculint.load.document import Document, Finding, Severity

CODE = "DUP004"
NAME = "duplicate-heading"
SEVERITY = Severity.ERROR

_DIGITS = re.compile(r"\d+")


class Options(BaseModel):
    # Built on first validation: unconfigured, it is only constructed (run/plan.py).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    # Only headings under the same parent clash (markdownlint MD024 siblings_only).
    siblings_only: bool = True
    # Headings inside admonitions, tabs and lists label items ("Scenario" in each
    # exam question); they are left alone unless this is set.
    in_containers: bool = False


def _key(heading: Heading, siblings_only: bool) -> tuple[int | None, int, str]:
    parent = heading.parent if siblings_only else None
    return parent, heading.level, " ".join(heading.text.casefold().split())


def _alternatives(one: frozenset[tuple[int, int]], two: frozenset[tuple[int, int]]) -> bool:
    return any(if_one == if_two and branch_one != branch_two
               for if_one, branch_one in one for if_two, branch_two in two)


def _numbered_above(headings: Sequence[Heading]) -> list[Heading | None]:
    """For each heading, the nearest sibling above it (same parent and level)
    whose text holds a number (`0.3.0`, `Week 2`, `2024-05-01`): the group it
    opens. One pass: a page of thousands of headings stays linear."""
    last: dict[tuple[int | None, int], Heading] = {}
    found: list[Heading | None] = []
    for heading in headings:
        key = (heading.parent, heading.level)
        found.append(last.get(key))
        if _DIGITS.search(heading.text):
            last[key] = heading
    return found


def _numbered_groups(above: Sequence[Heading | None], earlier: Heading,
                     heading: Heading) -> bool:
    """The two sit in groups a numbered sibling opens, at their own level (a
    changelog whose `0.3.0` and `Added` are both H2): each group's sub-headings
    again, as the groups are written alike (`0.3.0` and `0.2.0`)."""
    if _DIGITS.search(heading.text):
        return False  # a numbered heading itself (`[8.1.0]` twice): a group written twice
    one, two = above[earlier.index], above[heading.index]
    if one is None or two is None or two.line <= earlier.line:
        return False
    first, second = one.text, two.text
    return first != second and _DIGITS.sub("0", first) == _DIGITS.sub("0", second)


def check(doc: Document, options: Options | None = None) -> Iterator[Finding]:
    options = options or Options()
    if slide_deck(doc):
        return
    siblings_only = options.siblings_only
    # Headings inside a repeated block belong to that one finding.
    inside_copies = {unit.start_line for repeat in find_repeats(doc)
                     for unit in repeat.copy[1:] if unit.kind == "heading"}
    branches = template_branches(doc)
    first_seen: dict[tuple[int | None, int, str], Heading] = {}
    last_seen: dict[tuple[int | None, int, str], Heading] = {}
    above: list[Heading | None] | None = None  # _numbered_above, once a heading repeats
    for heading in doc.index.headings:
        if not heading.text or (heading.container and not options.in_containers):
            continue
        if doc.options.jinja and "{{" in heading.raw:
            continue  # `## Drill {{ step() }}`: the template writes each one's text
        key = _key(heading, siblings_only)
        earlier = first_seen.get(key)
        if earlier is None:
            first_seen[key] = heading
            continue
        if heading.line in inside_copies:
            continue
        if branches and _alternatives(branch_places(branches, earlier.line),
                                      branch_places(branches, heading.line)):
            continue  # one heading per branch of a template conditional: one renders
        latest, last_seen[key] = last_seen.get(key, earlier), heading
        if above is None:
            above = _numbered_above(doc.index.headings)
        if _numbered_groups(above, latest, heading):
            continue
        where = "a second H1" if heading.level == 1 else f"H{heading.level}"
        parent = doc.index.headings[heading.parent].text if heading.parent is not None else ""
        under = f" under '{parent}'" if siblings_only and parent else ""
        yield Finding(CODE, heading.span,
                      f"{where} '{heading.text}' repeats the heading at line {earlier.line}"
                      f"{under}; its anchor becomes '#{heading.id}'")
