"""Unit words normalised with pint: one registry per process, built lazily.

pint takes ~0.7 s to import and ~0.4 s to build its registry (0.03 s from its
own disk cache), so nothing here touches pint until a page holds a word that
might be a unit, and every answer is memoised per word.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from typing import Any

log = logging.getLogger(__name__)

# Dimension names the quantity rules understand, keyed by pint dimensionality.
_DIMENSIONS = {
    "[time]": "time",
    "1 / [time]": "frequency",
    "[length]": "length",
    "[length] / [time]": "speed",
}
# Words pint knows that are ordinary English here (or ambiguous: 5m is minutes,
# metres or millions depending on the author).
_NOT_UNITS = frozenset({"a", "in", "at", "m", "M", "K", "k", "G", "T", "t", "g", "kg", "ft",
                        "mm", "cm", "pi", "E", "C", "F", "P", "S", "h2", "x", "X", "Mo",
                        "min", "mil", "ton", "lb", "cd", "sr", "N", "J", "W", "V", "A", "H", "l",
                        "L", "R", "d", "D", "Ms", "Gs", "Ts", "Ks", "mol", "mo", "stone", "are",
                        "pt", "st", "point", "percent", "b", "B"})


@dataclass(frozen=True, slots=True)
class Unit:
    name: str  # pint's canonical name: "millisecond", "hertz", "kilobyte", "megabit / second"
    dimension: str  # "time", "frequency", "data", "bandwidth", "length", "speed"
    factor: float  # size of one unit in base units (seconds, hertz, bytes, bytes/s, metres)
    symbol: str  # short form for messages


@cache
def registry() -> Any:
    import pint

    try:
        return pint.UnitRegistry(cache_folder=":auto:")
    except OSError:  # no writable cache folder: build from the definitions
        return pint.UnitRegistry()


def _repair(word: str) -> str:
    """`Î¼s` is `μs` read through cp1252: undo that so the unit still counts."""
    if all(ord(char) < 128 for char in word):
        return word
    for codec in ("cp1252", "latin-1"):
        try:
            return word.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return word


def _spelling(word: str) -> str:
    """Spellings pint reads differently from how engineers write them."""
    if word.lower() == "fps":  # frames per second, not pint's foot per second
        return "hertz"
    if word.endswith("bps") and len(word) <= 5:  # Gbps: gigabits per second
        return f"{word[:-3].replace('K', 'k')}bit / second"
    if len(word) == 2 and word[1] in "Bb" and word[0] in "KMGTP":
        # KB/MB/GB are bytes, Kb/Mb/Gb bits (pint reads K as kelvin, Gb as gilbert).
        return f"{word[0].replace('K', 'k')}{'byte' if word[1] == 'B' else 'bit'}"
    if word.lower() in ("hz", "khz", "mhz", "ghz"):
        return word[:-2].lower().replace("m", "M").replace("g", "G") + "Hz"
    if word in ("us", "usec", "usecs"):
        return "microsecond"
    if word in ("wk", "wks"):
        return "week"
    if word in ("mo", "mos", "mths", "mth"):
        return "month"
    return word


@cache
def lookup(word: str) -> Unit | None:
    """The unit a word after a number names, or None if it names none."""
    repaired = _repair(word)
    if repaired in ("min", "mins", "Min"):
        repaired = "minute"
    if repaired in _NOT_UNITS:
        return None
    spelled = _spelling(repaired)
    plain = spelled.replace(" / ", "").replace("_", "")
    if (len(spelled) > 14 or not plain.isalpha()) and not any(c in spelled for c in "μµ"):
        return None
    import pint

    ureg = registry()
    try:
        unit = ureg.parse_units(spelled)
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError, AssertionError,
            AttributeError, ValueError, TypeError):
        return None
    name = str(unit)
    quantity = 1 * unit
    if name.endswith("byte") or name.endswith("bit"):
        return Unit(name, "data", float(quantity.to("byte").magnitude), _symbol(ureg, unit))
    if name.endswith("bit / second") or name.endswith("byte / second"):
        return Unit(name, "bandwidth", float(quantity.to("byte / second").magnitude),
                    _symbol(ureg, unit))
    dimension = _DIMENSIONS.get(str(unit.dimensionality))
    if dimension is None:
        return None
    base = {"time": "second", "frequency": "hertz", "length": "meter",
            "speed": "meter / second"}[dimension]
    return Unit(name, dimension, float(quantity.to(base).magnitude), _symbol(ureg, unit))


def _symbol(ureg: Any, unit: Any) -> str:
    name = str(unit)
    if name in ("hertz", "year", "week", "month", "day"):  # pint writes a year as "a"
        return {"hertz": "Hz"}.get(name, name)
    return f"{unit:~}"


def seconds(word: str) -> float | None:
    """Length in seconds of a period word such as `year`, `month`, `sec`."""
    unit = lookup(word)
    if unit is None and word.lower() in ("year", "yr", "annum"):
        unit = lookup("years")
    return unit.factor if unit is not None and unit.dimension == "time" else None
