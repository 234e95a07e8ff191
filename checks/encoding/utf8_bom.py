r"""The file starts with a UTF-8 byte order mark.

Why: harmless to MkDocs, but some tools then miss the frontmatter's opening
`---`; UTF-8 needs no BOM.

Bad:
```python title="page.md (bytes)"
# the bytes EF BB BF before the opening ---
b"\xef\xbb\xbf---\ntitle: Caching\n---\n\n# Caching\n"
```

Good:
```markdown
---
title: Caching
---

# Caching
```
"""

from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity, Span

CODE = "ENC002"
NAME = "utf8-bom"
SEVERITY = Severity.INFO


def check(doc: Document) -> Iterator[Finding]:
    if doc.had_bom:
        yield Finding(CODE, Span(1, 1), "file starts with a UTF-8 byte order mark")
