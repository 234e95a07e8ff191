"""Mojibake: UTF-8 text that was decoded through a single-byte code page.

A UTF-8 character of two to four bytes is a lead byte (C2-F4) followed by
continuation bytes (80-BF). Decoded through cp1252 and its kin every byte
becomes one character, so a suspect run is re-encoded with each code page and
parsed back as UTF-8: what decodes is the candidate original.

Lossy decodes are handled at the byte level. A decoder that skipped the bytes
its code page leaves undefined (cp1252: 81 8D 8F 90 9D), a later tool that
stripped soft hyphens (byte AD), or a decoder that wrote U+FFFD for them, all
leave a sequence with too few or unknown continuation bytes. Every possible
byte is tried at every possible position; the candidates are filtered to
well-formed text (assigned characters; a variation selector only after a base
that takes it) and ranked by what the page and the site already use.

Evidence is weighed per span, never per letter: a lone `â` in `pâte` is
French, `âââââ` between spaces is five stars that lost two bytes each.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

# Tried in this order; the first code pages are the common culprits.
CODE_PAGES: tuple[str, ...] = (
    "cp1252", "cp1254", "latin-1", "cp1250", "cp1251", "cp1253", "cp1257", "mac_roman",
    "cp437",
)

REPLACEMENT = "\ufffd"
VS16 = "\ufe0f"
VS15 = "\ufe0e"
ZWJ = "\u200d"
_SOFT_HYPHEN_BYTE = 0xAD
_MAX_LAYERS = 3  # double (and triple) encoding
MAX_SHOWN = 5  # candidates shown in a message
_CANDIDATES_KEPT = 12  # kept for ranking by site usage
_BEAM = 24
_EXHAUSTIVE = 20000  # joint readings counted to call a lossy span certain


@dataclass(frozen=True)
class CodePage:
    name: str
    to_byte: Mapping[str, int]  # characters the code page decodes from bytes 80-FF
    undefined: frozenset[int]  # bytes it cannot decode (skipped, replaced or passed as C1)
    droppable: frozenset[int]  # continuation bytes a lossy decode may have lost

    @property
    def run(self) -> re.Pattern[str]:
        """Runs of characters that map to bytes 80-FF (or U+FFFD); compiled when a
        page first holds a lead character (clean pages never need it)."""
        return _run_pattern(self.name, "".join(sorted(self.to_byte)) + REPLACEMENT)


@cache
def code_pages() -> tuple[CodePage, ...]:
    pages = []
    for name in CODE_PAGES:
        to_byte: dict[str, int] = {}
        undefined = set()
        for byte in range(0x80, 0x100):
            try:
                to_byte.setdefault(bytes([byte]).decode(name), byte)
            except UnicodeDecodeError:
                undefined.add(byte)
                # Browsers and "sloppy" decoders pass undefined bytes through as C1.
                to_byte.setdefault(chr(byte), byte)
        droppable = {byte for byte in undefined if 0x80 <= byte <= 0xBF}
        if to_byte.get("\xad") == _SOFT_HYPHEN_BYTE:
            droppable.add(_SOFT_HYPHEN_BYTE)
        pages.append(CodePage(name, to_byte, frozenset(undefined), frozenset(droppable)))
    return tuple(pages)


@cache
def _run_pattern(name: str, chars: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(chars) + "]+")


@cache
def _any_page_chars() -> frozenset[str]:
    return frozenset(char for page in code_pages() for char in page.to_byte)


@cache
def _lead_chars() -> frozenset[str]:
    """Characters some code page makes of a UTF-8 lead byte: every mojibake
    span starts with one, so text without any has none."""
    return frozenset(char for page in code_pages() for char, byte in page.to_byte.items()
                     if _needed(byte))


def _needed(lead: int) -> int:
    """Continuation bytes a lead byte needs; 0 for a byte that cannot lead."""
    if 0xC2 <= lead <= 0xDF:
        return 1
    if 0xE0 <= lead <= 0xEF:
        return 2
    if 0xF0 <= lead <= 0xF4:
        return 3
    return 0


def _is_continuation(byte: int) -> bool:
    return 0x80 <= byte <= 0xBF or byte < 0  # negative: a U+FFFD, an unknown byte


# -- what a good original looks like ----------------------------------------

# Blocks that mojibake in documentation restores to: Latin-1 symbols and
# letters, Latin Extended-A, Greek, basic Cyrillic, general punctuation up to
# the misc symbols and arrows, CJK punctuation, emoji.
_DOMAIN = (
    (0x00A0, 0x017F), (0x0370, 0x03FF), (0x0400, 0x045F), (0x2000, 0x2BFF),
    (0x2E00, 0x2E7F), (0x3000, 0x303F), (0xFE0E, 0xFE0F), (0xFF01, 0xFF65),
    (0x1F000, 0x1FAFF),
)
_ALLOWED_FORMAT = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\u00ad")


def _in_domain(char: str) -> bool:
    point = ord(char)
    return any(low <= point <= high for low, high in _DOMAIN)


def _is_symbol(char: str) -> bool:
    point = ord(char)
    return (0x2000 <= point <= 0x2BFF or 0x1F000 <= point <= 0x1FAFF or char == VS16
            or unicodedata.category(char)[0] in "SP")


def _script_key(char: str) -> str:
    """A coarse script name: the first word of the character's name."""
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0]


def _valid_char(char: str) -> bool:
    category = unicodedata.category(char)
    if category in ("Cc", "Co", "Cs", "Cn"):
        return False
    if category == "Cf" and char not in _ALLOWED_FORMAT:
        return False
    point = ord(char)
    return not (0xFDD0 <= point <= 0xFDEF or (point & 0xFFFE) == 0xFFFE)


@cache
def _emoji_data() -> Mapping[str, dict[str, object]]:
    import emoji

    return emoji.EMOJI_DATA


def _is_emoji(text: str) -> bool:
    return text in _emoji_data()


def well_formed(text: str, before: str = "", open_end: bool = False) -> bool:
    """Assigned characters; selectors and joiners only where they belong
    (`open_end`: more text may follow, so a final joiner may still fit)."""
    previous = before
    for position, char in enumerate(text):
        if not _valid_char(char):
            return False
        if 0xFE00 <= ord(char) <= 0xFE0F:
            # VS16 and VS15 choose emoji or text style for bases that have both.
            if char not in (VS16, VS15) or not previous or not _is_emoji(previous + VS16):
                return False
        elif char == ZWJ:
            following = text[position + 1 : position + 2]
            if open_end and not following:
                following = "?"
            if not (previous and following and _is_symbol(previous)):
                return False
        elif unicodedata.category(char) == "Mn" and not (previous and previous.isalpha()):
            return False
        previous = char
    return True


def plausible(text: str, before: str = "") -> bool:
    """Could `text` be what the author wrote? Symbols, emoji and the common
    letters alone; other scripts only as a word of two or more letters."""
    if not text or not well_formed(text, before):
        return False
    outside = [char for char in text if not _in_domain(char)]
    if not outside:
        return True
    scripts = Counter(_script_group(char) for char in outside if char.isalpha())
    if len(outside) != sum(scripts.values()):
        return False  # a stray combining mark, modifier or format character
    if "CJK" in scripts:
        # Ideographic punctuation goes with Chinese and Japanese words.
        scripts["CJK"] += sum(1 for char in text if 0x3000 <= ord(char) <= 0x303F
                              or 0xFF01 <= ord(char) <= 0xFF65)
    # One other script, as a word: a jumble of Hangul and Han is no original.
    return len(scripts) == 1 and all(count >= 2 for count in scripts.values())


_JAPANESE_AND_CHINESE = ("CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "IDEOGRAPHIC")


def _script_group(char: str) -> str:
    """Japanese mixes kana and ideographs in one word; the rest by name."""
    key = _script_key(char)
    return "CJK" if key.startswith(_JAPANESE_AND_CHINESE) else key


# -- units: one UTF-8 sequence as it survived the wrong decode ---------------


@dataclass(frozen=True, slots=True)
class ByteSequence:
    start: int  # offsets in the scanned text
    end: int
    lead: int
    present: tuple[int, ...]  # continuation bytes; -1 where a U+FFFD stands
    needed: int

    @property
    def missing(self) -> int:
        return self.needed - len(self.present)

    @property
    def exact(self) -> bool:
        return self.missing == 0 and -1 not in self.present

    def options(self, page: CodePage) -> tuple[str, ...]:
        """Every character this unit may have been, as decoded text."""
        if self.exact:
            try:
                return (bytes([self.lead, *self.present]).decode("utf-8"),)
            except UnicodeDecodeError:
                return ()
        return _lossy_options(self.lead, self.present, self.needed, page.droppable,
                              page.undefined)


@cache
def _lossy_options(lead: int, present: tuple[int, ...], needed: int,
                   droppable: frozenset[int], undefined: frozenset[int]) -> tuple[str, ...]:
    missing = needed - len(present)
    replaced = sorted(byte for byte in undefined if 0x80 <= byte <= 0xBF)
    found: list[str] = []
    for holes in itertools.combinations(range(needed), missing):
        template: list[int | None] = []
        remaining = iter(present)
        for slot in range(needed):
            template.append(None if slot in holes else next(remaining))
        choices = [sorted(droppable) if value is None else (replaced if value < 0 else [value])
                   for value in template]
        for values in itertools.product(*choices):
            try:
                char = bytes([lead, *values]).decode("utf-8")
            except UnicodeDecodeError:
                continue
            if _valid_char(char) and char not in found:
                found.append(char)
    return tuple(found)


def _units(run: str, offset: int, page: CodePage) -> list[ByteSequence | None]:
    """Parse a run as UTF-8 bytes; None marks a character that fits no sequence."""
    values = [-1 if char == REPLACEMENT else page.to_byte[char] for char in run]
    parsed: list[ByteSequence | None] = []
    position = 0
    while position < len(values):
        lead = values[position]
        needed = _needed(lead)
        if needed == 0:
            parsed.append(None)
            position += 1
            continue
        end = position + 1
        while end < len(values) and end - position - 1 < needed and _is_continuation(values[end]):
            end += 1
        present = tuple(values[position + 1 : end])
        parsed.append(ByteSequence(offset + position, offset + end, lead, present, needed))
        position = end
    return parsed


# -- spans --------------------------------------------------------------------


@dataclass(frozen=True)
class Mojibake:
    start: int  # offsets in the scanned text
    end: int
    mangled: str
    candidates: tuple[str, ...]  # best first
    certain: bool  # exact round trip, or exactly one candidate
    code_page: str
    lossy: bool
    layers: int = 1


def _clusters(units: list[ByteSequence | None]) -> Iterator[list[ByteSequence]]:
    current: list[ByteSequence] = []
    for unit in units:
        if unit is None:
            if current:
                yield current
            current = []
        else:
            current.append(unit)
    if current:
        yield current


# Punctuation that sits inside and around ordinary words.
_WORD_PUNCTUATION = frozenset("’‘“”„‚«»‹›…–—·•°\xa0\xad®™©²³¹,.!?;:)]([-'")


def _natural_word(word: str) -> bool:
    """Letters of one script in one of the casings words have."""
    return (bool(word) and word.isalpha() and len({_script_group(char) for char in word}) == 1
            and (word.islower() or word.isupper() or word.istitle()))


def _looks_like_words(mangled: str) -> bool:
    """Words of one script and the punctuation around them (`é…”`, `ß”`,
    `—ü`, `невід’ємним`): ordinary text, whatever it re-encodes to."""
    words = re.findall(r"[^\W\d_]+", mangled)
    rest = re.sub(r"[^\W\d_]+", "", mangled)
    # Several one-letter words glued by symbols (`Ä…Å‚`) are not prose.
    short = len(words) > 1 and any(len(word) < 2 for word in words)
    return (bool(words) and not short and all(_natural_word(word) for word in words)
            and len({_script_group(word[0]) for word in words}) == 1
            and all(char in _WORD_PUNCTUATION for char in rest))


def _mangled_is_bad(mangled: str, before: str, after: str) -> bool:
    from ftfy.badness import badness

    return badness(before + mangled + after) > badness(before + after) or any(
        char == REPLACEMENT or 0x80 <= ord(char) <= 0x9F for char in mangled)


def _word_edge(text: str, start: int, end: int) -> bool:
    """The span touches a letter or digit on either side."""
    return (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum())


def _possible(units: list[ByteSequence], text: str) -> bool:
    """What `_accept` asks of the span itself, checked before the costly readings."""
    start, end = units[0].start, units[-1].end
    mangled = text[start:end]
    if all(not unit.present for unit in units):
        # Bare lead bytes (`â` for a star that lost AD 90): only a repeated one,
        # standing alone; never a letter inside a word.
        return len(units) >= 2 and len(set(mangled)) == 1 and not _word_edge(text, start, end)
    if all(unit.exact for unit in units):
        return True
    # Lossy: at least one sequence is short or holds U+FFFD.
    return len(mangled) >= 2 and not (_looks_like_words(mangled) and REPLACEMENT not in mangled)


def _accept(units: list[ByteSequence], readings: list[str], text: str) -> bool:
    """Given `_possible`: do the readings make the span mojibake?"""
    start, end = units[0].start, units[-1].end
    mangled = text[start:end]
    before, after = text[start - 1 : start], text[end : end + 1]
    if not readings:
        return False
    if all(not unit.present for unit in units):
        return _all_emoji(readings[0])  # bare lead bytes restore to emoji only
    if all(unit.exact for unit in units):
        decoded = readings[0]
        if len(units) == 1 and units[0].needed == 1:
            # Two characters: ftfy's tuned judgement of the pair, or a case flip
            # (`Ä…` for ą) that real text does not make.
            upper_then_mark = mangled[0].isupper() and not mangled[1].isalpha()
            flipped = upper_then_mark and decoded.islower()
            return flipped or _mangled_is_bad(mangled, before, after)
        return not (_looks_like_words(mangled) and not any(_is_symbol(c) for c in decoded))
    return len(mangled) > 2 or all(_is_symbol(char) for char in readings[0])


_TIER_REPERTOIRE = frozenset(
    char for char in bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore")
    if unicodedata.category(char)[0] in "PS")


def _tier(piece: str) -> int:
    """A prior: emoji people use, then Western typography, then other symbols."""
    if _qualified(piece):
        return 3
    if piece in _TIER_REPERTOIRE:
        return 2
    return 1 if all(_is_symbol(char) for char in piece) else 0


def _rank_key(candidate: str, usage: Mapping[str, int]) -> tuple[int, int, int, int]:
    used = sum(usage.get(piece, 0) for piece in emoji_pieces(candidate, letters=True))
    return (-used, *_prior(candidate))


@cache
def _fits(previous: str, choice: str) -> bool:
    return well_formed(choice, previous, open_end=True)


@cache
def _step(previous: str, choice: str) -> tuple[int, int, int]:
    """The prior of `choice` after `previous`: what it adds to a joint reading."""
    switches, tiers, in_domain = _prior(choice)
    if previous and _kind(previous) != _kind(choice[0]):
        switches += 1
    return (switches, tiers, in_domain)


def _kind(char: str) -> str:
    return _script_key(char) if char.isalpha() else "symbol" if _is_symbol(char) else ""


@cache
def _prior(candidate: str) -> tuple[int, int, int]:
    """Without usage counts: one script, then emoji and typography, then the domain."""
    pieces = list(emoji_pieces(candidate, letters=True))
    tiers = sum(_tier(piece) for piece in pieces)
    in_domain = sum(1 for char in candidate if _in_domain(char))
    # Words keep to one script: count the switches between neighbours.
    kinds = [_kind(char) for char in candidate]
    switches = sum(1 for left, right in itertools.pairwise(kinds) if left != right)
    return (switches, -tiers, -in_domain)


def _all_emoji(text: str) -> bool:
    pieces = list(emoji_pieces(text, letters=True))
    return bool(pieces) and "".join(pieces) == text and all(map(_qualified, pieces))


def _qualified(piece: str) -> bool:
    data = _emoji_data().get(piece)
    return bool(data) and data.get("status") == 2  # type: ignore[union-attr]


def _readings(units: list[ByteSequence], options: list[tuple[str, ...]], before: str) -> list[str]:
    """Plausible joint readings of consecutive units, best first."""
    if len(units) > 1 and len({(unit.lead, unit.present) for unit in units}) == 1:
        # The same damaged sequence repeated (a star rating) is one character repeated.
        joint = [choice * len(units) for choice in options[0]]
    elif all(len(choices) == 1 for choices in options):
        joint = ["".join(choices[0] for choices in options)]
    else:
        # Scores add up step by step, so a long cluster costs linear time.
        beam: list[tuple[str, tuple[int, int, int]]] = [("", (0, 0, 0))]
        for choices in options:
            extended = []
            for partial, score in beam:
                previous = partial[-1:] or before
                for choice in choices:
                    if not _fits(previous, choice):
                        continue
                    step = _step(previous, choice)
                    extended.append((partial + choice, (score[0] + step[0], score[1] + step[1],
                                                        score[2] + step[2])))
            if len(extended) > _BEAM:
                extended.sort(key=lambda entry: entry[1])
            beam = extended[:_BEAM]
        joint = [partial for partial, _ in beam]
    joint = [item for item in joint if plausible(item, before)]
    joint.sort(key=_prior)
    return joint


def _unique(options: list[tuple[str, ...]], before: str) -> bool:
    """Exactly one joint reading is plausible, counted over all of them."""
    total = 1
    for choices in options:
        total *= len(choices)
    if total > _EXHAUSTIVE:
        return False
    readings = ("".join(parts) for parts in itertools.product(*options))
    return sum(1 for item in readings if plausible(item, before)) == 1


def _decode_layers(decoded: str) -> tuple[str, int]:
    """Undo double encoding: decode again while the whole text is exact mojibake."""
    layers = 1
    while layers < _MAX_LAYERS:
        inner = [item for item in _scan(decoded) if item.certain and not item.lossy]
        if not inner:
            break
        rebuilt, cursor = [], 0
        for item in inner:
            rebuilt.append(decoded[cursor:item.start])
            rebuilt.append(item.candidates[0])
            cursor = item.end
        rebuilt.append(decoded[cursor:])
        decoded = "".join(rebuilt)
        layers += 1
    return decoded, layers


def _scan(text: str) -> list[Mojibake]:
    found: list[Mojibake] = []
    for page in code_pages():
        for match in page.run.finditer(text):
            for units in _clusters(_units(match.group(), match.start(), page)):
                options = [unit.options(page) for unit in units]
                # Invalid sequences (overlong, surrogate) split the cluster.
                for group in _split_invalid(options):
                    for trial in _trials(group, units):
                        group_units = [units[index] for index in trial]
                        start, end = group_units[0].start, group_units[-1].end
                        if not _possible(group_units, text):
                            continue
                        readings = _readings(group_units, [options[index] for index in trial],
                                             text[start - 1 : start])
                        if not _accept(group_units, readings, text):
                            continue
                        exact = all(unit.exact for unit in group_units)
                        # A cluster that shares its run with characters no sequence
                        # explains may be read through the wrong code page.
                        alone = ((start, end) == (match.start(), match.end())
                                 and _clean_edges(text, start, end))
                        certain = alone and (exact or (
                            len(readings) == 1 and _unique([options[index] for index in trial],
                                                           text[start - 1 : start])))
                        if certain and exact and len(_exact_readings(text[start:end])) > 1:
                            certain = False  # another code page reads it otherwise
                        found.append(Mojibake(start, end, text[start:end],
                                              tuple(readings[:_CANDIDATES_KEPT]), certain,
                                              page.name, not exact))
                        break
    return _resolve(found)


@cache
def _exact_readings(mangled: str) -> frozenset[str]:
    """Every well-formed text some code page turns `mangled` back into,
    plausible or not."""
    found = set()
    for page in code_pages():
        if all(char in page.to_byte for char in mangled):
            try:
                decoded = bytes(page.to_byte[char] for char in mangled).decode("utf-8")
            except UnicodeDecodeError:
                continue
            if well_formed(decoded):
                found.add(decoded)
    return frozenset(found)


def _clean_edges(text: str, start: int, end: int) -> bool:
    """No neighbour that may belong to the span under another reading: a line
    edge, ASCII, a space, or a character no code page produces."""
    return all(not char or char.isascii() or char.isspace() or char not in _any_page_chars()
               for char in (text[start - 1 : start], text[end : end + 1]))


def _trials(group: list[int], units: list[ByteSequence]) -> Iterator[list[int]]:
    """The cluster, then without bare lead bytes at its edges (`São` after
    mojibake is a word, not a lost sequence)."""
    yield group
    trimmed = list(group)
    while trimmed and not units[trimmed[0]].present:
        trimmed.pop(0)
    while trimmed and not units[trimmed[-1]].present:
        trimmed.pop()
    if trimmed and trimmed != group:
        yield trimmed


def _split_invalid(options: list[tuple[str, ...]]) -> Iterator[list[int]]:
    group: list[int] = []
    for index, choices in enumerate(options):
        if choices:
            group.append(index)
        else:
            if group:
                yield group
            group = []
    if group:
        yield group


def _resolve(found: list[Mojibake]) -> list[Mojibake]:
    """One reading per stretch of text: the longest, exact before lossy; code
    pages that read the same stretch differently make it uncertain."""
    found.sort(key=lambda item: (-(item.end - item.start), item.lossy))
    chosen: list[Mojibake] = []
    for item in found:
        overlapping = [other for other in chosen
                       if other.start < item.end and item.start < other.end]
        if not overlapping:
            chosen.append(item)
            continue
        for other in overlapping:
            same = (other.start, other.end) == (item.start, item.end)
            if same and not other.lossy and not item.lossy and \
                    other.candidates[0] != item.candidates[0]:
                merged = other.candidates + tuple(c for c in item.candidates
                                                  if c not in other.candidates)
                chosen[chosen.index(other)] = Mojibake(
                    other.start, other.end, other.mangled, merged[:_CANDIDATES_KEPT], False,
                    other.code_page, other.lossy)
    chosen.sort(key=lambda item: item.start)
    return chosen


def find_mojibake(text: str, usage: Mapping[str, int] | None = None) -> list[Mojibake]:
    """Mojibake spans in one piece of prose, candidates ranked by `usage`
    (counts of emoji and symbols the page and the site use cleanly)."""
    if text.isascii() or _lead_chars().isdisjoint(text):
        return []
    result = []
    for item in _scan(text):
        if item.certain and not item.lossy:
            decoded, layers = _decode_layers(item.candidates[0])
            if layers > 1:
                item = Mojibake(item.start, item.end, item.mangled, (decoded,), True,
                                item.code_page, False, layers)
        elif usage:
            item = Mojibake(item.start, item.end, item.mangled,
                            tuple(rank(item.candidates, usage)), item.certain,
                            item.code_page, item.lossy, item.layers)
        result.append(item)
    return result


# -- usage counts for ranking -------------------------------------------------


# A run of non-ASCII characters with the ASCII character before it: every
# emoji lies inside one (only keycaps start with ASCII: `1️⃣`, `#️⃣`).
_EMOJI_SEGMENT = re.compile(r"[\x00-\x7f]?[^\x00-\x7f]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@cache
def _emoji_starts() -> frozenset[str]:
    """Non-ASCII characters an emoji can start with or contain."""
    return frozenset(char for key in _emoji_data() for char in key if not char.isascii())


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
            if letters or _is_symbol(char):
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


_KEYCAP_BASES = frozenset("0123456789#*")


def count_usage(segments: Mapping[str, int]) -> Counter[str]:
    """Emoji and other non-ASCII characters some clean text uses, for ranking, from
    its `count_segments`: the pieces of a text are the pieces of its segments."""
    counts: Counter[str] = Counter()
    for segment, times in segments.items():
        for piece in emoji_pieces(segment, letters=True):
            counts[piece] += times
    return counts


def rank(candidates: Iterable[str], usage: Mapping[str, int]) -> list[str]:
    """Candidates best first by what the page and site use, then by the prior."""
    return sorted(candidates, key=lambda item: _rank_key(item, usage))


__all__ = ["MAX_SHOWN", "Mojibake", "code_pages", "count_segments", "count_usage", "emoji_pieces",
           "find_mojibake", "plausible", "rank", "well_formed"]
