"""A sentence turned into a heading by a `---` right under it: meant as a
horizontal rule after a paragraph, the dashes underline the line above them
(Markdown's "setext" heading), so MkDocs renders the sentence as an H2, in the
table of contents too.

Reported where the line reads as a sentence, not a title: it ends with a full
stop, an exclamation mark or an ellipsis (a closing quote or emphasis after it
too, `*"Ship small."*`), or a question of ten words and more; and the
underline is a short rule (three to five dashes). An underline of other
lengths is a title written so on purpose (`Usage` over `-----------`), and so
is a heading in a list, a quote or an admonition, which are left alone. A
paragraph of several lines (the page's frontmatter written again in its body)
is DUP003's.

Why: the reader sees a sentence set as a section heading; the outline, the
table of contents and the search index list it as one. MkDocs builds it
without a warning.

The unsafe fix puts a blank line above the dashes (a paragraph, then a rule).

Bad:
```markdown
Commit the lockfile with the code it pins.
---
```

Good:
```markdown
Commit the lockfile with the code it pins.

---
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity, Span
from curriculint.model import Edit, Fix

CODE = "ST015"
NAME = "setext-by-accident"
SEVERITY = Severity.WARNING

_RULE = re.compile(r" {0,3}-{3,5}[ \t]*")
# A sentence's end, then closing quotes, brackets or emphasis.
_STATEMENT_END = re.compile(r"[.!…]['\"’”»)*_]*$")
_QUESTION_END = re.compile(r"\?['\"’”»)*_]*$")


def _sentence(text: str) -> bool:
    text = text.strip()
    if _STATEMENT_END.search(text) and not text.endswith(".."):
        return len(text.split()) >= 3
    return bool(_QUESTION_END.search(text)) and len(text.split()) >= 10


def check(doc: Document) -> Iterator[Finding]:
    if "---" not in doc.text:
        return
    for heading in doc.index.headings:
        if heading.level != 2 or heading.container:
            continue
        line = heading.line
        text = doc.line_text(line)
        if text.lstrip().startswith("#") or line >= len(doc.lines):
            continue
        under = doc.line_text(line + 1)
        if not _RULE.fullmatch(under) or not _sentence(heading.text):
            continue  # (a title, or a heading of several lines: the rule is further down)
        start = len(text) - len(text.lstrip()) + 1
        yield Finding(CODE, Span.of(line, start, len(text.strip())),
                      f"'{under.strip()}' right under this sentence makes it an H2 heading "
                      "(an underlined heading), not a paragraph and a horizontal rule: put a "
                      "blank line above the dashes",
                      Fix((Edit(Span.of(line + 1, 1, 0), "\n"),),
                          "put a blank line above the dashes", safe=False))
