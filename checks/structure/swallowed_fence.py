"""A code block runs past where it was meant to end: a line inside it opens a
fence with a language (```` ```bash ````), so the fence before it was not closed;
or it is never closed at all.

A closing fence takes no language, so ```` ```bash ```` meant as a close, a
closing fence lost to a heading pasted at column 0 inside a list item, or a
Markdown example whose inner fences are as long as its own, all leave the
block open: the page after it renders as code (or the next fence closes it
and what follows renders inside out). Reported at the line that opens the
inner fence. An inner fence of another character (`~~~` in backticks),
longer or shorter than the block's own or indented otherwise (Python-Markdown
and pymdownx.superfences close a block only with its own fence, at its own
indentation) is content, and is left alone;
but shorter fences in a block (a Markdown listing's own examples) pair up,
and a bare one followed by one with a language before anything closes it
was the block's close written too short (```` ``` ```` for ```` ```` ````).
A bare fence of the block's own length indented a space or more off its
opening (`` ` ``` `` under ```` ```bash ````), which Python-Markdown does not
take as the close, is reported as the cause when a later fence shows the
block ran on.
A fence open to the end of the page (or of its list item, admonition or
quote) is reported at its opening line: CommonMark ends the block there, but
Python-Markdown opens a fence only where it is closed, so MkDocs shows the
fence line as text (a stray ```` ``` ```` after a paragraph, a last listing
left open, a listing in a list item cut short by a line at column 0).
On a site whose fences fenced_code reads alone (no pymdownx.superfences), a
fence off the margin is no fence at all, and nothing is said of it here.

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


def _meant_close(line: int, close: re.Match[str], start: int, end: int, why: str) -> Finding:
    """A fence meant as the close of the block opened at `start`, which is not one."""
    return Finding(CODE, Span.of(line, len(close[1]) + 1, len(close[2])),
                   f"'{close[2]}' was meant to close the code block that starts at line "
                   f"{start}, but {why} the page after it, to line {end}, renders as code")


def check(doc: Document) -> Iterator[Finding]:
    fenced = {block.start_line for block in doc.index.blocks if block.kind == "fence"}
    for fence in doc.index.fences:
        opened = _FENCE.match(doc.line_text(fence.start_line))
        if opened is None or fence.start_line not in fenced:
            continue  # an indented code block (that may show a fence as its first line)
        if opened[1] and doc.options.fences_at_margin:
            continue  # fenced_code alone reads no fence off the margin: text, not code
        marker, indent = opened[2], len(opened[1].expandtabs(4))
        short_close = None  # a bare shorter fence that opened no example of its own
        shifted = None  # a bare fence of the block's own length, indented otherwise
        reported = False
        for number in range(fence.start_line + 1, fence.end_line):
            inner = _FENCE.match(doc.line_text(number))
            if inner is None or inner[2][0] != marker[0]:
                continue
            info = inner[3].strip()
            if len(inner[2]) < len(marker):
                if info.startswith("{") and not info.startswith("{."):
                    info = ""  # attributes, no language (```` ```{style="x"} ````): opens nothing
                # The block's own examples (a Markdown listing's fences): they pair
                # up. A bare one followed by one with a language, before anything
                # closes it, was the close of the block written too short.
                if short_close is None:
                    short_close = (number, inner) if not info else (0, inner)
                elif info and short_close[0]:
                    yield _meant_close(*short_close, fence.start_line, fence.end_line,
                                       f"only {len(marker)} or more "
                                       f"{'backticks' if marker[0] == '`' else 'tildes'} "
                                       "close it:")
                    reported = True
                    break
                elif not info:
                    short_close = None
                continue
            if not info and shifted is None and len(inner[2]) == len(marker) and \
                    0 < abs(len(inner[1].expandtabs(4)) - indent) < 4:
                shifted = (number, inner)
            if not info or len(inner[1].expandtabs(4)) != indent or len(inner[2]) > len(marker):
                continue  # (a longer fence is an example the listing shows: only its own closes it)
            shown = inner[2] + info
            if shifted is not None:
                # The close written a space or two off: the cause, where it is.
                shift = len(shifted[1][1].expandtabs(4))
                yield _meant_close(*shifted, fence.start_line, number,
                                   f"it is indented {shift} space{'' if shift == 1 else 's'} "
                                   f"where the block opened at {indent}: Python-Markdown "
                                   "closes a block only at its own indentation, so")
            else:
                yield Finding(CODE, Span.of(number, len(inner[1]) + 1, len(shown)),
                              f"'{shown}' opens a fence inside the code block that starts at "
                              f"line {fence.start_line}: a closing fence takes no language, so "
                              f"that block was not closed and the page after it renders as code")
            reported = True
            break
        last = _FENCE.match(doc.line_text(fence.end_line))
        if not reported and (fence.end_line == fence.start_line or last is None
                             or last[2][0] != marker[0] or len(last[2]) < len(marker)
                             or last[3].strip()):
            # Open to the end of the page (or of its list item, admonition or quote):
            # CommonMark ends the block there, Python-Markdown never opens it.
            yield Finding(CODE, Span.of(fence.start_line, len(opened[1]) + 1, len(marker)),
                          f"this code block is never closed: MkDocs shows '{marker}' as "
                          f"text and the code after it as paragraphs; close it with "
                          f"'{marker}'")
