"""Frontmatter does not match the page's schema (see `schemas/`).

Every page needs a non-empty `title` and `description`; `difficulty`,
`reading_time` and dates must be valid where given; a learning path also needs
`difficulty`, `reading_time`, `status`, `last_updated`, and non-empty
`prerequisites` and `outcomes`.

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
