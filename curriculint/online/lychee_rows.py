"""lychee's JSON report turned into verdicts with the httpx engine's meanings.

Rows are matched to what we asked by their line in the input file (`span.line`),
never by URL: lychee normalises URLs (percent-encoding, host case, `/` path).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from curriculint.online.anchors import fragment_present
from curriculint.online.collect import split_fragment
from curriculint.online.guard import Policy, check_host_sync
from curriculint.online.request import PERMANENT, REDIRECTS, LinkRequest, verdict
from curriculint.online.verdict import Outcome, Verdict

# Maps of the report that hold one row per checked link (the others are keyed
# by origin or are suggestions).
_NOT_ROWS = frozenset({"suggestion_map", "redirect_map"})
_REJECTED = "Rejected status code: "


@dataclass(frozen=True, slots=True)
class Row:
    kind: str  # "success", "error", "timeout", "excluded", ...
    code: int | None
    text: str
    hops: tuple[tuple[str, int], ...]  # (url, status) of each redirect followed

    @property
    def fragment_missing(self) -> bool:
        return self.kind == "error" and self.code is None and "fragment" in self.text.lower()


def rows_by_line(report: dict[str, Any]) -> dict[int, Row]:
    found: dict[int, Row] = {}
    for name, inputs in report.items():
        if not name.endswith("_map") or name in _NOT_ROWS or not isinstance(inputs, dict):
            continue
        for entries in inputs.values():
            for entry in entries:
                line = (entry.get("span") or {}).get("line")
                if not isinstance(line, int):
                    continue
                status = entry.get("status") or {}
                hops = ((entry.get("redirects") or {}).get("redirects")) or []
                found[line] = Row(name.removesuffix("_map"), status.get("code"),
                                  str(status.get("details") or status.get("text") or ""),
                                  tuple((str(hop["url"]), int(hop["code"])) for hop in hops))
    return found


def _refused_hop(row: Row, policy: Policy) -> str:
    """Why a redirect hop lychee followed was to an address the policy refuses, or ""."""
    for hop_url, _ in row.hops:
        parts = urlsplit(hop_url)
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            continue
        reason = check_host_sync(policy, parts.hostname or "", port)
        if reason:
            return f"refused: redirected to {hop_url}: {reason}"
    return ""


def _unfollowed(request: LinkRequest, row: Row, max_redirects: int) -> str:
    seen = {request.url}
    for hop_url, _ in row.hops:
        if hop_url in seen:
            return f"redirect loop at {hop_url}"
        seen.add(hop_url)
    if len(row.hops) >= max_redirects:
        return f"more than {max_redirects} redirects"
    # What is left is a Location lychee would not follow: not an http(s) URL.
    return f"HTTP {row.text.removeprefix(_REJECTED)}: redirect to a non-http(s) URL not followed"


def classify(request: LinkRequest, row: Row, fragments: dict[str, Row | None], policy: Policy,
             timeout: int, max_redirects: int) -> Verdict:
    """The verdict on `request` from the row of its bare URL and the rows of its
    fragments (None where a fragment was not handed to lychee)."""
    refused = _refused_hop(row, policy)
    if refused:
        return verdict(request, Outcome.NOT_CHECKED, refused)
    final_url = split_fragment(row.hops[-1][0])[0] if row.hops else request.url
    if row.kind == "timeout":
        return verdict(request, Outcome.BROKEN, f"no response within {timeout} s")
    reason = row.text.removeprefix(_REJECTED)
    if row.code == 429:
        return verdict(request, Outcome.RATE_LIMITED,
                       "HTTP 429 Too Many Requests (Retry-After: not reported by lychee)",
                       status=429, final_url=final_url)
    if row.kind != "success":
        if row.code is None:
            return verdict(request, Outcome.BROKEN, reason or "lychee reported an error")
        if row.code in REDIRECTS:  # lychee stopped following: say why, as httpx does
            return verdict(request, Outcome.BROKEN, _unfollowed(request, row, max_redirects),
                           status=row.code)
        return verdict(request, Outcome.BROKEN, f"HTTP {reason}", status=row.code,
                       final_url=final_url)
    permanent = final_url if row.hops and all(code in PERMANENT for _, code in row.hops) else ""
    checked: set[str] = set()
    missing: set[str] = set()
    for fragment in request.fragments:
        found = fragments.get(fragment)
        if fragment_present(fragment, set()):  # "" and "top" land anywhere
            checked.add(fragment)
        elif found is not None and (found.kind == "success" or found.fragment_missing):
            checked.add(fragment)
            if found.fragment_missing:
                missing.add(fragment)
    return verdict(request, Outcome.OK, f"HTTP {reason}", status=row.code, final_url=final_url,
                   permanent_to=permanent, anchors_checked=frozenset(checked),
                   anchors_missing=frozenset(missing))
