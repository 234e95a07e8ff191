"""Frontmatter does not match the schema of the page's collection.

A site declares its document types as collections (docs/collections.md), each
with a schema: a pydantic model of its own, a JSON Schema file or a built-in
one (`curriculint:page`: a non-empty `title` and `description`;
`curriculint:learning-path`: also `difficulty`, `reading_time`, `status`,
`last_updated`, and non-empty `prerequisites` and `outcomes`). A page no
collection claims needs no key, but the well-known keys it uses must be valid:
dates that exist (`date`, `updated`, `last_updated` written YYYY-MM-DD; a date
in words is left as written), a known `difficulty`, a `reading_time` such as
`15 min`.

Why: navigation, cards and search read these keys; an empty or invalid value
renders as a blank or wrong label.

Bad:
```markdown
---
title: Real-Time Systems
description: Low-latency systems
difficulty: hard
---
```

Good:
```markdown
---
title: Real-Time Systems
description: Low-latency systems
difficulty: expert
---
```
"""

from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity, Span

CODE = "FM003"
NAME = "schema-violation"
SEVERITY = Severity.ERROR


def check(doc: Document) -> Iterator[Finding]:
    for issue in doc.schema_issues:
        if not issue.unknown_key:
            yield Finding(CODE, Span.of(issue.line, 1, len(doc.line_text(issue.line))),
                          issue.message)
