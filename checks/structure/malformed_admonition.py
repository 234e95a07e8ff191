"""An admonition or collapsible block line that Python-Markdown will not parse:
`!! note`, `! Title"`, `!!!+ tip`, `!!! note "unterminated`, a title in curly
quotes or followed by a colon, a title without quotes (`!!! tip Keep it short`:
Python-Markdown takes its words as CSS class names), a title in doubled
quotes (`!!! tip ""Care"` shows `"Care`), a body that is not indented by four
spaces (right under the line, or after a blank line by one to three), a bare
`!!! note` with the text flush under it, or a titled one with a table or a list
flush under it (an empty box; a titled box over a flush paragraph may be meant). A
marker with a dash glued on (`???- tip`, as if `-` closed a block the way `+`
opens it) is read as `???` and a CSS class named "-": the block renders, and
the safe fix drops the dash. It is reported only on a page that writes other
markers without it (a slip); a page that writes every marker so has a habit.
A plugin's tag closed on its line (`!!swagger api.json!!`) is no admonition,
nor is markdown-callouts' collapsible block in a quote (`>? NOTE: text`).

Why: MkDocs renders such a line as a plain paragraph (with the `!!!` and
quotes showing) and the intended body as ordinary text or code. Python-Markdown
accepts `!!! type`, `??? type` and `???+ type`, optional extra classes such as
`inline end`, and an optional title in straight double quotes (`""` included);
pymdownx.details also takes a title alone (`??? "Answer"`). A content tab
(`=== "Title"`) whose body is indented by fewer than four spaces shows empty,
its text below it; one whose title is not in double quotes (`=== Linux`,
`=== 'Linux'`) is no tab at all, its marker text and its body code (the safe
fix quotes the title).

Bad:
```markdown
!! warning "Leases expire"
    A holder that outlives its lease must stop writing.
```

Good:
```markdown
!!! warning "Leases expire"
    A holder that outlives its lease must stop writing.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity, Span
from curriculint.model import Edit, Fix

CODE = "ST004"
NAME = "malformed-admonition"
SEVERITY = Severity.ERROR

# Python-Markdown's admonition and pymdownx.details block starts (details takes
# a title without a type too: `??? "Answer"`).
_VALID = re.compile(r'^(?:(?:!!!|\?\?\?\+?) ?[\w\-]+(?: +[\w\-]+)*(?: +"(?:.*?)")?'
                    r'|\?\?\?\+? +"(?:.*?)") *$')
# Something meant as one: a run of ! or ? (maybe with + or -), then a word or a quote.
_MEANT = re.compile(
    r'^(?P<marks>!{1,5}|\?{1,5})(?P<sign>[+-]?)(?P<gap>\s*)(?P<rest>[\w"“”\'‘’].*)$')
# A plugin's tag, closed on its line by the marks that open it (`!!swagger api.json!!`,
# mkdocs-render-swagger-plugin): no admonition meant.
_PLUGIN_TAG = re.compile(r"(!{2,3}|\?{2,3})\w[^!?]*\1")
_TYPES = frozenset({
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important",
    "success", "check", "done", "question", "help", "faq", "warning", "caution", "attention",
    "failure", "fail", "missing", "danger", "error", "bug", "example", "quote", "cite",
    "seealso",
})
_QUOTES = "\"“”"
# markdown-callouts' collapsible block in a quote: `>? NOTE: text` (closed),
# `>! NOTE: text` (open).
_CALLOUT = re.compile(r"[!?] ?[A-Z]{2,}:(?:\s|$)")


def _problem(marker_line: str, body: str | None) -> str | None:
    """Why a line that starts with admonition markers is not one, or None."""
    text = marker_line.strip()
    meant = _MEANT.match(text)
    if meant is None or _PLUGIN_TAG.fullmatch(text):
        return None
    marks, sign, gap, rest = meant["marks"], meant["sign"], meant["gap"], meant["rest"]
    if _VALID.match(text):
        # (`???-` and `!!!-` parse, with a class named "-": `_dash_marker`)
        if re.search(r' ""[^"\s]|[^"\s]""\s*$', text):
            return ("the title's quotes are doubled, so MkDocs shows a stray quote in it; "
                    "write one pair")
        return _sentence_as_classes(rest)
    first_word = re.split(r"[\s\"“”:]", rest, maxsplit=1)[0].lower()
    quoted = any(quote in rest for quote in _QUOTES)
    indented_body = body is not None and body.startswith("    ") and bool(body.strip())
    if len(marks) == 2 and not (quoted or first_word in _TYPES or indented_body):
        return None  # `!! do not drill here`: marks of emphasis starting prose
    if len(marks) < 2 and not (quoted or (first_word in _TYPES and indented_body)):
        return None  # a lone `!` or `?` starting ordinary prose
    if len(marks) != 3:
        return f"'{marks}' is not an admonition marker; use '!!!' (or '???' / '???+')"
    if sign == "-" or (sign == "+" and marks.startswith("!")):
        return f"'{marks}{sign}' is not a marker; use '???' (closed) or '???+' (open)"
    if len(gap) > 1:
        return "more than one space after the marker"
    if rest.startswith(('"', "“")):
        return "the block type is missing before the title (e.g. '!!! note \"Title\"')"
    if any(quote in rest for quote in "“”‘’"):
        return "the title is in curly quotes; use straight double quotes"
    title_at = rest.find('"')
    if title_at < 0:
        return "the title is not in double quotes" if not re.fullmatch(
            r"[\w\-]+(?: +[\w\-]+)*\s*", rest) else "unexpected characters after the type"
    if rest.count('"') == 1:
        if re.match(r"[\w\-]+(?: +[\w\-]+)* +\"", rest):
            return "the title's closing double quote is missing"
        return "the title's opening double quote is missing"
    if not rest.rstrip().endswith('"'):
        return "text after the closing quote of the title"
    return "the type or classes contain characters Python-Markdown does not accept"


# Words that join others in a phrase, in the languages docs are often written in:
# no CSS class is named so.
_JOINING_WORDS = frozenset({
    "and", "or", "of", "the", "to", "in", "for", "with", "on", "at", "by", "a", "an", "y", "o",
    "e", "u", "de", "del", "la", "el", "los", "las", "en", "con", "para", "et", "ou", "le",
    "les", "des", "du", "au", "aux", "und", "oder", "der", "die", "das", "mit", "von", "zu",
    "im", "il", "di", "per", "da", "della", "che", "i", "na", "w", "z", "ze", "do"
})


def _sentence_as_classes(rest: str) -> str | None:
    """`!!! tip These settings apply to every page`: a title without quotes, which
    Python-Markdown takes as CSS class names (the box shows "Tip" and no words
    of it). Classes are a word or two in lower case (`inline end`); a capital
    word, four words and more, or words that join words (`images and
    containers`, `imagenes y contenedores`) are a title."""
    words = rest.split('"', 1)[0].split()[1:]
    if len(words) >= 4 or (words and words[0][:1].isupper()) or (
            len(words) >= 2 and any(word in _JOINING_WORDS for word in words)):
        return (f"the title is not in double quotes: Python-Markdown takes "
                f"'{' '.join(words)}' as CSS class names and shows none of it")
    return None


# `???- tip`, `!!!- note`: a marker with a dash glued on.
_DASH = re.compile(r"^(?P<indent>\s*)(?P<marks>!!!|\?\?\?)-(?=[\w\- ])")


def _dash_marker(text: str, line: int) -> Finding | None:
    """`???-` (as if `-` closed the block the way `+` opens it): Python-Markdown
    reads `???` and a CSS class named "-", so the block renders closed as it
    would anyway. Reported with a safe fix that drops the dash: the class
    means nothing."""
    dash = _DASH.match(text)
    if dash is None or not _VALID.match(text.strip()):
        return None
    marks = dash["marks"]
    at = len(dash["indent"]) + len(marks) + 1
    meant = "'???' (closed) or '???+' (open)" if marks == "???" else "'!!!'"
    return Finding(CODE, _span(text, line),
                   f"malformed admonition: '{marks}-' is read as '{marks}' and a CSS class "
                   f"named '-'; write {meant}",
                   Fix((Edit(Span.of(line, at, 1), ""),), f"drop the '-' after '{marks}'"))


def _unindented_body(doc: Document, line: int) -> str | None:
    """The lines right under the block line are meant as its body but are not
    indented by four spaces. A flush-left paragraph alone is left alone: a
    title-only block followed by text is valid and may be meant."""
    base = _indent(doc.line_text(line))
    if line < len(doc.lines) and not doc.line_text(line + 1).strip():
        # A blank line, then text indented by one to three spaces: not the block's
        # (which stays empty), though meant as it. Flush text is a paragraph after
        # a title-only block.
        after = next((doc.line_text(number) for number in range(line + 2, len(doc.lines) + 1)
                      if doc.line_text(number).strip()), "")
        if after and 0 < _indent(after) - base < 4:
            return ("the body is not indented by four spaces, so the block is empty and its "
                    "text shows below it")
        return None
    following = []
    for number in range(line + 1, len(doc.lines) + 1):
        text = doc.line_text(number)
        if not text.strip():
            break
        depth = _indent(text) - base
        if depth <= 0 and text.lstrip().startswith(("!!!", "???")):
            break  # a block of its own: this one has a title and no body (`!!! tip`)
        following.append(depth)
    if not following or following[0] >= 4:
        return None
    if following[0] == 0 and '"' not in doc.line_text(line):
        # No title and no body: an empty box with the type's name, the text under it
        # outside it (a title-only block is a choice; a bare one is not).
        return "the text under it is not indented by four spaces, so the block is empty"
    if following[0] == 0 and (shown := _flush_body(doc.line_text(line + 1))):
        # A titled box right over a table or a list: no title-only box is meant.
        return (f"the {shown} under it is not indented by four spaces, so the box is empty "
                f"and the {shown} shows below it")
    if any(0 < depth < 4 for depth in following) or any(depth >= 4 for depth in following):
        return "the body is not indented by four spaces, so it is not part of the block"
    return None


def _flush_body(text: str) -> str:
    """What a line right under a block line starts, if not a paragraph: "table",
    "list" (a paragraph there may be a title-only box's next line)."""
    text = text.strip()
    if text.startswith("|"):
        return "table"
    return "list" if re.match(r"(?:[-*+]|\d{1,9}[.)])\s", text) else ""


def _empty_tabs(doc: Document) -> Iterator[Finding]:
    """A content tab (`=== "Title"`) whose body is indented by fewer than four
    spaces (flush too): pymdownx.tabbed takes only a four-space body, so the tab
    shows empty and the text below it. A flush line is left alone after a set of
    empty tabs (another tab marker right above or below: written so on purpose)
    and where it is a template's (`{{ table }}`: what a macro writes there)."""
    for block in doc.index.blocks:
        if block.kind != "tab":
            continue
        text = doc.line_text(block.start_line)
        if not text.lstrip().startswith("==="):
            continue  # a `/// tab` block: its body rule is pymdownx.blocks'
        base = _indent(text)
        for number in range(block.start_line + 1, min(len(doc.lines), block.start_line + 3) + 1):
            following = doc.line_text(number)
            if not following.strip():
                continue
            flush = _indent(following) <= base
            if _indent(following) - base < 4 and not (flush and (
                    following.lstrip().startswith(("===", "{{", "{%"))
                    or _tab_above(doc, block.start_line, base))):
                start = base + 1
                yield Finding(CODE, Span.of(block.start_line, start, len(text.strip())),
                              "malformed content tab: the body is not indented by four "
                              "spaces, so the tab shows empty and its text below it")
            break


def _tab_above(doc: Document, line: int, base: int) -> bool:
    """The nearest line above with text is a tab marker at the same indent: a set
    of empty tabs, written so on purpose (a demo of tab links)."""
    for number in range(line - 1, 0, -1):
        text = doc.line_text(number)
        if text.strip():
            return _indent(text) == base and text.lstrip().startswith("===")
    return False


# `=== note`, `=== 'Note'`, `=== “Note”`: a tab marker whose title is not in
# straight double quotes, which pymdownx.tabbed requires.
_TAB_MEANT = re.compile(
    r"""(?P<indent>[ \t]*)(?P<marker>===[+!]{0,2})[ \t]+(?P<title>[^"\s].*?)\s*""")
_TAB_QUOTES = "'‘’“”"


def _unquoted_tabs(doc: Document) -> Iterator[Finding]:
    """A tab marker with its title out of double quotes, over an indented body:
    pymdownx.tabbed reads no tab, so MkDocs shows the marker as text and the
    body as code. The safe fix puts the title in double quotes."""
    for block in doc.index.blocks:
        if block.kind != "paragraph":
            continue
        text = doc.line_text(block.start_line)
        meant = _TAB_MEANT.fullmatch(text)
        if meant is None or '"' in meant["title"]:
            continue
        base = _indent(text)
        body = next((doc.line_text(number) for number in
                     range(block.start_line + 1, min(len(doc.lines), block.start_line + 2) + 1)
                     if doc.line_text(number).strip()), "")
        if not body or _indent(body) - base < 4:
            continue  # no body under it: prose that happens to open with `===`
        title = meant["title"]
        if len(title) >= 2 and title[0] in _TAB_QUOTES and title[-1] in _TAB_QUOTES:
            title = title[1:-1]
        start = meant.start("title")
        yield Finding(CODE, Span.of(block.start_line, len(meant["indent"]) + 1,
                                    meant.end("title") - len(meant["indent"])),
                      "malformed content tab: pymdownx.tabbed needs the title in double "
                      f"quotes (=== \"{title}\"), so MkDocs shows this line as text and the "
                      "tab's body as code",
                      Fix((Edit(Span.of(block.start_line, start + 1,
                                        meant.end("title") - start), f'"{title}"'),),
                          "put the tab's title in double quotes"))


def _indent(text: str) -> int:
    expanded = text.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


def check(doc: Document) -> Iterator[Finding]:
    if "===" in doc.text:
        yield from _empty_tabs(doc)
        yield from _unquoted_tabs(doc)
    reported: set[int] = set()
    # The markers (`???`, `!!!`) the page writes with a dash every time: its habit.
    written: dict[str, set[bool]] = {}
    for admonition in doc.index.admonitions:
        text = doc.line_text(admonition.line).lstrip()
        written.setdefault(text[:3], set()).add(_DASH.match(text) is not None)
    habits = {marks for marks, dashed in written.items() if dashed == {True}}
    for admonition in doc.index.admonitions:
        line = admonition.line
        text = doc.line_text(line)
        body = doc.line_text(line + 1) if line < len(doc.lines) else None
        problem = _problem(text, body) or _unindented_body(doc, line)
        if problem:
            reported.add(line)
            yield Finding(CODE, _span(text, line), f"malformed admonition: {problem}")
        elif text.lstrip()[:3] not in habits and (dashed := _dash_marker(text, line)) is not None:
            reported.add(line)
            yield dashed
    for run in doc.index.text_runs:
        if run.context != "paragraph" or run.line in reported:
            continue
        text = doc.line_text(run.line)
        if text[: run.column - 1].strip() not in ("", ">", "-", "*", "+") and not \
                re.fullmatch(r"[\s>*+\-\d.]*", text[: run.column - 1]):
            continue
        content = text[run.column - 1:]
        if not content.lstrip().startswith(("!", "?")):
            continue
        if text[: run.column - 1].strip() == ">" and _CALLOUT.match(content):
            continue
        body = doc.line_text(run.line + 1) if run.line < len(doc.lines) else None
        problem = _problem(content, body)
        if problem:
            reported.add(run.line)
            yield Finding(CODE, _span(text, run.line), f"malformed admonition: {problem}")


def _span(text: str, line: int) -> Span:
    start = len(text) - len(text.lstrip()) + 1
    return Span(line, start, line, len(text.rstrip()) + 1)
