"""Site rules' page summaries, cached apart from the page's result, read on demand.

Most of a cached page result is its summaries (anchors, links, signatures), and
a site rule needs them only when its findings must be computed again: nothing
changed, and they are never read. A cached result carries `StoredSummaries`
(which rules summarised the page); the engine swaps it for `LazySummaries`,
which reads the entry on first use.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checks.cache import ResultCache


@dataclass(frozen=True)
class StoredSummaries(Mapping[str, Any]):
    """In a cached page result: its summaries are the entry at `summary_key`.
    Which rules summarised the page is known; the summaries themselves are not."""

    codes: frozenset[str]

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __getitem__(self, code: str) -> Any:
        raise KeyError(f"{code}: summary not read from the cache (see LazySummaries)")

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.codes))

    def __len__(self) -> int:
        return len(self.codes)


def summary_key(result_key: str) -> str:
    return hashlib.sha256(f"summaries\0{result_key}".encode()).hexdigest()


class LazySummaries(Mapping[str, Any]):
    """Rule code -> summary, read from the cache at the first lookup. Should the
    entry be gone (a dropped unreadable row), `relint` computes them again."""

    def __init__(self, codes: frozenset[str], cache: ResultCache, key: str,
                 relint: Callable[[], Mapping[str, Any]]) -> None:
        self._codes = codes
        self._cache, self._key, self._relint = cache, key, relint
        self._loaded: Mapping[str, Any] | None = None

    def _summaries(self) -> Mapping[str, Any]:
        if self._loaded is None:
            found = self._cache.get_many([self._key], count=False).get(self._key)
            self._loaded = found if isinstance(found, dict) else self._relint()
        return self._loaded

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __getitem__(self, code: str) -> Any:
        if code not in self._codes:
            raise KeyError(code)
        return self._summaries()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._codes))

    def __len__(self) -> int:
        return len(self._codes)
