"""A bulleted list right after a numbered one (or the other way round), which
Python-Markdown makes one list of the first kind.

Python-Markdown continues a list with any list that follows it with nothing but
blank lines between: bullets under `1.`, `2.` become items 3, 4 and 5, and
numbered steps under bullets get bullets. CommonMark (GitHub, editors) starts a
new list when the kind changes, so the slip goes unseen until the site is
built. It happens most with sub-points indented short of the item's text (` - `
under `1. `: too little to nest them). Checked on the pages of an MkDocs site
whose extensions are known, in list items, admonitions, tabs and quotes too; a
site that enables sane_lists (or mdx_truly_sane_lists, pymdownx.fancylists),
which keeps the kinds apart, is left alone. No fix: whether the items were meant
nested under the item above (indent them four spaces) or as a list of their own
(put a line of text between) is the author's call.

Why: the reader sees the sub-points numbered as steps, or the steps as bullets.

Bad:
```yaml title="mkdocs.yml"
site_name: Course
```

```markdown title="docs/index.md"
# Setup

1. Install the tools
 - Python 3.11
 - Git
2. Clone the repository
```

Good:
```yaml title="mkdocs.yml"
site_name: Course
```

```markdown title="docs/index.md"
# Setup

1. Install the tools
    - Python 3.11
    - Git
2. Clone the repository
```
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping

from curriculint.checks.links.local_targets import no_other_page
from curriculint.checks.structure.python_markdown_site import (
    PythonMarkdownSite,
    prepare_unless,
)
from curriculint.load.document import Document, Finding, Severity, Span
from curriculint.load.site import Site
from curriculint.model import RuleKind

CODE = "ST014"
NAME = "list-type-continued"
SEVERITY = Severity.ERROR
KIND = RuleKind.SITE_PER_PAGE

# Extensions that keep a numbered and a bulleted list apart.
_SANE_LISTS = frozenset({"sane_lists", "mdx_truly_sane_lists", "fancylists"})
_ORDERED = frozenset({".", ")"})

# (line and column of the later list's first marker, whether it is numbered,
# the line of the first list of the run it continues)
Summary = tuple[tuple[int, int, bool, int], ...]


def summarize(doc: Document) -> Summary:
    lists = [block for block in doc.index.blocks if block.kind == "list"]
    found = []
    heads = list(range(len(lists)))  # each list's first list of the run it continues
    for position, (earlier, later) in enumerate(itertools.pairwise(lists), 1):
        if later.depth != earlier.depth or later.start_line <= earlier.end_line or any(
                doc.line_text(number).strip(" \t>")
                for number in range(earlier.end_line + 1, later.start_line)):
            continue  # nested, or text between: two lists to Python-Markdown too
        # One list to Python-Markdown, of the first one's kind, however many follow.
        head = lists[heads[position - 1]]
        heads[position] = heads[position - 1]
        if (head.info in _ORDERED) != (later.info in _ORDERED):
            text = doc.line_text(later.start_line)
            column = len(text) - len(text.lstrip(" \t>")) + 1
            found.append((later.start_line, column, later.info in _ORDERED, head.start_line))
    return tuple(found)


Context = PythonMarkdownSite[Summary]


def prepare(site: Site, summaries: Mapping[str, Summary]) -> Context:
    return prepare_unless(site, summaries, _SANE_LISTS)


page_dependencies = no_other_page


def check_page(context: Context, display: str) -> Iterator[Finding]:
    if not context.active:
        return
    for line, column, numbered, first in context.summaries[display]:
        if numbered:
            what = ("this numbered list follows the bulleted list of line "
                    f"{first} with no text between: Python-Markdown continues "
                    "that list, so MkDocs shows these items with bullets")
        else:
            what = ("this bulleted list follows the numbered list of line "
                    f"{first} with no text between: Python-Markdown continues "
                    "that list, so MkDocs numbers these items on from it")
        yield Finding(CODE, Span.of(line, column, 1),
                      f"{what}; indent them four spaces to nest them under the item above, "
                      "or put a line of text between the lists")
