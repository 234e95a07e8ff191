"""ENC004 replacement characters, ENC005 control characters, ENC006 invisible characters."""

from __future__ import annotations

from pathlib import Path

from curriculint.load.site import forget_projects
from tests.conftest import lint_text


def _spans(tmp_path: Path, text: str, code: str) -> list[tuple[int, int]]:
    return [(report.span.line, report.span.column)
            for report in lint_text(tmp_path, text, select=[code])]


def test_replacement_character_in_prose_not_in_code(tmp_path: Path) -> None:
    text = "# T\n\nBudget 10 \ufffds.\n\n```\ncode \ufffd\n```\n"
    assert _spans(tmp_path, text, "ENC004") == [(3, 11)]


def test_a_run_of_replacement_characters_is_one_finding_and_comments_are_unread(
        tmp_path: Path) -> None:
    text = ("# T\n\n<!-- a listing left out\n```\nx \ufffd\ufffd y\n```\n-->\n\n"
            "<div>\nlost \ufffd\ufffd\ufffd here <!-- \ufffd --> and\n</div>\n")
    reports = lint_text(tmp_path, text, select=["ENC004"])
    assert [(report.span.line, report.span.column, report.span.end_column)
            for report in reports] == [(10, 6, 9)]
    assert "characters were lost" in reports[0].message


def test_replacement_inside_mojibake_is_left_to_enc003(tmp_path: Path) -> None:
    text = "# T\n\nShe said \u201cyes\u00e2\u20ac\ufffd twice.\n"
    assert _spans(tmp_path, text, "ENC004") == []


def test_control_characters_anywhere_but_tab(tmp_path: Path) -> None:
    text = "# T\n\nPress\x1b[1m Enter\tnow.\n\n```\nbell\x07\n```\n"
    assert _spans(tmp_path, text, "ENC005") == [(3, 6), (6, 5)]


def test_c1_control_inside_latin1_mojibake_is_left_to_enc003(tmp_path: Path) -> None:
    text = "# T\n\nIt\u00e2\x80\x99s here and a stray \x85 there.\n"
    assert _spans(tmp_path, text, "ENC005") == [(3, 25)]
    assert _spans(tmp_path / "m", text, "ENC003") == [(3, 3)]


def test_invisible_characters_and_their_legitimate_uses(tmp_path: Path) -> None:
    text = ("# T\n\n"
            "zero\u200bwidth, soft\xad-hyphen, good hy\xadphen\n\n"
            "emoji \U0001f469\u200d\U0001f4bb \u26a0\ufe0f \U0001f3f3\ufe0f\u200d\U0001f308 ok\n\n"
            "stray join\u200der\n\n"
            "code `rm \u202efdp.exe` hides\n")
    assert _spans(tmp_path, text, "ENC006") == [(3, 5), (3, 17), (7, 11), (9, 10)]


def test_bidi_marks_are_fine_in_right_to_left_text(tmp_path: Path) -> None:
    text = "# T\n\n\u05e9\u05dc\u05d5\u05dd\u200f world\n\nltr\u200e only\n"
    assert _spans(tmp_path, text, "ENC006") == [(5, 4)]


def test_zero_width_space_between_ideographs_is_a_word_break(tmp_path: Path) -> None:
    text = ("# T\n\n"
            "\u641c\u7d22\u200b\u652f\u6301 and \u30c6\u30b9\u30c8\u200b\u3067\u3059 and "
            "\u0e20\u0e32\u0e29\u0e32\u200b\u0e44\u0e17\u0e22\n\n"
            "Latin\u200bwords\n")
    assert _spans(tmp_path, text, "ENC006") == [(5, 6)]


def test_zero_width_space_on_a_site_whose_search_splits_there(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: S\nmarkdown_extensions:\n  - toc:\n      permalink: !!python/name:str\n"
        "plugins:\n  - search:\n      separator: '[\\s\\u200b\\-]+'\n", encoding="utf-8")
    text = "# T\n\nLatin\u200bwords that break for search.\n"
    (tmp_path / "docs").mkdir()
    assert not lint_text(tmp_path / "docs", text, select=["ENC006"])
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nplugins:\n  - search\n", encoding="utf-8")
    forget_projects()  # as a new process would read the edited mkdocs.yml
    assert lint_text(tmp_path / "docs", text, select=["ENC006"])


def test_only_an_invisible_character_that_changes_nothing_is_deleted_safely(tmp_path: Path
                                                                             ) -> None:
    text = "# T\n\nzero\u200bwidth, word\u2060joiner, a stray\ufeffBOM\n"
    safe = {report.span.column: report.fix is not None and report.fix.safe
            for report in lint_text(tmp_path, text, select=["ENC006"])}
    assert safe == {5: False, 17: False, 33: True}


def test_a_stray_non_joiner_is_named_for_what_it_is(tmp_path: Path) -> None:
    """U+200C between Latin letters is a zero-width non-joiner, not a joiner."""
    (report,) = lint_text(tmp_path, "# T\n\nA stray\u200cmark here.\n", select=["ENC006"])
    assert "zero-width non-joiner" in report.message


def test_a_terminals_escape_sequences_are_told_once_a_line(tmp_path: Path) -> None:
    """Pasted terminal output keeps its colour codes: `ESC[1m` shows as `[1m`.
    One finding a line, whose fix deletes each whole sequence; a bell is a
    control character of its own."""
    text = ("# T\n\n```\n\x1b[1mBold\x1b[0m and \x1b[31mred\x1b[0m\n```\n\nA \x07 bell.\n")
    reports = sorted(lint_text(tmp_path, text, select=["ENC005"]),
                     key=lambda report: report.span.line)
    assert [(report.span.line, report.span.column) for report in reports] == [(4, 1), (7, 3)]
    assert reports[0].message.startswith("4 terminal escape sequences (ESC[1m, ...)")
    assert reports[0].fix is not None and [
        (edit.span.column, edit.span.end_column) for edit in reports[0].fix.edits] == [
        (1, 5), (9, 13), (18, 23), (26, 30)]
