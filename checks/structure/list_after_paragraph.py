"""A list starts on the line right after a paragraph, with no blank line between.

Python-Markdown needs a blank line before a list: without one the list's lines
are more of the paragraph, and MkDocs shows `Bring: - a towel - a map` as one
line of text where the author wrote a list (GitHub and editors, which follow
CommonMark, show the list, so the slip goes unseen until the site is built).
With pymdownx.superfences the same holds for a list right under a code block's
closing fence: the code block and the list's lines make one paragraph (but
where the lines up to the fence, with no blank line, open with a list item,
the list goes on: `1. a`, a fence at the margin, `2. b` is one list).
Checked on the pages of an MkDocs site whose extensions are known, in
admonitions, tabs and quotes too, for lists of two items or more (or one with
sub-items, or one that a line ending in a colon introduces); a list nested
in a list item is the item's and is left alone, so is a `1)` list (no list to
Python-Markdown at all), one that opens a quote, one under a callout's first
line (`> [!note] Title`, which callout plugins make a title), and a site that enables an
extension that lifts the rule (mdx_breakless_lists, prependnewline). `--fix`
inserts the blank line.

Why: the reader gets a run-on sentence of dashes instead of steps.

Bad:
```yaml title="mkdocs.yml"
site_name: Course
```

```markdown title="docs/index.md"
# Packing

Bring these:
- a towel
- a map
```

Good:
```yaml title="mkdocs.yml"
site_name: Course
```

```markdown title="docs/index.md"
# Packing

Bring these:

- a towel
- a map
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from curriculint.checks.links.local_targets import no_other_page
from curriculint.load.document import Document, Finding, Severity, Span
from curriculint.load.site import Site
from curriculint.model import Edit, Fix, RuleKind

CODE = "ST009"
NAME = "list-after-paragraph"
SEVERITY = Severity.ERROR
KIND = RuleKind.SITE_PER_PAGE

# A GitHub alert or Obsidian callout's first line (`> [!note] Title`).
_CALLOUT = re.compile(r"^\s*(?:>\s*)+\[![\w-]+\][+-]?(?:\s|$)")

# A list item with no text on its line (`- `, `3.`).
_EMPTY_ITEM = re.compile(r"[ \t>]*(?:[-*+]|\d{1,9}\.)[ \t]*")
_ATX = re.compile(r"#{1,6}(?:[ \t]|$)")
_ITEM = re.compile(r"[ \t>]*(?:[-*+]|\d{1,9}\.)(?:[ \t]|$)")

# Extensions that let a list follow a paragraph directly.
_BREAKLESS = frozenset({"mdx_breakless_lists", "breakless_lists", "prependnewline"})

# (line, column of the marker, the container's prefix for the blank line)
Summary = tuple[tuple[int, int, str, bool], ...]  # ..., right under a closing fence


def summarize(doc: Document) -> Summary:
    blocks = doc.index.blocks
    if not any(block.kind == "list" for block in blocks):
        return ()
    # One pass in page order: each list's own items (a list's items follow it,
    # one level deeper), and the lines inside items.
    own: dict[int, int] = {}
    open_lists: dict[int, int] = {}  # depth -> index of the last list seen there
    in_item = bytearray(len(doc.lines) + 2)  # 1: an item's line; 2: after its first
    for position, block in enumerate(blocks):
        if block.kind == "list":
            open_lists[block.depth] = position
            own[position] = 0
        elif block.kind == "item":
            parent = open_lists.get(block.depth - 1)
            if parent is not None:
                own[parent] += 1
            in_item[block.start_line] = max(in_item[block.start_line], 1)
            for line in range(block.start_line + 1, block.end_line + 1):
                in_item[line] = 2
    paragraph_lines = {run.line for run in doc.index.text_runs if run.context == "paragraph"}
    fence_closes = {block.end_line: block.start_line for block in blocks if block.kind == "fence"
                    and doc.line_text(block.end_line).lstrip(" \t>").startswith(("```", "~~~"))}
    found = []
    for position, count in own.items():
        block = blocks[position]
        previous = block.start_line - 1
        text = doc.line_text(block.start_line)
        marker = len(text) - len(text.lstrip(" \t>"))
        close = doc.line_text(previous)
        above_fence = fence_closes.get(previous, 1) - 1
        if previous in fence_closes and in_item[above_fence] and \
                doc.line_text(above_fence).strip(" \t>"):
            continue  # `- a` over a fence: the fence goes on the item, the list goes on
        if previous in fence_closes and _in_a_list_block(doc, previous, fence_closes):
            continue  # `1. a`, a fence, text, a fence, `2. b`: one list to Python-Markdown
        if previous in fence_closes and block.info != ")" and \
                text[:marker] == close[:len(close) - len(close.lstrip(" \t>"))]:
            # Right under a code block's closing fence, in the same container:
            # superfences leaves its placeholder in a paragraph the list continues.
            found.append((block.start_line, marker + 1, text[:marker].rstrip(), True))
            continue
        if previous not in paragraph_lines or in_item[previous] or in_item[block.start_line] == 2:
            continue  # an item's own text and its nested list, or the list before
        first = previous
        while first - 1 in paragraph_lines and doc.line_text(first - 1).strip():
            first -= 1
        if first > 1 and _EMPTY_ITEM.fullmatch(doc.line_text(first - 1)):
            continue  # `-` then text: Python-Markdown's item goes on lazily, and the list too
        if count < 2 and not any(other.kind == "list" and other.depth > block.depth
                                 and block.start_line < other.start_line <= block.end_line
                                 for other in blocks[position + 1:position + 3]) \
                and not doc.line_text(previous).rstrip().endswith(":"):
            # A wrapped line that starts with a dash, most likely (not one with
            # sub-items, nor one a line ending in a colon introduces).
            continue
        if block.info == ")":
            continue  # `1)`: no list marker to Python-Markdown, blank line or not
        if _CALLOUT.match(doc.line_text(previous)):
            continue  # `> [!note] Title`: a callout plugin makes the line its title
        if fence_closes and _in_a_list_block(doc, previous, fence_closes):
            continue  # `- a`, a fence at the margin, a line of text, `- b`: one list
        if doc.line_text(previous).strip().startswith("/*"):
            continue  # ` * ` lines of a code comment pasted as text: no list was meant
        text = doc.line_text(block.start_line)
        marker = len(text) - len(text.lstrip(" \t>"))
        above = doc.line_text(previous)
        if text[:marker].count(">") != above[:len(above) - len(above.lstrip(" \t>"))].count(">"):
            continue  # `> - a` under a paragraph: the list opens a quote of its own
        found.append((block.start_line, marker + 1, text[:marker].rstrip(), False))
    return tuple(found)


def _in_a_list_block(doc: Document, close: int, fence_closes: dict[int, int]) -> bool:
    """The line `close` (a fence's last, or text after one) sits in a run of
    lines with no blank line between them (superfences leaves each fence a
    placeholder line) that starts with a list item: Python-Markdown reads the
    run as that list, its items and the lines between them (`1. a`, a fence,
    text, `2. b`)."""
    line, fenced = close, False
    while line > 0:
        if line in fence_closes:
            line, fenced = fence_closes[line] - 1, True
            continue
        text = doc.line_text(line).strip(" \t>")
        if not text or _ATX.match(text):
            break  # a blank line, or a heading, which splits the run where it stands
        line -= 1
    first = line + 1
    return fenced and first < close and _ITEM.match(doc.line_text(first)) is not None


@dataclass(frozen=True)
class Context:
    site: Site
    summaries: Mapping[str, Summary]
    active: bool  # an MkDocs site, extensions known, none that lifts the rule
    superfences: bool = False  # a list right under a closing fence is more of a paragraph


def prepare(site: Site, summaries: Mapping[str, Summary]) -> Context:
    project = site.mkdocs
    active = project is not None and project.extensions_known and not any(
        name.rsplit(".", 1)[-1] in _BREAKLESS for name in project.extensions)
    superfences = project is not None and "pymdownx.superfences" in project.extensions
    return Context(site, summaries, active, superfences)


page_dependencies = no_other_page


def check_page(context: Context, display: str) -> Iterator[Finding]:
    if not context.active:
        return
    for line, column, prefix, after_fence in context.summaries[display]:
        if after_fence:
            if context.superfences:
                yield Finding(CODE, Span.of(line, column, 1),
                              "this list starts right under a code block's closing fence: "
                              "with pymdownx.superfences Python-Markdown reads it as more of "
                              "a paragraph around the code block, so MkDocs shows no list; "
                              "put a blank line before it",
                              Fix((Edit(Span.of(line, 1, 0), f"{prefix}\n"),),
                                  "insert a blank line before the list"))
            continue
        yield Finding(CODE, Span.of(line, column, 1),
                      "this list starts right after a paragraph line: Python-Markdown reads "
                      "it as more of the paragraph, so MkDocs shows no list; put a blank "
                      "line before it",
                      Fix((Edit(Span.of(line, 1, 0), f"{prefix}\n"),),
                          "insert a blank line before the list"))
