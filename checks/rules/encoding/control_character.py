"""A C0 or C1 control character (other than tab) anywhere in the file.

Why: control characters are invisible in editors and browsers, break YAML
frontmatter and copy-pasted commands, and C1 controls (U+0080-U+009F) are
almost always bytes of a broken decode.

Bad: an escape character pasted from a terminal, `Press ESC[1mEnter` where
ESC is the byte 1B, or a C1 control such as U+0085 left by latin-1 decoding.

Good: `Press **Enter**`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from checks.document import Document, Finding, Severity, Span
from checks.model import Edit, Fix

CODE = "ENC005"
NAME = "control-character"
SEVERITY = Severity.ERROR


def _is_control(char: str) -> bool:
    return char != "\t" and unicodedata.category(char) == "Cc"


def check(doc: Document) -> Iterator[Finding]:
    from checks.mojibake import find_mojibake
    from checks.prose import prose_pieces

    # C1 controls inside a mojibake span are the bytes ENC003 restores.
    in_mojibake: set[tuple[int, int]] = set()
    for piece in prose_pieces(doc):
        if any(0x80 <= ord(char) <= 0x9F for char in piece.text):
            for item in find_mojibake(piece.text):
                in_mojibake.update((piece.line, piece.column + offset)
                                   for offset in range(item.start, item.end))
    for number, line in enumerate(doc.lines, start=1):
        if line.isprintable() or not any(_is_control(char) for char in line):
            continue
        for offset, char in enumerate(line):
            if not _is_control(char) or (number, offset + 1) in in_mojibake:
                continue
            span = Span.of(number, offset + 1, 1)
            name = f"U+{ord(char):04X}"
            yield Finding(CODE, span, f"control character {name}",
                          Fix((Edit(span, ""),), f"delete {name}", safe=False))
