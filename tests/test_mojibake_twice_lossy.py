"""Text decoded twice through cp1252 that lost bytes on the way (errors=ignore or
replace): the second layer's runs do not fall on the original characters, so
the inner characters are read one by one, and the true text is among the
candidates of every lossy span."""

from __future__ import annotations

import pytest

from curriculint.checks.encoding.ranking import rank
from curriculint.checks.encoding.wrong_decodes import MAX_SHOWN, page_mojibake
from tests.mangling import PATHS, mangle_line, original_of

_PATHS = {path.name: path for path in PATHS}


def _spans(lines: list[str], path: str) -> list[tuple[str | None, tuple[str, ...]]]:
    """(the original a lossy span stands for, the candidates a message shows at
    least), every lossy span."""
    mangled = [mangle_line(line, _PATHS[path], salt=str(number))
               for number, line in enumerate(lines)]
    assert all(item is not None for item in mangled)
    found = page_mojibake([item.text for item in mangled if item is not None])
    return [(original_of(item, span.start, span.end), tuple(rank(span.candidates, {})[:MAX_SHOWN]))
            for item, spans in zip(mangled, found, strict=True) if item is not None
            for span in spans if span.lossy and not span.certain]


@pytest.mark.parametrize("path", ["cp1252x2/ignore", "cp1252x2/replace"])
def test_a_box_drawing_rule_is_read_inner_character_by_inner_character(path: str) -> None:
    """`─` is `Ã¢â€â‚¬` with 9D lost: each of a dozen carries its own loss, and a
    dozen joint readings of the whole never reach the one read on (`â”€`)."""
    lines = ["├── docs", "│   └── index.md", "─" * 12, "│ a │ b │", "└" + "─" * 20 + "┘"]
    spans = _spans(lines, path)
    assert spans
    assert [(truth, candidates[:3]) for truth, candidates in spans
            if truth is None or truth not in candidates] == []


def test_cyrillic_decoded_twice_lost_its_lead_bytes_continuation() -> None:
    """`а` (D0 B0) is `ÃÂ°`: 90 lost in the second decode leaves `Ã` short of a
    byte before each letter; a lone `Ã‘` is с or я that lost 81 or 8F in the
    first decode. Read letter by letter, the words are among the candidates."""
    lines = ["Журнал событий хранится в базе", "├── журнал", "Каждый запрос повторяется"]
    spans = _spans(lines, "cp1252x2/ignore")
    assert spans
    assert [(truth, candidates[:3]) for truth, candidates in spans
            if truth is None or truth not in candidates] == []


def test_an_inner_loss_is_read_through_the_code_page_of_the_outer_layer() -> None:
    """č (C4 8D) lost 8D to the first cp1252 decode (`Ä�`): read through cp1252
    again, not cp1250 or cp1253, whose other lost bytes (ă, Ē) would fill the
    list on a page that uses them; `Ã¢Â\xad`, which latin-1 makes too, keeps
    cp1252's readings (⭐ that lost 90), never latin-1's certain ⭭."""
    found = page_mojibake(["x Ã„ï¿½ y", "Status: donÃ¢â‚¬â„¢t Ã¢Â\xadÃ¢Â\xadÃ¢Â\xad"])
    (lone,) = found[0]
    assert "č" in lone.candidates and "ă" not in lone.candidates and not lone.certain
    stars = [item for item in found[1] if item.mangled.startswith("Ã¢Â")]
    assert stars and all("⭐" in item.candidates and not item.certain for item in stars)


@pytest.mark.parametrize("path", ["cp1252x2/ignore", "cp1252x2/replace"])
def test_a_lone_bar_reads_on_where_the_page_may_be_decoded_twice(path: str) -> None:
    """`│` that lost 9D is `Ã¢â€â€š`: as it stands it also reads `â❀‚` or `â\u2001‚`,
    and no span of a tree whose every line lost bytes is certain. The tree's other
    runs read on (uncertain), which is enough to list `│` among the candidates."""
    lines = ["├─ docs/", "│  ├─ posts/", "│  └─ index.md", "└─ mkdocs.yml"]
    spans = _spans(lines, path)
    assert any(truth == "│" for truth, _ in spans)
    assert [(truth, candidates[:3]) for truth, candidates in spans
            if truth is None or truth not in candidates] == []


def test_a_run_that_fits_as_it_stands_but_starts_an_inner_character_reads_on() -> None:
    """Ж (D0 96) is `Ãâ€“` after 90 was lost: `Á–` fits as it stands (a letter and
    a dash), but `Ã` short of a byte can only be an inner character's lead byte,
    so what the run reads on to (`Ð–`, Ж) is listed on a page decoded twice."""
    spans = _spans(["ЁЖ, ЪЕЛ", "Журнал событий"], "cp1252x2/ignore")
    assert any("Ж" in (truth or "") for truth, _ in spans)
    assert [(truth, candidates[:3]) for truth, candidates in spans
            if truth is None or truth not in candidates] == []


@pytest.mark.parametrize("path", ["cp1252x2/ignore", "cp1252x2/replace"])
def test_an_inner_character_that_cannot_stand_alone_is_what_its_bytes_make(path: str) -> None:
    """`ー` (E3 83 BC), the long vowel of katakana, is no word on its own: read
    alone as an inner character it fitted nowhere, and the whole run of kana
    that lost bytes around it (`し` short of 81) went unread."""
    spans = _spans(["サーバーはエラーを返します", "ユーザーのデータを送ります"], path)
    assert spans
    assert [(truth, candidates[:3]) for truth, candidates in spans
            if truth is None or truth not in candidates] == []


def test_a_lone_lead_that_lost_its_byte_in_both_decodes_lists_the_inner_letter(
        tmp_path) -> None:
    """ρ (CF 81) lost 81 to the first decode and 8F (of `Ï`, C3 8F) to the
    second: `Ã` alone. On a page decoded twice (the quotes read certainly), the
    letters `Ã` stands for once are lead bytes in turn, and their readings are
    listed too, ρ among them; nothing is written. (Where no span reads twice
    for certain, a lone `Ã` is a letter that lost a byte once: `Ä�` is č.)"""
    from tests.conftest import lint_text

    line = "The load ρ stays below one: “stable” queues — ρ < 1 — are ok"
    mangled = mangle_line(line, _PATHS["cp1252x2/ignore"], salt="rho")
    assert mangled is not None
    reports = [report for report in lint_text(tmp_path, f"# Queues\n\n{mangled.text}\n",
                                              select=["ENC003"])
               if report.message.split("' (")[0].endswith("Ã")]
    assert len(reports) == 2
    assert all("'ρ'" in report.message for report in reports)
    assert all(report.fix is None for report in reports)


def test_an_emoji_written_without_its_selector_ranks_as_an_emoji(tmp_path) -> None:
    """👁 (F0 9F 91 81) lost 81: pages write 👁, 🛠 and 🖥 without the selector
    their full forms take as often as with it, so 👁 is shown among the emoji
    that fit, not after a tail of other symbols."""
    from tests.conftest import lint_text

    text = "# Watch\n\n- ðŸ‘ Observability first\n"
    (report,) = lint_text(tmp_path, text, select=["ENC003"])
    shown = report.message.split("candidates ")[1].split(" and ")[0]
    assert "'👁'" in shown and report.fix is None


@pytest.mark.parametrize("path", ["cp1252x2/ignore", "cp1252/ignore", "cp1252/replace"])
def test_kana_with_combining_voiced_marks_keeps_the_base_its_mark_needs(path: str) -> None:
    """NFD kana (`ウ` + U+3099) whose ideographic commas and kana lost a byte:
    the joint reading keeps, for every last character, its best reading, or a
    beam full of symbols leaves the combining mark no base and the line none."""
    import unicodedata

    lines = [unicodedata.normalize("NFD", "ウェブサイト、ｳｪﾌﾞ、ヴ、ゔ、ぱ。"),
             unicodedata.normalize("NFD", "ガイド、ぱ、ゔ。")]
    spans = _spans(lines, path)
    assert spans
    assert [(truth, candidates[:3]) for truth, candidates in spans
            if truth is None or truth not in candidates] == []


def test_cjk_punctuation_ranks_as_part_of_cjk_text() -> None:
    """`、` between kana is no script switch (a tone mark that fits no kana, or an
    ideograph from another block, is no better), and a mark that does not belong
    to its base counts as one."""
    from curriculint.checks.encoding.ranking import prior

    assert prior("ト、ｳ") < prior("ト〭ｳ")
    assert prior("ト、ｳ") < prior("ト㐀ｳ")
    assert prior("को")[0] == 0  # a vowel sign of the letter's own script


@pytest.mark.parametrize("path", ["cp1252/replace", "cp1254/replace"])
def test_a_lossy_span_read_on_keeps_its_readings_as_they_stand(path: str) -> None:
    """`Ã�â€¦` reads on to υ or Ѕ (text decoded twice), but it is also Á… that
    lost 81 in a single decode: uncertain either way, both are candidates."""
    spans = _spans(["Ellipsis: Ça…, Öl…, Ñ…, Á…, Ü…, ÂÂ…"], path)
    lossy = [candidates for truth, candidates in spans if truth == "Á…"]
    assert lossy and all("Á…" in candidates for candidates in lossy)


def test_a_one_letter_word_decoded_twice_that_lost_a_byte_is_read_on() -> None:
    """в is `ÃÂ²` through cp1252 twice with 90 dropped: `Ã` and `Â²` read as
    letters and a superscript, but on a page decoded twice the span reads on."""
    spans = _spans(["Журнал хранится в отдельной базе, а копия и архив рядом."],
                   "cp1252x2/ignore")
    words = {truth: candidates for truth, candidates in spans if truth in ("в", "а", "и")}
    assert set(words) == {"в", "а", "и"}
    assert all(truth in candidates for truth, candidates in words.items())
    # Alone, on a page with no other mojibake, it is text: nothing is said.
    assert page_mojibake(["Отметка ÃÂ² в таблице."]) == [[]]


def test_readings_one_lost_sequence_from_the_best_are_candidates() -> None:
    """Kana (NFD) through cp1254 with bytes dropped: 、 lost 81 four times and ﾞ lost 9E.
    The options of each tie, and the beam kept ﾁ (the first option) only; every
    reading one lost sequence away from the best is a candidate too."""
    import unicodedata

    line = unicodedata.normalize("NFD", "- Kana: ウェブサイト、ｳｪﾌﾞ、ヴ、ゔ、ぱ。")
    mangled = mangle_line(line, _PATHS["cp1254/ignore"])
    assert mangled is not None and mangled.lossy
    (spans,) = page_mojibake([mangled.text])
    uncertain = [(original_of(mangled, span.start, span.end), span.candidates)
                 for span in spans if not span.certain]
    assert any("ﾞ" in str(truth) for truth, _ in uncertain)
    assert all(truth in candidates for truth, candidates in uncertain)


@pytest.mark.parametrize("path", ["cp1252x2/ignore", "cp1252x2/replace"])
def test_nfd_accents_decoded_twice_stay_with_their_letters(path: str) -> None:
    """NFD text decoded twice, bytes lost in both decodes: a combining mark's lead
    byte reads on after its base, the inner character before it (ύ is υ and CC 81
    in `αποτύχει`), and lone leads side by side read on together (`ÃŒÃ…`, ́ and Ł
    of `ÓŁ`, each short of its 81)."""
    import unicodedata

    lines = [unicodedata.normalize("NFD", line) for line in (
        "Η δοκιμή αποτύχει· ΞΑΝΑ.", "Ο αγώνας τελείωσε πριν αποτύχει.",
        "ŻÓŁW i ŹDŹBŁO.", "Źródło żółci.")]
    spans = _spans(lines, path)
    assert spans
    assert [(truth, candidates[:3]) for truth, candidates in spans
            if truth is None or truth not in candidates] == []
