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
from tests.mangling import PATHS, mangle_line, original_of
from tests.test_mojibake_seed import listed

_PATHS = {path.name: path for path in PATHS}


def _unlisted(lines: list[str], path: str, tmp_path: Path) -> tuple[int, list[object]]:
    mangled = [mangle_line(line, _PATHS[path], salt=str(number))
               for number, line in enumerate(lines)]
    assert all(item is not None for item in mangled)
    page = tmp_path / "page.md"
    page.write_text("\n".join(item.text for item in mangled if item is not None) + "\n",
                    encoding="utf-8")
    missed, lossy = [], 0
    for finding in mojibake.check(load(page)):
        if finding.fix is not None and finding.fix.safe:
            continue
        lossy += 1
        item = mangled[finding.span.line - 1]
        assert item is not None
        truth = original_of(item, finding.span.column - 1, finding.span.end_column - 1)
        if truth is None or truth not in listed(finding.message):
            missed.append((truth, listed(finding.message)[:3]))
    return lossy, missed


def test_a_lead_byte_glued_to_a_dash_is_read_where_the_page_drops_bytes(tmp_path: Path) -> None:
    lossy, missed = _unlisted(["Legend: ◆ ● ○ done", "He said “yes” twice"], "cp1252/ignore",
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
    lossy, missed = _unlisted(["Ok ✅ and ● and ⭐"], "cp1252x2/ignore", tmp_path)
    assert lossy >= 2 and missed == []
