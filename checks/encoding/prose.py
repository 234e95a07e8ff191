"""The text a reader sees, piece by piece, with exact file positions.

Character-level checks (mojibake, invisible characters) read these pieces:
inline text from the index (code spans, link targets and inline HTML already
blanked), diagram fences whose labels are rendered (mermaid), frontmatter
lines (titles and descriptions are rendered) and raw HTML block lines, HTML
comments blanked (nothing in them is rendered). Code blocks are left out: a
code sample may show mojibake on purpose.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from curriculint.load.document import Document, per_document

# Fences whose content is rendered as text (node and edge labels).
DIAGRAM_LANGUAGES = frozenset({"mermaid"})


@dataclass(frozen=True, slots=True)
class Piece:
    line: int
    column: int  # 1-based column of text[0]
    text: str
    kind: str  # a text run's context, "diagram", "frontmatter" or "html"


@per_document
def prose_pieces(doc: Document) -> tuple[Piece, ...]:
    """Every piece of rendered text with its position (shared by the ENC rules)."""
    return tuple(_prose_pieces(doc))


@per_document
def non_ascii_pieces(doc: Document) -> tuple[Piece, ...]:
    """The pieces holding a non-ASCII character, in the same order: all the
    encoding rules look for (mojibake, invisible, C1 control, U+FFFD) is
    non-ASCII, and most prose is ASCII."""
    return tuple(_prose_pieces(doc, ascii_too=False))


def _prose_pieces(doc: Document, ascii_too: bool = True) -> Iterator[Piece]:
    index = doc.index
    inline_lines = {run.line for run in index.text_runs}
    for run in index.text_runs:
        if ascii_too or not run.text.isascii():
            yield Piece(run.line, run.column, run.text, run.context)
    for fence in index.fences:
        if fence.language not in DIAGRAM_LANGUAGES:
            continue
        for offset, column in enumerate(fence.content_columns):
            line = fence.start_line + 1 + offset
            text = doc.line_text(line)[column - 1 :]
            if ascii_too or not text.isascii():
                yield Piece(line, column, text, "diagram")
    if doc.frontmatter.present:
        for line in range(doc.frontmatter.start_line + 1, doc.frontmatter.end_line):
            text = doc.line_text(line)
            if ascii_too or not text.isascii():
                yield Piece(line, 1, text, "frontmatter")
    html_lines = sorted({line for block in index.blocks if block.kind == "html"
                         for line in range(block.start_line, block.end_line + 1)})
    commented = _comment_columns(doc, html_lines) if "<!--" in doc.text else {}
    for line in html_lines:
        if line not in inline_lines and line <= len(doc.lines):
            text = doc.line_text(line)
            if ascii_too or not text.isascii():
                if line in commented:
                    text = commented[line]
                    if not text.strip():
                        continue
                yield Piece(line, 1, text, "html")


def _comment_columns(doc: Document, lines: list[int]) -> dict[int, str]:
    """HTML block lines with what HTML comments hold blanked (columns kept):
    nothing in a comment is rendered. A comment may span lines."""
    blanked: dict[int, str] = {}
    inside = False
    previous = 0
    for line in lines:
        if line != previous + 1:
            inside = False  # a new block
        previous = line
        text = doc.line_text(line)
        if not inside and "<!--" not in text:
            continue
        out, at = [], 0
        while at < len(text):
            if inside:
                end = text.find("-->", at)
                stop = len(text) if end < 0 else end + 3
                out.append(" " * (stop - at))
                at, inside = stop, end < 0
            else:
                start = text.find("<!--", at)
                if start < 0:
                    out.append(text[at:])
                    break
                out.append(text[at:start])
                at, inside = start, True
        blanked[line] = "".join(out)
    return blanked
