"""Many pages: cache lookups by content hash, then the misses linted in
worker processes, streamed in chunks so memory stays flat on huge sites.

Workers never outlive the run. SIGTERM or SIGHUP (left to their default
action) kills them before the parent dies of the signal. Ctrl-C, or any other
exception in the parent, lets each worker finish the batch it holds for up to
GRACE seconds, then kills it. On Linux a worker is also killed by the kernel
when its parent dies, even of SIGKILL. A worker ignores SIGINT: a Ctrl-C at a
terminal reaches the whole process group, and the parent handles it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, wait
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curriculint.load import document
from curriculint.load.document import ParseOptions
from curriculint.run.lint_page import lint_batch, lint_file, too_large_on_disk, unreadable
from curriculint.run.plan import Plan
from curriculint.run.records import FileResult, SourceFile
from curriculint.store.summaries import LazySummaries, StoredSummaries, summary_key

if TYPE_CHECKING:
    from curriculint.store.results import ResultCache


log = logging.getLogger(__name__)

PARALLEL_THRESHOLD = 48


def result_key(cache: ResultCache, digest: str, source: SourceFile, options: ParseOptions
                ) -> str:
    return cache.key(digest, f"{options.key}|{source.display}")


def _run_fingerprint(plan: Plan) -> str:
    from curriculint.store.results import code_fingerprint

    settings = plan.config.model_dump_json(exclude={"source", "jobs", "cache", "cache_dir"})
    codes = ",".join(rule.code for rule in plan.rules)
    return hashlib.sha256(f"{settings}|{codes}|{code_fingerprint()}|{_schema_fingerprint(plan)}"
                          .encode()).hexdigest()


def _schema_fingerprint(plan: Plan) -> str:
    """The user's schema files, by content: an edited model re-checks every page."""
    if not plan.config.collections:
        return ""
    from curriculint.load.collections import CollectionSet, schema_files

    digest = hashlib.sha256()
    for path in schema_files(CollectionSet.of(plan.config)):
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(f"missing {path}".encode())
    return digest.hexdigest()


def open_cache(plan: Plan, folder: Path | None = None) -> ResultCache | None:
    """The results cache in `folder`, else CURRICULINT_CACHE_DIR, else the
    configured cache-dir; None when caching is off."""
    if not plan.config.cache or os.environ.get("CURRICULINT_NO_CACHE"):
        return None
    from curriculint.store.results import ResultCache

    folder = folder or Path(os.environ.get("CURRICULINT_CACHE_DIR") or plan.config.cache_dir)
    return ResultCache(folder / "results.sqlite", _run_fingerprint(plan))


# Files are read, looked up in the cache and dispatched in chunks, so a very
# large site never holds every file's bytes at once.
CHUNK = 256
BATCH = 8  # files per task sent to a worker


Pending = tuple[SourceFile, bytes, ParseOptions]  # a page to lint: where, its bytes, how


def lint_all(sources: list[SourceFile], options_of: dict[str, ParseOptions], plan: Plan,
             workers: int, cache: ResultCache | None,
             progress: Callable[[int, int], None] | None) -> list[FileResult]:
    """Every page's result, in the order of `sources`."""
    pages = _PageRun(sources, options_of, plan, cache, progress)
    workers = workers if len(sources) >= PARALLEL_THRESHOLD else 1
    with contextlib.ExitStack() as stack:
        pool = None
        for start in range(0, len(sources), CHUNK):
            pending = pages.read_chunk(sources[start:start + CHUNK])
            if pool is None and workers > 1 and len(pending) > workers:
                # One page linted here first: forked workers inherit the modules
                # and lazily built tables it loaded instead of each building them.
                pages.settle(lint_batch(pending[:1], plan))
                pending = pending[1:]
                pool = stack.enter_context(_worker_pool(workers))
            if pool is not None and len(pending) > workers:
                for at in range(0, len(pending), BATCH):
                    pages.in_flight.add(pool.submit(lint_batch, pending[at:at + BATCH], plan))
                    pages.drain(4 * workers)
            else:
                pages.settle(lint_batch(pending, plan))
        pages.drain(0)
    return [pages.results[source.display] for source in sources]


# Signals after which the parent stops: its workers are killed first.
_ENDING = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                if hasattr(signal, name))
# Seconds a worker may take to finish its batch once the run is interrupted.
# Killing one at once could cut a result it is writing, and the pool's reader
# thread would wait for the rest of it for ever (and the interpreter for that
# thread, at exit).
GRACE = 2.0


@contextmanager
def _worker_pool(workers: int) -> Iterator[Any]:
    """A process pool of `workers` (None for one: lint here) whose workers end
    with the run, however the run ends."""
    if workers <= 1:
        yield None
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context()
    ours = set(multiprocessing.active_children())
    # Forked workers are our children: they can watch for our death.
    parent = os.getpid() if context.get_start_method() == "fork" else 0
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=worker_started, initargs=(parent,))

    def workers_left() -> set[Any]:
        return set(multiprocessing.active_children()) - ours

    def kill_workers() -> None:
        for process in workers_left():
            if process.pid is not None:
                with contextlib.suppress(OSError):
                    os.kill(process.pid, signal.SIGKILL)

    def on_signal(signum: int, frame: Any) -> None:
        kill_workers()
        signal.signal(signum, signal.SIG_DFL)  # and die of it, as without a pool
        os.kill(os.getpid(), signum)

    # Signals left to their default action (death): a handler that raises
    # instead (Ctrl-C's KeyboardInterrupt) ends the run through `finally`.
    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in _ENDING:
            if signal.getsignal(signum) == signal.SIG_DFL:
                previous[signum] = signal.SIG_DFL
                signal.signal(signum, on_signal)
    finished = False
    try:
        yield pool
        finished = True
    finally:
        if not finished:  # Ctrl-C or an error: the batches in flight are not wanted
            pool.shutdown(wait=False, cancel_futures=True)
            try:
                deadline = time.monotonic() + GRACE
                while workers_left() and time.monotonic() < deadline:
                    time.sleep(0.02)
            finally:  # a second Ctrl-C ends the wait, not the kill
                kill_workers()
        pool.shutdown(cancel_futures=True)
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def worker_started(parent: int) -> None:
    """In a pool worker: leave Ctrl-C to the parent, die of SIGTERM and SIGHUP,
    and (Linux) die when the parent dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in _ENDING:
        if signum != signal.SIGINT:
            signal.signal(signum, signal.SIG_DFL)
    if not parent or not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


class _PageRun:
    """The state of one `lint_all`: results so far, cache keys, work in flight."""

    def __init__(self, sources: list[SourceFile], options_of: dict[str, ParseOptions],
                 plan: Plan, cache: ResultCache | None,
                 progress: Callable[[int, int], None] | None) -> None:
        self.total = len(sources)
        self.options_of = options_of
        self.plan = plan
        self.cache = cache
        self.progress = progress
        self.results: dict[str, FileResult] = {}
        self.keys: dict[str, str] = {}
        self.done = 0
        # Batches stream to the pool across chunks (no barrier per chunk, so no
        # core idles at a chunk's tail); a bounded window keeps memory flat.
        self.in_flight: set[Future[list[FileResult]]] = set()

    def read_chunk(self, chunk: list[SourceFile]) -> list[Pending]:
        """Settle what needs no linting (cache hits, files too large or
        unreadable); return the pages left to lint."""
        before = len(self.results)
        cache = self.cache
        # Files whose recorded status is unchanged are not read unless the
        # cache misses (ResultCache.known_digests).
        known = ({} if cache is None else
                 cache.known_digests((source.display, source.real) for source in chunk
                                     if source.content is None))
        pending: list[Pending] = []
        read_now: list[tuple[Path, str]] = []
        for source in chunk:
            digest = known.get(source.display)
            try:
                too_large = too_large_on_disk(source, self.plan)
                raw = (source.content if source.content is not None
                       else b"" if too_large or digest else document.read(source.path))
            except OSError as error:
                self.results[source.display] = unreadable(source, error)
                continue
            if too_large:
                self.results[source.display] = too_large
                continue
            options = self.options_of[source.display]
            pending.append((source, raw, options))
            if cache is not None:
                if not digest:
                    digest = hashlib.sha256(raw).hexdigest()
                    read_now.append((source.real, digest))
                self.keys[source.display] = result_key(cache, digest, source, options)
        if cache is not None:
            pending = self._misses(cache, pending, known, read_now)
            cache.remember_digests(read_now)
        self.done += len(self.results) - before  # hits and unreadable files
        return pending

    def _misses(self, cache: ResultCache, pending: list[Pending], known: dict[str, str],
                read_now: list[tuple[Path, str]]) -> list[Pending]:
        """The pages the cache does not know; their bytes read if they were not."""
        hits = cache.get_many(self.keys.values())
        still = []
        for source, raw, options in pending:
            hit = hits.get(self.keys[source.display])
            if isinstance(hit, FileResult):
                if isinstance(hit.summaries, StoredSummaries):
                    hit.summaries = LazySummaries(
                        hit.summaries.codes, cache, self.keys[source.display],
                        functools.partial(summaries_again, source, self.plan, options))
                self.results[source.display] = hit
                continue
            if source.display in known:  # not read yet: its recorded digest was trusted
                try:
                    raw = document.read(source.path)
                except OSError as error:
                    self.results[source.display] = unreadable(source, error)
                    self.keys.pop(source.display)
                    continue
                # Keyed by what was read, whatever the recorded digest said.
                digest = hashlib.sha256(raw).hexdigest()
                if digest != known[source.display]:
                    read_now.append((source.real, digest))
                self.keys[source.display] = result_key(cache, digest, source, options)
            still.append((source, raw, options))
        return still

    def settle(self, fresh: list[FileResult]) -> None:
        # Neither kept nor cached: each page's lines. Only the cross-page index
        # (summaries, reports) stays for the whole run, so memory does not grow
        # with the text of the site; a site finding re-reads its file.
        fresh = [dataclasses.replace(item, lines=()) for item in fresh]
        for item in fresh:
            self.results[item.display] = item
        if self.cache is not None:
            self.cache.put_many(cache_entries((self.keys.pop(item.display), item)
                                              for item in fresh if not item.error))
        self.done += len(fresh)
        if self.progress is not None:
            self.progress(self.done, self.total)

    def drain(self, limit: int) -> None:
        while len(self.in_flight) > limit:
            finished, _ = wait(self.in_flight, return_when=FIRST_COMPLETED)
            for future in finished:
                self.in_flight.discard(future)
                self.settle(future.result())


def cache_entries(items: Iterable[tuple[str, FileResult]]) -> Iterator[tuple[str, Any]]:
    """A page's result, and its summaries as an entry of their own
    (curriculint/store/summaries.py)."""
    for key, item in items:
        if not item.summaries:
            yield key, item
            continue
        yield key, dataclasses.replace(item, summaries=StoredSummaries(frozenset(item.summaries)))
        for code, summary in item.summaries.items():
            yield summary_key(key, code), summary


def summaries_again(source: SourceFile, plan: Plan, options: ParseOptions
                     ) -> Mapping[str, Any]:
    return lint_file(source, plan, options).summaries
