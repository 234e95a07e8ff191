"""Mojibake: UTF-8 text that was decoded through a single-byte code page.

A UTF-8 character of two to four bytes is a lead byte (C2-F4) followed by
continuation bytes (80-BF). Decoded through cp1252 and its kin every byte
becomes one character, so a suspect run is re-encoded with each code page and
parsed back as UTF-8: what decodes is the candidate original. What decodes may
itself be mojibake (the text was decoded twice): it is decoded again.

Lossy decodes are handled at the byte level. A decoder that skipped the bytes
its code page leaves undefined (cp1252: 81 8D 8F 90 9D), a later tool that
stripped soft hyphens (byte AD), or a decoder that wrote U+FFFD for them, all
leave a sequence with too few or unknown continuation bytes. Every possible
byte is tried at every possible position; the candidates are filtered to text
that fits its neighbours (`natural_text.plausible`). A decoder that passed the
undefined bytes through as C1 controls (latin-1, browsers) lost nothing: the
controls are bytes of the run like any other.

Evidence is weighed per span, never per letter: a lone `â` in `pâte` is
French, `âââââ` between spaces is five stars that lost two bytes each. A span
is reported when its text is not what people write (a letter glued to a symbol,
a word no alphabet spells, a C1 control) and its reading is. A weaker span (one
lead byte inside a word, `RamÃrez`) is reported only on a page that holds
stronger mojibake of the same code page. The page also decides between code
pages that read the same span differently (`Ã®` is `î` in cp1252 and a
combining ogonek in mac_roman): the code page its unambiguous spans use wins.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from operator import itemgetter

from curriculint.checks.encoding.natural_text import (
    REPLACEMENT,
    glued,
    is_mark,
    is_symbol,
    letters_after,
    letters_before,
    odd_words,
    plausible,
    script,
    well_formed,
    word_punctuation,
)
from curriculint.checks.encoding.ranking import (
    all_emoji,
    count_segments,
    count_usage,
    emoji_pieces,
    prior,
    rank,
    step,
)
from curriculint.load.document import Document, per_document

# Tried in this order; the first code pages are the common culprits.
CODE_PAGES: tuple[str, ...] = (
    "cp1252", "cp1254", "latin-1", "cp1250", "cp1251", "cp1253", "cp1257", "mac_roman",
    "cp437",
)

_SOFT_HYPHEN_BYTE = 0xAD
_MAX_LAYERS = 3  # double (and triple) encoding
MAX_SHOWN = 8  # candidates shown in a message, at least
_BEAM = 48  # joint readings kept while reading several lossy sequences
_EXHAUSTIVE = 20000  # joint readings counted to call a lossy span certain
_LOSSY_PER_READING = 8  # lossy sequences read jointly; a longer cluster is read in pieces
_INNER_READS = 24  # candidates of a lossy span read on as mojibake


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
def _stop_chars() -> frozenset[str]:
    return frozenset(char for char in _any_page_chars() if not char.isascii())


def decoded_byte(char: str) -> bool:
    """A non-ASCII character some code page makes of a byte 80-FF."""
    return char in _stop_chars()


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
    from curriculint.checks.encoding.natural_text import valid_char

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
            if valid_char(char) and char not in found:
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
    # Code pages that read the span as candidates[0]; other code pages' readings.
    pages: frozenset[str] = frozenset()
    others: tuple[tuple[str, frozenset[str]], ...] = ()
    # Reported only where the page holds stronger mojibake of the same code pages.
    weak: bool = False
    # Confirmed the same way, and then certain only where it is odd among its
    # neighbours repaired (a half-mangled page keeps clean `AMANHÃ…` and `√π`).
    doubtful: bool = False
    # What candidates[0] may be in turn if the page was decoded twice: readings of
    # it as mojibake too weak to take on their own (`Ä` for č that lost 8D).
    nested: tuple[str, ...] = ()
    nested_sure: bool = False  # one exact reading: certain where the page was decoded twice
    # Lossy spans: each code page's candidates and whether they were certain, for
    # the page to keep those of the code page it uses.
    by_page: tuple[tuple[str, tuple[str, ...], bool], ...] = ()
    # A doubtful span its page did not confirm: it reads as words as it stands,
    # so it may be right as written (a half-mangled page keeps clean `AMANHÃ…`).
    as_written: bool = False
    # Reported only where the page's strong spans show bytes the same code page
    # dropped (a lone `Ï` for ρ, `â³` for ⏳): lone letters no word holds there.
    lost: bool = False
    # ... or, in a formula (`(Ï = 0.6)`, `Ï/(1-Ï)`), where the page holds strong
    # mojibake of the same code page at all.
    formula: bool = False
    # Reported only where the page was decoded twice: a lone inner lead byte.
    lone_inner: bool = False
    # ... or a short span that reads as words as it stands (`ÃÂ²`, в that lost 90).
    inner_word: bool = False
    # A piece of a longer read (`_one_loss_each`): that read's length, which it
    # competes with against other code pages' readings of the same text.
    whole: int = 0


@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    start: int
    end: int

    @property
    def before(self) -> str:
        """The letters touching the span from the left, up to one that may be
        mojibake itself (a neighbour's bytes would make every reading odd)."""
        return letters_before(self.text, self.start, _stop_chars())

    @property
    def after(self) -> str:
        return letters_after(self.text, self.end, _stop_chars())

    @property
    def left(self) -> str:
        """The letters touching the span from the left, as they stand."""
        return letters_before(self.text, self.start)

    @property
    def right(self) -> str:
        return letters_after(self.text, self.end)

    @property
    def previous(self) -> str:
        return self.text[self.start - 1 : self.start]


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


def _pieces(group: list[int], units: list[ByteSequence], options: list[tuple[str, ...]],
            page: CodePage) -> Iterator[list[int]]:
    """A cluster in pieces of at most `_LOSSY_PER_READING` lossy sequences: reading
    jointly costs time with each one, and real mojibake never chains so many.
    A piece ends before a sequence that decodes to a lead byte where one does:
    on text decoded twice (`Ã¢â€â‚¬` for ─, box drawing), the cut then falls
    between the inner characters, and each piece reads on whole."""
    piece: list[int] = []
    lossy = 0
    for index in group:
        if not units[index].exact:
            if lossy == _LOSSY_PER_READING:
                cut = max((at for at in range(1, len(piece)) if _starts_inner(
                    options[piece[at]], page)), default=len(piece))
                yield piece[:cut]
                piece = piece[cut:]
                lossy = sum(not units[at].exact for at in piece)
            lossy += 1
        piece.append(index)
    if piece:
        yield piece


def _starts_inner(choices: tuple[str, ...], page: CodePage) -> bool:
    """A sequence every reading of which is a lead byte (in shape: C0 and C1
    lead only overlong forms) of the same code page:
    where an inner character starts, if the text was decoded twice (`Ã` short
    of 90 is Ð, Ï, Ý...: the lead byte of a Cyrillic or Greek letter)."""
    return bool(choices) and all(len(choice) == 1 and page.to_byte.get(choice, 0) >= 0xC0
                                 for choice in choices)


def _combining_lead(choices: tuple[str, ...], page: CodePage) -> bool:
    """A sequence that reads only as the lead byte of a combining mark (CC, CD:
    U+0300-U+036F): in NFD text its base is the inner character before."""
    return bool(choices) and all(page.to_byte.get(choice) in (0xCC, 0xCD) for choice in choices)


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


@cache
def _fits(previous: str, choice: str) -> bool:
    return well_formed(choice, previous, open_end=True)


def _readings(options: list[tuple[str, ...]], context: _Context, open_end: bool = False
              ) -> list[str]:
    """Plausible joint readings of consecutive units, best first (`open_end`: the
    text goes on after the scanned text, unknown)."""
    before, after, previous = context.before, context.after, context.previous
    open_end = open_end and context.end == len(context.text)
    joint = [item for item in _joint(options, previous)
             if plausible(item, before, after, previous, open_end)]
    joint.sort(key=prior)
    return joint


def _joint(options: list[tuple[str, ...]], previous: str) -> list[str]:
    return ["".join(parts) for parts in _joint_parts(options, previous)]


def _joint_parts(options: list[tuple[str, ...]], previous: str) -> list[tuple[str, ...]]:
    return list(_joint_parts_of(tuple(options), previous))


_SCORE_BASE = 1 << 32  # a step's three scores packed in one int, compared as the tuple


def _packed(score: tuple[int, int, int]) -> int:
    return (score[0] * _SCORE_BASE + score[1]) * _SCORE_BASE + score[2]


@lru_cache(maxsize=4096)  # a span's readings are asked for by several passes
def _joint_parts_of(options: tuple[tuple[str, ...], ...], previous: str
                    ) -> tuple[tuple[str, ...], ...]:
    """Well-formed joint readings of consecutive units, unit by unit, by the
    prior (a beam)."""
    if len(options) > 1 and len(set(options)) == 1 and len(options[0]) > 1:
        # The same damaged sequence repeated (a star rating) is one character repeated.
        return tuple((choice,) * len(options) for choice in options[0])
    if all(len(choices) == 1 for choices in options):
        return (tuple(choices[0] for choices in options),)
    # Scores add up step by step, so a long cluster costs linear time; one lossy
    # unit keeps every option. A reading is a chain of (earlier, choice) links,
    # joined at the end, and the steps after each last character are scored once.
    widths = [len(choices) for choices in options if len(choices) > 1]
    width = max(_BEAM, widths[0]) if len(widths) == 1 else _BEAM
    Link = tuple[object, str] | None
    beam: list[tuple[int, Link, str]] = [(0, None, previous)]
    for choices in options:
        steps: dict[str, list[tuple[str, int]]] = {}
        extended: list[tuple[int, Link, str]] = []
        for score, link, last in beam:
            after = steps.get(last)
            if after is None:
                after = steps[last] = [(choice, _packed(step(last, choice)))
                                       for choice in choices if _fits(last, choice)]
            extended += [(score + add, (link, choice), choice[-1:])
                         for choice, add in after]
        if len(extended) > width:
            extended.sort(key=itemgetter(0))
            # Every last character keeps its best reading too: what may follow
            # depends on it alone (a kana that lost a byte, scored below the
            # symbols it could also be, is the only base its voiced mark fits).
            beam = extended[:width]
            kept = {last for _, _, last in beam}
            for entry in extended[width:]:
                if entry[2] not in kept:
                    kept.add(entry[2])
                    beam.append(entry)
        else:
            beam = extended
    readings = []
    for _, link, _ in beam:
        parts: list[str] = []
        while link is not None:
            link, choice = link  # type: ignore[assignment]
            parts.append(choice)
        readings.append(tuple(reversed(parts)))
    return tuple(readings)


def _unique(options: list[tuple[str, ...]], context: _Context) -> bool:
    """Exactly one joint reading is plausible, counted over all of them."""
    total = 1
    for choices in options:
        total *= len(choices)
    if total > _EXHAUSTIVE:
        return False
    before, after, previous = context.before, context.after, context.previous
    readings = ("".join(parts) for parts in itertools.product(*options))
    return sum(1 for item in readings if plausible(item, before, after, previous)) == 1


def _mangled_is_bad(mangled: str, context: _Context) -> bool:
    from ftfy.badness import badness

    before, after = context.text[context.start - 1 : context.start], \
        context.text[context.end : context.end + 1]
    return badness(before + mangled + after) > badness(before + after)


def _broken(mangled: str) -> bool:
    """A C1 control or U+FFFD: no writer types those."""
    return any(char == REPLACEMENT or 0x80 <= ord(char) <= 0x9F for char in mangled)


def _odd(mangled: str, context: _Context) -> bool:
    """The span is not what people write: a letter glued to a symbol, or a word
    no alphabet spells in a casing words have."""
    return glued(context.previous + mangled + context.text[context.end : context.end + 1]) or \
        odd_words(context.left + mangled + context.right)


def _looks_like_words(mangled: str, context: _Context) -> bool:
    """Words of one script and the punctuation around them (`é…”`, `ß”`,
    `—ü`, `невід’ємним`): ordinary text, whatever it re-encodes to."""
    rest = [char for char in mangled if not char.isalpha()]
    return not _odd(mangled, context) and all(word_punctuation(char) for char in rest)


def _composes(previous: str, decoded: str) -> bool:
    """A diacritic that makes one letter with the letter before it (`NAÃÉO`,
    `OÌ‚`: NFD text decoded): a word never spells the pair that stands for it."""
    return is_mark(decoded) and previous.isalpha() and \
        len(unicodedata.normalize("NFC", previous + decoded)) == 1


def _word_edge(context: _Context) -> bool:
    """The span touches a letter or digit on either side."""
    text = context.text
    return (context.start > 0 and text[context.start - 1].isalnum()) or (
        context.end < len(text) and text[context.end].isalnum())


# Letters that are words on their own (à, é, ó; Swedish å and ö): a lone one
# is text, whatever a lost byte could make of it.
_LONE_WORDS = frozenset("àáèéìíòóùúåöøÀÉÅÖØÜÑ")


def _lost_alone(units: list[ByteSequence], context: _Context) -> bool:
    """A lone lead byte no word holds (`(Ï = 0.6)`, `â **Expert**`: ρ and ⭐ that
    lost their continuation bytes), or an accented letter that starts a word
    and a superscript after it (`â³)`: ⏳ that lost 8F); no letter touches it.
    Mojibake only on a page that shows the same code page dropping bytes."""
    if context.left or context.right or len(units) != 1:
        return False
    mangled = context.text[context.start : context.end]
    if len(mangled) == 1:
        return not units[0].present and mangled not in _LONE_WORDS
    # (or a dash, a quote glued to it, which reads as a word and its punctuation:
    # `â—`, ● that lost 8F; elsewhere a span that reads so is not reported at all)
    return len(mangled) == 2 and mangled[0].isalpha() and mangled[0].islower() and \
        len(units[0].present) == 1 and (mangled[1] in "¹²³" or (
            mangled[0] not in _LONE_WORDS and not mangled[1].isalnum() and
            _looks_like_words(mangled, context)))


_OPERATORS = frozenset("=+-*/^<>")


def _in_formula(context: _Context) -> bool:
    """The span is a variable of a formula: an operator or an opening bracket
    before it, an operator or a closing bracket after it (spaces between)."""
    before = context.text[: context.start].rstrip()[-1:]
    after = context.text[context.end :].lstrip()[:1]
    return (bool(before) and before in _OPERATORS | {"("}) or (
        bool(after) and after in _OPERATORS | {")"})


def _judge(units: list[ByteSequence], readings: list[str], context: _Context) -> str | None:
    """'strong'; 'weak' (a page holding strong mojibake confirms it); 'doubtful'
    (confirmed the same way, and never certain); 'lost' (a page whose strong
    spans lost bytes through the same code page confirms it); or None."""
    mangled = context.text[context.start : context.end]
    decoded = readings[0]
    if _lost_alone(units, context):
        return "lost"
    if all(not unit.present for unit in units):
        # Bare lead bytes (`â` for a star that lost AD 90): a repeated one standing
        # alone, that restores to emoji; or one inside a word it makes odd.
        if len(units) >= 2 and len(set(mangled)) == 1 and not _word_edge(context):
            return "strong" if all_emoji(decoded) else None
        if len(units) == 1 and context.left and context.right and decoded.isalpha() and \
                odd_words(context.left + mangled + context.right, plain_letters=False):
            return "weak"  # (a letter that makes the word natural: `RamÃrez`, Ramírez)
        return None
    if _broken(mangled):
        return "strong"
    if all(unit.exact for unit in units):
        if len(units) == 1 and units[0].needed == 1:
            # Two characters: ftfy's tuned judgement of the pair, a case flip
            # (`Ä…` for ą) that real text does not make, or an odd pair.
            upper_then_mark = mangled[0].isupper() and not mangled[1].isalpha()
            flipped = upper_then_mark and decoded.islower() and script(decoded) == "LATIN"
            if flipped or _odd(mangled, context) or _composes(context.previous, decoded):
                return "strong"
            if _mangled_is_bad(mangled, context):
                # ftfy's judgement of a pair that still reads as words (`AMANHÃ…`,
                # `IRMÃ”`, `10 Å²`): mojibake where the page holds more of it, and
                # even there maybe a word a half-mangled page kept clean.
                return "doubtful"
            # Two symbols that could be a formula (`¬π`, `√Ω`) and restore to a
            # Latin-1 character: mojibake where the page holds more of it.
            # (a no-break space as the second byte, `Å\xa0iauliai` for Šiauliai, only
            # where a word follows it.)
            spaced = mangled[1] == "\xa0" and context.right
            if (spaced or not any(char.isspace() or char.isascii() for char in mangled)) and (
                    0xA0 <= ord(decoded) <= 0x17F or decoded.isalpha() or is_mark(decoded)):
                return "doubtful"
            return None
        if _looks_like_words(mangled, context) and not any(is_symbol(c) for c in decoded):
            # A letter and the quotes after it (`Thá»‹` for Thị) read as words:
            # mojibake where the page holds more of it (`está»…` is Portuguese).
            return "doubtful"
        return "strong"
    # Lossy: at least one sequence is short or holds U+FFFD.
    if len(mangled) < 2 or _looks_like_words(mangled, context):
        return None
    if len(mangled) > 2 or all(is_symbol(char) for char in decoded):
        return "strong"
    return "weak" if _odd(mangled, context) else None


def _clean_edges(text: str, start: int, end: int) -> bool:
    """No neighbour that may belong to the span under another reading: a line
    edge, ASCII, a space, or a character no code page produces."""
    return all(not char or char.isascii() or char.isspace() or char not in _any_page_chars()
               for char in (text[start - 1 : start], text[end : end + 1]))


def _possible(units: list[ByteSequence], context: _Context) -> bool:
    """What `_judge` asks of the span itself, checked before the costly readings."""
    mangled = context.text[context.start : context.end]
    if _lost_alone(units, context):
        return True
    if all(not unit.present for unit in units):
        if len(units) >= 2:
            return len(set(mangled)) == 1 and not _word_edge(context)
        return bool(context.left and context.right) and odd_words(
            context.left + mangled + context.right, plain_letters=False)
    if all(unit.exact for unit in units) or _broken(mangled):
        return True
    return len(mangled) >= 2 and not _looks_like_words(mangled, context)


def _read(units: list[ByteSequence], options: list[tuple[str, ...]], text: str,
          page: CodePage, alone: bool, depth: int, open_end: bool = False) -> Mojibake | None:
    context = _Context(text, units[0].start, units[-1].end)
    if not _possible(units, context):
        return _inner_word(units, options, context, page) if depth == 0 else None
    readings = _readings(options, context, open_end)
    exact = all(unit.exact for unit in units)
    lossy, layers, verdict = not exact, 1, None
    nested: tuple[str, ...] = ()
    nested_sure = False
    if not exact and depth == 0:
        # Lost bytes in the second decode of text decoded twice: read each
        # candidate on (`Ã¢â‚¬â€` is `â€` and a lost 9D, `â€”`, an em dash). Only
        # the outer layer's losses are read on this way: the inner layer's would
        # multiply the readings per layer (seconds per line of CJK decoded twice).
        inner_readings, inner_layers = _decode_candidates(
            _joint(options, context.previous), context, depth,
            _same_bytes(page.name, text[context.start : context.end]))
        characters = None
        # (or where it fits, but starts with what can only be an inner character's
        # lead byte: `Ãâ€“` reads `Á–` as it stands, and on `Ð–`, Ж that lost 90)
        if inner_readings or not readings or _odd_text(readings[0], context) or \
                _starts_inner(options[0], page):
            characters = _inner_characters(units, options, text, page, depth)
        if characters is not None and len(characters[0]) > 1:
            # The losses of separate inner characters combine into more joint
            # readings than are read on (`Ã¢â€â‚¬` five times for ─────, `ÃÂ°` for
            # а that lost 90): read on each inner character too.
            by_character = ["".join(parts) for parts in _combined(characters[0], context)]
            if by_character and not inner_readings:
                # Readings that fit as they stand stay candidates (never certain then).
                inner_layers = characters[1]
                by_character += [item for item in readings if not _odd_text(item, context)]
            inner_readings += [item for item in by_character if item not in inner_readings]
        elif characters is not None and not inner_readings and readings:
            # One inner character, and a reading as it stands fits: what it reads on
            # to is a doubt, for a page decoded twice (`Ã¢â€â€š`, │ that lost 9D).
            nested = tuple(characters[0][0][2])
        if inner_readings:
            readings, layers = inner_readings, inner_layers + 1
    if exact and depth < _MAX_LAYERS:
        inner = _decode_again("".join(option[0] for option in options),
                              context.before or context.previous, context.after, depth,
                              outer=_same_bytes(page.name, text[context.start : context.end]))
        if inner is not None:
            inner_readings, inner_lossy, inner_layers, level = inner
            # Read on where the inner mojibake stands on its own, or where the
            # first decode leaves text nobody writes (`â€™` after `Ã¢â‚¬â„¢`, `áº¿`
            # for ế). Otherwise the page decides (`√π` is fine, unless the page
            # was decoded twice).
            if level == "strict" or (level == "relaxed" and (
                    not readings or _odd_text(readings[0], context))):
                readings, lossy, layers = inner_readings, inner_lossy, inner_layers + 1
                verdict = "strong" if level == "strict" else None
            else:
                nested = tuple(inner_readings)
                nested_sure = level == "relaxed" and not inner_lossy and len(nested) == 1
    if not readings and exact and depth == 0:
        return _lone_inner(units, options, context, page)
    if not readings:
        return None
    verdict = verdict or _judge(units, readings, context)
    if verdict is None:
        return None
    mangled = text[context.start : context.end]
    alone = alone and _clean_edges(text, context.start, context.end)
    if layers > 1:
        certain = alone and len(readings) == 1
    else:
        certain = alone and (exact or (len(readings) == 1 and _unique(options, context)))
    return Mojibake(context.start, context.end, mangled, tuple(readings), certain, page.name,
                    lossy, layers, frozenset({page.name}), (), verdict != "strong",
                    verdict == "doubtful", nested, nested_sure,
                    ((page.name, tuple(readings), certain),) if lossy else (),
                    lost=verdict == "lost", formula=verdict == "lost" and _in_formula(context))


# The lead bytes a first decode's UTF-8 starts with: Latin-1 letters and
# symbols, and cp1252's own (Œ, ƒ, ˆ, the quotes, dashes and the euro sign).
_OUTER_LEADS = frozenset({0xC2, 0xC3, 0xC5, 0xC6, 0xCB, 0xE2})


def _inner_word(units: list[ByteSequence], options: list[tuple[str, ...]], context: _Context,
                page: CodePage) -> Mojibake | None:
    """A short lossy span of a second decode that reads as words as it stands
    (`ÃÂ²`: Ã and Â² are letters and a superscript) but reads on, strictly, to a
    letter: в that lost 90 to cp1252 in the second of two decodes, a word of
    its own in Russian. Kept only where the page was decoded twice (`inner_word`)."""
    if len(units) < 2 or all(unit.exact for unit in units) or \
            not all(unit.lead in _OUTER_LEADS for unit in units):
        return None
    mangled = context.text[context.start : context.end]
    outer = _same_bytes(page.name, mangled)
    found: dict[str, int] = {}
    for reading in _joint(options, context.previous)[:_INNER_READS]:
        inner = _decode_again(reading, context.before or context.previous, context.after, 0,
                              outer=outer)
        if inner is not None and inner[3] == "strict":
            for item in inner[0]:
                found.setdefault(item, inner[2] + 1)
    if not found:
        return None
    readings = tuple(sorted(found, key=prior))
    return Mojibake(context.start, context.end, mangled, readings, False, page.name, True,
                    max(found.values()), frozenset({page.name}), weak=True, inner_word=True)


def _lone_inner(units: list[ByteSequence], options: list[tuple[str, ...]], context: _Context,
                page: CodePage) -> Mojibake | None:
    """Intact sequences whose characters fit nowhere (`ÃŒ`, Ì inside `zdarzenÌ`):
    maybe lone lead bytes that lost their continuation bytes in the first of two
    decodes (ń in NFD, n and CC 81, that lost 81; `ÃŒÃ…`, ́Ł of NFD `ÓŁ`, each
    short of its 81). Only a page decoded twice
    reads it on (`_read_lone_inner`): most pages never need the loose scan."""
    if not all(len(choices[0]) == 1 and choices[0] in _lead_chars() for choices in options):
        return None
    return Mojibake(context.start, context.end, context.text[context.start : context.end],
                    ("".join(choices[0] for choices in options),), False, page.name, True, 1,
                    frozenset({page.name}), weak=True, lone_inner=True)


def _read_lone_inner(item: Mojibake, line: str) -> Mojibake | None:
    """A `_lone_inner` span on a page decoded twice, read on loosely; never certain."""
    context = _Context(line, item.start, item.end)
    inner = _decode_again(item.candidates[0], context.before or context.previous,
                          context.after, 0, loose=True,
                          outer=_same_bytes(item.code_page, item.mangled))
    if inner is None or inner[3] != "loose":
        return None
    return replace(item, candidates=tuple(inner[0]), layers=inner[2] + 1, weak=False,
                   lone_inner=False)


def _decode_candidates(readings: list[str], context: _Context, depth: int,
                       outer: frozenset[str]) -> tuple[list[str], int]:
    """The candidates of a lossy span where some read on as mojibake (text decoded
    twice, bytes lost in the second decode), best first: a candidate that fits
    but is mojibake on its own read on (`â”‚`, │); then candidates that fit
    (`íš` in `píše`); then odd candidates read on (`Ï€`, π)."""
    tiers: tuple[list[tuple[str, int]], ...] = ([], [], [])
    before, after, previous = context.before, context.after, context.previous
    for reading in readings[:_INNER_READS]:
        odd = _odd_text(reading, context)
        inner = _decode_again(reading, before or previous, after, depth, outer=outer)
        if not odd and inner is not None and inner[3] == "strict":
            tiers[0].extend((item, inner[2] + 1) for item in inner[0])
        elif not odd and plausible(reading, before, after, previous):
            tiers[1].append((reading, 1))
        elif odd and inner is not None:
            tiers[2].extend((item, inner[2] + 1) for item in inner[0])
    final: dict[str, int] = {}
    for tier in tiers:
        for item, layers in sorted(tier, key=lambda entry: prior(entry[0])):
            final.setdefault(item, layers)
    if not final or next(iter(final.values())) == 1:
        return [], 0
    if len(final) > 1:
        # Uncertain anyway: the readings as they stand that read on stay last
        # candidates (`Ã�â€¦` is υ or Ѕ decoded twice, or Á… that lost 81 once).
        for reading in readings[:_INNER_READS]:
            if _odd_text(reading, context) and plausible(reading, before, after, previous):
                final.setdefault(reading, 1)
    return list(final), next(iter(final.values())) - 1


def _combined(groups: list[tuple[int, int, list[str]]], whole: _Context
              ) -> list[tuple[str, ...]]:
    """Plausible joint readings of inner characters, by the prior: a beam scored
    step by step as `_joint_parts_of` does (the prior of every whole costs a
    tokenization each), the survivors ordered by the prior."""
    before, after, previous = whole.before, whole.after, whole.previous
    beam: list[tuple[int, tuple[str, ...]]] = [(0, ())]
    for _, _, readings in groups:
        extended = [(score + _packed(step(parts[-1][-1:] if parts else previous, tail)),
                     (*parts, tail)) for score, parts in beam for tail in readings]
        if len(extended) > _BEAM:
            extended.sort(key=itemgetter(0))
        beam = extended[:_BEAM]
    combined = sorted((parts for _, parts in beam), key=lambda parts: prior("".join(parts)))
    return [parts for parts in combined if plausible("".join(parts), before, after, previous)]


def _inner_characters(units: list[ByteSequence], options: list[tuple[str, ...]], text: str,
                      page: CodePage, depth: int
                      ) -> tuple[list[tuple[int, int, list[str]]], int] | None:
    """The inner characters of a cluster as (first unit, end unit, readings best
    first), and the layers undone; None unless every one reads on."""
    return _inner_characters_of(tuple(units), tuple(options), text, page.name, depth)


@lru_cache(maxsize=1024)  # asked for by the read and again by the pieces
def _inner_characters_of(units: tuple[ByteSequence, ...], options: tuple[tuple[str, ...], ...],
                         text: str, name: str, depth: int
                         ) -> tuple[list[tuple[int, int, list[str]]], int] | None:
    page = next(page for page in code_pages() if page.name == name)
    starts = [index for index in range(1, len(units)) if _starts_inner(options[index], page)]
    bounds = list(itertools.pairwise([0, *starts, len(units)]))
    found: list[dict[str, None]] = []
    layers = 0
    for loose in (False, True):
        for at, (low, high) in enumerate(bounds):
            if at < len(found) and found[at]:
                continue
            if loose and high - low > 1:
                return None
            context = _Context(text, units[low].start, units[high - 1].end)
            readings: dict[str, None] = {}
            same = _same_bytes(name, text[context.start : context.end])
            before = context.before or context.previous
            if at and found[at - 1]:
                # Inside the run, the symbol a joiner or a selector follows is the
                # inner character before, read on (an emoji), not a byte of the
                # outer layer. (Letters keep their words as they were read.)
                last = min(found[at - 1], key=prior)[-1:]
                if (is_symbol(last) and not decoded_byte(last)) or \
                        _combining_lead(options[low], page):
                    before = last
            if at and not context.before and before == context.previous:
                # No letter touches it: the outer character before is a byte of
                # the inner one before, no text of the inner layer (`œ` of `â€œ`
                # for ｓ would read with the lead byte after it, `œï` as ϕ).
                before = ""
            for reading in _joint(list(options[low:high]), context.previous):
                inner = _decode_again(reading, before, context.after, depth,
                                      loose=loose and len(reading) == 1, outer=same,
                                      open_end=high < len(units))
                if inner is not None:
                    readings.update(dict.fromkeys(inner[0]))
                    layers = max(layers, inner[2])
            if not readings and all(unit.exact for unit in units[low:high]):
                # Every byte of the inner character is there: it is what its bytes
                # decode to, even where it cannot stand alone (`ー`, a kana's
                # long vowel); whether it fits is judged with its neighbours.
                readings = dict.fromkeys(_exact_inner(_joint(list(options[low:high]), ""),
                                                      page))
                layers = max(layers, 1) if readings else layers
            if not readings and high - low > 1:
                return None  # (only a lone lead byte may read on loosely)
            if at < len(found):
                found[at] = readings
            else:
                found.append(readings)
        failed = sum(1 for readings in found if not readings)
        if not failed:
            break
        if failed * 2 > len(found):
            return None
        # A lone lead byte among inner characters that read on is one that lost its
        # continuation bytes in the first decode (`Ã‘` for с, D1 81; `Ã` for ρ,
        # CF 81, that lost 8F in the second too): its readings as such count,
        # where most of its neighbours read on without.
    return [(low, high, sorted(readings, key=prior))
            for (low, high), readings in zip(bounds, found, strict=True)], layers


def _exact_inner(readings: list[str], page: CodePage) -> list[str]:
    """The characters `readings` (of one inner character, all its bytes there)
    make through `page` by an exact round trip."""
    from curriculint.checks.encoding.natural_text import valid_char

    found = []
    for reading in readings:
        if not all(char in page.to_byte for char in reading):
            continue
        try:
            decoded = bytes(page.to_byte[char] for char in reading).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if len(decoded) == 1 and valid_char(decoded):
            found.append(decoded)
    return found


def _one_inner_loss_each(item: Mojibake, units: list[ByteSequence],
                         options: list[tuple[str, ...]], text: str, page: CodePage
                         ) -> list[Mojibake]:
    """`_one_loss_each` for text decoded twice: a span whose inner characters lost
    bytes in several places (повторяется, я and с short of 8F and 81), in pieces
    of one such character each, cut between inner characters."""
    if item.certain or item.layers < 2 or not item.lossy or len(item.candidates) <= MAX_SHOWN:
        return [item]
    inner = _inner_characters(units, options, text, page, 0)
    if inner is None:
        return [item]
    groups = inner[0]
    context = _Context(text, units[0].start, units[-1].end)
    before, after, previous = context.before, context.after, context.previous
    joint = _combined(groups, context)
    if not joint:
        return [item]
    best = joint[0]
    # A character is uncertain where another of its readings fits as well: in
    # the best reading of the rest, no more switches of script (с or я; not Ϳ
    # for п in повторяется).
    scored_at: dict[int, list[tuple[tuple[int, int, int, int], str, tuple[str, ...]]]] = {}
    switches = prior("".join(best))[0]
    for index, (_, _, readings) in enumerate(groups):
        for choice in readings:
            parts = (*best[:index], choice, *best[index + 1 :])
            whole = "".join(parts)
            if plausible(whole, before, after, previous):
                scored_at.setdefault(index, []).append((prior(whole), choice, parts))
    uncertain = [index for index, scored in scored_at.items()
                 if sum(1 for key, _, _ in scored if key[0] <= switches) > 1]
    if len(uncertain) < 2:
        return [item]
    bounds = [0, *(index + 1 for index in uncertain[:-1]), len(groups)]
    pieces = []
    for (low, high), lost in zip(itertools.pairwise(bounds), uncertain, strict=True):
        candidates = tuple(dict.fromkeys("".join(parts[low:high])
                                         for _, _, parts in sorted(scored_at[lost])))
        if not candidates:
            return [item]
        start, end = units[groups[low][0]].start, units[groups[high - 1][1] - 1].end
        pieces.append(replace(item, start=start, end=end, mangled=text[start:end],
                              whole=max(item.whole, item.end - item.start),
                              candidates=candidates, others=(), nested=(),
                              by_page=((item.code_page, candidates, False),)))
    return pieces


def _odd_text(text: str, context: _Context) -> bool:
    """`text` in place of the span would still be text nobody writes."""
    following = context.text[context.end : context.end + 1]
    return _broken(text) or glued(context.previous + text + following) or \
        odd_words(context.left + text + context.right)


@cache
def _same_bytes(name: str, span: str) -> frozenset[str]:
    """The code pages that make the same bytes of `span` as code page `name`
    (cp1252 and latin-1 both make C3 A2 C2 AD of `Ã¢Â\xad`)."""
    pages = {page.name: page for page in code_pages()}

    def raw(page: CodePage) -> tuple[int, ...] | None:
        if not all(char == REPLACEMENT or char in page.to_byte for char in span):
            return None
        return tuple(-1 if char == REPLACEMENT else page.to_byte[char] for char in span)

    return frozenset(other for other, page in pages.items() if raw(page) == raw(pages[name]))


def _decode_again(decoded: str, before: str, after: str, depth: int, loose: bool = False,
                  outer: frozenset[str] = frozenset(), open_end: bool = False
                  ) -> tuple[list[str], bool, int, str] | None:
    """`decoded` (between the letters `before` and `after`) read as mojibake once
    more, text decoded twice: the readings of the whole, whether bytes were lost,
    how many more layers were undone, and how the inner mojibake was found:
    "strict" (it would be reported on its own), "relaxed" (a reading of every
    sequence that fits: enough for a span that is mojibake anyway), "loose"
    (lone lead bytes too: only a doubt). Only a reading of all its non-ASCII
    characters counts: box drawing that cp437 reads in part is final. Inner
    lossy spans keep the readings of the `outer` code pages if they read them
    (those that make the same bytes of the outer span, `_same_bytes`):
    text decoded twice went through the same one twice (`Ä�` is č that lost
    8D to cp1252, not ă that lost 83 to cp1250). `open_end`: more inner characters
    follow `decoded` (a joiner at its end may join them)."""
    found = _found_again(decoded, before, after, depth, loose, open_end)
    if found is None:
        return None
    items = found[0]
    if outer and any(len(item.by_page) > 1 for item in items):
        narrowed = tuple(_narrow(item, outer) for item in items)
        if any(new is not old for new, old in zip(narrowed, items, strict=True)):
            return _joined_again(narrowed, *found[1:])
    return _joined_again(*found)


@cache
def _found_again(decoded: str, before: str, after: str, depth: int, loose: bool,
                 open_end: bool = False
                 ) -> tuple[tuple[Mojibake, ...], str, int, int, str] | None:
    """The spans of `_decode_again` (cached: the code pages of the outer span only
    narrow them), with the text, where `decoded` is in it, and the level."""
    if decoded.isascii() or _lead_chars().isdisjoint(decoded):
        return None
    text = before + decoded + after
    low, high = len(before), len(before) + len(decoded)
    for level in ("strict", "relaxed", "loose") if loose else ("strict", "relaxed"):
        found = [item for item in _scan(text, depth + 1, level, open_end and not after)
                 if low <= item.start and item.end <= high and not item.weak]
        covered = {offset for item in found for offset in range(item.start, item.end)}
        if found and all(text[offset].isascii() or offset in covered
                         for offset in range(low, high)):
            return tuple(found), text, low, high, level
    return None


@lru_cache(maxsize=4096)
def _joined_again(found: tuple[Mojibake, ...], text: str, low: int, high: int, level: str
                  ) -> tuple[list[str], bool, int, str]:
    readings = [""]
    cursor = low
    for item in found:
        plain = text[cursor:item.start]
        readings = [reading + plain + candidate for reading in readings
                    for candidate in item.candidates][:_BEAM]
        cursor = item.end
    readings = [reading + text[cursor:high] for reading in readings]
    lossy = any(item.lossy for item in found)
    return readings, lossy, max(item.layers for item in found), level


def _scan(text: str, depth: int = 0, level: str = "strict", open_end: bool = False
          ) -> list[Mojibake]:
    found: list[Mojibake] = []
    for page in code_pages():
        for match in page.run.finditer(text):
            for units in _clusters(_units(match.group(), match.start(), page)):
                options = [unit.options(page) for unit in units]
                # Invalid sequences (overlong, surrogate) split the cluster.
                for whole in _split_invalid(options):
                    # Pieces of one cluster compete with other code pages' readings
                    # by the cluster's length (`_resolve`).
                    extent = units[whole[-1]].end - units[whole[0]].start
                    pending = list(_pieces(whole, units, options, page))
                    while pending:
                        group = pending.pop()
                        item = None
                        for trial in _trials(group, units):
                            group_units = [units[index] for index in trial]
                            alone = (group_units[0].start, group_units[-1].end) == (
                                match.start(), match.end())
                            trial_options = [options[index] for index in trial]
                            if level == "strict":
                                item = _read(group_units, trial_options, text, page, alone,
                                             depth, open_end)
                            else:
                                item = _read_inner(group_units, trial_options, text, page,
                                                   level == "loose", open_end)
                            if item is not None:
                                found += [piece if piece.whole >= extent or
                                          piece.end - piece.start == extent
                                          else replace(piece, whole=extent)
                                          for part in _one_loss_each(
                                              item, group_units, trial_options, text)
                                          for piece in (_one_inner_loss_each(
                                              part, group_units, trial_options, text, page)
                                              if depth == 0 else [part])]
                                break
                        if item is None and sum(not units[index].exact for index in group) > 1:
                            # Several lost bytes no joint reading explains: the beam
                            # may have dropped it, so read each half on its own.
                            # (at an inner character's start if one is near: text
                            # decoded twice)
                            middle = min(
                                range(1, len(group)), key=lambda at: (not _starts_inner(
                                    options[group[at]], page), abs(2 * at - len(group))))
                            pending += [group[:middle], group[middle:]]
    return _resolve(found, text)


# Per lost sequence (its index), its readings in the best reading of the rest:
# (the prior of the whole, the whole's parts).
_Apart = dict[int, list[tuple[tuple[int, int, int, int], tuple[str, ...]]]]


def _one_loss_each(item: Mojibake, units: list[ByteSequence],
                   options: list[tuple[str, ...]], text: str) -> list[Mojibake]:
    """A span whose lost bytes leave more joint readings than a message lists, in
    pieces of one damaged sequence each (with the intact ones before it): a
    message lists the readings of one lost byte, where a dozen combinations of
    three rarely hold the right one. Each piece is read in the best reading of
    the rest, so it still fits its neighbours (a joiner after an emoji)."""
    lossy_at = [index for index, unit in enumerate(units) if not unit.exact]
    if item.certain or item.layers > 1 or len(lossy_at) < 2 or len(set(options)) == 1:
        return [item]
    context = _Context(text, units[0].start, units[-1].end)
    before, after, previous = context.before, context.after, context.previous
    joint = [parts for parts in _joint_parts(options, previous)
             if plausible("".join(parts), before, after, previous)]
    if not joint:
        return [item]
    best = min(joint, key=lambda parts: prior("".join(parts)))
    # Each lost sequence's readings in the best reading of the rest.
    apart: _Apart = {lost: [] for lost in lossy_at}
    for lost in lossy_at:
        for choice in options[lost]:
            parts = (*best[:lost], choice, *best[lost + 1 :])
            whole = "".join(parts)
            if plausible(whole, before, after, previous):
                apart[lost].append((prior(whole), parts))
    # Joint readings past what the beam reads can multiply past what a message
    # lists even where the beam kept few (a kana line that lost bytes in four
    # places keeps five, none right twice over).
    unread = math.prod(len(options[lost]) for lost in lossy_at) > _BEAM and \
        math.prod(len(readings) or 1 for readings in apart.values()) > MAX_SHOWN
    if len(item.candidates) <= MAX_SHOWN and not unread:
        return [_one_loss_apart(item, apart, options)]
    bounds = [0, *(index + 1 for index in lossy_at[:-1]), len(units)]
    pieces = []
    for (low, high), lost in zip(itertools.pairwise(bounds), lossy_at, strict=True):
        scored = [(key, "".join(parts[low:high])) for key, parts in apart[lost]]
        candidates = tuple(dict.fromkeys(piece for _, piece in sorted(scored)))
        if not candidates:
            return [item]
        start, end = units[low].start, units[high - 1].end
        pieces.append(replace(item, start=start, end=end, mangled=text[start:end],
                              whole=max(item.whole, item.end - item.start),
                              candidates=candidates, others=(), nested=(),
                              by_page=((item.code_page, candidates, False),)))
    return pieces


def _one_loss_apart(item: Mojibake, apart: _Apart, options: list[tuple[str, ...]]
                    ) -> Mojibake:
    """A message's few joint readings, and after them every reading one lost
    sequence away from the best (`apart`): where options tie, the beam keeps the
    first ones only (`ｳｪﾌﾁ` of `ï½³ï½ªï¾Œï¾`, never `ｳｪﾌﾞ`, when 9E and three
    more bytes were lost)."""
    if math.prod(len(options[index]) for index in apart) <= _BEAM:
        return item  # every joint reading went through the beam: none was dropped
    extra = sorted((key, whole) for readings in apart.values() for key, parts in readings
                   if (whole := "".join(parts)) not in item.candidates)
    if not extra:
        return item
    candidates = tuple(dict.fromkeys((*item.candidates, *(whole for _, whole in extra))))
    return replace(item, candidates=candidates,
                   by_page=((item.code_page, candidates, False),) if item.by_page else ())


def _read_inner(units: list[ByteSequence], options: list[tuple[str, ...]], text: str,
                page: CodePage, loose: bool, open_end: bool = False) -> Mojibake | None:
    """An inner layer: any reading of two or more characters that fits; `loose`:
    a lone lead byte too."""
    if not loose and (units[-1].end - units[0].start < 2 or
                      any(not unit.present for unit in units)):
        return None
    context = _Context(text, units[0].start, units[-1].end)
    readings = _readings(options, context, open_end)
    if not readings:
        return None
    exact = all(unit.exact for unit in units)
    return Mojibake(context.start, context.end, text[context.start : context.end],
                    tuple(readings), exact or len(readings) == 1, page.name, not exact, 1,
                    frozenset({page.name}))


def _exact_readings(text: str, start: int, end: int) -> dict[str, frozenset[str]]:
    """Every reading some code page gives `text[start:end]` by an exact round
    trip that fits the words around it, with the code pages that give it."""
    mangled = text[start:end]
    context = _Context(text, start, end)
    found: dict[str, set[str]] = {}
    for page in code_pages():
        if all(char in page.to_byte for char in mangled):
            try:
                decoded = bytes(page.to_byte[char] for char in mangled).decode("utf-8")
            except UnicodeDecodeError:
                continue
            if plausible(decoded, context.before, context.after, context.previous):
                found.setdefault(decoded, set()).add(page.name)
    return {decoded: frozenset(pages) for decoded, pages in found.items()}


def _resolve(found: list[Mojibake], text: str) -> list[Mojibake]:
    """One reading per stretch of text: the longest (a piece by the read it was cut
    from, so one code page's pieces are not broken up by another's longer piece),
    exact before lossy. Code pages
    that read the same stretch alike are merged; exact readings of other code
    pages are kept as `others`, for the page to decide between."""
    found.sort(key=lambda item: (-max(item.whole, item.end - item.start),
                                 (item.whole > 0) * CODE_PAGES.index(item.code_page),
                                 -(item.end - item.start), item.lossy, item.weak))
    chosen: list[Mojibake] = []
    owner: dict[int, int] = {}  # offset -> index in chosen: overlaps in linear time
    for item in found:
        overlapping = sorted({owner[offset] for offset in range(item.start, item.end)
                              if offset in owner})
        if not overlapping:
            owner.update((offset, len(chosen)) for offset in range(item.start, item.end))
            chosen.append(item)
            continue
        for index in overlapping:
            other = chosen[index]
            if (other.start, other.end) != (item.start, item.end) or \
                    other.lossy != item.lossy or other.layers != item.layers:
                continue
            if other.candidates[0] == item.candidates[0] or other.lossy:
                merged = other.candidates + tuple(candidate for candidate in item.candidates
                                                  if candidate not in other.candidates)
                chosen[index] = replace(other, candidates=merged,
                                        pages=other.pages | item.pages,
                                        certain=other.certain and (
                                            not other.lossy or merged == other.candidates),
                                        weak=other.weak and item.weak,
                                        by_page=other.by_page + item.by_page)
    result = []
    for item in chosen:
        if not item.lossy and item.layers == 1:
            readings = _exact_readings(text, item.start, item.end)
            mine = readings.pop(item.candidates[0], frozenset())
            item = replace(item, pages=item.pages | mine, others=tuple(readings.items()))
        result.append(item)
    result.sort(key=lambda item: item.start)
    return result


# -- a page: spans that confirm and decide each other --------------------------


def _votes(spans: Sequence[Sequence[Mojibake]]) -> Counter[str]:
    """Code pages, by the unambiguous strong spans they read."""
    votes: Counter[str] = Counter()
    for items in spans:
        for item in items:
            # Exact readings only: a lossy one fits the code pages that drop most.
            if not item.weak and not item.others and not item.lossy:
                votes.update(item.pages)
    return votes


def _narrow(item: Mojibake, used: frozenset[str]) -> Mojibake:
    """A lossy span read through several code pages: the candidates of the code
    pages the page uses (cp1254 drops 8E, cp1252 does not), if any reads it."""
    kept = [(page, candidates, certain) for page, candidates, certain in item.by_page
            if page in used]
    if not kept or len(kept) == len(item.by_page):
        return item
    candidates = tuple(dict.fromkeys(candidate for _, group, _ in kept for candidate in group))
    certain = item.certain or (len(candidates) == 1 and all(sure for _, _, sure in kept)
                               and _alone_in_all(item))
    pages = frozenset(page for page, _, _ in kept)
    return replace(item, candidates=candidates, certain=certain, pages=pages,
                   by_page=tuple(kept), code_page=_first_page(pages))


def _first_page(pages: frozenset[str]) -> str:
    return next(name for name in CODE_PAGES if name in pages)


def _alone_in_all(item: Mojibake) -> bool:
    return any(sure for _, _, sure in item.by_page)


def _decide(item: Mojibake, votes: Mapping[str, int]) -> Mojibake:
    """A span code pages read differently: the reading of the code page the
    page's other spans use, certain only when no other reading has any vote."""
    readings = [(item.candidates[0], item.pages), *item.others]
    scored = sorted(readings, key=lambda reading: -max(
        (votes.get(page, 0) for page in reading[1]), default=0))
    best = max((votes.get(page, 0) for page in scored[0][1]), default=0)
    rest = [max((votes.get(page, 0) for page in pages), default=0) for _, pages in scored[1:]]
    decided = best > 0 and not any(rest)
    order = [decoded for decoded, _ in scored]
    candidates = tuple(dict.fromkeys([*order[:1], *item.candidates, *order[1:]]))
    return replace(item, candidates=candidates, pages=scored[0][1],
                   certain=item.certain and decided, others=tuple(scored[1:]),
                   code_page=_first_page(scored[0][1]))


def page_mojibake(lines: Sequence[str]) -> list[list[Mojibake]]:
    """The mojibake spans of each line of a page. Weak spans stay only where a
    strong span of the page shares a code page with them; spans that code
    pages read differently take the reading of the code page the page uses."""
    spans = [_scan(line) if not line.isascii() and not _lead_chars().isdisjoint(line) else []
             for line in lines]
    if not any(spans):
        return spans
    votes = _votes(spans)
    strong_pages = {page for items in spans for item in items if not item.weak
                    for page in item.pages}
    # Code pages that dropped bytes here: strong spans short of a byte (not U+FFFD).
    dropping = {page for items in spans for item in items if not item.weak and item.lossy
                and REPLACEMENT not in item.mangled for page in item.pages}
    # On a page decoded twice, a span read once may be half repaired.
    twice = any(item.layers > 1 and item.certain and not item.weak
                for items in spans for item in items)
    # Maybe decoded twice: a strong span reads on, certain or not (a page of box
    # drawing that lost bytes has no certain one). Enough to list what an
    # uncertain lossy span reads on to, never to write anything.
    maybe_twice = twice or any(item.layers > 1 and not item.weak
                               for items in spans for item in items)
    top = max(votes.values(), default=0)
    used = frozenset(page for page, count in votes.items() if count == top and top)
    result = []
    written: list[frozenset[str]] = []  # _letters_in_clean_words, once asked for
    for number, (line, items) in enumerate(zip(lines, spans, strict=True)):
        kept = []
        for item in items:
            if item.inner_word:
                if not twice:
                    continue
                item = replace(item, weak=False, inner_word=False)
            elif item.lone_inner:
                read = _read_lone_inner(item, line) if twice else None
                if read is None:
                    continue
                item = read
            elif item.lost:
                if not item.pages & dropping and not (item.formula and item.pages & strong_pages):
                    continue
                item = replace(item, weak=False, lost=False)
            elif item.weak:
                if not item.pages & strong_pages or (
                        len(item.mangled) == 1 and not _lead_odd_among_repairs(item, line, items)):
                    continue
                sure = not item.doubtful or _odd_among_repairs(item, line, items)
                item = replace(item, weak=False, doubtful=False, certain=item.certain and sure,
                               as_written=not sure)
            if item.others:
                item = _decide(item, votes)
            if item.by_page and used:
                item = _narrow(item, used)
            if _foreign_lone_lead(item, used):
                continue
            if twice and item.layers == 1 and not item.lossy and not item.nested:
                item = _nested_loosely(item, line)
            if twice and item.lossy and item.layers == 1 and not item.nested:
                item = _nested_lossy(item, line)
            if (twice or (maybe_twice and item.lossy and not item.certain)) and \
                    item.nested and item.layers == 1:
                if item.nested_sure:
                    item = replace(item, candidates=item.nested, layers=2)
                else:
                    first = (*item.nested, *item.candidates)
                    if not _odd_text(item.candidates[0], _Context(line, item.start, item.end)):
                        first = (*item.candidates, *item.nested)  # it fits: the likelier
                    item = replace(item, certain=False, candidates=tuple(dict.fromkeys(first)))
            if twice and item.certain and item.layers == 1 and _half_repaired(item, line):
                item = replace(item, certain=False)
            if _a_letter_the_page_writes(item, spans, lines, number, written):
                continue
            kept.append(item)
        result.append(kept)
    return result


def _foreign_lone_lead(item: Mojibake, used: frozenset[str]) -> bool:
    """A lone letter read only as a lead byte that lost its continuation, through
    code pages other than the one the page's exact spans use: on a page mangled
    through cp1254, a clean `Č` (cp1250's and cp1257's lead byte C8) is text."""
    return bool(used) and len(item.mangled) == 1 and item.lossy and not item.certain \
        and item.layers == 1 and not item.pages & used


def _a_letter_the_page_writes(item: Mojibake, spans: Sequence[Sequence[Mojibake]],
                              lines: Sequence[str], lines_index: int,
                              written: list[frozenset[str]]) -> bool:
    """A letter standing alone (`ğ, ş`), read only as a sequence that lost bytes
    (`ğ` for a character of four bytes that lost three), where the page spells
    words with it outside any span (`doğru`): a half-mangled page's clean letter."""
    if len(item.mangled) != 1 or not item.mangled.isalpha() or item.certain or \
            not item.lossy:
        return False
    line = lines[lines_index]
    if (item.start and line[item.start - 1].isalpha()) or (
            item.end < len(line) and line[item.end].isalpha()):
        return False  # inside a word, where the word's oddness decides (`TÅkyÅ`)
    if not written:
        written.append(_letters_in_clean_words(spans, lines))
    return item.mangled in written[0] or item.mangled.swapcase() in written[0]


def _letters_in_clean_words(spans: Sequence[Sequence[Mojibake]], lines: Sequence[str]
                            ) -> frozenset[str]:
    """The non-ASCII letters a page writes inside words (a letter beside them)
    where no mojibake span covers them."""
    letters: set[str] = set()
    for line, items in zip(lines, spans, strict=True):
        if line.isascii():
            continue
        covered = bytearray(len(line))
        for item in items:
            covered[item.start:item.end] = b"\x01" * (item.end - item.start)
        for index, char in enumerate(line):
            if ord(char) < 128 or covered[index] or not char.isalpha():
                continue
            if (index and line[index - 1].isalpha() and not covered[index - 1]) or (
                    index + 1 < len(line) and line[index + 1].isalpha()
                    and not covered[index + 1]):
                letters.add(char)
    return frozenset(letters)


def _lead_odd_among_repairs(item: Mojibake, line: str, items: Sequence[Mojibake]) -> bool:
    """A bare lead byte judged again among its neighbours repaired: `ğ` between
    `I` and `Ä±dır` is odd only until `Ä±` reads `ı` (`Iğdır`)."""
    context = _repaired_context(item, line, items)
    return context is not None and odd_words(
        context.left + item.mangled + context.right, plain_letters=False)


def _odd_among_repairs(item: Mojibake, line: str, items: Sequence[Mojibake]) -> bool:
    """A doubtful span judged again among its neighbours repaired: `Ä°` after
    `ŞİŞL` (not after `Å\x9eÄ°Å\x9eL`) makes a word no alphabet spells, and its
    reading makes `ŞİŞLİ`."""
    context = _repaired_context(item, line, items)
    return context is not None and _odd(item.mangled, context) and plausible(
        item.candidates[0], context.before, context.after, context.previous)


def _repaired_context(item: Mojibake, line: str, items: Sequence[Mojibake]) -> _Context | None:
    """The span in its line with the other certain spans repaired; None where
    repairs overlap it."""
    pieces, cursor, shift = [], 0, 0
    for other in items:
        if other is item or not other.certain or other.weak:
            continue
        pieces += [line[cursor:other.start], other.candidates[0]]
        if other.end <= item.start:
            shift += len(other.candidates[0]) - (other.end - other.start)
        cursor = other.end
    repaired = "".join(pieces) + line[cursor:]
    context = _Context(repaired, item.start + shift, item.end + shift)
    if repaired[context.start : context.end] != item.mangled:
        return None  # overlapping repairs: no clean answer
    return context


def _half_repaired(item: Mojibake, line: str) -> bool:
    """On a page decoded twice: a reading that still glues a lead byte's letter to
    a symbol (`ï¸`, a selector that lost 8F before the second decode) is half a
    repair, whatever its first layer's round trip says."""
    reading = item.candidates[0]
    if _lead_chars().isdisjoint(reading):
        return False
    stop = _stop_chars()
    previous, following = line[item.start - 1 : item.start], line[item.end : item.end + 1]
    return glued(("" if previous in stop else previous) + reading +
                 ("" if following in stop else following))


def _nested_loosely(item: Mojibake, line: str) -> Mojibake:
    """On a page decoded twice: what a span read once may be in turn, lone lead
    bytes included (`Ä` for č that lost 8D before the second decode)."""
    context = _Context(line, item.start, item.end)
    inner = _decode_again(item.candidates[0], context.before, context.after, 1, loose=True,
                          outer=_same_bytes(item.code_page, item.mangled))
    if inner is None or inner[3] != "loose":
        return item
    return replace(item, nested=tuple(inner[0]))


def _nested_lossy(item: Mojibake, line: str) -> Mojibake:
    """On a page decoded twice: what each reading of a lossy span read once may be
    in turn (`Ã` alone, ρ that lost 81 to the first decode and 8F to the second:
    `Ï` among its readings is a lead byte short of its continuation)."""
    context = _Context(line, item.start, item.end)
    outer = _same_bytes(item.code_page, item.mangled)
    nested: dict[str, None] = {}
    for candidate in item.candidates[:_INNER_READS]:
        inner = _decode_again(candidate, context.before, context.after, 1, loose=True,
                              outer=outer)
        if inner is not None:
            nested.update(dict.fromkeys(inner[0]))
    return replace(item, nested=tuple(nested)) if nested else item


def forget_readings() -> None:
    """Clear the readings memoized across lines: for measurements that count
    the work one line costs."""
    for cached in (_fits, _joint_parts_of, _found_again, _joined_again,
                   _inner_characters_of):
        cached.cache_clear()


def find_mojibake(text: str, usage: Mapping[str, int] | None = None) -> list[Mojibake]:
    """Mojibake spans in one line of text (a page of one line), candidates of
    uncertain spans ranked by `usage` (counts of emoji and symbols the page and
    the site use cleanly)."""
    (found,) = page_mojibake([text])
    if usage:
        found = [item if item.certain else replace(
            item, candidates=tuple(rank(item.candidates, usage))) for item in found]
    return found


@per_document
def document_mojibake(doc: Document) -> tuple[tuple[int, Mojibake], ...]:
    """(line number, span) for every mojibake span of a page, in every context:
    prose, headings, tables, code spans, code blocks, diagrams, frontmatter.
    Shared by ENC003 and by the rules that leave these spans to it (ENC004, ENC005)."""
    return tuple((number, item) for number, items in enumerate(page_mojibake(doc.lines), 1)
                 for item in items)


__all__ = ["MAX_SHOWN", "Mojibake", "code_pages", "count_segments", "count_usage",
           "decoded_byte",
           "document_mojibake", "emoji_pieces", "find_mojibake", "page_mojibake", "plausible",
           "rank", "well_formed"]
