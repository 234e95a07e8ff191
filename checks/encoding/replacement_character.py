"""U+FFFD REPLACEMENT CHARACTER in the text outside code.

Why: `�` is what a decoder writes for bytes it could not read; the original
character is gone and readers see a box or a question mark. Where the
surrounding bytes still show the mojibake, ENC003 reports the span instead.

Bad:
```markdown
The latency budget is 10 �s.
```

Good:
```markdown
The latency budget is 10 µs.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity, Span

CODE = "ENC004"
NAME = "replacement-character"
SEVERITY = Severity.ERROR

REPLACEMENT = "\ufffd"


def check(doc: Document) -> Iterator[Finding]:
    if REPLACEMENT not in doc.text:
        return
    from curriculint.checks.encoding.prose import non_ascii_pieces
    from curriculint.checks.encoding.wrong_decodes import document_mojibake

    # Invalid bytes decode to U+FFFD too; ENC001 reports those.
    undecodable = {(problem.line, problem.column) for problem in doc.decode_problems}
    # U+FFFD inside a mojibake span is a byte ENC003 accounts for.
    in_mojibake = {(number, offset + 1) for number, item in document_mojibake(doc)
                   for offset in range(item.start, item.end)}
    for piece in non_ascii_pieces(doc):
        if REPLACEMENT not in piece.text:
            continue
        for offset, char in enumerate(piece.text):
            if char != REPLACEMENT:
                continue
            column = piece.column + offset
            if (piece.line, column) in undecodable or (piece.line, column) in in_mojibake:
                continue
            yield Finding(CODE, Span.of(piece.line, column, 1),
                          "replacement character U+FFFD: the original character was lost")
