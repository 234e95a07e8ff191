"""Verdicts per URL in an embedded SQLite file, with a TTL.

WAL mode and a busy timeout let two runs share the file; a file that is not a
valid cache (corrupt, truncated, another schema) is moved aside and rebuilt.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

from curriculint.online.verdict import Outcome, Verdict
from curriculint.store.folder import prepare, private_file

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS verdicts (
    url TEXT PRIMARY KEY,
    outcome TEXT NOT NULL,
    detail TEXT NOT NULL,
    status INTEGER,
    final_url TEXT NOT NULL,
    permanent_to TEXT NOT NULL,
    anchors_checked TEXT NOT NULL,
    anchors_missing TEXT NOT NULL,
    checked_at REAL NOT NULL
)
"""


class LinkCache:
    def __init__(self, path: Path, ttl_seconds: float, failure_ttl_seconds: float) -> None:
        self.path = path
        self.ttl = ttl_seconds
        self.failure_ttl = failure_ttl_seconds
        self.connection = self._open()

    def _connect(self) -> sqlite3.Connection:
        prepare(self.path.parent)
        private_file(self.path)
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, SCHEMA_VERSION):
            raise sqlite3.DatabaseError(f"schema version {version}")
        if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("quick_check failed")
        connection.execute(_SCHEMA)
        connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        return connection

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.DatabaseError as error:
            # Not trusted: keep it for inspection and start afresh.
            log.warning("link cache %s is unusable (%s); rebuilding it", self.path, error)
            for suffix in ("", "-wal", "-shm"):
                stale = Path(f"{self.path}{suffix}")
                if stale.exists():
                    stale.replace(Path(f"{self.path}{suffix}.corrupt"))
            return self._connect()

    def fresh(self, urls: Iterable[str], now: float | None = None) -> dict[str, Verdict]:
        """Cached verdicts still within their TTL."""
        now = time.time() if now is None else now
        found: dict[str, Verdict] = {}
        wanted = list(urls)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.connection.execute(
                f"SELECT url, outcome, detail, status, final_url, permanent_to, "
                f"anchors_checked, anchors_missing, checked_at FROM verdicts "
                f"WHERE url IN ({marks})", chunk).fetchall()
            for row in rows:
                try:
                    verdict = Verdict(row[0], Outcome(row[1]), row[2], row[3], row[4], row[5],
                                      frozenset(json.loads(row[6])),
                                      frozenset(json.loads(row[7])), row[8], from_cache=True)
                except (ValueError, TypeError):
                    continue  # a row we cannot read is simply re-checked
                ttl = self.ttl if verdict.outcome is Outcome.OK else self.failure_ttl
                if now - verdict.checked_at < ttl:
                    found[verdict.url] = verdict
        return found

    def store(self, verdicts: Iterable[Verdict]) -> None:
        rows = [(v.url, v.outcome.value, v.detail, v.status, v.final_url, v.permanent_to,
                 json.dumps(sorted(v.anchors_checked)), json.dumps(sorted(v.anchors_missing)),
                 v.checked_at) for v in verdicts if v.cacheable]
        if not rows:
            return
        # One transaction: the connection is in autocommit mode.
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            self.connection.executemany(
                "INSERT OR REPLACE INTO verdicts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def close(self) -> None:
        self.connection.close()
