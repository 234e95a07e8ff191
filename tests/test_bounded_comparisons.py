"""The indexes that made LNK003 and DUP002 linear give the answers of the scans
they replace (issue 24: every rule's cost linear in the page)."""

from __future__ import annotations

import difflib
import random

from curriculint.checks.duplicates.line_ranges import LineRanges
from curriculint.checks.links.anchor_ids import PageAnchors
from curriculint.checks.links.heading_index import CAP, CUTOFF, heading_index
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
