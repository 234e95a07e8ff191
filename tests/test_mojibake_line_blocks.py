"""A lossy run inside a drawing: the rest of its line (spelled right, or repaired
with certainty) and the other characters of its own run use box drawing, so the
box-drawing reading is listed before the emoji the same bytes could have been
(`═` that lost 90 against `❕` that lost 9D). (`║` is read with
certainty, and ═ and ╝ lose a byte.) What every reading of an uncertain run
agrees on counts as certain: `╔` of `â•”â•`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mangling import unlisted_runs


@pytest.mark.parametrize("path", ["cp1252x2/ignore", "cp1254/ignore"])
def test_a_lossy_run_in_a_box_is_read_as_box_drawing(path: str, tmp_path: Path) -> None:
    lines = ["# Layout", "", "║ ╔════╗ ║", "║ ok ║", "╚═╝ ║", "║ ╚══╝", "╔════╗"]
    lossy, missed = unlisted_runs(lines, path, tmp_path)
    assert lossy and missed == []


def test_emoji_on_the_line_are_no_evidence_for_their_block() -> None:
    """`⏱` shares its 128 code points with `⎁`: a lost `⭐` on the same line is
    still listed before the technical symbol."""
    from curriculint.checks.encoding.ranking import ranked, symbol_blocks

    order = [candidate for candidate, _ in
             ranked(["⎁", "⭐"], {}, frozenset(), symbol_blocks(["⏱ 5 min"]))]
    assert order[0] == "⭐"
    assert symbol_blocks(["╔ a"]) and not symbol_blocks(["⏱ 5 min"])


def test_a_jumble_of_letters_and_symbols_ranks_after_one_kind_whatever_the_page_uses() -> None:
    """`│` that lost 9D in text decoded twice also reads `â❀‚`; a page that writes
    `â` in its words and `‚` as a quote does not make the jumble likelier."""
    from curriculint.checks.encoding.ranking import ranked

    order = [candidate for candidate, _ in ranked(["â❀‚", "â”‚", "│"], {"â": 6, "‚": 2})]
    assert order[0] == "│"
