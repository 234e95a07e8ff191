"""HTTP servers on 127.0.0.1 for the online link tests and the benchmark.

Only loopback, only started by the tests themselves; every handler loop is
bounded so a test can never hang on the server side.
"""

from __future__ import annotations

import functools
import socket
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = (b"<!doctype html><html><head><title>t</title></head><body>"
        b"<h2 id=\"present\">Here</h2><a name=\"named\"></a><p>text</p></body></html>")
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


BOMB_DECODED = 1 << 30  # what each bomb inflates to: 1 GiB of zero bytes


@functools.cache
def compression_bomb(kind: str) -> bytes:
    """About 1 MB that inflates to BOMB_DECODED zero bytes, as `kind`: "gzip",
    "deflate" (zlib-wrapped) or "gzip, gzip" (the gzip bomb gzipped again, a few
    kB). Built in about a second: one full-flushed block of deflate repeated, then
    the real trailer."""
    if kind == "gzip, gzip":
        return zlib.compress(compression_bomb("gzip"), 9, wbits=31)
    block = bytes(1 << 20)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    body = piece * (BOMB_DECODED // len(block)) + deflate.flush()
    if kind == "deflate":
        adler = 1
        for _ in range(BOMB_DECODED // len(block)):
            adler = zlib.adler32(block, adler)
        return b"\x78\xda" + body + struct.pack(">I", adler)
    crc = 0
    for _ in range(BOMB_DECODED // len(block)):
        crc = zlib.crc32(block, crc)
    return (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + body
            + struct.pack("<II", crc, BOMB_DECODED & 0xFFFFFFFF))


_BOMB_LOCK = threading.Lock()
BOMBS = {"/gzip-bomb": "gzip", "/deflate-bomb": "deflate", "/double-gzip-bomb": "gzip, gzip"}
# PAGE in each Content-Encoding the client inflates itself ("deflate" comes zlib-wrapped
# or raw), and in one it does not ("br": the bytes are not Brotli, never decoded).
PAGE_ENCODINGS = {"/gzip-page": ("gzip", 31), "/deflate-page": ("deflate", 15),
                  "/raw-deflate-page": ("deflate", -15), "/br-page": ("br", 31)}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int]) -> None:
        super().__init__(address, _Handler)
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that give up mid-response are part of the tests


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
              content_type: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _redirect(self, status: int, location: str) -> None:
        self._send(status, b"", {"Location": location})

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        with self.server.lock:
            self.server.hits[path] += 1
            count = self.server.hits[path]
        head = self.command == "HEAD"
        if path == "/robots.txt":
            self._send(200, ROBOTS, content_type="text/plain")
        elif path in ("/ok", "/page.html", "/private/page", "/final") or path.startswith("/p/"):
            self._send(200, PAGE)
        elif path in ("/404", "/410", "/500"):
            self._send(int(path[1:]), b"<p>error</p>")
        elif path.startswith("/r/"):
            self._redirect(301, "/p/" + path[3:])
        elif path == "/moved":
            self._redirect(301, "/final")
        elif path == "/moved-308":
            self._redirect(308, "/moved")  # 308 then 301: permanent all the way
        elif path == "/found":
            self._redirect(302, "/moved")  # temporary first: not a permanent move
        elif path == "/loop-a":
            self._redirect(302, "/loop-b")
        elif path == "/loop-b":
            self._redirect(302, "/loop-a")
        elif path == "/to-ip":
            port = self.server.server_address[1]
            self._redirect(302, f"http://127.0.0.1:{port}/ok")
        elif path == "/to-file":
            self._redirect(301, "file:///etc/passwd")
        elif path == "/to-bad-host":
            self._redirect(301, "http://[::1/x")
        elif path == "/to-metadata":
            self._redirect(302, "http://169.254.169.254/latest/meta-data/")
        elif path == "/slow":
            time.sleep(0.3)
            self._send(200, PAGE)
        elif path == "/very-slow":
            time.sleep(3)  # past the tests' read timeout
            self._send(200, PAGE)
        elif path == "/limited":
            self._send(429, b"slow down", {"Retry-After": "1"})
        elif path == "/limited-once":
            if count == 1:
                self._send(429, b"slow down", {"Retry-After": "1"})
            else:
                self._send(200, PAGE)
        elif path == "/no-head":
            if head:
                self._send(405, b"", {"Allow": "GET"})
            else:
                self._send(200, PAGE)
        elif path == "/large":
            body = PAGE + b"<p>" + b"x" * (5 * 1024 * 1024) + b"</p>"
            self._send(200, body)
        elif path == "/reset":
            # SO_LINGER 0: close() sends a TCP RST instead of a FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif path == "/truncated":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Le")
            self.wfile.flush()
            self.close_connection = True
        elif path == "/endless":
            if head:
                self._send(405, b"")
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.close_connection = True
            self._stream(b"<p>" + b"y" * 65536, pause=0.0, limit=4000)  # at most ~256 MB
        elif path in BOMBS:  # HTML that inflates to 1 GiB
            with _BOMB_LOCK:  # built once, not by every handler thread at once
                bomb = compression_bomb(BOMBS[path])
            self._send(200, bomb, {"Content-Encoding": BOMBS[path]})
        elif path in PAGE_ENCODINGS:  # PAGE, compressed: ids must still be found
            coding, wbits = PAGE_ENCODINGS[path]
            self._send(200, zlib.compress(PAGE, 9, wbits=wbits), {"Content-Encoding": coding})
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.close_connection = True
            if not head:
                self._stream(b"z", pause=0.1, limit=300)  # 30 s at most
        else:
            self._send(404, b"<p>no such route</p>")

    def _stream(self, chunk: bytes, pause: float, limit: int) -> None:
        for _ in range(limit):
            try:
                self.wfile.write(chunk)
                self.wfile.flush()
            except OSError:
                return  # the client gave up, as it should
            if pause:
                time.sleep(pause)


@contextmanager
def serve(count: int = 1) -> Iterator[list[_Server]]:
    """`count` servers on 127.0.0.1, each on its own free port."""
    servers = [_Server(("127.0.0.1", 0)) for _ in range(count)]
    threads = [threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                daemon=True) for server in servers]
    for thread in threads:
        thread.start()
    try:
        yield servers
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def base_url(server: _Server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"
