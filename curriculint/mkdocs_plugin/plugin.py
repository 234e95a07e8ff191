"""`plugins: [curriculint]`: lint the pages MkDocs builds, against what it renders.

During `mkdocs build` and `mkdocs serve` the plugin lints every page MkDocs
builds: the files that other plugins add (generated pages are linted from the
content they were given) and not those they drop or exclude. Local links are
resolved against the files of the build. Anchors are checked against the ids
each page's rendered HTML really carries, so ids that hooks, macros and
mkdocstrings add, rename or remove are known exactly (LNK003 reads them instead
of the ids it would predict from the Markdown).

Findings are logged as MkDocs warnings (errors and warnings) or info, so
`mkdocs build --strict` fails on them. Under `mkdocs serve` the plugin lives
across rebuilds and lints again only the pages whose source changed; the site
rules run over the whole site each time, in memory.

Configuration is curriculint's own, found as `curriculint check` finds it (the
nearest above mkdocs.yml), or named with `config_file`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config as MkDocsOptions
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from curriculint.checks.links.anchor_ids import NO_MARKS
from curriculint.config import Config, ConfigError, find_config, load_config
from curriculint.load.site import MkDocsProject, Site, forget_projects, read_mkdocs
from curriculint.model import Report, Severity
from curriculint.run.discover import display_path, inclusion
from curriculint.run.live import LiveSite
from curriculint.run.plan import Plan, validate_selectors
from curriculint.run.records import FileResult, SourceFile

log = logging.getLogger("mkdocs.plugins.curriculint")

ANCHOR_RULE = "LNK003"


class PluginOptions(MkDocsOptions):
    enabled = config_options.Type(bool, default=True)
    # curriculint's configuration file; default: the nearest above mkdocs.yml
    config_file = config_options.Optional(config_options.Type(str))
    # check anchors against the rendered HTML (else against predicted ids, as `check`)
    rendered_anchors = config_options.Type(bool, default=True)


class _Ids(HTMLParser):
    """The fragment targets of an HTML page: every `id`, and `name` on `<a>`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)


def rendered_ids(html: str) -> frozenset[str]:
    parser = _Ids()
    parser.feed(html)
    parser.close()
    return frozenset(parser.ids)


class CurriculintPlugin(BasePlugin[PluginOptions]):
    def __init__(self) -> None:
        self.memo: dict[tuple[str, str, str], FileResult] = {}  # kept across serve rebuilds
        self.relinted = 0  # pages linted by the last build (the others came from memo)
        self.reports: list[Report] = []  # what the last build reported
        self.settings: Config | None = None
        self.plan: Plan | None = None
        self.project: MkDocsProject | None = None
        self.files: Files | None = None
        self.ids: dict[str, frozenset[str]] = {}  # src_uri -> rendered ids
        self.headings: dict[str, tuple[tuple[str, str], ...]] = {}  # src_uri -> (id, title)
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        config_path = Path(config.config_file_path or "mkdocs.yml").resolve()
        try:
            if self.config.config_file:
                found: Path | None = config_path.parent / self.config.config_file
            else:
                found = find_config(config_path.parent)
            settings = load_config(found) if found else Config()
            settings = settings.model_copy(update={"online": False})
            validate_selectors(settings)
            if settings.collections:
                from curriculint.load.collections import check_collections

                check_collections(settings)
        except ConfigError as error:
            raise PluginError(f"curriculint: {error}") from None
        forget_projects()  # under serve, mkdocs.yml may have changed since the last build
        project = read_mkdocs(config_path)
        if settings != self.settings or project != self.project:
            self.memo.clear()  # new settings, or slugs and nav: lint every page again
        self.settings = settings
        self.plan = Plan.make(settings)
        self.project = project
        self.ids, self.headings = {}, {}
        return config

    @event_priority(-100)  # after every other plugin: the files as MkDocs builds them
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        self.files = files
        return files

    @event_priority(-100)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.config.enabled and self.config.rendered_anchors:
            self.ids[page.file.src_uri] = rendered_ids(output)
            self.headings[page.file.src_uri] = tuple(_flatten(page.toc))
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.files is None or self.plan is None:
            return
        assert self.settings is not None
        live = self._lint(config, self.files)
        reports = sorted((report for display in live.displays()
                          for report in live.reports(display)),
                         key=lambda report: report.sort_key)
        self.reports = reports
        for report in reports:
            level = logging.INFO if report.severity is Severity.INFO else logging.WARNING
            log.log(level, "curriculint: %s:%d:%d: %s %s", report.path, report.span.line,
                    report.span.column, report.code, report.message)
        counts = f"{len(reports)} finding(s) in {len(live.results)} page(s)"
        log.info("curriculint: %s (%d linted again)", counts, self.relinted)

    def _lint(self, config: MkDocsConfig, files: Files) -> LiveSite:
        assert self.settings is not None and self.plan is not None
        level = InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included
        docs_dir = Path(config.docs_dir).resolve()
        built = [file for file in files if level(file.inclusion)]
        project = self.project
        site = Site(root=docs_dir, use_directory_urls=config.use_directory_urls,
                    slug_style=project.slug_style if project else self.settings.slugify,
                    mkdocs=project, files=frozenset(file.src_uri for file in built))
        plan = dataclasses.replace(self.plan)
        pages = [file for file in built if file.is_documentation_page()]
        plan.site_pages = len(pages)
        live = LiveSite(self.settings, plan, site)
        self.relinted = 0
        seen: set[tuple[str, str, str]] = set()
        included = inclusion(self.settings)  # the configuration's exclude applies
        for file in pages:
            path = (Path(file.abs_src_path) if file.abs_src_path
                    else docs_dir / Path(file.src_uri))
            display = display_path(path)
            if not included(path.name, Path(display).as_posix()):
                continue
            site.pages[display] = file.src_uri
            raw = file.content_bytes
            key = (display, file.src_uri, hashlib.sha256(raw).hexdigest())
            seen.add(key)
            source = SourceFile(path, display, docs_dir, path.resolve())
            result = self.memo.get(key)
            if result is None:
                result, _doc = live.lint(source, raw)
                if not result.suppressions.directives:
                    result = dataclasses.replace(result, lines=())  # memory: no text kept
                self.memo[key] = result
                self.relinted += 1
            live.load([(source, result)])
        for key in set(self.memo) - seen:  # pages gone or changed: their old results
            del self.memo[key]
        if self.config.rendered_anchors and ANCHOR_RULE in live.states:
            _use_rendered_ids(live, self.ids, self.headings)
        live.recheck_all()
        return live


def _flatten(toc: Any) -> Iterator[tuple[str, str]]:
    for item in toc or ():
        yield item.id, item.title
        yield from _flatten(item.children)


def _use_rendered_ids(live: LiveSite, ids: dict[str, frozenset[str]],
                      headings: dict[str, tuple[tuple[str, str], ...]]) -> None:
    """LNK003 reads the ids each page's HTML carries, and the headings of its
    table of contents, instead of those it predicts from the Markdown."""
    state = live.states[ANCHOR_RULE]
    for display, summary in list(state.summaries.items()):
        src_uri = live.site.pages.get(display, "")
        rendered = ids.get(src_uri)
        if rendered is not None and hasattr(summary, "ids"):
            # The rendered ids are the build's own: nothing is left for the build
            # to make (the marks that send a fragment to LNK007 go).
            state.summaries[display] = dataclasses.replace(
                summary, ids=rendered, headings=headings.get(src_uri, summary.headings),
                marks=NO_MARKS)
