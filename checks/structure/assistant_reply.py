"""A chat assistant's words left in the page: "Sure, here's an improved version
of the section:", "As an AI language model…", "Let me know if you'd like me to…".

Found in the page's own prose, paragraphs and list items, where a sentence
opens with an assistant's acknowledgement ("Sure, here is", "Certainly! I've
rewritten") or offers its rewrite ("Here's a revised version of"), or where
the text speaks as the model or offers more of its work, or holds the chat's
citation markers (`:contentReference[oaicite:0]{index=0}`) or, on a line of its
own, the tag it writes where it would show a picture (`[Image of a gear train]`).
Quotes, admonitions, code and tables are left alone: a course about language
models shows replies there on purpose.

Why: the sentence was meant for the author, not the reader; it tells readers
the page was pasted from a chat and not read again.

Bad:
```markdown
## Naming

Sure, here's an improved version of the naming section:

Releases are named after the year and the month they ship in.
```

Good:
```markdown
## Naming

Releases are named after the year and the month they ship in.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity, Span

CODE = "ST007"
NAME = "assistant-reply"
SEVERITY = Severity.WARNING

_APOSTROPHE = "['\u2019]"
# At the start of a paragraph or item.
_OPENING = re.compile(
    rf"^(?:(?:sure|certainly|absolutely|of course)\s*[,!.]\s*(?:here{_APOSTROPHE}s|here (?:is|are)"
    rf"|i{_APOSTROPHE}(?:ve|ll)|i (?:have|will|can))\b"
    rf"|here{_APOSTROPHE}s (?:an?|the|your) (?:improved|revised|updated|rewritten|refined|"
    r"polished|corrected|expanded|more concise|clearer|cleaner) (?:version|draft|text|section)\b)",
    re.IGNORECASE)
# Anywhere in the prose.
_ANYWHERE = re.compile(
    rf"\bas an ai(?: language)? model\b|\blet me know if you(?:{_APOSTROPHE}d| would)? like me to\b"
    rf"|\bif you(?:{_APOSTROPHE}d| would) like,? i can\b|\bwould you like me to\b"
    r"|\bi hope this helps\b"
    # A chat's citation markers, pasted with its answer.
    r"|:?contentReference\[oaicite:\d+\](?:\{index=\d+\})?|\[oaicite:\d+\]|【\d+†[^】]{0,40}】"
    # The tag a chat writes where it would show a picture, alone on its line.
    r"|^\[Image of [^\[\]]{3,200}\]\s*$",
    re.IGNORECASE)
_PROSE = frozenset({"paragraph"})
_QUOTES = ('"', "\u201c", "'", "\u2018", "\u00ab")


def _quoted(text: str, at: int) -> bool:
    """Whether `at` is inside a quotation that opens earlier on the line: right
    after a quote mark, or after an opening quote its closing one has not matched."""
    before = text[:at]
    if before.rstrip().endswith(_QUOTES):
        return True
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d") or \
        before.count("\u00ab") > before.count("\u00bb")
_QUOTED = frozenset({"blockquote", "admonition", "tab", "html"})


# Words one of the patterns needs, looked for in the page before any run is read
# (plain substring searches; most pages hold none of them). A reply's opening
# starts a paragraph, so it is capitalised.
_KEYS = (*(f"{word}{mark}" for word in ("Sure", "Certainly", "Absolutely", "Of course")
           for mark in ",!."),
         *(f"Here{quote}s {article} " for quote in "'\u2019"
           for article in ("a", "an", "the", "your")),
         "as an AI", "As an AI", "et me know if", "hope this helps", "oaicite", "\u3010",
         "like, I can", "like I can", "ould you like me to",
         "[Image of ")


def check(doc: Document) -> Iterator[Finding]:
    text = doc.text
    if not any(key in text for key in _KEYS):
        return
    runs = doc.index.text_runs
    if not any(_ANYWHERE.search(run.text) or _OPENING.match(run.text.lstrip())
               for run in runs if run.context in _PROSE):
        return
    quoted = {line for block in doc.index.blocks if block.kind in _QUOTED
              for line in range(block.start_line, block.end_line + 1)}
    for run in runs:
        if run.context not in _PROSE or run.line in quoted:
            continue
        text = run.text.lstrip()
        found = _OPENING.match(text) if not run.continues else None
        offset = len(run.text) - len(text)
        if found is None:
            found = _ANYWHERE.search(run.text)
            offset = 0
            if found is not None and _quoted(run.text, found.start()):
                continue  # a reply quoted as speech ("Would you like me to go deeper?")
        if found is None:
            continue
        yield Finding(CODE, Span.of(run.line, run.column + offset + found.start(),
                                    found.end() - found.start()),
                      f"'{found.group(0)}' is a chat assistant's reply to the author, "
                      "left in the page")
