"""A block in a list item is indented short of the item's content level: a
nested list, an admonition, or a code block or paragraph after a blank line.
Python-Markdown reads a line's level as its indent in fours (its tab length)
and keeps a block in an item only one level in from the item's marker: short
of that, a nested list's items join the list above (one flat list where the
author wrote sub-items), an admonition's marker shows as text and its body as
code, and a code block or paragraph ends the list (the items after it are
numbered from 1 again). GitHub and editors, which follow CommonMark, take all
of them at the item's text, so the slip goes unseen until the site is built.
A code block right under the item's text is kept by pymdownx.superfences, and
a paragraph in the last item of a list changes no numbering: both left alone.
Checked on the pages of an MkDocs site whose extensions are known, in
admonitions, tabs and quotes too; a site that enables mdx_truly_sane_lists
(which nests at two spaces) is left alone, and so is a list after a blank line
under an item whose body the author indented to the item's level: written
short of it, it is the next item (as Python-Markdown shows it), not a
sub-list. `--fix` moves the block's lines right to the level (lists nested in
it move with it, a whole level where their own levels need it).

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

from curriculint.checks.links.local_targets import no_other_page
from curriculint.checks.structure.python_markdown_site import (
    PythonMarkdownSite,
    prepare_unless,
)
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

# (line, column of the block, its indent, the indent its item's content needs,
# the fix: how far to move its lines and where, (0, ()) for none, "list",
# "fence" or "paragraph", whether the item's list is numbered)
Pads = tuple[int, tuple[tuple[int, int], ...]]
Summary = tuple[tuple[int, int, int, int, Pads, str, bool], ...]


def _level(indent: int) -> int:
    """Python-Markdown's nesting level of a line: its indent in tab lengths, from
    the container's edge (a list item at one to three spaces is still level 0)."""
    return indent // _TAB_LENGTH


def _target(above: int) -> int:
    """The indent an item's content needs: the next level's first column."""
    return (_level(above) + 1) * _TAB_LENGTH


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


def _pads(doc: Document, block: Block, indent: int, target: int
          ) -> tuple[int, tuple[tuple[int, int], ...]]:
    """How far to move the block's lines right, as one, and where the spaces go;
    (0, ()) where a tab in their indentation would make the move uneven. The
    move reaches `target`, or a whole level where that would change the level
    of a line inside (a list nested in this one at the next level's column)."""
    pads = []
    indents = []
    for number in range(block.start_line, block.end_line + 1):
        line = doc.line_text(number)
        if not line.strip(" \t>"):
            continue
        start = _quoted(line)
        if "\t" in line[start:len(line) - len(line[start:].lstrip(" \t"))]:
            return 0, ()
        pads.append((number, start + 1))
        indents.append(_indent(line)[0])
    move = target - indent
    if any(_level(inner + move) - _level(target) != _level(inner) - _level(indent)
           for inner in indents if inner > indent):
        move = _TAB_LENGTH  # every line a level deeper, the levels inside kept
    return move, tuple(pads)


def _first_blank(doc: Document, line: int) -> int:
    while line <= len(doc.lines) and doc.line_text(line).strip(" \t>"):
        line += 1
    return line


def summarize(doc: Document) -> Summary:
    blocks = doc.index.blocks
    if not any(block.kind == "list" for block in blocks):
        return ()
    items: dict[int, Block] = {}  # depth -> the last item seen there
    lists: dict[int, Block] = {}  # depth -> the last list seen there
    held: dict[int, bool] = {}  # depth -> the item there holds a block other than text and lists
    item_lines = {line for block in blocks if block.kind == "item"
                  for line in range(block.start_line, block.end_line + 1)}
    paragraph_lines = {run.line for run in doc.index.text_runs
                       if run.context == "paragraph" and run.line not in item_lines}
    found = []
    moved: list[Block] = []  # blocks whose fix moves the lists nested in them too
    moved_to = 0  # the last line of those (nesting is proper: one reaching furthest)
    blank_after: dict[int, int] = {}  # a list's first line -> the first blank line after it
    for block in blocks:
        if block.kind == "item":
            items[block.depth] = block
            held[block.depth] = False
            continue
        if block.kind == "list":
            lists[block.depth] = block
        if not block.depth or block.kind not in ("list", "fence", "admonition"):
            if block.kind not in ("paragraph", "list"):
                _mark_held(doc, items, held, block)
            continue
        parent = items.get(block.depth)
        if parent is None or not parent.start_line < block.start_line <= parent.end_line:
            continue  # in an admonition or a quote, or on its item's line
        outer = lists.get(block.depth - 1)
        glued = False
        if outer is not None and outer.start_line - 1 in paragraph_lines:
            if outer.start_line not in blank_after:
                blank_after[outer.start_line] = _first_blank(doc, outer.start_line)
            glued = block.start_line < blank_after[outer.start_line]
        if block.kind == "fence" and doc.line_text(block.start_line - 1).strip(" \t>"):
            continue  # right under the item's text: superfences keeps it in the item
        if glued or held.get(block.depth, False):
            # More of the paragraph above the outer list, up to a blank line (ST009's);
            # or after a block indented too little (a table, raw HTML), which ended the
            # item: moving this alone would not mend it.
            continue
        above, _ = _indent(doc.line_text(parent.start_line))
        indent, column = _indent(doc.line_text(block.start_line))
        if block.kind == "list" and _sibling_after_body(doc, parent.start_line,
                                                        block.start_line, _target(above)):
            continue
        if _level(indent) <= _level(above):
            # One fix a tree: a block nested in one that moves waits for the next pass.
            target = _target(above)
            found.append((block.start_line, column, indent, target,
                          (0, ()) if block.start_line <= moved_to
                          else _pads(doc, block, indent, target),
                          block.kind, parent.info not in ("-", "*", "+") and outer is not None
                          and parent.end_line < outer.end_line))  # (items after it renumbered)
            moved.append(block)
            moved_to = max(moved_to, block.end_line)
    found += _short_paragraphs(doc, moved)
    return tuple(sorted(found))


def _sibling_after_body(doc: Document, item: int, start: int, level: int) -> bool:
    """A list after a blank line, under an item whose body the author indented to
    the item's level (`    colour: teal` under `- colour`): written short of
    that level, it is the list's next item, as Python-Markdown shows it, not a
    sub-list (indenting it would nest it)."""
    if doc.line_text(start - 1).strip(" \t>"):
        return False
    body = next((line for line in range(item + 1, start)
                 if doc.line_text(line).strip(" \t>")), None)
    # (the item's first line below it: the inside of a block written short, an
    # admonition's body, says nothing of where the author puts the item's own)
    return body is not None and _indent(doc.line_text(body))[0] >= level


_HOLDERS = frozenset({"fence", "code", "table", "html", "admonition", "blockquote", "tab"})


def _short_paragraphs(doc: Document, moved: list[Block]
                      ) -> list[tuple[int, int, int, int, Pads, str, bool]]:
    """Paragraphs after a blank line in a list item that goes on (a later item of
    its list follows), indented too little: Python-Markdown ends the list there."""
    blocks = doc.index.blocks
    owner: dict[int, Block] = {}  # line -> the innermost item holding it
    goes_on: dict[int, bool] = {}  # an item's first line -> a later item of its list follows
    numbered: dict[int, bool] = {}
    lists: dict[int, Block] = {}
    held: set[int] = set()
    for block in blocks:
        if block.kind == "list":
            lists[block.depth] = block
        elif block.kind == "item":
            for line in range(block.start_line, block.end_line + 1):
                owner[line] = block
            outer = lists.get(block.depth - 1)
            goes_on[block.start_line] = outer is not None and block.end_line < outer.end_line
            numbered[block.start_line] = block.info not in ("-", "*", "+")
        elif block.kind in _HOLDERS and block.depth:
            held.update(range(block.start_line, block.end_line + 1))
    found = []
    told: set[int] = set()
    moving = {line for block in moved for line in range(block.start_line + 1, block.end_line + 1)}
    for run in doc.index.text_runs:
        item = owner.get(run.line)
        if (run.context != "paragraph" or item is None or run.line == item.start_line
                or run.line in held or item.start_line in told
                or not goes_on.get(item.start_line)
                or doc.line_text(run.line - 1).strip(" \t>") or run.line in moving):
            continue
        above, _ = _indent(doc.line_text(item.start_line))
        indent, column = _indent(doc.line_text(run.line))
        if _level(indent) > _level(above):
            continue
        told.add(item.start_line)
        end = _first_blank(doc, run.line) - 1
        paragraph = Block("paragraph", run.line, end, item.depth, None)
        target = _target(above)
        found.append((run.line, column, indent, target, _pads(doc, paragraph, indent, target),
                      "paragraph", numbered[item.start_line]))
    return found


def _mark_held(doc: Document, items: dict[int, Block], held: dict[int, bool],
               block: Block) -> None:
    """`block` is inside the items open around it, indented too little for
    Python-Markdown to keep it there: what comes after it is out of the item."""
    indent, _ = _indent(doc.line_text(block.start_line))
    for depth, item in items.items():
        if item.start_line < block.start_line <= item.end_line and \
                indent - _indent(doc.line_text(item.start_line))[0] < _TAB_LENGTH:
            held[depth] = True


Context = PythonMarkdownSite[Summary]


def prepare(site: Site, summaries: Mapping[str, Summary]) -> Context:
    return prepare_unless(site, summaries, _NESTING)


page_dependencies = no_other_page


def check_page(context: Context, display: str) -> Iterator[Finding]:
    if not context.active:
        return
    for line, column, indent, target, (move, pads), kind, numbered in context.summaries[display]:
        spaces = f"{indent} space{'s' if indent != 1 else ''}"
        what = {"list": "list", "fence": "code block", "admonition": "admonition"}.get(kind, kind)
        fix = Fix(tuple(Edit(Span.of(number, at, 0), " " * move) for number, at in pads),
                  f"indent the {what} by {move} spaces") if pads else None
        if kind == "list":
            effect = (f"nests it in the item above only at {target}, so MkDocs shows its "
                      "items as more items of the list above")
        elif kind == "admonition":
            effect = (f"reads it in the item above only at {target}, so MkDocs shows its "
                      "marker as text and its body as code")
        else:
            effect = (f"keeps it in the item above only at {target}, so MkDocs ends the "
                      "list before it" + (" and numbers the items after it from 1 again"
                                          if numbered else ""))
        yield Finding(CODE, Span.of(line, column, 3 if kind in ("fence", "admonition") else 1),
                      f"this {what} is indented {spaces}: Python-Markdown {effect}; "
                      f"indent it to {target}", fix)
