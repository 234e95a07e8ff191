"""Which units or blocks meet a range of lines, without a scan of the page per range.

`_with_removable` (repeats.py) asked, for every repeat, which units overlap the
copy and which blocks lie inside it, each time over all of the page's units and
blocks: quadratic on a page of many short repeated lists. Sorted by first
line, the ones starting inside the range are a slice, and the ones starting
before it reach into it only when the furthest-reaching of them does (a running
maximum of last lines).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import Generic, Protocol, TypeVar


class _Lines(Protocol):
    @property
    def start_line(self) -> int: ...

    @property
    def end_line(self) -> int: ...


T = TypeVar("T", bound=_Lines)


class LineRanges(Generic[T]):
    def __init__(self, items: Sequence[T]) -> None:
        self.items = sorted(items, key=lambda item: item.start_line)
        self.starts = [item.start_line for item in self.items]
        # reach[k]: the last line any of the first k items reaches (0 for none).
        self.reach = [0, *accumulate((item.end_line for item in self.items), max)]

    def starting_in(self, first: int, last: int) -> list[T]:
        """The items whose first line is in [first, last], in line order."""
        return self.items[bisect_left(self.starts, first):bisect_right(self.starts, last)]

    def reach_before(self, line: int) -> int:
        """The last line reached by the items that start before `line` (0: none)."""
        return self.reach[bisect_left(self.starts, line)]
