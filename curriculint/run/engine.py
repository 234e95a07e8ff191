"""Runs the rules: files -> documents -> findings -> reports.

Per-document work (load, index, document rules, summaries for site rules) is a
pure function of one file, so it can run in worker processes; site rules then
run once over the small per-page summaries.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import functools
import hashlib
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from curriculint.config import Config, ConfigError
from curriculint.load.decode import decode, split_lines
from curriculint.load.document import Document, ParseOptions, parse, read
from curriculint.load.site import (
    MkDocsProject,
    Site,
    remembering_projects,
    resolve_file,
    site_root_for,
)
from curriculint.model import Finding, Report, Severity, Span
from curriculint.run.registry import Rule, all_rules, matches, select_rules
from curriculint.run.site_pass import site_findings
from curriculint.run.suppressions import Suppressions, parse_suppressions
from curriculint.store.summaries import LazySummaries, SiteSummaries, StoredSummaries, summary_key

if TYPE_CHECKING:
    from curriculint.run.shard import Shard
    from curriculint.store.results import ResultCache

log = logging.getLogger(__name__)

PARALLEL_THRESHOLD = 48


@dataclass(frozen=True)
class SourceFile:
    path: Path
    display: str
    argument_root: Path
    real: Path  # resolved once, at discovery


@dataclass
class FileResult:
    display: str
    reports: list[Report]
    # Site rules' summaries; StoredSummaries in the cache, LazySummaries after a hit.
    summaries: Mapping[str, Any]
    suppressions: Suppressions
    lines: tuple[str, ...]
    digest: str = ""
    error: str | None = None


@dataclass
class RunResult:
    reports: list[Report] = field(default_factory=list)
    files: int = 0
    errors: list[str] = field(default_factory=list)
    # display path -> path on disk and sha256 of the bytes that were linted
    paths: dict[str, Path] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        if any(report.severity is Severity.ERROR for report in self.reports):
            return 1
        return 0


class InternalError(AssertionError):
    """A rule reported a position outside its document: a bug, not a finding."""


def display_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _inclusion(config: Config) -> Callable[[str, str], bool]:
    """`included(name, posix_path)`, with the patterns compiled once: the name
    matches an include pattern, and neither the path nor the name matches an
    exclude pattern (a path also matches when a trailing part of it does)."""

    def either(patterns: Iterable[str]) -> re.Pattern[str] | None:
        translated = [fnmatch.translate(os.path.normcase(pattern)) for pattern in patterns]
        return re.compile("|".join(translated)) if translated else None

    include = either(config.include)
    by_name = either(config.exclude)
    by_path = either([*config.exclude, *(f"*/{pattern}" for pattern in config.exclude)])

    def included(name: str, posix: str) -> bool:
        name = os.path.normcase(name)
        if include is None or not include.match(name):
            return False
        if by_name is None or by_path is None:
            return True
        return not (by_path.match(os.path.normcase(posix)) or by_name.match(name))

    return included


def discover(arguments: Sequence[str], config: Config) -> tuple[list[SourceFile], list[str]]:
    """Files to lint, in a stable order, and problems with the arguments."""
    found: dict[Path, SourceFile] = {}
    problems: list[str] = []
    included = _inclusion(config)
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            for folder, dirs, names in os.walk(path, followlinks=False):
                dirs[:] = sorted(name for name in dirs if not name.startswith("."))
                # Per folder, not per file: its Path, its display form, where it really is.
                base = Path(folder)
                prefix = "" if str(base) == "." else os.path.join(base.as_posix(), "")
                shown = display_path(base)
                shown_prefix = "" if shown == "." else os.path.join(shown, "")
                real_base: Path | None = None
                for name in sorted(names):
                    if not included(name, prefix + name):
                        continue
                    candidate = base / name
                    if candidate.is_symlink():
                        real = candidate.resolve()
                    else:
                        real_base = real_base or resolve_file(candidate).parent
                        real = real_base / name
                    found.setdefault(real, SourceFile(candidate, shown_prefix + name, path, real))
        elif path.is_file():
            # An explicitly named file is linted even if it does not match include.
            real = path.resolve()
            found.setdefault(real, SourceFile(path, display_path(path), path.parent, real))
        elif path.is_symlink():
            problems.append(f"{argument}: broken symbolic link")
        else:
            problems.append(f"{argument}: no such file or directory")
    return sorted(found.values(), key=lambda source: source.display), problems


def _options_for(rule: Rule, config: Config) -> BaseModel | None:
    model = rule.options_model
    if model is None:
        return None
    raw = config.rules.get(rule.code) or config.rules.get(rule.name) or {}
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        location = ".".join(str(part) for part in first["loc"])
        raise ConfigError(
            f"[tool.curriculint.rules.{rule.code}] {location}: {first['msg']}") from None


def _severity(rule: Rule, config: Config) -> Severity:
    for key in (rule.code, rule.name):
        if key in config.severity:
            return config.severity[key]
    prefixes = [key for key in config.severity if rule.code.startswith(key)]
    if prefixes:
        return config.severity[max(prefixes, key=len)]
    return rule.severity


def _ignored_for_file(display: str, rule: Rule, config: Config) -> bool:
    if not config.per_file_ignores:  # the usual case, asked once per page and rule
        return False
    posix = Path(display).as_posix()
    for pattern, selectors in config.per_file_ignores.items():
        if (fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(posix, f"*/{pattern}")) and any(
                matches(rule, selector) for selector in selectors):
            return True
    return False


def check_span(span: Span, lines: Sequence[str], where: str) -> None:
    """A bad position is a bug in the rule (markdownlint throws on one too)."""
    last = len(lines)
    ok = (
        1 <= span.line <= last
        and 1 <= span.end_line <= last
        and (span.line, span.column) <= (span.end_line, span.end_column)
        and 1 <= span.column <= len(lines[span.line - 1]) + 1
        and 1 <= span.end_column <= len(lines[span.end_line - 1]) + 1
    )
    if not ok:
        raise InternalError(f"{where}: position {span} lies outside the document "
                            f"({last} lines)")


def make_report(display: str, rule: Rule, severity: Severity, finding: Finding,
                lines: Sequence[str]) -> Report:
    check_span(finding.span, lines, f"{display} {rule.code}")
    if finding.code != rule.code:
        raise InternalError(f"{rule.code} yielded a finding for {finding.code}")
    return Report(display, rule.code, rule.name, severity, finding.span, finding.message,
                  finding.fix, lines[finding.span.line - 1])


class _Options(dict[str, "BaseModel | None"]):
    """Rule code -> validated options, filled on first use: a rule that never
    runs (every page cached) is never imported to build its defaults."""

    def __init__(self, rules: tuple[Rule, ...], config: Config) -> None:
        super().__init__()
        self._rules = {rule.code: rule for rule in rules}
        self._config = config
        for rule in rules:  # what the user wrote is checked before any page is read
            if rule.has_options and (rule.code in config.rules or rule.name in config.rules):
                self[rule.code] = _options_for(rule, config)

    def __missing__(self, code: str) -> BaseModel | None:
        options = self[code] = _options_for(self._rules[code], self._config)
        return options


@dataclass
class Plan:
    """The selected rules with their options and severities, for one run."""

    config: Config
    rules: tuple[Rule, ...]
    options: dict[str, BaseModel | None]
    severities: dict[str, Severity]
    # Pages in the run; a site rule that needs min_pages more is skipped (and so
    # are its imports, which matters for a one-file pre-commit run).
    site_pages: int = 0

    def __reduce__(self) -> tuple[Any, ...]:
        # Rules hold modules, which do not pickle; workers rebuild the plan from codes.
        return (Plan.from_codes, (self.config, tuple(rule.code for rule in self.rules),
                                  self.site_pages))

    @classmethod
    def from_codes(cls, config: Config, codes: tuple[str, ...], site_pages: int = 0) -> Plan:
        rules = tuple(rule for rule in all_rules() if rule.code in set(codes))
        return cls(config, rules, _Options(rules, config),
                   {rule.code: _severity(rule, config) for rule in rules}, site_pages)

    @classmethod
    def make(cls, config: Config, select: Iterable[str] = (), ignore: Iterable[str] = (),
             extend: Iterable[str] = ()) -> Plan:
        select = list(select) or list(config.select)
        rules = tuple(rule for rule in select_rules(select, [*config.extend_select, *extend],
                                                    [*config.ignore, *ignore])
                      if config.online or not rule.online)
        return cls(config, rules, _Options(rules, config),
                   {rule.code: _severity(rule, config) for rule in rules})


def _run_document_rules(doc: Document, plan: Plan) -> tuple[list[Report], dict[str, Any]]:
    reports: list[Report] = []
    summaries: dict[str, Any] = {}
    for rule in plan.rules:
        if _ignored_for_file(doc.path, rule, plan.config):
            continue
        options = plan.options[rule.code]
        if rule.is_site_rule:
            if plan.site_pages >= rule.min_pages:
                summaries[rule.code] = rule.module.summarize(doc)
            continue
        findings = rule.check(doc, options) if options is not None else rule.check(doc)
        for finding in findings:
            reports.append(make_report(doc.path, rule, plan.severities[rule.code], finding,
                                       doc.lines))
    return reports, summaries


def lint_bytes(source: SourceFile, raw: bytes, plan: Plan, parse_options: ParseOptions
               ) -> FileResult:
    reason = _over_limits(raw, plan.config)
    if reason:
        return _too_large(source, plan, reason, hashlib.sha256(raw).hexdigest())
    doc = parse(raw, source.display, parse_options)
    reports, summaries = _run_document_rules(doc, plan)
    return FileResult(source.display, reports, summaries, parse_suppressions(doc), doc.lines,
                      hashlib.sha256(raw).hexdigest())


def lint_file(source: SourceFile, plan: Plan, parse_options: ParseOptions) -> FileResult:
    try:
        too_large = _too_large_on_disk(source, plan)
        raw = read(source.path)
    except OSError as error:
        return _unreadable(source, error)
    if too_large:
        return too_large
    return lint_bytes(source, raw, plan, parse_options)


_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def _over_limits(raw: bytes, config: Config) -> str:
    """Why a file is not parsed (IO001), or "" when it is within the limits."""
    if len(raw) > config.max_file_bytes:
        return (f"{len(raw):,} bytes is more than max-file-bytes ({config.max_file_bytes:,}); "
                "not checked")
    if len(raw) > config.max_line_bytes:
        start, number = 0, 1
        for line_break in _LINE_BREAK.finditer(raw):
            if line_break.start() - start > config.max_line_bytes:
                break
            start, number = line_break.end(), number + 1
        else:
            if len(raw) - start <= config.max_line_bytes:
                return ""
        return (f"line {number} is longer than max-line-bytes ({config.max_line_bytes:,}); "
                "file not checked")
    return ""


def _too_large_on_disk(source: SourceFile, plan: Plan) -> FileResult | None:
    """A file over max-file-bytes is reported without reading it into memory."""
    size = source.path.stat().st_size
    if size <= plan.config.max_file_bytes:
        return None
    return _too_large(source, plan, f"{size:,} bytes is more than max-file-bytes "
                      f"({plan.config.max_file_bytes:,}); not checked", "")


def _too_large(source: SourceFile, plan: Plan, reason: str, digest: str) -> FileResult:
    reports = []
    for rule in plan.rules:
        if rule.code == "IO001" and not _ignored_for_file(source.display, rule, plan.config):
            reports.append(make_report(source.display, rule, plan.severities[rule.code],
                                       Finding(rule.code, Span(1, 1, 1, 1), reason), ("",)))
    return FileResult(source.display, reports, {}, Suppressions(), ("",), digest)


def _unreadable(source: SourceFile, error: OSError) -> FileResult:
    reason = error.strerror or str(error)
    return FileResult(source.display, [], {}, Suppressions(), (), "",
                      f"{source.display}: cannot read: {reason}")


def _result_key(cache: ResultCache, digest: str, source: SourceFile, options: ParseOptions
                ) -> str:
    return cache.key(digest, f"{options.slug_style}|{options.emoji_index}|{source.display}")


def _lint_batch(batch: list[tuple[SourceFile, bytes, ParseOptions]], plan: Plan
                ) -> list[FileResult]:
    return [lint_bytes(source, raw, plan, options) for source, raw, options in batch]


def _sites_for(sources: list[SourceFile], config: Config) -> tuple[dict[Path, Site],
                                                                    dict[str, Site]]:
    sites: dict[Path, Site] = {}
    by_file: dict[str, Site] = {}
    roots: dict[tuple[Path, Path], tuple[Path, MkDocsProject | None, str]] = {}
    for source in sources:
        folder = (source.real.parent, source.argument_root)  # pages share their folder's root
        if folder not in roots:
            found_root, found_project = site_root_for(source.real, config, source.argument_root)
            roots[folder] = found_root, found_project, os.path.join(str(found_root), "")
        root, project, root_prefix = roots[folder]
        site = sites.get(root)
        if site is None:
            site = Site(
                root=root,
                use_directory_urls=project.use_directory_urls if project
                else config.use_directory_urls,
                slug_style=project.slug_style if project else config.slugify,
                mkdocs=project,
            )
            sites[root] = site
        real = str(source.real)
        # relative_to(root).as_posix(), by string: both paths are resolved
        site.pages[source.display] = (real[len(root_prefix):].replace(os.sep, "/")
                                      if real.startswith(root_prefix) else source.path.name)
        by_file[source.display] = site
    return sites, by_file


def _run_fingerprint(plan: Plan) -> str:
    from curriculint.store.results import code_fingerprint

    settings = plan.config.model_dump_json(exclude={"source", "jobs", "cache", "cache_dir"})
    codes = ",".join(rule.code for rule in plan.rules)
    return hashlib.sha256(f"{settings}|{codes}|{code_fingerprint()}".encode()).hexdigest()


def open_cache(plan: Plan) -> ResultCache | None:
    if not plan.config.cache or os.environ.get("CURRICULINT_NO_CACHE"):
        return None
    from curriculint.store.results import ResultCache

    folder = Path(os.environ.get("CURRICULINT_CACHE_DIR") or plan.config.cache_dir)
    return ResultCache(folder / "results.sqlite", _run_fingerprint(plan))


# Files are read, looked up in the cache and dispatched in chunks, so a very
# large site never holds every file's bytes at once.
CHUNK = 256
BATCH = 8  # files per task sent to a worker


def _lint_all(sources: list[SourceFile], options_of: dict[str, ParseOptions], plan: Plan,
              workers: int, cache: ResultCache | None,
              progress: Callable[[int, int], None] | None) -> list[FileResult]:
    results: dict[str, FileResult] = {}
    pool = None
    if workers > 1 and len(sources) >= PARALLEL_THRESHOLD:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=workers)
    done = 0
    # Batches stream to the pool across chunks (no barrier per chunk, so no core
    # idles at a chunk's tail); a bounded window keeps memory flat on huge sites.
    in_flight: set[Future[list[FileResult]]] = set()
    keys: dict[str, str] = {}

    def settle(fresh: list[FileResult]) -> None:
        nonlocal done
        # Neither kept nor cached: each page's lines. Only the cross-page index
        # (summaries, reports) stays for the whole run, so memory does not grow
        # with the text of the site; a site finding re-reads its file (lines_of).
        fresh = [dataclasses.replace(item, lines=()) for item in fresh]
        for item in fresh:
            results[item.display] = item
        if cache is not None:
            cache.put_many(_cache_entries((keys.pop(item.display), item)
                                          for item in fresh if not item.error))
        done += len(fresh)
        if progress is not None:
            progress(done, len(sources))

    def drain(limit: int) -> None:
        while len(in_flight) > limit:
            finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in finished:
                in_flight.discard(future)
                settle(future.result())

    try:
        for start in range(0, len(sources), CHUNK):
            chunk = sources[start:start + CHUNK]
            pending: list[tuple[SourceFile, bytes, ParseOptions]] = []
            # Files whose recorded status is unchanged are not read unless the
            # cache misses (checks/cache.py known_digests).
            known = ({} if cache is None else
                     cache.known_digests((source.display, source.real) for source in chunk))
            unread: set[str] = set()
            read_now: list[tuple[Path, str]] = []
            before = len(results)
            for source in chunk:
                digest = known.get(source.display)
                try:
                    too_large = _too_large_on_disk(source, plan)
                    raw = b"" if too_large or digest else read(source.path)
                except OSError as error:
                    results[source.display] = _unreadable(source, error)
                    continue
                if too_large:
                    results[source.display] = too_large
                    continue
                options = options_of[source.display]
                pending.append((source, raw, options))
                if cache is not None:
                    if digest:
                        unread.add(source.display)
                    else:
                        digest = hashlib.sha256(raw).hexdigest()
                        read_now.append((source.real, digest))
                    keys[source.display] = _result_key(cache, digest, source, options)
            if cache is not None:
                hits = cache.get_many(keys.values())
                still = []
                for source, raw, options in pending:
                    hit = hits.get(keys[source.display])
                    if isinstance(hit, FileResult):
                        if isinstance(hit.summaries, StoredSummaries):
                            hit.summaries = LazySummaries(
                                hit.summaries.codes, cache, keys[source.display],
                                functools.partial(_summaries_again, source, plan, options))
                        results[source.display] = hit
                        continue
                    if source.display in unread:
                        try:
                            raw = read(source.path)
                        except OSError as error:
                            results[source.display] = _unreadable(source, error)
                            keys.pop(source.display)
                            continue
                        # Keyed by what was read, whatever the recorded digest said.
                        digest = hashlib.sha256(raw).hexdigest()
                        if digest != known[source.display]:
                            read_now.append((source.real, digest))
                        keys[source.display] = _result_key(cache, digest, source, options)
                    still.append((source, raw, options))
                pending = still
                cache.remember_digests(read_now)
            done += len(results) - before  # hits and unreadable files
            if pool is not None and len(pending) > workers:
                for at in range(0, len(pending), BATCH):
                    in_flight.add(pool.submit(_lint_batch, pending[at:at + BATCH], plan))
                    drain(4 * workers)
            else:
                settle(_lint_batch(pending, plan))
        drain(0)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return [results[source.display] for source in sources]


def _cache_entries(items: Iterable[tuple[str, FileResult]]) -> Iterator[tuple[str, Any]]:
    """A page's result, and its summaries as an entry of their own (checks/summaries.py)."""
    for key, item in items:
        if not item.summaries:
            yield key, item
            continue
        yield key, dataclasses.replace(item, summaries=StoredSummaries(frozenset(item.summaries)))
        for code, summary in item.summaries.items():
            yield summary_key(key, code), summary


def _summaries_again(source: SourceFile, plan: Plan, options: ParseOptions
                     ) -> Mapping[str, Any]:
    return lint_file(source, plan, options).summaries


def run(arguments: Sequence[str], config: Config, plan: Plan | None = None,
        jobs: int | None = None, cache: ResultCache | None = None,
        progress: Callable[[int, int], None] | None = None,
        shard: Shard | None = None) -> RunResult:
    """Lint `arguments`. With a `cache`, unchanged files are not parsed again;
    `progress(done, total)` is called as files complete; a `shard` reports only
    its share of the pages (checks/shard.py)."""
    plan = plan or Plan.make(config)
    sources, problems = discover(arguments, config)
    result = RunResult(files=len(sources), errors=list(problems))
    with remembering_projects(cache):
        sites, site_of = _sites_for(sources, config)
    plan.site_pages = max((len(site.pages) for site in sites.values()), default=0)
    options_of = {source.display: ParseOptions(slug_style=site_of[source.display].slug_style,
                                               emoji_index=site_of[source.display].emoji_index)
                  for source in sources}
    workers = jobs if jobs is not None else (config.jobs or os.cpu_count() or 1)
    if shard is None:
        file_results = _lint_all(sources, options_of, plan, workers, cache, progress)
    else:
        from curriculint.run.shard import lint_sharded

        file_results = lint_sharded(shard, sources, site_of, options_of, plan, workers, cache,
                                    progress)

    by_display = {item.display: item for item in file_results}

    @functools.lru_cache(maxsize=64)  # a page's site findings come together
    def reread(display: str) -> tuple[str, ...]:
        try:
            return tuple(split_lines(decode(read(result.paths[display])).text))
        except OSError:
            return ("",)

    def lines_of(item: FileResult) -> tuple[str, ...]:
        if item.lines or not item.digest:
            return item.lines
        return reread(item.display)

    others: dict[str, tuple[str, ...]] = {}

    def other_lines(display: str) -> tuple[str, ...]:
        """Lines of a file a site rule reports into that is not a linted page."""
        if display not in others:
            try:
                others[display] = tuple(split_lines(decode(read(Path(display))).text))
            except OSError:
                others[display] = ("",)
        return others[display]

    def line_of(rule: Rule) -> Callable[[str, Finding], str]:
        """The line a new site finding points at, its position checked (make_report)."""

        def line(display: str, finding: Finding) -> str:
            item = by_display.get(display)
            lines = lines_of(item) if item is not None else other_lines(display)
            return make_report(display, rule, rule.severity, finding, lines).source_line

        return line

    result.paths = {source.display: source.path for source in sources}
    result.digests = {item.display: item.digest for item in file_results}
    for item in file_results:
        if item.error:
            result.errors.append(item.error)
        result.reports.extend(item.suppressions.filter(item.reports))

    site_rules = [rule for rule in plan.rules if rule.is_site_rule]
    if site_rules:
        for site in sites.values():
            site.list_files()
        for rule in site_rules:
            for site in sites.values():
                if len(site.pages) < rule.min_pages:
                    continue
                # Under --shard, other shards' pages have no online summaries.
                pages = [display for display in site.pages if display in by_display
                         and rule.code in by_display[display].summaries]
                summaries = SiteSummaries(rule.code, {display: by_display[display].summaries
                                                       for display in pages})
                produced = site_findings(rule, site, summaries,
                                         functools.partial(plan.options.__getitem__, rule.code),
                                         cache, result.digests, line_of(rule))
                severity = plan.severities[rule.code]
                for display, finding, line in produced:
                    report = Report(display, rule.code, rule.name, severity, finding.span,
                                    finding.message, finding.fix, line)
                    page = by_display.get(display)
                    if page is None:  # a file that is not a page: mkdocs.yml
                        if not _ignored_for_file(display, rule, plan.config):
                            result.reports.append(report)
                        continue
                    result.reports.extend(page.suppressions.filter([report]))
    for item in file_results:
        if item.suppressions.directives:
            result.reports.extend(
                item.suppressions.unused_reports(item.display, lines_of(item), plan))
    if shard is not None:
        from curriculint.run.shard import keep_own

        keep_own(result, shard, site_of)
    result.reports.sort(key=lambda report: report.sort_key)
    return result
