"""The language server's pieces without a client: positions in UTF-16 code
units, the one-edit "fix all", where "disable for this line" writes, settings."""

from __future__ import annotations

from lsprotocol import types
from pygls.workspace import PositionCodec

from curriculint.load.document import parse
from curriculint.lsp.actions import disable_action, fix_actions, replacing, wanted
from curriculint.lsp.convert import from_position, to_range
from curriculint.lsp.state import Settings
from curriculint.model import Edit, Fix, Report, Severity, Span

UTF16 = PositionCodec(types.PositionEncodingKind.Utf16)


def test_columns_are_utf16_code_units_and_back() -> None:
    lines = ("a 🎯 b [x](http:/y)",)
    span = Span(1, 7, 1, 19)  # the link, in characters: the emoji is one
    converted = to_range(lines, span, UTF16)
    assert (converted.start.character, converted.end.character) == (7, 19)  # two units
    assert from_position(lines, converted.start, UTF16) == (1, 7)
    assert from_position(lines, converted.end, UTF16) == (1, 19)


def test_fix_all_is_one_edit_around_what_changed() -> None:
    old = "# T\n\nkeep\n[a](htps://x) and [b](htps://y)\nkeep\n"
    new = old.replace("htps", "https")
    edit = replacing(old, new, UTF16)
    assert edit.range.start.line == edit.range.end.line == 3
    start, end = edit.range.start.character, edit.range.end.character
    assert (start, end) == (6, 23)  # from the first change to the last, no further
    line = old.split("\n")[3]
    assert line[:start] + edit.new_text + line[end:] == new.split("\n")[3]


def _report(line: int) -> Report:
    return Report("page.md", "FM003", "schema-violation", Severity.ERROR, Span(line, 1, line, 5),
                  "bad")


def test_disable_in_frontmatter_is_for_the_file_after_it() -> None:
    text = "---\ntitle: x\ndifficulty: hard\n---\n\n# T\n"
    doc = parse(text.encode(), "page.md")
    action = disable_action("file:///page.md", tuple(text.split("\n")), doc, _report(3), UTF16)
    assert action.title == "Disable FM003 for this file"
    assert action.edit is not None and action.edit.changes is not None
    [edit] = action.edit.changes["file:///page.md"]
    assert edit.range.start.line == 4 and edit.new_text == (
        "<!-- curriculint: disable-file=FM003 -->\n")


def test_disable_for_a_line_extends_a_comment_already_there() -> None:
    text = "# T\n\n  <!-- curriculint: disable-next-line=LNK001 -->\n  [x](htps://y)\n"
    doc = parse(text.encode(), "page.md")
    report = Report("page.md", "ST002", "heading-increment", Severity.ERROR, Span(4, 3, 4, 8),
                    "x")
    action = disable_action("file:///page.md", tuple(text.split("\n")), doc, report, UTF16)
    assert action.edit is not None and action.edit.changes is not None
    [edit] = action.edit.changes["file:///page.md"]
    assert edit.range.start.line == 2
    assert edit.new_text == "  <!-- curriculint: disable-next-line=LNK001,ST002 -->"


def test_code_action_kinds_asked_for() -> None:
    assert wanted("source.fixAll.curriculint", ["source.fixAll"])
    assert wanted("source.fixAll.curriculint", ["source"])
    assert not wanted("source.fixAll.curriculint", ["quickfix"])
    assert wanted("quickfix", None)


def test_settings_from_initialization_options() -> None:
    settings = Settings.from_options({"debounceMs": 50, "diagnosticScope": "open",
                                      "maxPages": 10, "index": False, "jobs": "x",
                                      "diagnosticMode": "push"})
    assert (settings.debounce, settings.scope, settings.max_pages, settings.index,
            settings.jobs, settings.mode) == (0.05, "open", 10, False, None, "push")
    assert Settings.from_options(None) == Settings()


def test_an_unsafe_fix_says_so_and_is_not_preferred() -> None:
    lines = ("[x](a.md#Setup)",)
    fix = Fix((Edit(Span(1, 10, 1, 15), "set-up"),), "link to '#set-up'", safe=False)
    report = Report("page.md", "LNK003", "broken-anchor", Severity.ERROR, Span(1, 5, 1, 15),
                    "'#Setup' matches no id", fix)
    [action] = fix_actions("file:///page.md", lines, report, UTF16)
    assert action.title == "Link to '#set-up' (LNK003), unsafe: check the result"
    assert action.is_preferred is False and action.kind == types.CodeActionKind.QuickFix
    assert action.edit is not None and action.edit.changes is not None
    [edit] = action.edit.changes["file:///page.md"]
    assert (edit.range.start.character, edit.range.end.character, edit.new_text) == (
        9, 14, "set-up")
