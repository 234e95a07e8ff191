"""The one index every check reads: built from the token stream in one walk.

markdown-it gives block tokens a line map but inline tokens no columns, so each
inline token's content lines are located in their source lines once, and link
targets, code spans and inline HTML are found by walking the inline children in
order with a cursor over that content. Everything is 1-based and file-absolute.
"""

from __future__ import annotations

import bisect
import html as html_module
import re
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from typing import TYPE_CHECKING, NamedTuple

from markdown_it.common.utils import normalizeReference, unescapeAll

from curriculint.index.attrs import ATTR_LIST, HEADING_ATTR_LIST, attr_id, fence_id, ids_in
from curriculint.index.emoji import renders_as_image
from curriculint.index.records import (
    Admonition,
    Block,
    Fence,
    Heading,
    HtmlHeading,
    HtmlTag,
    Link,
    Section,
    TextRun,
)
from curriculint.index.slugs import slugifier, unique_id
from curriculint.load.parser import BLOCK_HEADER
from curriculint.model import Span

if TYPE_CHECKING:
    from collections.abc import Iterator

    from markdown_it.token import Token

    from curriculint.index.budgets import BudgetTree
    from curriculint.index.quantities import Quantity

_EMOJI_SHORTCODE = re.compile(r":[a-z0-9_+-]+:")
_TAG = re.compile(r"<[^>]*>")
# In text runs (code, link targets and HTML already blanked): URLs typed as
# prose, including broken schemes (`http:/x`, `https;//x`, `http//x`) for LNK001.
_BARE_URL = re.compile(
    r"(?<![\w/@.:%-])(?:[A-Za-z][A-Za-z0-9+-]{1,9}(?:[:;]{1,2}[/\\]{1,4}|//)|www\.)"
    r"[^\s<>\"'`|\[\]{}]+"
)
_TRAILING = ".,;:!?*_~"
_ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")  # a Markdown escape: backslash, ASCII punctuation
_SCHEME_ONLY = re.compile(r"[A-Za-z][A-Za-z0-9+-]*[:;]*[/\\]*")
_UNPARSED_LINK = re.compile(r"\]\((?=[^\s)])")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
# Inline children the walk must find in the content (to locate or blank them).
_POSITIONED = frozenset({"code_inline", "html_inline", "link_open", "link_close", "image"})
_BREAKS = frozenset({"softbreak", "hardbreak"})
# Block tokens the walk indexes; closers of leaf blocks, rows and cells hold nothing.
_CONTAINER_CLOSE = frozenset({"admonition_close", "tab_close", "bullet_list_close",
                              "ordered_list_close", "blockquote_close", "container_blocks_close"})
_WALKED = frozenset({"heading_open", "inline", "paragraph_open", "list_item_open", "fence",
                     "code_block", "html_block", "admonition_open", "tab_open",
                     "bullet_list_open", "ordered_list_open", "blockquote_open", "table_open",
                     "hr", "container_blocks_open", "math_block"}) | _CONTAINER_CLOSE
# A reference definition as Python-Markdown's reference processor finds it.
_LATE_DEFINITION = re.compile(r"^ {0,3}\[([^\[\]]+)\]:[ ]*(<[^>]*>|\S+)")
# Block tokens that hold other blocks: what they cover may be reference definitions.
_HOLDERS = frozenset({"bullet_list_open", "ordered_list_open", "list_item_open",
                      "blockquote_open", "admonition_open", "tab_open", "container_blocks_open",
                      "dl_open", "dd_open", "footnote_block_open", "footnote_open"})
# Link destination characters that neither end it nor nest (`\s` is str.isspace).
_DESTINATION_PLAIN = re.compile(r"[^\s()\\]+")
# The attributes of raw HTML that name a file or page (a link of kind "html").
_URL_ATTRIBUTES = frozenset({
    ("a", "href"), ("img", "src"), ("link", "href"), ("source", "src"), ("iframe", "src"),
    ("script", "src"), ("video", "src"), ("video", "poster"), ("audio", "src"),
    ("embed", "src"), ("track", "src"), ("object", "data")})
_NEWLINE = re.compile("\n")
_NOT_NEWLINE = re.compile("[^\n]")
# An inline token's context, by the token before it; "paragraph" otherwise.
_INLINE_CONTEXTS = {"th_open": "table", "td_open": "table",
                    "admonition_title_open": "admonition-title", "dt_open": "term"}


@dataclass
class _IndexParts:
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    html_tags: list[HtmlTag] = field(default_factory=list)
    text_runs: list[TextRun] = field(default_factory=list)
    fences: list[Fence] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    admonitions: list[Admonition] = field(default_factory=list)
    block_maps: list[tuple[int, int]] = field(default_factory=list)
    # Raw <h1>..<h6> (level, text, slug): md_in_html makes elements of them, which
    # the toc gives ids.
    html_headings: list[HtmlHeading] = field(default_factory=list)
    # Ids pymdownx.tabbed gives content tabs when it is told to slugify their titles.
    tab_ids: list[str] = field(default_factory=list)


class _RawTag(NamedTuple):
    name: str
    attrs: list[tuple[str, str | None]]
    line: int  # 1-based, in the HTML fed to the collector
    offset: int
    closing: bool
    self_closing: bool


class _PendingHeading(NamedTuple):
    """A heading seen in the walk, before ids are given (the toc reserves
    explicit ids first)."""

    level: int
    text: str
    raw: str
    span: Span
    parent: int  # ordinal of the parent heading, -1 for none
    explicit: str | None
    container: str


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[_RawTag] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, offset = self.getpos()
        self.tags.append(_RawTag(tag, attrs, line, offset, False, False))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, offset = self.getpos()
        self.tags.append(_RawTag(tag, attrs, line, offset, False, True))

    def handle_endtag(self, tag: str) -> None:
        line, offset = self.getpos()
        self.tags.append(_RawTag(tag, [], line, offset, True, False))


class Located:
    """An inline token's content with the file position of every offset.

    `content` is found line by line in the source `lines`, starting on `first_line`
    (1-based) and, on that line, at column `hint` (0-based); `position` and `span`
    then give the file position of any offset in `content`."""

    pieces: list[str]  # the content lines
    starts: list[int]  # offset in content where each content line starts
    origins: list[tuple[int, int]]  # (file line, 0-based column)

    def __init__(self, content: str, first_line: int, lines: list[str], hint: int = 0) -> None:
        self.content = content
        if content and "\n" not in content and 0 < first_line <= len(lines):
            column = lines[first_line - 1].find(content, hint)
            if column >= 0:  # one line, found where it starts (most tokens)
                self.pieces, self.starts = [content], [0]
                self.origins = [(first_line, column)]
                return
        self._locate(first_line, lines, hint)

    def _locate(self, first_line: int, lines: list[str], hint: int) -> None:
        """The general case: each content line found in its source line."""
        self.pieces = self.content.split("\n")
        self.starts = []
        self.origins = []
        offset = 0
        # markdown-it strips a paragraph with Python's str.strip(), which also takes
        # leading lines of Unicode spaces (NBSP, U+001C...): the content may start
        # a line or more below the token's first line.
        first_piece = self.pieces[0]
        if first_piece and 0 < first_line <= len(lines) \
                and first_piece not in lines[first_line - 1]:
            last = min(len(lines), first_line + len(self.pieces) - 1 + 8)
            for candidate in range(first_line + 1, last + 1):
                if first_piece in lines[candidate - 1]:
                    first_line = candidate
                    break
        for number, piece in enumerate(self.pieces):
            line_no = first_line + number
            source = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
            column = source.find(piece, hint if number == 0 else 0) if piece else -1
            if column < 0:
                column = source.find(piece.strip()) if piece.strip() else -1
                column = max(column, len(source) - len(source.lstrip()))
            self.starts.append(offset)
            self.origins.append((line_no, column))
            offset += len(piece) + 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a content offset."""
        row = bisect.bisect_right(self.starts, offset) - 1
        line_no, column = self.origins[row]
        return line_no, column + (offset - self.starts[row]) + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(max(end, start))
        return Span(line, column, end_line, end_column)


def blank_out(masked: list[str], content: str, start: int, end: int) -> None:
    """Spaces over `content[start:end]` in `masked` (a list of its characters),
    line breaks kept. One slice assignment, not a Python step per character."""
    end = min(end, len(masked))
    if start < end:
        piece = content[start:end]
        masked[start:end] = _NOT_NEWLINE.sub(" ", piece) if "\n" in piece else " " * len(piece)


def fence_columns(lines: list[str], first: int, content_lines: list[str]) -> tuple[int, ...]:
    """1-based column of each content line of a fence whose content starts on `first`."""
    if lines[first - 1 : first - 1 + len(content_lines)] == content_lines:
        # An unindented fence holds its lines verbatim: each starts at column 1.
        return (1,) * len(content_lines)
    found_at = [
        (lines[line_no - 1] if line_no <= len(lines) else "").find(piece) if piece else -1
        for line_no, piece in enumerate(content_lines, first)
    ]
    return tuple([found + 1 if found >= 0 else 1 for found in found_at])


def _destination_end(content: str, start: int) -> int:
    """End offset of a link destination starting at `start` (CommonMark rules)."""
    if start < len(content) and content[start] == "<":
        close = content.find(">", start)
        return close + 1 if close >= 0 else start
    depth, position = 0, start
    while position < len(content):
        plain = _DESTINATION_PLAIN.match(content, position)
        if plain:  # skip what needs no decision in one step
            position = plain.end()
            continue
        char = content[position]
        if char == "\\" and position + 1 < len(content):
            position += 2
            continue
        if char.isspace() or (char == ")" and depth == 0):
            break
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        position += 1
    return position


class IndexBuilder:
    def __init__(self, tokens: list[Token], lines: list[str], slug_style: str,
                 strip_shortcodes: bool, normalize_link: object,
                 emoji_index: str = "material",
                 tabs: tuple[str, bool, str] = ("", False, "-"), escape_all: bool = False) -> None:
        self.tokens = tokens
        self.escape_all = escape_all
        self.lines = lines
        self.slugify = slugifier(slug_style)
        self.slug_style = slug_style
        self.strip_shortcodes = strip_shortcodes
        self.emoji_index = emoji_index
        self.normalize_link = normalize_link
        self._normalized_links: dict[str, str] = {}
        self.parts = _IndexParts()
        self.used_ids: set[str] = set()
        self.html_ids: set[str] = set()
        self.pending_headings: list[_PendingHeading] = []
        self.tab_style, self.tab_combine, self.tab_separator = tabs
        # (tab title, ordinal of the heading before it or -1, that of the last
        # heading outside any container before it or -1)
        self.pending_tabs: list[tuple[str, int, int]] = []

    # -- inline ---------------------------------------------------------------

    def _inline(self, token: Token, context: str, hint: int = 0) -> str:
        """Index one inline token; returns its plain text."""
        if token.map is None:
            return token.content
        content = token.content
        children = token.children or []
        kinds = [child.type for child in children]
        if not _POSITIONED.isdisjoint(kinds):
            located = Located(content, token.map[0] + 1, self.lines, hint)
            return self._inline_located(token, located, context)
        # Text and emphasis only (most tokens): nothing to find or blank out.
        if not self._one_line_run(content, token.map[0] + 1, hint, context):
            located = Located(content, token.map[0] + 1, self.lines, hint)
            self._text_runs(located, located.pieces, context)
        if kinds == ["text"]:
            return children[0].content
        return "".join([child.content if kind == "text" else " " if kind in _BREAKS else ""
                        for child, kind in zip(children, kinds, strict=True)])

    def _one_line_run(self, content: str, line_no: int, hint: int, context: str) -> bool:
        """`Located` and `_text_runs` for one-line content found on its own line (all
        but a few tokens), without their lists; False leaves the token to them."""
        if "\n" in content:
            return False
        if not content.strip():
            return True  # no run, wherever it sits
        lines = self.lines
        column = lines[line_no - 1].find(content, hint) if 0 < line_no <= len(lines) else -1
        if column < 0:
            return False  # not on its first line: `Located` looks further down
        self.parts.text_runs.append(TextRun(line_no, column + 1, content, context))
        return True

    def _text_runs(self, located: Located, pieces: list[str], context: str) -> None:
        """One run per content line that has text left."""
        runs = self.parts.text_runs
        first = len(runs)
        for (line_no, column), piece in zip(located.origins, pieces, strict=True):
            if piece.strip():
                runs.append(TextRun(line_no, column + 1, piece, context, len(runs) > first))

    def _inline_located(self, token: Token, located: Located, context: str) -> str:
        """Walk the children with a cursor over the content: links, code and HTML."""
        content = token.content
        masked = list(content)
        plain: list[str] = []
        cursor = 0

        def blank(start: int, end: int) -> None:
            blank_out(masked, content, start, end)

        link_stack: list[tuple[str, list[str], int]] = []
        after_image = False
        for child in token.children or []:
            kind = child.type
            if kind == "text":
                text = child.content
                if after_image and context == "heading":
                    # `![logo](x.svg){ width=20 }`: attr_list takes the braces
                    text = ATTR_LIST.sub("", text, count=1) if text.startswith("{") else text
                plain.append(text)
                if link_stack:
                    link_stack[-1][1].append(child.content)
                # A link's text ends before its `](`: text written with escapes
                # (`run\_report`) must not be found in the destination after it.
                bound = content.find("](", cursor) if link_stack else -1
                found = content.find(child.content, cursor, bound if bound >= 0 else None) \
                    if child.content else -1
                if found >= 0:
                    cursor = found + len(child.content)
            elif kind in _BREAKS:
                plain.append(" ")
            elif kind == "code_inline":
                plain.append(child.content)
                match = _CODE_SPAN.search(content, cursor)
                if match:
                    blank(match.start(), match.end())
                    cursor = match.end()
            elif kind == "html_inline":
                found = content.find(child.content, cursor)
                if found >= 0:
                    self._html(child.content, located, found, in_block=False)
                    blank(found, found + len(child.content))
                    cursor = found + len(child.content)
            elif kind == "link_open":
                href = str(child.attrGet("href") or "")
                if child.markup == "autolink":
                    found = content.find("<", cursor)
                    end = content.find(">", found) if found >= 0 else -1
                    if found >= 0 and end > found:
                        target = content[found + 1 : end]
                        self.parts.links.append(
                            Link("autolink", target, located.span(found + 1, end), target)
                        )
                        blank(found, end + 1)
                        cursor = end + 1
                    link_stack.append(("autolink-done", [], cursor))
                else:
                    link_stack.append((href, [], cursor))
            elif kind == "link_close" and link_stack:
                href, texts, _ = link_stack.pop()
                if href == "autolink-done":
                    continue
                cursor = self._close_link(content, located, cursor, href, "".join(texts),
                                          "inline", child, blank, token)
            elif kind == "image":
                src = str(child.attrGet("src") or "")
                if context != "heading":  # (toc reads a heading's text: an image has none)
                    plain.append(child.content)
                cursor = self._close_link(content, located, cursor, src, child.content,
                                          "image", child, blank, token)
            elif kind == "footnote_ref":
                pass
            after_image = kind == "image"
        self._text_runs(located, "".join(masked).split("\n"), context)
        return "".join(plain)

    def _close_link(self, content: str, located: Located, cursor: int, href: str, text: str,
                    kind: str, child: Token, blank: object, token: Token) -> int:
        """Find the destination of the link that just closed; returns the new cursor."""
        search = cursor
        while True:
            opener = content.find("](", search)
            if opener < 0:
                break
            start = opener + 2
            while start < len(content) and content[start] in " \t\n":
                start += 1
            end = _destination_end(content, start)
            raw = content[start:end]
            bare = raw[1:-1] if raw.startswith("<") and raw.endswith(">") else raw
            # (escapes and entities in it are the renderer's: `a-\[1998\].pdf`)
            target = unescapeAll(bare) if "\\" in bare or "&" in bare else bare
            if bare == href or self._normalized(bare) == href or (
                    target != bare and self._normalized(target) == href):
                offset = start + (1 if raw.startswith("<") else 0)
                self.parts.links.append(
                    Link(kind, bare if self._normalized(bare) == href else target,
                         located.span(offset, offset + len(bare)), text)
                )
                close = content.find(")", end)
                close = close + 1 if close >= 0 else end
                blank(start, end)  # type: ignore[operator]
                return close
            search = opener + 2
            if search - cursor > 2000:
                break
        # A reference-style link: [text][label], [label][] or [label].
        label_at = content.find("[", max(cursor - len(text) - 2, 0))
        label_at = label_at if label_at >= 0 else cursor
        end = min(label_at + len(text) + 2, len(content))
        self.parts.links.append(
            Link("reference" if kind == "inline" else "image-reference", href,
                 located.span(label_at, end), text)
        )
        return cursor

    def _normalized(self, target: str) -> str:
        """The renderer's href for a destination; pages repeat their targets."""
        if target not in self._normalized_links:
            self._normalized_links[target] = self.normalize_link(target)  # type: ignore[operator]
        return self._normalized_links[target]

    # -- html -----------------------------------------------------------------

    def _html(self, html: str, located: Located, base: int, in_block: bool) -> None:
        collector = _TagCollector()
        try:
            collector.feed(html)
            collector.close()
        except (AssertionError, ValueError):  # HTMLParser on malformed markup declarations
            pass
        line_starts = [0]
        line_starts += [match.end() for match in _NEWLINE.finditer(html)]
        for name, attrs, line, offset, closing, self_closing in collector.tags:
            start = base + line_starts[line - 1] + offset
            span = located.span(start, start + len(name) + 1 + int(closing))
            self.parts.html_tags.append(
                HtmlTag(name, tuple(attrs), span, closing, self_closing, in_block)
            )
            for key, value in attrs:
                if value is None:
                    continue
                if key in ("id", "name") and not closing:
                    # Raw HTML is stashed before the toc runs: its ids do not push
                    # heading ids to `_1`, but they are link targets all the same.
                    self.html_ids.add(value)
                if (name, key) in _URL_ATTRIBUTES:
                    value_at = html.find(value, start - base)
                    value_span = (located.span(base + value_at, base + value_at + len(value))
                                  if value_at >= 0 else span)
                    self.parts.links.append(Link("html", value, value_span, name))
        self._html_headings(html, collector.tags, line_starts, located, base)

    def _html_headings(self, html: str, tags: list[_RawTag], line_starts: list[int],
                       located: Located, base: int) -> None:
        for number, (name, _attrs, line, offset, closing, _single) in enumerate(tags):
            if closing or name not in ("h1", "h2", "h3", "h4", "h5", "h6"):
                continue
            start = line_starts[line - 1] + offset
            text_start = html.find(">", start) + 1
            close = next((later for later in tags[number + 1:]
                          if later.name == name and later.closing), None)
            if not text_start or close is None:
                continue
            text_end = line_starts[close.line - 1] + close.offset
            text = html_module.unescape(_TAG.sub("", html[text_start:text_end])).strip()
            text = " ".join(text.split())
            self.parts.html_headings.append(
                HtmlHeading(int(name[1]), text, self.slugify(text, "-"),
                            located.span(base + start, base + start + len(name) + 1)))

    # -- headings -------------------------------------------------------------

    def _heading_text(self, text: str) -> tuple[str, str | None]:
        explicit: str | None = None
        attrs = HEADING_ATTR_LIST.search(text) if "{" in text else None
        if attrs:
            explicit = attr_id(attrs.group(1), self.escape_all)
            text = text[: attrs.start()]
        if self.strip_shortcodes and ":" in text:
            # Only shortcodes the site's emoji index knows become (textless) images.
            text = _EMOJI_SHORTCODE.sub(
                lambda match: "" if renders_as_image(match.group(0), self.emoji_index)
                else match.group(0), text)
        return text.strip(), explicit

    # -- walk -----------------------------------------------------------------

    def build(self) -> _IndexParts:
        tokens = self.tokens
        containers: list[str] = []
        heading_stack: list[int] = []  # pending heading ordinals by level
        last_heading: int | None = None
        last_top_heading = -1
        skip_to = 0  # a heading indexes its inline token itself
        for position, token in enumerate(tokens):
            kind = token.type
            if kind not in _WALKED or position < skip_to:
                continue  # closers, rows, cells: nothing to index
            if kind == "inline":  # the commonest first
                previous = tokens[position - 1].type if position else ""
                self._inline(token, _INLINE_CONTEXTS.get(previous, "paragraph"))
            elif kind == "heading_open":
                inline = tokens[position + 1]
                level = int(token.tag[1])
                text = self._inline(inline, "heading")
                text, explicit = self._heading_text(text)
                assert inline.map is not None
                line = inline.map[0] + 1
                source = self.lines[line - 1]
                raw = inline.content
                # A setext heading's text can run over several lines: the span is its first.
                first = raw.split("\n", 1)[0]
                column = source.find(first) + 1 if first and first in source else 1
                span = Span.of(line, column, min(len(first), len(source) - column + 1))
                while heading_stack and self.pending_headings[heading_stack[-1]].level >= level:
                    heading_stack.pop()
                parent = heading_stack[-1] if heading_stack else None
                ordinal = len(self.pending_headings)
                self.pending_headings.append(_PendingHeading(
                    level, text, raw, span, parent if parent is not None else -1, explicit,
                    containers[-1] if containers else ""))
                heading_stack.append(ordinal)
                last_heading = ordinal
                if not containers:
                    last_top_heading = ordinal
                self._block("heading", token, containers, last_heading)
                skip_to = position + 3
            elif kind == "paragraph_open":
                if not containers:
                    self._block("paragraph", token, containers, last_heading)
            elif kind == "list_item_open":
                # One block per item: repeated-content rules compare items one by one.
                self._block("item", token, containers, last_heading, token.markup)
            elif kind in ("fence", "code_block"):
                if kind == "code_block" and position and \
                        tokens[position - 1].type == "container_blocks_open":
                    # a pymdownx.blocks block's options, not a listing; `attrs:
                    # {id: x}` gives the block an id links may name
                    if "id" in token.content or "#" in token.content:
                        self.html_ids.update(_block_option_ids(token.content))
                    continue
                self._fence(token)
                self._block("fence" if kind == "fence" else "code", token, containers,
                            last_heading, token.info)
            elif kind == "math_block":
                self._block("math", token, containers, last_heading)
            elif kind == "html_block":
                assert token.map is not None
                located = Located(token.content.rstrip("\n"), token.map[0] + 1, self.lines)
                self._html(token.content, located, 0, in_block=True)
                self._block("html", token, containers, last_heading)
            elif kind == "admonition_open":
                assert token.map is not None
                self.parts.admonitions.append(
                    Admonition(token.markup, token.info, token.map[0] + 1, token.map[1],
                               token.content)
                )
                self._block("admonition", token, containers, last_heading, token.info)
                containers.append("admonition")
            elif kind == "tab_open":
                self._block("tab", token, containers, last_heading, token.info)
                if self.tab_style:
                    self.pending_tabs.append((token.info, -1 if last_heading is None
                                              else last_heading, last_top_heading))
                containers.append("tab")
            elif kind == "container_blocks_open":
                # pymdownx.blocks: a tab is a content tab, any other block (note,
                # details, html, caption, a site's own) a container like an admonition.
                header = BLOCK_HEADER.fullmatch(token.info)
                name = header["name"].lower() if header else ""
                title = (header["title"] or "") if header else ""
                container = "tab" if name == "tab" else "admonition"
                self._block(container, token, containers, last_heading,
                            title if name == "tab" else token.info.strip())
                containers.append(container)
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self._block("list", token, containers, last_heading, token.markup)
                containers.append("list")
            elif kind == "blockquote_open":
                self._block("blockquote", token, containers, last_heading)
                containers.append("blockquote")
            elif kind == "table_open":
                self._block("table", token, containers, last_heading)
            elif kind == "hr":
                self._block("hr", token, containers, last_heading)
            elif kind in _CONTAINER_CLOSE and containers:
                containers.pop()
        self._finish_headings()
        if self.pending_tabs:
            self._finish_tabs()
        return self.parts

    def block_maps(self) -> list[tuple[int, int]]:
        """Line maps of the leaf block tokens as the walk meets them (a heading's
        inline token is the heading's): what reference definitions are not. A
        container (a list item, an admonition, a tab) may hold definitions."""
        found = []
        skip_to = 0
        for position, token in enumerate(self.tokens):
            if position < skip_to:
                continue
            if token.map is not None and token.nesting >= 0 and token.type not in _HOLDERS:
                found.append((token.map[0], token.map[1]))
            if token.type == "heading_open":
                skip_to = position + 3
        return found

    def _block(self, kind: str, token: Token, containers: list[str], heading: int | None,
               info: str = "") -> None:
        line_map = token.map
        if line_map is None:
            return
        start, end = line_map
        self.parts.blocks.append(
            Block(kind, start + 1, end if end > start else start + 1, len(containers), heading,
                  info)
        )

    def _fence(self, token: Token) -> None:
        assert token.map is not None
        first = token.map[0] + (2 if token.type == "fence" else 1)
        content_lines = token.content.split("\n")
        if content_lines and content_lines[-1] == "":
            content_lines.pop()
        self.parts.fences.append(
            Fence(token.info, token.content, token.map[0] + 1, token.map[1],
                  fence_columns(self.lines, first, content_lines))
        )

    def _toc_text(self, text: str) -> str:
        """The heading text Python-Markdown's toc slugifies: whitespace runs
        collapsed to one space (GitHub's own ids keep every space)."""
        return text if self.slug_style == "github" else " ".join(text.split())

    def _finish_headings(self) -> None:
        # Explicit ids are reserved first, as Python-Markdown's toc does.
        for pending in self.pending_headings:
            if pending.explicit:
                self.used_ids.add(pending.explicit)
        resume: dict[str, str] = {}
        for ordinal, (level, text, raw, span, parent, explicit, container) in enumerate(
            self.pending_headings
        ):
            heading_id = explicit or unique_id(
                self.slugify(self._toc_text(text), "-"), self.used_ids, self.slug_style, resume
            )
            self.parts.headings.append(
                Heading(ordinal, level, text, raw, heading_id, explicit is not None, span,
                        span.line, parent if parent >= 0 else None, container)
            )


    def _finish_tabs(self) -> None:
        """Tab ids as pymdownx.tabbed's tree processor gives them, after the toc
        gave the headings theirs: the slug of the title's text, after the id of the
        heading before the tab set when `combine_header_slug` is on, made unique
        with `_1`, `_2`. That heading is the one before the set among its siblings;
        when the nearest heading sits in another container than the outermost one
        before the set, both are allowed."""
        slugify = slugifier(self.tab_style)
        separator = self.tab_separator
        used = {heading.id for heading in self.parts.headings} | self.html_ids
        for title, nearest, top in self.pending_tabs:
            slug = slugify(_tab_title_text(title), separator)
            candidates = [slug]
            if self.tab_combine:
                parents = dict.fromkeys(ordinal for ordinal in (nearest, top) if ordinal >= 0)
                candidates = [f"{self.parts.headings[ordinal].id}{separator}{slug}"
                              for ordinal in parents] or [slug]
            for candidate in candidates:
                self.parts.tab_ids.append(unique_id(candidate, used, "toc"))


_TAB_MARKUP = re.compile(r"`+|\*{1,3}|_{2,3}|~~|==|\^\^")
_TAB_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def _tab_title_text(title: str) -> str:
    """A tab title's text as its rendered label reads (markup and emoji
    shortcodes dropped, links replaced by their text)."""
    text = _TAB_LINK.sub(r"\1", title)
    text = _EMOJI_SHORTCODE.sub("", text)
    text = _TAG.sub("", text)
    return html_module.unescape(_TAB_MARKUP.sub("", text)).strip()


class Index:
    """Headings, sections, links, HTML, text runs, fences and blocks of one page."""

    slug_style: str = "toc"  # the heading-id style the ids were computed with
    escape_all: bool = False  # pymdownx.escapeall: a backslash escapes any character

    def __init__(self, parts: _IndexParts, lines: list[str], ids: set[str],
                 references: dict[str, dict[str, str]], body_start: int) -> None:
        self.headings: tuple[Heading, ...] = tuple(parts.headings)
        self.html_tags: tuple[HtmlTag, ...] = tuple(parts.html_tags)
        self.text_runs: tuple[TextRun, ...] = tuple(parts.text_runs)
        self.fences: tuple[Fence, ...] = tuple(parts.fences)
        self.blocks: tuple[Block, ...] = tuple(parts.blocks)
        self.admonitions: tuple[Admonition, ...] = tuple(parts.admonitions)
        self.ids: frozenset[str] = frozenset(ids)
        self._lines = lines
        self._block_maps = parts.block_maps
        self._body_start = body_start
        late = self._late_definitions()
        if late:
            references = {**references, **{normalizeReference(link.label): {} for link in late}}
        self._references = references
        self.links: tuple[Link, ...] = tuple(parts.links) + self._definitions() + late
        self.html_headings: tuple[HtmlHeading, ...] = tuple(parts.html_headings)
        self.tab_ids: frozenset[str] = frozenset(parts.tab_ids)

    @property
    def reference_labels(self) -> frozenset[str]:
        """Every label a definition on the page gives, normalised as markdown-it
        normalises them, definitions inside admonitions, items and tabs included."""
        return frozenset(self._references or ())

    def _late_definitions(self) -> tuple[Link, ...]:
        """Definitions on lines CommonMark reads as paragraph text (after a line that
        is no definition: `[label] url`, a colon missing): Python-Markdown takes a
        definition line wherever it stands in the paragraph."""
        found: list[Link] = []
        for run in self.text_runs:
            if run.context != "paragraph":
                continue
            source = self._lines[run.line - 1]
            if "]:" not in source:
                continue
            match = _LATE_DEFINITION.match(source)
            if match is None or match.start(1) - 1 != run.column - 1:
                continue  # (the run must start at the bracket: a definition's own line)
            target = match.group(2)
            column = match.start(2) + 1
            if target.startswith("<") and target.endswith(">"):
                target, column = target[1:-1], column + 1
            found.append(Link("definition", target, Span.of(run.line, column, len(target)),
                              label=match.group(1)))
        return tuple(found)

    def _definitions(self) -> tuple[Link, ...]:
        """Reference definitions emit no token: they are the non-blank lines no
        block token covers."""
        if not self._references:
            return ()
        covered: set[int] = set()
        for start, end in self._block_maps:
            covered.update(range(start + 1, end + 1))
        found: list[Link] = []
        # (indented as deep as the container it is in: leaf blocks cover the rest)
        definition = re.compile(r"^\s*\[([^\]]+)\]:\s*(<[^>]*>|\S+)(?:\s+[\"'(](.*)[\"')])?")
        for line_no in range(self._body_start, len(self._lines) + 1):
            if line_no in covered:
                continue
            source = self._lines[line_no - 1]
            match = definition.match(source)
            if match:
                target = match.group(2)
                column = match.start(2) + 1
                if target.startswith("<") and target.endswith(">"):
                    target, column = target[1:-1], column + 1
                found.append(Link("definition", target, Span.of(line_no, column, len(target)),
                                  label=match.group(1), title=match.group(3) or ""))
        return tuple(found)

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        ends = [len(self._lines)] * len(self.headings)
        open_headings: list[Heading] = []  # a stack: each closes at the next same-or-higher
        for heading in self.headings:
            while open_headings and open_headings[-1].level >= heading.level:
                ends[open_headings.pop().index] = heading.line - 1
            open_headings.append(heading)
        return tuple(Section(heading.index, heading.line, ends[heading.index])
                     for heading in self.headings)

    @cached_property
    def quantities(self) -> tuple[Quantity, ...]:
        from curriculint.index.quantities import extract_quantities

        return tuple(extract_quantities(self.text_runs))

    @cached_property
    def budgets(self) -> BudgetTree:
        """What the page's weeks, days, sections and rows say they take, nested."""
        from curriculint.index.budgets import build_budgets

        return build_budgets(self, self._lines)

    @cached_property
    def bare_urls(self) -> tuple[Link, ...]:
        """URLs typed as prose ("bare") and inline links that did not parse
        ("unparsed": `[text](target)` left as text, e.g. for a space or an
        unbalanced parenthesis in the target), found in the text runs."""
        found: list[Link] = []
        for run in self.text_runs:
            if _may_hold_url(run.text):
                found.extend(_bare_urls(run, self._lines[run.line - 1]))
            if "](" in run.text:
                found.extend(_unparsed_links(run))
        return tuple(found)

    @cached_property
    def attr_ids(self) -> frozenset[str]:
        """Ids set with attribute lists outside headings: `{: #id }` after a
        paragraph, list item or table cell, `{ id="x" }` after an image or link,
        `[](){#id}` (an mkdocs-autorefs anchor), `{ .sh #id }` on a fence."""
        found: set[str] = set()
        for run in self.text_runs:
            if "{" in run.text:
                found.update(ids_in(run.text, self.escape_all))
        for fence in self.fences:
            anchor = fence_id(fence.info, self.escape_all)
            if anchor:
                found.add(anchor)
        return frozenset(found)

    def heading_by_id(self, heading_id: str) -> Heading | None:
        for heading in self.headings:
            if heading.id == heading_id:
                return heading
        return None


def _may_hold_url(text: str) -> bool:
    """`_BARE_URL` needs a slash, a backslash or `www.`: most runs have none."""
    return "/" in text or "\\" in text or "www." in text


def _block_option_ids(options: str) -> list[str]:
    """The id a pymdownx.blocks block's YAML options give it (`attrs: {id: x}`)."""
    import yaml

    try:
        data = yaml.safe_load(options)
    except yaml.YAMLError:
        return []
    attrs = data.get("attrs") if isinstance(data, dict) else None
    if isinstance(attrs, str):  # attr_list's form: `attrs: "#x .wide"`
        return re.findall(r"(?:^|\s)#([^\s.#]+)", attrs)
    found = attrs.get("id") if isinstance(attrs, dict) else None
    return [str(found)] if isinstance(found, (str, int)) and str(found) else []


def _bare_urls(run: TextRun, source: str) -> Iterator[Link]:
    """`source`: the run's line as written (the run blanks HTML: `<host>`)."""
    for match in _BARE_URL.finditer(run.text):
        after = run.column - 1 + match.end()
        if source[after : after + 1] in ("{", "<") and _SCHEME_ONLY.fullmatch(match.group(0)):
            continue  # a placeholder host: `https://{team}.example.org`, `https://<host>/`
        url = match.group(0)
        if url.endswith("\\") and _ESCAPED.match(run.text, match.end() - 1):
            url = url[:-1]  # `\[https://x.org/a.html\]`: the backslash escapes the bracket
        url = url.rstrip(_TRAILING)
        while url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1].rstrip(_TRAILING)
        column = run.column + match.start()
        yield Link("bare", url, Span.of(run.line, column, len(url)), url)


def _unparsed_links(run: TextRun) -> Iterator[Link]:
    for match in _UNPARSED_LINK.finditer(run.text):
        depth, end = 0, match.end()
        while end < len(run.text):
            char = run.text[end]
            if char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            end += 1
        target = run.text[match.end():end]
        yield Link("unparsed", target, Span.of(run.line, run.column + match.end(), len(target)),
                   label="unclosed" if end >= len(run.text) else "")


def build_index(tokens: list[Token], lines: list[str], *, slug_style: str = "toc",
                strip_shortcodes: bool = True, normalize_link: object = None,
                references: dict[str, dict[str, str]] | None = None,
                body_start: int = 1, emoji_index: str = "material",
                tabs: tuple[str, bool, str] = ("", False, "-"), escape_all: bool = False) -> Index:
    builder = IndexBuilder(tokens, lines, slug_style, strip_shortcodes,
                           normalize_link or (lambda value: value), emoji_index, tabs, escape_all)
    parts = builder.build()
    if references:  # only reference definitions need the block line maps
        parts.block_maps = builder.block_maps()
    ids = set(builder.used_ids) | builder.html_ids | {heading.id for heading in parts.headings}
    index = Index(parts, lines, ids, references or {}, body_start)
    index.slug_style = slug_style
    index.escape_all = escape_all
    return index
