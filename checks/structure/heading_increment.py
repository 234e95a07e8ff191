"""A heading is two or more levels deeper than the heading before it.

Why: skipped levels break the document outline that the table of contents,
screen readers and the search index are built from.

Bad:
```markdown
# Caching

### Write-through
```

Good:
```markdown
# Caching

## Write-through
```
"""

from collections.abc import Iterator

from curriculint.checks.links.build_targets import build_marks
from curriculint.load.document import Document, Finding, Severity

CODE = "ST002"
NAME = "heading-increment"
SEVERITY = Severity.WARNING


def check(doc: Document) -> Iterator[Finding]:
    previous = None
    # `::: package.Object` (mkdocstrings) renders headings at the level its
    # options give (`heading_level`): the level before the next written heading
    # is not on the page.
    objects = [line for line, _ in build_marks(doc).objects] if ":::" in doc.text else []
    for heading in doc.index.headings:
        if objects and previous is not None and any(
                previous.line < line < heading.line for line in objects):
            previous = None
        if previous is not None and heading.level > previous.level + 1:
            yield Finding(CODE, heading.span,
                          f"H{heading.level} follows H{previous.level} (line {previous.line}); "
                          f"expected H{previous.level + 1}")
        previous = heading
