"""U+FFFD REPLACEMENT CHARACTER in the text outside code.

Why: `�` is what a decoder writes for bytes it could not read; the original
character is gone and readers see a box or a question mark. Where the
surrounding bytes still show the mojibake, ENC003 reports the span instead.
A run of them (the bytes of one emoji) is one finding; HTML comments, which
render nothing, are left alone.

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

import re
from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity, Span

CODE = "ENC004"
NAME = "replacement-character"
SEVERITY = Severity.ERROR

REPLACEMENT = "\ufffd"
_RUNS = re.compile(REPLACEMENT + "+")


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
        # A run of them is one lost character (an emoji's bytes) or several:
        # reported once, over the run.
        for run in _RUNS.finditer(piece.text):
            columns = [piece.column + offset for offset in range(run.start(), run.end())
                       if (piece.line, piece.column + offset) not in undecodable
                       and (piece.line, piece.column + offset) not in in_mojibake]
            if not columns:
                continue
            many = len(columns) > 1
            yield Finding(CODE, Span.of(piece.line, columns[0], columns[-1] - columns[0] + 1),
                          f"replacement character{'s' if many else ''} U+FFFD: the original "
                          f"character{'s were' if many else ' was'} lost")
