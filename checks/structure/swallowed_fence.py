"""A code block runs past where it was meant to end: a line inside it opens a
fence with a language (```` ```bash ````), so the fence before it was not closed.

A closing fence takes no language, so ```` ```bash ```` meant as a close, a
closing fence lost to a heading pasted at column 0 inside a list item, or a
Markdown example whose inner fences are as long as its own, all leave the
block open: the page after it renders as code (or the next fence closes it
and what follows renders inside out). Reported at the line that opens the
inner fence. An inner fence of another character (`~~~` in backticks),
shorter than the block's own or indented otherwise (pymdownx.superfences
closes a block only at its own indentation) is content, and is left alone.

Why: the reader sees a wall of code with the lesson's headings and prose in it;
MkDocs builds it without a warning.

Bad:
````markdown
```python
print("ready")
```bash
pip install ready
```
````

Good:
````markdown
```python
print("ready")
```

```bash
pip install ready
```
````
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity, Span

CODE = "ST006"
NAME = "swallowed-fence"
SEVERITY = Severity.ERROR

_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})(.*)$")


def check(doc: Document) -> Iterator[Finding]:
    for fence in doc.index.fences:
        opened = _FENCE.match(doc.line_text(fence.start_line))
        if opened is None:
            continue  # an indented code block
        marker, indent = opened[2], len(opened[1].expandtabs(4))
        for number in range(fence.start_line + 1, fence.end_line):
            inner = _FENCE.match(doc.line_text(number))
            if (inner is None or inner[2][0] != marker[0] or len(inner[2]) < len(marker)
                    or not inner[3].strip()
                    or len(inner[1].expandtabs(4)) != indent):
                continue
            shown = inner[2] + inner[3].strip()
            yield Finding(CODE, Span.of(number, len(inner[1]) + 1, len(shown)),
                          f"'{shown}' opens a fence inside the code block that starts at "
                          f"line {fence.start_line}: a closing fence takes no language, so "
                          f"that block was not closed and the page after it renders as code")
            break
