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
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from curriculint.model import Finding

if TYPE_CHECKING:
    from pydantic import BaseModel

    from curriculint.load.site import Site
    from curriculint.run.registry import Rule
    from curriculint.store.results import ResultCache
    from curriculint.store.summaries import SiteSummaries

# (display path, finding, the source line it points at)
Produced = list[tuple[str, Finding, str]]
LineOf = Callable[[str, Finding], str]


def _placed(found: Iterable[tuple[str, Finding]], line_of: LineOf) -> Produced:
    return [(display, finding, line_of(display, finding)) for display, finding in found]


def _site_digest(rule: Rule, site: Site) -> hashlib._Hash | None:
    """What every page's findings of `rule` share: settings, mkdocs.yml and the listing."""
    digest = hashlib.sha256()
    digest.update(f"site\0{rule.code}\0{site.root}\0{site.use_directory_urls}\0"
                  f"{site.slug_style}\0{site.emoji_index}\0{site.root_kind}\0".encode())
    if site.mkdocs is not None:
        try:
            digest.update(site.mkdocs.config_file.read_bytes())
        except OSError:
            return None
        # INHERIT parents, hooks and generator scripts, as read for this run
        digest.update(f"\0{site.mkdocs.fingerprint}\0".encode())
    for name in sorted(site.files):
        digest.update(name.encode() + b"\0")
    if site.inherited_files:
        digest.update(b"inherited\0")
        for name in sorted(site.inherited_files):
            digest.update(name.encode() + b"\0")
    return digest


Options = Callable[[], "BaseModel | None"]  # validated on first call (imports the rule)


def _per_page(rule: Rule, site: Site, summaries: SiteSummaries, options_of: Options,
              cache: ResultCache, digests: dict[str, str], base: hashlib._Hash,
              line_of: LineOf) -> Produced:
    """Each page's findings under its digest and its dependencies' digests. The
    dependencies are cached too (they follow from the page and the site's pages),
    so when nothing changed no summary is read and the rule is not even imported."""
    context: Any = None

    def prepared() -> Any:
        nonlocal context
        if context is None:
            context = rule.module.prepare(site, summaries)  # read as pages are checked
        return context

    listing = base.copy()  # which files are linted pages, and under which names
    for display in sorted(site.pages):
        listing.update(f"{display}\0{site.pages[display]}\0".encode())
    page_keys = {}
    for display in summaries:
        own = listing.copy()
        own.update(f"deps\0{display}\0{digests.get(display, '')}\0".encode())
        page_keys[display] = cache.key(own.hexdigest(), "site-deps")
    known = cache.get_many(page_keys.values(), count=False)
    fresh_dependencies: list[tuple[str, tuple[str, ...]]] = []
    keys: dict[str, str] = {}
    for display in sorted(summaries):
        dependencies = known.get(page_keys[display])
        if not isinstance(dependencies, tuple):
            dependencies = tuple(sorted(rule.module.page_dependencies(prepared(), display)))
            fresh_dependencies.append((page_keys[display], dependencies))
        digest = base.copy()
        digest.update(f"page\0{display}\0{digests.get(display, '')}\0".encode())
        for other in dependencies:
            digest.update(f"{other}\0{digests.get(other, '')}\0".encode())
        keys[display] = cache.key(digest.hexdigest(), "site-page")
    hits = cache.get_many(keys.values(), count=False)
    produced: Produced = []
    fresh: list[tuple[str, Any]] = list(fresh_dependencies)
    for display, key in keys.items():
        found = hits.get(key)
        if not isinstance(found, list):
            module, options = rule.module, options_of()
            found = [(finding, line_of(display, finding)) for finding in (
                module.check_page(prepared(), display, options) if options is not None
                else module.check_page(prepared(), display))]
            fresh.append((key, found))
        produced.extend((display, finding, line) for finding, line in found)
    cache.put_many(fresh)
    return produced


def site_findings(rule: Rule, site: Site, summaries: SiteSummaries, options_of: Options,
                  cache: ResultCache | None, digests: dict[str, str],
                  line_of: LineOf) -> Produced:
    """`rule`'s findings over the pages of `site` it summarised, as (display path,
    finding, source line), from the cache where valid. Summaries are read only for
    findings that must be computed. Online rules are never cached here: the
    network changes, not the pages."""
    base = _site_digest(rule, site) if cache is not None and not rule.online else None
    if base is None or cache is None:
        return _whole_site(rule, site, summaries, options_of, line_of)
    if rule.per_page:
        return _per_page(rule, site, summaries, options_of, cache, digests, base, line_of)
    for display in sorted(site.pages):
        base.update(f"{display}\0{digests.get(display, '')}\0".encode())
    key = cache.key(base.hexdigest(), "site-rule")
    cached = cache.get_many([key], count=False).get(key)
    if isinstance(cached, list):
        return cached
    produced = _whole_site(rule, site, summaries, options_of, line_of)
    cache.put_many([(key, produced)])
    return produced


def whole_site_findings(rule: Rule, site: Site, summaries: Mapping[str, Any],
                        options: Any) -> Iterator[tuple[str, Any]]:
    """(display path, finding) of `rule` over the whole site at once: its
    `check_site`, or for a rule checked page by page, `prepare` and each page."""
    module = rule.module
    if rule.per_page:
        context = module.prepare(site, summaries)
        for display in summaries:
            found = (module.check_page(context, display, options) if options is not None
                     else module.check_page(context, display))
            for finding in found:
                yield display, finding
        return
    yield from (module.check_site(site, summaries, options) if options is not None
                else module.check_site(site, summaries))


def _whole_site(rule: Rule, site: Site, summaries: SiteSummaries, options_of: Options,
                line_of: LineOf) -> Produced:
    return _placed(whole_site_findings(rule, site, summaries.read_all(), options_of()), line_of)
