"""Text decoded twice through cp1252 that lost bytes on the way (errors=ignore or
replace): the second layer's runs do not fall on the original characters, so
the inner characters are read one by one, and the true text is among the
candidates of every lossy span."""

from __future__ import annotations

import pytest

from curriculint.checks.encoding.wrong_decodes import page_mojibake
from tests.mangling import PATHS, mangle_line, original_of

_PATHS = {path.name: path for path in PATHS}


def _spans(lines: list[str], path: str) -> list[tuple[str | None, tuple[str, ...]]]:
    """(the original a lossy span stands for, its candidates), every lossy span."""
    mangled = [mangle_line(line, _PATHS[path], salt=str(number))
               for number, line in enumerate(lines)]
    assert all(item is not None for item in mangled)
    found = page_mojibake([item.text for item in mangled if item is not None])
    return [(original_of(item, span.start, span.end), span.candidates)
            for item, spans in zip(mangled, found, strict=True) if item is not None
            for span in spans if span.lossy and not span.certain]


@pytest.mark.parametrize("path", ["cp1252x2/ignore", "cp1252x2/replace"])
def test_a_box_drawing_rule_is_read_inner_character_by_inner_character(path: str) -> None:
    """`─` is `Ã¢â€â‚¬` with 9D lost: each of a dozen carries its own loss, and a
    dozen joint readings of the whole never reach the one read on (`â”€`)."""
    lines = ["├── docs", "│   └── index.md", "─" * 12, "│ a │ b │", "└" + "─" * 20 + "┘"]
    spans = _spans(lines, path)
    assert spans
    assert [(truth, candidates[:3]) for truth, candidates in spans
            if truth is None or truth not in candidates] == []


def test_cyrillic_decoded_twice_lost_its_lead_bytes_continuation() -> None:
    """`а` (D0 B0) is `ÃÂ°`: 90 lost in the second decode leaves `Ã` short of a
    byte before each letter; a lone `Ã‘` is с or я that lost 81 or 8F in the
    first decode. Read letter by letter, the words are among the candidates."""
    lines = ["Журнал событий хранится в базе", "├── журнал", "Каждый запрос повторяется"]
    spans = _spans(lines, "cp1252x2/ignore")
    assert spans
    assert [(truth, candidates[:3]) for truth, candidates in spans
            if truth is None or truth not in candidates] == []
