"""Real headless Chromium for tests, driven over the DevTools protocol: console
messages, evaluation in the page, timings, DOM and font metrics, key presses,
screenshots.

CI installs Debian's package (`apt-get install -y chromium`); locally a test
without it is skipped, but under CI (CI set) its absence is a failure.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")
# Without the background-networking flags Chromium phones home, and this
# machine's closed network refuses it (noisy, slow); --no-sandbox: tests run as root.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars",
)
# Run in the page before its own scripts: `window.__interactive` becomes the time
# (ms since navigation start) at which, after DOMContentLoaded and whatever the
# page's scripts did by then, the first frame was drawn and the main thread was
# free again, i.e. the page answers input.
INTERACTIVE = """document.addEventListener('DOMContentLoaded', function () {
  requestAnimationFrame(function () {
    setTimeout(function () { window.__interactive = performance.now(); });
  });
});"""
# Evaluated after an action: the ms until the frame showing its result was drawn.
_TIMED = """new Promise(function (resolve) {
  var start = performance.now();
  (function () { %s })();
  requestAnimationFrame(function () {
    setTimeout(function () { resolve(performance.now() - start); });
  });
})"""

# Chromium 150's CSS domain (`fonts_of`) fetches the page's own file: URL for its
# style sheets and logs that as an unsafe load: the inspector's doing, not the page's.
_INSPECTORS_OWN_LOAD = re.compile(
    r"Unsafe attempt to load URL (\S+) from frame with URL \1\. 'file:' URLs")


def chromium() -> str:
    """The browser's path, or skip (fail under CI) when it is not installed."""
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    message = "chromium is not installed (apt-get install -y chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def colour_emoji_font() -> str:
    """A colour emoji font's family as fontconfig knows it, or skip (fail under CI)
    when there is none (apt-get install -y fonts-noto-color-emoji)."""
    fc_list = shutil.which("fc-list")
    if fc_list:
        listed = subprocess.run([fc_list, ":charset=1f3af:color=true", "family"],
                                capture_output=True, text=True, check=False).stdout.split("\n")
        families = sorted(line.split(",")[0] for line in listed if line.strip())
        if families:
            return families[0]
    message = "no colour emoji font is installed (apt-get install -y fonts-noto-color-emoji)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def distinct_colours(png: Path) -> int:
    from PIL import Image

    with Image.open(png) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    return len(colours) if colours is not None else 1 << 20


class DevToolsError(RuntimeError):
    pass


class Browser:
    """One headless Chromium driven over the DevTools protocol on a pipe
    (`--remote-debugging-pipe`: commands on the child's fd 3, replies on fd 4,
    each message NUL-terminated JSON), so no port is opened and no client library
    is needed. Console messages and uncaught exceptions are collected in `console`.

        with Browser() as browser:
            browser.open(path)
            browser.evaluate("document.title")
    """

    def __init__(self, size: tuple[int, int] = (1280, 900)) -> None:
        self.size = size
        self.console: list[str] = []
        self._next_id = 0
        self._buffer = b""
        self._events: list[dict[str, Any]] = []
        self._session = ""
        self._before_load: set[str] = set()
        self._profile = tempfile.TemporaryDirectory(prefix="chromium-profile-")
        self._log = tempfile.TemporaryFile()  # noqa: SIM115  (closed in close())
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()

        def arrange() -> None:  # in the child, before exec: the pipes on fds 3 and 4
            high_read = fcntl.fcntl(commands_read, fcntl.F_DUPFD, 10)
            high_write = fcntl.fcntl(replies_write, fcntl.F_DUPFD, 10)
            os.dup2(high_read, 3)
            os.dup2(high_write, 4)

        self._process = subprocess.Popen(
            [chromium(), *FLAGS, "--remote-debugging-pipe",
             f"--user-data-dir={self._profile.name}",
             f"--window-size={size[0]},{size[1]}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._log,
            preexec_fn=arrange, close_fds=False)
        os.close(commands_read)
        os.close(replies_write)
        try:
            target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            self._session = self.send("Target.attachToTarget",
                                      {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Runtime", "Log", "Performance"):
                self.send(f"{domain}.enable")
            self.send("Emulation.setDeviceMetricsOverride",
                      {"width": size[0], "height": size[1], "deviceScaleFactor": 1,
                       "mobile": False})
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._process.poll() is None:
            with contextlib.suppress(OSError, DevToolsError):
                self._write({"id": -1, "method": "Browser.close"})
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        for fd in (self._commands, self._replies):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._log.close()
        self._profile.cleanup()

    def _write(self, message: dict[str, Any]) -> None:
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self._commands, data):]

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._replies], [], [], left)[0]:
                raise DevToolsError("no answer from chromium in time")
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                self._log.seek(0)
                raise DevToolsError("chromium exited: "
                                    + self._log.read()[-3000:].decode(errors="replace"))
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def _note(self, event: dict[str, Any]) -> None:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled":
            self.console.append(" ".join(str(arg.get("value", arg.get("description", "")))
                                         for arg in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            self.console.append("Uncaught " + str(details.get("exception", {}).get(
                "description", details.get("text", ""))))
        elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning") \
                and not _INSPECTORS_OWN_LOAD.match(params["entry"]["text"]):
            self.console.append(params["entry"]["text"])
        self._events.append(event)

    def send(self, method: str, params: dict[str, Any] | None = None,
             timeout: float = 60) -> dict[str, Any]:
        """Send one command (to the page once attached) and wait for its result."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method,
                                   "params": params or {}}
        if self._session:
            message["sessionId"] = self._session
        self._write(message)
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise DevToolsError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            if "method" in reply:
                self._note(reply)

    def wait_for(self, method: str, timeout: float = 60) -> dict[str, Any]:
        """The first event `method` not yet waited for (seen already or coming)."""
        deadline = time.monotonic() + timeout
        while True:
            for index, event in enumerate(self._events):
                if event.get("method") == method:
                    del self._events[: index + 1]
                    params: dict[str, Any] = event.get("params", {})
                    return params
            self._note(self._read(deadline))

    def open(self, page: Path, before_load: str = "") -> None:
        """Load `page` from disk and wait for its load event; `before_load` runs
        in the page (and every later one) before any of its own scripts."""
        if before_load and before_load not in self._before_load:
            self.send("Page.addScriptToEvaluateOnNewDocument", {"source": before_load})
            self._before_load.add(before_load)  # it stays for later loads too
        self._events.clear()
        self.send("Page.navigate", {"url": page.resolve().as_uri()})
        self.wait_for("Page.loadEventFired")

    def open_timed(self, page: Path) -> float:
        """Load `page` and return its time to interactive in ms (INTERACTIVE)."""
        self.open(page, before_load=INTERACTIVE)
        value = self.evaluate("""new Promise(function (resolve) { (function poll() {
            if (window.__interactive) { resolve(window.__interactive); }
            else { setTimeout(poll, 5); } })(); })""")
        return float(value)

    def timed(self, action: str) -> float:
        """Run JavaScript `action` in the page; the ms until its result was drawn."""
        return float(self.evaluate(_TIMED % action))

    def evaluate(self, expression: str, timeout: float = 60) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        result = self.send("Runtime.evaluate",
                           {"expression": expression, "awaitPromise": True,
                            "returnByValue": True}, timeout=timeout)
        if "exceptionDetails" in result:
            raise DevToolsError(str(result["exceptionDetails"]))
        return result["result"].get("value")

    def metrics(self) -> dict[str, float]:
        """Performance.getMetrics: Nodes (every DOM node), JSHeapUsedSize, ..."""
        return {item["name"]: item["value"]
                for item in self.send("Performance.getMetrics")["metrics"]}

    def fonts_of(self, selector: str) -> list[str]:
        """The families Chromium actually drew the text of the first `selector` with."""
        self.send("DOM.enable")
        self.send("CSS.enable")
        root = self.send("DOM.getDocument")["root"]["nodeId"]
        node = self.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if not node:
            raise DevToolsError(f"nothing matches {selector}")
        fonts = self.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        return [font["familyName"] for font in fonts]

    def press(self, key: str) -> None:
        """Press and release a key (Tab, Enter, Escape, ArrowDown, or a character)
        in the focused element, as a keyboard user would."""
        codes = {"Tab": 9, "Enter": 13, "Escape": 27, "ArrowDown": 40, "ArrowUp": 38,
                 " ": 32}
        code = codes.get(key, ord(key.upper()[0]))
        text = {"Enter": "\r", " ": " "}.get(key, key if len(key) == 1 else "")
        down: dict[str, Any] = {"type": "keyDown" if text else "rawKeyDown", "key": key,
                                "windowsVirtualKeyCode": code, "nativeVirtualKeyCode": code}
        if text:
            down["text"] = text
        self.send("Input.dispatchKeyEvent", down)
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": key,
                                             "windowsVirtualKeyCode": code,
                                             "nativeVirtualKeyCode": code})

    def screenshot(self, out: Path, height: int = 0) -> Path:
        """The viewport as PNG; with `height`, the page's top that high (-1: all of it)."""
        params: dict[str, Any] = {"format": "png"}
        if height:
            if height < 0:
                height = self.evaluate("document.documentElement.scrollHeight")
            params["captureBeyondViewport"] = True
            params["clip"] = {"x": 0, "y": 0, "width": self.size[0], "height": height,
                              "scale": 1}
        out.write_bytes(base64.b64decode(self.send("Page.captureScreenshot", params)["data"]))
        return out
