"""A frontmatter key the schema does not know, usually a misspelling.

A collection with `extra = "forbid"` accepts only its schema's keys. Elsewhere
any key may appear, but one that is a near miss of a key the schema knows
(`descripton`), or of the spelling most other pages of the same collection use
(`last-updated` where they write `last_updated`), is reported with the key it
probably meant; not a key the site writes on page after page where no page
writes the known one (`update:`, a plugin's own key), nor one written beside
the key it resembles on page after page (`descripcion:` under `description:`,
a template's own).

Why: a misspelt key is silently ignored, so the value it carries never shows.

Bad:
```markdown
---
title: Caching
descripton: When and how to cache.
---
```

Good:
```markdown
---
title: Caching
description: When and how to cache.
---
```
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator, Mapping
from functools import cache
from typing import NamedTuple

from curriculint.load.document import Document, Finding, Severity, Span
from curriculint.load.site import Site
from curriculint.model import RuleKind

CODE = "FM004"
NAME = "unknown-key"
SEVERITY = Severity.WARNING
KIND = RuleKind.SITE

# A spelling other pages use counts as the intended one when it is this close
# and at least this many pages, and this many times as many, write it.
_PEER_RATIO = 0.85
_PEER_PAGES = 3
_PEER_MAJORITY = 3
# A near miss written beside the key it resembles on this many pages is a key of
# its own (a template's `descripcion:` under `description:`), not a slip.
_BESIDE_PAGES = 2


class PageKeys(NamedTuple):
    collection: str  # "" for pages no collection claims
    findings: tuple[Finding, ...]  # what the schema alone says
    # near misses of a known key where any key may appear: (key, known key, finding)
    near_misses: tuple[tuple[str, str, Finding], ...]
    unknown: tuple[tuple[str, int], ...]  # keys the schema does not know, with their lines
    keys: tuple[str, ...]  # every top-level key of the page


def summarize(doc: Document) -> PageKeys:
    findings = tuple(Finding(CODE, Span.of(issue.line, 1, len(issue.key)), issue.message)
                     for issue in doc.schema_issues
                     if issue.unknown_key and issue.key is not None and not issue.meant)
    near_misses = tuple((issue.key, issue.meant,
                         Finding(CODE, Span.of(issue.line, 1, len(issue.key)), issue.message))
                        for issue in doc.schema_issues
                        if issue.unknown_key and issue.key is not None and issue.meant)
    if not doc.frontmatter.present:
        return PageKeys("", findings, near_misses, (), ())
    from curriculint.load.collections import schema_for

    collection = doc.collection
    known = set(schema_for(collection).known_keys())
    reported = {issue.key for issue in doc.schema_issues if issue.unknown_key}
    keys = tuple(str(key) for key in doc.frontmatter.data)
    unknown = tuple((key, doc.frontmatter.line_of(key)) for key in keys
                    if key not in known and key not in reported)
    return PageKeys(collection.name if collection else "", findings, near_misses, unknown, keys)


def check_site(site: Site, summaries: Mapping[str, PageKeys]
               ) -> Iterator[tuple[str, Finding]]:
    usage: dict[str, Counter[str]] = {}
    for summary in summaries.values():
        usage.setdefault(summary.collection, Counter()).update(set(summary.keys))
    peers = {collection: _Peers(counts) for collection, counts in usage.items()}
    pages_of = [set(summary.keys) for summary in summaries.values()]

    @cache  # a slip repeated on every page is asked about once
    def beside(key: str, other: str) -> int:
        return sum(1 for keys in pages_of if key in keys and other in keys)

    for display, summary in summaries.items():
        for finding in summary.findings:
            yield display, finding
        counts = usage[summary.collection]
        for key, meant, finding in summary.near_misses:
            if counts[key] >= _PEER_PAGES and not counts[meant]:
                continue  # the site's own key on page after page (a plugin's), never the other
            if beside(key, meant) >= _BESIDE_PAGES:
                continue  # written beside the key it resembles, page after page: its own
            yield display, finding
        for key, line in summary.unknown:
            peer = peers[summary.collection].spelling(key)
            if peer is None or beside(key, peer) >= _BESIDE_PAGES:
                continue
            where = (f"the '{summary.collection}' collection" if summary.collection
                     else "this site")
            yield display, Finding(
                CODE, Span.of(line, 1, len(key)),
                f"unknown key '{key}'; {counts[peer]} other pages of {where} write "
                f"'{peer}'")


class _Peers:
    """The spellings of one collection that may stand in for a key: only keys
    at least _PEER_PAGES pages write, grouped by normalised form and by length,
    so a page with thousands of keys is not compared with every key of the site."""

    def __init__(self, counts: Counter[str]) -> None:
        self.counts = counts
        self.order = {key: number for number, key in enumerate(counts)}
        self.by_form: dict[str, list[str]] = {}
        self.by_length: dict[int, list[str]] = {}
        for key, count in counts.items():
            if count >= _PEER_PAGES:
                form = _normalised(key)
                self.by_form.setdefault(form, []).append(key)
                self.by_length.setdefault(len(form), []).append(key)
        for keys in self.by_length.values():  # the most written first: see `spelling`
            keys.sort(key=lambda other: -counts[other])
        # Most unknown keys recur on many pages (3,176 asked, far fewer distinct, on
        # the DStudio corpus): each is matched once, not once a page.
        self.memo: dict[str, str | None] = {}

    def spelling(self, key: str) -> str | None:
        if key not in self.memo:
            self.memo[key] = self._spelling(key)
        return self.memo[key]

    def _spelling(self, key: str) -> str | None:
        counts = self.counts
        need = max(_PEER_PAGES, _PEER_MAJORITY * counts[key])

        def candidate(other: str) -> bool:
            return other != key and counts[other] >= need and not _plural_pair(key, other)

        normalised = _normalised(key)
        for other in self.by_form.get(normalised, ()):  # the same key but for case and separators
            if candidate(other):
                return other
        # get_close_matches keeps a ratio of at least _PEER_RATIO, which two strings
        # whose lengths differ this much cannot reach (difflib's real_quick_ratio).
        size = len(normalised)
        lengths = range(int(size * _PEER_RATIO / (2 - _PEER_RATIO)),
                        int(size * (2 - _PEER_RATIO) / _PEER_RATIO) + 2)
        found = []
        for length in lengths:
            for other in self.by_length.get(length, ()):
                if counts[other] < need:
                    break  # and so do all that follow
                if candidate(other):
                    found.append(other)
        candidates = sorted(found, key=self.order.__getitem__)
        close = difflib.get_close_matches(normalised, [_normalised(other) for other in candidates],
                                          n=1, cutoff=_PEER_RATIO)
        if not close:
            return None
        return next(other for other in candidates if _normalised(other) == close[0])


def _normalised(key: str) -> str:
    return key.replace("-", "_").replace(" ", "_").lower()


def _plural_pair(one: str, two: str) -> bool:
    """`guide` and `guides` are two keys a site may well use both of."""
    one, two = _normalised(one), _normalised(two)
    return one != two and one.rstrip("s") == two.rstrip("s")
