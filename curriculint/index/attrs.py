"""Attribute lists (`{ #id .class key=value }`) read the way Python-Markdown's
attr_list extension reads them.

Python-Markdown's own scanner (`markdown.extensions.attr_list.get_attrs_and_remainder`)
is used when it can be imported (markdown comes with pymdown-extensions); it knows
every form the extension accepts: `#id`, `id="x"`, `id='9.7.0'`, `id=x`, with or
without the leading colon. A small scanner with the same rules stands in when
markdown is missing. markdown is imported on the first attribute list that
may set an id, not before: most pages have none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

# An attribute list as Python-Markdown's BASE_RE finds it: `{`, an optional `:`,
# spaces, then anything up to the closing brace on the same line.
ATTR_LIST = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*)\}")
# The same at the end of a heading, after a space as HEADER_RE wants it: the
# braces of `## GET /lists/{list_id}` are the heading's text.
HEADING_ATTR_LIST = re.compile(r"[ ]+\{:?[ ]*([^}\n ][^}\n]*)\}[ ]*$")

_FALLBACK_TOKEN = re.compile(
    r"""([^ =}]+)="(.*?)"|([^ =}]+)='(.*?)'|([^ =}]+)=([^ =}]+)|([^ =}]+)|( )""")

Attrs = list[tuple[str, str | None]]


def _fallback(text: str) -> Attrs:
    """The attr_list scanner's rules, for an install without markdown."""
    found: Attrs = []
    for match in _FALLBACK_TOKEN.finditer(text):
        if match.group(1) is not None:
            found.append((match.group(1), match.group(2)))
        elif match.group(3) is not None:
            found.append((match.group(3), match.group(4)))
        elif match.group(5) is not None:
            found.append((match.group(5), match.group(6)))
        elif match.group(7) is not None:
            word = match.group(7)
            if word.startswith("."):
                found.append((".", word[1:]))
            elif word.startswith("#"):
                found.append(("id", word[1:]))
            else:
                found.append((word, None))
    return found


@cache
def _scanner() -> Callable[[str], Attrs]:
    try:
        from markdown.extensions import attr_list
    except ImportError:  # pragma: no cover - markdown comes with pymdown-extensions
        return _fallback
    scan = getattr(attr_list, "get_attrs_and_remainder", None)
    if scan is not None:
        return lambda text: [tuple(pair) for pair in scan(text + "}")[0]]
    old = getattr(attr_list, "get_attrs", None)  # markdown < 3.6
    return old if old is not None else _fallback


def parse_attrs(inside: str) -> Attrs:
    """The (key, value) pairs of an attribute list's inside (no braces); `#x` is
    ('id', 'x'), `.c` is ('.', 'c')."""
    return _scanner()(inside.strip())


# Python-Markdown's backslash escapes (ESCAPED_CHARS); pymdownx.escapeall escapes
# any character.
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")
_ESCAPED_ANY = re.compile(r"\\(\S)")


def attr_id(inside: str, escape_all: bool = False) -> str | None:
    """The id an attribute list sets (the last one written wins, as in
    Python-Markdown), its backslash escapes undone as the page's escapes are
    (`#a\\-b` is `a-b`; `#to-\\7.0` is `to-7.0` only with escapeall)."""
    if "#" not in inside and "id=" not in inside:
        # Only `#x` and `id=x` set an id (a bare `id` has no value): most lists
        # carry classes alone, `{ .lg .middle }`, and need no markdown import.
        return None
    found = None
    for key, value in parse_attrs(inside):
        if key == "id" and value:
            found = value
    if found and "\\" in found:
        found = (_ESCAPED_ANY if escape_all else _ESCAPED).sub(r"\1", found)
    return found


def ids_in(text: str, escape_all: bool = False) -> list[str]:
    """The ids set by every attribute list in `text`."""
    if "{" not in text:
        return []
    found = []
    for match in ATTR_LIST.finditer(text):
        anchor = attr_id(match.group(1), escape_all)
        if anchor:
            found.append(anchor)
    return found


def fence_id(info: str, escape_all: bool = False) -> str | None:
    """The id of a fenced block whose info string is an attribute list
    (superfences: ```` ``` { .sh #example } ````)."""
    info = info.strip()
    if not (info.startswith("{") and info.endswith("}")):
        return None
    return attr_id(info[1:-1].lstrip(":"), escape_all)
