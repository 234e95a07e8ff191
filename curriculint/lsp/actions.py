"""Code actions: each finding's fix (safe or unsafe), a suppression comment for
one line, and every safe fix of the page at once (`source.fixAll.curriculint`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from lsprotocol import types
from pygls.workspace import PositionCodec

from curriculint.fix.apply import apply_to_text
from curriculint.load.decode import split_lines
from curriculint.load.document import Document
from curriculint.lsp.convert import diagnostic, position, to_range
from curriculint.model import Edit, Report, Span

FIX_ALL = "source.fixAll.curriculint"
MAX_FIX_PASSES = 10  # as `check --fix`: overlapping edits wait for the next pass

_NEXT_LINE = re.compile(r"^(?P<indent>\s*)<!--\s*curriculint:\s*disable-next-line\s*=\s*"
                        r"(?P<codes>[\w\-, ]+?)\s*-->\s*$")


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """The client asked for actions of `kind` (none asked: every kind)."""
    return only is None or any(kind == asked or kind.startswith(f"{asked}.") for asked in only)


def text_edits(lines: Sequence[str], edits: Sequence[Edit], codec: PositionCodec
               ) -> list[types.TextEdit]:
    return [types.TextEdit(range=to_range(lines, edit.span, codec), new_text=edit.text)
            for edit in edits]


def fix_actions(uri: str, lines: Sequence[str], report: Report, codec: PositionCodec
                ) -> list[types.CodeAction]:
    """The report's fix as a quick fix; an unsafe one says so and is not preferred."""
    if report.fix is None:
        return []
    fix = report.fix
    title = f"{fix.description[:1].upper()}{fix.description[1:]} ({report.code})"
    if not fix.safe:
        title = f"{title}, unsafe: check the result"
    return [types.CodeAction(
        title=title, kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic(report, lines, codec)], is_preferred=fix.safe,
        edit=types.WorkspaceEdit(changes={uri: text_edits(lines, fix.edits, codec)}))]


def _protected_lines(doc: Document | None) -> tuple[int, set[int]]:
    """The last line of the frontmatter (0 without one), and the lines inside
    fences, where a comment would not be a suppression."""
    if doc is None:
        return 0, set()
    end = doc.frontmatter.end_line if doc.frontmatter.present else 0
    inside: set[int] = set()
    for fence in doc.index.fences:
        inside.update(range(fence.start_line, fence.end_line + 1))
    return end, inside


def disable_action(uri: str, lines: Sequence[str], doc: Document | None, report: Report,
                   codec: PositionCodec, newline: str = "\n") -> types.CodeAction:
    """`<!-- curriculint: disable-next-line=CODE -->` above the report's line (its
    codes extended when one is there already). In frontmatter or a fence, where a
    comment suppresses nothing, `disable-file` after the frontmatter instead."""
    line = report.span.line
    frontmatter_end, fenced = _protected_lines(doc)
    if line <= frontmatter_end or line in fenced:
        comment = f"<!-- curriculint: disable-file={report.code} -->"
        at = frontmatter_end + 1
        edit = types.TextEdit(range=types.Range(start=position(lines, at, 1, codec),
                                                end=position(lines, at, 1, codec)),
                              new_text=f"{comment}{newline}")
        title = f"Disable {report.code} for this file"
    else:
        above = lines[line - 2] if line >= 2 else ""
        match = _NEXT_LINE.match(above)
        if match and report.code not in {code.strip() for code in match["codes"].split(",")}:
            codes = f"{match['codes']},{report.code}"
            edit = types.TextEdit(range=to_range(lines, _whole_line(above, line - 1), codec),
                                  new_text=f"{match['indent']}<!-- curriculint: "
                                  f"disable-next-line={codes} -->")
        else:
            indent = re.match(r"[ \t]*", lines[line - 1]).group(0)  # type: ignore[union-attr]
            comment = f"{indent}<!-- curriculint: disable-next-line={report.code} -->"
            edit = types.TextEdit(range=types.Range(start=position(lines, line, 1, codec),
                                                    end=position(lines, line, 1, codec)),
                                  new_text=f"{comment}{newline}")
        title = f"Disable {report.code} for this line"
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix,
                            diagnostics=[diagnostic(report, lines, codec)],
                            edit=types.WorkspaceEdit(changes={uri: [edit]}))


def _whole_line(text: str, line: int) -> Span:
    return Span(line, 1, line, len(text) + 1)


def fixed_text(text: str, reports: Sequence[Report],
               again: Callable[[str], Sequence[Report]]) -> tuple[str, int]:
    """`text` with every safe fix applied, pass after pass as `check --fix` does
    (`again(text)` lints a pass's result); the number of fixes applied."""
    newline = "\r\n" if "\r\n" in text else "\n"
    applied = 0
    for _ in range(MAX_FIX_PASSES):
        edits = [edit for report in reports if report.fix is not None and report.fix.safe
                 for edit in report.fix.edits]
        if not edits:
            break
        new_text, count, _skipped = apply_to_text(text, edits, newline)
        if new_text == text:
            break
        text, applied = new_text, applied + count
        reports = again(text)
    return text, applied


def replacing(old: str, new: str, codec: PositionCodec) -> types.TextEdit:
    """One edit that turns `old` into `new`: the part between their common start
    and end (so the cursor and folds outside it stay put)."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[len(old) - 1 - end] == new[len(new) - 1 - end]:
        end += 1
    lines = split_lines(old)

    def at(offset: int) -> types.Position:
        before = old[:offset]
        line_breaks = split_lines(before)
        return position(lines, len(line_breaks), len(line_breaks[-1]) + 1, codec)

    return types.TextEdit(range=types.Range(start=at(start), end=at(len(old) - end)),
                          new_text=new[start:len(new) - end])


def fix_all_action(uri: str, text: str, reports: Sequence[Report],
                   again: Callable[[str], Sequence[Report]], codec: PositionCodec
                   ) -> types.CodeAction | None:
    if not any(report.fix is not None and report.fix.safe for report in reports):
        return None
    new_text, applied = fixed_text(text, reports, again)
    if new_text == text:
        return None
    return types.CodeAction(
        title=f"Fix all safe curriculint findings ({applied})", kind=FIX_ALL,
        edit=types.WorkspaceEdit(changes={uri: [replacing(text, new_text, codec)]}))
