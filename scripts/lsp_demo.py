"""A scripted editor session with `curriculint lsp`, printed as a transcript.

    .venv/bin/python scripts/lsp_demo.py

A real client (pytest-lsp's, over stdio) opens a page of a small MkDocs site,
types a malformed URL, applies the quick fix, renames a heading on another page
and asks for completions and a hover. Each message it sends (->) and each
answer or notification it gets back (<-) is printed in short; docs/editors.md
shows the output.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient, make_test_lsp_client

SITE = {
    "mkdocs.yml": "site_name: Course\nnav:\n  - index.md\n  - guide.md\n  - extra.md\n",
    "docs/index.md": "# Course\n\nStart with [the guide](guide.md#install).\n",
    "docs/guide.md": "# Guide\n\n## Install\n\nRun the installer.\n",
    "docs/extra.md": "# Extra\n\nSee [installing](guide.md#install) first.\n",
}


def show(client: LanguageClient, folder: Path, seen: dict[str, int]) -> None:
    for uri, found in sorted(client.diagnostics.items()):
        name = os.path.relpath(uri.removeprefix("file://"), folder)
        text = "; ".join(f"{item.range.start.line + 1}:{item.range.start.character + 1} "
                         f"{item.code} {item.message}" for item in found) or "(none)"
        if seen.get(uri) != hash(text):
            seen[uri] = hash(text)
            print(f"<- publishDiagnostics {name}: {text}")


async def settle(client: LanguageClient, folder: Path, seen: dict[str, int]) -> None:
    await asyncio.sleep(0.8)
    show(client, folder, seen)


async def demo(folder: Path) -> None:
    client = make_test_lsp_client()
    await client.start_io(sys.executable, "-m", "curriculint", "lsp", cwd=folder,
                          env={**os.environ, "CURRICULINT_SERVER": "off"})
    print("-> initialize (workspace: the site folder)")
    result = await client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(),
        workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name="site")]))
    info = result.server_info
    print(f"<- initialize: {info.name if info else '?'} {info.version if info else ''}")
    seen: dict[str, int] = {}
    index = folder / "docs/index.md"
    text = index.read_text("utf-8")
    print("-> didOpen docs/index.md")
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=index.as_uri(), language_id="markdown",
                                             version=1, text=text)))
    await settle(client, folder, seen)
    typed = "\nRead [the spec](http:/example.org/spec).\n"
    print(f"-> didChange docs/index.md: typed {typed.strip()!r} on line 5")
    end = types.Position(line=3, character=0)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=index.as_uri(), version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=end, end=end), text=typed)]))
    await settle(client, folder, seen)
    found = client.diagnostics[index.as_uri()][0]
    print("-> codeAction at the diagnostic")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=index.as_uri()), range=found.range,
        context=types.CodeActionContext(diagnostics=[found])))
    for action in actions or []:
        if isinstance(action, types.CodeAction):
            print(f"<- {action.kind}: {action.title}")
    fix = next(action for action in actions or [] if isinstance(action, types.CodeAction)
               and action.is_preferred)
    assert fix.edit is not None and fix.edit.changes is not None
    [edit] = fix.edit.changes[index.as_uri()]
    print(f"-> didChange docs/index.md: the fix's edit, {edit.new_text!r}")
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=index.as_uri(), version=3),
        content_changes=[types.TextDocumentContentChangePartial(range=edit.range,
                                                                 text=edit.new_text)]))
    await settle(client, folder, seen)
    guide = folder / "docs/guide.md"
    print("-> didOpen docs/guide.md; didChange: '## Install' becomes '## Installation'")
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=guide.as_uri(), language_id="markdown",
                                             version=1, text=guide.read_text("utf-8"))))
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=guide.as_uri(), version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=2, character=10),
                              end=types.Position(line=2, character=10)), text="ation")]))
    await settle(client, folder, seen)
    print("-> completion in docs/index.md after '(guide.md#'")
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=index.as_uri(), version=4),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=5, character=0),
                              end=types.Position(line=5, character=0)),
            text="[more](guide.md#")]))
    items = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=index.as_uri()),
        position=types.Position(line=5, character=16)))
    labels = [item.label for item in (items.items if isinstance(items, types.CompletionList)
                                      else items or [])]
    print(f"<- completion: {', '.join(labels)}")
    print("-> hover on the LNK003 diagnostic of docs/extra.md is the rule's documentation;")
    print("   on docs/index.md line 3:")
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=index.as_uri()),
        position=types.Position(line=2, character=30)))
    if hover is not None and isinstance(hover.contents, types.MarkupContent):
        first = hover.contents.value.splitlines()
        print(f"<- hover: {first[0]} / {first[2]} ...")
    await client.shutdown_session()
    await client.stop()
    print("-> shutdown, exit")


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for path, text in SITE.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(text, "utf-8")
        asyncio.run(demo(folder))


if __name__ == "__main__":
    main()
