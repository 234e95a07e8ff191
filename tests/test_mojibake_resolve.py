"""Code pages that read the same run differently: a run of kana that lost bytes is
read by cp1252 as one cluster (in pieces of one lost byte each), while latin-1
and cp1254, which lack some of its characters (`„`, `ž`), see shorter runs that
cut characters in two. The pieces compete by the length of the cluster they were
cut from, so one code page's pieces are not broken up by another's longer piece
of a shorter run, and every lossy span falls on the original characters."""

from __future__ import annotations

import pytest

from tests.test_mojibake_twice_lossy import _spans


@pytest.mark.parametrize("path", ["cp1252/ignore", "cp1254/ignore"])
def test_pieces_of_one_cluster_are_not_broken_up_by_a_shorter_run(path: str) -> None:
    spans = _spans(["設定を確認してください。", "サーバーはエラーを返します"], path)
    assert spans
    assert [(truth, candidates[:3]) for truth, candidates in spans
            if truth is None or truth not in candidates] == []
