"""A whole run: discover the files, lint the pages, run the site rules,
apply suppressions, sort."""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from curriculint.config import Config
from curriculint.load import document
from curriculint.load.collections import CollectionSet
from curriculint.load.decode import decode, split_lines
from curriculint.load.document import ParseOptions
from curriculint.load.site import Site, remembering_projects
from curriculint.model import Finding, Report
from curriculint.run.discover import discover, sites_for
from curriculint.run.lint_page import make_report
from curriculint.run.lint_pages import lint_all
from curriculint.run.plan import Plan, ignored_for_file
from curriculint.run.records import FileResult, RunResult
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
        shard: Shard | None = None, stdin: tuple[str, bytes] | None = None) -> RunResult:
    """Lint `arguments`. With a `cache`, unchanged files are not parsed again;
    `progress(done, total)` is called as files complete; a `shard` reports only
    its share of the pages (curriculint/run/shard.py); `stdin` is a page given
    as (the path it stands for, its bytes) instead of read from disk."""
    plan = plan or Plan.make(config)
    sources, problems = discover(arguments, config, stdin)
    result = RunResult(files=len(sources), errors=list(problems),
                       missing=list(problems))
    with remembering_projects(cache):
        sites, site_of = sites_for(sources, config)
    plan.site_pages = max((len(site.pages) for site in sites.values()), default=0)
    collections = CollectionSet.of(config) if config.collections else None
    options_of = {}
    for source in sources:
        site = site_of[source.display]
        options_of[source.display] = ParseOptions(
            slug_style=site.slug_style, emoji_index=site.emoji_index,
            site_path=site.pages.get(source.display, ""), collections=collections)
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
        result.reports.extend(item.suppressions.filter(item.reports))
    lines = _Lines(by_display, result.paths,
                   {source.display: source.content for source in sources
                    if source.content is not None})
    site_rules = [rule for rule in plan.rules if rule.is_site_rule]
    if site_rules:
        _add_site_reports(result, site_rules, list(sites.values()), by_display, plan, cache,
                          lines)
    for item in file_results:
        if item.suppressions.directives:
            result.reports.extend(
                item.suppressions.unused_reports(item.display, lines.of(item), plan))
    if shard is not None:
        from curriculint.run.shard import keep_own

        keep_own(result, shard, site_of)
    result.reports.sort(key=lambda report: report.sort_key)
    return result


class _Lines:
    """The lines a site finding points into. Pages' lines are not kept through
    the run (memory stays flat), so they are read again, a few pages at a time."""

    def __init__(self, by_display: dict[str, FileResult], paths: dict[str, Path],
                 contents: dict[str, bytes]) -> None:
        self.by_display = by_display
        self.paths = paths
        self.contents = contents
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


def _without_link_cache(options_of: Callable[[], BaseModel | None]) -> BaseModel | None:
    """An online rule's options in a run without the results cache (`--no-cache`,
    `cache = false`, CURRICULINT_NO_CACHE): no link verdict is read or stored either."""
    options = options_of()
    return None if options is None else options.model_copy(update={"cache": False})


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
            if rule.online and cache is None:
                options_of = functools.partial(_without_link_cache, options_of)
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
