"""Git merge-conflict markers left in the page: a `<<<<<<<` line, then `=======`,
then `>>>>>>>`, outside code blocks.

Why: MkDocs publishes both sides of the conflict and the markers between them
(`=======` even turns the line above into a heading), so readers get two
versions of the text. Code blocks are left alone: a lesson on Git shows
conflicts there on purpose.

Bad:
```markdown
<<<<<<< HEAD
Runs start at nine.
=======
Runs start at ten.
>>>>>>> schedule
```

Good:
```markdown
Runs start at ten.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity, Span

CODE = "ST010"
NAME = "merge-conflict"
SEVERITY = Severity.ERROR

_OURS = re.compile(r"<{7}(?: |$)")
_SEPARATOR = re.compile(r"={7}\s*$")
_THEIRS = re.compile(r">{7}(?: |$)")


def check(doc: Document) -> Iterator[Finding]:
    if "<<<<<<<" not in doc.text or ">>>>>>>" not in doc.text:
        return
    in_code = {line for block in doc.index.blocks if block.kind in ("fence", "code")
               for line in range(block.start_line, block.end_line + 1)}
    opened = separated = 0
    for number, line in enumerate(doc.lines, start=1):
        if number in in_code:
            continue
        if _OURS.match(line):
            opened, separated = number, 0
        elif opened and _SEPARATOR.match(line):
            separated = number
        elif opened and separated and _THEIRS.match(line):
            yield Finding(CODE, Span.of(opened, 1, 7),
                          f"a Git merge conflict left in the page (lines {opened}-{number}): "
                          "MkDocs publishes both sides and the markers; keep one side")
            opened = separated = 0
