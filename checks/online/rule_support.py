"""What every LNK1xx rule module shares: options and the per-page summary."""

from __future__ import annotations

from checks.document import Document
from checks.online.collect import UrlUse, external_uses
from checks.online.options import OnlineOptions

__all__ = ["OnlineOptions", "summarize"]


def summarize(doc: Document) -> tuple[UrlUse, ...]:
    """The page's external URL uses; the online stage checks each URL once."""
    return external_uses(doc)
