"""The default engine: asyncio + httpx, with our own limits at every step.

Redirects are followed here, hop by hop, so each hop goes through the address
guard, counts against the host's limits and is classified (permanent or not).
HEAD first; GET when HEAD is refused or when a fragment has to be found in the
page. Bodies are read only for fragments, and never past `max_body_bytes`
of decoded bytes: gzip and deflate are inflated here, a bounded step at a time,
so a compression bomb costs no more memory than a plain body of that size.
"""

from __future__ import annotations

import asyncio
import time
import urllib.robotparser
import zlib
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

from curriculint.online.anchors import fragment_present, html_ids
from curriculint.online.guard import AddressRefused, LookupFailed, Policy, guarded_backend
from curriculint.online.options import OnlineOptions
from curriculint.online.politeness import BudgetExceeded, HostLimits, host_key
from curriculint.online.request import (
    PERMANENT,
    REDIRECTS,
    LinkRequest,
    retry_after_seconds,
    verdict,
)
from curriculint.online.verdict import Outcome, Verdict

Progress = Callable[[int, int], None]


class UrlBudgetSpent(Exception):
    pass


class _Response:
    def __init__(self, status: int, reason: str, headers: Any, body: bytes | None) -> None:
        self.status, self.reason, self.headers, self.body = status, reason, headers, body


def _transport(policy: Policy, options: OnlineOptions) -> Any:
    import httpcore
    import httpx

    transport = httpx.AsyncHTTPTransport(trust_env=False)
    # httpx has no public hook for the network backend, so the pool it built is
    # replaced by one whose every connection passes the address guard.
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=options.concurrency,
        max_keepalive_connections=options.concurrency,
        keepalive_expiry=5.0,
        network_backend=guarded_backend(policy),
    )
    return transport


class HttpxEngine:
    def __init__(self, options: OnlineOptions, policy: Policy) -> None:
        self.options = options
        self.policy = policy
        self.limits = HostLimits(options.per_host_concurrency, options.per_host_rate,
                                 options.max_requests, options.max_requests_per_host)
        self.robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self.robots_locks: dict[str, asyncio.Lock] = {}
        self.client: Any = None
        self.global_slots = asyncio.Semaphore(options.concurrency)

    def _client(self) -> Any:
        import httpx

        options = self.options
        timeout = httpx.Timeout(connect=options.connect_timeout, read=options.read_timeout,
                                write=options.read_timeout, pool=None)
        return httpx.AsyncClient(transport=_transport(self.policy, options),
                                 timeout=timeout, follow_redirects=False, trust_env=False,
                                 headers={"User-Agent": options.user_agent,
                                          "Accept-Encoding": ACCEPT_ENCODING})

    async def robots_refusals(self, requests: list[LinkRequest]) -> dict[str, Verdict]:
        """Verdicts for the requests robots.txt disallows, one fetch per origin:
        for engines that do not read robots.txt themselves (lychee)."""
        async def one(request: LinkRequest) -> Verdict | None:
            try:
                allowed = await self._robots_allow(request.url, [])
            except AddressRefused as error:
                return verdict(request, Outcome.NOT_CHECKED, f"refused: {error}")
            except (UrlBudgetSpent, BudgetExceeded):
                return None  # no answer about robots.txt is no restriction
            if allowed:
                return None
            return verdict(request, Outcome.NOT_CHECKED, "robots.txt disallows fetching it")

        async with self._client() as client:
            self.client = client
            found = await asyncio.gather(*(one(request) for request in requests))
        return {request.url: result for request, result in zip(requests, found, strict=True)
                if result is not None}

    async def run(self, requests: list[LinkRequest], progress: Progress | None = None
                  ) -> dict[str, Verdict]:
        options = self.options
        results: dict[str, Verdict] = {}
        async with self._client() as client:
            self.client = client
            tasks = {asyncio.ensure_future(self.check(request)): request
                     for request in requests}
            pending = set(tasks)
            deadline = time.monotonic() + options.run_budget
            while pending:
                done, pending = await asyncio.wait(
                    pending, timeout=max(0.0, deadline - time.monotonic()),
                    return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    results[tasks[task].url] = task.result()
                if progress:
                    progress(len(results), len(requests))
                if not done:
                    break  # the run budget is spent
            for task in pending:
                task.cancel()
                results[tasks[task].url] = verdict(
                    tasks[task], Outcome.NOT_CHECKED,
                    f"the online stage's time budget ({options.run_budget:g} s) ran out")
            if pending:
                await asyncio.gather(*pending, return_exceptions=True)
        return results

    async def _fetch(self, method: str, url: str, want_body: bool, budget: list[float]
                     ) -> _Response:
        async with self.limits.slot(url), self.global_slots:
            if not budget:  # the URL's budget starts with its first request
                budget.append(time.monotonic() + self.options.url_budget)
            remaining = budget[0] - time.monotonic()
            if remaining <= 0:
                raise UrlBudgetSpent
            try:
                return await asyncio.wait_for(self._exchange(method, url, want_body), remaining)
            except TimeoutError:
                raise UrlBudgetSpent from None

    async def _exchange(self, method: str, url: str, want_body: bool) -> _Response:
        response = await self.client.send(self.client.build_request(method, url), stream=True)
        try:
            body = None
            if want_body and response.status_code < 300:
                body = await read_body(response, self.options.max_body_bytes)
            return _Response(response.status_code, response.reason_phrase, response.headers, body)
        finally:
            await response.aclose()

    async def _robots_allow(self, url: str, budget: list[float]) -> bool:
        origin = host_key(url)
        lock = self.robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self.robots:
                parts = urlsplit(url)
                robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
                parser: urllib.robotparser.RobotFileParser | None = None
                try:
                    response = await self._fetch("GET", robots_url, True, budget)
                except (UrlBudgetSpent, AddressRefused, BudgetExceeded):
                    raise
                except Exception:  # no usable robots.txt means no restriction
                    response = None
                if response is not None and response.status in (401, 403):
                    parser = urllib.robotparser.RobotFileParser()
                    parser.parse(["User-agent: *", "Disallow: /"])  # as urllib's read() does
                elif response is not None and response.status < 300 and response.body:
                    parser = urllib.robotparser.RobotFileParser()
                    parser.parse(response.body.decode("utf-8", "replace").splitlines())
                self.robots[origin] = parser
        parser = self.robots[origin]
        return parser is None or parser.can_fetch(self.options.user_agent, url)

    async def check(self, request: LinkRequest) -> Verdict:
        import httpx

        budget: list[float] = []
        try:
            return await self._check(request, budget)
        except AddressRefused as error:
            return verdict(request, Outcome.NOT_CHECKED, f"refused: {error}")
        except BudgetExceeded as error:
            return verdict(request, Outcome.NOT_CHECKED, str(error))
        except UrlBudgetSpent:
            return verdict(request, Outcome.BROKEN, "no complete answer within "
                           f"{self.options.url_budget:g} s")
        except LookupFailed as error:
            return verdict(request, Outcome.BROKEN, str(error))
        except httpx.ConnectTimeout:
            return verdict(request, Outcome.BROKEN, "connection timed out")
        except httpx.TimeoutException:
            return verdict(request, Outcome.BROKEN,
                           f"no response within {self.options.read_timeout:g} s")
        except httpx.ConnectError as error:
            text = str(error)
            if "SSL" in text or "CERTIFICATE" in text.upper() or "TLS" in text:
                return verdict(request, Outcome.BROKEN, f"TLS error: {text}")
            return verdict(request, Outcome.BROKEN, f"cannot connect: {text}")
        except httpx.RemoteProtocolError as error:
            return verdict(request, Outcome.BROKEN,
                           f"the server broke off or garbled the response: {error}")
        except httpx.ReadError as error:
            return verdict(request, Outcome.BROKEN, f"connection reset: {error}".rstrip(": "))
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
            return verdict(request, Outcome.BROKEN, f"invalid URL: {error}")
        except httpx.HTTPError as error:
            return verdict(request, Outcome.BROKEN, f"{type(error).__name__}: {error}")

    async def _check(self, request: LinkRequest, budget: list[float]) -> Verdict:
        options = self.options
        if options.robots and not await self._robots_allow(request.url, budget):
            return verdict(request, Outcome.NOT_CHECKED, "robots.txt disallows fetching it")
        want_body = bool(request.fragments) and options.check_anchors
        method = "GET" if want_body else "HEAD"
        current, hops, retries = request.url, [], 0
        seen = {current}
        while True:
            response = await self._fetch(method, current, want_body, budget)
            status = response.status
            if method == "HEAD" and status >= 400 and status != 429:
                method = "GET"  # 405/501, and servers that mishandle HEAD
                continue
            if status in REDIRECTS and response.headers.get("location"):
                target = urljoin(current, response.headers["location"]).split("#", 1)[0]
                hops.append(status)
                if urlsplit(target).scheme not in ("http", "https"):
                    return verdict(request, Outcome.BROKEN,
                                   f"redirects to a non-http(s) URL: {target}", status=status)
                if target in seen:
                    return verdict(request, Outcome.BROKEN, f"redirect loop at {target}",
                                   status=status)
                if len(hops) > options.max_redirects:
                    return verdict(request, Outcome.BROKEN,
                                   f"more than {options.max_redirects} redirects", status=status)
                seen.add(target)
                current = target
                continue
            if status == 429:
                header = response.headers.get("retry-after")
                wait = retry_after_seconds(header)
                left = budget[0] - time.monotonic() if budget else options.url_budget
                if retries < options.retries_429 and wait <= min(options.max_retry_after, left):
                    retries += 1
                    await asyncio.sleep(wait)
                    continue
                return verdict(request, Outcome.RATE_LIMITED,
                               f"HTTP 429 Too Many Requests (Retry-After: {header or 'none'})",
                               status=status, final_url=current)
            if status >= 300:
                return verdict(request, Outcome.BROKEN, f"HTTP {status} {response.reason}".strip(),
                               status=status, final_url=current)
            break
        permanent = current if hops and all(hop in PERMANENT for hop in hops) else ""
        missing: frozenset[str] = frozenset()
        checked: frozenset[str] = frozenset()
        content_type = response.headers.get("content-type", "")
        if want_body:
            checked = request.fragments  # a fragment into a PDF or an image is not ours to judge
        if want_body and response.body is not None and "html" in content_type.lower():
            ids = html_ids(response.body, _charset(content_type))
            missing = frozenset(f for f in request.fragments if not fragment_present(f, ids))
        return verdict(request, Outcome.OK, f"HTTP {status} {response.reason}".strip(),
                       status=status, final_url=current, permanent_to=permanent,
                       anchors_checked=checked, anchors_missing=missing)


# What we ask servers for: the encodings `read_body` inflates with a bound. httpx
# would also offer br and zstd when their packages are installed.
ACCEPT_ENCODING = "gzip, deflate"
STEP = 65536  # the most one inflate call may produce
MAX_ENCODINGS = 4  # "gzip, gzip, gzip, ..." past this is not decoded


class _Inflater:
    """One content coding, inflated at most STEP bytes per call."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        # gzip: its header; deflate: zlib-wrapped, or raw as some servers send it.
        self.inflater = (zlib.decompressobj(zlib.MAX_WBITS | 16) if coding == "gzip"
                         else zlib.decompressobj(zlib.MAX_WBITS))
        self.started = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        """`data` decoded, lazily, in pieces of at most STEP bytes: a consumer that
        stops early leaves the rest of `data` uninflated."""
        import httpx

        while not self.inflater.eof:
            try:
                piece = self.inflater.decompress(data, STEP)
            except zlib.error as error:
                if self.coding == "deflate" and not self.started:
                    self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate
                    self.started = True
                    continue
                raise httpx.DecodingError(str(error)) from None
            self.started = True
            data = self.inflater.unconsumed_tail
            if piece:
                yield piece
            if not data and len(piece) < STEP:
                break  # a full piece may leave output inside zlib: ask again


def _decoded(inflaters: list[_Inflater], data: bytes) -> Iterator[bytes]:
    if not inflaters:
        yield data
        return
    for piece in inflaters[0].feed(data):
        yield from _decoded(inflaters[1:], piece)


def _inflaters(content_encoding: str) -> list[_Inflater] | None:
    """Decoders for a Content-Encoding header, outermost first; None when one of
    its codings is not one we inflate with a bound (br, zstd, compress, ...)."""
    codings = [part.strip().lower() for part in content_encoding.split(",") if part.strip()]
    codings = [coding for coding in codings if coding != "identity"]
    codings = ["gzip" if coding == "x-gzip" else coding for coding in codings]
    if len(codings) > MAX_ENCODINGS or any(c not in ("gzip", "deflate") for c in codings):
        return None
    return [_Inflater(coding) for coding in reversed(codings)]


async def read_body(response: Any, limit: int) -> bytes | None:
    """At most `limit` bytes of the decoded body, counted as they are inflated;
    None when the body is in an encoding we do not inflate (nothing is judged)."""
    inflaters = _inflaters(response.headers.get("content-encoding", ""))
    if inflaters is None:
        return None
    pieces: list[bytes] = []
    size = 0
    async for raw in response.aiter_raw():
        for piece in _decoded(inflaters, raw):
            pieces.append(piece[: limit - size])
            size += len(pieces[-1])
            if size >= limit:
                return b"".join(pieces)  # enough to look for ids; the rest is not ours
    return b"".join(pieces)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip('"')
    return None


def check_with_httpx(requests: list[LinkRequest], options: OnlineOptions, policy: Policy,
                     progress: Progress | None = None) -> dict[str, Verdict]:
    async def main() -> dict[str, Verdict]:
        return await HttpxEngine(options, policy).run(requests, progress)

    return asyncio.run(main())


def robots_refusals(requests: list[LinkRequest], options: OnlineOptions, policy: Policy
                    ) -> dict[str, Verdict]:
    """The requests robots.txt disallows, as not-checked verdicts (see HttpxEngine)."""
    return asyncio.run(HttpxEngine(options, policy).robots_refusals(requests))
