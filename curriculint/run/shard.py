"""`check --shard K/N`: the share of the pages one CI job lints, and the light site index.

A page belongs to shard `1 + sha256(its path relative to the site root) mod N`:
the same on every machine and in every working directory (Python's `hash()` is
salted per process), and a page keeps its shard when other pages are added.

Site rules (cross-page anchors, near-duplicate pages, nav, orphans) still see
every page. For pages of other shards only the site rules' summaries are
computed (parse and `summarize`, no document rules) or taken from the results
cache: that is the light site index. Online rules (LNK1xx) judge each URL on
its own, so they see only the shard's own pages: each URL is fetched by the
shards whose pages use it, not by every shard. Findings are then kept only for
the shard's own pages, and findings in files that are not pages (`mkdocs.yml`)
only in shard 1, so the N shards' reports together hold exactly the findings
of one unsharded run (`curriculint merge` joins them).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from curriculint.run.suppressions import Suppressions
from curriculint.store.results import ResultCache

if TYPE_CHECKING:
    from pathlib import Path

    from curriculint.load.document import ParseOptions
    from curriculint.load.site import Site
    from curriculint.run.plan import Plan
    from curriculint.run.records import FileResult, RunResult, SourceFile

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    count: int

    def holds(self, relative_path: str) -> bool:
        digest = hashlib.sha256(relative_path.encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index - 1

    def owns(self, display: str, site: Site) -> bool:
        return self.holds(site.pages[display])

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """'2/3' -> Shard(2, 3); ValueError with a readable message otherwise."""
    index, sep, count = text.partition("/")
    try:
        shard = Shard(int(index), int(count)) if sep else None
    except ValueError:
        shard = None
    if shard is None:
        raise ValueError(f"expected K/N such as 2/3, got '{text}'")
    if shard.count < 1 or not 1 <= shard.index <= shard.count:
        raise ValueError(f"K/N needs 1 <= K <= N, got '{text}'")
    return shard


def _light_key(key: str) -> str:
    return hashlib.sha256(f"light\0{key}".encode()).hexdigest()


class _LightCache(ResultCache):
    """The results cache as the light index uses it. A page's full result, cached
    by any run that linted it, serves for its summaries; summary-only results are
    stored under keys of their own, so they never stand in for a full lint."""

    def __init__(self, full: ResultCache) -> None:  # no connection of its own
        self.full = full
        self.path, self.fingerprint = full.path, full.fingerprint
        self.hits = self.misses = 0

    def get_many(self, keys: Iterable[str], count: bool = True) -> dict[str, Any]:
        keys = list(keys)
        found = self.full.get_many(keys, count=False)
        missing = {_light_key(key): key for key in keys if key not in found}
        for light, value in self.full.get_many(missing, count=False).items():
            found[missing[light]] = value
        if count:
            self.full.hits += len(found)
            self.full.misses += len(keys) - len(found)
        return found

    def put_many(self, items: Iterable[tuple[str, Any]]) -> None:
        self.full.put_many((_light_key(key), value) for key, value in items)

    def known_digests(self, files: Iterable[tuple[str, Path]]) -> dict[str, str]:
        return self.full.known_digests(files)  # a file's digest is the same for both

    def remember_digests(self, files: Iterable[tuple[Path, str]]) -> None:
        self.full.remember_digests(files)

    def close(self) -> None:
        pass  # the full cache owns the connection


def _offset(progress: Progress | None, before: int, total: int) -> Progress | None:
    if progress is None:
        return None
    return lambda done, _total: progress(before + done, total)


def lint_sharded(shard: Shard, sources: list[SourceFile], site_of: dict[str, Site],
                 options_of: dict[str, ParseOptions], plan: Plan, workers: int,
                 cache: ResultCache | None, progress: Progress | None) -> list[FileResult]:
    """Full results for the shard's pages; summaries only for the others."""
    from curriculint.run.lint_pages import lint_all

    own = [source for source in sources if shard.owns(source.display, site_of[source.display])]
    # Online rules judge each URL on its own: a shard checks the URLs its own
    # pages use, so the N shards share the network work instead of each doing all.
    site_rules = tuple(rule for rule in plan.rules if rule.is_site_rule and not rule.online)
    others = [source for source in sources
              if site_rules and not shard.owns(source.display, site_of[source.display])]
    total = len(own) + len(others)
    results = lint_all(own, options_of, plan, workers, cache, _offset(progress, 0, total))
    if others:
        light_plan = dataclasses.replace(plan, rules=site_rules)
        light = lint_all(others, options_of, light_plan, workers,
                          _LightCache(cache) if cache is not None else None,
                          _offset(progress, len(own), total))
        # A full result from the cache carries reports, suppressions and errors
        # that belong to another shard's run.
        results += [dataclasses.replace(item, reports=[], suppressions=Suppressions(),
                                        error=None) for item in light]
    return results


def keep_own(result: RunResult, shard: Shard, site_of: dict[str, Site]) -> None:
    """Drop what another shard reports: other pages' findings, SUP001 and files;
    findings in files that are not pages stay with shard 1."""
    own = {display for display, site in site_of.items() if shard.owns(display, site)}
    result.reports = [report for report in result.reports
                      if report.path in own or (report.path not in site_of
                                                and shard.index == 1)]
    result.files = len(own)
    result.paths = {display: path for display, path in result.paths.items() if display in own}
    result.digests = {display: digest for display, digest in result.digests.items()
                      if display in own}
