"""A frontmatter key is written twice; YAML keeps only the last value.

Why: PyYAML (and so MkDocs) silently drops the first value, so the page shows
something other than what its author reads at the top of the file.

Bad:
```markdown
---
title: Caching
description: Cache patterns
title: Caching Patterns
---
```

Good:
```markdown
---
title: Caching Patterns
description: Cache patterns
---
```
"""

from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity, Span

CODE = "FM002"
NAME = "duplicate-key"
SEVERITY = Severity.ERROR


def check(doc: Document) -> Iterator[Finding]:
    for problem in doc.frontmatter.problems:
        if problem.kind == "duplicate-key":
            key_length = len(doc.line_text(problem.line).split(":", 1)[0].strip())
            yield Finding(CODE, Span.of(problem.line, problem.column, key_length),
                          problem.message)
