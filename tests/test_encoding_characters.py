"""ENC004 replacement characters, ENC005 control characters, ENC006 invisible characters."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import lint_text


def _spans(tmp_path: Path, text: str, code: str) -> list[tuple[int, int]]:
    return [(report.span.line, report.span.column)
            for report in lint_text(tmp_path, text, select=[code])]


def test_replacement_character_in_prose_not_in_code(tmp_path: Path) -> None:
    text = "# T\n\nBudget 10 \ufffds.\n\n```\ncode \ufffd\n```\n"
    assert _spans(tmp_path, text, "ENC004") == [(3, 11)]


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
