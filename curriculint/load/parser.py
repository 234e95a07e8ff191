"""The only place a MarkdownIt parser is built.

markdown-it-py plus mdit-py-plugins cover CommonMark, tables, front matter,
admonitions, definition lists, footnotes and task lists. Small block rules
add what MkDocs Material pages need and no plugin provides:

* md_in_html: a line that is only `<div ... markdown>` (or its closing tag) is a
  one-line HTML block, so the Markdown between them is parsed as Markdown, as
  Python-Markdown's md_in_html does. CommonMark would swallow everything up to
  the next blank line as raw HTML.
* content tabs (pymdownx.tabbed): `=== "Title"` followed by an indented body,
  which CommonMark would read as an indented code block.
* pymdownx.blocks (`/// tab | Title` ... `///`, `/// note`, `/// details`): the
  generic fenced container of mdit-py-plugins with `/` as its marker; more
  slashes open an outer block, as pymdownx.blocks nests them. The block's
  option lines (indented YAML right after the header) come out as an indented
  code block, which the index reads as the options. A `///` line inside a
  listing of the block is the listing's: superfences stashes fences first.
* an admonition's body goes on past two blank lines in a row while the text
  after them is indented under its marker, as Python-Markdown reads it (the
  plugin would end the block there and read the rest as code).
* fences close as pymdownx.superfences closes them: only at the same fence
  again (as many backticks, no more), indented as the opening one. CommonMark
  lets any longer fence line indented by up to three spaces close the block, so
  a listing that shows an example fence would end there, and the rest of the
  page would come out inside out.
* with a math extension (pymdownx.arithmatex), `$$ ... $$` blocks are math
  (mdit-py-plugins' dollarmath, its block rule only).
* a heading needs no space after its hashes (`###References`), and its hashes
  start the line (`  ### Setup` is text), as Python-Markdown reads it.
* a definition without a term: `:   text` after a block that is not a
  paragraph (an HTML comment a hook turns into the term, say) is a definition
  list item for Python-Markdown's def_list, its indented lines its body; the
  deflist plugin wants a term and would leave an indented body a code block.
* a quote goes on over lines without `>` up to a blank line, whatever they
  hold, as Python-Markdown's blockquote reads its block (a fence opened after
  `>` closes on an unmarked line).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.fence import fence
from mdit_py_plugins.admon.index import admonition

MD_IN_HTML_TAGS = "div|details|section|article|aside|figure|summary|span|p|blockquote|table"
OPEN_MARKDOWN_TAG = re.compile(
    rf"^<(?:{MD_IN_HTML_TAGS})\b[^<>]*\smarkdown(?:=(?:\"[^\"]*\"|'[^']*'|\w+))?[^<>]*>\s*$",
    re.IGNORECASE,
)
_LONE_CLOSE_TAG = re.compile(rf"^</(?:{MD_IN_HTML_TAGS})\s*>\s*$", re.IGNORECASE)
_TAB_MARKER = re.compile(r'^===[+!]*\s+"(?P<title>[^"]*)"\s*$')
# `/// name` or `/// name | title`, the header of a pymdownx.blocks block.
BLOCK_HEADER = re.compile(r"\s*(?P<name>[A-Za-z][\w-]*)\s*(?:\|\s*(?P<title>.*?))?\s*")


def _block_header(params: str, _markup: str) -> bool:
    return BLOCK_HEADER.fullmatch(params) is not None


def _line_text(state: StateBlock, line: int) -> str:
    start = state.bMarks[line] + state.tShift[line]
    return state.src[start : state.eMarks[line]]


# Both rules are tried at every block start and every paragraph line (as
# interrupters): the first character rejects almost all lines without slicing.
def _md_in_html(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if not state.src.startswith("<", state.bMarks[start_line] + state.tShift[start_line]):
        return False
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    text = _line_text(state, start_line)
    if not (OPEN_MARKDOWN_TAG.match(text) or _LONE_CLOSE_TAG.match(text)):
        return False
    if silent:
        return True
    token = state.push("html_block", "", 0)
    token.map = [start_line, start_line + 1]
    token.content = text + "\n"
    token.meta = {"md_in_html": True}
    state.line = start_line + 1
    return True


# Elements with no end tag, and a tag as a line holds it (ST003 reads tags so too).
_VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                            "meta", "source", "track", "wbr"})
LINE_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)\b[^<>]*?(/?)>")
_ATX_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")


def _closed_elements(text: str) -> bool:
    """The line opens with a tag and closes every element it opens (`<hr>`,
    `<br><br>`, `<div>x</div>`)."""
    if not text.startswith("<"):
        return False
    open_tags: list[str] = []
    found = False
    for match in LINE_TAG.finditer(text):
        found = True
        name = match.group(2).lower()
        if match.group(1):
            if not open_tags or open_tags.pop() != name:
                return False
        elif not match.group(3) and name not in _VOID_ELEMENTS:
            open_tags.append(name)
    return found and not open_tags


def _html_before_heading(state: StateBlock, start_line: int, end_line: int,
                         silent: bool) -> bool:
    """Lines of raw HTML whose elements all close on their line, then an ATX
    heading with no blank line between (`<hr>` over `## Crew`): Python-Markdown
    ends the raw block with the element and reads the heading; CommonMark would
    run the HTML block on to the next blank line and swallow it."""
    if not state.src.startswith("<", state.bMarks[start_line] + state.tShift[start_line]):
        return False
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    line = start_line
    while line < end_line:
        text = _line_text(state, line)
        if line > start_line and state.sCount[line] - state.blkIndent < 4 and \
                _ATX_HEADING.match(text):
            break
        if not _closed_elements(text):
            return False  # (a blank line ends it as CommonMark would: the usual rule's)
        line += 1
    else:
        return False
    if silent:
        return True
    token = state.push("html_block", "", 0)
    token.map = [start_line, line]
    token.content = state.getLines(start_line, line, state.blkIndent, True)
    state.line = line
    return True


# Python-Markdown's block-level elements (`Markdown.block_level_elements`).
BLOCK_LEVEL_ELEMENTS = frozenset({
    "address", "article", "aside", "blockquote", "body", "canvas", "center", "colgroup", "dd",
    "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "group",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "html", "iframe", "legend", "li",
    "main", "map", "math", "menu", "nav", "noscript", "object", "ol", "option", "output", "p",
    "pre", "progress", "script", "section", "style", "summary", "table", "tbody", "td",
    "textarea", "tfoot", "th", "thead", "tr", "ul", "video"})
_OPEN_TAG = re.compile(r"<([A-Za-z][\w-]*)(?=[\s/>]|$)")


_FENCE_STARTS = ("```", "~~~")
_MARKDOWN_ATTRIBUTE = re.compile(r"""^<[A-Za-z][\w-]*\b[^<>]*?\smarkdown(?:\s*=\s*["']?(\w*))?""",
                                 re.IGNORECASE)


def markdown_attribute(line: str) -> bool:
    """The tag opening `line` has md_in_html's `markdown` attribute, not set to 0."""
    found = _MARKDOWN_ATTRIBUTE.match(line.lstrip())
    return found is not None and (found.group(1) or "1").lower() not in ("0", "off")


# A tag, or what an HTML parser skips whole: a comment, a script, a style.
_ANY_TAG = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|"
                      r"<(/?)([A-Za-z][\w-]*)(?=[\s/>])[^<>]*?(/?)>", re.IGNORECASE | re.DOTALL)


def fence_opened(text: str) -> str:
    """The fence a line (its indent taken off) opens: its run of three backticks
    or tildes or more; "" for none."""
    if not text.startswith(_FENCE_STARTS):
        return ""
    return text[:len(text) - len(text.lstrip(text[0]))]


def fence_closed(text: str, fence: str) -> bool:
    """The line (its indent taken off) closes `fence` as superfences closes one:
    the same fence again, as many marks and no more, and nothing after it."""
    marks = len(text) - len(text.lstrip(fence[0]))
    return marks == len(fence) and not text[marks:].strip()


def _outside_fences(state: StateBlock, start_line: int, end_line: int) -> Iterator[tuple[int, int]]:
    """The source from `start_line` on in stretches between fenced code blocks,
    which superfences and fenced_code take out before the raw HTML is read."""
    begin, fence = state.bMarks[start_line], ""
    for line in range(start_line, end_line):
        text = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]
        if fence:
            if fence_closed(text, fence):
                fence, begin = "", state.eMarks[line]
            continue
        fence = fence_opened(text)
        if fence:
            yield begin, state.bMarks[line]
    if not fence:
        yield begin, state.eMarks[end_line - 1]


def _raw_end(state: StateBlock, start_line: int, end_line: int) -> int | None:
    """The offset where the raw block opened at `start_line` ends, as
    Python-Markdown's HTML parser ends it: each start tag is put on a stack (void
    and self-closed ones not), an end tag takes the stack down to its name, and
    the block ends when the stack is empty. None when nothing empties it."""
    stack: list[str] = []
    open_names: dict[str, int] = {}  # how many of each name the stack holds: `in` in O(1)
    for low, high in _outside_fences(state, start_line, end_line):
        for tag in _ANY_TAG.finditer(state.src, low, high):
            name = tag.group(3)
            if name is None:  # a comment, script or style
                if not stack:
                    return None  # (the line opens with one: CommonMark's block reads it)
                continue
            name = name.lower()
            if tag.group(2):
                if open_names.get(name):
                    while True:
                        popped = stack.pop()
                        open_names[popped] -= 1
                        if popped == name:
                            break
                    if not stack:
                        return tag.end()
            elif not tag.group(4) and name not in _VOID_ELEMENTS:
                stack.append(name)
                open_names[name] = open_names.get(name, 0) + 1
    return None


_BUDGET = "curriculint_raw_html_budget"
_BUDGET_PER_CHARACTER = 4


def _raw_html(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A block-level element opened at the start of a top-level line: raw HTML to
    Python-Markdown up to the end tag that closes it, blank lines and lines that
    look like Markdown included (`<div hidden>`, `<details>` without md_in_html's
    `markdown`). CommonMark ends the HTML block at the first blank line and reads
    the rest as headings and lists; and runs it on past the end tag to a blank
    line, where Python-Markdown reads the next lines as Markdown. An element
    that nothing closes keeps CommonMark's reading (ST003 reports it)."""
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith("<", begin) or state.level or state.blkIndent \
            or state.sCount[start_line] >= 4:
        return False
    opened = _OPEN_TAG.match(state.src, begin)
    if opened is None:
        return False
    name = opened.group(1).lower()
    if name not in BLOCK_LEVEL_ELEMENTS or name in _VOID_ELEMENTS or \
            markdown_attribute(_line_text(state, start_line)):
        return False  # (md_in_html reads the content of an element marked `markdown`)
    # Each element is read to its end tag, or to the page's end if none closes it:
    # the reading of a page stays linear in its size by a budget of characters
    # (a page of unclosed elements gets CommonMark's reading for the rest).
    budget = state.env.get(_BUDGET, _BUDGET_PER_CHARACTER * len(state.src) + 10_000)
    if budget <= 0:
        return False
    end = _raw_end(state, start_line, end_line)
    state.env[_BUDGET] = budget - ((end or state.eMarks[end_line - 1]) - begin)
    if end is None:
        return False
    last = bisect_left(state.eMarks, end, start_line, end_line)
    if silent:
        return True
    token = state.push("html_block", "", 0)
    token.map = [start_line, last + 1]
    token.content = state.getLines(start_line, last + 1, state.blkIndent, True)
    state.line = last + 1
    return True
    token = state.push("html_block", "", 0)
    token.map = [start_line, last + 1]
    token.content = state.getLines(start_line, last + 1, state.blkIndent, True)
    state.line = last + 1
    return True


def _one_line_setext(lheading: _BlockRule) -> _BlockRule:
    """markdown-it's setext heading rule, kept to what Python-Markdown reads as one:
    a single line of text over an underline flush with it. Over two lines and more
    `---` is a rule under a paragraph and `===` more of the paragraph (CommonMark
    makes every line of the paragraph the heading: frontmatter echoed above a
    `---` would come out as one long heading)."""

    def rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        pushed = len(state.tokens)
        if not lheading(state, start_line, end_line, silent):
            return False
        underline = state.line - 1
        if underline == start_line + 1 and state.sCount[underline] <= state.blkIndent:
            return True
        del state.tokens[pushed:]
        state.line = start_line
        return False  # the paragraph rule reads it, a `---` line ending it as a rule

    return rule


def _quote_marked(state: StateBlock, line: int) -> bool:
    start = state.bMarks[line] + state.tShift[line]
    return state.src.startswith(">", start) and 0 <= state.sCount[line] - state.blkIndent < 4


def _lazy_quote(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A quote as Python-Markdown reads it where that differs: its blockquote takes
    the rest of the block after a `>` line, up to a blank line, and reads the
    lines without `>` as they stand; CommonMark ends the quote at the first such
    line that is not more of a paragraph (a fence opened after `>` and closed on
    unmarked lines would come out unclosed, its code as text). Quotes without
    such a line are left to markdown-it's rule."""
    if silent or not _quote_marked(state, start_line):
        return False
    last = start_line + 1
    while last < end_line and not state.isEmpty(last) and state.sCount[last] >= state.blkIndent:
        last += 1
    terminators = state.md.block.ruler.getRules("blockquote")
    if not any(not _quote_marked(state, line) and
               any(rule(state, line, last, True) for rule in terminators)
               for line in range(start_line + 1, last)):
        return False
    saved = [(state.bMarks[line], state.tShift[line], state.sCount[line], state.bsCount[line])
             for line in range(start_line, last)]
    for line in range(start_line, last):
        if not _quote_marked(state, line):
            continue  # kept as it stands, its own indent
        content = state.bMarks[line] + state.tShift[line] + 1
        content += state.src.startswith(" ", content)
        text = state.src[content : state.eMarks[line]]
        state.bsCount[line] = state.sCount[line] + 1 + (content - state.bMarks[line] -
                                                        state.tShift[line] - 1)
        state.bMarks[line] = content
        state.tShift[line] = state.sCount[line] = len(text) - len(text.lstrip(" "))
    old_indent, old_parent, old_max = state.blkIndent, state.parentType, state.lineMax
    state.blkIndent, state.parentType, state.lineMax = 0, "blockquote", last
    opening = state.push("blockquote_open", "blockquote", 1)
    opening.markup, opening.map = ">", [start_line, last]
    state.md.block.tokenize(state, start_line, last)
    state.push("blockquote_close", "blockquote", -1).markup = ">"
    state.blkIndent, state.parentType, state.lineMax = old_indent, old_parent, old_max
    for line, (mark, shift, count, bs_count) in enumerate(saved, start_line):
        state.bMarks[line], state.tShift[line] = mark, shift
        state.sCount[line], state.bsCount[line] = count, bs_count
    state.line = last
    return True


def _comments_closed(html_block: _BlockRule) -> _BlockRule:
    """markdown-it's HTML block rule, but a `<!--` that nothing after it closes is
    no block: Python-Markdown prints it as text (`&lt;!--`) and reads the rest of
    the page as Markdown, where CommonMark would hide all of it in the comment."""

    def rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        start = state.bMarks[start_line] + state.tShift[start_line]
        if state.src.startswith("<!--", start) and state.src.find("-->", start + 4) < 0:
            return False
        return bool(html_block(state, start_line, end_line, silent))

    return rule


def _tabbed(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if not state.src.startswith("===", state.bMarks[start_line] + state.tShift[start_line]):
        return False
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    marker = _TAB_MARKER.match(_line_text(state, start_line))
    if marker is None:
        return False
    if silent:
        return True
    old_parent, old_line_max, old_indent = state.parentType, state.lineMax, state.blkIndent
    state.blkIndent = state.sCount[start_line] + 4
    next_line = start_line + 1
    while next_line < end_line:
        is_blank = state.isEmpty(next_line)
        if not is_blank and state.sCount[next_line] < state.blkIndent:
            break
        next_line += 1
    # Trailing blank lines belong to what follows the tab.
    while next_line - 1 > start_line and state.isEmpty(next_line - 1):
        next_line -= 1
    state.parentType = "tab"
    state.lineMax = next_line
    token = state.push("tab_open", "div", 1)
    token.block = True
    token.markup = "==="
    token.info = marker["title"]
    token.map = [start_line, next_line]
    title = state.push("tab_title", "", 0)
    title.content = marker["title"]
    title.map = [start_line, start_line + 1]
    state.md.block.tokenize(state, start_line + 1, next_line)
    token = state.push("tab_close", "div", -1)
    token.block = True
    state.parentType, state.lineMax, state.blkIndent = old_parent, old_line_max, old_indent
    state.line = next_line
    return True


def _termless_definition(state: StateBlock, start_line: int, end_line: int,
                         silent: bool) -> bool:
    """`:   body` with no term: a `<dl>` with one `<dd>` (Python-Markdown's def_list)."""
    marker = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith(":", marker) or state.sCount[start_line] - state.blkIndent >= 4:
        return False
    after = marker + 1
    content = state.skipSpaces(after)
    if content == after or content - after > 3 or content >= state.eMarks[start_line]:
        return False
    # Python-Markdown wants a block before it; after a paragraph the deflist
    # plugin has already made that paragraph the term.
    previous = state.tokens[-1] if state.tokens else None
    if previous is None or previous.level != state.level or previous.type == "paragraph_close":
        return False
    if silent:
        return True
    pushed, level = len(state.tokens), state.level
    listing = state.push("dl_open", "dl", 1)
    listing.map = [start_line, 0]
    item = state.push("dd_open", "dd", 1)
    item.map = [start_line, 0]
    saved = (state.tight, state.ddIndent, state.blkIndent, state.tShift[start_line],
             state.sCount[start_line], state.parentType)
    # Python-Markdown's def_list takes the lines indented by 4 (its tab length):
    # a reference definition indented by 2 after it is not part of it.
    # Its first line is the body with 1 to 3 spaces after the colon (`: text`).
    state.blkIndent = state.ddIndent = state.sCount[start_line] + 4
    state.tShift[start_line] = content - state.bMarks[start_line]
    state.sCount[start_line] = state.blkIndent
    state.tight = True
    state.parentType = "deflist"
    state.md.block.tokenize(state, start_line, end_line)
    (state.tight, state.ddIndent, state.blkIndent, state.tShift[start_line],
     state.sCount[start_line], state.parentType) = saved
    if state.line <= start_line:  # no block took the body: not a definition after all
        del state.tokens[pushed:]
        state.line, state.level = start_line, level  # (the two opening tokens raised it)
        return False
    state.push("dd_close", "dd", -1)
    state.push("dl_close", "dl", -1)
    item.map[1] = listing.map[1] = state.line
    return True




def _closes(state: StateBlock, line: int, markup: str) -> bool:
    """Line `line` is a fence line that closes a fence opened with `markup`: the
    same fence again, as Python-Markdown's fenced_code and superfences match it
    (```` ```` ```` inside a ```` ``` ```` listing is its content; CommonMark would close)."""
    return fence_closed(_line_text(state, line), markup)


def _superfence(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it's fence rule, then the block read on to the closing fence
    pymdownx.superfences takes: the first one at the opening's indentation. When
    there is none the library's reading stands (SuperFences renders no block)."""
    # Most lines start no fence: spare the library's rule (and its debug log call).
    if not state.src.startswith(_FENCE_STARTS, state.bMarks[start_line] + state.tShift[start_line]):
        return False
    if not fence(state, start_line, end_line, silent):
        return False
    if silent:
        return True
    token = state.tokens[-1]
    closing = state.line - 1
    indent = state.sCount[start_line]
    if closing <= start_line or (state.sCount[closing] == indent
                                 and _closes(state, closing, token.markup)):
        return True
    text = _line_text(state, closing)
    if not text.startswith(token.markup) or text.strip(token.markup[0]).strip():
        return True  # the library ran to the end of its container: no closing fence
    for line in range(closing + 1, end_line):
        if not state.isEmpty(line) and state.sCount[line] < state.blkIndent:
            break  # the parent block ends
        if state.sCount[line] == indent and _closes(state, line, token.markup):
            token.content = state.getLines(start_line + 1, line, indent, True)
            token.map = [start_line, line + 1]
            state.line = line + 1
            break
    return True


def _fenced_markers(state: StateBlock, start_line: int, end_line: int, marker: str
                    ) -> list[int]:
    """Lines below `start_line` inside fenced code that start with `marker`."""
    found: list[int] = []
    opened = ""
    indent = 0
    for line in range(start_line + 1, end_line):
        if not state.isEmpty(line) and state.sCount[line] < state.blkIndent:
            break  # the parent block ends
        text = _line_text(state, line)
        if opened:
            if state.sCount[line] == indent and _closes(state, line, opened):
                opened = ""
            elif text.startswith(marker):
                found.append(line)
        elif text.startswith(_FENCE_STARTS):
            opened = text[: len(text) - len(text.lstrip(text[0]))]
            indent = state.sCount[line]
    return found


_BlockRule = Callable[[StateBlock, int, int, bool], bool]


def _blocks(rule: _BlockRule) -> _BlockRule:
    """mdit-py-plugins' container rule for pymdownx.blocks (`/// note`), with fenced
    code kept whole: superfences stashes fences before blocks are read, so a
    `///` line inside a listing of the block is the listing's, not its end. Such
    lines are shown to the rule as indented code for the call, then put back."""

    def blocks(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if state.src[state.bMarks[start_line] + state.tShift[start_line]] != "/":
            return False
        if silent:
            return rule(state, start_line, end_line, silent)
        hidden = {line: state.sCount[line]
                  for line in _fenced_markers(state, start_line, end_line, "///")}
        for line in hidden:
            state.sCount[line] = state.blkIndent + 4
        try:
            return rule(state, start_line, end_line, silent)
        finally:
            for line, count in hidden.items():
                state.sCount[line] = count

    return blocks


# `###References`: Python-Markdown needs no space after the hashes (CommonMark does).
_TIGHT_HEADING = re.compile(r"(#{1,6})([^#\s].*?)(?:\s*#+)?\s*$")


def _flush_heading(heading: _BlockRule) -> _BlockRule:
    """markdown-it's ATX heading rule, but hashes indented one to three spaces
    into their container are text, as Python-Markdown reads them (`  ### Setup`
    is a paragraph). List items are left to markdown-it: their content column
    is not Python-Markdown's."""

    def rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if state.parentType != "list" and 0 < state.sCount[start_line] - state.blkIndent < 4:
            return False
        return heading(state, start_line, end_line, silent)

    return rule


def _tight_heading(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A heading written with no space after its hashes, as Python-Markdown's
    hash header reads it (`###References` is an `<h3>`)."""
    start = state.bMarks[start_line] + state.tShift[start_line]
    if state.src[start] != "#" or state.sCount[start_line] - state.blkIndent >= 4 \
            or state.sCount[start_line] % 4:
        # (Python-Markdown reads hashes at the start of a line of its container,
        # whose content it dedents by fours: `  #102)` in a list item is text)
        return False
    found = _TIGHT_HEADING.fullmatch(state.src[start : state.eMarks[start_line]])
    if found is None:
        return False
    if silent:
        return True
    state.line = start_line + 1
    markup, level = found.group(1), f"h{len(found.group(1))}"
    token = state.push("heading_open", level, 1)
    token.markup, token.map = markup, [start_line, state.line]
    token = state.push("inline", "", 0)
    token.content, token.map, token.children = found.group(2).strip(), [start_line, state.line], []
    token = state.push("heading_close", level, -1)
    token.markup = markup
    return True


def _admonition(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """mdit-py-plugins' admonition, with its body read as Python-Markdown reads it:
    the plugin ends the block at two blank lines in a row; Python-Markdown goes on
    while the next text is indented under the marker. Blank lines inside the body
    are shown to the plugin as indented for the call, then put back."""
    if state.src[state.bMarks[start_line] + state.tShift[start_line]] not in "!?":
        return False  # what the plugin's rule answers for any other line, without the call
    if silent:
        return admonition(state, start_line, end_line, silent)
    body = state.sCount[start_line] + 4
    blank: list[int] = []
    filled: dict[int, int] = {}
    for line in range(start_line + 1, end_line):
        if state.isEmpty(line):
            blank.append(line)
            continue
        if state.sCount[line] < body:
            break
        if len(blank) > 1:
            filled.update((number, state.sCount[number]) for number in blank)
        blank = []
    for number in filled:
        state.sCount[number] = body
    try:
        return admonition(state, start_line, end_line, silent)
    finally:
        for number, count in filled.items():
            state.sCount[number] = count


@cache
def build_parser(front_matter: bool = True, math: bool = False,
                 termless_definitions: bool = True) -> MarkdownIt:
    """The parser; without `front_matter`, a page's leading `---` block is read as
    Markdown (a thematic break and what follows it). With `math` (pymdownx.arithmatex
    and its kin), a `$$ ... $$` block is display math, not Markdown: its `=` and `-`
    lines are no heading underlines, its `+` lines no list. Without
    `termless_definitions` (a site without def_list), `:   text` after a block that
    is not a paragraph is a paragraph, as it renders there."""
    from mdit_py_plugins.admon import admon_plugin
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.deflist import deflist_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin
    from mdit_py_plugins.tasklists import tasklists_plugin

    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    if front_matter:
        parser.use(front_matter_plugin)
    parser = (
        parser
        .use(admon_plugin)
        .use(deflist_plugin)
        .use(footnote_plugin)
        .use(tasklists_plugin)
        .use(container_plugin, "blocks", marker="/", validate=_block_header)
    )
    parser.block.ruler.at("admonition", _admonition, {"alt": ["paragraph", "reference",
                                                              "blockquote", "list"]})
    # The plugin's rule is a closure it registers; the ruler is the only way to it.
    container = next(rule for rule in parser.block.ruler.__rules__
                     if rule.name == "container_blocks")
    parser.block.ruler.at("container_blocks", _blocks(container.fn),
                          {"alt": list(container.alt)})
    parser.block.ruler.at("fence", _superfence, {"alt": ["paragraph", "reference",
                                                        "blockquote", "list"]})
    interrupts = ["paragraph", "reference", "blockquote", "list"]
    lheading = next(rule for rule in parser.block.ruler.__rules__ if rule.name == "lheading")
    parser.block.ruler.at("lheading", _one_line_setext(lheading.fn), {"alt": list(lheading.alt)})
    html_block = next(rule for rule in parser.block.ruler.__rules__ if rule.name == "html_block")
    parser.block.ruler.at("html_block", _comments_closed(html_block.fn),
                          {"alt": list(html_block.alt)})
    parser.block.ruler.before("html_block", "md_in_html", _md_in_html, {"alt": interrupts})
    parser.block.ruler.before("html_block", "html_before_heading", _html_before_heading,
                              {"alt": interrupts})
    parser.block.ruler.before("html_before_heading", "raw_html", _raw_html, {"alt": interrupts})
    parser.block.ruler.before("paragraph", "tabbed", _tabbed, {"alt": interrupts})
    if termless_definitions:
        parser.block.ruler.before("paragraph", "termless_definition", _termless_definition)
    heading = next(rule for rule in parser.block.ruler.__rules__ if rule.name == "heading")
    parser.block.ruler.at("heading", _flush_heading(heading.fn), {"alt": list(heading.alt)})
    parser.block.ruler.after("heading", "tight_heading", _tight_heading, {"alt": interrupts})
    parser.block.ruler.before("blockquote", "lazy_quote", _lazy_quote)
    if math:
        from mdit_py_plugins.dollarmath import dollarmath_plugin

        # Blocks only, as arithmatex reads them (one block, no blank line inside);
        # inline `$...$` is left to the inline rules as before.
        parser.use(dollarmath_plugin, allow_labels=False, allow_blank_lines=False)
        parser.disable("math_inline")
    return parser
