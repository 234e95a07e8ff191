"""A site held in memory and updated one page at a time: what the language server
(curriculint/lsp/) and the MkDocs plugin (curriculint/mkdocs_plugin/) lint with.

`run()` lints a set of files from the start (the result cache spares it the
unchanged ones). A `LiveSite` keeps every page's result, and every site rule's
summaries and findings, so that when a page changes only that page is parsed
again and the site rules redo only what the change can reach:

- a per-page site rule (`SITE_PER_PAGE`: LNK002, LNK003, LNK004) checks again
  the changed page and the pages whose `page_dependencies` name it, when the
  page's summary changed; every page when the set of pages or the file listing
  changed (a page created or deleted);
- a whole-site rule (`SITE`: DUP006, ENC003, FM004, LNK005) runs again when a
  page's summary for it changed, at once or, for an editor, when the author
  pauses (`sweep`).

What `reports` returns for a page is what `run()` reports for it: the same
codes, spans, messages, severities, suppressions and SUP001 findings
(tests/test_live.py compares the two).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curriculint.config import Config
from curriculint.load.collections import CollectionSet
from curriculint.load.document import Document, ParseOptions
from curriculint.load.site import Site
from curriculint.model import Finding, Report
from curriculint.run.discover import page_parse_options, site_parse_options
from curriculint.run.lint_page import lint_document
from curriculint.run.plan import Plan, ignored_for_file
from curriculint.run.records import FileResult, SourceFile
from curriculint.run.registry import Rule
from curriculint.run.site_pass import whole_site_findings
from curriculint.run.suppressions import Suppressions

if TYPE_CHECKING:
    from curriculint.store.results import ResultCache


@dataclass
class _RuleState:
    """One site rule over the live site."""

    rule: Rule
    summaries: dict[str, Any] = field(default_factory=dict)  # page -> its summary
    # display path (a page, or another file such as mkdocs.yml) -> findings in it
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    # per-page rules: page -> the pages its findings read, and the reverse
    reads: dict[str, frozenset[str]] = field(default_factory=dict)
    readers: dict[str, set[str]] = field(default_factory=dict)
    stale: bool = False  # a whole-site rule whose findings wait for `sweep`


def fresh(suppressions: Suppressions) -> Suppressions:
    """A copy that has suppressed nothing yet: `used` is per report, not per page."""
    return Suppressions(suppressions.directives, suppressions.scopes, set())


class LiveSite:
    """One site's pages and site-rule state, kept current page by page."""

    def __init__(self, config: Config, plan: Plan, site: Site) -> None:
        self.config = config
        self.plan = plan
        self.site = site
        self.results: dict[str, FileResult] = {}
        self.sources: dict[str, SourceFile] = {}
        self.collections = CollectionSet.of(config) if config.collections else None
        self._site_options: ParseOptions | None = None
        self.states = {rule.code: _RuleState(rule) for rule in plan.rules if rule.is_site_rule}
        self._root_prefix = os.path.join(str(site.root), "")
        # per-page rules' prepared contexts, with the listing and layout they were made for
        self._contexts: dict[str, tuple[frozenset[str], Any, int]] = {}
        self._layout = 0  # counts changes to the set of pages

    # -- pages -----------------------------------------------------------------

    def relative(self, real: Path) -> str:
        """A page's path in the docs folder (posix), as `sites_for` computes it."""
        text = str(real)
        if text.startswith(self._root_prefix):
            return text[len(self._root_prefix):].replace(os.sep, "/")
        return real.name

    def parse_options(self, display: str) -> ParseOptions:
        """As a run parses the page (curriculint.run.discover.page_parse_options)."""
        if self._site_options is None:
            self._site_options = site_parse_options(self.site)
        return page_parse_options(self._site_options, self.site, display, self.collections)

    def lint(self, source: SourceFile, raw: bytes) -> tuple[FileResult, Document | None]:
        """A page's result from its bytes, and its Document; nothing is stored."""
        if source.display not in self.site.pages:
            self.site.pages[source.display] = self.relative(source.real)
            self.plan.site_pages = max(self.plan.site_pages, len(self.site.pages))
        return lint_document(source, raw, self.plan, self.parse_options(source.display))

    def load(self, items: Iterable[tuple[SourceFile, FileResult]]) -> None:
        """Many pages at once (the first index); then `recheck_all`."""
        for source, result in items:
            self._store(source, result)

    def _store(self, source: SourceFile, result: FileResult) -> set[str]:
        """Keep a page's result; the codes of the site rules whose summary of it changed."""
        display = source.display
        if display not in self.site.pages:
            self.site.pages[display] = self.relative(source.real)
        if display not in self.results:
            self._layout += 1
        relative = self.site.pages[display]
        if relative not in self.site.files:
            self.site.files = self.site.files | {relative}
        # Lines are kept only where SUP001 needs them (a page with suppressions).
        lines = result.lines if result.suppressions.directives else ()
        self.results[display] = dataclasses.replace(result, lines=lines)
        self.sources[display] = source
        moved = set()
        for code, state in self.states.items():
            had = display in state.summaries
            old = state.summaries.get(display)
            if code in result.summaries:
                new = result.summaries[code]
                state.summaries[display] = new
                if not had or new != old:
                    moved.add(code)
            elif had:
                del state.summaries[display]
                moved.add(code)
        return moved

    def put(self, source: SourceFile, result: FileResult, whole_site: bool = True) -> set[str]:
        """A page's new result (a new page, or new content). Returns the display
        paths whose reports may have changed. Whole-site rules wait for `sweep`
        unless `whole_site`."""
        new_page = source.display not in self.results
        listed = self.site.files
        moved = self._store(source, result)
        touched = {source.display}
        if new_page or listed != self.site.files:
            touched |= self._recheck_per_page(None, set())
            for state in self._whole_site_states():
                state.stale = True
        else:
            touched |= self._recheck_per_page({source.display}, moved)
            for code in moved:
                if not self.states[code].rule.per_page:
                    self.states[code].stale = True
        if whole_site:
            touched |= self.sweep()
        return touched

    def remove(self, display: str) -> set[str]:
        """A page deleted (or no longer a page of this site)."""
        if display not in self.results:
            return set()
        relative = self.site.pages.pop(display, None)
        self.results.pop(display)
        self._layout += 1
        self.sources.pop(display, None)
        if relative is not None:
            self.site.files = self.site.files - {relative}
        touched = {display}
        for state in self.states.values():
            state.summaries.pop(display, None)
            state.findings.pop(display, None)
            for target in state.reads.pop(display, frozenset()):
                state.readers.get(target, set()).discard(display)
            if not state.rule.per_page:
                state.stale = True
        return touched | self._recheck_per_page(None, set()) | self.sweep()

    def set_files(self, files: frozenset[str]) -> set[str]:
        """The site's file listing changed (an image added, a folder renamed)."""
        if files == self.site.files:
            return set()
        self.site.files = files | frozenset(self.site.pages.values())
        for state in self._whole_site_states():
            state.stale = True
        return self._recheck_per_page(None, set()) | self.sweep()

    # -- site rules ------------------------------------------------------------

    def _whole_site_states(self) -> Iterator[_RuleState]:
        return (state for state in self.states.values() if not state.rule.per_page)

    def _runs(self, rule: Rule) -> bool:
        return len(self.site.pages) >= rule.min_pages

    def _options(self, rule: Rule) -> Any:
        return self.plan.options[rule.code]

    def recheck_all(self) -> set[str]:
        """Every site rule over every page (after `load`)."""
        for state in self._whole_site_states():
            state.stale = True
        return self._recheck_per_page(None, set()) | self.sweep()

    def _recheck_per_page(self, changed: set[str] | None, moved: set[str]) -> set[str]:
        """Per-page rules: check again `changed` and the readers of those of its
        pages whose summary moved (codes in `moved`); every page when `changed`
        is None. Returns the pages whose findings changed."""
        touched: set[str] = set()
        for code, state in self.states.items():
            rule = state.rule
            if not rule.per_page:
                continue
            if not self._runs(rule):
                touched |= set(state.findings)
                state.findings.clear()
                continue
            if changed is None:
                pages = set(state.summaries) | set(state.findings)
            else:
                pages = set(changed)
                if code in moved:
                    for page in changed:
                        pages |= state.readers.get(page, set())
            if not pages:
                continue
            context = self._context(state)
            options = self._options(rule)
            for page in sorted(pages):
                old = state.findings.get(page, [])
                for target in state.reads.pop(page, frozenset()):
                    state.readers.get(target, set()).discard(page)
                if page not in state.summaries:
                    state.findings.pop(page, None)
                else:
                    reads = frozenset(rule.module.page_dependencies(context, page))
                    state.reads[page] = reads
                    for target in reads:
                        state.readers.setdefault(target, set()).add(page)
                    found = list(rule.module.check_page(context, page, options)
                                 if options is not None
                                 else rule.module.check_page(context, page))
                    state.findings[page] = found
                if state.findings.get(page, []) != old:
                    touched.add(page)
        return touched

    def _context(self, state: _RuleState) -> Any:
        """`prepare`'s context, made again only when the pages or the listing
        changed: the rules read the summaries through the mapping they are given
        (the live one), and build their lookups from the site's listing."""
        known = self._contexts.get(state.rule.code)
        if known is None or known[0] is not self.site.files or known[2] != self._layout:
            context = state.rule.module.prepare(self.site, state.summaries)
            self._contexts[state.rule.code] = (self.site.files, context, self._layout)
            return context
        return known[1]

    @property
    def pending(self) -> bool:
        """Whole-site rules wait for `sweep`."""
        return any(state.stale for state in self._whole_site_states())

    def sweep(self) -> set[str]:
        """Run the whole-site rules whose summaries changed; the display paths
        whose findings changed."""
        touched: set[str] = set()
        for state in self._whole_site_states():
            if not state.stale:
                continue
            state.stale = False
            rule = state.rule
            found: dict[str, list[Finding]] = {}
            if self._runs(rule):
                options = self._options(rule)
                produced = whole_site_findings(rule, self.site, state.summaries, options)
                for display, finding in produced:
                    found.setdefault(display, []).append(finding)
            for display in set(found) | set(state.findings):
                if found.get(display, []) != state.findings.get(display, []):
                    touched.add(display)
            state.findings = found
        return touched

    # -- reports ---------------------------------------------------------------

    def displays(self) -> set[str]:
        """Every page, and every other file a site rule reports into (mkdocs.yml)."""
        found = set(self.results)
        for state in self.states.values():
            found.update(display for display, items in state.findings.items() if items)
        return found

    def site_reports(self, display: str) -> list[Report]:
        reports = []
        for code, state in self.states.items():
            rule = state.rule
            for finding in state.findings.get(display, ()):
                reports.append(Report(display, code, rule.name, self.plan.severities[code],
                                      finding.span, finding.message, finding.fix))
        return reports

    def reports(self, display: str, result: FileResult | None = None) -> list[Report]:
        """What `run()` reports for `display`: its own findings and the site rules',
        suppressions applied, SUP001 added. `result` stands in for the stored one
        (a preview of an edit not yet put)."""
        result = result or self.results.get(display)
        site = self.site_reports(display)
        if result is None:  # not a page: per-file ignores apply, suppressions do not
            rules = {state.rule.code: state.rule for state in self.states.values()}
            return sorted((report for report in site
                           if not ignored_for_file(display, rules[report.code], self.config)),
                          key=lambda report: report.sort_key)
        suppressions = fresh(result.suppressions)
        reports = suppressions.filter(result.reports) + suppressions.filter(site)
        if suppressions.directives:
            reports += suppressions.unused_reports(display, result.lines or ("",), self.plan)
        return sorted(reports, key=lambda report: report.sort_key)

    def preview(self, source: SourceFile, result: FileResult) -> list[Report]:
        """The reports `display` would have with `result`, nothing stored: its
        per-page site rules run on its new summary, whole-site findings as they stand
        (the language server's "fix all" passes)."""
        display = source.display
        saved: dict[str, tuple[bool, Any, list[Finding] | None]] = {}
        saved_reads: dict[str, frozenset[str] | None] = {}
        try:
            for code, state in self.states.items():
                if not state.rule.per_page:
                    continue
                saved[code] = (display in state.summaries, state.summaries.get(display),
                               state.findings.get(display))
                if code in result.summaries:
                    state.summaries[display] = result.summaries[code]
                else:
                    state.summaries.pop(display, None)
                saved_reads[code] = state.reads.get(display)
            self._recheck_per_page({display}, set())
            return self.reports(display, result)
        finally:
            for code, (had, summary, findings) in saved.items():
                state = self.states[code]
                if had:
                    state.summaries[display] = summary
                else:
                    state.summaries.pop(display, None)
                if findings is None:
                    state.findings.pop(display, None)
                else:
                    state.findings[display] = findings
                for target in state.reads.pop(display, frozenset()):
                    state.readers.get(target, set()).discard(display)
                before = saved_reads.get(code)
                if before is not None:
                    state.reads[display] = before
                    for target in before:
                        state.readers.setdefault(target, set()).add(display)


def index_sites(arguments: list[str] | list[SourceFile], config: Config, plan: Plan,
                jobs: int | None = None, cache: ResultCache | None = None) -> list[LiveSite]:
    """The live sites of the pages under `arguments` (paths, or files already
    discovered), linted as `run()` lints them (sites, the result cache, worker
    processes), every summary read."""
    from curriculint.run.discover import discover, parse_options_of, sites_for
    from curriculint.run.lint_pages import lint_all
    from curriculint.store.summaries import SiteSummaries

    if all(isinstance(argument, SourceFile) for argument in arguments):
        sources = [argument for argument in arguments if isinstance(argument, SourceFile)]
    else:
        sources, _problems = discover([str(argument) for argument in arguments], config)
    sites, site_of = sites_for(sources, config)
    sources = [source for source in sources if source.display in site_of]
    plan.site_pages = max((len(site.pages) for site in sites.values()), default=0)
    options_of = parse_options_of(sources, site_of, config)
    workers = jobs if jobs is not None else (config.jobs or os.cpu_count() or 1)
    results = lint_all(sources, options_of, plan, workers, cache, None)
    by_display = {result.display: result for result in results}
    for rule in plan.rules:
        if rule.is_site_rule:
            SiteSummaries(rule.code, {display: result.summaries
                                      for display, result in by_display.items()
                                      if rule.code in result.summaries}).read_all()
    live: dict[Path, LiveSite] = {}
    for source in sources:
        site = site_of[source.display]
        if site.root not in live:
            site.list_files()
            live[site.root] = LiveSite(config, dataclasses.replace(plan), site)
        result = by_display[source.display]
        summaries = {code: result.summaries[code] for code in result.summaries}
        lines = result.lines
        if result.suppressions.directives and not lines:
            lines = _lines_of(source)
        live[site.root].load([(source, dataclasses.replace(result, summaries=summaries,
                                                           lines=lines))])
    for site_live in live.values():
        site_live.recheck_all()
    return list(live.values())


def _lines_of(source: SourceFile) -> tuple[str, ...]:
    from curriculint.load import document
    from curriculint.load.decode import decode, split_lines

    try:
        return tuple(split_lines(decode(document.read(source.path)).text))
    except OSError:
        return ("",)
