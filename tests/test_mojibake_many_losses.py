"""Runs that lost bytes in several places (issue 19: the true text among the
candidates of every lossy run).

A message lists the joint readings of a run only where they are few. Where the
losses multiply past that, the run is reported in pieces of one lost sequence
each, each read in the best reading of the rest; that holds where the beam of
joint readings kept only a handful (a kana line that lost bytes to cp1250 in
four places), and for text decoded twice, where each inner character is read
with the inner character before it, never with an outer byte of it (`œ` of
`â€œ` read with the lead byte after it is `ϕ`, and the run read no further)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from tests.mangling import unlisted_runs

KANA = unicodedata.normalize("NFD", "- カナ: ウェブサイト、ヴ、ゔ、ぱ。")


@pytest.mark.parametrize(("lines", "path"), [
    pytest.param([KANA], "cp1250/ignore", id="kana-cp1250-ignore"),
    pytest.param(["Ｆｕｌｌ： （ｓｔａｔｕｓ＝ＯＫ）"], "cp1252x2/ignore", id="fullwidth-twice"),
    pytest.param(["その後エラーを返します。"], "cp1250/replace", id="kana-cp1250-replace"),
])
def test_every_lossy_piece_lists_its_original(lines: list[str], path: str,
                                              tmp_path: Path) -> None:
    lossy, missed = unlisted_runs(lines, path, tmp_path)
    assert lossy >= 2 and missed == []
