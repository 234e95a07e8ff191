"""Heading ids as the site's renderer computes them.

`toc` is Python-Markdown's default slugify (MkDocs' default); `toc-unicode` is
its `slugify_unicode`; `pymdownx:<case>:<normalize>[:percent]` is
`pymdownx.slugs.slugify(case=..., normalize=..., percent_encode=...)`; `github`
is GitHub's anchor algorithm for plain repositories. `unique_id` reproduces
toc's `_1`, `_2` suffixes. Each function mirrors its source line by line, and
tests compare the toc ids with Python-Markdown's own over a whole site.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import partial
from urllib.parse import quote

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


_TAGS = re.compile(r"</?[^>]*>")
_ASCII_UPPER = re.compile(r"[A-Z]")


def _slugify_pymdownx(value: str, separator: str, case: str, normalize: str,
                      percent_encode: bool) -> str:
    slug = _TAGS.sub("", unicodedata.normalize(normalize, value)).strip()  # type: ignore[arg-type]
    if case == "lower":
        slug = slug.lower()
    elif case == "lower-ascii":
        slug = _ASCII_UPPER.sub(lambda match: match.group(0).lower(), slug)
    elif case == "fold":
        slug = slug.casefold()
    slug = _GITHUB_DROP.sub("", slug).replace(" ", separator)
    return quote(slug.encode("utf-8")) if percent_encode else slug


def pymdownx_style(case: str, normalize: str, percent_encode: bool) -> str:
    return f"pymdownx:{case}:{normalize}" + (":percent" if percent_encode else "")


def slugifier(style: str) -> Callable[[str, str], str]:
    """The slugify function of a style name (see the module docstring)."""
    if style.startswith("pymdownx:"):
        _, case, normalize, *flags = style.split(":")
        return partial(_slugify_pymdownx, case=case, normalize=normalize,
                       percent_encode="percent" in flags)
    return SLUGIFIERS[style]


SLUGIFIERS: dict[str, Callable[[str, str], str]] = {
    "toc": slugify_toc,
    "toc-unicode": slugify_toc_unicode,
    "github": slugify_github,
}


def unique_id(candidate: str, used: set[str], style: str = "toc",
              resume: dict[str, str] | None = None) -> str:
    """Reserve and return `candidate`, suffixed as the renderer would if taken.

    `resume` (kept by the caller beside `used`, which only grows) remembers
    where each candidate's walk ended: every id before it is still taken, so
    thousands of equal headings cost linear, not quadratic, time.
    """
    start = candidate
    if resume is not None and candidate in resume:
        candidate = resume[candidate]
    if style == "github":
        base, count = start, 0
        if candidate != start:
            count = int(candidate.rsplit("-", 1)[1])
        while candidate in used:
            count += 1
            candidate = f"{base}-{count}"
    else:
        while candidate in used or not candidate:
            match = _ID_COUNT.match(candidate)
            if match:
                candidate = f"{match.group(1)}_{int(match.group(2)) + 1}"
            else:
                candidate = f"{candidate}_1"
    used.add(candidate)
    if resume is not None:
        resume[start] = candidate
    return candidate
