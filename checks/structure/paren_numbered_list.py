"""Items numbered `1)` on lines of their own, which Python-Markdown reads as no list.

Python-Markdown numbers list items only as `1.`: lines opening with `1)`, `2)`
are text to it, and consecutive ones are one paragraph, so MkDocs shows
`1) Clone the repo 2) Install 3) Run` on one line where the author wrote steps
(GitHub and editors, which follow CommonMark, show a list, so the slip goes
unseen until the site is built). Checked on the pages of an MkDocs site whose
extensions are known, for two items or more of which two run on with no blank
line between (items a blank line apart are paragraphs of their own and read as
written), in list items, admonitions, tabs and quotes too; a site that enables
pymdownx.fancylists, which reads `1)` as a list, is left alone. `--unsafe-fixes`
numbers the items `1.`, which shows the list with dots where the author wrote
parentheses.

Why: the reader gets the steps run together into one line of text.

Bad:
```yaml title="mkdocs.yml"
site_name: Course
```

```markdown title="docs/index.md"
# Setup

1) Clone the repository
2) Install the tools
```

Good:
```yaml title="mkdocs.yml"
site_name: Course
```

```markdown title="docs/index.md"
# Setup

1. Clone the repository
2. Install the tools
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from curriculint.checks.links.local_targets import no_other_page
from curriculint.checks.structure.python_markdown_site import (
    PythonMarkdownSite,
    prepare_unless,
)
from curriculint.load.document import Document, Finding, Severity, Span
from curriculint.load.site import Site
from curriculint.model import Edit, Fix, RuleKind

CODE = "ST012"
NAME = "paren-numbered-list"
SEVERITY = Severity.ERROR
KIND = RuleKind.SITE_PER_PAGE

_MARKER = re.compile(r"[ \t>]*(\d{1,9})\)")

# Extensions that read `1)` as an ordered list.
_PAREN_LISTS = frozenset({"fancylists"})  # pymdownx.fancylists

# (first item's line, column of its marker, the markers' lines and `)` columns)
Summary = tuple[tuple[int, int, tuple[tuple[int, int], ...]], ...]


def summarize(doc: Document) -> Summary:
    blocks = doc.index.blocks
    found = []
    for position, block in enumerate(blocks):
        if block.kind != "list" or block.info != ")":
            continue
        # The blocks inside the list follow it; stop at the first one past its end.
        items = []
        for other in blocks[position + 1:]:
            if other.start_line > block.end_line:
                break
            if other.kind == "item" and other.depth == block.depth + 1:
                items.append(other)
        markers = []
        for item in items:
            match = _MARKER.match(doc.line_text(item.start_line))
            if match is not None:
                markers.append((item.start_line, match.end(1)))
        run_on = any(doc.line_text(later.start_line - 1).strip(" \t>")
                     for later in items[1:])
        if len(markers) < 2 or not run_on:
            continue  # one item, or items a blank line apart: paragraphs that read as written
        first = _MARKER.match(doc.line_text(markers[0][0]))
        assert first is not None
        found.append((markers[0][0], first.start(1) + 1, tuple(markers)))
    return tuple(found)


Context = PythonMarkdownSite[Summary]


def prepare(site: Site, summaries: Mapping[str, Summary]) -> Context:
    return prepare_unless(site, summaries, _PAREN_LISTS)


page_dependencies = no_other_page


def check_page(context: Context, display: str) -> Iterator[Finding]:
    if not context.active:
        return
    for line, column, markers in context.summaries[display]:
        count = len(markers)
        width = markers[0][1] + 2 - column  # `12)`
        yield Finding(CODE, Span.of(line, column, width),
                      f"these {count} items are numbered `1)`, which Python-Markdown reads as "
                      "no list: MkDocs runs their lines together into one paragraph; number "
                      "them `1.` (or enable pymdownx.fancylists)",
                      Fix(tuple(Edit(Span.of(at, close + 1, 1), ".") for at, close in markers),
                          "number the items `1.`", safe=False))
