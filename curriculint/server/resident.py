"""What a resident server keeps between the commands it serves: the cache
entries the last commands used, in memory, so that the worker it forks for the
next command finds them without SQLite or unpickling; and, inside a worker, the
keys that command read or wrote. Standard library only: the result cache
(curriculint/store/results.py) asks it on every lookup."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import Any

# {cache file: {key: value}}. A key names its value's inputs (content hashes,
# settings, code), so a value found here is the one the file holds.
_resident: dict[str, dict[str, Any]] = {}
# Inside a server worker: the keys this command read or wrote, per cache file.
_touched: dict[str, set[str]] | None = None
_RESIDENT_FILES = 4
HELD_ENTRIES = 40_000  # per cache file: about 3 KB each in memory (a 650-page site uses 9,000)


def resident_entries(cache_file: str) -> dict[str, Any] | None:
    return _resident.get(cache_file)


def note_touched(cache_file: str, keys: Iterable[str]) -> None:
    if _touched is not None:
        _touched.setdefault(cache_file, set()).update(keys)


def record_touched() -> None:
    global _touched
    _touched = {}


def touched() -> dict[str, list[str]]:
    return {path: sorted(keys) for path, keys in (_touched or {}).items()}


def held() -> int:
    return sum(len(entries) for entries in _resident.values())


def hold(touched_keys: dict[str, list[str]],
         read: Callable[[str, list[str]], dict[str, Any] | None]) -> int:
    """In the server: keep in memory the entries the last command used, most
    recently used last, reading (`read(cache_file, keys)`) only those not held
    already; the least recently used go beyond HELD_ENTRIES. Returns how many
    were read."""
    count = 0
    for path, keys in touched_keys.items():
        entries = _resident.pop(path, {})
        found = read(path, [key for key in keys if key not in entries])
        if found is None:
            continue
        entries.update(found)
        count += len(found)
        for key in keys:  # to the recent end
            if key in entries:
                entries[key] = entries.pop(key)
        for key in list(itertools.islice(entries, max(0, len(entries) - HELD_ENTRIES))):
            del entries[key]
        _resident[path] = entries
        while len(_resident) > _RESIDENT_FILES:
            del _resident[next(iter(_resident))]
    return count
