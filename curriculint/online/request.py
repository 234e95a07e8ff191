"""What the stage asks an engine to check, and the helpers engines share."""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass, field

from curriculint.online.verdict import Outcome, Verdict

PERMANENT = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class LinkRequest:
    url: str  # without fragment
    fragments: frozenset[str] = field(default_factory=frozenset)


def verdict(request: LinkRequest, outcome: Outcome, detail: str = "",
            **values: object) -> Verdict:
    return Verdict(request.url, outcome, detail, checked_at=time.time(),
                   **values)  # type: ignore[arg-type]


def retry_after_seconds(value: str | None, default: float = 1.0) -> float:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(0.0, when.timestamp() - time.time())
