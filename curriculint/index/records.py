"""What the index holds about a page: named, frozen records that rules read."""

from __future__ import annotations

from dataclasses import dataclass

from curriculint.model import Span


@dataclass(frozen=True, slots=True)
class Heading:
    index: int
    level: int
    text: str  # plain text, as the reader sees it (attr list and shortcodes removed)
    raw: str  # inline source
    id: str  # the id the renderer gives it
    explicit_id: bool
    span: Span  # the heading's text on its line
    line: int
    parent: int | None  # index of the enclosing heading
    container: str  # "", or the kind of block it sits in ("admonition", "list", "tab", ...)


@dataclass(frozen=True, slots=True)
class Section:
    heading: int
    start_line: int  # the heading line
    end_line: int  # last line before the next heading of the same or a higher level


@dataclass(frozen=True, slots=True)
class Link:
    # "inline", "image", "reference", "image-reference" (`![alt][label]`: its target
    # is the definition's, checked where the definition is written), "autolink",
    # "definition", "html"
    kind: str
    target: str  # as written in the source (for references: the resolved target)
    span: Span  # the target as written; for reference links, the label
    text: str = ""
    label: str = ""  # reference label for "reference" and "definition"
    title: str = ""


@dataclass(frozen=True, slots=True)
class HtmlTag:
    name: str
    attrs: tuple[tuple[str, str | None], ...]
    span: Span
    closing: bool
    self_closing: bool
    in_block: bool

    def attr(self, name: str) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class TextRun:
    """One line of inline source; code spans, link targets and HTML blanked out."""

    line: int
    column: int  # column of text[0]
    text: str
    context: str  # "paragraph", "heading", "table", "admonition-title", "tab-title", ...
    continues: bool = False  # the run before it is the same inline text, wrapped onto this line


@dataclass(frozen=True, slots=True)
class Fence:
    info: str
    content: str
    start_line: int  # the opening fence line (or first line of an indented block)
    end_line: int
    content_columns: tuple[int, ...]  # column of each content line's first char

    @property
    def language(self) -> str:
        return self.info.split()[0].lower() if self.info.split() else ""


@dataclass(frozen=True, slots=True)
class Block:
    """A block-level element with its 1-based inclusive line range."""

    kind: str  # "paragraph", "list", "table", "fence", "code", "admonition", "html", ...
    start_line: int
    end_line: int
    depth: int  # nesting inside lists, admonitions, quotes
    heading: int | None  # index of the heading it sits under
    info: str = ""  # admonition params, fence info, list marker


@dataclass(frozen=True, slots=True)
class Admonition:
    marker: str  # "!!!", "???", "???+"
    params: str
    line: int
    end_line: int
    title: str


@dataclass(frozen=True, slots=True)
class HtmlHeading:
    """A raw `<h1>`..`<h6>`: md_in_html makes an element of it, which the toc
    gives an id."""

    level: int
    text: str
    slug: str
    span: Span
