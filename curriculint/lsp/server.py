"""`curriculint lsp`: the language server, over stdio, built on pygls.

Diagnostics are the command line's findings (codes, spans, messages, severities,
suppressions), for the page being typed (after a pause of `debounceMs`) and for
every page a change reaches: a renamed heading reports the anchors it breaks on
other pages, a deleted page the links into it. They are pushed
(`textDocument/publishDiagnostics`), or pulled when the client supports it
(`textDocument/diagnostic`, `workspace/diagnostic`, with a refresh request when
another page's findings changed). Code actions, hovers and completions are in
actions.py and assist.py; what the server knows is in state.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from curriculint.lsp import actions, assist
from curriculint.lsp.convert import diagnostic, from_position, overlaps, result_id
from curriculint.lsp.state import (
    SETTINGS_FILES,
    OpenPage,
    Settings,
    State,
    relint_preview,
    working_folder,
)
from curriculint.model import Report

log = logging.getLogger(__name__)

PAGE_SUFFIXES = (".md", ".markdown")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("curriculint")
    except PackageNotFoundError:
        return "unknown"


class CurriculintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("curriculint", _version(),
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.state = State(None, Settings())
        self.pull = False  # the client pulls diagnostics
        self.refresh = False  # ... and accepts workspace/diagnostic/refresh
        self.published: dict[str, str] = {}  # uri -> result id pushed
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.sweeper: asyncio.TimerHandle | None = None
        self.generation = 0
        self.changed: asyncio.Event | None = None
        self.indexing: asyncio.Task[None] | None = None
        self.reindex: asyncio.TimerHandle | None = None
        self.failures = 0
        self.deferred: list[tuple[Path, str]] = []  # file events during indexing
        self.timing: tuple[str, int | None, float] | None = None
        self.indexes = 0

    # -- plumbing --------------------------------------------------------------

    def uri_of(self, display: str) -> str:
        page = self.state.open_by_display.get(display)
        if page is not None:
            return page.uri
        return from_fs_path(str(Path(display).absolute())) or display

    def show_errors(self) -> None:
        for error in self.state.errors:
            self.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Error, message=f"curriculint: {error}"))
        self.state.errors.clear()

    def guarded(self, what: str, action: Any, *args: Any) -> Any:
        """Run `action`; a failure is logged and shown once, never fatal."""
        try:
            return action(*args)
        except Exception as error:
            log.error("%s failed:\n%s", what, traceback.format_exc())
            if self.failures < 3:
                self.window_show_message(types.ShowMessageParams(
                    type=types.MessageType.Error,
                    message=f"curriculint: {what} failed: {type(error).__name__}: {error}"))
            self.failures += 1
            return None

    def diagnostics_of(self, display: str, unless: str | None = None
                       ) -> tuple[list[types.Diagnostic], str]:
        """A file's diagnostics and their result id; none converted (nor its lines
        read) when the id is `unless`, what the client has already."""
        reports = self.state.reports(display)
        rid = result_id(reports)
        if not reports or rid == unless:
            return [], rid
        lines = self.state.lines(display)
        codec = self.workspace.position_codec
        return [diagnostic(report, lines, codec) for report in reports], rid

    def report(self, touched: Iterable[str], pulled: str | None = None) -> None:
        """Tell the client about the files whose findings may have changed: push
        them, or ask a pulling client to pull again (`pulled`: the page it is
        pulling now)."""
        touched = set(touched)
        self.show_errors()
        if not touched:
            return
        self.generation += 1
        if self.changed is not None:
            self.changed.set()
        if self.pull:
            if self.refresh and touched - {pulled}:
                self.workspace_diagnostic_refresh(None)
            return
        for display in sorted(touched):
            uri = self.uri_of(display)
            if self.state.settings.scope == "open" and display not in self.state.open_by_display:
                if uri in self.published:
                    self.published.pop(uri)
                    self.text_document_publish_diagnostics(
                        types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
                continue
            found, rid = self.diagnostics_of(display)
            page = self.state.open_by_display.get(display)
            # An open page hears once that it is clean; another, only once it was not.
            never = "" if found or page is not None else result_id([])
            if self.published.get(uri, never) == rid:
                continue
            self.published[uri] = rid
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=uri, diagnostics=found, version=page.version if page else None))
        self.timed()

    def lint_now(self, page: OpenPage) -> set[str]:
        timer = self.timers.pop(page.uri, None)
        if timer is not None:
            timer.cancel()
        started = time.perf_counter()
        touched = self.guarded(f"linting {page.display}", self.state.lint_open, page) or set()
        if self.state.pending:
            self.schedule_sweep()
        if self.state.settings.timings:
            self.timing = (page.display, page.version, started)
        return touched

    def timed(self) -> None:
        """With `timings`: how long the last update took, linting to answer."""
        if self.timing is None:
            return
        display, version, started = self.timing
        self.timing = None
        elapsed = (time.perf_counter() - started) * 1000
        self.window_log_message(types.LogMessageParams(
            type=types.MessageType.Log,
            message=f"curriculint: updated {display} v{version} in {elapsed:.1f} ms"))

    def schedule_lint(self, page: OpenPage) -> None:
        timer = self.timers.pop(page.uri, None)
        if timer is not None:
            timer.cancel()
        delay = self.state.settings.debounce

        def due() -> None:
            self.timers.pop(page.uri, None)
            if self.state.open.get(page.uri) is page and not page.current:
                self.report(self.lint_now(page))

        self.timers[page.uri] = asyncio.get_running_loop().call_later(delay, due)

    def schedule_sweep(self) -> None:
        if self.sweeper is not None:
            self.sweeper.cancel()

        def due() -> None:
            self.sweeper = None
            if any(self.timers.values()):  # still typing
                self.schedule_sweep()
                return
            self.report(self.guarded("the site rules", self.state.sweep) or set())

        self.sweeper = asyncio.get_running_loop().call_later(self.state.settings.sweep_delay,
                                                             due)

    async def index(self) -> None:
        """Index the workspace in a thread, then install the sites it built."""
        self.indexes += 1
        token = f"curriculint-index-{self.indexes}"  # a token is used once
        progress = self.client_capabilities.window is not None and bool(
            self.client_capabilities.window.work_done_progress)
        if progress:
            with contextlib.suppress(Exception):
                await self.work_done_progress.create_async(token)
                self.work_done_progress.begin(token, types.WorkDoneProgressBegin(
                    title="curriculint", message="indexing the workspace"))
        loop = asyncio.get_running_loop()
        try:
            built, problems = await loop.run_in_executor(None, self.state.index)
        except Exception as error:
            log.error("indexing failed:\n%s", traceback.format_exc())
            built, problems = [], [f"indexing failed: {type(error).__name__}: {error}"]
        self.state.errors.extend(problems)
        touched = self.guarded("indexing", self.state.install, built) or set()
        # The index is long-lived: out of the collector's way, so that a full
        # collection during an edit does not walk every page's results.
        import gc

        gc.collect()
        gc.freeze()
        # Files that changed while the index was built: their events again.
        deferred, self.deferred = self.deferred, []
        for path, kind in deferred:
            touched |= self.guarded("a file event", _file_event, self, path, kind) or set()
        if progress:
            with contextlib.suppress(Exception):
                self.work_done_progress.end(token, types.WorkDoneProgressEnd(
                    message=f"{sum(len(live.results) for _k, live in built)} pages"))
        self.report(touched)
        if self.state.pending:
            self.schedule_sweep()

    def start_index(self) -> None:
        if self.state.settings.index and self.state.root is not None:
            self.indexing = asyncio.ensure_future(self.index())

    def schedule_reindex(self) -> None:
        if self.reindex is not None:
            self.reindex.cancel()

        def due() -> None:
            self.reindex = None
            touched = self.state.displays()
            self.state.reset()
            for page in self.state.open.values():
                touched |= self.lint_now(page)
            self.report(touched)
            self.start_index()

        self.reindex = asyncio.get_running_loop().call_later(0.3, due)

    def current(self, uri: str) -> OpenPage | None:
        """The open page, linted at its current version."""
        page = self.state.open.get(uri)
        if page is not None and not page.current:
            self.report(self.lint_now(page), pulled=uri)
        return page

    def reports_at(self, page: OpenPage) -> list[Report]:
        return self.state.reports(page.display)


server = CurriculintServer()


def _path(uri: str) -> Path | None:
    path = to_fs_path(uri)
    return Path(path) if path else None


@server.feature(types.INITIALIZE)
def initialize(ls: CurriculintServer, params: types.InitializeParams) -> None:
    root: Path | None = None
    if params.workspace_folders:
        root = _path(params.workspace_folders[0].uri)
    elif params.root_uri:
        root = _path(params.root_uri)
    elif params.root_path:
        root = Path(params.root_path)
    working_folder(root)
    settings = Settings.from_options(params.initialization_options)
    ls.state = State(Path.cwd() if root is not None and root.is_dir() else None, settings)
    capabilities = params.capabilities
    can_pull = capabilities.text_document is not None and (
        capabilities.text_document.diagnostic is not None)
    ls.pull = settings.mode == "pull" or (settings.mode == "auto" and can_pull)
    ls.refresh = bool(capabilities.workspace and capabilities.workspace.diagnostics
                      and capabilities.workspace.diagnostics.refresh_support)


@server.feature(types.INITIALIZED)
async def initialized(ls: CurriculintServer, params: types.InitializedParams) -> None:
    ls.changed = asyncio.Event()
    watched = ls.client_capabilities.workspace
    if (watched is not None and watched.did_change_watched_files is not None
            and watched.did_change_watched_files.dynamic_registration):
        with contextlib.suppress(Exception):
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[
                types.Registration(
                    id="curriculint-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    register_options=types.DidChangeWatchedFilesRegistrationOptions(
                        watchers=[types.FileSystemWatcher(glob_pattern="**/*")]))]))
    ls.start_index()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: CurriculintServer, params: types.DidOpenTextDocumentParams) -> None:
    document = params.text_document
    path = _path(document.uri)
    if path is None:
        return
    page = ls.state.open_page(document.uri, path, document.text, document.version)
    ls.report(ls.lint_now(page), pulled=document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: CurriculintServer, params: types.DidChangeTextDocumentParams) -> None:
    page = ls.state.open.get(params.text_document.uri)
    if page is None:
        return
    document = ls.workspace.get_text_document(params.text_document.uri)
    page.set_text(document.source, params.text_document.version)
    if ls.state.settings.debounce <= 0:
        ls.report(ls.lint_now(page), pulled=page.uri)
    else:
        ls.schedule_lint(page)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: CurriculintServer, params: types.DidSaveTextDocumentParams) -> None:
    page = ls.state.open.get(params.text_document.uri)
    if page is not None and not page.current:
        ls.report(ls.lint_now(page), pulled=page.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: CurriculintServer, params: types.DidCloseTextDocumentParams) -> None:
    page = ls.state.close_page(params.text_document.uri)
    if page is None:
        return
    timer = ls.timers.pop(page.uri, None)
    if timer is not None:
        timer.cancel()
    # The page is what is on disk again (unsaved edits are gone).
    touched = ls.guarded("linting", ls.state.lint_disk, page.path) if page.path.exists() else (
        ls.guarded("removing", ls.state.remove, page.path))
    ls.report((touched or set()) | {page.display})


def _skipped(path: Path, root: Path | None) -> bool:
    """A file in a hidden folder (.git, .venv, the cache) is no page of a site."""
    parts = path.parts
    if root is not None and path.is_relative_to(root):
        parts = path.relative_to(root).parts
    return any(part.startswith(".") for part in parts[:-1])


def _file_event(ls: CurriculintServer, path: Path, kind: str) -> set[str]:
    """A file created, changed or deleted outside the editor's buffers."""
    state = ls.state
    if ls.indexing is not None and not ls.indexing.done():
        ls.deferred.append((path, kind))  # the index may have read it before
    if path.name in SETTINGS_FILES:
        ls.schedule_reindex()
        return set()
    if _skipped(path, state.root):
        return set()
    if path.suffix.lower() in PAGE_SUFFIXES:
        if kind == "deleted":
            return state.remove(path)
        if state.display(path) in state.open_by_display:
            return set()  # the buffer is what the author sees
        return state.lint_disk(path)
    if kind == "changed":
        return set()
    return state.file_added_or_removed(path)


_KINDS = {types.FileChangeType.Created: "created", types.FileChangeType.Changed: "changed",
          types.FileChangeType.Deleted: "deleted"}


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: CurriculintServer,
                             params: types.DidChangeWatchedFilesParams) -> None:
    touched: set[str] = set()
    for change in params.changes:
        path = _path(change.uri)
        if path is not None:
            touched |= ls.guarded("a file event", _file_event, ls, path,
                                  _KINDS.get(change.type, "changed")) or set()
    ls.report(touched)


_PAGES = types.FileOperationRegistrationOptions(filters=[
    types.FileOperationFilter(pattern=types.FileOperationPattern(glob="**/*"))])


@server.feature(types.WORKSPACE_DID_DELETE_FILES, _PAGES)
def did_delete_files(ls: CurriculintServer, params: types.DeleteFilesParams) -> None:
    _files_event(ls, [item.uri for item in params.files], "a deletion", "deleted")


@server.feature(types.WORKSPACE_DID_CREATE_FILES, _PAGES)
def did_create_files(ls: CurriculintServer, params: types.CreateFilesParams) -> None:
    _files_event(ls, [item.uri for item in params.files], "a new file", "created")


def _files_event(ls: CurriculintServer, uris: list[str], what: str, event: str) -> None:
    touched: set[str] = set()
    for uri in uris:
        path = _path(uri)
        if path is not None:
            touched |= ls.guarded(what, _file_event, ls, path, event) or set()
    ls.report(touched)


@server.feature(types.WORKSPACE_DID_RENAME_FILES, _PAGES)
def did_rename_files(ls: CurriculintServer, params: types.RenameFilesParams) -> None:
    touched: set[str] = set()
    for item in params.files:
        old, new = _path(item.old_uri), _path(item.new_uri)
        if old is not None:
            touched |= ls.guarded("a rename", _file_event, ls, old, "deleted") or set()
        if new is not None:
            touched |= ls.guarded("a rename", _file_event, ls, new, "created") or set()
    ls.report(touched)


# -- pull diagnostics ------------------------------------------------------------


@server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC, types.DiagnosticOptions(
    identifier="curriculint", inter_file_dependencies=True, workspace_diagnostics=True))
def document_diagnostic(ls: CurriculintServer, params: types.DocumentDiagnosticParams
                        ) -> types.DocumentDiagnosticReport:
    uri = params.text_document.uri
    ls.current(uri)
    path = _path(uri)
    if path is None:
        return types.RelatedFullDocumentDiagnosticReport(items=[])
    found, rid = ls.diagnostics_of(ls.state.display(path), params.previous_result_id)
    ls.timed()
    if params.previous_result_id == rid:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=rid)
    return types.RelatedFullDocumentDiagnosticReport(items=found, result_id=rid)


def _workspace_items(ls: CurriculintServer, previous: dict[str, str]
                     ) -> list[types.WorkspaceDocumentDiagnosticReport]:
    items: list[types.WorkspaceDocumentDiagnosticReport] = []
    seen: set[str] = set()
    for display in sorted(ls.state.displays()):
        uri = ls.uri_of(display)
        seen.add(uri)
        found, rid = ls.diagnostics_of(display, previous.get(uri))
        page = ls.state.open_by_display.get(display)
        version = page.version if page else None
        if previous.get(uri) == rid:
            items.append(types.WorkspaceUnchangedDocumentDiagnosticReport(
                uri=uri, result_id=rid, version=version))
        elif found or uri in previous:
            items.append(types.WorkspaceFullDocumentDiagnosticReport(
                uri=uri, items=found, result_id=rid, version=version))
    for uri in previous:
        if uri not in seen:  # gone (a deleted page): nothing to report there any more
            items.append(types.WorkspaceFullDocumentDiagnosticReport(uri=uri, items=[],
                                                                      version=None))
    return items


@server.feature(types.WORKSPACE_DIAGNOSTIC)
async def workspace_diagnostic(ls: CurriculintServer, params: types.WorkspaceDiagnosticParams
                               ) -> types.WorkspaceDiagnosticReport:
    """Every file's findings. A client that sends what it has and would get
    nothing new waits until something changes (the long poll the protocol
    intends), at most a minute."""
    previous = {item.uri: item.value for item in params.previous_result_ids}
    if ls.indexing is not None and not ls.indexing.done():
        await asyncio.shield(ls.indexing)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 60
    while True:
        generation = ls.generation
        items = _workspace_items(ls, previous)
        unchanged = all(isinstance(item, types.WorkspaceUnchangedDocumentDiagnosticReport)
                        for item in items)
        if not previous or not unchanged or ls.changed is None or loop.time() >= deadline:
            break
        ls.changed.clear()
        if ls.generation == generation:  # nothing changed since the items were made
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(ls.changed.wait(), timeout=deadline - loop.time())
    return types.WorkspaceDiagnosticReport(items=items)


# -- code actions ----------------------------------------------------------------


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll,
                       actions.FIX_ALL], resolve_provider=False))
def code_action(ls: CurriculintServer, params: types.CodeActionParams
                ) -> list[types.CodeAction] | None:
    page = ls.current(params.text_document.uri)
    if page is None or page.result is None:
        return None
    codec = ls.workspace.position_codec
    only = params.context.only
    reports = ls.reports_at(page)
    found: list[types.CodeAction] = []
    if actions.wanted(types.CodeActionKind.QuickFix, only):
        first = from_position(page.lines, params.range.start, codec)
        last = from_position(page.lines, params.range.end, codec)
        newline = "\r\n" if "\r\n" in page.text else "\n"
        for report in reports:
            if not overlaps(report.span, first, last):
                continue
            found += actions.fix_actions(page.uri, page.lines, report, codec)
            if report.code != "SUP001":
                found.append(actions.disable_action(page.uri, page.lines, page.doc, report,
                                                    codec, newline))
    if actions.wanted(actions.FIX_ALL, only):
        def again(text: str) -> list[Report]:
            return relint_preview(ls.state, page, text)

        fix_all = ls.guarded("fix all", actions.fix_all_action, page.uri, page.text, reports,
                             again, codec)
        if fix_all is not None:
            found.append(fix_all)
    return found


# -- hover and completion ----------------------------------------------------------


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: CurriculintServer, params: types.HoverParams) -> types.Hover | None:
    page = ls.current(params.text_document.uri)
    if page is None:
        return None
    hovers = ls.client_capabilities.text_document and ls.client_capabilities.text_document.hover
    markdown = bool(hovers and hovers.content_format
                    and types.MarkupKind.Markdown in hovers.content_format)
    return ls.guarded("hover", assist.hover, ls.state, page, ls.reports_at(page),
                      params.position, ls.workspace.position_codec, markdown)


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(
    trigger_characters=["(", "#", "/", ":", '"', " ", "-"]))
def completion(ls: CurriculintServer, params: types.CompletionParams
               ) -> types.CompletionList | None:
    page = ls.state.open.get(params.text_document.uri)
    if page is None:
        return None
    completions = (ls.client_capabilities.text_document
                   and ls.client_capabilities.text_document.completion)
    item = completions and completions.completion_item
    markdown = bool(item and item.documentation_format
                    and types.MarkupKind.Markdown in item.documentation_format)
    return ls.guarded("completion", assist.complete, ls.state, page, params.position,
                      ls.workspace.position_codec, markdown)


def main() -> int:
    """`curriculint lsp`: serve over stdio until the client says exit."""
    import gc
    import sys

    gc.set_threshold(50_000)  # as the command line: markdown-it allocates a lot
    # The index lints in worker processes from a thread while the event loop runs:
    # forking then would copy locks other threads hold. A fork server is a clean
    # process that forks the workers.
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        multiprocessing.set_start_method("forkserver", force=True)
        multiprocessing.set_forkserver_preload(["curriculint.run.lint_pages"])
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="curriculint lsp: %(levelname)s: %(message)s")
    server.start_io()
    return 0
