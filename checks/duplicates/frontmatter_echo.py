"""The page's frontmatter is echoed into the body as `key: value` lines.

Why: a botched conversion or paste leaves the metadata on the rendered page,
often under a heading such as "Overview" and closed by a stray `---` (which
renders as a rule or turns the last key into a heading). The lines repeat
keys of the page's own frontmatter; `--fix --unsafe-fixes` removes them (and
a heading left with nothing else under it): deleting text is never a safe fix.

Bad:
```markdown
---
title: Caching
description: Where to cache and how to keep it fresh
difficulty: intermediate
---

# Caching

title: Caching
description: Where to cache and how to keep it fresh
difficulty: intermediate
---

Caches trade freshness for speed.
```

Good:
```markdown
---
title: Caching
description: Where to cache and how to keep it fresh
difficulty: intermediate
---

# Caching

Caches trade freshness for speed.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from curriculint.checks.duplicates.echo import frontmatter_echoes
from curriculint.checks.duplicates.removal import removal_range, remove_lines
from curriculint.load.document import Document, Finding, Severity
from curriculint.model import Fix, Span

CODE = "DUP003"
NAME = "frontmatter-echo"
SEVERITY = Severity.ERROR

def _lone_heading_above(doc: Document, first: int, last: int) -> int | None:
    """The heading right above the echo when the echo is all its section holds.
    (An echo ending in `---` may itself parse as a setext heading.)"""
    above = [heading for heading in doc.index.headings if heading.line < first]
    if not above:
        return None
    heading = above[-1]
    if any(doc.line_text(number).strip() for number in range(heading.line + 1, first)):
        return None
    following = [later.line for later in doc.index.headings
                 if later.line > last and later.level <= heading.level]
    section_end = following[0] - 1 if following else len(doc.lines)
    if any(doc.line_text(number).strip() for number in range(last + 1, section_end + 1)):
        return None
    return heading.line


def check(doc: Document) -> Iterator[Finding]:
    for first, last, echoed, equal in frontmatter_echoes(doc):
        heading = _lone_heading_above(doc, first, last)
        remove_from = heading if heading is not None else first
        start, end = removal_range(doc.lines, remove_from, last)
        also = " and the heading that only holds it" if heading is not None else ""
        shown = ", ".join(dict.fromkeys(echoed))
        text = doc.line_text(first)
        yield Finding(
            CODE, Span(first, 1, first, len(text) + 1),
            f"frontmatter echoed into the body (lines {first}-{last}): {len(echoed)} keys "
            f"({shown}) repeat the page's frontmatter (lines {doc.frontmatter.start_line}-"
            f"{doc.frontmatter.end_line}), {equal} with the same value",
            Fix((remove_lines(doc.lines, start, end),),
                f"remove the echoed frontmatter{also}", safe=False),
        )
