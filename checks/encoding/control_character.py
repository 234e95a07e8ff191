r"""A C0 or C1 control character (other than tab) anywhere in the file.

Why: control characters are invisible in editors and browsers, break YAML
frontmatter and copy-pasted commands, and C1 controls (U+0080-U+009F) are
almost always bytes of a broken decode.

Bad:
```python title="page.md (bytes)"
# an escape sequence pasted from a terminal (ESC is the byte 1B), and a C1
# control, U+0085 (UTF-8 C2 85), left by latin-1 decoding
b"Press \x1b[1mEnter\x1b[0m to continue.\xc2\x85\n"
```

Good:
```markdown
Press **Enter** to continue.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity, Span
from curriculint.model import Edit, Fix

CODE = "ENC005"
NAME = "control-character"
SEVERITY = Severity.ERROR


# Category Cc minus tab; one regex pass instead of a Python loop per character.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_C1 = re.compile(r"[\x80-\x9f]")


def check(doc: Document) -> Iterator[Finding]:
    if not _CONTROL.search(doc.text.replace("\n", " ").replace("\r", " ")):
        return
    from curriculint.checks.encoding.prose import non_ascii_pieces
    from curriculint.checks.encoding.wrong_decodes import find_mojibake

    # C1 controls inside a mojibake span are the bytes ENC003 restores.
    in_mojibake: set[tuple[int, int]] = set()
    for piece in non_ascii_pieces(doc):
        if _C1.search(piece.text):
            for item in find_mojibake(piece.text):
                in_mojibake.update((piece.line, piece.column + offset)
                                   for offset in range(item.start, item.end))
    for number, line in enumerate(doc.lines, start=1):
        for match in _CONTROL.finditer(line):
            offset, char = match.start(), match.group()
            if (number, offset + 1) in in_mojibake:
                continue
            span = Span.of(number, offset + 1, 1)
            name = f"U+{ord(char):04X}"
            yield Finding(CODE, span, f"control character {name}",
                          Fix((Edit(span, ""),), f"delete {name}", safe=False))
