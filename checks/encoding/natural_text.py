"""What text a person wrote looks like, letter by letter and word by word.

Mojibake detection weighs two readings of the same stretch: the text on the
page and what it decodes to. These are the judgements it weighs them with:

- `well_formed`: assigned characters; selectors, joiners and combining marks
  only after what they attach to;
- `natural_word`: one script, and for Latin the letters of one language, in a
  casing words have (`Dvořák`, `SÃO`, `Été`, not `KĂĽbler` or `RamÃrez`);
- `plausible`: a decoded candidate that fits the words around it;
- `glued`: a letter and a symbol stuck together (`Ã©`, `âš¡`, `√ó`), which
  words do not do.

The alphabets below are the non-ASCII letters of the languages written in
Latin script that documentation is written in (from their orthographies); a
word that needs letters of two of them (`đź`, `ğŸ`) is not a word of either.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import cache, lru_cache

REPLACEMENT = "\ufffd"
VS16 = "\ufe0f"
VS15 = "\ufe0e"
ZWJ = "\u200d"
_ALLOWED_FORMAT = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\u00ad")

# The non-ASCII letters of each alphabet, lower case (upper case is derived).
_ALPHABETS = (
    "àâæçéèêëîïôœùûüÿ",  # French
    "äöüßẞ",  # German
    "áéíñóúüªº",  # Spanish (and the ordinals 1ª, Nº)
    "áâãàçéêíóôõúüªº",  # Portuguese
    "àèéìíîòóùúªº",  # Italian
    "àçèéíïòóúüŀ",  # Catalan
    "áéëïóöüèàĳ",  # Dutch, Afrikaans
    "æøåéóàôò",  # Danish, Norwegian
    "åäöé",  # Swedish
    "äöåšž",  # Finnish
    "áðéíóúýþæö",  # Icelandic
    "áðíóúýæø",  # Faroese
    "ąćęłńóśźż",  # Polish
    "áčďéěíňóřšťúůýž",  # Czech
    "áäčďéíĺľňóôŕšťúýž",  # Slovak
    "čćđšž",  # Slovene, Croatian, Bosnian, Serbian Latin
    "áéíóöőúüű",  # Hungarian
    "ăâîșțşţ",  # Romanian
    "çğıöşüâîûə",  # Turkish, Azerbaijani (and İ, the capital of i)
    "çë",  # Albanian
    "āčēģīķļņšūž",  # Latvian
    "ąčęėįšųūž",  # Lithuanian
    "äöõüšž",  # Estonian
    "ċġħżàèìòù",  # Maltese
    "âêîôûŵŷäëïöüÿáéíóúẁẃẅỳý",  # Welsh
    "ĉĝĥĵŝŭ",  # Esperanto
    "āēīōū",  # Maori, Hawaiian, Latin with macrons
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü",  # Pinyin
    "áéíóúàèìòù",  # Irish, Scottish Gaelic
    "áéíóúñü",  # Galician, Basque
    "àèòáéíóúïüç",  # Occitan
    "ŋšžčđŧʒǯǧǩåäöáæø",  # Sami
)


def _vietnamese() -> str:
    """Vietnamese: the vowels with their tone marks, all of Latin Extended Additional's
    A0-F9 plus the base letters."""
    return "".join(chr(point) for point in range(0x1EA0, 0x1EFA)) + "àáâãèéêìíòóôõùúýăđĩũơư"


@cache
def _alphabets() -> tuple[frozenset[str], ...]:
    sets = []
    for letters in (*_ALPHABETS, _vietnamese()):
        both = set(letters)
        for char in letters:
            upper = char.upper()
            if len(upper) == 1:
                both.add(upper)
        if "ğ" in letters:
            both.add("İ")
        sets.append(frozenset(both))
    return tuple(sets)


@cache
def _alphabet_letters() -> frozenset[str]:
    return frozenset().union(*_alphabets())


# -- characters ---------------------------------------------------------------


def _tag(char: str) -> bool:
    """A tag character: the letters of a subdivision flag (🏴 + gbsct + cancel)."""
    return 0xE0020 <= ord(char) <= 0xE007F


@cache
def valid_char(char: str) -> bool:
    category = unicodedata.category(char)
    if category in ("Cc", "Co", "Cs", "Cn"):
        return False
    if category == "Cf" and char not in _ALLOWED_FORMAT and not _tag(char):
        return False
    point = ord(char)
    return not (0xFDD0 <= point <= 0xFDEF or (point & 0xFFFE) == 0xFFFE)


@cache
def is_symbol(char: str) -> bool:
    point = ord(char)
    return (0x2000 <= point <= 0x2BFF or 0x1F000 <= point <= 0x1FAFF or char == VS16
            or unicodedata.category(char)[0] in "SP")


@cache
def is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M"


_JAPANESE_AND_CHINESE = ("CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "IDEOGRAPHIC")
# Letters named outside their script: the ordinals (1ª, Nº) and the micro sign (µs).
_LATIN_TOO = frozenset("ªºµ")


@cache
def script(char: str) -> str:
    """A coarse script name: the first word of the character's name; Japanese
    and Chinese are one (kana and ideographs share words)."""
    if char in _LATIN_TOO:
        return "LATIN"
    name = unicodedata.name(char, "")
    key = name.split(" ", 1)[0]
    if key.startswith(_JAPANESE_AND_CHINESE) or key == "FULLWIDTH":
        return "CJK"
    return key


def _mark_fits(base: str, mark: str) -> bool:
    """A combining mark after a letter: a diacritic that composes with it
    (NFD text: `e` + U+0301), or a vowel sign or point of the letter's script."""
    if not base:
        return False
    name = unicodedata.name(mark, "")
    if name.startswith("COMBINING"):
        if is_mark(base):
            return True  # stacked diacritics (Vietnamese): the first one decided
        return len(unicodedata.normalize("NFC", base + mark)) == 1  # é, ≠ decomposed
    if not (base.isalpha() or is_mark(base)):
        return False
    return script(mark) == script(base) or is_mark(base)


# Blocks of symbols and letters a decoded character may be on its own:
# Latin-1, Latin Extended-A, Greek, basic Cyrillic, general punctuation up to
# the misc symbols and arrows, CJK punctuation, fullwidth forms, emoji.
_DOMAIN = (
    (0x00A0, 0x017F), (0x0370, 0x03FF), (0x0400, 0x045F), (0x2000, 0x2BFF),
    (0x2E00, 0x2E7F), (0x3000, 0x303F), (0xFE0E, 0xFE0F), (0xFF01, 0xFF65),
    (0x1F000, 0x1FAFF),
)


@cache
def in_domain(char: str) -> bool:
    point = ord(char)
    return any(low <= point <= high for low, high in _DOMAIN)


@cache
def emoji_data() -> dict[str, dict[str, object]]:
    import emoji

    return emoji.EMOJI_DATA


def is_emoji(text: str) -> bool:
    return text in emoji_data()


def qualified(piece: str) -> bool:
    data = emoji_data().get(piece)
    return bool(data) and data.get("status") == 2  # type: ignore[union-attr]


def _selector_fits(base: str, text_style: bool) -> bool:
    """VS16 after a base shown as text by default (`⏱️`), or redundantly after an
    emoji of the symbol blocks (`⭐️`); VS15 only where it changes something,
    after an emoji shown as emoji by default (`⌚︎`)."""
    if len(base) != 1:
        return False
    if base in "0123456789#*":
        return not text_style  # a keycap: 1️⃣
    if base + VS16 in emoji_data():
        return not text_style
    return 0x2000 <= ord(base) <= 0x2BFF and base in emoji_data()


def well_formed(text: str, before: str = "", open_end: bool = False) -> bool:
    """Assigned characters; selectors, joiners and marks only where they belong
    (`open_end`: more text may follow, so a final joiner may still fit)."""
    previous = before
    for position, char in enumerate(text):
        if not valid_char(char):
            return False
        if 0xFE00 <= ord(char) <= 0xFE0F:
            # VS16 and VS15 choose emoji or text style for bases that have both.
            if char not in (VS16, VS15) or not previous or \
                    not _selector_fits(previous, char == VS15):
                return False
        elif _tag(char):
            if previous != "\U0001f3f4" and not (previous and _tag(previous)):
                return False
        elif char == ZWJ:
            following = text[position + 1 : position + 2]
            if open_end and not following:
                following = "?"
            if not (previous and following and is_symbol(previous)):
                return False
        elif is_mark(char) and not 0x20D0 <= ord(char) <= 0x20FF and not _mark_fits(previous,
                                                                                    char):
            return False
        previous = char
    return True


# -- words --------------------------------------------------------------------


def _in_word(char: str) -> bool:
    return char.isalpha() or is_mark(char)


def _split_scripts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A word split where a Latin name meets Chinese or Japanese (`MkDocs終於`,
    `API設計`): those scripts put no space between words. Only two letters or
    more on each side: one ideograph glued to a word (`Caf遮`) is what a wrong
    reading of a lost byte makes."""
    if text[start:end].isascii():
        return [(start, end)]
    runs: list[tuple[int, int, str]] = []
    for position in range(start, end):
        char = text[position]
        kind = script(char) if not is_mark(char) else ""
        kind = kind if kind in ("LATIN", "CJK") else ""
        if runs and (not kind or kind == runs[-1][2] or not runs[-1][2]):
            runs[-1] = (runs[-1][0], position + 1, runs[-1][2] or kind)
        else:
            runs.append((position, position + 1, kind))
    if len(runs) < 2 or any(high - low < 2 or not kind for low, high, kind in runs):
        return [(start, end)]
    return [(low, high) for low, high, _ in runs]


def word_spans(text: str) -> list[tuple[int, int]]:
    """Runs of letters and the marks on them, as (start, end); a Latin name
    glued to Chinese or Japanese is two words."""
    spans: list[tuple[int, int]] = []
    start = None
    for position, char in enumerate(text):
        if _in_word(char):
            if start is None:
                start = position
        elif start is not None:
            spans.extend(_split_scripts(text, start, position))
            start = None
    if start is not None:
        spans.extend(_split_scripts(text, start, len(text)))
    return spans


def words(text: str) -> list[str]:
    return [text[start:end] for start, end in word_spans(text)]


# Enough of a word to judge it; a longer run of letters is not a word anyway,
# and a bound keeps a hostile line linear.
_REACH = 40


def letters_before(text: str, position: int, stop: frozenset[str] = frozenset()) -> str:
    """The letters (and marks) touching `position` from the left, up to one in `stop`."""
    start = position
    limit = max(0, position - _REACH)
    while start > limit and _in_word(text[start - 1]) and text[start - 1] not in stop:
        start -= 1
    return text[start:position]


def letters_after(text: str, position: int, stop: frozenset[str] = frozenset()) -> str:
    end = position
    limit = min(len(text), position + _REACH)
    while end < limit and _in_word(text[end]) and text[end] not in stop:
        end += 1
    return text[position:end]


def _cased_naturally(word: str) -> bool:
    """lower, UPPER or Title; mixed case only among ASCII letters (`iPhone`), or
    words joined in camel case (`КінецьПідпроцесу`, a keyword of a pseudocode in
    Ukrainian: each joined word Title, three letters or more)."""
    if word.islower() or word.isupper() or word.istitle() or _camel_case(word):
        return True
    for index, (left, right) in enumerate(itertools.pairwise(word)):
        if left.isascii() and right.isascii():
            continue
        if left.islower() and right.isupper():
            return False
        if left.isupper() and right.islower() and index > 0 and not left.isascii():
            return False
    return True


def _camel_case(word: str) -> bool:
    """A word of two letters or more, then words in Title case of three letters
    or more glued to it, in a script other than Latin (whose camel case is
    ASCII's, and whose mojibake glues a capital into a word: `RamÃrez`) and
    Greek. Mojibake that makes mixed case pairs a capital with one character at
    a time (cp1251's `РџСЂРёРІРµС‚` for привет), or reads Greek out of Cyrillic
    decoded twice (`ͱϾͻϵϵ` for более)."""
    if any(script(char) in ("LATIN", "GREEK") for char in word):
        return False
    pieces: list[str] = []
    start = 0
    for index in range(1, len(word)):
        if word[index - 1].islower() and word[index].isupper():
            pieces.append(word[start:index])
            start = index
    pieces.append(word[start:])
    if len(pieces) < 2 or len(pieces[0]) < 2 or not (pieces[0].istitle()
                                                      or pieces[0].islower()):
        return False
    return all(len(piece) >= 3 and piece.istitle() for piece in pieces[1:])


# The spacing circumflex and tilde are modifier letters to Unicode, but words
# hold them only as mojibake of 88 and 98 (`Ãˆve` for Ève).
_SPACING_ACCENTS = frozenset("\u02c6\u02dc")


@lru_cache(maxsize=1 << 16)
def natural_word(word: str) -> bool:
    """Letters of one script in a casing words have; for Latin, the letters of
    one alphabet."""
    word = unicodedata.normalize("NFC", word)
    if any(char in _SPACING_ACCENTS for char in word):
        return False
    # Modifier letters (ʻ, ー) take the script of their neighbours.
    letters = [char for char in word if not is_mark(char) and unicodedata.category(char) != "Lm"]
    if not letters or not all(char.isalpha() for char in letters):
        return False
    scripts = {script(char) for char in letters}
    if scripts == {"LATIN", "GREEK"} and len(letters) <= 3 and \
            sum(script(char) == "GREEK" for char in letters) == 1:
        scripts = {"LATIN"}  # a Greek letter in a unit or a formula: μs, kΩ, Δt
        letters = [char for char in letters if script(char) == "LATIN"]
    if len(scripts) != 1:
        return False
    if not _cased_naturally("".join(letters)) and not (scripts == {"GREEK"} and len(letters) < 3):
        return False  # (a unit or a symbol in Greek letters takes any case: μΩ)
    if any(char in "ªº" and (index + 1 < len(letters) or (index and not
                              letters[index - 1].isascii()))
           for index, char in enumerate(letters)):
        return False  # the ordinals end a word, after digits or plain letters: 1ª, Nº
    if "µ" in letters[1:]:
        return False  # the micro sign prefixes a unit (µs); after a letter it is Âµ
    if scripts == {"LATIN"}:
        foreign = {char for char in letters if not char.isascii() and char != "µ"}
        if foreign and not any(foreign <= alphabet for alphabet in _alphabets()):
            return False
    return True


_PRESENTATION = ("<initial>", "<medial>", "<final>", "<isolated>", "<vertical>", "<small>",
                 "<square>", "<circle>")


# -- the two readings ---------------------------------------------------------


def glued(text: str) -> bool:
    """A non-ASCII letter and a non-ASCII symbol side by side (`Ã©`, `â€`, `√ó`),
    or a quotation mark between two letters (`á»…n`): words do not do that,
    except with the punctuation that ends or quotes them."""
    inside = re.search(r"[^\W\d_][^\w\s]*[“”„‚«»‹›][^\w\s]*[^\W\d_]", text)
    if inside and not inside.group().isascii():
        return True
    if _misplaced(text):
        return True
    for index, (left, right) in enumerate(itertools.pairwise(text)):
        if left.isascii() or right.isascii():
            continue
        pair = (left.isalpha(), right.isalpha())
        if pair == (True, False) and right not in _WORD_PUNCTUATION and not right.isspace():
            return True
        before = text[index - 1 : index]
        formula = unicodedata.category(left) == "Sm" and not before.isalpha()
        if pair == (False, True) and left not in _WORD_PUNCTUATION and not left.isspace() and \
                not (formula and script(right) != "LATIN"):
            return True  # (an operator before a variable, in a formula: √π, ∂f, ±x)
        if pair == (False, False) and left in _MAC_LEAD_OPERATORS and not right.isspace() and (
                before.isalpha() or unicodedata.category(right) == "Sm"
                or (0xA0 <= ord(right) <= 0xFF or 0x2000 <= ord(right) <= 0x2BFF)):
            return True  # an operator on a sign: `√©`, `¬∞`, `√∂`, `√†` (mac_roman)
    return False


# Punctuation where words never put it, each one mojibake's continuation byte
# after a lead byte's letter (or, for the dashes, mac_roman's Cyrillic lead).
_APOSTROPHES = frozenset("‘’")
_SUPERSCRIPTS = frozenset("¹²³")
_LOW_QUOTES = frozenset("„‚")
_DOUBLE_QUOTES = frozenset("“”„«»")
_SINGLE_QUOTES = frozenset("‘’‚‹›")


def _misplaced(text: str) -> bool:
    """An apostrophe inside a word after an accented capital (`Å’uvre`, `AÃ‘O`:
    elisions follow plain letters, `l’été`, `Hawai‘i`); a superscript inside a
    word after an accented letter (`Å¹D`; a unit's exponent follows a plain
    one, `m²K`); a low quote, which only opens, after a letter (`NÄ‚,`); a
    double quote closing before the single one it encloses (`Thá»‹`); a degree
    sign after an accented letter (`ê°’`); a dash glued to an operator (`–≤`)."""
    for index, (left, middle) in enumerate(itertools.pairwise(text)):
        right = text[index + 2 : index + 3]
        accented = left.isalpha() and not left.isascii() and script(left) == "LATIN"
        word_goes_on = right.isalpha()
        if (accented and left.isupper() and middle in _APOSTROPHES and word_goes_on) or (
                accented and middle in _SUPERSCRIPTS and word_goes_on) or (
                accented and middle == "°"):
            return True
        if left.isalpha() and (middle in _LOW_QUOTES or (
                middle in _DOUBLE_QUOTES and right in _SINGLE_QUOTES)):
            return True
        if left in "–—" and (unicodedata.category(middle) == "Sm" and not middle.isascii()):
            return True
    return False


# Operators mac_roman makes of UTF-8 lead bytes C2, C3, C5, C6, D6, D7.
_MAC_LEAD_OPERATORS = frozenset("¬√≈∆÷◊")
# Punctuation that sits inside and around ordinary words.
_WORD_PUNCTUATION = frozenset("’‘“”„‚«»‹›…–—·•°\xa0\xad²³¹,.!?;:)]([-'¿¡\u2009\u202f")


def word_punctuation(char: str) -> bool:
    return char in _WORD_PUNCTUATION


def odd_words(text: str, plain_letters: bool = True) -> bool:
    """Some word of `text` is not a natural word, or is a lone capital letter no
    alphabet writes alone (`Ă—`, `Ä…Å‚`: mojibake's lead bytes); with
    `plain_letters`, or a word of accented letters only (`âœ`; but `ÅÄÖ` is
    Swedish, so no evidence against a lone letter of it)."""
    found = [word for word in words(text) if not is_mark(word[0])]
    if any(not natural_word(word) or (plain_letters and _no_plain_letter(word))
           for word in found):
        return True
    lone = [word for word in found if len(word) == 1 and not word.isascii()]
    return len(lone) > 1 or any(not _alone_ok(word) for word in lone)


def _no_plain_letter(word: str) -> bool:
    """A Latin word of accented letters only (`âœ`): mojibake of an emoji or a
    symbol, not a word (Vietnamese `đã` aside)."""
    word = unicodedata.normalize("NFC", word)
    return len(word) > 1 and all(not char.isascii() and script(char) == "LATIN"
                                 and char.isalpha() for char in word) and \
        not set(word) <= _alphabets()[-1]


def _alone_ok(letter: str) -> bool:
    """A letter that is a word by itself: Latin-1's (à, é, Å), Greek's, Cyrillic's."""
    return (letter.islower() and 0xC0 <= ord(letter) <= 0xFF) or script(letter) in (
        "GREEK", "CYRILLIC") or letter in "ÀÉÅÖØÜÑ"


@lru_cache(maxsize=1 << 16)
def plausible(text: str, before: str = "", after: str = "",
              previous: str | None = None, open_end: bool = False) -> bool:
    """Could `text` be what the author wrote between `before` and `after` (the
    letters touching it; `previous`, the character before it, if not a letter)?
    Symbols, emoji and the letters of an alphabet; a letter of another script
    only in a word of two or more letters; the words it makes with its
    neighbours natural."""
    if not text or not well_formed(text, before[-1:] if previous is None else previous,
                                   open_end):
        return False
    joined = before + text + after
    inside = range(len(before), len(before) + len(text))
    for start, end in word_spans(joined):
        if end <= inside.start or start >= inside.stop:
            continue
        word = joined[start:end]
        while word and is_mark(word[0]):
            word = word[1:]  # marks on what came before the word
        if not word:
            continue
        if not natural_word(word):
            return False
        letters = [char for char in word if not is_mark(char)
                   and unicodedata.category(char) != "Lm"]
        if any(unicodedata.decomposition(char).startswith(_PRESENTATION) for char in letters):
            return False  # presentation forms: what a renderer draws, never what one types
        if len(word) == 1 and not (letters[0] in _alphabet_letters()
                                      or in_domain(letters[0])
                                      or script(letters[0]) in ("CJK", "HANGUL")):
            return False  # one letter of an odd script or block, alone
    # Other characters from the common blocks only (not the vertical forms,
    # compatibility and private symbols a lost byte also decodes to), or the
    # punctuation of a script the text is written in (، ।).
    scripts = {script(char) for char in joined if char.isalpha()}
    return all(char.isalpha() or is_mark(char) or char.isspace() or char.isdigit()
               or in_domain(char) or _tag(char) or (unicodedata.category(char)[0] == "P"
                                                    and script(char) in scripts)
               for char in text)  # (tags: well_formed put them after a black flag)


__all__ = ["REPLACEMENT", "VS15", "VS16", "ZWJ", "emoji_data", "glued", "in_domain", "is_emoji",
           "is_mark", "is_symbol", "letters_after", "letters_before", "natural_word",
           "odd_words", "plausible", "qualified", "script", "valid_char", "well_formed",
           "word_punctuation", "word_spans", "words"]
