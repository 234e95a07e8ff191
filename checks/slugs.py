"""Heading ids as the site's renderer computes them.

`toc` is Python-Markdown's default slugify (MkDocs' default); `toc-unicode` is
its `slugify_unicode`; `github` is GitHub's anchor algorithm for plain
repositories. `unique_id` reproduces toc's `_1`, `_2` suffixes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

_NOT_WORD = re.compile(r"[^\w\s-]")
_SEPARATORS = re.compile(r"[-\s]+")
_GITHUB_DROP = re.compile(r"[^\w\- ]")
_ID_COUNT = re.compile(r"^(.*)_([0-9]+)$")


def slugify_toc(value: str, separator: str = "-") -> str:
    value = unicodedata.normalize("NFKD", value)
    value = value.encode("ascii", "ignore").decode("ascii")
    value = _NOT_WORD.sub("", value).strip().lower()
    return _SEPARATORS.sub(separator, value)


def slugify_toc_unicode(value: str, separator: str = "-") -> str:
    value = _NOT_WORD.sub("", value).strip().lower()
    return _SEPARATORS.sub(separator, value)


def slugify_github(value: str, separator: str = "-") -> str:
    # GitHub keeps every hyphen and turns each space into one: "a & b" -> "a--b".
    value = _GITHUB_DROP.sub("", value.lower())
    return value.replace(" ", separator)


SLUGIFIERS: dict[str, Callable[[str, str], str]] = {
    "toc": slugify_toc,
    "toc-unicode": slugify_toc_unicode,
    "github": slugify_github,
}


def unique_id(candidate: str, used: set[str], style: str = "toc") -> str:
    """Reserve and return `candidate`, suffixed as the renderer would if taken."""
    if style == "github":
        base, count = candidate, 0
        while candidate in used:
            count += 1
            candidate = f"{base}-{count}"
        used.add(candidate)
        return candidate
    while candidate in used or not candidate:
        match = _ID_COUNT.match(candidate)
        if match:
            candidate = f"{match.group(1)}_{int(match.group(2)) + 1}"
        else:
            candidate = f"{candidate}_1"
    used.add(candidate)
    return candidate
