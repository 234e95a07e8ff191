"""What every LNK1xx rule module shares: options and the per-page summary."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from curriculint.load.document import Document
from curriculint.online.collect import UrlUse, external_uses
from curriculint.online.options import OnlineOptions
from curriculint.online.verdict import Outcome, Verdict

__all__ = ["OnlineOptions", "summarize", "uses_with"]


def summarize(doc: Document) -> tuple[UrlUse, ...]:
    """The page's external URL uses; the online stage checks each URL once."""
    return external_uses(doc)


def uses_with(outcome: Outcome, site: Any, summaries: Mapping[str, Sequence[UrlUse]],
              options: OnlineOptions) -> Iterator[tuple[str, UrlUse, Verdict]]:
    """(page, use, verdict) for every use of a URL whose verdict is `outcome`."""
    # The network stage (HTTP client, link cache, guard) loads only for --online runs.
    from curriculint.online.stage import verdict_uses

    for display, use, _, verdict in verdict_uses(site, summaries, options):
        if verdict.outcome is outcome:
            yield display, use, verdict
