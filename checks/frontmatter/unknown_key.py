"""A frontmatter key the schema does not know, usually a misspelling.

Learning paths accept only their documented keys; other pages accept any key,
but one that is a near-miss of a known key (`last-updated`, `descripton`) is
reported with the key it probably meant.

Why: a misspelt key is silently ignored, so the value it carries never shows.

Bad:
```markdown
---
title: Caching
descripton: When and how to cache.
---
```

Good:
```markdown
---
title: Caching
description: When and how to cache.
---
```
"""

from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity, Span

CODE = "FM004"
NAME = "unknown-key"
SEVERITY = Severity.WARNING


def check(doc: Document) -> Iterator[Finding]:
    for issue in doc.schema_issues:
        if issue.unknown_key and issue.key is not None:
            yield Finding(CODE, Span.of(issue.line, 1, len(issue.key)), issue.message)
