"""A whole run: discover the files, lint the pages, run the site rules,
apply suppressions, sort."""

from __future__ import annotations

import functools
import hashlib
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from curriculint.config import Config
from curriculint.load import document
from curriculint.load.decode import decode, split_lines
from curriculint.load.document import ParseOptions
from curriculint.load.site import Site, remembering_projects
from curriculint.model import Finding, Report
from curriculint.run.discover import discover, parse_options_of, sites_for
from curriculint.run.lint_page import lint_bytes, make_report
from curriculint.run.lint_pages import lint_all
from curriculint.run.plan import Plan, ignored_for_file
from curriculint.run.records import FileResult, RunResult, SourceFile
from curriculint.run.registry import Rule
from curriculint.run.site_pass import site_findings
from curriculint.store.summaries import SiteSummaries

if TYPE_CHECKING:
    from pydantic import BaseModel

    from curriculint.run.shard import Shard
    from curriculint.store.results import ResultCache


log = logging.getLogger(__name__)


def run(arguments: Sequence[str], config: Config, plan: Plan | None = None,
        jobs: int | None = None, cache: ResultCache | None = None,
        progress: Callable[[int, int], None] | None = None,
        shard: Shard | None = None, keep: bool = False,
        stdin: tuple[str, bytes] | None = None) -> RunResult:
    """Lint `arguments`. With a `cache`, unchanged files are not parsed again;
    `progress(done, total)` is called as files complete; a `shard` reports only
    its share of the pages (curriculint/run/shard.py). With `keep`, the result
    keeps what `relint` needs to lint changed texts again in memory. `stdin` is a
    page given as (the path it stands for, its bytes) instead of read from disk."""
    plan = plan or Plan.make(config)
    sources, problems = discover(arguments, config, stdin)
    with remembering_projects(cache):
        sites, site_of = sites_for(sources, config)
    sources = [source for source in sources if source.display in site_of]
    result = RunResult(files=len(sources), errors=list(problems), missing=list(problems))
    plan.site_pages = max((len(site.pages) for site in sites.values()), default=0)
    options_of = parse_options_of(sources, site_of, config)
    workers = jobs if jobs is not None else (config.jobs or os.cpu_count() or 1)
    if shard is None:
        file_results = lint_all(sources, options_of, plan, workers, cache, progress)
    else:
        from curriculint.run.shard import lint_sharded

        file_results = lint_sharded(shard, sources, site_of, options_of, plan, workers, cache,
                                    progress)

    by_display = {item.display: item for item in file_results}
    result.paths = {source.display: source.path for source in sources}
    result.digests = {item.display: item.digest for item in file_results}
    for item in file_results:
        if item.error:
            result.errors.append(item.error)
    context = RunContext(plan, {source.display: source for source in sources}, options_of,
                         list(sites.values()), site_of, by_display, cache, shard)
    result.reports = _reports(context, result.paths, result.digests)
    if shard is not None:
        from curriculint.run.shard import keep_own

        keep_own(result, shard, site_of)
    if keep:
        result.context = context
    return result


@dataclass
class RunContext:
    """What a run keeps to lint changed texts again in memory (`relint`)."""

    plan: Plan
    sources: dict[str, SourceFile]
    options_of: dict[str, ParseOptions]
    sites: list[Site]
    site_of: dict[str, Site]
    by_display: dict[str, FileResult]
    cache: ResultCache | None
    shard: Shard | None
    # relint: pages linted again, by (display path, digest), and, without a
    # cache, the site rules' findings held in memory for the unchanged pages.
    linted: dict[tuple[str, str], FileResult] = field(default_factory=dict)
    memory: ResultCache | None = None


def _reports(context: RunContext, paths: dict[str, Path], digests: dict[str, str]
             ) -> list[Report]:
    """The pages' findings, the site rules' and the unused suppressions, sorted."""
    found = RunResult(paths=paths, digests=digests)
    by_display = context.by_display
    for item in by_display.values():
        found.reports.extend(item.suppressions.filter(item.reports))
    lines = _Lines(by_display, paths, {display: source.content
                                       for display, source in context.sources.items()
                                       if source.content is not None})
    site_rules = [rule for rule in context.plan.rules if rule.is_site_rule]
    if site_rules:
        _add_site_reports(found, site_rules, context.sites, by_display, context.plan,
                          context.cache, lines)
    for item in by_display.values():
        if item.suppressions.directives:
            found.reports.extend(
                item.suppressions.unused_reports(item.display, lines.of(item), context.plan))
    found.reports.sort(key=lambda report: report.sort_key)
    return found.reports


def relint(result: RunResult, texts: dict[str, bytes]) -> list[Report]:
    """The run's findings had the pages in `texts` (display path -> bytes)
    held those bytes: they are linted again, the site rules run again, nothing
    is read from disk for them or written to it."""
    context = result.context
    if context is None:
        raise ValueError("relint needs a run made with keep=True")
    by_display = dict(context.by_display)
    digests = dict(result.digests)
    for display, raw in texts.items():
        by_display[display] = _linted(context, display, raw)
        digests[display] = by_display[display].digest
    if context.cache is None and context.memory is None:
        from curriculint.store.results import MemoryCache

        context.memory = MemoryCache()
    changed = RunContext(context.plan, context.sources, context.options_of, context.sites,
                         context.site_of, by_display, context.cache or context.memory,
                         context.shard)
    again = RunResult(reports=_reports(changed, result.paths, digests), paths=dict(result.paths),
                      digests=digests)
    if context.shard is not None:
        from curriculint.run.shard import keep_own

        keep_own(again, context.shard, context.site_of)
    return again.reports


def lint_page_text(result: RunResult, display: str, raw: bytes) -> list[Report]:
    """Only the page rules' findings for `display` holding `raw` (suppressions
    applied): a cheap first look before `relint`."""
    context = result.context
    if context is None:
        raise ValueError("lint_page_text needs a run made with keep=True")
    item = _linted(context, display, raw)
    return item.suppressions.filter(item.reports)


def _linted(context: RunContext, display: str, raw: bytes) -> FileResult:
    """The page linted again holding `raw`, once per text."""
    key = (display, hashlib.sha256(raw).hexdigest())
    if key not in context.linted:
        context.linted[key] = lint_bytes(context.sources[display], raw, context.plan,
                                         context.options_of[display])
    return context.linted[key]


class _Lines:
    """The lines a site finding points into. Pages' lines are not kept through
    the run (memory stays flat), so they are read again, a few pages at a time."""

    def __init__(self, by_display: dict[str, FileResult], paths: dict[str, Path],
                 contents: dict[str, bytes]) -> None:
        self.by_display = by_display
        self.paths = paths
        self.contents = contents  # pages read from standard input
        self.others: dict[str, tuple[str, ...]] = {}
        self.reread = functools.lru_cache(maxsize=64)(self._reread)  # a page's come together

    def _reread(self, display: str) -> tuple[str, ...]:
        try:
            raw = self.contents.get(display)
            if raw is None:
                raw = document.read(self.paths[display])
            return tuple(split_lines(decode(raw).text))
        except OSError:
            return ("",)

    def of(self, item: FileResult) -> tuple[str, ...]:
        if item.lines or not item.digest:
            return item.lines
        return self.reread(item.display)

    def other(self, display: str) -> tuple[str, ...]:
        """Lines of a file a site rule reports into that is not a linted page."""
        if display not in self.others:
            try:
                self.others[display] = tuple(
                    split_lines(decode(document.read(Path(display))).text))
            except OSError:
                self.others[display] = ("",)
        return self.others[display]

    def line_of(self, rule: Rule) -> Callable[[str, Finding], str]:
        """The line a new site finding points at, its position checked (make_report)."""

        def line(display: str, finding: Finding) -> str:
            item = self.by_display.get(display)
            lines = self.of(item) if item is not None else self.other(display)
            return make_report(display, rule, rule.severity, finding, lines).source_line

        return line


def _link_cache_options(options_of: Callable[[], BaseModel | None],
                        cache: ResultCache | None) -> BaseModel | None:
    """An online rule's options with the link cache beside the results cache: in
    the same folder (`--cache-dir`, CURRICULINT_CACHE_DIR, `cache-dir`) unless
    `cache-path` is set; off in a run without the results cache (`--no-cache`,
    `cache = false`, CURRICULINT_NO_CACHE): no link verdict is read or stored."""
    options = options_of()
    if options is None:
        return None
    if cache is None:
        return options.model_copy(update={"cache": False})
    if "cache_path" in options.model_fields_set:
        return options
    return options.model_copy(update={"cache_path": str(cache.path.parent / "links.sqlite")})


def _add_site_reports(result: RunResult, site_rules: list[Rule], sites: list[Site],
                      by_display: dict[str, FileResult], plan: Plan,
                      cache: ResultCache | None, lines: _Lines) -> None:
    for site in sites:
        site.list_files()
    for rule in site_rules:
        for site in sites:
            if len(site.pages) < rule.min_pages:
                continue
            # Under --shard, other shards' pages have no online summaries.
            pages = [display for display in site.pages if display in by_display
                     and rule.code in by_display[display].summaries]
            summaries = SiteSummaries(rule.code, {display: by_display[display].summaries
                                                   for display in pages})
            options_of = functools.partial(plan.options.__getitem__, rule.code)
            if rule.online:
                options_of = functools.partial(_link_cache_options, options_of, cache)
            produced = site_findings(rule, site, summaries, options_of,
                                     cache, result.digests, lines.line_of(rule))
            severity = plan.severities[rule.code]
            for display, finding, line in produced:
                report = Report(display, rule.code, rule.name, severity, finding.span,
                                finding.message, finding.fix, line)
                page = by_display.get(display)
                if page is None:  # a file that is not a page: mkdocs.yml
                    if not ignored_for_file(display, rule, plan.config):
                        result.reports.append(report)
                    continue
                result.reports.extend(page.suppressions.filter([report]))
