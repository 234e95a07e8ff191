"""A page has no frontmatter at all.

Why: every page needs at least a `title` and a `description`; search, social
cards and navigation read them from the frontmatter.

Bad:
```markdown
# Caching
```

Good:
```markdown
---
title: Caching
description: When and how to cache.
---

# Caching
```
"""

from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity, Span

CODE = "FM005"
NAME = "missing-frontmatter"
SEVERITY = Severity.ERROR


def check(doc: Document) -> Iterator[Finding]:
    if not doc.frontmatter.present and not doc.unclosed_frontmatter and not doc.binary:
        yield Finding(CODE, Span.of(1, 1, len(doc.line_text(1))),
                      "page has no frontmatter; 'title' and 'description' are required")
