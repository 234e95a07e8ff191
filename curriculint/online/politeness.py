"""Per-host limits: concurrent connections, request rate and request counts.

A host is scheme://host:port, the unit a server operator sees load on.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from urllib.parse import urlsplit


def host_key(url: str) -> str:
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:  # out of range or not a number: httpx refuses the URL itself
        port = 0
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


class BudgetExceeded(Exception):
    """The run or the host has used its request allowance."""


class HostLimits:
    def __init__(self, concurrency: int, rate: float, max_requests: int,
                 max_requests_per_host: int) -> None:
        self.concurrency = concurrency
        self.interval = 1.0 / rate
        self.max_requests = max_requests
        self.max_per_host = max_requests_per_host
        self.requests = 0
        self.per_host: dict[str, int] = defaultdict(int)
        self.semaphores: dict[str, asyncio.Semaphore] = {}
        self.next_slot: dict[str, float] = defaultdict(float)

    def slot(self, url: str) -> _Slot:
        key = host_key(url)
        if self.requests >= self.max_requests:
            raise BudgetExceeded(f"the run's request budget ({self.max_requests}) is spent")
        if self.per_host[key] >= self.max_per_host:
            raise BudgetExceeded(f"the request budget for {key} ({self.max_per_host}) is spent")
        self.requests += 1
        self.per_host[key] += 1
        semaphore = self.semaphores.setdefault(key, asyncio.Semaphore(self.concurrency))
        return _Slot(self, key, semaphore)

    async def wait_turn(self, key: str) -> None:
        # Reserve the next start time for this host, then sleep until it;
        # no lock is held while sleeping, so other hosts proceed.
        now = time.monotonic()
        start = max(now, self.next_slot[key])
        self.next_slot[key] = start + self.interval
        if start > now:
            await asyncio.sleep(start - now)


class _Slot:
    def __init__(self, limits: HostLimits, key: str, semaphore: asyncio.Semaphore) -> None:
        self.limits, self.key, self.semaphore = limits, key, semaphore

    async def __aenter__(self) -> None:
        await self.semaphore.acquire()
        await self.limits.wait_turn(self.key)

    async def __aexit__(self, *exc: object) -> None:
        self.semaphore.release()
