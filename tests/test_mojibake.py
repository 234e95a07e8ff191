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

    for cached in (natural_text.plausible, natural_text.natural_word, wrong_decodes._fits,
                   wrong_decodes._decode_again):
        cached.cache_clear()
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
