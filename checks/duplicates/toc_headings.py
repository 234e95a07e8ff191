"""The headings a table of contents names or leaves out, found through indexes.

DUP005 asked, for every table of contents, which of all the page's headings its
broken entries name and which it leaves out: a scan of the headings per list,
quadratic on a page of many small contents lists. Here the headings are indexed
once per page: by their rarest word (a heading whose words are all among an
entry's has that word among them), by level in line order, by parent and by
text; a query walks only the headings that can answer it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from curriculint.index.records import Heading


def words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W_]+", text.lower()))


class HeadingLookup:
    def __init__(self, headings: Sequence[Heading], copied: set[int],
                 contents: Iterable[tuple[str, ...]]) -> None:
        self.headings = headings
        self.words = [words(heading.text) for heading in headings]
        skipped = set(contents)
        # What makes a heading one a table of contents may leave out, whatever the list.
        self.eligible = [bool(heading.text) and not heading.container
                         and heading.line not in copied and self.words[heading.index] not in skipped
                         for heading in headings]
        frequency = Counter(word for found in self.words for word in set(found))
        self.by_rarest: dict[str, list[int]] = defaultdict(list)
        self.by_level: dict[int, list[int]] = defaultdict(list)
        self.children: dict[int, list[int]] = defaultdict(list)
        self.by_text: dict[str, list[int]] = defaultdict(list)
        for heading in headings:
            found = self.words[heading.index]
            if found:
                self.by_rarest[min(found, key=lambda word: (frequency[word], word))].append(
                    heading.index)
            if self.eligible[heading.index]:
                self.by_level[heading.level].append(heading.index)
                if heading.parent is not None:
                    self.children[heading.parent].append(heading.index)
                self.by_text[heading.text].append(heading.index)
        self.level_lines = {level: [headings[index].line for index in found]
                            for level, found in self.by_level.items()}

    def named(self, entries: Sequence[set[str]]) -> set[int]:
        """The headings whose words are all among one entry's words."""
        found: set[int] = set()
        for entry in entries:
            for word in entry:
                found.update(index for index in self.by_rarest.get(word, ())
                             if set(self.words[index]) <= entry)
        return found

    def left_out(self, after: int, listed: set[int], shown: int) -> tuple[list[Heading], int]:
        """The headings below line `after` that a contents listing `listed` leaves
        out: the first `shown` of them, and how many. Left out: a heading of the
        top listed level, or of another listed level under a listed heading, that
        is not listed and whose text is not a listed one's."""
        headings = self.headings
        levels = {headings[index].level for index in listed}
        top = min(levels)
        texts = {headings[index].text for index in listed}
        # The top level: all eligible ones below the list but the excluded.
        order = self.by_level.get(top, [])
        start = bisect_right(self.level_lines.get(top, []), after)
        excluded = {index for index in listed if self.eligible[index]}
        excluded.update(index for text in texts for index in self.by_text.get(text, ()))
        excluded = {index for index in excluded
                    if headings[index].level == top and headings[index].line > after}
        first: list[int] = []
        for index in order[start:]:
            if len(first) == shown:
                break
            if index not in excluded:
                first.append(index)
        count = len(order) - start - len(excluded)
        # Lower listed levels: the children of listed headings.
        for parent in listed:
            for index in self.children.get(parent, ()):
                heading = headings[index]
                if (heading.level != top and heading.level in levels and heading.line > after
                        and index not in listed and heading.text not in texts):
                    first.append(index)
                    count += 1
        return [headings[index] for index in sorted(first)[:shown]], count
