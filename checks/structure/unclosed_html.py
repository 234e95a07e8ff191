"""An HTML element (`<div markdown>`, `<details>`, ...) is opened and never
closed, closed by the wrong tag, or closed twice; a closing tag written with a
backslash (`<\\span>`), which is no tag at all and shows as text; and a `<!--`
that is never closed, which MkDocs shows as text, publishing the notes after it.
A `<p>` may be left open in HTML, but one that opens a raw HTML block and that
no `</p>` closes makes Python-Markdown read the rest of the page as raw HTML:
its headings, lists and tables show as text.

Why: an unclosed `<div>` swallows the rest of the page into the element (a
grid of cards that never ends, a collapsed `<details>` that hides every later
section); a stray closing tag closes some other element early. Reported at
the opening tag, or at a closing tag that has nothing to close.

Bad:
```markdown
<div class="grid cards" markdown>

- **Leases** bound how long a holder may act.

## Next section
```

Good:
```markdown
<div class="grid cards" markdown>

- **Leases** bound how long a holder may act.

</div>

## Next section
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from curriculint.index.records import HtmlTag
from curriculint.load.document import Document, Finding, Severity, Span
from curriculint.load.parser import LINE_TAG

CODE = "ST003"
NAME = "unclosed-html"
SEVERITY = Severity.ERROR

# Elements whose end tag is required and that wrap blocks; `<p>`, `<li>`,
# `<td>` and friends may legally be left open, void elements have no end tag.
CONTAINERS = frozenset({
    "div", "section", "article", "aside", "details", "summary", "figure", "figcaption",
    "nav", "header", "footer", "main", "table", "center", "form", "blockquote",
})




def _tags_in_indented_code(doc: Document) -> dict[int, list[HtmlTag]]:
    """Tags in indented code blocks, by block start line. Python-Markdown reads a
    raw HTML block up to its balanced end tag, blank lines and indentation
    included, so an indented `</div>` after a blank line still closes the div
    there, while CommonMark (and so the index) sees a code block."""
    indented = {block.start_line for block in doc.index.blocks if block.kind == "code"}
    found: dict[int, list[HtmlTag]] = {}
    for fence in doc.index.fences:
        if fence.start_line not in indented:
            continue
        tags = found.setdefault(fence.start_line, [])
        for number, text in enumerate(fence.content.split("\n")):
            line = fence.start_line + number
            column = fence.content_columns[number] if number < len(fence.content_columns) else 1
            for match in LINE_TAG.finditer(text):
                start = column + match.start()
                tags.append(HtmlTag(match.group(2).lower(), (), Span.of(line, start, len(
                    match.group(2)) + 1 + len(match.group(1))), bool(match.group(1)),
                    bool(match.group(3)), True))
    return found


# `<\span>` for `</span>`: a backslash makes no closing tag; the text shows it.
_BACKSLASH_CLOSE = re.compile(
    r"<\\(div|span|p|a|b|i|u|s|em|strong|small|mark|code|kbd|sub|sup|br|font|center|details|"
    r"summary|figure|figcaption|li|ul|ol|table|tr|td|th)\s*>", re.IGNORECASE)


def _backslash_closes(doc: Document) -> Iterator[Finding]:
    for run in doc.index.text_runs:
        if "<\\" not in run.text:
            continue
        for match in _BACKSLASH_CLOSE.finditer(run.text):
            yield Finding(CODE, Span.of(run.line, run.column + match.start(), len(match[0])),
                          f"'{match[0]}' is no closing tag (the slash leans the wrong way) "
                          f"and shows as text; write '</{match[1]}>'")


def _unclosed_comment(doc: Document) -> Iterator[Finding]:
    """A block that opens `<!--` and nothing after it closes: the parser read it
    as text, as Python-Markdown does (load/parser.py)."""
    if "<!--" not in doc.text:
        return
    for block in doc.index.blocks:
        if block.kind != "paragraph":
            continue
        line = doc.line_text(block.start_line)
        column = line.find("<!--")
        if column < 0 or line[:column].strip():
            continue
        yield Finding(CODE, Span.of(block.start_line, column + 1, 4),
                      "'<!--' is never closed: MkDocs shows it as text and publishes what "
                      "follows (CommonMark hides the rest of the page); close it with '-->'")
        return  # nothing after it closes a comment: one finding says it


def _unclosed_paragraph(doc: Document) -> Iterator[Finding]:
    """A `<p>` that opens a raw HTML block at the margin and that no `</p>`
    after it closes: HTML may leave a paragraph open, but Python-Markdown reads a
    raw HTML block up to its balanced end tag, so the rest of the page is raw
    HTML there, its headings and tables shown as text. Reported once."""
    starts = {block.start_line for block in doc.index.blocks
              if block.kind == "html" and block.depth == 0}
    depth, opened = 0, None
    for tag in doc.index.html_tags:
        if tag.name != "p" or tag.self_closing:
            continue
        if opened is None:
            if tag.closing or tag.span.line not in starts or \
                    doc.line_text(tag.span.line)[: tag.span.column - 1].strip():
                continue
            opened = tag
        depth += -1 if tag.closing else 1
        if depth == 0:
            opened = None
    if opened is None:
        return
    block_end = next(block.end_line for block in doc.index.blocks
                     if block.kind == "html" and block.start_line == opened.span.line)
    if any(doc.line_text(line).strip() for line in range(block_end + 1, len(doc.lines) + 1)):
        yield Finding(CODE, opened.span,
                      "<p> opens a raw HTML block that is never closed: Python-Markdown "
                      "reads the rest of the page as raw HTML, so its Markdown (headings, "
                      "lists, tables) shows as text; close it with </p>")


def check(doc: Document) -> Iterator[Finding]:
    yield from _backslash_closes(doc)
    yield from _unclosed_comment(doc)
    if "<p" in doc.text:
        yield from _unclosed_paragraph(doc)
    open_tags: list[HtmlTag] = []
    in_code = _tags_in_indented_code(doc)
    events: list[tuple[int, int, int, HtmlTag]] = [
        (tag.span.line, tag.span.column, 0, tag) for tag in doc.index.html_tags]
    for start, tags in in_code.items():
        events.extend((tag.span.line, tag.span.column, start, tag) for tag in tags)
    events.sort(key=lambda event: (event[0], event[1]))
    code_blocks: dict[int, bool] = {}  # code block start -> read as HTML
    # Where each name is open in open_tags: a closing tag finds its element
    # without a walk down the whole stack (thousands of unclosed tags stay linear).
    positions: dict[str, list[int]] = {}
    for _line, _column, code_start, tag in events:
        if code_start:
            if code_start not in code_blocks:
                code_blocks[code_start] = bool(open_tags)
            if not code_blocks[code_start]:
                continue
        if tag.name not in CONTAINERS or tag.self_closing:
            continue
        if not tag.closing:
            positions.setdefault(tag.name, []).append(len(open_tags))
            open_tags.append(tag)
            continue
        if positions.get(tag.name):
            depth = positions[tag.name][-1]
            for unclosed in open_tags[depth + 1:]:
                yield Finding(CODE, unclosed.span,
                              f"<{unclosed.name}> is never closed: </{tag.name}> at line "
                              f"{tag.span.line} closes the <{tag.name}> around it first")
            for closed in open_tags[depth:]:
                positions[closed.name].pop()
            del open_tags[depth:]
        elif open_tags:
            # A wrong end tag: the element it was meant to close stays open.
            unclosed = open_tags.pop()
            positions[unclosed.name].pop()
            yield Finding(CODE, unclosed.span,
                          f"<{unclosed.name}> is closed by </{tag.name}> at line "
                          f"{tag.span.line}; expected </{unclosed.name}>")
        else:
            yield Finding(CODE, tag.span,
                          f"</{tag.name}> closes nothing: no <{tag.name}> is open here "
                          "(closed twice?)")
    for unclosed in open_tags:
        yield Finding(CODE, unclosed.span, f"<{unclosed.name}> is never closed")
