from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from curriculint.load.decode import BOM, decode, split_lines


def test_invalid_bytes_are_positioned_and_replaced() -> None:
    decoded = decode("ok\nbad é".encode() + b"\xff tail\n\xe2\x82x")
    assert [(p.line, p.column, p.raw) for p in decoded.problems] == [
        (2, 6, b"\xff"), (3, 1, b"\xe2\x82")]
    assert decoded.text.splitlines()[1] == "bad é\ufffd tail"


def test_bom_is_stripped_and_remembered() -> None:
    decoded = decode(BOM + b"---\n")
    assert decoded.had_bom and decoded.text == "---\n" and not decoded.problems


def test_crlf_is_detected() -> None:
    assert decode(b"a\r\nb\r\n").newline == "\r\n"


@given(st.binary(max_size=2000))
@example(b"\xef\xbb\xbf\xff\xfe")
@example(b"\r\r\n\x00")
def test_decode_never_raises_and_positions_fit(raw: bytes) -> None:
    decoded = decode(raw)
    lines = split_lines(decoded.text)
    for problem in decoded.problems:
        assert 1 <= problem.line <= len(lines)
        assert 1 <= problem.column <= len(lines[problem.line - 1]) + 1
