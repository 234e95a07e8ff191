"""What the language server knows: configurations, the workspace's live sites,
the pages open in the editor.

Each page takes the configuration nearest above it (as `curriculint check PAGE`
does) and belongs to the site `check` would put it in (MkDocs' docs_dir, a
configured root, else the workspace folder). The server works in the workspace
folder, so display paths, the cache folder and relative settings are those of
`curriculint check .` run there. The workspace is indexed once, in a thread,
through the engine (the result cache, worker processes); from then on a page
is linted alone when it changes and the live site (curriculint/run/live.py)
redoes the site rules it reaches. Nothing here speaks the protocol.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from curriculint.config import Config, ConfigError, find_config, load_config
from curriculint.load.decode import decode, split_lines
from curriculint.load.document import Document
from curriculint.load.site import Site, forget_projects, site_root_for
from curriculint.model import Report
from curriculint.run.discover import display_path, inclusion
from curriculint.run.live import LiveSite
from curriculint.run.plan import Plan, validate_selectors
from curriculint.run.records import FileResult, SourceFile

log = logging.getLogger(__name__)

# Files whose change means a new configuration: every site is indexed again.
SETTINGS_FILES = ("curriculint.toml", ".curriculint.toml", "pyproject.toml", "mkdocs.yml",
                  "mkdocs.yaml")


@dataclass
class Settings:
    """`initializationOptions` (docs/editors.md), with their defaults."""

    debounce: float = 0.15  # seconds between the last keystroke and a lint
    sweep_delay: float = 0.6  # seconds of quiet before the whole-site rules run
    scope: str = "workspace"  # push diagnostics of every indexed page, or only "open" ones
    mode: str = "auto"  # "pull" when the client can, else "push"; or either, forced
    index: bool = True  # index the workspace at start-up
    max_pages: int = 20_000  # a larger workspace is not indexed (open pages still are)
    jobs: int | None = None  # worker processes for the index (default: the configuration's)
    cache: bool = True  # read and fill the result cache while indexing
    timings: bool = False  # log each update's time (window/logMessage), for bench/lsp.py

    @classmethod
    def from_options(cls, options: object) -> Settings:
        settings = cls()
        if not isinstance(options, dict):
            return settings
        names = {"debounceMs": "debounce", "sweepDelayMs": "sweep_delay",
                 "diagnosticScope": "scope", "diagnosticMode": "mode", "index": "index",
                 "maxPages": "max_pages", "jobs": "jobs", "cache": "cache",
                 "timings": "timings"}
        for key, name in names.items():
            if key not in options:
                continue
            value = options[key]
            if name in ("debounce", "sweep_delay") and isinstance(value, int | float):
                setattr(settings, name, max(float(value), 0.0) / 1000)
            elif name == "scope" and value in ("workspace", "open"):
                settings.scope = value
            elif name == "mode" and value in ("auto", "push", "pull"):
                settings.mode = value
            elif (name in ("index", "cache", "timings") and isinstance(value, bool)) or (
                    name in ("max_pages", "jobs") and type(value) is int and value > 0):
                setattr(settings, name, value)
        return settings


@dataclass
class OpenPage:
    """A page open in the editor: its buffer, and what its last lint found."""

    uri: str
    path: Path  # absolute
    display: str
    version: int | None
    text: str
    linted: int | None = -1  # the version the result is of
    result: FileResult | None = None
    doc: Document | None = None
    lines: tuple[str, ...] = field(default_factory=tuple)
    bom: bool = False  # the file on disk starts with one: the editor drops it

    def set_text(self, text: str, version: int | None) -> None:
        self.text, self.version = text, version
        self.lines = tuple(split_lines(text))

    @property
    def raw(self) -> bytes:
        return (b"\xef\xbb\xbf" if self.bom else b"") + self.text.encode("utf-8", "surrogatepass")

    @property
    def current(self) -> bool:
        return self.result is not None and self.linted == self.version


def offline(config: Config) -> Config:
    """An editor never waits on the network: the online rules stay off."""
    return config.model_copy(update={"online": False}) if config.online else config


class State:
    def __init__(self, root: Path | None, settings: Settings) -> None:
        self.root = root
        self.settings = settings
        self.sites: dict[tuple[str, Path], LiveSite] = {}
        self.page_sites: dict[str, LiveSite] = {}  # display -> its site
        self.open: dict[str, OpenPage] = {}  # uri -> page
        self.open_by_display: dict[str, OpenPage] = {}
        self.indexed = False
        self.errors: list[str] = []  # configuration errors not yet shown
        self._configs: dict[Path | None, Config | str] = {}
        self._config_files: dict[Path, Path | None] = {}
        self._disk_lines: dict[str, tuple[tuple[int, int], tuple[str, ...]]] = {}

    # -- configuration and sites -------------------------------------------------

    def config_file(self, folder: Path) -> Path | None:
        if folder not in self._config_files:
            self._config_files[folder] = find_config(folder)
        return self._config_files[folder]

    def config_of(self, found: Path | None) -> Config | None:
        """The configuration in `found` (None: the defaults), validated as `check`
        validates it; None after a configuration error (kept in `errors`)."""
        if found not in self._configs:
            try:
                config = offline(load_config(found) if found else Config())
                validate_selectors(config)
                if config.collections:
                    from curriculint.load.collections import check_collections

                    check_collections(config)
                self._configs[found] = config
            except ConfigError as error:
                self._configs[found] = str(error)
                self.errors.append(str(error))
        known = self._configs[found]
        return known if isinstance(known, Config) else None

    def config_for(self, path: Path) -> Config | None:
        return self.config_of(self.config_file(path.parent))

    def reset(self) -> None:
        """A configuration or mkdocs.yml changed: forget every site and setting."""
        forget_projects()
        self.sites.clear()
        self.page_sites.clear()
        self._configs.clear()
        self._config_files.clear()
        self._disk_lines.clear()
        for page in self.open.values():
            page.linted, page.result, page.doc = -1, None, None
        self.indexed = False

    def display(self, path: Path) -> str:
        return display_path(path)

    def source(self, path: Path, display: str) -> SourceFile:
        return SourceFile(path, display, self.root or path.parent, path.resolve())

    def live_for(self, path: Path) -> LiveSite | None:
        """The live site a page belongs to; None when no configuration can lint it
        (an error in it) or it excludes the page."""
        display = self.display(path)
        if display in self.page_sites:
            return self.page_sites[display]
        config = self.config_for(path)
        if config is None:
            return None
        posix = Path(display).as_posix()
        if not inclusion(config)(path.name, posix):
            return None
        real = path.resolve()
        root, project, kind = site_root_for(real, config, self.root or path.parent)
        key = (config.source, root)
        live = self.sites.get(key)
        if live is None:
            site = Site(root=root,
                        use_directory_urls=project.use_directory_urls if project
                        else config.use_directory_urls,
                        slug_style=project.slug_style if project else config.slugify,
                        mkdocs=project, root_kind=kind)
            site.list_files()
            live = self.sites[key] = LiveSite(config, Plan.make(config), site)
        return live

    # -- indexing --------------------------------------------------------------

    def index(self) -> tuple[list[tuple[tuple[str, Path], LiveSite]], list[str]]:
        """Every page of the workspace linted, as live sites: runs in a thread
        and touches nothing of the state's (the caller installs the sites)."""
        from curriculint.run.discover import discover
        from curriculint.run.lint_pages import open_cache
        from curriculint.run.live import index_sites

        if self.root is None:
            return [], []
        problems: list[str] = []
        try:
            root_config = offline(load_config(start=self.root))
        except ConfigError as error:
            return [], [str(error)]
        sources, _missing = discover(["."], root_config)
        if len(sources) > self.settings.max_pages:
            return [], [f"{len(sources):,} pages is more than maxPages "
                        f"({self.settings.max_pages:,}): only open pages are linted"]
        groups: dict[Path | None, list[SourceFile]] = {}
        found: dict[Path, Path | None] = {}
        for source in sources:
            folder = source.real.parent
            if folder not in found:
                found[folder] = find_config(folder)
            groups.setdefault(found[folder], []).append(source)
        built: list[tuple[tuple[str, Path], LiveSite]] = []
        for config_file, group in groups.items():
            try:
                config = offline(load_config(config_file) if config_file else Config())
                validate_selectors(config)
            except ConfigError as error:
                problems.append(str(error))
                continue
            included = inclusion(config)
            group = [source for source in group
                     if included(source.path.name, Path(source.display).as_posix())]
            plan = Plan.make(config)
            cache = open_cache(plan) if self.settings.cache else None
            try:
                sites = index_sites(group, config, plan, self.settings.jobs, cache)
            finally:
                if cache is not None:
                    cache.close()
            built.extend(((config.source, live.site.root), live) for live in sites)
        return built, problems

    def install(self, built: Iterable[tuple[tuple[str, Path], LiveSite]]) -> set[str]:
        """The sites an index built replace those of the same key; open pages are
        linted again from their buffers. The display paths to report again."""
        touched: set[str] = set()
        for key, live in built:
            old = self.sites.get(key)
            if old is not None:
                touched |= old.displays()
            self.sites[key] = live
            for display in live.results:
                self.page_sites[display] = live
            touched |= live.displays()
        self.indexed = True
        for page in self.open.values():
            touched |= self.lint_open(page)
        return touched

    # -- pages -----------------------------------------------------------------

    def lint_open(self, page: OpenPage, whole_site: bool = False) -> set[str]:
        """Lint an open page's buffer and put it into its site: the display paths
        whose reports may have changed."""
        live = self.live_for(page.path)
        if live is None:
            page.result, page.doc, page.linted = None, None, page.version
            return {page.display}
        source = self.source(page.path, page.display)
        result, doc = live.lint(source, page.raw)
        page.result, page.doc, page.linted = result, doc, page.version
        self.page_sites[page.display] = live
        return live.put(source, result, whole_site=whole_site)

    def lint_disk(self, path: Path) -> set[str]:
        """A page changed or appeared on disk (not open in the editor)."""
        display = self.display(path)
        self._disk_lines.pop(display, None)
        live = self.live_for(path)
        if live is None:
            return set()
        try:
            raw = path.read_bytes()
        except OSError:
            return self.remove(path)
        source = self.source(path, display)
        result, _doc = live.lint(source, raw)
        self.page_sites[display] = live
        return live.put(source, result)

    def remove(self, path: Path) -> set[str]:
        """A page deleted, or renamed away."""
        display = self.display(path)
        self._disk_lines.pop(display, None)
        live = self.page_sites.pop(display, None)
        if live is None:
            return set()
        return live.remove(display)

    def file_added_or_removed(self, path: Path) -> set[str]:
        """A file that is not a page (an image) appeared or went: the listings of
        the sites that hold it change."""
        touched: set[str] = set()
        real = path.resolve() if path.exists() else path
        for live in list(self.sites.values()):
            root = live.site.root
            if not real.is_relative_to(root):
                continue
            relative = real.relative_to(root).as_posix()
            files = (live.site.files | {relative} if path.exists()
                     else live.site.files - {relative})
            touched |= live.set_files(files)
        return touched

    def sweep(self) -> set[str]:
        touched: set[str] = set()
        for live in self.sites.values():
            touched |= live.sweep()
        return touched

    @property
    def pending(self) -> bool:
        return any(live.pending for live in self.sites.values())

    # -- reports ---------------------------------------------------------------

    def reports(self, display: str) -> list[Report]:
        live = self.page_sites.get(display)
        if live is not None:
            return live.reports(display)
        found: list[Report] = []
        for other in self.sites.values():  # a file a site rule reports into
            found += other.reports(display)
        return found

    def displays(self) -> set[str]:
        """Every file that has (or may have) reports."""
        found: set[str] = set(self.open_by_display)
        for live in self.sites.values():
            found |= live.displays()
        return found

    def lines(self, display: str) -> tuple[str, ...]:
        """The lines of a file as the client has them: the buffer when open, else
        the file on disk."""
        page = self.open_by_display.get(display)
        if page is not None:
            return page.lines
        path = Path(display)
        try:
            info = path.stat()
            stamp = (info.st_mtime_ns, info.st_size)
            known = self._disk_lines.get(display)
            if known is not None and known[0] == stamp:
                return known[1]
            lines = tuple(split_lines(decode(path.read_bytes()).text))
        except OSError:
            return ("",)
        if len(self._disk_lines) > 256:
            self._disk_lines.clear()
        self._disk_lines[display] = (stamp, lines)
        return lines

    def open_page(self, uri: str, path: Path, text: str, version: int | None) -> OpenPage:
        display = self.display(path)
        page = OpenPage(uri, path, display, version, text)
        page.set_text(text, version)
        try:
            with path.open("rb") as stream:
                page.bom = stream.read(3) == b"\xef\xbb\xbf" and not text.startswith("\ufeff")
        except OSError:
            pass
        self.open[uri] = page
        self.open_by_display[display] = page
        return page

    def close_page(self, uri: str) -> OpenPage | None:
        page = self.open.pop(uri, None)
        if page is not None:
            self.open_by_display.pop(page.display, None)
        return page


def relint_preview(state: State, page: OpenPage, text: str) -> list[Report]:
    """What the page would report with `text`, nothing stored ("fix all")."""
    live = state.live_for(page.path)
    if live is None:
        return []
    probe = dataclasses.replace(page, result=None, doc=None)
    probe.set_text(text, page.version)
    source = state.source(page.path, page.display)
    result, _doc = live.lint(source, probe.raw)
    return live.preview(source, result)


def working_folder(root: Path | None) -> None:
    """Work in the workspace folder, as `curriculint check .` run there."""
    if root is not None and root.is_dir():
        os.chdir(root)
