"""Ranking the possible originals of a span whose decode lost bytes.

Evidence first, then a prior:

- usage: the emoji and symbols the page and the site already use, spelled
  correctly (clean text, and the spans repaired with certainty);
- names: the words of the line and of its heading against the emoji's names in
  the emoji package and in the gemoji table pymdownx ships (`🎮` is a "video
  game" in a section on gaming);
- the prior, from Unicode data alone: one script rather than a jumble, emoji
  people use (fully qualified) before other symbols, Western typography, the
  common blocks; among emoji, the food and nature groups last (documentation
  uses them least).

Only evidence can single out a candidate to be written by `--unsafe-fixes`;
the prior orders the list a reader picks from.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from functools import cache

from curriculint.checks.encoding.natural_text import (
    emoji_data,
    in_domain,
    is_symbol,
    qualified,
    script,
)

# A run of non-ASCII characters with the ASCII character before it: every
# emoji lies inside one (only keycaps start with ASCII: `1️⃣`, `#️⃣`).
_EMOJI_SEGMENT = re.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_KEYCAP_BASES = frozenset("0123456789#*")


@cache
def _emoji_starts() -> frozenset[str]:
    """Non-ASCII characters an emoji can start with or contain."""
    return frozenset(char for key in emoji_data() for char in key if not char.isascii())


def _emoji_matches(text: str) -> Iterator[tuple[int, int, str]]:
    """`emoji.emoji_list(text)` as (start, end, emoji), run segment by segment:
    the tokenizer walks the whole text character by character, and a matching
    or backtracking step never crosses an ASCII character (at most it reaches
    back to a keycap's base), so each segment matches as it does in place."""
    import emoji

    starts = _emoji_starts()
    for segment in _EMOJI_SEGMENT.finditer(text):
        part = segment.group()
        if starts.isdisjoint(part):
            continue  # accented letters, typography: no emoji to find
        base = segment.start()
        for match in emoji.emoji_list(part):
            yield base + match["match_start"], base + match["match_end"], match["emoji"]


def emoji_pieces(text: str, letters: bool = False) -> Iterator[str]:
    """Emoji (with their selectors and joiners) and other non-ASCII symbols
    (and letters, if asked), one piece each."""

    def others(part: str) -> Iterator[str]:
        for char in _NON_ASCII.findall(part):
            if letters or is_symbol(char):
                yield char

    if text.isascii():
        return
    covered = 0
    for start, end, found in _emoji_matches(text):
        yield from others(text[covered:start])
        yield found
        covered = end
    yield from others(text[covered:])


def count_segments(texts: Iterable[str]) -> Counter[str]:
    """The non-ASCII segments of some clean text, counted: what `count_usage` needs,
    gathered without the emoji tokenizer (most pages never need their usage). An
    ASCII character before a segment is kept only where it can start an emoji (a
    keycap), so the counts do not split by the letter before a symbol."""
    counts: Counter[str] = Counter()
    for text in texts:
        if not text.isascii():
            counts.update(segment if segment[0] in _KEYCAP_BASES or not segment[0].isascii()
                          else segment[1:] for segment in _EMOJI_SEGMENT.findall(text))
    return counts


def count_usage(segments: Mapping[str, int]) -> Counter[str]:
    """Emoji and other non-ASCII characters some clean text uses, for ranking, from
    its `count_segments`: the pieces of a text are the pieces of its segments."""
    counts: Counter[str] = Counter()
    for segment, times in segments.items():
        for piece in emoji_pieces(segment, letters=True):
            counts[piece] += times
    return counts


# -- names --------------------------------------------------------------------

_WORD = re.compile(r"[a-z]{3,}")
# Words every emoji name or heading has, which say nothing about the emoji.
_STOP = frozenset({"and", "the", "with", "for", "button", "sign", "symbol", "face", "mark",
                   "black", "white", "large", "small", "medium", "heavy", "light", "dark",
                   "skin", "tone", "left", "right", "pointing", "squared", "latin"})


def stem(word: str) -> str:
    """A crude English stem: enough for `gaming` and `game`, `charts` and `chart`."""
    for suffix in ("ing", "es", "ed", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def context_words(text: str) -> frozenset[str]:
    """The stems of the words of a line or heading."""
    return frozenset(stem(word) for word in _WORD.findall(text.lower()) if word not in _STOP)


@cache
def _gemoji_names() -> Mapping[str, tuple[str, str]]:
    """emoji -> (name, category) from the gemoji table pymdownx ships."""
    from pymdownx import gemoji_db

    table: dict[str, tuple[str, str]] = {}
    for entry in gemoji_db.emoji.values():
        try:
            key = "".join(chr(int(point, 16)) for point in str(entry["unicode"]).split("-"))
        except ValueError:
            continue
        table[key] = (str(entry.get("name", "")), str(entry.get("category", "")))
        table.setdefault(key.replace("\ufe0f", ""), table[key])
    return table


@cache
def name_words(piece: str) -> frozenset[str]:
    """The stems of an emoji's (or a character's) names."""
    names = [unicodedata.name(piece, "") if len(piece) == 1 else ""]
    data = emoji_data().get(piece) or emoji_data().get(piece + "\ufe0f") or {}
    names.append(str(data.get("en", "")))
    names += [str(alias) for alias in data.get("alias", ())]  # type: ignore[attr-defined]
    names.append(_gemoji_names().get(piece, ("", ""))[0])
    return context_words(" ".join(names).replace("_", " "))


def name_match(candidate: str, context: frozenset[str]) -> int:
    """How many of the candidate's name words the context uses."""
    if not context:
        return 0
    return sum(len(name_words(piece) & context) for piece in _pieces(candidate))


# -- the prior ----------------------------------------------------------------

_TIER_REPERTOIRE = frozenset(
    char for char in bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore")
    if unicodedata.category(char)[0] in "PS")
_GROUP_TIERS = {"Food & Drink": 3, "Animals & Nature": 4}


# Blocks of symbols documentation uses: arrows, mathematical operators, box
# drawing, block elements, geometric shapes, miscellaneous symbols, dingbats.
_COMMON_BLOCKS = ((0x2190, 0x22FF), (0x2500, 0x27BF))


def _tier(piece: str) -> int:
    """Emoji people use (least the food and the wildlife), then Western
    typography and the common symbol blocks, then other symbols."""
    if qualified(piece):
        return _GROUP_TIERS.get(_gemoji_names().get(piece, ("", ""))[1], 5)
    if ord(piece[0]) >= 0x1F000 and qualified(piece + "\ufe0f"):
        # An emoji written without the selector its full form takes (`🛠`, `🖥`,
        # `👁`: pages drop it as often as not), a step behind those that take none.
        return 4
    if piece in _TIER_REPERTOIRE or (len(piece) == 1 and any(
            low <= ord(piece) <= high for low, high in _COMMON_BLOCKS)):
        return 2
    return 1 if all(is_symbol(char) and not _cjk_punctuation(char) for char in piece) else 0


def _block(char: str) -> int:
    """A symbol's neighbourhood (128 code points), or -1 for anything else:
    punctuation and emoji share their blocks with too much to be a hint."""
    return ord(char) >> 7 if unicodedata.category(char)[0] == "S" and ord(char) < 0x1F000 \
        else -1


def _cjk_punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] == "P" and (
        0x3000 <= ord(char) <= 0x303F or 0xFF01 <= ord(char) <= 0xFF65)


def _kind(char: str) -> str:
    if char.isalpha() or _cjk_punctuation(char):
        # (ideographic and fullwidth punctuation is part of CJK writing: `、`
        # between kana is no more a switch than a kanji there)
        return script(char)
    return "symbol" if is_symbol(char) else ""


def _joins(base: str, mark: str) -> bool:
    """A combining mark that belongs to the character before it: a generic
    diacritic (`COMBINING ...`), a selector, or a sign of the base's own script
    (`DEVANAGARI VOWEL SIGN O` after `DEVANAGARI LETTER KA`). Any other mark (an
    ideographic tone mark after katakana) is as much a switch as a stray symbol."""
    name = unicodedata.name(mark, "")
    if name.startswith(("COMBINING", "VARIATION SELECTOR")):
        return True
    return bool(base) and unicodedata.name(base, "").split(" ", 1)[0] == name.split(" ", 1)[0]


def _kinds(text: str, before: str = "") -> list[str]:
    """The kind of each character, marks that join their base left out."""
    kinds = []
    previous = before
    for char in text:
        if unicodedata.category(char)[0] != "M":
            kinds.append(_kind(char))
            previous = char
        elif not _joins(previous, char):
            kinds.append("mark")
    return kinds


@cache
def prior(candidate: str) -> tuple[int, int, int, int]:
    """Without usage counts: one script, then emoji and typography (per piece: an
    emoji ZWJ sequence is one piece, not three), then the domain."""
    pieces = _pieces(candidate)
    # A joiner beside an emoji is the glue of a sequence, not a piece of its own:
    # `👧‍👦` (a sequence no table names) or the `‍🚀` end of one cut by a lost
    # byte rank as emoji, not below `👧❀👦`.
    scored = [piece for at, piece in enumerate(pieces) if piece != "\u200d" or not any(
        qualified(other) for other in (*pieces[max(at - 1, 0) : at], *pieces[at + 1 : at + 2]))]
    tiers = 10 * sum(_tier(piece) for piece in scored) // max(len(scored), 1)
    if len(pieces) > 2 and len(set(pieces)) == 1 and "star" in name_words(pieces[0]):
        tiers += 1  # a rating: ⭐⭐⭐⭐ rather than ❎❎❎❎
    domain = sum(1 for char in candidate if in_domain(char))
    # Words keep to one script: count the switches between neighbours.
    kinds = _kinds(candidate)
    switches = sum(1 for left, right in itertools.pairwise(kinds) if left != right)
    # Last, the code point: a block starts with its basic forms (← before ↝).
    return (switches, -tiers, -domain, ord(candidate[0]) if candidate else 0)


@cache
def step(previous: str, choice: str) -> tuple[int, int, int]:
    """The prior of `choice` after `previous`: what it adds to a joint reading."""
    switches, tiers, domain, _ = prior(choice)
    if choice == "\u200d" and previous and not previous.isascii() and is_symbol(previous):
        return (0, -50, 0)  # a joiner after an emoji: the sequence continues
    if previous and choice:
        first = _kinds(choice[0], previous[-1])
        if first and first[0] != _kind(previous[-1]):
            switches += 1
    return (switches, tiers, domain)


def all_emoji(text: str) -> bool:
    pieces = _pieces(text)
    return bool(pieces) and "".join(pieces) == text and all(map(qualified, pieces))


@cache
def _pieces(candidate: str) -> tuple[str, ...]:
    return tuple(emoji_pieces(candidate, letters=True))


# A joiner or a variation selector standing alone between pieces is glue: the
# page "using" one (from any sequence it spells) is no evidence for a jumble.
_GLUE = frozenset("\u200d\ufe0f\ufe0e")


def usage_of(candidate: str, usage: Mapping[str, int]) -> int:
    return sum(usage.get(piece, 0) for piece in _pieces(candidate) if piece not in _GLUE)


def _usage_in_parts(candidate: str, usage: Mapping[str, int]) -> int:
    """Usage for ranking: an emoji sequence the site never spells whole counts the
    emoji it is made of (🧑 and 🚀 of 🧑🏽‍🚀), or a jumble of those emoji, each
    used, would rank above the sequence they belong to."""
    return sum(usage.get(piece, 0) or (
        sum(usage.get(char, 0) for char in piece if char not in _GLUE)
        if len(piece) > 1 else 0) for piece in _pieces(candidate) if piece not in _GLUE)


def _blocks_used(usage: Mapping[str, int]) -> Counter[int]:
    counts: Counter[int] = Counter()
    for piece, times in usage.items():
        if piece and _block(piece[0]) >= 0:
            counts[_block(piece[0])] += times
    return counts


def symbol_blocks(texts: Iterable[str]) -> frozenset[int]:
    """The blocks of the symbols some text uses (`_block`), emoji aside: emoji are
    scattered over many blocks (`⏱` beside `⎁`), so theirs say nothing."""
    data = emoji_data()
    return frozenset(_block(char) for text in texts for char in _NON_ASCII.findall(text)
                     if _block(char) >= 0 and char not in data and char + "\ufe0f" not in data)


def _kept_to(pieces: tuple[str, ...], line_blocks: frozenset[int]) -> int:
    """How many of a candidate's symbols share their block with the rest of the
    line, or with another piece of the candidate: a drawing keeps to its block
    (`╚═` rather than `╚❕` beside `║`), where a jumble of blocks is chance."""
    # Character by character: `☠` counts the same in `🏴‍☠️` as in `🏴„☠️`.
    blocks = [_block(char) for char in "".join(pieces)]
    own = Counter(blocks)
    return sum(1 for block in blocks
               if block >= 0 and (block in line_blocks or own[block] > 1))


def ranked(candidates: Iterable[str], usage: Mapping[str, int],
           context: frozenset[str] = frozenset(),
           line_blocks: frozenset[int] = frozenset()) -> list[tuple[str, tuple[int, ...]]]:
    """Candidates best first, with their keys: by the prior's script (a letter
    glued to symbols, `â❀‚`, is a jumble however much the page uses `â` in its
    words), by what the page and site use, by the symbol blocks of the line
    (`_kept_to`), by the prior's tier, then by the names the context uses and
    the symbols of the same block the page uses (`←` where `→` is used)."""
    blocks = _blocks_used(usage)

    def key(candidate: str) -> tuple[int, ...]:
        pieces = _pieces(candidate)
        near = sum(blocks.get(_block(piece[0]), 0) for piece in pieces
                   if _block(piece[0]) >= 0)
        switches, tiers, domain, point = prior(candidate)
        return (switches, -_usage_in_parts(candidate, usage), -_kept_to(pieces, line_blocks),
                tiers, -name_match(candidate, context), -near, domain, point)

    return sorted(((candidate, key(candidate)) for candidate in candidates),
                  key=lambda entry: entry[1])


def rank(candidates: Iterable[str], usage: Mapping[str, int],
         context: frozenset[str] = frozenset()) -> list[str]:
    return [candidate for candidate, _ in ranked(candidates, usage, context)]


def decisive(ranked: list[str], usage: Mapping[str, int]) -> bool:
    """Evidence, not the prior, puts the first candidate ahead of all others: an
    emoji the page or site uses, where no other candidate is used. Letters and
    punctuation are used everywhere, and names that fit the context are too
    loose a hint (`Table of Contents` fits 🏓): they only order the list."""
    if len(ranked) < 2:
        return False
    first, others = ranked[0], ranked[1:]
    if not all(qualified(piece) or piece == "\u200d" for piece in _pieces(first)):
        # (a selector the emoji does not take, `⭐️`: the usage of `⭐` is no
        # evidence for it over `⏭️`, whose selector the bytes hold too)
        return False
    return usage_of(first, usage) > 0 and all(usage_of(other, usage) == 0 for other in others)


__all__ = ["all_emoji", "context_words", "count_segments", "count_usage", "decisive",
           "emoji_pieces", "name_match", "prior", "rank", "ranked", "step", "symbol_blocks",
           "usage_of"]
