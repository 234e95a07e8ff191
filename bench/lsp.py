"""The language server on a large workspace, driven by a real client over stdio.

    .venv/bin/python bench/lsp.py [--pages 2000] [--lines 1000] [--edits 40] [--page PATH]

A generated site of --pages pages (bench/perf.py's generator: frontmatter,
headings, an admonition, a table, a list, figures, a cross-page link with a
fragment) plus one page of --lines lines (or --page, a real one copied in) that
links to many others. The server (`curriculint lsp`, debounce 0) indexes the
site; then the client edits the long page, each edit a keystroke-sized change
that adds or removes a finding, and times:

  pull    didChange, then textDocument/diagnostic: the answer for the new text
  push    didChange until textDocument/publishDiagnostics of that version
  rename  a heading renamed in a page others link to, until the LNK003 on a
          page that is not open arrives

It prints medians and 90th percentiles in ms, the server's own time per update
(logged with the `timings` option: from the change to the answer, without the
client and the pipe), the index time (cold: no result
cache; warm: a second server on the same cache) and the server's resident
memory (VmRSS) and peak (VmHWM) after indexing and after the edits. Not a test:
timings depend on the machine (docs/editors.md has the latest run).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from lsprotocol import types
from pytest_lsp import LanguageClient, make_test_lsp_client

sys.path.insert(0, str(Path(__file__).resolve().parent))
from perf import synthetic_site


def long_page(lines: int, pages: int) -> str:
    """A page of about `lines` lines: sections, prose, lists, a table, links."""
    out = ["---", "title: The long page", "description: A page of many sections.", "---", "",
           "# The long page", ""]
    section = 0
    while len(out) < lines - 12:
        section += 1
        target = (section * 37) % pages
        out += [f"## Section {section}", "",
                f"Section {section} explains a step; see [page {target}](part-"
                f"{target // 200:04d}/page-{target}.md#details) and [the steps](#section-"
                f"{max(section - 1, 1)}).", "",
                f"- point one of section {section} with `code`",
                f"- point two, serving {section * 3}k requests/second",
                "", "| step | time |", "|---|---|", f"| parse | {section} ms |", ""]
    return "\n".join(out) + "\n"


def rss(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of a process in MB."""
    found = {}
    with open(f"/proc/{pid}/status", encoding="utf-8") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":", 1)
                found[key] = int(value.split()[0]) // 1024
    return found.get("VmRSS", 0), found.get("VmHWM", 0)


class Bench:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.client: LanguageClient = make_test_lsp_client()
        self.versions: dict[str, tuple[int | None, float]] = {}
        self.received: dict[str, list[types.Diagnostic]] = {}
        recorded = self.client.protocol.fm.features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

        def record(params: types.PublishDiagnosticsParams) -> None:
            self.versions[params.uri] = (params.version, time.perf_counter())
            self.received[params.uri] = list(params.diagnostics)
            recorded(params)

        self.client.protocol.fm.features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record

    async def start(self, pull: bool) -> float:
        env = {**os.environ, "CURRICULINT_SERVER": "off",
               "CURRICULINT_CACHE_DIR": str(self.folder / ".cache")}
        await self.client.start_io(sys.executable, "-m", "curriculint", "lsp", env=env,
                                   cwd=self.folder)
        capabilities = types.ClientCapabilities(
            window=types.WindowClientCapabilities(work_done_progress=True))
        if pull:
            capabilities.text_document = types.TextDocumentClientCapabilities(
                diagnostic=types.DiagnosticClientCapabilities())
        started = time.perf_counter()
        await self.client.initialize_session(types.InitializeParams(
            capabilities=capabilities,
            workspace_folders=[types.WorkspaceFolder(uri=self.folder.as_uri(), name="bench")],
            initialization_options={"debounceMs": 0, "sweepDelayMs": 300, "timings": True}))
        while not any(isinstance(report, types.WorkDoneProgressEnd)
                      for report in self.client.progress_reports.get("curriculint-index-1", [])):
            await asyncio.sleep(0.01)
        return time.perf_counter() - started

    @property
    def pid(self) -> int:
        server: Any = self.client._server  # the subprocess pygls started
        return int(server.pid)

    def server_times(self, display: str) -> list[float]:
        """What the server logged: from the change to its answer, in seconds."""
        found = []
        for message in self.client.log_messages:
            text = message.message
            if text.startswith(f"curriculint: updated {display} "):
                found.append(float(text.rsplit(" in ", 1)[1].split()[0]) / 1000)
        return found

    async def stop(self) -> None:
        await self.client.shutdown_session()
        await self.client.stop()


def change(client: LanguageClient, uri: str, version: int, line: int, old: int, text: str
           ) -> None:
    """Replace `old` characters at the start of `line` with `text`."""
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=line, character=0),
                              end=types.Position(line=line, character=old)), text=text)]))


def summary(name: str, samples: list[float]) -> str:
    ms = sorted(sample * 1000 for sample in samples)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    return (f"{name:<8} median {statistics.median(ms):6.1f} ms   p90 {p90:6.1f} ms   "
            f"max {ms[-1]:6.1f} ms   ({len(ms)} edits)")


async def run_bench(folder: Path, edits: int, page: Path) -> None:
    uri = page.as_uri()
    text = page.read_text("utf-8")
    line = len(text.split("\n")) // 2  # an edit in the middle of the page
    bad = "[x](http:/example.org/x) "

    # Cold index (no cache), then pull latencies.
    bench = Bench(folder)
    cold = await bench.start(pull=True)
    after_index = rss(bench.pid)
    client = bench.client
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1,
                                             text=text)))
    version, pulled = 1, []
    for number in range(edits):
        version += 1
        adding = number % 2 == 0
        started = time.perf_counter()
        change(client, uri, version, line, 0 if adding else len(bad), bad if adding else "")
        report = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))
        pulled.append(time.perf_counter() - started)
        codes = [str(item.code) for item in getattr(report, "items", [])]
        assert ("LNK001" in codes) == adding, codes
    after_edits = rss(bench.pid)
    served = bench.server_times(page.name)[-edits:]
    await bench.stop()

    # Warm index (the cache the first server filled), push latencies, a rename.
    bench = Bench(folder)
    warm = await bench.start(pull=False)
    client = bench.client
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1,
                                             text=text)))
    while uri not in bench.versions:
        await asyncio.sleep(0.005)
    version, pushed = 1, []
    for number in range(edits):
        version += 1
        adding = number % 2 == 0
        started = time.perf_counter()
        change(client, uri, version, line, 0 if adding else len(bad), bad if adding else "")
        while bench.versions.get(uri, (None, 0.0))[0] != version:
            await asyncio.sleep(0.001)
        pushed.append(bench.versions[uri][1] - started)
    renamed = []
    target = folder / "part-0000" / "page-37.md"  # the long page links to it
    target_uri = target.as_uri()
    target_text = target.read_text("utf-8")
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=target_uri, language_id="markdown",
                                             version=1, text=target_text)))
    heading = target_text.split("\n").index("## Details")
    for number in range(min(edits, 10)):
        new = "## Detail" if number % 2 == 0 else "## Details"
        started = time.perf_counter()
        change(client, target_uri, number + 2, heading, len("## Details") if number % 2 == 0
               else len("## Detail"), new)
        while True:
            found = [str(item.code) for item in bench.received.get(uri, [])]
            if ("LNK003" in found) == (number % 2 == 0):
                break
            await asyncio.sleep(0.001)
        renamed.append(time.perf_counter() - started)
    served_push = bench.server_times(page.name)[-edits:]
    await bench.stop()

    pages = sum(1 for _ in folder.rglob("*.md"))
    print(f"workspace: {pages} pages; the edited page: {len(text.splitlines())} lines")
    print(f"index    cold {cold:5.1f} s   warm (cache) {warm:5.1f} s")
    print(summary("pull", pulled))
    print(summary("push", pushed))
    print(summary("rename", renamed))
    print(summary("server", served) + "  (pull: the server's own time, change to answer)")
    print(summary("server", served_push) + "  (push: the same)")
    print(f"load     {os.getloadavg()[0]:.1f} (1-minute load average of this "
          f"{os.cpu_count()}-core machine)")
    print(f"memory   after index {after_index[0]} MB   after {edits} edits {after_edits[0]} MB"
          f"   peak {after_edits[1]} MB (the server process; index workers apart)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--page", type=Path, help="a real page to edit instead of a made one")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="curriculint-lsp-bench-"))
    try:
        synthetic_site(folder, args.pages - 1)
        page = folder / "long-page.md"
        if args.page:
            shutil.copy(args.page, page)
        else:
            page.write_text(long_page(args.lines, args.pages - 1), "utf-8")
        asyncio.run(run_bench(folder, args.edits, page))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
