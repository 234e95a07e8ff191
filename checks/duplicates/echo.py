"""The page's frontmatter echoed into its body as `key: value` lines.

Found once here for frontmatter-echo, which reports it, and for the
repeated-content rules, which leave those lines to it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from curriculint.load.document import per_document

if TYPE_CHECKING:
    from curriculint.load.document import Document

_KEY_LINE = re.compile(r"^(?:[-*+]\s+)?([A-Za-z_][\w.-]*)\s*:(?:\s+(.*?))?\s*$")
# Block kinds an echo turns into: prose, YAML lists, a setext heading, a rule.
_ECHO_BLOCKS = ("paragraph", "list", "heading", "hr")
MIN_KEYS = 3
MIN_EQUAL_VALUES = 2


def _plain(value: object) -> str:
    return str(value).strip().strip("\"'").strip()


@per_document
def frontmatter_echoes(doc: Document) -> list[tuple[int, int, list[str], int]]:
    """(first line, last line, echoed keys, keys whose value matches) per run."""
    if not doc.frontmatter.present or not doc.frontmatter.data:
        return []
    found: list[tuple[int, int, list[str], int]] = []
    data = doc.frontmatter.data
    keys = {key for key in data if isinstance(key, str)}
    values = {_plain(value) for value in data.values()
              if value is not None and not isinstance(value, (list, dict)) and _plain(value)}
    eligible: set[int] = set()
    for block in doc.index.blocks:
        if block.depth == 0 and block.kind in _ECHO_BLOCKS:
            eligible.update(range(block.start_line, block.end_line + 1))
    lines = doc.lines
    total = len(lines)
    body_start = doc.body_start  # a property: read once, not per line
    # Only an eligible line with a colon can start an echo: skip the rest in C.
    starts = sorted(line for line in eligible
                    if body_start <= line <= total and ":" in lines[line - 1])
    line = body_start
    for start in starts:
        if start < line:
            continue  # inside the echo just found
        line = start
        match = _KEY_LINE.match(doc.line_text(line))
        if not match or match.group(1) not in keys:
            continue
        first = line
        previous = doc.line_text(line - 1).strip()
        if line - 1 in eligible and line - 1 >= body_start and previous in values:
            first = line - 1  # the title value without its key
        echoed: list[str] = []
        equal = 0
        last = line
        while line <= total and line in eligible:
            text = doc.line_text(line)
            match = _KEY_LINE.match(text)
            if match and not text[:1].isspace() and match.group(1) in keys:
                echoed.append(match.group(1))
                if match.group(2) and _plain(match.group(2)) == _plain(data[match.group(1)]):
                    equal += 1
            elif not (text[:1].isspace() and text.strip()) and not (
                    text.startswith("- ") and echoed):
                break
            last = line
            line += 1
        if line <= total and doc.line_text(line).strip() == "---" and line in eligible:
            last = line
            line += 1
        # Three keys, two of them with their values; or two keys, every value verbatim.
        if len(set(echoed)) >= 2 and ((len(echoed) >= MIN_KEYS and equal >= MIN_EQUAL_VALUES)
                                       or equal == len(echoed)):
            found.append((first, last, echoed, equal))
    return found


