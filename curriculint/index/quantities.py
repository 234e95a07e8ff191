"""Figures in prose, list items, table cells and headings, with their exact spans.

Extracted once per page from the index's text runs (code spans, link targets and
HTML already blanked), so a figure inside code is never one. Regexes here only
read text the tokens located. Units are normalised with pint (`curriculint.index.units`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter
from typing import AnyStr, NamedTuple

from curriculint.index.records import TextRun
from curriculint.index.units import Unit, lookup
from curriculint.model import Span

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d+)(?:\.\d+)?"
# A figure: a number not glued to a word on its left (p99, x86, H264, v2.1).
FIGURE = re.compile(
    rf"(?<![\w.,/#@-])(?P<money>[$€£])?(?P<num>{_NUMBER}|\.\d+)(?P<suffix>[kKMB](?![\w]))?"
)
# Where `FIGURE` may start: its first character, not glued on the left. Led by
# a character class, so the regex engine skips ahead in C; `FIGURE`, whose
# leading lookbehind makes it try every offset, then runs only at these.
FIGURE_START = re.compile(r"[$€£.\d](?<![\w.,/#@-][$€£.\d])")
_RANGE_JOIN = re.compile(r"-|\s*(?:–|—|\bto\b|\bthrough\b)\s*(?=[$€£]?\d)")
_JOIN_STARTS = frozenset("-–—t")  # and white space: where a `_RANGE_JOIN` match starts
_SECOND = re.compile(rf"(?P<money>[$€£])?(?P<num>{_NUMBER})(?P<suffix>[kKMB](?![\w]))?")
_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SUFFIXES = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9}
_NUMBER_WORDS = {
    word: value for value, word in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen", "twenty"))
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
     "ninety": 90, "hundred": 100}
_WORD_FIGURE = re.compile(
    r"(?<![\w-])(?P<word>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|hundred)(?![\w])", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_²³¹][\w¼µμ]*(?:['’][a-z]+)?")
_UNIT_TOKEN = re.compile(r"(?P<gap>[ \u00a0]?|-)(?P<unit>%|[^\W\d_][\w¼µμÂÎ]*)")
_PER = re.compile(r"\s*(?:/\s*|\s+per\s+|\s+an?\s+|\s+each\s+|\s+every\s+|\s+a\s+single\s+)"
                  r"(?P<period>[^\W\d_]+)")
_NINES = re.compile(r"[\s-]?(?:nines|9s)\b", re.IGNORECASE)
_BOUND_BEFORE = re.compile(
    r"(?P<bound><=|>=|≤|≥|<|>|~|≈|±|\bunder|\bbelow|\bless than|\bup to|\bat most|\bwithin|"
    r"\bsub-|\bover|\babove|\bmore than|\bat least|\babout|\baround|\broughly|"
    r"\bapproximately|\bapprox\.?|\bnearly|\balmost|\bsome|\bjust under|\bjust over)\s*$",
    re.IGNORECASE)
_UPPER = ("<", "≤", "<=", "under", "below", "less than", "up to", "at most", "within", "sub-",
          "just under")
_LOWER = (">", "≥", ">=", "over", "above", "more than", "at least", "just over")
_APPROX = ("~", "≈", "about", "around", "roughly", "approximately", "approx", "approx.",
           "nearly", "almost", "some")
# Every bound `_BOUND_BEFORE` can find ends with one of these (lower case).
_BOUND_ENDINGS = ("±", *_UPPER, *_LOWER, *_APPROX)
# Sentence ends: `(?<=[.!?;])\s+(?=[^\sa-z])|\s+[—–]\s+`, but not after `_ABBREVIATIONS`
# (`i.e. 4 beats`), with the leading whitespace factored out so the engine can
# skip to the next space in C.
_SENTENCE_END = re.compile(r"\s(?:(?<=[.!?;]\s)(?<!i\.e\.\s)(?<!e\.g\.\s)(?<!vs\.\s)"
                           r"(?<!approx\.\s)(?<!\bcf\.\s)(?<!\bca\.\s)\s*(?=[^\sa-z])"
                           r"|\s*[—–]\s+)")
# Abbreviations a full stop does not end a sentence after (`_SENTENCE_END` knows them too).
_ABBREVIATIONS = ("i.e.", "e.g.", "vs.", "approx.", "cf.", "ca.")
# A date or a clock time (2024-05, 2024-05-17, 9:30): no figure starting in one is
# a quantity. `\d{4}-\d{2}(?:-\d{2})?|\d{1,2}:\d{2}`, led by a digit for the same reason.
DATE_OR_TIME = re.compile(r"\d(?:\d{3}-\d{2}(?:-\d{2})?|\d?:\d{2})")
_SCALE_AFTER = re.compile(r"\s+(thousand|million|billion|trillion)\b")
_WORD_SCALE_AFTER = re.compile(r"\s+(hundred|thousand|million|billion|trillion)\b")
_FROM_BEFORE = re.compile(r"\bfrom\s*[$€£]?$", re.IGNORECASE)
_PERCENT_WORD = re.compile(r"\s?percent\b")
_PERCENT_AFTER = re.compile(r"\s?-?\s?%")
_GAP = re.compile(r"[ \u00a0]+|-(?=[^\W\d_])")
_DIGIT = re.compile(r"\d")
# For `_Marks`: a character looked for, then the rest of its run (runs are
# joined by newlines), so each run is matched at most once.
_DIGIT_ONWARDS = re.compile(r"\d[^\n]*")
_STOP_ONWARDS = re.compile(r"[.!?;—–][^\n]*")  # every `_SENTENCE_END` match has one
# A bytes table: lower case, and a space for every byte that is no ASCII word
# character, so `split()` yields the whole words `_WORD_FIGURE` can match.
_ASCII_WORDS = bytes(
    byte + 32 if 65 <= byte <= 90
    else byte if byte < 128 and (chr(byte).isalnum() or byte == 95) else 32
    for byte in range(256))
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_STOPS_AS_DOT = bytes.maketrans(b"!;", b"..")
_ASCII_BYTES = bytes(range(128))
_NUMBER_WORD_BYTES = frozenset(word.encode() for word in _NUMBER_WORDS)
_FOLDS_TO_ASCII = ("İ", "ı", "ſ")  # re.IGNORECASE reads them as i and s
# How much of its sentence a figure keeps on each side (`Quantity.before`, `after`):
# rules read the words next to a figure, and a whole sentence per figure made a
# page of one long sentence quadratic in memory and in every rule that reads it.
CONTEXT = 200
_NOUN_STOP = frozenset({"per", "every", "each", "a", "an", "and", "or", "with", "in", "at",
                        "for", "to", "on", "of", "the", "is", "are", "was", "by", "from",
                        "than", "vs", "versus", "across", "within", "under", "over", "via",
                        "into", "that", "which", "while", "so", "as"})


class Quantity(NamedTuple):
    """One figure as written, and what it means (a named tuple: a page has
    hundreds of figures, and a frozen dataclass takes several times as long to build)."""

    value: float  # the number (lower end of a range), suffix applied: `10k` -> 10000
    high: float | None  # upper end of a range, else None
    unit: str  # "percent", "nines", "USD", a pint unit name, or "" for a plain count
    dimension: str  # "percent", "nines", "money", "time", "frequency", "data", "count", ...
    factor: float  # one `unit` in base units (seconds, hertz, bytes); 1 otherwise
    symbol: str  # the unit as messages print it ("ms", "%", "h")
    per: str  # the period of a rate ("second", "week"), else ""
    per_seconds: float  # that period in seconds, else 0
    noun: str  # the words naming what is counted ("concurrent players"), lower case
    bound: str  # "", "upper" (<, up to), "lower" (>, 10k+), "approx" (~, about)
    text: str  # the figure as written
    span: Span
    context: str  # the text run's context: "paragraph", "table", "heading", ...
    run: int  # index of the text run in `Index.text_runs`
    group: int  # sentence, list item or table row it sits in
    cell: int  # column of the table cell, -1 outside tables
    decimals: int  # digits after the point, as written (the figure's precision)
    before: str  # the sentence (or cell) text before the figure, at most `CONTEXT` characters
    after: str  # the sentence (or cell) text after the figure, at most `CONTEXT` characters
    reach: int = 0  # column after the figure's noun and period ("500M records/day")

    @property
    def base(self) -> float:
        """Value in base units: seconds, hertz, bytes; a percentage as a fraction."""
        if self.dimension == "percent":
            return self.value / 100
        return self.value * self.factor

    @property
    def base_high(self) -> float:
        high = self.value if self.high is None else self.high
        return high / 100 if self.dimension == "percent" else high * self.factor

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def is_range(self) -> bool:
        return self.high is not None

    @property
    def rate(self) -> float:
        """Per second, for a rate; the value itself otherwise."""
        return self.base / self.per_seconds if self.per_seconds else self.base

    @property
    def head(self) -> str:
        """Last word of the noun, singular: "new matches" -> "match"."""
        words = self.noun.split()
        return singular(words[-1]) if words else ""


@lru_cache(maxsize=8192)  # rules ask again and again about the same few words
def singular(word: str) -> str:
    word = word.lower().strip("*_")
    for ending, replacement in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"),
                                ("xes", "x"), ("s", "")):
        if word.endswith(ending) and len(word) > len(ending) + 1 and not word.endswith("ss"):
            return word[: -len(ending)] + replacement
    return word


def _parse_number(text: str) -> float:
    return float(text.replace(",", ""))


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


# A sentence or clause of a run: (start, end, group). Plain tuples: a page has
# thousands of clauses.
_Clause = tuple[int, int, int]
_clause_start = itemgetter(0)


@dataclass(frozen=True, slots=True)
class _Marks:
    """Which text runs of a page (by number) the regexes can match in, found by
    scanning the page's text once: most runs hold no figure, and a regex call
    per run (and per regex) cost more than reading the figures."""

    digits: set[int]  # a digit: `FIGURE` may match
    spelled: set[int]  # `_WORD_FIGURE` may match
    stops: set[int]  # a character `_SENTENCE_END` needs

    @classmethod
    def of(cls, texts: Sequence[str]) -> _Marks:
        joined = "\n".join(texts)  # no pattern below matches a newline
        starts = list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
        # One byte per character (non-ASCII ones become "?"), so offsets stay those of `joined`.
        ascii_text = joined.encode("ascii", "replace")
        return cls(_runs_with_digits(joined, ascii_text, starts),
                   _runs_spelling_numbers(texts, joined, ascii_text, starts),
                   _runs_with_stops(joined, ascii_text, starts))


def _runs_matching(pattern: re.Pattern[str], joined: str, starts: list[int]) -> set[int]:
    """Runs where `pattern` (one of the `*_ONWARDS`) matches."""
    return {bisect_right(starts, match.start()) - 1 for match in pattern.finditer(joined)}


def _runs_with_digits(joined: str, ascii_text: bytes, starts: list[int]) -> set[int]:
    """Runs with a `\\d`. `_DIGIT_ONWARDS` tests each character's Unicode category,
    which took a tenth of the extraction; with every ASCII digit made a "0",
    `bytes.find` skips to the next run that holds one. A page with a non-ASCII
    digit (Arabic-Indic, full-width) goes to the regex."""
    if not joined.isascii() and _DIGIT.search(_non_ascii(joined)):
        return _runs_matching(_DIGIT_ONWARDS, joined, starts)
    return _runs_holding(ascii_text.translate(_DIGITS_AS_ZERO), b"0", starts)


def _runs_with_stops(joined: str, ascii_text: bytes, starts: list[int]) -> set[int]:
    """Runs where `_STOP_ONWARDS` matches, by `find` as in `_runs_with_digits`.
    "?" is looked for in `joined`: in `ascii_text` it also stands for non-ASCII."""
    found = _runs_holding(ascii_text.translate(_STOPS_AS_DOT), b".", starts)
    for stop in ("?", "—", "–"):
        found |= _runs_holding(joined, stop, starts)
    return found


def _runs_holding(text: AnyStr, mark: AnyStr, starts: list[int]) -> set[int]:
    """Runs (by number) in which `text` (the joined runs) holds `mark`: one
    `find`, which runs in C, per such run."""
    found: set[int] = set()
    last = len(starts) - 1
    at = text.find(mark)
    while at >= 0:
        run = bisect_right(starts, at) - 1
        found.add(run)
        if run == last:
            break
        at = text.find(mark, starts[run + 1])
    return found


def _non_ascii(text: str) -> str:
    """The non-ASCII characters of `text`: ASCII bytes never occur inside a
    UTF-8 sequence, so deleting them leaves whole characters."""
    encoded = text.encode("utf-8", "surrogatepass")
    return encoded.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")


def _runs_spelling_numbers(texts: Sequence[str], joined: str, ascii_text: bytes,
                           starts: list[int]) -> set[int]:
    """Runs where `_WORD_FIGURE` may match: those with a number word as a whole
    word. Ignoring case, the pattern's letters match only ASCII letters and
    `_FOLDS_TO_ASCII`; pages with one of those go to the regex run by run."""
    if any(char in joined for char in _FOLDS_TO_ASCII):
        return {number for number, text in enumerate(texts) if _WORD_FIGURE.search(text)}
    # Lower case, each non-word byte a space.
    words = ascii_text.translate(_ASCII_WORDS)
    padded = b" " + words + b" "
    found: set[int] = set()
    for word in _NUMBER_WORD_BYTES.intersection(words.split()):
        token = b" " + word + b" "
        at = padded.find(token)
        while at >= 0:  # the word starts at `at` in `joined` (`padded` is one longer)
            found.add(bisect_right(starts, at) - 1)
            at = padded.find(token, at + 1)
    return found


def _clause_count(text: str) -> int:
    return 1 + len(_SENTENCE_END.findall(text))


def _clauses(text: str, first_group: int, may_end: bool = True) -> list[_Clause]:
    """Sentences (or dash-separated clauses); `may_end` False: the whole run."""
    clauses: list[_Clause] = []
    start = 0
    for match in _SENTENCE_END.finditer(text) if may_end else ():
        clauses.append((start, match.start(), first_group + len(clauses)))
        start = match.end()
    clauses.append((start, len(text), first_group + len(clauses)))
    return clauses


class _RunReader:
    """Reads the figures of one text run."""

    __slots__ = ("cell", "clauses", "digits", "limit", "run", "run_number", "spelled", "text")

    def __init__(self, run: TextRun, run_number: int, clauses: list[_Clause], cell: int,
                 digits: bool = True, spelled: bool = True, text: str | None = None) -> None:
        self.run = run
        self.run_number = run_number
        # The run's text, and the next line's when a paragraph wraps there: a figure
        # starts on its own line, but its unit, noun and period may go on to the next.
        self.text = run.text if text is None else text
        self.limit = len(run.text)  # figures start before it; spans end by it
        self.cell = cell
        self.clauses = clauses
        self.digits = digits  # False: no digit, so no `FIGURE`
        self.spelled = spelled  # False: no `_WORD_FIGURE`

    def clause_at(self, offset: int) -> _Clause:
        """The clause holding `offset`, else the last. Clauses are in order and
        apart, so only the last one starting at or before `offset` can hold it."""
        clauses = self.clauses
        if len(clauses) == 1:  # most runs: a table cell, a short item
            return clauses[0]
        at = bisect_right(clauses, offset, key=_clause_start) - 1
        if at >= 0 and offset <= clauses[at][1]:
            return clauses[at]
        return clauses[-1]

    def quantities(self) -> list[Quantity]:
        # Lists, not generators: a page has thousands of runs with a figure or two.
        found = self._digit_figures() if self.digits else []
        if self.spelled:
            found.extend(self._word_figures())
        return found

    def _digit_figures(self) -> list[Quantity]:
        text = self.text
        found: list[Quantity] = []
        skip: list[tuple[int, int]] = []
        if "-" in text or ":" in text:  # every date or time has one
            skip = [m.span() for m in DATE_OR_TIME.finditer(text)]
        position = 0
        limit = self.limit
        while (candidate := FIGURE_START.search(text, position, limit)) is not None:
            match = FIGURE.match(text, candidate.start())
            if match is None:
                position = candidate.end()
                continue
            position = match.end()
            if skip and any(start <= match.start() < end for start, end in skip):
                continue
            # Versions and dotted numbers (1.2.3), and numbers glued to letters (5G, 2nd).
            tail = text[match.end():match.end() + 2]
            if tail[:1] == "." and _DIGIT.match(tail, 1):
                continue
            quantity = self._figure(match)
            if quantity is not None:
                position = max(position, quantity.span.end_column - self.run.column)
                found.append(quantity)
        return found

    # -- pieces ------------------------------------------------------------------

    def _figure(self, match: re.Match[str]) -> Quantity | None:
        text = self.text
        money, number, suffix = match.group("money", "num", "suffix")
        value = _parse_number(number)
        decimals = _decimals(number)
        end = match.end()
        if suffix:
            value *= _SUFFIXES[suffix]
        elif text[end:end + 1].isspace():  # `_SCALE_AFTER` starts with a space
            scale = _SCALE_AFTER.match(text, end)
            if scale:
                value *= _SCALE_WORDS[scale.group(1)]
                end = scale.end()
        high: float | None = None
        unit_at = end
        # A unit before the range's second number: 8ms-10ms.
        first_at = end
        first_unit = self._unit(end)
        join_at = first_unit[1] if first_unit[0] else end
        join = _RANGE_JOIN.match(text, join_at) if _may_join(text[join_at:join_at + 1]) else None
        if join:
            second = _SECOND.match(text, join.end())
            worded = join.group(0).strip() in ("to", "through")
            if worded and second and (_FROM_BEFORE.search(text, 0, match.start("num"))
                                      or _parse_number(second.group("num")) < value):
                second = None  # "from 200 ms to 50 ms" is a change, not a range
            if second and not (first_unit[0] and first_unit[0].dimension == "percent"
                               and text[second.end():second.end() + 1] != "%"):
                high = _parse_number(second.group("num"))
                decimals = max(decimals, _decimals(second.group("num")))
                if second.group("suffix"):
                    high *= _SUFFIXES[second.group("suffix")]
                elif suffix:
                    high *= _SUFFIXES[suffix]  # 10-20k
                money = money or second.group("money")
                end = second.end()
                unit_at = end
            else:
                join = None
        if not join:
            unit_at = end
        plus = text[unit_at:unit_at + 1] == "+"
        if plus:
            unit_at += 1
        unit, unit_end, noun_start = first_unit if unit_at == first_at else self._unit(unit_at)
        if unit is None and first_unit[0] is not None and high is not None:
            unit, unit_end, noun_start = first_unit
        elif (high is not None and unit is not None and first_unit[0] is not None
              and first_unit[0] is not unit and unit.dimension == first_unit[0].dimension
              and unit.factor and first_unit[0].factor):
            # 100ms-1s: both ends in the first end's unit.
            high = high * unit.factor / first_unit[0].factor
            unit = first_unit[0]
        if not text[unit_at:unit_end].strip() and text[unit_end:unit_end + 1] == "+":
            plus = True
        if unit is None and self._glued(unit_at):
            return None
        end = max(unit_end, end)
        if text[end:end + 1] == "+":
            plus = True
            end += 1
            noun_start = max(noun_start, end)
        start = match.start()
        bound = self._bound(start)
        if bound[0]:
            start = bound[1]
        bound_kind = bound[0] or ("lower" if plus else "")
        if money:
            dimension, unit_name, factor, symbol = "money", {"$": "USD", "€": "EUR",
                                                             "£": "GBP"}[money], 1.0, money
        elif unit is not None:
            dimension, unit_name, factor, symbol = (unit.dimension, unit.name, unit.factor,
                                                    unit.symbol)
        else:
            dimension, unit_name, factor, symbol = "count", "", 1.0, ""
        noun, per, per_seconds, stop = self._noun_and_period(noun_start, dimension)
        reach = self.run.column + min(max(stop if (noun or per) else end, end), self.limit)
        if high is not None and high < value and dimension == "count" and not noun:
            return None  # "3-1" in a score or an ID, not a range
        clause_start, clause_end, group = self.clause_at(match.start())
        column = self.run.column
        span = Span(self.run.line, column + start, self.run.line,
                    column + min(end, self.limit))
        # Positional, in field order: keywords make a 20-field named tuple ~3x slower to build.
        return Quantity(
            value, high, unit_name, dimension, factor, symbol, per, per_seconds, noun,
            bound_kind, text[start:end], span, self.run.context, self.run_number, group,
            self.cell, decimals, text[max(clause_start, start - CONTEXT):start],
            text[end:min(clause_end, end + CONTEXT)], reach,
        )

    def _glued(self, at: int) -> bool:
        """A number glued to letters that are no unit (5G, 2nd, 3x) is no figure."""
        following = self.text[at:at + 1]
        return bool(following) and (following.isalpha() or following == "_")

    def _unit(self, at: int) -> tuple[Unit | _Special | None, int, int]:
        """The unit right after a number: (unit, end of unit, start of noun)."""
        text = self.text
        following = text[at:at + 1]
        if following == "%":
            return _PERCENT, at + 1, at + 1
        if not (following.isalnum() or following.isspace() or following == "-"):
            return None, at, at  # every pattern below starts with one of those
        if text[at:at + 2] == " %":
            return _PERCENT, at + 2, at + 2
        percent = _PERCENT_WORD.match(text, at)
        if percent:
            return _PERCENT, percent.end(), percent.end()
        nines = _NINES.match(text, at)
        if nines:
            return _NINES_UNIT, nines.end(), nines.end()
        token = _UNIT_TOKEN.match(text, at)
        if token is None:
            return None, at, at
        word = token.group("unit")
        found = lookup(word)
        if found is None:
            return None, at, at
        end = token.end()
        # km/s, TB/year: the denominator is read as the period of a rate (see _PER).
        return found, end, end

    def _bound(self, start: int) -> tuple[str, int]:
        before = self.text[max(0, start - 20):start]
        tail = before.rstrip()
        # The regex tries every offset; most figures follow no bound word at all.
        # Ignoring case, its letters match only ASCII ones and `_FOLDS_TO_ASCII`.
        if ((tail.isascii() or not any(char in tail for char in _FOLDS_TO_ASCII))
                and not tail.lower().endswith(_BOUND_ENDINGS)):
            return "", start
        match = _BOUND_BEFORE.search(before)
        if not match:
            return "", start
        word = match.group("bound").lower().rstrip()
        origin = start - len(before) + match.start("bound")
        if word in _UPPER:
            return "upper", origin
        if word in _LOWER:
            return "lower", origin
        if word in _APPROX:
            return "approx", origin
        return "", start

    def _noun_and_period(self, at: int, dimension: str) -> tuple[str, str, float, int]:
        """Words naming what is counted, and a period (`/s`, `per day`, `a year`)."""
        text = self.text
        following = text[at:at + 1]
        if not (following.isalnum() or following.isspace() or following in ("/", "-")):
            return "", "", 0.0, at  # a period, a gap or a word starts with one of those
        words: list[str] = []
        position = at
        checked = -1  # the last position `_period_at` was asked about
        for _ in range(4):
            found = _period_at(text, position)
            checked = position
            if found is not None:
                return (" ".join(words).lower(), *found)
            gap = _GAP.match(text, position)
            if not gap and position != at:
                break
            word = _WORD.match(text, gap.end() if gap else position)
            if word is None:
                break
            lowered = word.group(0).lower()
            if lowered in _NOUN_STOP:
                # "of downtime per month": keep looking for the period past "of".
                if lowered == "of" and not words:
                    position = word.end()
                    continue
                break
            words.append(word.group(0))
            position = word.end()
            if len(words) >= 3:
                break
        found = _period_at(text, position) if position != checked else None
        if found is not None:
            return (" ".join(words).lower(), *found)
        return " ".join(words).lower(), "", 0.0, position

    def _word_figures(self) -> Iterator[Quantity]:
        """Spelled-out numbers, kept only with a unit, a scale or a period:
        "five nines", "fifty million matches a day", "four renewals per minute"."""
        text = self.text
        for match in _WORD_FIGURE.finditer(text, 0, self.limit):
            parts = match.group("word").lower().split("-")
            if any(part not in _NUMBER_WORDS for part in parts):
                continue  # 'ſix', 'fıve': the case-blind regex matches, lower() does not map
            value = float(sum(_NUMBER_WORDS[part] for part in parts))
            end = match.end()
            scale = _WORD_SCALE_AFTER.match(text, end)
            if scale:
                value *= 100 if scale.group(1) == "hundred" else _SCALE_WORDS[scale.group(1)]
                end = scale.end()
            unit, unit_end, noun_start = self._unit(end)
            if unit is _PERCENT:
                continue
            if unit is None and _PERCENT_AFTER.match(text, end):
                continue
            noun, per, per_seconds, _stop = self._noun_and_period(
                noun_start, unit.dimension if unit else "count")
            if unit is None and not per and not scale:
                continue
            if unit is not None and unit is not _NINES_UNIT and not isinstance(unit, Unit):
                continue
            dimension = unit.dimension if unit else "count"
            clause_start, clause_end, group = self.clause_at(match.start())
            span = Span(self.run.line, self.run.column + match.start(), self.run.line,
                        self.run.column + min(max(unit_end, end), self.limit))
            stop = max(unit_end, end)
            yield Quantity(  # positional, as in `_figure`
                value, None, unit.name if unit else "", dimension,
                unit.factor if unit else 1.0, unit.symbol if unit else "", per, per_seconds,
                noun, "", text[match.start():stop], span, self.run.context, self.run_number,
                group, self.cell, 0, text[max(clause_start, match.start() - CONTEXT):match.start()],
                text[stop:min(clause_end, stop + CONTEXT)],
            )


@dataclass(frozen=True, slots=True)
class _Special:
    name: str
    dimension: str
    factor: float
    symbol: str


_PERCENT = _Special("percent", "percent", 1.0, "%")
_NINES_UNIT = _Special("nines", "nines", 1.0, " nines")


def _may_join(following: str) -> bool:
    """Whether `_RANGE_JOIN` can match before `following`, its first character."""
    return following in _JOIN_STARTS or following.isspace()


def _period_at(text: str, position: int) -> tuple[str, float, int] | None:
    """(period name, its seconds, end offset) if a period (`/s`, `per day`) starts here."""
    following = text[position:position + 1]
    if following != "/" and not following.isspace():
        return None  # `_PER` starts with one of those
    period = _PER.match(text, position)
    if period is None:
        return None
    seconds_in = _period_seconds(period.group("period"))
    if seconds_in is None:
        return None
    return _period_name(period.group("period")), seconds_in, period.end()


def _period_seconds(word: str) -> float | None:
    unit = lookup(word)
    if unit is None and word.lower() in ("s", "sec"):
        unit = lookup("second")
    if unit is None or unit.dimension != "time":
        return None
    return unit.factor


def _period_name(word: str) -> str:
    unit = lookup(word)
    return unit.name if unit is not None else word


def _wraps(run: TextRun, following: TextRun | None) -> bool:
    """Whether `following` goes on with `run`'s text: a paragraph wrapped with a
    soft line break (not a hard one: two spaces or a backslash at the line end)."""
    return (following is not None and following.continues and run.context != "table"
            and following.context == run.context and not run.text.endswith("  ")
            and not run.text.rstrip(" ").endswith("\\"))


def _ends_clause(text: str, following: str) -> bool:
    """Whether a clause ends where `text` wraps onto `following` (`_SENTENCE_END`
    read across the line break)."""
    last = text.rstrip()
    first = following.lstrip()
    if last.endswith((".", "!", "?", ";")) and first and not "a" <= first[0] <= "z" \
            and not last.lower().endswith(_ABBREVIATIONS):
        return True
    return last.endswith(("—", "–")) or first.startswith(("—", "–"))


def _read_back(found: list[Quantity], first_group: int, previous: str) -> list[Quantity]:
    """Figures of a run's first clause, when that clause began on the line before:
    their `before` starts where the clause does."""
    tail = previous[-CONTEXT:]
    start = 0
    for match in _SENTENCE_END.finditer(tail):
        start = match.end()
    tail = tail[start:].strip()
    return [quantity._replace(before=f"{tail} {quantity.before}"[-CONTEXT:])
            if quantity.group == first_group else quantity for quantity in found]


def extract_quantities(runs: Sequence[TextRun]) -> Iterator[Quantity]:
    """Every figure of the page (its index's text runs), in reading order. A
    sentence wrapped over lines is one group; its figures read on past the line
    end for their unit, noun and period."""
    group = 0
    cells: dict[int, int] = {}
    marks = _Marks.of([run.text for run in runs])
    carried = False  # the last clause of the run before goes on in this run
    for number, run in enumerate(runs):
        joined = carried
        if carried:
            group -= 1  # this run's first clause is that clause
        following = runs[number + 1] if number + 1 < len(runs) else None
        wraps = _wraps(run, following)
        carried = wraps and following is not None and not _ends_clause(run.text, following.text)
        cell = -1
        digits, spelled = number in marks.digits, number in marks.spelled
        if run.context == "table":
            cell = cells.get(run.line, 0)
            cells[run.line] = cell + 1
            if not (digits or spelled):
                continue
            # Cells of one table row form one group.
            clauses = [(0, len(run.text), -run.line)]
            text = None
        elif not (digits or spelled):
            # No figure, but its clauses still count in the numbering of groups.
            group += _clause_count(run.text) if number in marks.stops else 1
            continue
        elif wraps and following is not None:
            text = f"{run.text} {following.text.lstrip()}"
            clauses = _clauses(text, group)
            # Clauses that start on the next line are that run's to count.
            group += sum(1 for start, _end, _group in clauses if start <= len(run.text))
        else:
            text = None
            clauses = _clauses(run.text, group, number in marks.stops)
            group += len(clauses)
        found = _RunReader(run, number, clauses, cell, digits, spelled, text).quantities()
        if len(found) > 1:
            found.sort(key=lambda item: item.span)
        if joined and found:
            found = _read_back(found, clauses[0][2], runs[number - 1].text)
        yield from found
