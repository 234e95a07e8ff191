"""`curriculint lsp` end to end: a real LSP client (pytest-lsp) starts the server
over stdio in a fixture site, opens pages, types, and reads what comes back."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient, make_test_lsp_client

pytestmark = pytest.mark.asyncio

SITE = {
    "mkdocs.yml": "site_name: Course\nnav:\n  - index.md\n  - guide.md\n  - extra.md\n",
    "pyproject.toml": ("[tool.curriculint]\n\n[tool.curriculint.collections.paths]\n"
                       'pages = ["paths/**"]\nschema = "curriculint:learning-path"\n'),
    "docs/index.md": "# Course\n\nStart with [the guide](guide.md#install).\n",
    "docs/guide.md": "# Guide\n\n## Install\n\nRun the installer.\n\n## Configure {#setup}\n",
    "docs/extra.md": "# Extra\n\nSee [installing](guide.md#install) first.\n",
    "docs/paths/first.md": ("---\ntitle: First path\ndescription: The first one.\n"
                            "difficulty: beginner\n---\n\n# First path\n"),
    "docs/img/diagram.png": "",
}


def uri(path: Path) -> str:
    return path.as_uri()


@asynccontextmanager
async def session(folder: Path, capabilities: types.ClientCapabilities | None = None,
                  options: dict[str, Any] | None = None) -> AsyncIterator[LanguageClient]:
    client = make_test_lsp_client()
    env = {**os.environ, "CURRICULINT_SERVER": "off",
           "CURRICULINT_CACHE_DIR": str(folder / ".cache")}
    await client.start_io(sys.executable, "-m", "curriculint", "lsp", env=env, cwd=folder)
    capabilities = capabilities or types.ClientCapabilities()
    capabilities.window = types.WindowClientCapabilities(work_done_progress=True)
    markdown = [types.MarkupKind.Markdown, types.MarkupKind.PlainText]
    documents = capabilities.text_document or types.TextDocumentClientCapabilities()
    documents.hover = types.HoverClientCapabilities(content_format=markdown)
    documents.completion = types.CompletionClientCapabilities(
        completion_item=types.ClientCompletionItemOptions(documentation_format=markdown))
    capabilities.text_document = documents
    await client.initialize_session(types.InitializeParams(
        capabilities=capabilities,
        workspace_folders=[types.WorkspaceFolder(uri=uri(folder), name="site")],
        initialization_options={"debounceMs": 20, "sweepDelayMs": 50, "jobs": 1,
                                **(options or {})}))
    try:
        yield client
    finally:
        await client.shutdown_session()
        await client.stop()


def make_site(folder: Path, pages: dict[str, str] = SITE) -> Path:
    for name, text in pages.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return folder


async def until(check: Callable[[], Any], what: str, timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


async def indexed(client: LanguageClient) -> None:
    """The workspace index is built (its progress ended)."""
    await until(lambda: any(isinstance(report, types.WorkDoneProgressEnd)
                            for token, reports in client.progress_reports.items()
                            if str(token).startswith("curriculint-index")
                            for report in reports),
                "the workspace index")


def codes(client: LanguageClient, page: Path) -> list[str]:
    return sorted(str(item.code) for item in client.diagnostics.get(uri(page), []))


class Buffer:
    """A page open in the client: its text, version and edits."""

    def __init__(self, client: LanguageClient, path: Path) -> None:
        self.client, self.path = client, path
        self.text = path.read_text("utf-8")
        self.version = 1
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri(path), language_id="markdown",
                                                 version=1, text=self.text)))

    @property
    def uri(self) -> str:
        return uri(self.path)

    def offset(self, where: types.Position) -> int:
        lines = self.text.split("\n")
        return sum(len(line) + 1 for line in lines[:where.line]) + where.character

    def apply(self, edits: Sequence[types.TextEdit]) -> None:
        """Edits as the client applies them, sent as incremental changes."""
        for edit in sorted(edits, key=lambda item: (item.range.start.line,
                                                    item.range.start.character), reverse=True):
            self.change(edit.range, edit.new_text)

    def change(self, where: types.Range, new_text: str) -> None:
        start, end = self.offset(where.start), self.offset(where.end)
        self.text = self.text[:start] + new_text + self.text[end:]
        self.version += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=self.uri,
                                                                version=self.version),
            content_changes=[types.TextDocumentContentChangePartial(range=where,
                                                                     text=new_text)]))

    def type_at_end(self, text: str) -> None:
        lines = self.text.split("\n")
        end = types.Position(line=len(lines) - 1, character=len(lines[-1]))
        self.change(types.Range(start=end, end=end), text)

    def replace(self, old: str, new: str) -> None:
        start = self.text.index(old)
        before = self.text[:start].split("\n")
        first = types.Position(line=len(before) - 1, character=len(before[-1]))
        after = self.text[:start + len(old)].split("\n")
        last = types.Position(line=len(after) - 1, character=len(after[-1]))
        self.change(types.Range(start=first, end=last), new)

    def position(self, needle: str, offset: int = 0) -> types.Position:
        start = self.text.index(needle) + offset
        before = self.text[:start].split("\n")
        return types.Position(line=len(before) - 1, character=len(before[-1]))


async def test_type_a_malformed_url_fix_it_and_break_an_anchor_elsewhere(tmp_path: Path) -> None:
    """The issue's acceptance test: LNK001 as one types, gone after its code
    action; a renamed heading reports LNK003 on the other pages."""
    site = make_site(tmp_path)
    index, guide, extra = site / "docs/index.md", site / "docs/guide.md", site / "docs/extra.md"
    async with session(site) as client:
        page = Buffer(client, index)
        await until(lambda: uri(index) in client.diagnostics, "the first diagnostics")
        assert codes(client, index) == []
        page.type_at_end("\nRead [the spec](http:/example.org/spec).\n")
        await until(lambda: codes(client, index) == ["LNK001"], "LNK001")
        [found] = client.diagnostics[uri(index)]
        assert found.source == "curriculint" and found.severity == types.DiagnosticSeverity.Error
        assert found.message.startswith("malformed URL 'http:/example.org/spec'")
        assert found.range.start == page.position("http:/")

        actions = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=page.uri), range=found.range,
            context=types.CodeActionContext(diagnostics=[found])))
        assert actions is not None
        titles = [action.title for action in actions if isinstance(action, types.CodeAction)]
        assert "Disable LNK001 for this line" in titles
        fix = next(action for action in actions if isinstance(action, types.CodeAction)
                   and action.kind == types.CodeActionKind.QuickFix and action.is_preferred)
        assert fix.edit is not None and fix.edit.changes is not None
        page.apply(fix.edit.changes[page.uri])
        assert "http://example.org/spec" in page.text
        await until(lambda: codes(client, index) == [], "LNK001 gone")

        # Rename a heading: the anchors into it break, on an open page and on one
        # that is not open (indexed at start-up).
        other = Buffer(client, guide)
        other.replace("## Install", "## Installation")
        await until(lambda: codes(client, index) == ["LNK003"], "LNK003 on the open page")
        await until(lambda: codes(client, extra) == ["LNK003"], "LNK003 on an indexed page")
        message = client.diagnostics[uri(extra)][0].message
        assert message.startswith("'#install' matches no id in 'guide.md'")
        other.replace("## Installation", "## Install")
        await until(lambda: codes(client, index) == [] and codes(client, extra) == [],
                    "the anchors whole again")


async def test_diagnostics_are_the_command_lines(tmp_path: Path) -> None:
    """Codes, positions and messages as `curriculint check --format json` gives
    them, for every page of the site, without opening any."""
    import json
    import subprocess

    pages = {**SITE, "docs/index.md": ("# Course\n\n# Course again\n\n[gone](missing.md) "
                                       "and [x](htps://example.org) \u00e9\u00e9 "
                                       "[y](guide.md#nowhere)\n")}
    site = make_site(tmp_path, pages)
    env = {**os.environ, "CURRICULINT_SERVER": "off", "CURRICULINT_NO_CACHE": "1"}
    cli = json.loads(subprocess.run(
        [sys.executable, "-m", "curriculint", "check", "--format", "json", "."], cwd=site,
        capture_output=True, text=True, env=env, check=False).stdout)["findings"]
    expected = sorted((item["path"], item["rule"], item["line"], item["column"],
                       item["end_line"], item["end_column"], item["message"]) for item in cli)
    assert expected
    async with session(site) as client:
        files = {finding["path"] for finding in cli}
        await until(lambda: all(uri(site / name) in client.diagnostics for name in files),
                    "every page's diagnostics")
        got = sorted((name, str(item.code), item.range.start.line + 1,
                      item.range.start.character + 1, item.range.end.line + 1,
                      item.range.end.character + 1, item.message)
                     for name in files
                     for item in client.diagnostics[uri(site / name)])
    assert got == expected


async def test_deleting_a_page_reports_the_links_into_it(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    index, guide = site / "docs/index.md", site / "docs/guide.md"
    async with session(site) as client:
        Buffer(client, index)
        await indexed(client)
        guide.unlink()
        client.workspace_did_delete_files(types.DeleteFilesParams(
            files=[types.FileDelete(uri=uri(guide))]))
        await until(lambda: codes(client, index) == ["LNK002"], "LNK002")
        await until(lambda: "LNK002" in codes(client, site / "docs/extra.md"), "LNK002 on extra")
        await until(lambda: "LNK005" in codes(client, site / "mkdocs.yml"), "LNK005 in the nav")


async def test_fix_all_disable_and_hover(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    index = site / "docs/index.md"
    async with session(site) as client:
        page = Buffer(client, index)
        await until(lambda: uri(index) in client.diagnostics, "the first diagnostics")
        page.type_at_end("\n[a](htps://example.org/a) and [b](https//example.org/b)\n")
        await until(lambda: codes(client, index) == ["LNK001", "LNK001"], "two LNK001")
        everything = types.Range(start=types.Position(line=0, character=0),
                                 end=types.Position(line=0, character=0))
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=page.uri), range=everything,
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"])))
        assert actions is not None
        [fix_all] = actions
        assert isinstance(fix_all, types.CodeAction)
        assert fix_all.kind == "source.fixAll.curriculint"
        assert fix_all.edit is not None and fix_all.edit.changes is not None
        page.apply(fix_all.edit.changes[page.uri])
        assert "(https://example.org/a)" in page.text and "(https://example.org/b)" in page.text
        await until(lambda: codes(client, index) == [], "both fixed")

        # Disable for this line: the comment above it, and the finding is gone.
        page.type_at_end("[c](http:/example.org/c)\n")
        await until(lambda: codes(client, index) == ["LNK001"], "LNK001 again")
        [found] = client.diagnostics[uri(index)]
        shown = await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=page.uri),
            position=found.range.start))
        assert shown is not None and isinstance(shown.contents, types.MarkupContent)
        assert shown.contents.value.startswith("### LNK001 malformed-url")
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=page.uri), range=found.range,
            context=types.CodeActionContext(diagnostics=[found])))
        assert actions is not None
        disable = next(action for action in actions if isinstance(action, types.CodeAction)
                       and action.title == "Disable LNK001 for this line")
        assert disable.edit is not None and disable.edit.changes is not None
        page.apply(disable.edit.changes[page.uri])
        assert "<!-- curriculint: disable-next-line=LNK001 -->\n[c](http:/" in page.text
        await until(lambda: codes(client, index) == [], "suppressed")

        # Hover on the suppression comment: the rule's documentation.
        shown = await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=page.uri),
            position=page.position("LNK001 -->", 2)))
        assert shown is not None and isinstance(shown.contents, types.MarkupContent)
        assert "LNK001 malformed-url" in shown.contents.value
        assert "Why:" in shown.contents.value


async def test_completion_of_links_anchors_and_frontmatter(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    index, first = site / "docs/index.md", site / "docs/paths/first.md"
    async with session(site) as client:
        page = Buffer(client, index)
        await until(lambda: uri(index) in client.diagnostics, "the first diagnostics")

        async def complete(buffer: Buffer, where: types.Position) -> list[str]:
            found = await client.text_document_completion_async(types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=buffer.uri), position=where))
            assert found is not None
            items = found.items if isinstance(found, types.CompletionList) else found
            return [item.label for item in items]

        page.type_at_end("See [it](guide.md#")
        labels = await complete(page, page.position("guide.md#", len("guide.md#")))
        assert labels[:3] == ["guide", "install", "setup"]
        page.type_at_end(") and [pic](")
        labels = await complete(page, page.position("[pic](", len("[pic](")))
        assert {"guide.md", "paths/first.md", "img/diagram.png"} <= set(labels)
        assert labels.index("guide.md") < labels.index("img/diagram.png")

        path = Buffer(client, first)
        path.replace("difficulty: beginner\n", "difficulty: \nstat")
        labels = await complete(path, path.position("difficulty: ", len("difficulty: ")))
        assert labels == ["beginner", "intermediate", "advanced", "expert"]
        labels = await complete(path, path.position("stat", 4))
        assert "status" in labels and "reading_time" in labels and "title" not in labels
        shown = await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=path.uri),
            position=path.position("difficulty", 3)))
        assert shown is not None and isinstance(shown.contents, types.MarkupContent)
        assert "**difficulty** (required)" in shown.contents.value
        assert "`beginner`" in shown.contents.value


async def test_pull_diagnostics(tmp_path: Path) -> None:
    """A client that pulls gets every file's findings from workspace/diagnostic,
    and is asked to pull again when another page's findings change."""
    site = make_site(tmp_path)
    guide, extra = site / "docs/guide.md", site / "docs/extra.md"
    capabilities = types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(
            diagnostic=types.DiagnosticClientCapabilities(related_document_support=True)),
        workspace=types.WorkspaceClientCapabilities(
            diagnostics=types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)))
    async with session(site, capabilities) as client:
        report = await client.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(
            previous_result_ids=[]))
        before = {item.uri: sorted(str(diagnostic.code) for diagnostic in item.items)
                  for item in report.items
                  if isinstance(item, types.WorkspaceFullDocumentDiagnosticReport)}
        assert list(before) == [uri(site / "docs/paths/first.md")]  # not a learning path yet
        assert set(before[uri(site / "docs/paths/first.md")]) == {"FM003"}
        page = Buffer(client, guide)
        await indexed(client)
        refreshes = client.diagnostic_refresh_count
        page.replace("## Install", "## Setup")
        await until(lambda: client.diagnostic_refresh_count > refreshes, "a refresh request")
        assert not client.diagnostics  # nothing pushed to a client that pulls
        for _ in range(100):
            report = await client.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(
                previous_result_ids=[]))
            found = {item.uri: [str(diagnostic.code) for diagnostic in item.items]
                     for item in report.items
                     if isinstance(item, types.WorkspaceFullDocumentDiagnosticReport)}
            if uri(extra) in found:
                break
            await asyncio.sleep(0.05)
        assert found[uri(extra)] == ["LNK003"]
        pulled = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
            text_document=types.TextDocumentIdentifier(uri=uri(site / "docs/index.md"))))
        assert isinstance(pulled, types.RelatedFullDocumentDiagnosticReport)
        assert [str(item.code) for item in pulled.items] == ["LNK003"]


async def test_push_forced_for_a_client_that_can_pull(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    capabilities = types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(
            diagnostic=types.DiagnosticClientCapabilities()))
    async with session(site, capabilities, {"diagnosticMode": "push"}) as client:
        await indexed(client)
        await until(lambda: set(codes(client, site / "docs/paths/first.md")) == {"FM003"},
                    "pushed diagnostics of a page that is not open")


async def test_workspace_pull_waits_for_a_change(tmp_path: Path) -> None:
    """A client that already has every file's latest findings waits for the next
    change (the long poll VS Code's client relies on) instead of spinning."""
    site = make_site(tmp_path)
    capabilities = types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(
            diagnostic=types.DiagnosticClientCapabilities()),
        workspace=types.WorkspaceClientCapabilities(
            diagnostics=types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)))
    async with session(site, capabilities) as client:
        await indexed(client)
        first = await client.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(
            previous_result_ids=[]))
        known = [types.PreviousResultId(uri=item.uri, value=item.result_id)
                 for item in first.items
                 if isinstance(item, types.WorkspaceFullDocumentDiagnosticReport)
                 and item.result_id]
        assert known
        waiting = asyncio.ensure_future(client.workspace_diagnostic_async(
            types.WorkspaceDiagnosticParams(previous_result_ids=known)))
        await asyncio.sleep(1)
        assert not waiting.done()
        page = Buffer(client, site / "docs/guide.md")
        page.replace("## Install", "## Setup")
        second = await asyncio.wait_for(waiting, timeout=30)
        changed = {item.uri for item in second.items
                   if isinstance(item, types.WorkspaceFullDocumentDiagnosticReport)}
        assert uri(site / "docs/extra.md") in changed or uri(site / "docs/guide.md") in changed


async def test_a_changed_configuration_is_read_again(tmp_path: Path) -> None:
    pages = {**SITE, "docs/extra.md": "# Extra\n\nSee [it](guide.md#nowhere).\n"}
    site = make_site(tmp_path, pages)
    extra = site / "docs/extra.md"
    async with session(site) as client:
        await indexed(client)
        await until(lambda: codes(client, extra) == ["LNK003"], "LNK003 on extra")
        config = site / "pyproject.toml"
        config.write_text(pages["pyproject.toml"].replace(
            "[tool.curriculint]\n", '[tool.curriculint]\nignore = ["LNK003"]\n'), "utf-8")
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri(config), type=types.FileChangeType.Changed)]))
        await until(lambda: codes(client, extra) == [], "LNK003 ignored")
