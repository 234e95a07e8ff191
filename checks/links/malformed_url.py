"""An http(s) URL is malformed: a misspelt or doubled scheme, a wrong separator, a bad host.

Checked wherever a URL is written: inline links and images, reference
definitions, autolinks, raw `<a href>`/`<img src>`, and URLs typed in prose.
Also a link whose target did not parse (a space in a web address, or an
unbalanced parenthesis, so the page shows the Markdown source instead of a
link; a local path with spaces Python-Markdown links, and LNK002 checks), a target
that is words (`[Source](Miller & Chen 2019)`: MkDocs links to the words as
an address on the site), a `www.`
target without a scheme, and an empty target (but `[](){#id}`, an mkdocs-autorefs
anchor: an empty link that only sets an id). When every problem has exactly
one repair, the message gives the corrected URL and `--fix` applies it.

Why: a malformed URL is a dead end that no link checker reaches: browsers treat
`http:/x` or `htps://x` as a relative path on the course site.

Bad:
```markdown
Read [Game Programming Patterns](http:/gameprogrammingpatterns.com/).
```

Good:
```markdown
Read [Game Programming Patterns](http://gameprogrammingpatterns.com/).
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from curriculint.checks.links.url_syntax import diagnose, looks_like_url
from curriculint.index.attrs import ATTR_LIST, attr_id
from curriculint.index.records import Link
from curriculint.load.document import Document, Finding, Severity
from curriculint.model import Edit, Fix

CODE = "LNK001"
NAME = "malformed-url"
SEVERITY = Severity.ERROR

# Words with spaces between, a letter first: a citation or a note typed as a target.
_WORDS_AS_TARGET = re.compile(r"[^\W\d_][\w&.,'’-]*(?: [\w&.,'’-]+)+")
_FILE_NAME = re.compile(r"\.\w{1,5}$")
# Reference uses resolve to their definition, which is checked once, where it is written.
_WRITTEN_KINDS = ("inline", "image", "autolink", "definition", "html")


def _continued(doc: Document, link: Link) -> str | None:
    """The words an unclosed target runs on to, when the paragraph's next line
    closes it: Python-Markdown reads on across the line break (`notes)`)."""
    following = doc.line_text(link.span.line + 1)
    close = following.find(")")
    if not following.strip() or close < 0 or "(" in following[:close]:
        return None
    return following[:close].strip() or None


def _unparsed(link: Link, doc: Document) -> Finding | None:
    target = link.target.strip()
    first = target.split()[0] if target.split() else ""
    meant_as_link = looks_like_url(first) or first.endswith((".md", "/")) or "/" in first
    if not meant_as_link:
        if link.label != "unclosed" and _WORDS_AS_TARGET.fullmatch(target) and \
                not _FILE_NAME.search(target) and re.search(r"[^\W\d_]{4}", target):
            # `[Source](Miller & Chen 2019)`: Python-Markdown links to the words as
            # a relative address (markdown-it would show the text)
            return Finding(CODE, link.span, f"link target '{target}' is words, not a URL or a "
                           "page: MkDocs links to it as an address on the site, which leads "
                           "nowhere")
        return None
    if link.label == "unclosed":
        rest = None if "(" in target else _continued(doc, link)
        if rest is not None:
            return Finding(CODE, link.span, f"link target '{target}' runs on to the next "
                           f"line, up to its ')': MkDocs links to '{target}{rest}' (browsers "
                           "drop the line break), CommonMark (GitHub, editors) shows plain "
                           "text; keep the target on one line")
        reason = ("has an unbalanced '(' (encode it as %28)" if "(" in target
                  else "is not closed with ')'")
        return Finding(CODE, link.span, f"link target '{target}' {reason}: the link renders "
                       "as plain text")
    if not any(char.isspace() for char in target):
        return None
    if not looks_like_url(first):
        return None  # a path with spaces: Python-Markdown links it (LNK002 checks it)
    problem = diagnose(target)
    if problem is not None:
        message = (f"malformed URL '{target}': {problem.message}; CommonMark (GitHub, "
                   "editors) shows it as text")
        corrected = problem.corrected
    else:
        message = (f"link target '{target}' contains spaces: CommonMark (GitHub, editors) "
                   "shows the link as text")
        corrected = "%20".join(target.split(" "))
    fix = None
    if corrected and link.span.line == link.span.end_line:
        message += f"; use '{corrected}'"
        fix = Fix((Edit(link.span, corrected),), f"write '{corrected}'", safe=True)
    return Finding(CODE, link.span, message, fix)


def _anchor(doc: Document, link: Link) -> bool:
    """`[](){#id}` (or `[](){ #id }`): an empty link whose attribute list gives it
    an id. mkdocs-autorefs documents it as a Markdown anchor, and with attr_list
    it renders as one: it is a link target, not a link."""
    if link.kind != "inline" or link.span.line != link.span.end_line:
        return False
    line = doc.line_text(link.span.line)
    start = link.span.column - 1
    if not line[:start].endswith("[]("):
        return False
    rest = line[start:].lstrip()
    if not rest.startswith(")"):
        return False
    attrs = ATTR_LIST.match(rest[1:])
    return attrs is not None and attr_id(attrs.group(1)) is not None


# A Markdown escape: a backslash before ASCII punctuation shows the character alone.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


_SCHEME_ONLY = re.compile(r"[A-Za-z][\w+.-]*:/{0,3}")


def _written(doc: Document, link: Link) -> Finding | None:
    if not link.target.strip():
        if link.kind in ("inline", "image", "html") and not _anchor(doc, link):
            return Finding(CODE, link.span, "empty link target")
        return None
    if link.kind == "bare" and _SCHEME_ONLY.fullmatch(link.target):
        return None  # "leave out http:// in front": the scheme named in prose, no URL
    if link.kind == "bare" and "\\" in link.target and \
            diagnose(_ESCAPE.sub(r"\1", link.target), in_link=False) is None:
        return None  # `new\_storage`: typed in prose, it reads `new_storage`
    problem = diagnose(link.target, in_link=link.kind != "bare", attribute=link.kind == "html")
    if problem is None:
        return None
    message = f"malformed URL '{_as_written(doc, link)}': {problem.message}"
    fix = None
    if problem.corrected:
        message += f"; did you mean '{problem.corrected}'?"
        if link.span.line == link.span.end_line:
            fix = Fix((Edit(link.span, problem.corrected),), f"write '{problem.corrected}'",
                      safe=problem.safe)
    return Finding(CODE, link.span, message, fix)


def _as_written(doc: Document, link: Link) -> str:
    """The target as the page writes it (`http:\\\\x` is `http:\\x` to the renderer)."""
    span = link.span
    if span.line != span.end_line:
        return link.target
    return doc.line_text(span.line)[span.column - 1 : span.end_column - 1] or link.target


def _quoted(doc: Document, link: Link) -> bool:
    """A quoted URL in prose is almost always a shell or code line that the
    Markdown parser took for text (an unclosed fence); it is not a link."""
    before = doc.line_text(link.span.line)[: link.span.column - 1]
    return before.endswith(("\"", "'"))


def check(doc: Document) -> Iterator[Finding]:
    seen: set[tuple[int, int]] = set()
    unparsed = [link for link in doc.index.bare_urls if link.kind == "unparsed"]
    for link in unparsed:
        finding = _unparsed(link, doc)
        if finding is not None:
            seen.add((link.span.line, link.span.column))
            yield finding
    written = [link for link in doc.index.links if link.kind in _WRITTEN_KINDS]
    bare = [link for link in doc.index.bare_urls if link.kind == "bare"]
    for link in [*written, *bare]:
        where = (link.span.line, link.span.column)
        if where in seen or (link.kind == "bare" and _quoted(doc, link)):
            continue
        finding = _written(doc, link)
        if finding is not None:
            seen.add(where)
            yield finding
