"""The generated unit table says exactly what pint says."""

from __future__ import annotations

import pytest

from curriculint.index.units import TABLE_PATH, generate_table, lookup, render_table, table


def test_table_matches_pint_live_answers() -> None:
    known = table()
    assert known, "unit_table.json is missing"
    assert render_table(generate_table(known)) == TABLE_PATH.read_text(encoding="utf-8"), \
        "regenerate with python scripts/unit_table.py PATH..."


@pytest.mark.parametrize(("word", "dimension", "factor"), [
    ("ms", "time", 0.001), ("Î¼s", "time", 1e-6), ("fps", "frequency", 1.0),
    ("GB", "data", 1e9), ("Gbps", "bandwidth", 1.25e8), ("minutes", "time", 60.0),
])
def test_common_units(word: str, dimension: str, factor: float) -> None:
    unit = lookup(word)
    assert unit is not None and unit.dimension == dimension
    assert unit.factor == pytest.approx(factor)


def test_ordinary_words_are_not_units() -> None:
    assert lookup("players") is None and lookup("m") is None
