"""The one place where bytes become text."""

from __future__ import annotations

import codecs
from contextvars import ContextVar
from dataclasses import dataclass

BOM = codecs.BOM_UTF8


@dataclass(frozen=True, slots=True)
class DecodeProblem:
    line: int
    column: int
    length: int
    raw: bytes


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    problems: tuple[DecodeProblem, ...]
    had_bom: bool
    newline: str
    # NUL bytes or mostly undecodable: not a text file, whatever its name says.
    binary: bool = False


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a byte offset; CR, LF and CRLF end lines, as in
    `split_lines`, and columns count characters."""
    prefix = raw[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    line_start = prefix.rfind(b"\n") + 1
    column = len(prefix[line_start:].decode("utf-8", errors="replace")) + 1
    return prefix.count(b"\n") + 1, column


_recorded: ContextVar[list[tuple[int, int]]] = ContextVar("curriculint_decode_errors")


def _record(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    _recorded.get().append((error.start, error.end))
    return "\ufffd", error.end


codecs.register_error("curriculint-record", _record)

# A binary file named .md can hold millions of bad sequences; report the first few.
MAX_PROBLEMS = 50


def decode(raw: bytes) -> Decoded:
    """Decode strictly as UTF-8 (BOM allowed); never raises.

    Each invalid byte sequence becomes a positioned problem and decodes to
    U+FFFD, so the rest of the file can still be checked.
    """
    had_bom = raw.startswith(BOM)
    body = raw[len(BOM) :] if had_bom else raw
    problems: list[DecodeProblem] = []
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        token = _recorded.set([])
        try:
            text = body.decode("utf-8", errors="curriculint-record")
            spans = _recorded.get()
        finally:
            _recorded.reset(token)
        for bad_start, bad_end in spans[:MAX_PROBLEMS]:
            line, column = _position(body, bad_start)
            problems.append(
                DecodeProblem(line, column, bad_end - bad_start, body[bad_start:bad_end])
            )
    newline = "\r\n" if "\r\n" in text[:65536] else "\n"
    binary = b"\0" in body[:8192] or len(problems) >= MAX_PROBLEMS
    return Decoded(text, tuple(problems), had_bom, newline, binary)


def split_lines(text: str) -> list[str]:
    """Lines as markdown-it counts them: only CR, LF and CRLF end a line."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
