"""A page of a collection that requires frontmatter has none.

A page that no collection claims may go without frontmatter, as most MkDocs
pages do; a collection with `required = true` (docs/collections.md) asks each
of its pages for one.

Why: the pages of such a collection are read by what their frontmatter says
(title, description, type); a page without one is missing from those lists
or shows blank labels.

Bad:
```toml title="pyproject.toml"
[tool.curriculint.collections.pages]
schema = "curriculint:page"
required = true
```
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
    if doc.frontmatter.present or doc.unclosed_frontmatter or doc.binary:
        return
    collection = doc.collection
    if collection is None or not collection.settings.required:
        return
    yield Finding(CODE, Span.of(1, 1, len(doc.line_text(1))),
                  f"page has no frontmatter; the '{collection.name}' collection requires it "
                  f"(schema {collection.settings.schema_})")
