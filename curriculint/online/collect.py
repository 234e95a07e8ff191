"""External URLs of one page, with where each is written: the stage's input."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from curriculint.load.document import Document
from curriculint.model import Span

# Reference links repeat their definition's URL; the definition is where it is written.
_KINDS = ("inline", "image", "autolink", "definition", "html")


@dataclass(frozen=True, slots=True)
class UrlUse:
    url: str  # as written
    span: Span


def is_external(target: str) -> bool:
    try:
        parts = urlsplit(target.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def split_fragment(url: str) -> tuple[str, str]:
    """(URL without fragment, fragment); the fragment is checked against the page."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, "")), parts.fragment


def external_uses(doc: Document) -> tuple[UrlUse, ...]:
    """Every external http(s) URL in links, images, definitions and HTML attributes."""
    return tuple(UrlUse(link.target.strip(), link.span) for link in doc.index.links
                 if link.kind in _KINDS and is_external(link.target))
