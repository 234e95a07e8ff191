"""Per-file results cached in SQLite, keyed by content hash and run fingerprint.

A hit skips decoding, parsing, indexing and every document rule for that file;
site rules still run over the cached summaries, so cross-page findings stay
correct when another page changed. The fingerprint covers the configuration,
the selected rules and curriculint's own code, so editing a rule or a setting
invalidates everything. A corrupt or truncated cache file is discarded and
rebuilt; concurrent runs share it through SQLite's locking (WAL mode).

Entries are pickles: the cache file is trusted like the code that wrote it, so
it lives in the project's own cache folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import logging
import os
import pickle
import sqlite3
import time
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from curriculint.server.resident import note_touched, resident_entries
from curriculint.store.folder import prepare, private_file

log = logging.getLogger(__name__)


def _package_folder(name: str) -> str:
    """Where a package of ours lives, found without importing it."""
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.submodule_search_locations, name
    return os.path.realpath(next(iter(spec.submodule_search_locations)))

SCHEMA = 1
# The folders curriculint is installed from: checks/ and schemas/ sit apart from
# curriculint/ in a checkout (package-dir), inside it in a wheel.
_CODE_PACKAGES = ("curriculint", "curriculint.checks", "curriculint.schemas")
_BUSY_RETRIES = 20  # about 10 s of waiting in all


def _busy(error: sqlite3.DatabaseError) -> bool:
    """Locked by another connection, as opposed to a damaged file."""
    code = getattr(error, "sqlite_errorcode", None)
    return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in str(error)


def code_fingerprint() -> str:
    """Changes whenever any module of curriculint changes (size and mtime)."""
    digest = hashlib.sha256()
    for root in dict.fromkeys(_package_folder(name) for name in _CODE_PACKAGES):
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(name for name in dirs if name != "__pycache__")
            for name in sorted(names):
                if name.endswith((".py", ".json")):
                    stat = os.stat(os.path.join(folder, name))
                    digest.update(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


# A file's recorded status vouches for its digest only once the file has been
# left alone this long (timestamps are coarser than the clock).
STABLE_SECONDS = 2.0


def _status(info: os.stat_result) -> str:
    return f"{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


def _rows_for(db: sqlite3.Connection, query: str, keys: list[str]) -> Iterator[tuple[Any, ...]]:
    """`query` ("... WHERE column IN ({marks})") over `keys`, 500 at a time
    (SQLite bounds the number of parameters)."""
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        yield from db.execute(query.format(marks=",".join("?" * len(chunk))), chunk)


def read_entries(path: str, keys: list[str]) -> dict[str, Any] | None:
    """The entries of `keys` that the cache file at `path` holds (read-only), or
    None when it cannot be read."""
    found: dict[str, Any] = {}
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True,
                                                timeout=5)) as db:
            for key, blob in _rows_for(
                    db, "SELECT key, value FROM results WHERE key IN ({marks})", keys):
                found[key] = pickle.loads(zlib.decompress(blob))
    except (sqlite3.DatabaseError, zlib.error, pickle.UnpicklingError, EOFError,
            AttributeError, ImportError, TypeError, ValueError) as error:
        log.debug("not holding %s: %s", path, error)
        return None
    return found


class ResultCache:
    def __init__(self, path: Path, fingerprint: str) -> None:
        self.path = path
        self._resident_key = os.path.abspath(path)  # the server's cwd is not ours
        self.fingerprint = fingerprint
        self.hits = 0
        self.misses = 0
        self._db = self._open()

    def _connect(self) -> sqlite3.Connection:
        prepare(self.path.parent)
        private_file(self.path)
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        # WAL is a property of the file: switch only once (switching takes a lock
        # that a concurrent first run may hold).
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB)")
        db.execute("CREATE TABLE IF NOT EXISTS digests "
                   "(path TEXT PRIMARY KEY, status TEXT, digest TEXT)")
        row = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if row is None:
            db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
        elif row[0] != str(SCHEMA):
            db.execute("DELETE FROM results")
            db.execute("UPDATE meta SET value=? WHERE key='schema'", (str(SCHEMA),))
        return db

    def _open(self) -> sqlite3.Connection | None:
        rebuilt = False
        for attempt in range(_BUSY_RETRIES + 1):
            try:
                db = self._connect()
                # Reads the schema and the first page: an unreadable file fails here;
                # a full count would scan the whole table on every run.
                db.execute("SELECT 1 FROM results LIMIT 1").fetchone()
                return db
            except sqlite3.DatabaseError as error:
                if _busy(error):
                    # Another run is creating or switching the file: not corruption,
                    # and deleting the file under it would be.
                    if attempt < _BUSY_RETRIES:
                        time.sleep(0.05 * (attempt + 1))
                        continue
                    log.warning("cache %s stays busy (%s); running without it",
                                self.path, error)
                    return None
                if rebuilt:
                    log.warning("cache %s unusable (%s); running without it", self.path, error)
                    return None
                log.warning("cache %s is corrupt (%s); rebuilding it", self.path, error)
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                rebuilt = True
        return None

    def key(self, digest: str, extra: str) -> str:
        return hashlib.sha256(f"{self.fingerprint}\0{extra}\0{digest}".encode()).hexdigest()

    def known_digests(self, files: Iterable[tuple[str, Path]]) -> dict[str, str]:
        """{name: sha256} for the (name, path) files whose status (inode, size,
        modification and change times) is the one recorded with that digest, so
        an unchanged file need not be read to know its content hash."""
        if self._db is None:
            return {}
        statuses: dict[str, tuple[str, str]] = {}
        for name, path in files:
            with contextlib.suppress(OSError):
                statuses[str(path)] = name, _status(os.stat(path))
        found: dict[str, str] = {}
        paths = list(statuses)
        try:
            for path, status, digest in _rows_for(
                    self._db, "SELECT path, status, digest FROM digests WHERE path IN ({marks})",
                    paths):
                name, now = statuses[path]
                if status == now:
                    found[name] = digest
        except sqlite3.DatabaseError as error:
            log.warning("cache read failed (%s); reading every file", error)
            return {}
        return found

    def remember_digests(self, files: Iterable[tuple[Path, str]]) -> None:
        """Record the (path, sha256) of files just read, with their status, when
        that status is older than STABLE_SECONDS: a file changed since it was
        read has a newer change time, and a file written within the clock's
        granularity could change again without its status showing it."""
        if self._db is None:
            return
        now = time.time_ns()
        rows = []
        for path, digest in files:
            try:
                info = os.stat(path)
            except OSError:
                continue
            if now - max(info.st_mtime_ns, info.st_ctime_ns) > STABLE_SECONDS * 1e9:
                rows.append((str(path), _status(info), digest))
        self._write("INSERT OR REPLACE INTO digests VALUES (?, ?, ?)", rows, "digests")

    def get_many(self, keys: Iterable[str], count: bool = True) -> dict[str, Any]:
        """Entries found for `keys`; `count` adds them to the file hit/miss figures."""
        if self._db is None:
            return {}
        keys = list(keys)
        found: dict[str, Any] = {}
        requested = len(keys)
        resident = resident_entries(self._resident_key)
        if resident:
            found = {key: resident[key] for key in keys if key in resident}
            keys = [key for key in keys if key not in found]
        try:
            for key, blob in _rows_for(
                    self._db, "SELECT key, value FROM results WHERE key IN ({marks})", keys):
                try:
                    found[key] = pickle.loads(zlib.decompress(blob))
                except (zlib.error, pickle.UnpicklingError, EOFError, AttributeError,
                        ImportError, TypeError, ValueError):
                    log.debug("dropping an unreadable cache entry")
        except sqlite3.DatabaseError as error:
            log.warning("cache read failed (%s); ignoring the cache", error)
            return {}
        if count:
            self.hits += len(found)
            self.misses += requested - len(found)
        note_touched(self._resident_key, found)
        return found

    def put_many(self, items: Iterable[tuple[str, Any]]) -> None:
        if self._db is None:
            return
        rows = [(key, zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1))
                for key, value in items]
        if not rows:
            return
        note_touched(self._resident_key, (key for key, _ in rows))
        self._write("INSERT OR REPLACE INTO results VALUES (?, ?)", rows, "results")

    def _write(self, statement: str, rows: list[tuple[Any, ...]], what: str) -> None:
        if not rows or self._db is None:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany(statement, rows)
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            log.warning("cache write failed (%s); %s not cached", error, what)
            with contextlib.suppress(sqlite3.DatabaseError):
                self._db.execute("ROLLBACK")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class MemoryCache(ResultCache):
    """Entries held in memory for one command, never on disk: the site rules of
    an in-memory re-lint (`run.runner.relint`) reuse what they computed for the
    pages that did not change, when the run has no cache of its own."""

    def __init__(self, fingerprint: str = "memory") -> None:  # no database
        self.path = Path()
        self.fingerprint = fingerprint
        self.hits = 0
        self.misses = 0
        self._db = None
        self.entries: dict[str, Any] = {}

    def get_many(self, keys: Iterable[str], count: bool = True) -> dict[str, Any]:
        return {key: self.entries[key] for key in keys if key in self.entries}

    def put_many(self, items: Iterable[tuple[str, Any]]) -> None:
        self.entries.update(items)
