"""A lead byte whose lost continuation leaves a dash or a quote glued to it
(`â—`, ● that lost 8F to cp1252) reads as a letter and its punctuation, so it
was never read; only a code page without `—` saw the lone `â`, and listed ⭭.
Like a lone lead byte no word holds (`_lost_alone`), it is mojibake on a page
whose strong spans show the same code page dropping bytes, and the whole run is
reported, with ● among its candidates."""

from __future__ import annotations

from pathlib import Path

from curriculint.checks.encoding import mojibake
from curriculint.load.document import load
from tests.mangling import unlisted_runs


def test_a_lead_byte_glued_to_a_dash_is_read_where_the_page_drops_bytes(tmp_path: Path) -> None:
    lossy, missed = unlisted_runs(["Legend: ◆ ● ○ done", "He said “yes” twice"], "cp1252/ignore",
                              tmp_path)
    assert lossy >= 2 and missed == []


def test_a_word_and_its_dash_stay_text_where_the_page_drops_nothing(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("Ein Satz — ohne Fehler, São Paulo, naïve—really.\n", encoding="utf-8")
    assert list(mojibake.check(load(page))) == []


def test_the_list_is_never_cut_inside_a_tie(tmp_path: Path) -> None:
    """`●` that lost bytes ties with a dozen geometric shapes the same bytes make
    (after emoji such as `❗`); the code point alone put it past the cut. A
    message lists the whole tie."""
    lossy, missed = unlisted_runs(["Ok ✅ and ● and ⭐"], "cp1252x2/ignore", tmp_path)
    assert lossy >= 2 and missed == []
