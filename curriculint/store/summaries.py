"""Site rules' page summaries, cached apart from the page's result, read on demand.

Most of a cached page result is its summaries (anchors, links, signatures), and
a site rule needs them only when its findings must be computed again. So each
(page, rule) summary is a cache entry of its own; a cached page result carries
`StoredSummaries` (which rules summarised the page), which the engine swaps for
`LazySummaries`. With nothing changed no summary is read; with one page changed
a whole-site rule reads its own summaries in one query, and a per-page rule
(curriculint/run/site_pass.py) only those of the pages it checks again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from curriculint.store.results import ResultCache


def summary_key(result_key: str, code: str) -> str:
    return hashlib.sha256(f"summary\0{code}\0{result_key}".encode()).hexdigest()


@dataclass(frozen=True)
class StoredSummaries(Mapping[str, Any]):
    """In a cached page result: which rules summarised the page. Each summary is
    the entry at `summary_key(result key, code)`."""

    codes: frozenset[str]

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __getitem__(self, code: str) -> Any:
        raise KeyError(f"{code}: summary not read from the cache (see LazySummaries)")

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.codes))

    def __len__(self) -> int:
        return len(self.codes)


class LazySummaries(Mapping[str, Any]):
    """One page's rule code -> summary, each read from the cache when first looked
    up. Should an entry be gone (a dropped unreadable row), `relint` computes the
    page's summaries again."""

    def __init__(self, codes: frozenset[str], cache: ResultCache, key: str,
                 relint: Callable[[], Mapping[str, Any]]) -> None:
        self._codes = codes
        self._cache, self._key, self._relint = cache, key, relint
        self._read: dict[str, Any] = {}

    def unread(self, code: str) -> tuple[ResultCache, str] | None:
        """Where `code`'s summary is still to be read (cache, key), if anywhere."""
        if code not in self._codes or code in self._read:
            return None
        return self._cache, summary_key(self._key, code)

    def take(self, code: str, found: object, present: bool) -> None:
        """Keep what a query found for `code`; `present` False: the row is gone."""
        if present:
            self._read[code] = found
        else:
            self._read.update(self._relint())

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __getitem__(self, code: str) -> Any:
        where = self.unread(code)
        if where is not None:
            cache, key = where
            found = cache.get_many([key], count=False)
            self.take(code, found.get(key), key in found)
        if code not in self._codes:
            raise KeyError(code)
        return self._read[code]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._codes))

    def __len__(self) -> int:
        return len(self._codes)


class SiteSummaries(Mapping[str, Any]):
    """One rule's summaries over a site's pages (display -> summary), read as
    they are looked up; `read_all` reads the rest in one query per cache."""

    def __init__(self, code: str, pages: Mapping[str, Mapping[str, Any]]) -> None:
        self._code, self._pages = code, pages

    def read_all(self) -> dict[str, Any]:
        wanted: dict[int, tuple[ResultCache, dict[str, LazySummaries]]] = {}
        for page in self._pages.values():
            if not isinstance(page, LazySummaries):
                continue  # computed in this run
            where = page.unread(self._code)
            if where is not None:
                cache, key = where
                wanted.setdefault(id(cache), (cache, {}))[1][key] = page
        for cache, by_key in wanted.values():
            found = cache.get_many(by_key, count=False)
            for key, page in by_key.items():
                page.take(self._code, found.get(key), key in found)
        return {display: self[display] for display in self._pages}

    def __getitem__(self, display: str) -> Any:
        return self._pages[display][self._code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._pages)

    def __len__(self) -> int:
        return len(self._pages)
