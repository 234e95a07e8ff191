"""A list nested in a list item is indented by fewer than four spaces under
the item's marker. Python-Markdown nests a list only at four spaces (its tab
length): at two or three its items join the list above, so MkDocs shows one
flat list where the author wrote sub-items (GitHub and editors, which follow
CommonMark, nest at the item's text, so the slip goes unseen until the site is
built). Checked on the pages of an MkDocs site whose extensions are known, in
admonitions, tabs and quotes too; a site that enables mdx_truly_sane_lists
(which nests at two spaces) is left alone. `--fix` moves the nested list's
lines right to four spaces (lists nested in it move with it).

Why: the reader gets the sub-steps as steps of their own, the structure lost.

Bad:
```yaml title="mkdocs.yml"
site_name: Course
```

```markdown title="docs/index.md"
# Packing

- Clothes
  - a jacket
  - boots
- Food
```

Good:
```yaml title="mkdocs.yml"
site_name: Course
```

```markdown title="docs/index.md"
# Packing

- Clothes
    - a jacket
    - boots
- Food
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from curriculint.checks.links.local_targets import no_other_page
from curriculint.index.records import Block
from curriculint.load.document import Document, Finding, Severity, Span
from curriculint.load.site import Site
from curriculint.model import Edit, Fix, RuleKind

CODE = "ST011"
NAME = "nested-list-indent"
SEVERITY = Severity.ERROR
KIND = RuleKind.SITE_PER_PAGE

_TAB_LENGTH = 4  # Python-Markdown's, which MkDocs keeps
# Extensions that nest lists at fewer spaces.
_NESTING = frozenset({"mdx_truly_sane_lists"})
_QUOTES = re.compile(r"^[ \t]*(?:>[ ]?)*")

# (line, column of the nested list's marker, its indent under the item's marker,
# where to pad each of its lines: (line, column) pairs, empty when it takes no fix)
Summary = tuple[tuple[int, int, int, tuple[tuple[int, int], ...]], ...]


def _quoted(line: str) -> int:
    """The length of the line's quote markers (`> > `), 0 outside quotes."""
    prefix = _QUOTES.match(line)
    return prefix.end() if prefix and ">" in prefix.group() else 0


def _indent(line: str) -> tuple[int, int]:
    """(the marker's indent past any quote markers, its column): tabs to four."""
    start = _quoted(line)
    rest = line[start:].expandtabs(_TAB_LENGTH)
    indent = len(rest) - len(rest.lstrip(" "))
    return indent, start + len(line[start:]) - len(line[start:].lstrip(" \t")) + 1


def _pads(doc: Document, block: Block) -> tuple[tuple[int, int], ...]:
    """Where spaces go to move the list's lines right as one, or () where a tab
    in their indentation would make the move uneven."""
    pads = []
    for number in range(block.start_line, block.end_line + 1):
        line = doc.line_text(number)
        if not line.strip(" \t>"):
            continue
        start = _quoted(line)
        if "\t" in line[start:len(line) - len(line[start:].lstrip(" \t"))]:
            return ()
        pads.append((number, start + 1))
    return tuple(pads)


def _first_blank(doc: Document, line: int) -> int:
    while line <= len(doc.lines) and doc.line_text(line).strip(" \t>"):
        line += 1
    return line


def summarize(doc: Document) -> Summary:
    blocks = doc.index.blocks
    if not any(block.kind == "list" and block.depth for block in blocks):
        return ()
    items: dict[int, Block] = {}  # depth -> the last item seen there
    lists: dict[int, Block] = {}  # depth -> the last list seen there
    item_lines = {line for block in blocks if block.kind == "item"
                  for line in range(block.start_line, block.end_line + 1)}
    paragraph_lines = {run.line for run in doc.index.text_runs
                       if run.context == "paragraph" and run.line not in item_lines}
    found = []
    moved: list[Block] = []  # lists whose fix moves the lists nested in them too
    for position, block in enumerate(blocks):
        if block.kind == "item":
            items[block.depth] = block
            continue
        if block.kind != "list":
            continue
        lists[block.depth] = block
        if not block.depth:
            continue
        parent = items.get(block.depth)
        if parent is None or not parent.start_line < block.start_line <= parent.end_line:
            continue  # a list in an admonition or a quote, or on its item's line
        outer = lists.get(block.depth - 1)
        if outer is not None and outer.start_line - 1 in paragraph_lines and \
                block.start_line < _first_blank(doc, outer.start_line):
            continue  # more of the paragraph above the outer list, up to a blank line (ST009's)
        if any(other.kind not in ("paragraph", "item", "list")
               for other in blocks[:position] if other.start_line > parent.start_line):
            continue  # a block the item holds before it (a fence indented too little?)
        above, _ = _indent(doc.line_text(parent.start_line))
        indent, column = _indent(doc.line_text(block.start_line))
        if indent - above < _TAB_LENGTH:
            # One fix a tree: a list nested in one that moves waits for the next pass.
            inside = any(outer.start_line < block.start_line <= outer.end_line
                         for outer in moved)
            found.append((block.start_line, column, indent - above,
                          () if inside else _pads(doc, block)))
            moved.append(block)
    return tuple(found)


@dataclass(frozen=True)
class Context:
    site: Site
    summaries: Mapping[str, Summary]
    active: bool  # an MkDocs site, extensions known, none that nests at fewer spaces


def prepare(site: Site, summaries: Mapping[str, Summary]) -> Context:
    project = site.mkdocs
    active = project is not None and project.extensions_known and not any(
        name.rsplit(".", 1)[-1] in _NESTING for name in project.extensions)
    return Context(site, summaries, active)


page_dependencies = no_other_page


def check_page(context: Context, display: str) -> Iterator[Finding]:
    if not context.active:
        return
    for line, column, indent, pads in context.summaries[display]:
        spaces = f"{indent} space{'s' if indent != 1 else ''}"
        padding = " " * (_TAB_LENGTH - indent)
        fix = Fix(tuple(Edit(Span.of(number, at, 0), padding) for number, at in pads),
                  f"indent the nested list by {_TAB_LENGTH}") if pads else None
        yield Finding(CODE, Span.of(line, column, 1),
                      f"this list is indented {spaces} under its item: Python-Markdown nests "
                      f"a list only at {_TAB_LENGTH} spaces, so MkDocs shows its items as more "
                      f"items of the list above; indent it by {_TAB_LENGTH}", fix)
