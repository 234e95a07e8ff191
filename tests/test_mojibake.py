"""Mojibake detection and repair (ENC003) on small cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculint.checks.encoding.wrong_decodes import emoji_pieces, find_mojibake
from tests.conftest import lint_paths, lint_text

CLEAN = [
    "Die Straße über der Brücke, „früher“ — Fuß”, weiß…",
    "créé, agréé, pâte, perché…”, « déjà »",
    "informação, ação, configuração, São Paulo, NÃO",
    "İstanbul, ağaç, Iğdır, Çağlayan, şoför",
    "Zażółć gęślą jaźń, ŻÓŁW, części, Łódź",
    "Erdős–Rényi, Árpád Élő, Dvořák",
    "Καλημέρα κόσμε, μs, Δt, π ≈ 3.14",
    "Привет, мир! ввод, XIX–XX вв., невід’ємним",
    "中文测试，你好世界。こんにちは、カタカナ。안녕하세요",
    "x² ± 0.5, 5 × 10⁹, ≤ ≥ ≠ ∞ √π ∂f, 90°, 10 µs, ½",
    "→ ← ↔ ⇒ ┌──┬──┐ │ ├┤ ╔═╗ ░▒▓",
    "🎯 ⚡ 🗺️ 🛠️ ⏱️ ⭐⭐⭐⭐⭐ 👩\u200d💻 🏳️\u200d🌈 👍🏽 1️⃣ ©️",
    "Finnish IM:ää, Åse, Ørsted, Þór",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_multilingual_text_has_no_mojibake(text: str) -> None:
    assert find_mojibake(text) == []


@pytest.mark.parametrize(("mangled", "restored"), [
    ("âš¡ Fast", "⚡"),
    ("10 Î¼s", "μ"),
    ("ğŸ“Š Data", "📊"),
    ("â€™s", "’"),
    ("Ã©tÃ©", "é"),
    ("Ä…Å‚", "ął"),
    ("Ð¿Ñ€Ð¸Ð²ÐµÑ‚", "привет"),
    ("‚Äô mac", "’"),
])
def test_exact_round_trip_is_certain(mangled: str, restored: str) -> None:
    found = find_mojibake(mangled)
    assert found and found[0].certain and found[0].candidates[0] == restored


def test_double_encoding_is_undone() -> None:
    (found,) = find_mojibake("donÃ¢â‚¬â„¢t")
    assert found.candidates == ("’",) and found.layers == 2 and found.certain


def test_star_rating_that_lost_bytes_is_found_but_not_certain() -> None:
    (found,) = find_mojibake("| âââââ |")
    assert found.mangled == "âââââ" and not found.certain
    assert found.candidates[0] == "⭐⭐⭐⭐⭐"


def test_a_single_bare_letter_is_never_guessed() -> None:
    assert find_mojibake("rating: â") == []
    assert find_mojibake("xââ") == []
    assert find_mojibake("ââx") == []


def test_lost_closing_quote_ranks_the_quote_first() -> None:
    (found,) = find_mojibake("said â€œyesâ€ twice")[1:]
    assert not found.certain and found.candidates[0] == "”"


def test_replacement_character_stands_for_a_lost_byte() -> None:
    (found,) = find_mojibake("say â€\ufffd")
    assert found.mangled == "â€\ufffd" and "”" in found.candidates


def test_variation_selector_that_lost_a_byte_completes_the_emoji() -> None:
    (found,) = find_mojibake("â±ï¸ Time")  # cp1252 lost 8F twice
    assert found.candidates[0] == "⏱️"


def test_rule_reports_column_message_and_safe_fix(tmp_path: Path) -> None:
    (report,) = lint_text(tmp_path, "# Title\n\nSpeed âš¡ here.\n", select=["ENC003"])
    assert (report.span.line, report.span.column, report.span.end_column) == (3, 7, 10)
    assert "'⚡'" in report.message
    assert report.fix is not None and report.fix.safe
    assert report.fix.edits[0].text == "⚡"


def test_lossy_span_without_evidence_lists_candidates_and_writes_nothing(tmp_path: Path) -> None:
    (report,) = lint_text(tmp_path, "# Title\n\n| âââââ | x |\n|---|---|\n", select=["ENC003"])
    assert report.fix is None
    assert "candidates '⭐⭐⭐⭐⭐'" in report.message


def test_lossy_span_with_evidence_on_the_site_gets_an_unsafe_fix(tmp_path: Path) -> None:
    (tmp_path / "sibling.md").write_text("# S\n\n| ⭐⭐⭐ | x |\n|---|---|\n", encoding="utf-8")
    (report,) = lint_text(tmp_path, "# Title\n\n| âââââ | x |\n|---|---|\n", select=["ENC003"])
    assert report.fix is not None and not report.fix.safe
    assert report.fix.edits[0].text == "⭐⭐⭐⭐⭐"


def test_every_context_is_checked_code_included(tmp_path: Path) -> None:
    text = ("# T\n\n```mermaid\ngraph LR\n  A[\"âš¡ go\"] --> B\n```\n\n"
            "```python\nprint('âš¡')\n```\n\nInline `âš¡` too.\n\n    indented âš¡\n")
    reports = lint_text(tmp_path, text, select=["ENC003"])
    assert [(report.span.line, report.span.column) for report in reports] == [
        (5, 6), (9, 8), (12, 9), (14, 14)]
    assert all(report.fix is not None and report.fix.safe for report in reports)


def test_frontmatter_title_is_checked(tmp_path: Path) -> None:
    text = "---\ntitle: Fast âš¡ paths\ndescription: d\n---\n\n# T\n"
    reports = lint_text(tmp_path, text, select=["ENC003"])
    assert [(report.span.line, report.span.column) for report in reports] == [(2, 13)]


def test_site_siblings_rank_the_candidates(tmp_path: Path) -> None:
    (tmp_path / "sibling.md").write_text("# S\n\n🎯 Goal, 🎯 again.\n", encoding="utf-8")
    (tmp_path / "page.md").write_text("# P\n\nğŸ¯ Goal\n", encoding="utf-8")
    (report,) = lint_paths([tmp_path], select=["ENC003"])
    assert report.fix is not None and report.fix.edits[0].text == "🎯"


def _pieces_by_emoji_list(text: str) -> list[str]:
    """The reference: the emoji package's tokenizer over the whole text."""
    import emoji

    pieces, covered = [], 0
    for match in emoji.emoji_list(text):
        pieces += [char for char in text[covered:match["match_start"]] if not char.isascii()]
        pieces.append(match["emoji"])
        covered = match["match_end"]
    return pieces + [char for char in text[covered:] if not char.isascii()]


@pytest.mark.parametrize("text", [
    "plain ascii", "café — naïve", "10 1️⃣ 2⃣ #️⃣ *", "a👩🏽‍💻b", "x🏻\u200d👩", "12️⃣",
    "❤️‍🔥 and 🏳️‍🌈", "\u200d👍\u200d", "🇺🇸🇫🇷x", "é\ufe0f1\u20e3",
])
def test_emoji_pieces_match_the_tokenizer_over_the_whole_text(text: str) -> None:
    # emoji_pieces runs the tokenizer per non-ASCII segment only.
    assert list(emoji_pieces(text, letters=True)) == _pieces_by_emoji_list(text)


_TEXTS = ["plain ascii", "café — naïve", "10 1️⃣ 2⃣ #️⃣ *", "a👩🏽‍💻b", "x🏻\u200d👩", "12️⃣",
          "❤️‍🔥 and 🏳️‍🌈", "\u200d👍\u200d", "🇺🇸🇫🇷x", "é\ufe0f1\u20e3", "🎯 a🎯 b🎯", "#\u20e3 x#️⃣"]


@pytest.mark.parametrize("texts", [_TEXTS, _TEXTS[::-1], _TEXTS[5:], ["🎯"] * 3 + ["a🎯"]])
def test_usage_from_counted_segments_is_the_usage_of_the_whole_texts(texts: list[str]) -> None:
    """Pages keep segment counts and tokenize them only when ranking needs usage."""
    from collections import Counter

    from curriculint.checks.encoding.wrong_decodes import count_segments, count_usage

    expected = Counter(piece for text in texts for piece in _pieces_by_emoji_list(text))
    assert count_usage(count_segments(texts)) == expected


def test_a_clean_page_does_not_load_the_emoji_tokenizer(tmp_path: Path) -> None:
    import subprocess
    import sys

    page = tmp_path / "page.md"
    page.write_text("# Goals 🎯\n\nLatency under 10 μs 🚀, café.\n", encoding="utf-8")
    probe = ("import sys; from curriculint.cli.main import main; "
             "main(['check', '--no-cache', sys.argv[1]]); "
             "print('emoji' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe, str(page)], capture_output=True,
                          text=True, check=True, cwd=Path(__file__).resolve().parent.parent)
    assert done.stdout.strip().splitlines()[-1] == "False"


def _letter_steps(line: str) -> int:
    """Characters the word walks visit while one line is read, caches cleared."""
    from curriculint.checks.encoding import natural_text, wrong_decodes

    for cached in (natural_text.plausible, natural_text.natural_word):
        cached.cache_clear()
    wrong_decodes.forget_readings()
    steps = 0
    original = natural_text._in_word

    def counting(char: str) -> bool:
        nonlocal steps
        steps += 1
        return original(char)

    natural_text._in_word = counting  # type: ignore[assignment]
    try:
        wrong_decodes.page_mojibake([line])
    finally:
        natural_text._in_word = original  # type: ignore[assignment]
    return steps


def test_a_long_run_of_damaged_sequences_is_read_in_linear_time() -> None:
    """Issue 24: `'ğŸ' * 800 + 'ÄÅ' + 'ğŸ' * 800` (3 kB) ran past 100 s. The work
    grows with the line, not with its square: four times the line, at most five
    times the steps."""
    def line(count: int) -> str:
        return "ğŸ" * count + b"\xc4\xc5".decode("latin-1") + "ğŸ" * count

    small, large = _letter_steps(line(100)), _letter_steps(line(400))
    assert large <= 5 * small, (small, large)


def test_the_hostile_line_of_issue_24_is_linted_in_seconds(tmp_path: Path) -> None:
    import subprocess
    import sys

    page = tmp_path / "page.md"
    page.write_text("# T\n\n" + "ğŸ" * 800 + b"\xc4\xc5".decode("latin-1") + "ğŸ" * 800 + "\n",
                    encoding="utf-8")
    probe = ("import sys; from curriculint.cli.main import main; "
             "sys.exit(main(['check', '--no-cache', '--select', 'ENC', sys.argv[1]]))")
    done = subprocess.run([sys.executable, "-c", probe, str(page)], capture_output=True,
                          text=True, timeout=60, cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 1 and "ENC003" in done.stdout


def test_latin1_c1_bytes_are_left_to_the_repair_and_the_repair_wins(tmp_path: Path) -> None:
    """`à¤\x95à¥\x8b` is को read as latin-1: ENC005 must not delete the C1 bytes
    the repair needs. One `--fix --unsafe-fixes` run restores the word; a C1
    control no reading explains, beside such text, is reported without a fix."""
    from curriculint.cli.main import main

    line = "Hindi: à¤\x95à¥\x8b here, ü\x85 there, a bell \x85 alone."
    page = tmp_path / "page.md"
    page.write_text(f"# T\n\n{line}\n", encoding="utf-8")
    reports = lint_paths([tmp_path], select=["ENC003", "ENC005"])
    by_code = {(report.code, report.span.column): report for report in reports}
    beside, alone = line.index("ü\x85") + 2, line.rindex("\x85") + 1
    assert sorted(by_code) == [("ENC003", 8), ("ENC005", beside), ("ENC005", alone)]
    assert by_code[("ENC003", 8)].fix is not None and by_code[("ENC003", 8)].fix.safe
    assert by_code[("ENC005", beside)].fix is None  # maybe a byte of a decode
    assert by_code[("ENC005", alone)].fix is not None
    main(["check", "--no-cache", "--fix", "--unsafe-fixes", "--select", "ENC003,ENC005",
          str(page)])
    assert page.read_text(encoding="utf-8") == (
        "# T\n\nHindi: को here, ü\x85 there, a bell  alone.\n")


@pytest.mark.parametrize(("mangled", "restored"), [
    ("Capability Ă— Motivation (cp1250)", "×"),
    ("users¬π (mac_roman)", "¹"),
    ("o√π (mac_roman)", "ù"),
    ("Stra√üe (mac_roman)", "ß"),
    ("Ä\x8dlovÄ\x9bk (latin-1)", "č"),
])
def test_code_pages_beyond_cp1252(mangled: str, restored: str) -> None:
    found = find_mojibake(mangled)
    assert any(restored in item.candidates[0] for item in found), found


def test_the_page_decides_between_code_pages() -> None:
    """`Ã®` is î in cp1252 and a combining ogonek in mac_roman: the code page
    the page's unambiguous spans use decides, and then the repair is certain."""
    from curriculint.checks.encoding.wrong_decodes import page_mojibake

    (first,), (second,) = page_mojibake(["weÃ®ze", "g≈Ço and ≈Ç"])[0][:1], \
        page_mojibake(["weÃ®ze", "g≈Ço and ≈Ç"])[1][:1]
    assert first.candidates[0] == "\u0328" and first.certain
    assert second.candidates[0] == "ł"
    (alone,) = page_mojibake(["weÃ®ze"])[0]
    assert not alone.certain and set(alone.candidates[:2]) == {"î", "\u0328"}


def test_a_weak_span_needs_a_page_that_holds_stronger_mojibake() -> None:
    from curriculint.checks.encoding.wrong_decodes import page_mojibake

    assert page_mojibake(["RamÃrez wrote it"]) == [[]]
    ((span,), _) = page_mojibake(["RamÃrez wrote it", "itâ€™s mojibake"])
    assert span.mangled == "Ã" and span.candidates == ("í",) and span.certain


def test_text_decoded_twice_with_bytes_lost_in_the_second_decode() -> None:
    (found,) = find_mojibake("x Ã¢â‚¬â€ y")  # an em dash; 9D dropped the second time
    assert found.layers == 2 and found.candidates[0] == "—" and not found.certain


def test_one_clean_and_one_mangled_emoji_on_a_line() -> None:
    (found,) = find_mojibake("🎯 Goals and ðŸŽ¯ again, 🎯ðŸ“Š")[:1]
    assert found.candidates == ("🎯",) and found.certain
    assert [item.candidates[0] for item in find_mojibake("🎯ðŸ“Š")] == ["📊"]


@pytest.mark.parametrize(("mangled", "restored"), [
    ("Français : Å’uvre", "Œ"),  # an apostrophe after an accented capital, in a word
    ("Español: AÃ‘O", "Ñ"),
    ("Polski: Å¹DÅ¹BÅ‚O", "Ź"),  # a superscript inside a word after an accented letter
    ("Română: ROMÃ‚NÄ‚, ĂSTA", "Ă"),  # a low quote, which only opens, after a letter
    ("Tiếng Việt: Thá»‹ Hà", "ị"),  # a double quote closing before a single one
    ("키 ê°’ 저장소 (sloppy)", "값"),  # a degree sign after an accented letter
    ("Журнал –≤ базе (mac_roman)", "в"),  # a dash glued to an operator
    ("latency Âµs", "µ"),  # the micro sign prefixes a unit, it follows no letter
    ("Canada: OÌ‚ Canada", "\u0302"),  # a diacritic of NFD text, composing with its letter
    ("Portugue\u0302s: NAÃÉO (mac_roman)", "\u0303"),
])
def test_spans_that_only_seem_to_read_as_words_are_certain(mangled: str, restored: str) -> None:
    """Punctuation in places words never put it is a continuation byte."""
    found = [item for item in find_mojibake(mangled) if item.candidates[0] == restored]
    assert found and all(item.certain for item in found), find_mojibake(mangled)


@pytest.mark.parametrize("text", [
    "café’s menu, l’été, Hawai‘i, jusqu’à, CAFÉ’S",
    "W/m²K, x²y, 10 Å², N° 5, 37 °C, 3°",
    "„Äpfel“, ‚Übel‘, „Zitat ‚innen‘“, “quote ‘inner’”, »Öl«",
    "1990–2000, Erdős–Rényi, São Paulo—Rio, a – ≤ b",
    "5 µs, 10µm, µF",
    "Emoji: 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f flag",
])
def test_clean_text_near_those_places_has_no_mojibake(text: str) -> None:
    assert find_mojibake(text) == []


def test_a_subdivision_flag_is_read_back_in_any_code_page() -> None:
    flag = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    for page in ("mac_roman", "latin-1"):
        found = find_mojibake(f"Emoji: {flag.encode().decode(page)} flag")
        assert [(item.candidates[0], item.certain) for item in found] == [(flag, True)], page


def test_on_a_page_decoded_twice_a_reading_still_glued_is_half_a_repair() -> None:
    """`Ã¯Â¸` round-trips to `ï¸`, a selector that lost 8F before the second decode."""
    from curriculint.checks.encoding.wrong_decodes import page_mojibake

    (_, (half, whole)) = page_mojibake(["donÃ¢â‚¬â„¢t and Ã¢Å“â€¦ done",
                                        "| `Ã¯Â¸ Ã¢Å“â€Ã¯Â¸` |"])
    assert half.candidates[0] == "ï¸" and not half.certain
    assert whole.candidates[0] == "✔️" and whole.certain


def test_usage_of_an_emoji_is_no_evidence_for_it_with_a_selector_it_does_not_take() -> None:
    from curriculint.checks.encoding.ranking import decisive

    assert not decisive(["⭐️", "⏭️"], {"⭐": 3})
    assert decisive(["🎯", "🏯"], {"🎯": 2})


def test_an_emoji_sequence_ranks_above_a_jumble_of_the_emoji_it_is_made_of() -> None:
    """🧑 and 🚀 used elsewhere count for 🧑🏽‍🚀, which nobody spelled whole."""
    from curriculint.checks.encoding.ranking import decisive, rank

    order = rank(["🧑🐽❀🚀", "🧑🏽\u200d🚀"], {"🧑": 2, "🚀": 3})
    assert order[0] == "🧑🏽\u200d🚀" and not decisive(order, {"🧑": 2, "🚀": 3})


def test_a_run_that_lost_several_bytes_is_reported_one_lost_byte_at_a_time() -> None:
    """повторяется lost 8F twice (cp1252, ignore): two spans of a handful of
    readings each list я, where the whole run's two dozen combinations did not."""
    found = find_mojibake("x Ð¿Ð¾Ð²Ñ‚Ð¾Ñ€ÑÐµÑ‚ÑÑ y")
    assert [item.mangled for item in found] == ["Ð¿Ð¾Ð²Ñ‚Ð¾Ñ€Ñ", "ÐµÑ‚Ñ", "Ñ"]
    assert all(not item.certain and len(item.candidates) <= 8 for item in found)
    assert [item.candidates.index(truth) >= 0 for item, truth in
            zip(found, ["повторя", "етс", "я"], strict=True)] == [True] * 3
    (first, second) = find_mojibake("a ðŸ§‘ðŸ½â€ðŸš€ b")
    assert (first.candidates[0], second.candidates[0]) == ("🧑🏽", "\u200d🚀")


def test_a_clean_letter_of_a_half_mangled_page_is_judged_among_repaired_neighbours() -> None:
    """`ÅÄÖ` is Swedish, however accented; `ğ` in `IğdÄ±r` is odd only until `Ä±`
    reads `ı`. `RamÃrez` stays odd."""
    from curriculint.checks.encoding.wrong_decodes import page_mojibake

    (nordic, turkish, spanish) = page_mojibake([
        "Nordic: Ã˜resund, ÅÄÖ åäö.", "| Türkçe: ÅžÄ°ÅžLİ, IğdÄ±r |", "RamÃrez wrote it"])
    assert [item.mangled for item in nordic] == ["Ã˜"]
    assert [item.mangled for item in turkish] == ["ÅžÄ°Åž", "Ä±"]
    assert [item.candidates[0] for item in spanish] == ["í"]


def test_a_doubtful_span_the_page_does_not_confirm_may_be_right_as_written(
        tmp_path: Path) -> None:
    """`AMANHÃ…` reads as words as it stands: on a page holding other mojibake it
    is reported, uncertain, and the message says it may be right as written."""
    reports = lint_text(tmp_path, "# T\n\nAMANHÃ… and itâ€™s\n", select=["ENC003"])
    (doubtful,) = [report for report in reports if "'Ã…'" in report.message]
    assert doubtful.fix is None
    assert "candidates 'Å'; or right as written" in doubtful.message


def test_a_c1_control_beside_cp1250_mojibake_keeps_its_byte(tmp_path: Path) -> None:
    """A C1 control beside characters cp1250 makes of bytes 80-FF (`Ľ\\x81Ľ`, left
    where a decoder passed its undefined bytes on and no reading explains the
    run): deleting 81 would lose a byte a repair by hand needs."""
    (report,) = lint_text(tmp_path, "# T\n\nx Ľ\x81Ľ y\n", select=["ENC003", "ENC005"])
    assert report.code == "ENC005" and report.fix is None


def test_latin_word_glued_to_chinese_is_repaired() -> None:
    """Chinese and Japanese put no space after a Latin name (`MkDocs終於`): the
    repair is two words, not one word of two scripts."""
    text = "_Material for MkDocs終於支持中文了！_"
    (found,) = find_mojibake(text.encode().decode("latin-1"))
    assert found.certain and found.candidates == ("終於支持中文了！",)
    assert find_mojibake(text) == []
    assert find_mojibake("APIの設計とMkDocs終於") == []


def test_lone_lead_byte_is_found_where_the_page_drops_bytes() -> None:
    """`Ï` for ρ and `â³` for ⏳ that lost a byte to errors=ignore: found on a
    page whose other runs show cp1252 dropping bytes (`â€` for ”, 9D lost);
    a lone capital on a clean page stays text."""
    from curriculint.checks.encoding.wrong_decodes import page_mojibake

    lines = ["The coefficient (Ï = 0.6) is high.", "Reality â³) waits.", "â€œquotedâ€ here"]
    found = page_mojibake(lines)
    assert [item.mangled for item in found[0]] == ["Ï"] and "ρ" in found[0][0].candidates
    assert [item.mangled for item in found[1]] == ["â³"] and "⏳" in found[1][0].candidates
    assert not found[0][0].certain
    assert page_mojibake(["The coefficient (Ï = 0.6) is high.", "Reality â³) waits."]) == [[], []]
    assert page_mojibake(["Þór (Ð = 0.6), Ö, Å, à", "NÃO, São Paulo"]) == [[], []]


def test_lone_lead_byte_in_a_formula_is_found_on_a_mangled_page() -> None:
    """`Ï` between a bracket and an operator is a variable that lost a byte
    where the page holds strong mojibake of cp1252 (`Ã—` for ×), though no
    other run of the page shows a byte dropped; not where it stands in prose."""
    from curriculint.checks.encoding.wrong_decodes import page_mojibake

    found = page_mojibake(["Queue length: `L = Ï/(1-Ï)`", "Load 3 Ã— 2", "the Ï here"])
    assert [item.mangled for item in found[0]] == ["Ï", "Ï"]
    assert found[2] == []
    assert page_mojibake(["Queue length: `L = Ï/(1-Ï)`"]) == [[]]


def test_a_lone_letter_the_page_spells_words_with_is_text_on_a_mangled_page() -> None:
    """On a page that drops bytes (`â€` for ”), a lone `ğ` could be a character of
    four bytes that lost three; where the page writes `ğ` inside clean words it
    is the letter. A lone `Ï`, which no clean word of the page holds, is still
    read as ρ that lost a byte."""
    from curriculint.checks.encoding.wrong_decodes import page_mojibake

    lines = ["Harfler: ğ, ş (Ï = 0.6).", "Bu doğru mu?", "â€œquotedâ€ here"]
    found = page_mojibake(lines)
    assert [item.mangled for item in found[0]] == ["Ï"]
    assert [item.mangled for item in found[2]] == ["â€œ", "â€"]
    alone = page_mojibake(["Harfler: ğ, ş (Ï = 0.6).", "â€œquotedâ€ here"])
    assert [item.mangled for item in alone[0]] == ["ğ", "Ï"]


def test_a_lesson_that_shows_mojibake_beside_its_repair_is_no_defect(tmp_path: Path) -> None:
    """A page on encodings shows a mangled phrase in code, next to the phrase
    itself: every span is an example. One more mangled span elsewhere is the
    defect, and then the examples are reported too (a half-mangled page)."""
    lesson = ("# Кодировки\n\nФраза «Добрый день» в Windows-1251:\n\n```text\n"
              "Р”РѕР±СЂС‹Р№ РґРµРЅСЊ\n```\n\nПроверка: `Р”РѕР±СЂС‹Р№` -> `Добрый`.\n")
    assert not lint_text(tmp_path, lesson, select=["ENC003"])
    mangled = lesson + "\nВывод: РіРѕС‚РѕРІРѕ.\n"
    assert len(lint_text(tmp_path, mangled, select=["ENC003"])) == 4


def test_a_short_list_of_candidates_is_shown_whole(tmp_path: Path) -> None:
    """👁 that lost its last byte to cp1254 has seventeen readings: all are listed,
    the eye (an emoji usually written with a selector) among them."""
    line = "- 5. 👁 **Observable by design**".encode().decode("cp1254", errors="ignore")
    (report,) = lint_text(tmp_path, f"# Title\n\n{line}\n", select=["ENC003"])
    assert "'👁'" in report.message and "less likely" not in report.message
