"""Code pages that read the same run differently: a run of kana that lost bytes is
read by cp1252 as one cluster (in pieces of one lost byte each), while latin-1
and cp1254, which lack some of its characters (`„`, `ž`), see shorter runs that
cut characters in two. The pieces compete by the length of the cluster they were
cut from, so one code page's pieces are not broken up by another's longer piece
of a shorter run, and every lossy span falls on the original characters."""

from __future__ import annotations

import pytest

from curriculint.checks.encoding.ranking import rank
from curriculint.checks.encoding.wrong_decodes import MAX_SHOWN, page_mojibake
from tests.mangling import PATHS, mangle_line, original_of
from tests.test_mojibake_twice_lossy import _spans

_PATHS = {path.name: path for path in PATHS}


@pytest.mark.parametrize("path", ["cp1252/ignore", "cp1254/ignore"])
def test_pieces_of_one_cluster_are_not_broken_up_by_a_shorter_run(path: str) -> None:
    spans = _spans(["設定を確認してください。", "サーバーはエラーを返します"], path)
    assert spans
    assert [(truth, candidates[:3]) for truth, candidates in spans
            if truth is None or truth not in candidates] == []


@pytest.mark.parametrize("path", ["cp1252x2/ignore", "cp1252x2/replace"])
def test_pieces_of_clusters_of_equal_length_come_from_one_code_page(path: str) -> None:
    """cp1252 and cp1254 read the same family sequence decoded twice, cut in
    different places: the pieces of one code page (in the order they are tried)
    go in whole, so no stretch is left to a third code page's fragment (`â‚¬`)."""
    line = "a 👨‍👩‍👧‍👦 family"
    mangled = mangle_line(line, _PATHS[path])
    assert mangled is not None
    (found,) = page_mojibake([mangled.text])
    spans = [(original_of(mangled, span.start, span.end), rank(span.candidates, {})[:MAX_SHOWN])
             for span in found if not span.certain]
    assert spans
    assert [(truth, candidates[:3]) for truth, candidates in spans
            if truth is None or truth not in candidates] == []
