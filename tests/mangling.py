"""Mangle clean text into mojibake, keeping track of where each character went.

Shared by the mojibake tests: every original character becomes a segment of
the mangled text, so a finding's span maps back to the original it replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

CODE_PAGES = ("cp1252", "cp1254", "latin-1", "cp1250", "mac_roman", "cp1251")


def _sloppy(raw: bytes, page: str) -> str:
    # Undefined bytes pass through as the C1 control of the same value.
    return "".join(bytes([byte]).decode(page, errors="ignore") or chr(byte) for byte in raw)


MODES: dict[str, Callable[[bytes, str], str]] = {
    "strict": lambda raw, page: raw.decode(page),
    "ignore": lambda raw, page: raw.decode(page, errors="ignore"),
    "replace": lambda raw, page: raw.decode(page, errors="replace"),
    "sloppy": _sloppy,
    "ignore-shy": lambda raw, page: raw.decode(page, errors="ignore").replace("\xad", ""),
}


@dataclass(frozen=True)
class Mangled:
    original: str
    text: str
    bounds: tuple[int, ...]  # start of each original character's segment, plus the end


def mangle(original: str, page: str, mode: str) -> Mangled | None:
    """None when the strict mode cannot decode some byte."""
    pieces = []
    for char in original:
        if char.isascii():
            pieces.append(char)
            continue
        try:
            pieces.append(MODES[mode](char.encode("utf-8"), page))
        except UnicodeDecodeError:
            return None
    bounds = [0]
    for piece in pieces:
        bounds.append(bounds[-1] + len(piece))
    return Mangled(original, "".join(pieces), tuple(bounds))


def original_of(mangled: Mangled, start: int, end: int) -> str | None:
    """The original text a span of the mangled text stands for, if the span
    covers whole characters."""
    if start not in mangled.bounds or end not in mangled.bounds:
        return None
    first, last = mangled.bounds.index(start), mangled.bounds.index(end)
    # Characters that mangled to nothing at the edges are ambiguous: take them in.
    return mangled.original[first:last]
