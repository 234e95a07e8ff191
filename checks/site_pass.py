"""Running a site rule over a site, with its findings cached.

A site rule's findings depend on the pages' summaries, the site's file listing
and settings. Two ways to cache them:

* whole site: one entry keyed by every page's digest. Any change re-runs the
  rule over the whole site.
* per page, for rules that say what each page's findings read: a module with
  `prepare(site, summaries) -> context`, `page_dependencies(context, display)`
  (the other pages it reads) and `check_page(context, display[, options])`.
  Each page's findings are keyed by its own digest and its dependencies'
  digests, so one changed page re-runs only the pages that read it. This keeps
  a warm run with one page changed from redoing every cross-page anchor check.

Each finding is cached with the text of the line it points at (`line_of`
computes it once, when the finding is new), so a warm run re-reads no page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from checks.model import Finding

if TYPE_CHECKING:
    from pydantic import BaseModel

    from checks.cache import ResultCache
    from checks.registry import Rule
    from checks.site import Site

# (display path, finding, the source line it points at)
Produced = list[tuple[str, Finding, str]]
LineOf = Callable[[str, Finding], str]


def _placed(found: Iterable[tuple[str, Finding]], line_of: LineOf) -> Produced:
    return [(display, finding, line_of(display, finding)) for display, finding in found]


def _site_digest(rule: Rule, site: Site) -> hashlib._Hash | None:
    """What every page's findings of `rule` share: settings, mkdocs.yml and the listing."""
    digest = hashlib.sha256()
    digest.update(f"site\0{rule.code}\0{site.root}\0{site.use_directory_urls}\0"
                  f"{site.slug_style}\0{site.emoji_index}\0".encode())
    if site.mkdocs is not None:
        try:
            digest.update(site.mkdocs.config_file.read_bytes())
        except OSError:
            return None
    for name in sorted(site.files):
        digest.update(name.encode() + b"\0")
    return digest


def _per_page(rule: Rule, site: Site, summaries: dict[str, Any], options: BaseModel | None,
              cache: ResultCache, digests: dict[str, str], base: hashlib._Hash,
              line_of: LineOf) -> Produced:
    module = rule.module
    context = module.prepare(site, summaries)
    keys: dict[str, str] = {}
    for display in sorted(summaries):
        digest = base.copy()
        digest.update(f"page\0{display}\0{digests.get(display, '')}\0".encode())
        for other in sorted(module.page_dependencies(context, display)):
            digest.update(f"{other}\0{digests.get(other, '')}\0".encode())
        keys[display] = cache.key(digest.hexdigest(), "site-page")
    hits = cache.get_many(keys.values(), count=False)
    produced: Produced = []
    fresh: list[tuple[str, list[tuple[Finding, str]]]] = []
    for display, key in keys.items():
        found = hits.get(key)
        if not isinstance(found, list):
            found = [(finding, line_of(display, finding)) for finding in (
                module.check_page(context, display, options) if options is not None
                else module.check_page(context, display))]
            fresh.append((key, found))
        produced.extend((display, finding, line) for finding, line in found)
    cache.put_many(fresh)
    return produced


def site_findings(rule: Rule, site: Site, summaries: dict[str, Any], options: BaseModel | None,
                  cache: ResultCache | None, digests: dict[str, str],
                  line_of: LineOf) -> Produced:
    """`rule`'s findings over `site` as (display path, finding, source line), from the
    cache where valid. Online rules are never cached here: the network changes, not
    the pages."""
    module = rule.module
    base = _site_digest(rule, site) if cache is not None and not rule.online else None
    if base is None or cache is None:
        return _placed(module.check_site(site, summaries, options) if options is not None
                       else module.check_site(site, summaries), line_of)
    if hasattr(module, "check_page"):
        return _per_page(rule, site, summaries, options, cache, digests, base, line_of)
    for display in sorted(site.pages):
        base.update(f"{display}\0{digests.get(display, '')}\0".encode())
    key = cache.key(base.hexdigest(), "site-rule")
    cached = cache.get_many([key], count=False).get(key)
    if isinstance(cached, list):
        return cached
    produced = _placed(module.check_site(site, summaries, options) if options is not None
                       else module.check_site(site, summaries), line_of)
    cache.put_many([(key, produced)])
    return produced
