r"""Bytes that are not valid UTF-8.

Why: the site is served as UTF-8; invalid bytes render as replacement
characters, and tools disagree about what they meant.

Bad:
```python title="page.md (bytes)"
# saved as cp1252: é is the single byte E9, not UTF-8's C3 A9
b"# Caf\xe9 menu\n\nCoffee and cake.\n"
```

Good:
```markdown
# Café menu

Coffee and cake.
```
"""

from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity, Span

CODE = "ENC001"
NAME = "invalid-utf8"
SEVERITY = Severity.ERROR


def check(doc: Document) -> Iterator[Finding]:
    if doc.binary:
        yield Finding(CODE, Span(1, 1), "not a text file: binary data (NUL bytes or mostly "
                      "invalid UTF-8); nothing else was checked")
        return
    for problem in doc.decode_problems:
        line = doc.line_text(problem.line)
        column = min(problem.column, len(line) + 1)
        width = 1 if column <= len(line) else 0
        yield Finding(CODE, Span.of(problem.line, column, width),
                      f"invalid UTF-8 byte sequence {problem.raw.hex(' ')}")
