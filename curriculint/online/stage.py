"""The run-level online stage: de-duplicate, consult the cache, run an engine.

The LNK1xx rules all call `stage_for_site` from `check_site`; the first call
for a site does the work and the others reuse its result (keyed on the Site
object of this run, so a new run starts afresh).
"""

from __future__ import annotations

import logging
import sys
import weakref
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curriculint.online.collect import UrlUse, split_fragment
from curriculint.online.guard import Policy
from curriculint.online.link_cache import LinkCache
from curriculint.online.options import OnlineOptions
from curriculint.online.request import LinkRequest
from curriculint.online.verdict import Outcome, Verdict

log = logging.getLogger(__name__)


@dataclass
class StageResult:
    verdicts: dict[str, Verdict] = field(default_factory=dict)  # URL without fragment ->
    checked: int = 0  # URLs the engine checked in this run
    cached: int = 0  # URLs answered from the cache
    # http:// URL -> its https:// form, where both work (only with https-upgrade).
    https_ok: dict[str, str] = field(default_factory=dict)


def _progress(done: int, total: int) -> None:
    sys.stderr.write(f"\rcuriculint: checking links {done}/{total}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def requests_for(uses: Sequence[UrlUse], check_anchors: bool) -> list[LinkRequest]:
    fragments: dict[str, set[str]] = {}
    for use in uses:
        url, fragment = split_fragment(use.url)
        wanted = fragments.setdefault(url, set())
        if fragment and check_anchors:
            wanted.add(fragment)
    return [LinkRequest(url, frozenset(found)) for url, found in sorted(fragments.items())]


def check_urls(requests: list[LinkRequest], options: OnlineOptions) -> StageResult:
    """Verdicts for `requests`: fresh cache entries first, the engine for the rest
    (without `options.cache`, the engine for all, and nothing is stored)."""
    policy = Policy(options.allow_hosts)
    cache = (LinkCache(Path(options.cache_path), options.ttl_hours * 3600,
                       options.failure_ttl_hours * 3600) if options.cache else None)
    result = StageResult()
    try:
        fresh = ({} if options.refresh or cache is None
                 else cache.fresh(request.url for request in requests))
        todo: list[LinkRequest] = []
        for request in requests:
            cached = fresh.get(request.url)
            # A cached page answers only the fragments it was searched for.
            if cached and (cached.outcome is not Outcome.OK
                           or request.fragments <= cached.anchors_checked):
                result.verdicts[request.url] = cached
            else:
                todo.append(request)
        result.cached = len(result.verdicts)
        if todo:
            progress = _progress if options.progress and sys.stderr.isatty() else None
            if options.engine == "linkchecker":
                from curriculint.online.linkchecker_client import check_with_linkchecker

                checked = check_with_linkchecker(todo, options, policy, progress)
            elif options.engine == "lychee":
                from curriculint.online.lychee_client import check_with_lychee

                checked = check_with_lychee(todo, options, policy, progress)
            else:
                from curriculint.online.httpx_client import check_with_httpx

                checked = check_with_httpx(todo, options, policy, progress)
            if cache is not None:
                cache.store(checked.values())
            result.verdicts.update(checked)
            result.checked = len(checked)
    finally:
        if cache is not None:
            cache.close()
    log.info("online links: %d checked, %d from the cache", result.checked, result.cached)
    return result


def https_form(url: str) -> str | None:
    return "https://" + url[len("http://"):] if url.lower().startswith("http://") else None


def https_upgrades(result: StageResult, options: OnlineOptions) -> dict[str, str]:
    """The https:// form of each working http:// URL, checked like any other URL;
    kept where it works too."""
    pairs = {url: https_form(url) for url, found in result.verdicts.items()
             if found.outcome is Outcome.OK and https_form(url)}
    if not pairs:
        return {}
    secure = check_urls([LinkRequest(target) for target in pairs.values() if target], options)
    return {url: target for url, target in pairs.items()
            if target and (found := secure.verdicts.get(target)) is not None
            and found.outcome is Outcome.OK}


_runs: dict[int, tuple[weakref.ref[Any], str, StageResult]] = {}


def stage_for_site(site: Any, summaries: Mapping[str, Sequence[UrlUse]],
                   options: OnlineOptions) -> StageResult:
    key = options.model_dump_json()
    entry = _runs.get(id(site))
    if entry and entry[0]() is site and entry[1] == key:
        return entry[2]
    uses = [use for page in summaries.values() for use in page]
    result = check_urls(requests_for(uses, options.check_anchors), options)
    if options.https_upgrade:
        result.https_ok = https_upgrades(result, options)
    _runs[id(site)] = (weakref.ref(site), key, result)
    weakref.finalize(site, _runs.pop, id(site), None)
    return result


def verdict_uses(site: Any, summaries: Mapping[str, Sequence[UrlUse]], options: OnlineOptions
                 ) -> Iterator[tuple[str, UrlUse, str, Verdict]]:
    """(display path, use, fragment, verdict) for every use, in page order."""
    stage = stage_for_site(site, summaries, options)
    for display in sorted(summaries):
        for use in summaries[display]:
            url, fragment = split_fragment(use.url)
            found = stage.verdicts.get(url)
            if found is not None:
                yield display, use, fragment, found
