"""What the online stage concludes about one URL (fragment removed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Outcome(StrEnum):
    OK = "ok"
    BROKEN = "broken"  # 4xx/5xx, DNS, TLS, timeout, reset, redirect loop, ...
    RATE_LIMITED = "rate-limited"  # still 429 after honouring Retry-After
    NOT_CHECKED = "not-checked"  # robots.txt, refused address, request or time budget


@dataclass(frozen=True, slots=True)
class Verdict:
    url: str
    outcome: Outcome
    detail: str = ""  # "HTTP 404 Not Found", "DNS lookup failed", ...
    status: int | None = None  # final HTTP status, when there was one
    final_url: str = ""  # after redirects
    # Set when every hop was a permanent redirect (301/308): the URL to write instead.
    permanent_to: str = ""
    # Fragments asked about and those the page does not define.
    anchors_checked: frozenset[str] = field(default_factory=frozenset)
    anchors_missing: frozenset[str] = field(default_factory=frozenset)
    checked_at: float = 0.0
    from_cache: bool = False

    @property
    def cacheable(self) -> bool:
        # Refusals and budget cut-offs depend on this run's config, not on the URL.
        return self.outcome is not Outcome.NOT_CHECKED or self.detail.startswith("robots.txt")
