"""The indexes that made LNK003, DUP002 and DUP005 linear give the answers of
the scans they replace (issue 24: every rule's cost linear in the page)."""

from __future__ import annotations

import difflib
import random

from curriculint.checks.duplicates.line_ranges import LineRanges
from curriculint.checks.duplicates.toc_headings import HeadingLookup, words
from curriculint.checks.links.anchor_ids import PageAnchors
from curriculint.checks.links.heading_index import CAP, CUTOFF, heading_index
from curriculint.index.records import Heading
from curriculint.model import Span


def _mutated(chooser: random.Random, word: str) -> str:
    letters = list(word)
    for _ in range(chooser.randint(0, 3)):
        at = chooser.randrange(len(letters) + 1)
        action = chooser.choice(["insert", "delete", "swap"])
        if action == "insert" or not letters:
            letters.insert(at, chooser.choice("abcdefgh-_1"))
        elif action == "delete":
            del letters[min(at, len(letters) - 1)]
        else:
            letters[min(at, len(letters) - 1)] = chooser.choice("abcdefgh-_1")
    return "".join(letters)


def test_anchor_candidates_give_the_suggestions_of_every_heading_id() -> None:
    chooser = random.Random(24)
    for _ in range(200):
        ids = ["".join(chooser.choice("abcdefgh-") for _ in range(chooser.randint(1, 30)))
               for _ in range(chooser.randint(1, 60))]
        anchors = PageAnchors(frozenset(ids), tuple((anchor, anchor.title()) for anchor in ids),
                              ())
        assert len(ids) <= CAP
        for fragment in [_mutated(chooser, chooser.choice(ids)) for _ in range(20)]:
            everything = difflib.get_close_matches(fragment, ids, n=2, cutoff=CUTOFF)
            bounded = difflib.get_close_matches(
                fragment, heading_index(anchors).candidates(fragment), n=2, cutoff=CUTOFF)
            assert bounded == everything, (fragment, ids)


def test_past_the_cap_a_typo_at_either_end_is_still_found() -> None:
    ids = [f"section-{n}-of-the-guide" for n in range(3 * CAP)]
    anchors = PageAnchors(frozenset(ids), tuple((anchor, anchor) for anchor in ids), ())
    candidates = heading_index(anchors).candidates("section-1234-of-the-guid")
    assert len(candidates) <= CAP and "section-1234-of-the-guide" in candidates
    candidates = heading_index(anchors).candidates("sectoin-1234-of-the-guide")
    assert "section-1234-of-the-guide" in candidates


def test_line_ranges_agree_with_a_scan() -> None:
    chooser = random.Random(7)
    for _ in range(100):
        spans = []
        for _ in range(chooser.randint(0, 40)):
            start = chooser.randint(1, 80)
            spans.append(Span(start, 1, start + chooser.randint(0, 10), 1))
        items = [_Lines(span.line, span.end_line) for span in spans]
        ranges = LineRanges(items)
        for _ in range(20):
            first = chooser.randint(1, 90)
            last = first + chooser.randint(0, 15)
            assert ranges.starting_in(first, last) == sorted(
                (item for item in items if first <= item.start_line <= last),
                key=lambda item: item.start_line)
            assert ranges.reach_before(first) == max(
                (item.end_line for item in items if item.start_line < first), default=0)


class _Lines:
    def __init__(self, start_line: int, end_line: int) -> None:
        self.start_line, self.end_line = start_line, end_line


def _headings(chooser: random.Random) -> list[Heading]:
    headings: list[Heading] = []
    stack: list[Heading] = []
    line = 1
    for index in range(chooser.randint(1, 40)):
        level = chooser.randint(1, 4)
        while stack and stack[-1].level >= level:
            stack.pop()
        text = " ".join(chooser.choice(["alpha", "beta", "gamma", "contents", "toc", "x_y"])
                        for _ in range(chooser.randint(0, 3)))
        line += chooser.randint(1, 4)
        heading = Heading(index, level, text, text, text.replace(" ", "-"), False,
                          Span(line, 1, line, 2), line, stack[-1].index if stack else None,
                          chooser.choice(["", "", "", "admonition"]))
        headings.append(heading)
        stack.append(heading)
    return headings


def test_contents_lookups_agree_with_a_scan_of_every_heading() -> None:
    chooser = random.Random(5)
    contents = {("table", "of", "contents"), ("contents",), ("toc",)}
    for _ in range(300):
        headings = _headings(chooser)
        copied = {chooser.randint(1, 150) for _ in range(chooser.randint(0, 20))}
        lookup = HeadingLookup(headings, copied, contents)
        entries = [set(words(" ".join(chooser.choice(["alpha", "beta", "gamma", "toc", "x"])
                                      for _ in range(chooser.randint(0, 3)))))
                   for _ in range(chooser.randint(0, 3))]
        assert lookup.named(entries) == {
            heading.index for heading in headings if words(heading.text) and any(
                set(words(heading.text)) <= entry for entry in entries)}
        listed = set(chooser.sample(range(len(headings)), chooser.randint(1, len(headings))))
        after = chooser.randint(0, headings[-1].line)
        levels = {headings[index].level for index in listed}
        texts = {headings[index].text for index in listed}
        expected = [heading for heading in headings
                    if heading.line > after and heading.index not in listed
                    and heading.text and not heading.container and heading.level in levels
                    and (heading.level == min(levels) or heading.parent in listed)
                    and heading.text not in texts and heading.line not in copied
                    and words(heading.text) not in contents]
        assert lookup.left_out(after, listed, 4) == (expected[:4], len(expected))
