"""Worked arithmetic in the text gives the wrong result (`0.9³ ≈ 81%`).

Why: a worked example teaches the method; a wrong result teaches the wrong
one. An expression of figures and operators (+ − × / ^ ² ³, parentheses)
followed by `=` or `≈` and one figure (not a right side that goes on with an
operator and a figure, `= 512 * 12`: a step of the working) is evaluated with
units (500M records/day
× 1 KB × 365 days is 183 TB), and percentages near 100% are compared by what
they leave over, so a missing nine is caught. One figure restated in another
unit is checked too (`1 Gbps = 125 MB/s`, `2 hours = 120 minutes`; data sizes
in decimal or binary prefixes; not days, weeks, months or years, which plans
count in working time). A result written with dots between thousands (`1.024`,
as Spanish or German write 1024) is right if either reading agrees. An expression under a function
(`ceil(2,300 / 1000) = 3`) or holding a share of a whole it does not give
(`(20% of all) × 200 bytes`) is not read.

Bad:
```markdown
Three acknowledgements all arrive with probability 0.9³ ≈ 81%.
```

Good:
```markdown
Three acknowledgements all arrive with probability 0.9³ ≈ 73%.
```
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from curriculint.checks.targets.agreement import (
    Tolerance,
    agrees,
    complement_agrees,
    groups,
    in_unit,
    number,
    once_per_claim,
    shown,
    span_text,
)
from curriculint.index.quantities import Quantity, singular
from curriculint.load.document import Document, Finding, Severity

CODE = "NUM008"
NAME = "stated-arithmetic"
SEVERITY = Severity.ERROR


class Options(Tolerance):
    pass


_SCIENTIFIC = re.compile(r"[×x*]\s*10\s*(?:\^|[⁻⁰¹²³⁴⁵⁶⁷⁸⁹])|\de[+-]?\d")
_EQUALS = re.compile(r"(?<![<>=!~])(?:≈|≅|~=|=)(?!=)")
_EQUALS_SIGNS = ("=", "≈", "≅")  # every `_EQUALS` match holds one
_QUALIFIER = re.compile(r"^\s*(?:per\s+[^\W\d_]+|[^\W\d_]{2,}(?:\s+[^\W\d_]{2,})?)"
                        r"(?=\s*[×x*/÷·+\-−–)])", re.IGNORECASE)
_QUALIFIER_AT_SIGN = re.compile(r"^\s*(?:per\s+[^\W\d_]+|[^\W\d_]{2,}(?:\s+[^\W\d_]{2,})?)"
                                r"(?=\s*(?:[×x*/÷·+\-−–)]|$))", re.IGNORECASE)
# A percentage followed by the whole it is a share of, in words.
_SHARE_OF = re.compile(r"^\s*of\s+(?:the\s+)?[^\W\d_]")
# A function applied to what follows: `ceil(`, `log2(`, `max(`.
_CALL = re.compile(r"[A-Za-z_]\w*\(\s*$")
_OPERATOR_TEXT = re.compile(r"[\s()+\-−–×x*/÷^²³·]*")
# Bare numbers that convert units (÷60, ×8 bits): with units around them the
# author's arithmetic is in their head, not on the page.
_CONVERSIONS = frozenset({8.0, 24.0, 60.0, 365.0, 1000.0, 1024.0, 3600.0, 86400.0})
_DIMENSIONS = {"time": {"time": 1}, "frequency": {"time": -1}, "data": {"data": 1},
               "bandwidth": {"data": 1, "time": -1}, "length": {"length": 1},
               "speed": {"length": 1, "time": -1}, "money": {"money": 1}}


@dataclass(frozen=True)
class _Value:
    magnitude: float
    dims: tuple[tuple[str, int], ...]
    percent: bool = False


def _dims(mapping: dict[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((key, power) for key, power in mapping.items() if power))


def _operand(quantity: Quantity) -> _Value:
    dims = dict(_DIMENSIONS.get(quantity.dimension, {}))
    magnitude = quantity.base
    if quantity.per_seconds:
        dims["time"] = dims.get("time", 0) - 1
        magnitude /= quantity.per_seconds
    return _Value(magnitude, _dims(dims), quantity.dimension == "percent")


def _combine(left: _Value, right: _Value, sign: int) -> tuple[tuple[str, int], ...]:
    dims = dict(left.dims)
    for key, power in right.dims:
        dims[key] = dims.get(key, 0) + sign * power
    return _dims(dims)


class _Parser:
    """Recursive descent over tokens: numbers (as _Value) and operator characters."""

    def __init__(self, tokens: list[_Value | str]) -> None:
        self.tokens = tokens
        self.position = 0

    def peek(self) -> _Value | str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> _Value | str | None:
        token = self.peek()
        self.position += 1
        return token

    def expression(self) -> _Value:
        value = self.term()
        while self.peek() in ("+", "-"):
            operator = self.take()
            right = self.term()
            if right.dims != value.dims and right.dims and value.dims:
                raise ValueError("adding unlike units")
            dims = value.dims or right.dims
            magnitude = value.magnitude + right.magnitude if operator == "+" else \
                value.magnitude - right.magnitude
            value = _Value(magnitude, dims, value.percent and right.percent)
        return value

    def term(self) -> _Value:
        value = self.factor()
        while self.peek() in ("*", "/"):
            operator = self.take()
            right = self.factor()
            if operator == "*":
                value = _Value(value.magnitude * right.magnitude, _combine(value, right, 1))
            else:
                if right.magnitude == 0:
                    raise ValueError("division by zero")
                value = _Value(value.magnitude / right.magnitude, _combine(value, right, -1))
        return value

    def factor(self) -> _Value:
        value = self.primary()
        while self.peek() in ("^2", "^3"):
            power = int(str(self.take())[1])
            value = _Value(value.magnitude ** power,
                           _dims({key: p * power for key, p in value.dims}))
        return value

    def primary(self) -> _Value:
        token = self.take()
        if isinstance(token, _Value):
            return token
        if token == "(":
            value = self.expression()
            if self.take() != ")":
                raise ValueError("unbalanced")
            return value
        if token == "-":
            inner = self.primary()
            return _Value(-inner.magnitude, inner.dims, inner.percent)
        raise ValueError(f"unexpected {token!r}")


def _operator_tokens(text: str) -> list[str] | None:
    tokens: list[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char.isspace():
            position += 1
            continue
        if char == "^" and text[position + 1:position + 2] in ("2", "3"):
            tokens.append("^" + text[position + 1])
            position += 2
            continue
        mapped = {"+": "+", "-": "-", "−": "-", "–": "-", "×": "*", "x": "*", "*": "*",
                  "·": "*", "/": "/", "÷": "/", "(": "(", ")": ")", "²": "^2", "³": "^3"}
        if char not in mapped:
            return None
        if char == "x" and not (text[position - 1:position].isspace() if position else False):
            return None
        tokens.append(mapped[char])
        position += 1
    return tokens


def _extent_end(quantity: Quantity) -> int:
    return max(quantity.reach, quantity.span.end_column) if quantity.per else \
        quantity.span.end_column


@once_per_claim
def check(doc: Document, options: Options | None = None) -> Iterator[Finding]:
    options = options or Options()
    yield from _symbol_multiples(doc, options)
    yield from _products_in_prose(doc, options)
    by_run: dict[int, list[Quantity]] = {}
    for quantity in doc.index.quantities:
        by_run.setdefault(quantity.run, []).append(quantity)
    for run_number, members in by_run.items():
        run = doc.index.text_runs[run_number]
        if not any(map(run.text.__contains__, _EQUALS_SIGNS)):
            continue  # `_EQUALS` cannot match: most runs hold no equation
        if "$$" in run.text or "\\" in run.text or _SCIENTIFIC.search(run.text):
            continue  # LaTeX and 8×10⁻⁴ notation: not plain arithmetic
        members.sort(key=lambda q: q.span.column)
        for sign in _EQUALS.finditer(run.text):
            found = _check_equation(run.text, run.column, sign, members, options)
            if found is not None:
                yield found


def _column_of(quantity: Quantity) -> int:
    return quantity.span.column


# An operator and a figure after the figure right of a sign.
_RIGHT_GOES_ON = re.compile(r"\s*[*×x/÷+\-−–^]\s*[\d(]")

# The most figures an expression left of a sign is read back over.
_LONGEST = 24


def _check_equation(text: str, column: int, sign: re.Match[str], members: list[Quantity],
                    options: Options) -> Finding | None:
    sign_column = column + sign.start()
    # `members` is sorted by column: bisect, not a scan per sign (a line of a
    # thousand equations made the rule quadratic).
    first_after = bisect_left(members, sign_column, key=_column_of)
    result = next((q for q in members[first_after:first_after + 3]
                   if q.span.end_column > column + sign.end()), None)
    if result is None:
        return None
    between = text[sign.end():max(result.span.column - column, sign.end())]
    if between.strip() or result.high is not None or result.bound in ("upper", "lower"):
        return None
    if _RIGHT_GOES_ON.match(text, _extent_end(result) - column):
        return None  # `= 512 * 12`: the right side is an expression of its own, a step
    # Walk left from the sign over operators and whole figures.
    tokens: list[_Value | str] = []
    used: list[Quantity] = []
    cursor = sign_column
    for quantity in reversed([q for q in members[max(0, first_after - _LONGEST):first_after]
                              if q.span.end_column <= sign_column]):
        written = gap = text[_extent_end(quantity) - column:cursor - column]
        # "2 TB per node × 12 nodes =": the words after a figure that say what
        # it counts, or what each one is, belong to it.
        gap = (_QUALIFIER_AT_SIGN if cursor == sign_column else _QUALIFIER).sub("", gap, count=1)
        if _extent_end(quantity) > cursor or not _OPERATOR_TEXT.fullmatch(gap):
            break
        if quantity.dimension == "percent" and _SHARE_OF.match(written):
            return None  # "(20% of all) × 200 bytes": a share of a whole the text does not give
        operators = _operator_tokens(gap)
        if operators is None or quantity.high is not None:
            break
        tokens[:0] = [_operand(quantity), *operators]
        used.insert(0, quantity)
        cursor = quantity.span.column
    # What comes before the expression: a few characters are enough to see it.
    before = text[max(0, cursor - column - 64):cursor - column]
    if re.search(r"[+\-−–×*/÷x^]\s*$", before.rstrip("( ")) and \
            not re.search(r"[(]\s*$", before):
        return None  # the expression starts further left (`2^30 bytes`): not all of it is ours
    if len(used) == 1 and len(tokens) == 1:
        return _conversion(text, column, cursor, sign, used[0], result, options)
    if not used or (len(used) < 2 and not any(t in ("^2", "^3") for t in tokens)):
        return None
    if _CALL.search(before):
        return None  # "ceil(2,300 / 1000) = 3": a function of the expression, not the expression
    # Leading "(" before the first figure, and "1 -" style prefixes, belong too.
    prefix = before
    opening = len(prefix) - len(prefix.rstrip("( "))
    tokens[:0] = ["("] * prefix[len(prefix) - opening:].count("(")
    while tokens and tokens[-1] == "(":
        tokens.pop()
    if tokens.count("(") != tokens.count(")"):
        return None
    if not any(token in ("+", "-", "*", "/", "^2", "^3") for token in tokens):
        return None
    with_units = [q for q in used if q.dimension not in ("count", "percent")]
    if with_units and any(q.dimension == "count" and q.value in _CONVERSIONS for q in used):
        return None
    try:
        parser = _Parser(tokens)
        value = parser.expression()
        if parser.position != len(tokens):
            return None
    except (ValueError, ZeroDivisionError, OverflowError):
        return None
    approximate = sign.group(0) != "=" or result.bound == "approx"
    additive = not any(token in ("*", "/", "^2", "^3") for token in tokens)
    expected_text = _compare(value, _operand(result), result, options, approximate, additive)
    if expected_text is None or any(
            _compare(value, _operand(other), other, options, approximate, additive) is None
            for other in _thousands_dots(result)):
        return None
    expression = text[cursor - column:sign.start()].strip()
    return Finding(CODE, result.span,
                   f"{expression} is {expected_text}; the text says {shown(result)}")


# Units a conversion is read between: time below a day (a "day" of work is 8
# hours, a "week" 5 days, a month 4 weeks in plans), data and its rates,
# frequency, length and speed.
_CONVERTED = frozenset({"time", "data", "bandwidth", "frequency", "length", "speed"})
_CALENDAR = re.compile(r"\b(?:day|week|month|year|fortnight|decade|century)")


def _conversion(text: str, column: int, cursor: int, sign: re.Match[str], left: Quantity,
                result: Quantity, options: Options) -> Finding | None:
    """`1 Gbps = 125 MB/s`, `100 ms = 0.1 s`: one figure restated in another unit.
    Data sizes agree in decimal or binary prefixes (`1 KB = 1024 bytes`)."""
    if left.dimension not in _CONVERTED or left.high is not None or left.bound or left.noun \
            or result.noun or (left.unit == result.unit and left.per == result.per):
        return None
    if text[_extent_end(left) - column:sign.start()].strip():
        return None  # words between the figure and the sign
    if any(_CALENDAR.search(f"{quantity.unit} {quantity.per}") for quantity in (left, result)):
        return None
    value, stated = _operand(left), _operand(result)
    if value.dims != stated.dims or not value.dims:
        return None
    approximate = sign.group(0) != "=" or result.bound == "approx"
    expected = _compare(value, stated, result, options, approximate, True)
    if expected is None or any(
            _restates(one, other, options, approximate)
            for one in (left, *_thousands_dots(left))
            for other in (result, *_thousands_dots(result))):
        return None
    written = text[left.span.column - column:sign.start()].strip()
    return Finding(CODE, result.span, f"{written} is {expected}; the text says {shown(result)}")


def _restates(left: Quantity, result: Quantity, options: Options, approximate: bool) -> bool:
    """`result` is `left` in another unit; data sizes in decimal or binary prefixes."""
    value = _operand(left)
    if _compare(value, _operand(result), result, options, approximate, True) is None:
        return True
    if "data" not in dict(value.dims):
        return False
    ratio = result.base / value.magnitude if result.per_seconds == 0 else \
        (result.base / result.per_seconds) / value.magnitude
    return ratio > 0 and any(abs(ratio - 1.024 ** power) <= options.relative * 1.024 ** power
                             for power in range(-4, 5))  # binary prefixes: a KB of 1024 bytes


_DOTTED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?![\d.,])")


def _thousands_dots(quantity: Quantity) -> tuple[Quantity, ...]:
    """The figure read with dots between thousands, as Spanish, German or Italian
    write them (`1.024 gigabytes` is 1024), where it is written so; else none."""
    match = _DOTTED_THOUSANDS.match(quantity.text)
    if match is None or quantity.high is not None:
        return ()
    whole = float(match.group(0).replace(".", ""))
    return (quantity._replace(value=whole * quantity.value / float(match.group(0)), decimals=0),)


def _compare(value: _Value, stated: _Value, result: Quantity, options: Options,
             approximate: bool, additive: bool) -> str | None:
    """None when the result agrees; else the correct result in words."""
    if not value.dims and result.dimension == "percent":
        if value.percent or value.magnitude <= 1.0:
            fraction = value.magnitude
        else:
            fraction = value.magnitude / 100
        if complement_agrees(result.value / 100, fraction, result.decimals, options) or \
                (approximate and agrees(result.value, fraction * 100, result.decimals, options,
                                        True)):
            return None
        return f"{number(fraction * 100, 4 if fraction > 0.99 else 3)}%"
    if not value.dims and not stated.dims:
        # (a time per time, `2 h/wk × 3 = 6 h/wk`, cancels to a fraction: read the
        # result in its own unit)
        size = result.factor / result.per_seconds if result.per_seconds and \
            result.dimension == "time" else 1.0
        if agrees(result.value, value.magnitude / size, result.decimals, options, approximate):
            return None
        return f"{number(value.magnitude / size)} {result.symbol}/{result.per}" \
            if size != 1.0 else number(value.magnitude)
    if not value.dims:
        # Plain numbers with a unit on the result: sums are in that unit; products
        # and quotients may hide a unit conversion (16,600 / 200,000 = 83 ms).
        if value.percent is False and not additive:
            return None
        if agrees(result.value, value.magnitude, result.decimals, options, approximate):
            return None
        return f"{number(value.magnitude)} {result.symbol}".strip()
    unit_size = result.factor / result.per_seconds if result.per_seconds else result.factor
    if value.dims == stated.dims:
        expected = value.magnitude / unit_size
    elif result.per_seconds and value.dims == _combine(stated, _Value(1, (("time", 1),)), 1):
        expected = value.magnitude / result.factor  # a total over one stated period
    else:
        return None
    if agrees(result.value, expected, result.decimals, options, approximate):
        return None
    per = f"/{result.per}" if result.per else ""
    return f"{number(expected)} {result.symbol}{per}".strip()


# `ε capped at 7 ms`, `δ = 40 ms`, `τ of 2 s`: a symbol given a value in the sentence.
_DEFINED = re.compile(r"(?P<symbol>[α-ωΑ-Ω])\s*(?:=|≈|:|is|of|at|capped at|bounded by|set to|"
                      r"up to|of up to|≤|<=|<)\s*(?:about|roughly|at most|~)?\s*$")
_MULTIPLE = "(?<![\\w.])(?P<factor>\\d+(?:\\.\\d+)?)\\s*[×x*·]?\\s*{symbol}(?!\\w)"


def _symbol_multiples(doc: Document, options: Options) -> Iterator[Finding]:
    """`With ε capped at 7 ms, commit wait (2ε) adds at most 7 ms`: a multiple of
    a symbol the sentence gave a value to, followed by its value."""
    runs = doc.index.text_runs
    by_run: dict[int, list[Quantity]] = {}
    for quantity in doc.index.quantities:
        by_run.setdefault(quantity.run, []).append(quantity)
    for run_number, members in by_run.items():
        text = runs[run_number].text
        column = runs[run_number].column
        for position, defined in enumerate(members):
            match = _DEFINED.search(defined.before[-16:])
            if match is None or defined.is_range or defined.dimension in ("count", "percent"):
                continue
            symbol = match.group("symbol")
            pattern = re.compile(_MULTIPLE.format(symbol=re.escape(symbol)))
            for multiple in pattern.finditer(text, defined.span.end_column - column):
                stated = next((q for q in members[position + 1:]
                               if q.span.column - column >= multiple.end()), None)
                if stated is None or stated.dimension != defined.dimension or stated.is_range:
                    break
                if stated.span.column - column - multiple.end() > 40:
                    break
                factor = float(multiple.group("factor"))
                expected = factor * defined.base / (stated.factor or 1.0)
                if not agrees(stated.value, expected, stated.decimals, options,
                              stated.bound == "approx"):
                    yield Finding(
                        CODE, stated.span,
                        f"{multiple.group(0)} with {symbol} = {shown(defined)} is "
                        f"{number(expected)} {stated.symbol}; the text says {shown(stated)}")
                break


_OF_THEM = re.compile(r"^\s*(?:of\s+)?(?:them|these|those|such)\b", re.IGNORECASE)
_SIZES = frozenset({"character", "char", "byte"})
_TOTALS = ("data", "time", "money")


def _products_in_prose(doc: Document, options: Options) -> Iterator[Finding]:
    """Sizes multiplied in words: `a 600×400 image takes 960,000 bytes. A page with 25
    of them needs about 2.4 MB`, and `16,384 entries of up to 64 characters ... hold
    about 256 KiB`."""
    ordered = [members for members in groups(doc).values() if members[0].cell < 0]
    for position, members in enumerate(ordered):
        totals = [q for q in members if q.dimension in _TOTALS and not q.per
                  and q.high is None and q.base > 0]
        counts = [q for q in members if q.dimension == "count" and not q.per
                  and q.high is None and q.value > 1]
        if len(totals) != 1 or not counts:
            continue
        total = totals[0]
        many = [q for q in counts if _OF_THEM.match(q.after) or q.noun.startswith(
            ("them", "these", "those", "such"))]
        sizes = [q for q in counts if q.noun and singular(q.noun.split()[0]) in _SIZES]
        if len(many) == 1 and len(counts) == 1 and position > 0 and total.span > many[0].span:
            each = [q for q in ordered[position - 1] if q.dimension == total.dimension
                    and not q.per and q.high is None and q.base > 0]
            if each:
                yield from _product(total, many[0], each[-1].base, shown(each[-1]), options)
        elif len(sizes) == 1 and len(counts) == 2 and total.dimension == "data":
            items = next(q for q in counts if q is not sizes[0])
            yield from _product(total, items, sizes[0].value, f"{shown(sizes[0])} "
                                f"{sizes[0].noun.split()[0]}", options)
    for members in ordered:
        yield from _each_times_count(members, options)
        yield from _rate_times_duration(members, options)


_EACH_AFTER = re.compile(r"^\s*(?:each|apiece|a piece)\b", re.IGNORECASE)
_EACH_OF = re.compile(r"\beach\s+of\s+(?:the|our|its|these|those)?\s*$", re.IGNORECASE)
_TOTAL_CUE = re.compile(r"\b(?:in total|total|in all|altogether|overall|combined|so|thus|"
                        r"therefore)\b|=", re.IGNORECASE)


def _each_times_count(members: list[Quantity], options: Options) -> Iterator[Finding]:
    """`Three jobs of 2 hours each take 5 hours in total`, `each of the 12 shards
    holds 250 GB, so the cluster stores 2 TB`: a count times what each one is."""
    counts = [q for q in members if q.dimension == "count" and not q.per and q.high is None
              and q.value > 1 and q.noun]
    if len(counts) != 1:
        return
    count = counts[0]
    measured = [q for q in members if q.dimension in _TOTALS and not q.per and q.high is None
                and q.bound in ("", "approx") and q.base > 0]
    if len(measured) != 2:
        return
    each, total = measured
    if each.dimension != total.dimension:
        return
    if not (_EACH_AFTER.match(each.after) or _EACH_OF.search(count.before[-20:])):
        return
    if not (count.span < total.span and each.span < total.span):
        return
    if not _TOTAL_CUE.search(total.before[-40:] + " " + total.after[:16]):
        return
    yield from _product(total, count, each.base, shown(each), options)


def _rate_times_duration(members: list[Quantity], options: Options) -> Iterator[Finding]:
    """`6 weeks at 5 hours a week, 40 hours in all`: so much a period over a
    duration is their product."""
    rates = [q for q in members if q.per_seconds and q.dimension in ("time", "count", "money",
                                                                    "data")
             and q.high is None and q.bound in ("", "approx")]
    spans = [q for q in members if q.dimension == "time" and not q.per and q.high is None
             and q.bound in ("", "approx")]
    if len(rates) != 1 or not spans:
        return
    if any(q.dimension == "count" and q is not rates[0] for q in members):
        return  # more factors (6 engineers × 9 months × $15K/month): not ours to guess
    rate = rates[0]
    totals = [q for q in spans if rate.dimension == "time" and q.unit == rate.unit]
    durations = [q for q in spans if q not in totals]
    if rate.dimension != "time":
        totals = [q for q in members if q.dimension == rate.dimension and not q.per
                  and q.high is None and q.bound in ("", "approx")
                  and (rate.dimension != "count" or q.head == rate.head)]
    if len(totals) != 1 or len(durations) != 1:
        return
    total, period = totals[0], durations[0]
    if not total.span > max(rate.span, period.span):
        return
    if not re.search(r"\b(?:in total|total|in all|altogether|overall|combined)\b|=",
                     total.before[-12:] + " " + total.after[:16], re.IGNORECASE):
        return
    expected = rate.base * period.base / rate.per_seconds
    yield from _product(total, period, rate.base / rate.per_seconds * period.base
                        / period.value, f"{shown(rate)} per {rate.per}", options,
                        expected=expected)


def _product(total: Quantity, count: Quantity, each: float, each_text: str,
             options: Options, expected: float | None = None) -> Iterator[Finding]:
    if expected is None:
        expected = count.value * each
    stated = total.base
    # Authors mix KB and KiB: either reading of the stated unit agrees.
    if any(agrees(stated * scale, expected, total.decimals + 2, options, True)
           for scale in (1.0, 1.024, 1 / 1.024, 1.024 ** 2, 1 / 1.024 ** 2)):
        return
    if abs(stated - expected) <= 0.25 * expected:
        return  # within a rounding an author may make in words: not certain
    figure = span_text(expected / total.factor, expected / total.factor, total) \
        if total.dimension == "time" else in_unit(total, expected)
    yield Finding(CODE, total.span,
                  f"{shown(count)} × {each_text} is {figure}; the text says {shown(total)}")
