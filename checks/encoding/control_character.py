r"""A C0 or C1 control character (other than tab) anywhere in the file.

A terminal's escape sequences (`ESC[1m`, colour codes of pasted output) are
told once a line, each whole sequence deleted by the fix: the ESC alone is
invisible, the rest shows as `[1m`.

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
    from curriculint.checks.encoding.wrong_decodes import document_mojibake

    # C1 controls inside a mojibake span are bytes ENC003 restores: its repair
    # comes first, so they are not reported here.
    in_mojibake: set[tuple[int, int]] = set()
    if _C1.search(doc.text):
        for number, item in document_mojibake(doc):
            in_mojibake.update((number, offset + 1) for offset in range(item.start, item.end))
    for number, line in enumerate(doc.lines, start=1):
        escapes = list(_ANSI.finditer(line)) if "\x1b" in line else []
        if escapes:
            yield _terminal_codes(number, escapes)
        coded = {offset for match in escapes for offset in range(match.start(), match.end())}
        for match in _CONTROL.finditer(line):
            offset, char = match.start(), match.group()
            if (number, offset + 1) in in_mojibake or offset in coded:
                continue
            span = Span.of(number, offset + 1, 1)
            name = f"U+{ord(char):04X}"
            if _C1.match(char) and _beside_decoded_bytes(line, offset):
                # Maybe a byte of a decode no reading explains: deleting it would
                # lose what a repair by hand needs.
                yield Finding(CODE, span, f"control character {name}, beside characters "
                              "a wrong decode makes: repair the decode, then delete it")
                continue
            yield Finding(CODE, span, f"control character {name}",
                          Fix((Edit(span, ""),), f"delete {name}", safe=False))


# A terminal's escape sequence (ESC, `[`, parameters, a final letter: `\x1b[1;31m`):
# output pasted from a terminal, colour codes and all.
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _terminal_codes(number: int, escapes: list[re.Match[str]]) -> Finding:
    """One finding a line: its escape sequences show as `[1m` and the like (the
    ESC alone is invisible); the fix deletes each whole sequence."""
    first = escapes[0]
    span = Span.of(number, first.start() + 1, first.end() - first.start())
    shown = first.group().replace("\x1b", "ESC")
    count = len(escapes)
    what = f"{count} terminal escape sequences" if count > 1 else "a terminal escape sequence"
    return Finding(CODE, span, f"{what} ({shown}{', ...' if count > 1 else ''}): colour "
                   f"codes of pasted terminal output, shown as '{first.group()[1:]}'",
                   Fix(tuple(Edit(Span.of(number, match.start() + 1,
                                          match.end() - match.start()), "")
                             for match in escapes), "delete the escape sequences", safe=False))


def _beside_decoded_bytes(line: str, offset: int) -> bool:
    """A C1 control next to a character some code page makes of a byte 80-FF (or
    another C1): the byte pattern of UTF-8 read as latin-1, or as cp1250 by a
    decoder passing its undefined bytes on (`ćŚ\x81` for 持)."""
    from curriculint.checks.encoding.wrong_decodes import decoded_byte

    return any(decoded_byte(char)  # (C1 controls too: latin-1 makes them of 80-9F)
               for char in (line[offset - 1 : offset], line[offset + 1 : offset + 2]))
