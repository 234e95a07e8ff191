"""Wording and fixes shared by duplicate-section and duplicate-block."""

from __future__ import annotations

from curriculint.checks.duplicates.blocks import PageUnit
from curriculint.checks.duplicates.removal import removal_range, remove_lines
from curriculint.checks.duplicates.repeats import Repeat
from curriculint.load.document import Document
from curriculint.model import Fix, Span

_KIND_NAMES = {"item": "list items", "paragraph": "paragraph", "table": "table",
               "fence": "code block", "code": "code block", "admonition": "admonition",
               "blockquote": "quote", "tab": "content tab", "html": "HTML block",
               "heading": "section"}


def describe(units: tuple[PageUnit, ...]) -> str:
    kinds = {unit.kind for unit in units}
    if len(kinds) == 1:
        name = _KIND_NAMES.get(units[0].kind, units[0].kind)
        if units[0].kind == "fence" and "mermaid" in units[0].exact.split("\n", 1)[0]:
            name = "mermaid diagram"
        return name if len(units) == 1 or name.endswith("s") else f"{len(units)} {name}s"
    return "content"


def line_range(units: tuple[PageUnit, ...]) -> str:
    first, last = units[0].start_line, max(unit.end_line for unit in units)
    return f"line {first}" if first == last else f"lines {first}-{last}"


def how_similar(repeat: Repeat) -> str:
    if repeat.exact and repeat.left_out:
        count = abs(repeat.left_out)
        blocks = f"{count} block{'s' if count > 1 else ''}"
        return (f"identical but for {blocks} the copy leaves out" if repeat.left_out > 0
                else f"identical but for {blocks} the copy adds")
    if repeat.exact:
        return "identical"
    if repeat.truncated:
        return f"{repeat.similarity:.0%} of it appears there"
    return f"{repeat.similarity:.0%} similar"


def first_line_span(doc: Document, unit: PageUnit) -> Span:
    text = doc.line_text(unit.start_line)
    column = len(text) - len(text.lstrip()) + 1
    return Span(unit.start_line, column, unit.start_line, len(text.rstrip()) + 1)


def removal_fix(doc: Document, repeat: Repeat, what: str) -> Fix | None:
    """Deleting the later copy: never safe. Which copy should go, or whether
    the text should be rewritten instead (a missed substitution), is the
    author's call; `--unsafe-fixes` applies it."""
    if repeat.removable is None:
        return None
    first, last = removal_range(doc.lines, *repeat.removable)
    return Fix((remove_lines(doc.lines, first, last),), f"remove the repeated {what}",
               safe=False)
