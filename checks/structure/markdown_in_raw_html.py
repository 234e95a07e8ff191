"""Markdown written inside a raw HTML block, where MkDocs shows it as text.

Python-Markdown passes a block-level element opened at the start of a line
(`<div class="note">`, `<details>`, `<center>`, `<table>`) through untouched up
to the end tag that closes it, blank lines included: the Markdown in it is not
read, so the page shows `**Steps**`, `## Setup` and `[the guide](guide.md)`
with their asterisks, hashes and brackets (GitHub and editors, which follow
CommonMark, end the HTML at the first blank line and render the rest, so the
slip goes unseen until the site is built). With md_in_html, a `markdown`
attribute on the element makes Python-Markdown read its content.

Reported once per element, at its first Markdown line, on the pages of an MkDocs
site, for elements at the page's top level (indented ones in lists and
admonitions are Markdown already). Markdown means a heading, two list items in a
row (or one over a code fence), a table, a link or image, bold text or an
admonition; what is inside `<pre>`, `<code>`, code fences, scripts, styles and
comments is not read, nor an element the page hides (`hidden`, `display:
none`). `--unsafe-fixes` adds `markdown` to the element's opening tag where the
site enables md_in_html: its content is then read as Markdown, which changes
how any indented line in it renders.

Why: the reader sees the Markdown source where the author meant formatting,
lists and links.

Bad:
```yaml title="mkdocs.yml"
site_name: Course
markdown_extensions:
  - md_in_html
```

```markdown title="docs/index.md"
# Setup

<div class="steps">

**Before you start**, read [the guide](index.md).

</div>
```

Good:
```yaml title="mkdocs.yml"
site_name: Course
markdown_extensions:
  - md_in_html
```

```markdown title="docs/index.md"
# Setup

<div class="steps" markdown>

**Before you start**, read [the guide](index.md).

</div>
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from curriculint.checks.links.local_targets import no_other_page
from curriculint.checks.structure.extension_not_enabled import MD_IN_HTML_EXTENSIONS
from curriculint.load.document import Document, Finding, Severity, Span
from curriculint.load.parser import (
    BLOCK_LEVEL_ELEMENTS,
    fence_closed,
    fence_opened,
    markdown_attribute,
)
from curriculint.load.site import Site
from curriculint.model import Edit, Fix, RuleKind

CODE = "ST013"
NAME = "markdown-in-raw-html"
SEVERITY = Severity.ERROR
KIND = RuleKind.SITE_PER_PAGE

_OPENING = re.compile(r" {0,3}<([A-Za-z][\w-]*)(?=[\s/>])[^<>]*>")
# Elements whose content is not Markdown to anyone, and what the page hides.
_NOT_PROSE = frozenset({"pre", "script", "style", "textarea", "math", "code"})
_HIDDEN = re.compile(r"""\shidden(?:[\s=>]|$)|display\s*:\s*none""", re.IGNORECASE)
# Content no reader sees as the block's text: comments, listings, scripts, tags.
_MASKED = re.compile(r"<!--.*?-->|<(pre|code|script|style|textarea)\b.*?</\1\s*>|<[^<>]*>",
                     re.IGNORECASE | re.DOTALL)
_HEADING = re.compile(r" {0,3}#{1,6}[ \t]+\S")
_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}\.)[ \t]+\S")
_TABLE_ROW = re.compile(r" {0,3}\|.*\|\s*$")
_TABLE_RULE = re.compile(r" {0,3}\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_ADMONITION = re.compile(r" {0,3}(?:!!!|\?\?\?\+?)[ \t]+\w")
_INLINE = re.compile(r"!?\[[^\[\]\n]+\]\([^()\s]+(?:\s+\"[^\"\n]*\")?\)"
                     r"|\*\*(?=\S)[^*\n]*?\S\*\*|(?<!\w)__(?=\S)[^_\n]*?\S__(?!\w)")

# (line, column and width of the first Markdown found, the element's name, its
# opening line, the column of the opening tag's `>` where `markdown` goes (0: a
# self-closed tag), how many lines hold Markdown)
Summary = tuple[tuple[int, int, int, str, int, int, int], ...]


def _masked(text: str) -> str:
    """`text` with masked content blanked, lines and columns kept."""
    return _MASKED.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), text)


def _prose_lines(lines: list[str]) -> list[tuple[int, str]]:
    """The lines outside code fences (taken out before the raw HTML is read, so
    their listings render), with their offsets; a fence stands as one `FENCE`."""
    kept: list[tuple[int, str]] = []
    fence = ""
    for offset, text in enumerate(lines):
        bare = text.lstrip()
        if fence:
            if fence_closed(bare, fence):
                fence = ""
            continue
        fence = fence_opened(bare)
        kept.append((offset, _FENCE if fence else text))
    return kept


_FENCE = "\0fence"


def _first_markdown(lines: list[str]) -> tuple[int, int, int, int] | None:
    """(line offset, column, width, Markdown lines) of the first Markdown in `lines`."""
    first: tuple[int, int, int] | None = None
    count = 0
    kept = _prose_lines(lines)
    written = [(offset, text) for offset, text in kept if text.strip()]
    for position, (offset, text) in enumerate(written):
        if text == _FENCE:
            continue
        found: tuple[int, int] | None = None
        # A lone `- name` line is as likely a dash the author wants shown: an item
        # counts beside another, or over a listing (`- On Linux:` and its fence).
        neighbours = [written[near][1] for near in (position - 1, position + 1)
                      if 0 <= near < len(written)]
        item = _ITEM.match(text) and any(
            neighbour == _FENCE or _ITEM.match(neighbour) for neighbour in neighbours)
        table = _TABLE_ROW.match(text) and position + 1 < len(written) and \
            _TABLE_RULE.match(written[position + 1][1])
        if _HEADING.match(text) or _ADMONITION.match(text) or item or table:
            found = (len(text) - len(text.lstrip()), len(text.strip()))
        else:
            inline = _INLINE.search(text)
            if inline is not None:
                found = (inline.start(), inline.end() - inline.start())
        if found is not None:
            count += 1
            if first is None:
                first = (offset, *found)
    return None if first is None else (*first, count)


def summarize(doc: Document) -> Summary:
    found = []
    for block in doc.index.blocks:
        if block.kind != "html" or block.depth:
            continue
        opening_text = doc.line_text(block.start_line)
        opening = _OPENING.match(opening_text)
        if opening is None or markdown_attribute(opening_text):
            continue
        name = opening.group(1).lower()
        if name not in BLOCK_LEVEL_ELEMENTS or name in _NOT_PROSE or \
                _HIDDEN.search(opening.group()):
            continue
        text = "\n".join(doc.line_text(line)
                         for line in range(block.start_line, block.end_line + 1))
        lines = _masked(text).split("\n")
        first = _first_markdown(lines)
        if first is None:
            continue
        offset, column, width, count = first
        # `markdown` goes before the opening tag's `>` (not into a self-closed one)
        insert_at = 0 if opening.group().endswith("/>") else opening.end()
        found.append((block.start_line + offset, column + 1, width, name, block.start_line,
                      insert_at, count))
    return tuple(found)


@dataclass(frozen=True)
class Context:
    site: Site
    summaries: Mapping[str, Summary]
    active: bool  # an MkDocs site: Python-Markdown reads its pages
    md_in_html: bool


def prepare(site: Site, summaries: Mapping[str, Summary]) -> Context:
    project = site.mkdocs
    md_in_html = project is not None and project.extensions_known and bool(
        MD_IN_HTML_EXTENSIONS.intersection(project.extensions))
    return Context(site, summaries, project is not None, md_in_html)


page_dependencies = no_other_page


def check_page(context: Context, display: str) -> Iterator[Finding]:
    if not context.active:
        return
    for line, column, width, name, opening_line, insert_at, count in context.summaries[display]:
        more = f" (and {count - 1} more line{'s' if count > 2 else ''})" if count > 1 else ""
        where = "here" if line == opening_line else f"from line {opening_line}"
        remedy = ("add `markdown` to its opening tag" if context.md_in_html
                  else "enable md_in_html and add `markdown` to its opening tag")
        fix = None
        if context.md_in_html and insert_at:
            fix = Fix((Edit(Span.of(opening_line, insert_at, 0), " markdown"),),
                      f"add `markdown` to the <{name}> tag", safe=False)
        yield Finding(CODE, Span.of(line, column, max(width, 1)),
                      f"Markdown inside the raw <{name}> block {where}{more}: Python-Markdown "
                      f"passes the element through untouched, so MkDocs shows this as text; "
                      f"{remedy}", fix)
