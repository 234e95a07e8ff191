"""Runs of units that repeat earlier units of the same page, exactly or nearly.

Like a copy-paste detector: unit pairs that are alike are found through an
inverted index of word shingles (no all-pairs comparison), pairs on the same
diagonal (unit i+1 matches unit j+1) are chained into runs, and each later
unit is reported in at most one run, the heaviest. A unit that is a truncated
copy of another (a shortened abstract, say) is paired on its own: the shorter
one is the copy.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import chain as chained
from itertools import combinations, pairwise
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from curriculint.checks.duplicates.blocks import PageUnit, page_units
from curriculint.checks.duplicates.context import (
    UNREAD,
    PageContext,
    images_shown,
    inert_units,
    listing_bodies,
    opening_term,
    pairable,
    slide_deck,
    tab_places,
)
from curriculint.checks.duplicates.line_ranges import LineRanges
from curriculint.checks.links.build_targets import include_lines
from curriculint.load.document import per_document

if TYPE_CHECKING:
    from curriculint.index.records import Block
    from curriculint.load.document import Document

# A shingle found in more units than this says nothing about copying.
COMMON_SHINGLE = 40
# Kinds compared as word sequences and paired as truncated copies: a shortened
# abstract, say.
PROSE = frozenset({"paragraph", "admonition", "blockquote"})
_LISTINGS = frozenset({"fence", "code"})
# Prose units are compared as word sequences when both hold this many words.
MIN_SEQUENCE_WORDS = 15


class RepeatOptions(BaseModel):
    """Options shared by duplicate-section and duplicate-block."""

    # Built on first validation: unconfigured, it is only constructed (run/plan.py).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    # Similarity (word-shingle Jaccard, or word-sequence ratio) at or above which
    # two units are near copies.
    threshold: float = Field(default=0.85, ge=0.5, le=1.0)
    # A repeat must hold at least this many words ...
    min_words: int = Field(default=12, ge=1)
    # ... and a repeat of a single unit (one paragraph, one item) at least this many.
    min_single_words: int = Field(default=20, ge=1)
    # A truncated copy: this share of the shorter unit's shingles is in the longer.
    containment: float = Field(default=0.9, ge=0.5, le=1.0)
    # Truncated copies are only paired when the shorter one has this many words.
    min_contained_words: int = Field(default=10, ge=3)
    # A copy right after its original, nothing between (a stutter), needs only this many.
    min_adjacent_words: int = Field(default=6, ge=1)


@dataclass(frozen=True, slots=True)
class Repeat:
    """`copy` units repeat `original` units one for one."""

    original: tuple[PageUnit, ...]
    copy: tuple[PageUnit, ...]
    similarity: float  # word-weighted over the pairs
    exact: bool  # every pair is verbatim (stripped lines equal)
    truncated: bool = False  # the copy is a shortened version of one unit
    renamed: bool = False  # a section body repeated under a different heading
    # Lines a fix may delete: set only for verbatim copies that own every line in them,
    # next to their original or in its section.
    removable: tuple[int, int] | None = None
    # Why it reads as a copy: "next" (nothing but headings between), "section"
    # (the same section), "body" (a section's body under a sibling heading),
    # "elsewhere", or "slip" (a templated slot that names the original's subject).
    placement: str = "next"
    # For a slip: the original's words the copy still says.
    slip: tuple[str, ...] = ()
    # Blocks with words among the original's units that the copy leaves out
    # (negative: among the copy's units, that the original has not).
    left_out: int = 0

    @property
    def words(self) -> int:
        return sum(len(unit.words) for unit in self.copy)


# A shingle: a run of three words (the whole unit if shorter).
_Shingle = tuple[str, ...]


def _shingles(units: list[PageUnit]) -> list[frozenset[_Shingle]]:
    """Each unit's shingles. Tuples of the words, not strings joined from them:
    no text is copied, and a tuple hashes from its words' cached hashes (words
    hold no spaces, so tuples are equal exactly when joined strings would be)."""
    return [frozenset(zip(words, words[1:], words[2:], strict=False)) if len(words) >= 3
            else frozenset({words}) for words in [unit.words for unit in units]]


def _shared_shingles(shingles: list[frozenset[_Shingle]]) -> Counter[tuple[int, int]]:
    """Shingles in common per unit pair (earlier position first), counting only
    shingles found in 2 to COMMON_SHINGLE units."""
    # Most shingles occur once on a page: set operations (in C) find the
    # repeated ones, so only those are posted and paired.
    seen: set[_Shingle] = set()
    repeated: set[_Shingle] = set()
    for found in shingles:
        if not seen.isdisjoint(found):  # most units share nothing: no empty set built
            repeated |= found & seen
        seen |= found
    shared: Counter[tuple[int, int]] = Counter()
    if not repeated:
        return shared
    postings: dict[_Shingle, list[int]] = defaultdict(list)
    for position, found in enumerate(shingles):
        for shingle in found & repeated:
            postings[shingle].append(position)
    # One update over all pairs: counted in C, in the same order as one update each.
    shared.update(chained.from_iterable(combinations(positions, 2)
                                      for positions in postings.values()
                                      if len(positions) <= COMMON_SHINGLE))
    return shared


_CODE_SPAN_ONLY = re.compile(r"(`+)(?:(?!\1).)+\1")


def _one_code_span(unit: PageUnit) -> bool:
    """A paragraph that is one code span: code, compared as listings are."""
    return unit.kind == "paragraph" and unit.exact.startswith("`") and \
        _CODE_SPAN_ONLY.fullmatch(unit.exact) is not None


_TABLE_TAG = re.compile(r"<(/?)table\b", re.IGNORECASE)


def _html_tables(doc: Document) -> tuple[tuple[int, int], ...]:
    """The lines of each outermost raw HTML `<table>` element, opening tag to
    closing tag (Markdown cells between, with md_in_html)."""
    if "<table" not in doc.text and "<TABLE" not in doc.text:
        return ()
    found: list[tuple[int, int]] = []
    depth, start = 0, 0
    for block in doc.index.blocks:
        if block.kind != "html":
            continue
        for line in range(block.start_line, block.end_line + 1):
            for match in _TABLE_TAG.finditer(doc.line_text(line)):
                if not match.group(1):
                    depth += 1
                    if depth == 1:
                        start = line
                elif depth:
                    depth -= 1
                    if not depth:
                        found.append((start, line))
    return tuple(found)


_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def _figures_differ(one: PageUnit, two: PageUnit) -> bool:
    """Two tables whose figures are not the same multiset: data, such as the
    results of two queries over one input, differ where it matters."""
    return sorted(_FIGURE.findall(one.exact)) != sorted(_FIGURE.findall(two.exact))


def _code_spans(unit: PageUnit) -> tuple[str, ...]:
    """The code spans of a unit, spaces normalized: what it says in code."""
    if "`" not in unit.exact:
        return ()
    return tuple(" ".join(match.group().strip("`").split())
                 for match in _CODE_SPAN_ONLY.finditer(unit.exact))


def similarities(units: list[PageUnit], options: RepeatOptions
                 ) -> tuple[dict[tuple[int, int], float], dict[tuple[int, int], float]]:
    """(near pairs, truncated pairs) of `units` by position, earlier position first,
    each with its similarity.

    Pairs are found through shingles in common (COMMON_SHINGLE) and never pair a
    unit with one it holds, nor a heading with a non-heading. Near: verbatim
    (1.0), or alike at or above `options.threshold` by shingle Jaccard or, for
    two PROSE units of at least MIN_SEQUENCE_WORDS words, by the word-sequence
    ratio if higher; a near pair of two kinds is a truncated pair instead.
    Truncated: two PROSE units, the shorter of at least `options.min_contained_words`
    words, sharing at least `options.containment` of the shorter's shingles."""
    shingles = _shingles(units)
    shared = _shared_shingles(shingles)
    near: dict[tuple[int, int], float] = {}
    truncated: dict[tuple[int, int], float] = {}
    code: dict[int, tuple[str, ...]] = {}

    def code_of(position: int) -> tuple[str, ...]:
        """A unit's code spans, found once however many pairs it is in."""
        if position not in code:
            code[position] = _code_spans(units[position])
        return code[position]

    for (first, second), common in shared.items():
        one, two = units[first], units[second]
        if one.end_line >= two.start_line:  # an item and its own nested item
            continue
        if (one.kind == "heading") != (two.kind == "heading"):
            continue  # a heading and its table-of-contents entry share their words
        if one.exact == two.exact:
            near[(first, second)] = 1.0
            continue
        if one.kind in _LISTINGS and two.kind in _LISTINGS:
            # A listing with one token changed, or a line indented otherwise (the
            # wrong layout, then the right one), is a variant: code means every
            # character.
            continue
        if one.kind == "table" and two.kind == "table" and _figures_differ(one, two):
            continue  # the same table over other figures: another result, not a paste
        if _one_code_span(one) or _one_code_span(two):
            continue  # a command on a line of its own, and its variant with more options
        if code_of(first) != code_of(second):
            # The same sentence around other code (`broker_wait` in one query,
            # `client_wait` in the next) is a parallel entry: code counts as a
            # copy only character for character, as listings do.
            continue
        union = len(shingles[first]) + len(shingles[second]) - common
        similarity = common / union
        prose = one.kind in PROSE and two.kind in PROSE
        if similarity < options.threshold and not prose:
            continue  # only prose pairs are compared as sequences or as truncated copies
        if (similarity < options.threshold and prose
                and min(len(one.words), len(two.words)) >= MIN_SEQUENCE_WORDS
                and _close_in_length(one, two, options.threshold)
                and sequence_bound(one.words, two.words) >= options.threshold):
            # One changed word costs a short paragraph three shingles; compare the
            # word sequences too, so small edits to prose still count. Not for list
            # items or code: parallel entries ("Pattern 1", "Pattern 2") differ by
            # one word on purpose.
            similarity = max(similarity, SequenceMatcher(None, one.words, two.words,
                                                         autojunk=False).ratio())
        if similarity >= options.threshold and one.kind != two.kind:
            # A paragraph that reads like an admonition is a broken copy of it, not
            # part of a longer run: it is paired on its own, like a truncated copy.
            truncated[(first, second)] = similarity
            continue
        if similarity >= options.threshold:
            near[(first, second)] = similarity
            continue
        shorter = min(len(shingles[first]), len(shingles[second]))
        fewer_words = min(len(one.words), len(two.words))
        if (fewer_words >= options.min_contained_words and common / shorter >= options.containment
                and prose):
            truncated[(first, second)] = common / shorter
    return near, truncated


def sequence_bound(one: tuple[str, ...], two: tuple[str, ...]) -> float:
    """An upper bound of the SequenceMatcher ratio of `one` and `two`, counted in C.

    Every matched word of `one` is a word found in `two` and the other way
    round, so neither side matches more words than it has in the other: nearly
    all pairs that reach the ratio stage fall short of the threshold here.
    """
    in_two, in_one = frozenset(two), frozenset(one)
    matchable = min(sum(map(in_two.__contains__, one)), sum(map(in_one.__contains__, two)))
    return 2.0 * matchable / (len(one) + len(two))


def _close_in_length(one: PageUnit, two: PageUnit, threshold: float) -> bool:
    shorter, longer = sorted((len(one.words), len(two.words)))
    return longer > 0 and 2 * shorter / (shorter + longer) >= threshold


@per_document
def _repeats_by_options(doc: Document) -> dict[RepeatOptions, tuple[Repeat, ...]]:
    """The page's repeats per options asked for: five rules ask, mostly with the defaults."""
    return {}


def find_repeats(doc: Document, options: RepeatOptions | None = None) -> tuple[Repeat, ...]:
    options = options or RepeatOptions()
    if slide_deck(doc):
        return ()  # a deck repeats on purpose: recaps, continued slides
    known = _repeats_by_options(doc)
    if options not in known:
        units = page_units(doc)
        ranges = LineRanges(units), LineRanges(doc.index.blocks)
        known[options] = tuple(_with_removable(doc, ranges, repeat)
                               for repeat in _find_repeats(doc, units, options))
    return known[options]


def _chains(units: list[PageUnit], near: dict[tuple[int, int], float]
            ) -> list[list[tuple[int, int]]]:
    """Maximal diagonal chains (i, j), (i+1, j+1), ... with the original wholly before the copy."""
    chains: list[list[tuple[int, int]]] = []
    for pair in sorted(near):
        first, second = pair
        before = (first - 1, second - 1)
        if before in near and units[before[0]].end_line < units[second - 1].start_line:
            continue  # not the start of a chain
        chain = [pair]
        while True:
            following = (chain[-1][0] + 1, chain[-1][1] + 1)
            if following not in near or units[following[0]].end_line >= units[second].start_line:
                break
            chain.append(following)
        chains.append(chain)
    return chains


# Headings and HTML wrappers (`<details>`, `<summary>View code</summary>`) label
# content; repeating them alone is not repeating content.
_LABELS = frozenset({"heading", "html"})
_EMPHASIS = str.maketrans("", "", "*_")


def _content_words(units: list[PageUnit], positions: list[int]) -> int:
    return sum(len(units[at].words) for at in positions if units[at].kind not in _LABELS)


_WORDS = re.compile(r"[^\W_]+")


@lru_cache(maxsize=4096)
def _read_words(exact: str) -> int:
    return len(_WORDS.findall(UNREAD.sub("] ", exact)))


def _readable_words(units: list[PageUnit], positions: list[int]) -> int:
    """`_content_words` as a reader counts them: a long link destination or an
    attribute list (`{:target=_blank}`) does not make a sentence long enough to
    be a copy worth telling."""
    return sum(min(len(units[at].words), _read_words(units[at].exact)) for at in positions
               if units[at].kind not in _LABELS)


def _continues(units: list[PageUnit], last: int) -> bool:
    """The unit after `last` is more of the same (the next item, the next paragraph)."""
    if last + 1 >= len(units):
        return False
    here, after = units[last], units[last + 1]
    return after.kind == here.kind and after.start_line <= here.end_line + 2


def _with_removable(doc: Document, ranges: tuple[LineRanges[PageUnit], LineRanges[Block]],
                    repeat: Repeat) -> Repeat:
    if not repeat.exact or repeat.truncated or repeat.placement not in _REMOVABLE_PLACEMENTS:
        return repeat
    units, blocks = ranges
    first = repeat.copy[0].start_line
    last = max(unit.end_line for unit in repeat.copy)
    # No unit starting before the copy's units is one of them.
    earliest = min(unit.start_line for unit in repeat.copy)
    if units.reach_before(earliest) >= first or any(
            unit.end_line >= first and unit not in repeat.copy
            for unit in units.starting_in(earliest, last)):
        return repeat  # another unit (a nested item left out of the copy) shares the lines
    owned: set[int] = set()
    for unit in repeat.copy:
        owned.update(range(unit.start_line, unit.end_line + 1))
    for block in blocks.starting_in(first, last):
        if block.end_line <= last:
            owned.update(range(block.start_line, block.end_line + 1))
    if any(line not in owned and doc.line_text(line).strip() for line in range(first, last + 1)):
        return repeat  # something no block accounts for (a reference definition, say)
    return replace(repeat, removable=(first, last))


# A copy far from its original may belong where it is (and a slip wants a
# one-word edit): only a copy next to its original or in its section is offered
# for deletion.
_REMOVABLE_PLACEMENTS = frozenset({"next", "section", "body"})


def _after_term(unit: PageUnit, term: str) -> str:
    """The unit's text after its opening term, as written: `+` and `-` in code
    tell two entries apart that have the same words."""
    return unit.exact.partition(term)[2]


def _own_set(units: list[PageUnit], tabs: list[frozenset[tuple[int, int]]], at: int
             ) -> int | None:
    """The tab set a tab unit is a tab of (its first line); None for other units."""
    if units[at].kind != "tab":
        return None
    return next((tab_set for tab_set, tab in tabs[at] if tab == units[at].start_line), None)


def _piece(units: list[PageUnit], tabs: list[frozenset[tuple[int, int]]], at: int
           ) -> tuple[str, int]:
    """What a unit counts as among a copy's pieces: its tab set for a tab."""
    own = _own_set(units, tabs, at)
    return ("set", own) if own is not None else ("unit", at)


def _tab_sets(units: list[PageUnit], tabs: list[frozenset[tuple[int, int]]]
              ) -> dict[int, list[int]]:
    """Each tab set's tab units, by the set's first line."""
    members: dict[int, list[int]] = defaultdict(list)
    for at in range(len(units)):
        own = _own_set(units, tabs, at)
        if own is not None:
            members[own].append(at)
    return members


def _whole_tab_sets(units: list[PageUnit], tabs: list[frozenset[tuple[int, int]]],
                    chain: list[tuple[int, int]], copied: set[int],
                    members: dict[int, list[int]]) -> bool:
    """Every tab of each tab set a copy copies tabs of is a copy too (in this run
    or another). A set whose tabs are copied in part, another tab edited ("in a
    new terminal, load the profile again", one platform's note changed), is the
    step written again for its place: its tabs are alternatives that belong
    together."""
    copies = {copy for _, copy in chain}
    for copy in copies:
        own = _own_set(units, tabs, copy)
        if own is not None and any(at not in copies and at not in copied
                                   for at in members.get(own, ())):
            return False
    return True


_IMAGES_ONLY = re.compile(r"(?:!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])(?:\{[^}]*\})?\s*)+")


def _only_images(unit: PageUnit) -> bool:
    """The unit is a figure and nothing else: its text is images (their alt text
    and attribute lists)."""
    return unit.kind == "paragraph" and bool(_IMAGES_ONLY.fullmatch(unit.exact))


def _find_repeats(doc: Document, units: list[PageUnit], options: RepeatOptions
                  ) -> list[Repeat]:
    near, truncated = similarities(units, options)
    inert = inert_units(doc, units)
    tabs = tab_places(doc, units)
    images = images_shown(doc, units)
    listings = listing_bodies(doc, units)

    def comparable(pair: tuple[int, int]) -> bool:
        first, second = pair
        if images[first] and images[second] and (
                images[first] != images[second]
                or (second > first + 1 and _only_images(units[first])
                    and _only_images(units[second]))):
            return False  # other figures; or one figure shown again further on
        if listings[first] != listings[second]:
            return False  # a source in a box, its rendered result in the next
        if _only_images(units[first]) != _only_images(units[second]):
            return False  # a figure's alt text, which no reader sees, saying its caption
        return not inert[first] and not inert[second] and pairable(
            units[first], units[second], tabs[first], tabs[second])

    terms = [opening_term(unit) for unit in units]

    def entries(pair: tuple[int, int], share: float) -> bool:
        """Entries of one list of named things (`tile_url`, `tile_backup_url`):
        each opens with its own term, and what follows is not the same either
        (`**Day 2**:` over day 1's text word for word is a copy not edited)."""
        first, second = pair
        if share >= 1.0 or not terms[first] or not terms[second] or \
                terms[first] == terms[second]:
            return False
        return _after_term(units[first], terms[first]) != _after_term(units[second],
                                                                      terms[second])

    def variants(pair: tuple[int, int], share: float) -> bool:
        """Boxes of listings (a "Solution" that restates the last one with a line
        added) compare as listings do: only an exact copy is one."""
        return share < 1.0 and listings[pair[0]] and listings[pair[1]]

    near = {pair: share for pair, share in near.items()
            if comparable(pair) and not entries(pair, share) and not variants(pair, share)}
    truncated = {pair: share for pair, share in truncated.items()
                 if comparable(pair) and not entries(pair, share) and not variants(pair, share)}
    chains = _chains(units, near)

    def weight(chain: list[tuple[int, int]]) -> int:
        return sum(len(units[copy].words) for _, copy in chain)

    copied = {second for _, second in near}  # every unit some run copies
    members = _tab_sets(units, tabs)
    taken: set[int] = set()
    accepted: list[list[tuple[int, int]]] = []
    for chain in sorted(chains, key=lambda chain: (-weight(chain), chain[0])):
        # Trim copy units already reported in a heavier run from both ends.
        while chain and chain[0][1] in taken:
            chain = chain[1:]
        while chain and chain[-1][1] in taken:
            chain = chain[:-1]
        if not chain or any(copy in taken for _, copy in chain):
            continue
        if not _content_words(units, [copy for _, copy in chain]):
            continue  # headings alone are duplicate-heading's business
        if not _whole_tab_sets(units, tabs, chain, copied, members):
            continue
        accepted.append(chain)
        taken.update(copy for _, copy in chain)
    accepted = _merge_adjacent(units, sorted(accepted, key=lambda chain: chain[0][1]))
    breaks = [block.start_line for block in doc.index.blocks
              if block.kind == "hr" and block.depth == 0]
    context = PageContext(units, doc.index.headings, near, accepted, breaks,
                          include_lines(doc), _html_tables(doc))

    repeats: list[Repeat] = []
    for chain in accepted:
        section = None
        if units[chain[0][0]].kind == "heading" and units[chain[0][1]].kind == "heading":
            # A repeated section holds (nearly) all of both sections, their
            # content tabs and subsections included; a run that stops short is
            # a repeated block under a repeated heading.
            section = _section_match(units, chain, near, options.threshold)
            while section is None and chain and units[chain[0][1]].kind == "heading":
                chain = chain[1:]
            if not chain:
                continue
        originals = [first for first, _ in chain]
        copies = [copy for _, copy in chain]
        stutter = not _between(originals, copies)
        content = _readable_words(units, copies)
        # (the tabs of one set are one piece: a snippet shown per config file)
        singles = len({_piece(units, tabs, at) for at in copies if units[at].kind not in _LABELS})
        if stutter:
            if content < options.min_adjacent_words:
                continue
        elif content < options.min_words or (singles <= 1 and content < options.min_single_words):
            continue
        similarity = sum(near[pair] * len(units[pair[1]].words) for pair in chain) / weight(chain)
        exact = all(units[first].exact == units[copy].exact for first, copy in chain)
        if section is not None:
            similarity, whole = section
            exact = exact and whole
        verbatim = all(units[first].words == units[copy].words for first, copy in chain)
        if verbatim and not exact and all(
                units[first].exact.translate(_EMPHASIS) == units[copy].exact.translate(_EMPHASIS)
                for first, copy in chain):
            # Only the emphasis changed: the list again with other items stressed (the
            # ones this part is about) was edited for its place, not pasted.
            verbatim = False
        # "The first two items again": when the later run is the start of a longer
        # run of its kind and the earlier one stands alone, the earlier one is the copy.
        kinds = {units[at].kind for at in copies}
        if (len(copies) > 1 and len(kinds) == 1 and "heading" not in kinds
                and _continues(units, copies[-1])
                and not _continues(units, originals[-1])):
            originals, copies = copies, originals
        renamed = (section is None
                   and _under_heading(units, originals, whole=False)
                   and _under_heading(units, copies, whole=True)
                   and _related_headings(units[originals[0] - 1], units[copies[0] - 1]))
        if renamed:
            originals, copies = [originals[0] - 1, *originals], [copies[0] - 1, *copies]
        if verbatim and context.edited_list(originals, copies):
            verbatim = False
        placement, slip = _placement(context, options, originals, copies, verbatim,
                                     whole=section is not None or renamed)
        if placement is None or _says_again(units[copies[0]]) or _announced(units, copies[0]):
            continue
        repeats.append(Repeat(tuple(units[at] for at in originals),
                              tuple(units[at] for at in copies), similarity,
                              exact and not renamed, renamed=renamed, placement=placement,
                              slip=tuple(slip), left_out=_skipped(units, inert, originals)
                              - _skipped(units, inert, copies)))
    reported = {unit.start_line for repeat in repeats for unit in repeat.copy + repeat.original}
    for (first, second), share in sorted(truncated.items()):
        shorter, longer = ((first, second) if len(units[first].words) < len(units[second].words)
                           else (second, first))
        if units[first].kind != units[second].kind and "paragraph" in (
                units[first].kind, units[second].kind):
            # A block that lost its markup degrades to a paragraph: that one is the copy.
            shorter, longer = ((first, second) if units[first].kind == "paragraph"
                               else (second, first))
        if (units[shorter].start_line in reported or units[longer].start_line in reported
                or len(units[shorter].words) < options.min_words):
            continue
        if longer < shorter and units[shorter].kind == "paragraph" and \
                units[shorter - 1].kind in ("fence", "code") and longer < shorter - 1:
            continue  # the instruction picked up again after a listing between (`Then fill ...`)
        placement, _ = _placement(context, options, [longer], [shorter], verbatim=False,
                                  whole=False)
        if placement is None or _says_again(units[shorter]):
            continue
        repeats.append(Repeat((units[longer],), (units[shorter],), share, False, truncated=True,
                              placement=placement))
        reported.add(units[shorter].start_line)
    repeats.sort(key=lambda repeat: repeat.copy[0].start_line)
    return repeats


def _skipped(units: list[PageUnit], inert: list[bool], run: list[int]) -> int:
    """Blocks with words between the run's units that are not part of it."""
    return sum(1 for low, high in pairwise(run) for at in range(low + 1, high)
               if units[at].words and not inert[at] and units[at].kind != "heading")


# A repeat that says it is one: `Again, ...`, `As mentioned above, ...` (after an
# admonition's or a list item's marker).
_AGAIN = re.compile(r"^(?:[!?]{3}\+?[^\n]*\n)?[\s>*_\-+\d.]*(?:again\b|as (?:mentioned|noted|said|"
                    r"stated|explained)\b|once more\b|to repeat\b|as a reminder\b|reminder:)",
                    re.IGNORECASE)


# The line before a listing saying it is the same as another (`with the same
# content as the main job`, `identical to the one above`).
_SAME_AS = re.compile(r"\b(?:the (?:very )?same (?:\w+ ){0,3}as|identical to|"
                      r"same as (?:above|before)|as (?:above|before)[.:])", re.IGNORECASE)


def _says_again(unit: PageUnit) -> bool:
    return _AGAIN.match(unit.exact) is not None


# A step given again for a reader who skipped it: "Create a folder (if you have
# not already):", "(if you did not create one before)".
_IF_NOT_DONE = re.compile(r"\bif (?:you )?(?:have not|haven't|did not|didn't|do not have)\b"
                          r"[^.:]{0,40}?\b(?:already|before|yet)\b", re.IGNORECASE)


def _announced(units: list[PageUnit], at: int) -> bool:
    """The paragraph right above the listing at `at` says it repeats one, or the
    run (or the paragraph right above it) gives a step again for whoever skipped it."""
    if any(_IF_NOT_DONE.search(units[near].exact) for near in (at - 1, at)
           if 0 <= near < len(units) and units[near].kind == "paragraph"):
        return True
    return (units[at].kind in ("fence", "code") and at > 0
            and units[at - 1].kind == "paragraph"
            and _SAME_AS.search(units[at - 1].exact) is not None)


def _section_end(units: list[PageUnit], at: int) -> int:
    """The position after the last unit of the section whose heading is unit `at`."""
    level = units[at].level
    for later in range(at + 1, len(units)):
        if units[later].kind == "heading" and units[later].level <= level:
            return later
    return len(units)


def _section_match(units: list[PageUnit], chain: list[tuple[int, int]],
                   near: dict[tuple[int, int], float], threshold: float
                   ) -> tuple[float, bool] | None:
    """(similarity, whole) of the two sections a run starting at two headings
    pairs, when the run covers `threshold` of both sections' words; else None."""
    first, second = chain[0]
    originals = range(first, _section_end(units, first))
    copies = range(second, _section_end(units, second))
    pairs = [(one, two) for one, two in chain if one in originals and two in copies
             and units[two].kind not in _LABELS]
    total_original = _content_words(units, list(originals))
    total_copy = _content_words(units, list(copies))
    if not total_original or not total_copy:
        return None
    covered_original = sum(len(units[one].words) for one, _ in pairs)
    covered_copy = sum(len(units[two].words) for _, two in pairs)
    coverage = min(covered_original / total_original, covered_copy / total_copy)
    if coverage < threshold:
        return None
    similarity = sum(near[pair] * len(units[pair[1]].words) for pair in pairs) / max(
        total_original, total_copy)
    return similarity, covered_original == total_original and covered_copy == total_copy


def _between(originals: list[int], copies: list[int]) -> range:
    """Positions of the units between the two runs."""
    earlier, later = (originals, copies) if originals[0] < copies[0] else (copies, originals)
    return range(max(earlier) + 1, min(later))


def _placement(context: PageContext, options: RepeatOptions, originals: list[int],
               copies: list[int], verbatim: bool, whole: bool
               ) -> tuple[str | None, list[str]]:
    """Whether a repeat reads as a pasted copy rather than a pattern
    (context.py), and why (Repeat.placement); None for a pattern.

    Next to its original (nothing but headings between) or in the same
    section, a copy is a copy. Elsewhere only a verbatim one is, and not when
    the two sit in slots of a parallel structure, unless it still names the
    original's subject there (a missed substitution).
    """
    units = context.units
    if context.growing(originals, copies):
        return None, []  # a running example, a level more each time: on purpose
    # A run that starts at its heading (a section, a renamed body): the heading
    # stands between the two bodies.
    between = _between([at for at in originals if units[at].kind != "heading"] or originals,
                       [at for at in copies if units[at].kind != "heading"] or copies)
    if context.catalogue_entries(originals, copies):
        return None, []
    original, copy = units[originals[0]].section, units[copies[0]].section
    if all(units[at].kind == "heading" for at in between) and (verbatim or not between):
        if context.entries_of_a_reference(original, copy):
            # Neighbouring entries with the same text (two endpoints that page
            # alike): a copy only if it names the entry it was copied from.
            slip = context.missed_substitution(
                original, copy, [at for at in copies if units[at].kind != "heading"])
            return ("slip", slip) if slip else (None, [])
        return "next", []
    if context.parallel_parts(originals, copies) or context.variant_lists(originals, copies) \
            or context.under_other_entries(originals, copies) \
            or context.answers_to_questions(originals, copies) \
            or context.under_other_labels(originals, copies) \
            or context.bookend(originals, copies) \
            or context.points_back(originals, copies) \
            or context.in_one_table(originals, copies):
        return None, []
    if context.same_place(original, copy) and not context.included_between(originals, copies) \
            and not context.under_own_pseudo_headings(originals, copies):
        return "section", []  # (an included file between may bring a heading of its own)
    if context.pointer_lists(originals, copies):
        return None, []
    if not verbatim:
        return None, []  # edited to fit its place: a templated entry
    if whole and context.siblings(original, copy):
        return "body", []  # a section's whole body again under a sibling heading
    own = sum(len(units[at].words) for at in copies
              if units[at].kind not in _LABELS and not context.boilerplate(at))
    repeated = {context.key(unit.heading) for unit in map(units.__getitem__, originals + copies)
                if unit.heading is not None}
    pattern = (own < options.min_words or context.parallel(original, copy, repeated)
               or context.same_slot(originals, copies)
               or context.closing_slot(originals, copies)
               or context.diverging_lists(originals, copies)
               # Short shell listings alone, again in another section: a command
               # run again after a change (a lab's check, an install step).
               or all(_shell_commands(units[at]) for at in copies))
    if not pattern:
        return "elsewhere", []
    if context.extended_list(originals, copies):
        return None, []  # no missed substitution: a level that keeps the one before, and more
    slip = context.missed_substitution(original, copy, copies)
    return ("slip", slip) if slip else (None, [])


_SHELLS = frozenset({"bash", "sh", "shell", "console", "zsh", "fish", "powershell", "ps1",
                     "pwsh", "cmd", "bat", "shell-session", "shellsession"})


def _shell_commands(unit: PageUnit) -> bool:
    """A fenced listing of a few shell lines (`bash`, `console`, ...)."""
    language = unit.info.split(None, 1)[0].lower().lstrip(".{") if unit.info else ""
    return (unit.kind == "fence" and language in _SHELLS
            and unit.end_line - unit.start_line <= 12)


def _under_heading(units: list[PageUnit], run: list[int], whole: bool) -> bool:
    """The run starts right under a heading and, if `whole`, is everything under
    it (up to the next heading of the same or a higher level)."""
    first, last = run[0], run[-1]
    if units[first].kind == "heading" or first == 0 or units[first - 1].kind != "heading":
        return False
    level = units[first - 1].level
    if any(units[at].kind == "heading" and units[at].level <= level for at in run):
        return False
    return not whole or last + 1 == len(units) or (units[last + 1].kind == "heading"
                                                   and units[last + 1].level <= level)


def _related_headings(one: PageUnit, two: PageUnit) -> bool:
    """'Phase 1: Parallel rollout' and 'Phase 2b: Parallel rollout check' name the
    same section renumbered; 'Key Takeaways' and 'Summary' are different sections
    that happen to hold the same list."""
    first = {word for word in one.words if not word.isdigit()}
    second = {word for word in two.words if not word.isdigit()}
    shorter = min(len(first), len(second))
    return shorter > 0 and len(first & second) * 2 >= shorter


def _merge_adjacent(units: list[PageUnit], chains: list[list[tuple[int, int]]]
                    ) -> list[list[tuple[int, int]]]:
    """Join runs whose copies follow each other and whose originals keep their order:
    a list pasted again with one entry dropped is one repeat, not two."""
    merged: list[list[tuple[int, int]]] = []
    for chain in chains:
        if merged:
            last = merged[-1]
            if (chain[0][1] == last[-1][1] + 1 and last[-1][0] < chain[0][0] <= last[-1][0] + 3
                    and units[chain[0][1]].kind == units[last[-1][1]].kind):
                last.extend(chain)
                continue
        merged.append(list(chain))
    return merged
