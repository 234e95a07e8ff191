"""Frontmatter that is not valid YAML, not closed, or not a mapping.

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

from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity, Span

CODE = "FM001"
NAME = "yaml-error"
SEVERITY = Severity.ERROR

_KINDS = ("syntax", "value", "not-a-mapping", "too-large")


def check(doc: Document) -> Iterator[Finding]:
    if doc.unclosed_frontmatter:
        yield Finding(CODE, Span.of(1, 1, 3),
                      "frontmatter opened with '---' is never closed by a second '---'")
    for problem in doc.frontmatter.problems:
        if problem.kind in _KINDS:
            line = doc.line_text(problem.line)
            column = min(problem.column, len(line) + 1)
            yield Finding(CODE, Span.of(problem.line, column, len(line) - column + 1),
                          problem.message)
