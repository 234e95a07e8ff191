"""Frontmatter that is not valid YAML, not closed, or not a mapping (keys set
as `title = "x"`, which MkDocs shows as page text).

Why: MkDocs renders an unparseable frontmatter block into the page body and
drops every key, silently.

A page is read as opening with frontmatter when the first line after its `---`
that is neither blank nor a YAML comment is a `key:` line; otherwise the `---`
is a thematic break and what follows it is the page (`---`, a blank line, a
`# Title`), as MkDocs renders it.

Bad:
```markdown
---
title: Law 2: Asynchronous Reality
---
```

Good:
```markdown
---
title: "Law 2: Asynchronous Reality"
---
```
"""

import re
from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity, Span

CODE = "FM001"
NAME = "yaml-error"
SEVERITY = Severity.ERROR

_KINDS = ("syntax", "value", "not-a-mapping", "too-large")
# `title = "Shapes"` or `title="Shapes"`: a key set as TOML or code sets it.
_ASSIGNMENT = re.compile(r"^[A-Za-z_][\w-]*\s*=\s*\S")


def _assignments(doc: Document) -> Iterator[Finding]:
    """A page that opens with `---`, then only `key = value` lines, then `---`: meant
    as frontmatter, but no YAML mapping, so MkDocs reads no metadata from it and
    renders a rule and the lines as page text (a heading, over the closing `---`)."""
    lines = doc.lines
    if doc.frontmatter.present or not lines or lines[0].rstrip() != "---":
        return
    for end in range(1, min(len(lines), 30)):
        if lines[end].rstrip() in ("---", "..."):
            break
    else:
        return
    body = [number for number in range(1, end) if lines[number].strip()]
    if body and all(_ASSIGNMENT.match(lines[number]) for number in body):
        first = body[0] + 1
        yield Finding(CODE, Span.of(first, 1, len(lines[body[0]])),
                      "frontmatter written as 'key = value' is no YAML mapping: MkDocs "
                      "reads no metadata from it and shows the lines as page text under a rule; "
                      "write 'key: value'")


def check(doc: Document) -> Iterator[Finding]:
    yield from _assignments(doc)
    if doc.unclosed_frontmatter:
        yield Finding(CODE, Span.of(1, 1, 3),
                      "frontmatter opened with '---' is never closed by a second '---'")
    for problem in doc.frontmatter.problems:
        if problem.kind in _KINDS:
            line = doc.line_text(problem.line)
            column = min(problem.column, len(line) + 1)
            yield Finding(CODE, Span.of(problem.line, column, len(line) - column + 1),
                          problem.message)
