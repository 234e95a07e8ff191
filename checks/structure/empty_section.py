"""A heading with nothing under it before the next heading of the same or a higher level.

Content may live in subsections, so a heading followed by a deeper heading is
fine; a heading followed directly by a sibling (or by the end of the page) is a
section that was left empty, usually by an edit that moved its body away.
Left alone: mkdocstrings' `## ::: object` headings, a heading that is only a
link (an entry of a contents page), and a changelog release told in its
heading (`0.10.1 - minor encoding fix`).

Opt-in (`--extend-select ST005`).

Why: an empty section is a dead end in the table of contents and in search.

Bad:
```markdown
# Caching

## Write-through

## Write-back

Writes go to the cache first.
```

Good:
```markdown
# Caching

## Write-through

Writes go to the cache and the store together.

## Write-back

Writes go to the cache first.
```
"""

import re
from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity

CODE = "ST005"
NAME = "empty-section"
SEVERITY = Severity.WARNING
# Opt-in: on a damaged site it repeats what DUP/ST findings already say (419 on
# the 650-page DStudio corpus), so it is for pages that are otherwise clean.
DEFAULT = False


_LINK_ONLY = re.compile(r"\[[^\]]+\]\([^)\s]+\)(?:\s*\{[^}]*\})?")
# A release whose heading is its whole entry: `0.10.1 - minor encoding fix`.
_RELEASE_TITLE = re.compile(
    r"\[?v?\d+(?:\.\d+)+[\w.+-]*\]?(?:\s*\([^)]*\))?\s*[-\u2013\u2014:]\s*\w")


def check(doc: Document) -> Iterator[Finding]:
    headings = doc.index.headings
    for position, heading in enumerate(headings):
        following = headings[position + 1] if position + 1 < len(headings) else None
        if following is not None and (following.level > heading.level
                                      or following.container == "list"):
            continue  # the body is in its subsections, or a list whose items have headings
        if heading.container == "list":
            continue  # `- ### [Widget](widget.md)`: an item's title; its body is the list
        end = following.line - 1 if following is not None else len(doc.lines)
        body = doc.lines[heading.line:end]
        if any(line.strip() for line in body):
            continue
        if following is None and heading.level == 1:
            continue  # a title-only page is a stub, not an emptied section
        if heading.text.lstrip().startswith(":::"):
            continue  # `## ::: package.Object`: mkdocstrings writes the body
        if _LINK_ONLY.fullmatch(doc.line_text(heading.line).lstrip("#").strip()):
            continue  # `## [Readers](readers.md)`: an entry of a contents page, not a section
        if _RELEASE_TITLE.match(heading.text.strip()):
            continue  # a changelog release told in its heading
        after = (f"before '{following.text}' (line {following.line})" if following is not None
                 else "before the end of the page")
        yield Finding(CODE, heading.span, f"section '{heading.text}' is empty {after}")
