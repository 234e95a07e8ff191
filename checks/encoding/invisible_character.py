"""An invisible character: zero-width, bidirectional control or stray soft hyphen.

Why: zero-width spaces and joiners break search, anchors and copy-paste;
bidirectional overrides and isolates reorder what is displayed (the "trojan
source" attack), so they are reported in code too; a soft hyphen that is not
between two letters is debris of a broken decode. Joiners inside emoji
sequences (👩\u200d💻), variation selectors after emoji (⚠\ufe0f) and joiners between
letters of scripts that use them are legitimate; so is a zero-width space next
to a script written without spaces (Chinese, Japanese, Thai, Khmer...), where
it marks a word break (UAX #14), and any zero-width space on a site whose
search plugin lists U+200B among its separators (`plugins.search.separator`
in mkdocs.yml).

Fix: deletes the character only where that changes nothing a reader or a
search index sees (a BOM inside the text, a bidirectional mark in text without
right-to-left script, a stray soft hyphen or variation selector); deleting a
zero-width space, a joiner or a word joiner may undo a deliberate break, so
it is only offered as an unsafe fix.

Bad:
```markdown
Use the\u200b cache and `rm -rf /tmp/\u202etxt.exe`.
```

Good:
```markdown
Use the cache 👩\u200d💻 ⚠\ufe0f and `rm -rf /tmp/file.txt`.
```
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity, Span
from curriculint.model import Edit, Fix

CODE = "ENC006"
NAME = "invisible-character"
SEVERITY = Severity.WARNING

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
BIDI_MARKS = frozenset("\u200e\u200f\u061c")
ZERO_WIDTH = frozenset("\u200b\u2060\ufeff\u180e\u2061\u2062\u2063\u2064")
JOINERS = frozenset("\u200c\u200d")
SOFT_HYPHEN = "\xad"
VARIATION = frozenset(chr(point) for point in range(0xFE00, 0xFE10))

_NAMES = {"\ufeff": "ZERO WIDTH NO-BREAK SPACE (BOM)"}
ZWSP = "\u200b"
# Scripts written without spaces between words, where U+200B marks a word
# break: Thai, Lao, Tibetan, Myanmar, Khmer, CJK (radicals, punctuation, kana,
# ideographs), Yi, Javanese, Balinese, full-width forms.
_NO_SPACE_SCRIPTS = ((0x0E00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x19E0, 0x19FF),
                     (0x1B00, 0x1B7F), (0x2E80, 0x2FDF), (0x3000, 0x31FF), (0x3400, 0x4DBF),
                     (0x4E00, 0x9FFF), (0xA000, 0xA4CF), (0xA980, 0xA9DF), (0xF900, 0xFAFF),
                     (0xFF00, 0xFFEF), (0x20000, 0x3FFFF))


def _no_space_script(char: str) -> bool:
    point = ord(char) if char else 0
    return any(low <= point <= high for low, high in _NO_SPACE_SCRIPTS)


def _word_break(text: str, offset: int) -> bool:
    """A zero-width space beside a letter of a script written without spaces."""
    before = text[offset - 1] if offset else ""
    after = text[offset + 1] if offset + 1 < len(text) else ""
    return _no_space_script(before) or _no_space_script(after)


def _name(char: str) -> str:
    return f"U+{ord(char):04X} {_NAMES.get(char) or unicodedata.name(char, '')}".strip()


@functools.lru_cache(maxsize=64)
def _has_rtl(text: str) -> bool:
    # Asked once per bidirectional mark, with the same piece or line each time:
    # cached, a line of many marks is scanned once (it was once per mark).
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def _emoji_side(char: str) -> bool:
    from curriculint.checks.encoding.wrong_decodes import emoji_pieces

    return bool(char) and not char.isascii() and bool(list(emoji_pieces(char)))


def _joiner_ok(text: str, offset: int) -> bool:
    """ZWJ inside an emoji sequence; ZWJ or ZWNJ between letters or marks of a
    script that is not Latin (Persian, Indic, Arabic)."""
    before = text[offset - 1] if offset else ""
    after = text[offset + 1] if offset + 1 < len(text) else ""
    if text[offset] == "\u200d" and _emoji_side(before) and _emoji_side(after):
        return True
    if text[offset] == "\u200d" and before in VARIATION and _emoji_side(after):
        return True
    if text[offset] == "\u200d" and 0x1F3FB <= ord(before or " ") <= 0x1F3FF:
        return True  # after a skin tone modifier
    letters = [char for char in (before, after) if char]
    return len(letters) == 2 and all(
        not char.isascii() and unicodedata.category(char)[0] in "LM"
        and "LATIN" not in unicodedata.name(char, "") for char in letters)


def _variation_ok(text: str, offset: int) -> bool:
    before = text[offset - 1] if offset else ""
    return bool(before) and not before.isspace() and before not in VARIATION


def _problem(text: str, offset: int, in_code: bool) -> tuple[str, bool] | None:
    """What is wrong with the character at `offset`, and whether deleting it is safe."""
    char = text[offset]
    if char in BIDI_CONTROLS:
        return "bidirectional control (can reorder displayed text)", False
    if in_code:
        return None
    if char in BIDI_MARKS:
        return None if _has_rtl(text) else ("bidirectional mark in text without "
                                            "right-to-left script", True)
    if char in ZERO_WIDTH:
        if char == ZWSP and _word_break(text, offset):
            return None
        # A BOM inside the text is debris of a concatenated file; the others
        # (a zero-width space, a word joiner) may be deliberate breaks.
        return "zero-width character", char == "\ufeff"
    if char in JOINERS:
        name = "zero-width joiner" if char == "\u200d" else "zero-width non-joiner"
        return None if _joiner_ok(text, offset) else (f"{name} outside an emoji "
                                                      "sequence or a joining script", False)
    if char == SOFT_HYPHEN:
        before = text[offset - 1] if offset else ""
        after = text[offset + 1] if offset + 1 < len(text) else ""
        between_letters = before.isalpha() and after.isalpha()
        return None if between_letters else ("stray soft hyphen", True)
    if char in VARIATION:
        return None if _variation_ok(text, offset) else ("stray variation selector", True)
    return None


_SUSPECTS = BIDI_CONTROLS | BIDI_MARKS | ZERO_WIDTH | JOINERS | VARIATION | {SOFT_HYPHEN}
# One regex pass per piece instead of a Python loop per character.
_SUSPECT = re.compile("[" + "".join(re.escape(char) for char in sorted(_SUSPECTS)) + "]")
_BIDI = re.compile("[" + "".join(re.escape(char) for char in sorted(BIDI_CONTROLS)) + "]")


def check(doc: Document) -> Iterator[Finding]:
    from curriculint.checks.encoding.prose import non_ascii_pieces

    reported: set[tuple[int, int]] = set()
    # The site's search splits words at U+200B: the page writes it on purpose.
    deliberate = doc.options.zero_width_space_separates
    for piece in non_ascii_pieces(doc):
        for match in _SUSPECT.finditer(piece.text):
            offset, char = match.start(), match.group()
            if deliberate and char == ZWSP:
                continue
            problem = _problem(piece.text, offset, in_code=False)
            if problem:
                reported.add((piece.line, piece.column + offset))
                yield _finding(piece.line, piece.column + offset, char, *problem)
    # Bidirectional controls anywhere, code included: that is where they attack.
    if doc.text.isascii() or not _BIDI.search(doc.text):
        return
    for number, line in enumerate(doc.lines, start=1):
        for match in _BIDI.finditer(line):
            offset, char = match.start(), match.group()
            if (number, offset + 1) not in reported:
                problem = _problem(line, offset, in_code=True)
                assert problem is not None
                yield _finding(number, offset + 1, char, *problem)


def _finding(line: int, column: int, char: str, what: str, safe: bool) -> Finding:
    span = Span.of(line, column, 1)
    return Finding(CODE, span, f"{what}: {_name(char)}",
                   Fix((Edit(span, ""),), f"delete {_name(char)}", safe=safe))
