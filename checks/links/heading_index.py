"""The heading ids LNK003 compares a missing `#fragment` with, bounded.

`difflib.get_close_matches` against every heading id of the target page made
the rule quadratic on a page of many headings and many missing fragments. An id
whose length is outside [2/3, 3/2] of the fragment's cannot reach the cutoff
(its `real_quick_ratio` is below 0.8), so those are left out without changing
any suggestion. When more than `CAP` ids remain (no real page comes near: the
largest, Material's changelog, has 420 headings), only the ids nearest the
fragment in prefix order and in suffix order are compared: a typo at either end
keeps the other end's neighbours.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import OrderedDict
from dataclasses import dataclass

from curriculint.checks.links.anchor_ids import PageAnchors

CUTOFF = 0.8
CAP = 500  # candidates per fragment at most
_SIDE = CAP // 4  # from each side of the fragment, in each of the two orders


@dataclass(frozen=True)
class HeadingIndex:
    text: dict[str, str]  # heading id -> its text (the last heading of that id)
    by_length: list[tuple[int, str]]  # (len, id), sorted
    forward: list[str]  # ids, sorted
    backward: list[str]  # ids reversed, sorted

    def candidates(self, fragment: str) -> list[str]:
        """The ids `get_close_matches(fragment, ids, cutoff=CUTOFF)` can return,
        or the nearest `CAP` of them."""
        size = len(fragment)
        # One more on each side than the bound: a few extra ids change nothing,
        # a rounding error must not drop one.
        low = bisect_left(self.by_length, (int(size * CUTOFF / (2 - CUTOFF)) - 1, ""))
        high = bisect_right(self.by_length, (int(size * (2 - CUTOFF) / CUTOFF) + 2, ""))
        if high - low <= CAP:
            return [anchor for _, anchor in self.by_length[low:high]]
        near = set(_around(self.forward, fragment))
        near.update(anchor[::-1] for anchor in _around(self.backward, fragment[::-1]))
        return sorted(near)


def _around(ordered: list[str], key: str) -> list[str]:
    at = bisect_left(ordered, key)
    return ordered[max(0, at - _SIDE):at + _SIDE]


# Keyed by the PageAnchors object: hashing its tuple of headings on every
# lookup would cost as much as the comparisons this saves.
_CACHE: OrderedDict[int, tuple[PageAnchors, HeadingIndex]] = OrderedDict()


def heading_index(anchors: PageAnchors) -> HeadingIndex:
    found = _CACHE.get(id(anchors))
    if found is not None and found[0] is anchors:
        _CACHE.move_to_end(id(anchors))
        return found[1]
    ids = [heading_id for heading_id, _ in anchors.headings]
    index = HeadingIndex(dict(anchors.headings), sorted((len(anchor), anchor) for anchor in ids),
                         sorted(ids), sorted(anchor[::-1] for anchor in ids))
    _CACHE[id(anchors)] = (anchors, index)
    if len(_CACHE) > 256:
        _CACHE.popitem(last=False)
    return index
