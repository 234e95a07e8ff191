"""Clean multilingual text mangled along the paths real pages take (five code
pages, each error handling, soft hyphens stripped, decoded twice, half the runs
only): every mangled line is found, a certain repair is never wrong, lossless
lines are restored exactly, and clean text has no finding. bench/mojibake.py
measures the same on corpus pages, next to ftfy."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curriculint.checks.encoding.wrong_decodes import find_mojibake, page_mojibake
from tests.conftest import FIXTURES
from tests.mangling import (
    CODE_PAGES,
    CONTROL_SENTENCES,
    MODES,
    PATHS,
    Mangled,
    ManglingPath,
    mangle,
    mangle_line,
    original_of,
)

FIXTURE_SENTENCES = [
    line for line in (FIXTURES / "encoding" / "multilingual-clean.md")
    .read_text(encoding="utf-8").splitlines()
    if not line.isascii() and not line.startswith(("---", "```"))
]
CONTROLS = [*CONTROL_SENTENCES, *FIXTURE_SENTENCES]
CONTROLS += [unicodedata.normalize("NFD", line) for line in CONTROLS
             if unicodedata.normalize("NFD", line) != line]


def _repair(text: str, certain_only: bool) -> str:
    out, cursor = [], 0
    for item in find_mojibake(text):
        if certain_only and not item.certain:
            continue
        out += [text[cursor:item.start], item.candidates[0]]
        cursor = item.end
    return "".join(out) + text[cursor:]


def test_clean_controls_have_no_finding_alone_or_as_one_page() -> None:
    assert [line for line in CONTROLS if find_mojibake(line)] == []
    assert [items for items in page_mojibake(CONTROLS) if items] == []


def _measure(path: ManglingPath) -> tuple[int, int, int, int, list[str]]:
    """(mangled lines, found, lossless lines, lossless restored, wrong repairs), the
    controls mangled as one page."""
    mangled: list[Mangled] = []
    for number, line in enumerate(CONTROLS):
        result = mangle_line(line, path, salt=f"{path.name}:{number}")
        if result is not None and result.text != line:
            mangled.append(result)
    spans = page_mojibake([item.text for item in mangled])
    found = lossless = restored = 0
    wrong = []
    for item, items in zip(mangled, spans, strict=True):
        found += bool(items)
        out, cursor = [], 0
        for span in items:
            if not span.certain:
                continue
            if original_of(item, span.start, span.end) != span.candidates[0]:
                wrong.append(f"{span.mangled!r} -> {span.candidates[0]!r} in {item.original!r}")
            out += [item.text[cursor:span.start], span.candidates[0]]
            cursor = span.end
        if not item.lossy:
            lossless += 1
            restored += "".join(out) + item.text[cursor:] == item.original
    return len(mangled), found, lossless, restored, wrong


@pytest.mark.parametrize("path", PATHS, ids=[path.name for path in PATHS])
def test_every_path_is_found_and_certain_repairs_are_right(path: ManglingPath) -> None:
    """The controls hold text that reads as words in two ways on purpose (`AMANHÃ…`,
    `√π`, NFD accents): those spans are reported but not always repaired, so the
    repair floor here is lower than bench/mojibake.py measures on corpus pages."""
    lines, found, lossless, restored, wrong = _measure(path)
    assert lines
    assert wrong == []
    assert found / lines >= 0.98, (found, lines)
    if lossless:
        assert restored / lossless >= 0.8, (restored, lossless)


# "replace", "sloppy" and "ignore-shy" vary "ignore" and latin-1; the property test
# below draws from every mode.
@pytest.mark.parametrize("mode", ["strict", "ignore"])
@pytest.mark.parametrize("page", CODE_PAGES)
def test_mangled_sentences_are_found_and_certain_repairs_are_right(page: str,
                                                                   mode: str) -> None:
    variants = detected = repaired = 0
    for sentence in FIXTURE_SENTENCES:
        mangled = mangle(sentence, page, mode)
        if mangled is None or mangled.text == sentence:
            continue
        variants += 1
        found = find_mojibake(mangled.text)
        detected += bool(found)
        repaired += _repair(mangled.text, certain_only=False) == sentence
        for item in found:
            if item.certain:
                assert original_of(mangled, item.start, item.end) == item.candidates[0], (
                    page, mode, item.mangled, sentence)
    assert variants
    # Measured: recall and top-candidate repair per code page and mode; the floors
    # keep regressions visible without tying the test to one number.
    assert detected / variants >= 0.98, (page, mode, detected, variants)
    assert repaired / variants >= 0.35, (page, mode, repaired, variants)


WORDS = sorted({word for line in CONTROLS for word in line.split()})


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8), st.sampled_from(PATHS))
def test_random_word_mixes_stay_clean_and_certain_repairs_stay_right(
        words: list[str], path: ManglingPath) -> None:
    sentence = " ".join(words)
    assert find_mojibake(sentence) == []
    mangled = mangle_line(sentence, path)
    if mangled is None:
        return
    for item in find_mojibake(mangled.text):
        if item.certain:
            assert original_of(mangled, item.start, item.end) == item.candidates[0]


@pytest.mark.parametrize("page", CODE_PAGES)
@pytest.mark.parametrize("mode", sorted(MODES))
def test_the_legacy_modes_still_mangle(page: str, mode: str) -> None:
    """`mangle` (one code page, one mode) is what older tests use."""
    result = mangle("Ωμέγα ✓", page, mode)
    assert result is None or result.original == "Ωμέγα ✓"


def test_a_clean_letter_of_another_code_page_beside_mojibake_stays_clean() -> None:
    """A half-mangled page through cp1254: a clean `Č` inside a word whose next
    letter was mangled is not read as cp1250's or cp1257's lead byte C8 that lost
    its continuation (`Ș`, `Ț`): the page's exact spans use cp1254 only."""
    def mangled(text: str) -> str:
        return text.encode("utf-8").decode("cp1254", errors="ignore")

    word = "".join(mangled(char) if char == "Ý" else char for char in "SVĚTLOUČKÝ")
    lines = [mangled("Пример: дом и мир, ключ и замок."), mangled("Türkçe: şehir, ağaç."),
             f"Slovo: {word} {mangled('KŮŇ')}."]
    last = page_mojibake(lines)[-1]
    assert [item.mangled for item in last] == [mangled("ŮŇ")]


def test_camel_case_keywords_in_cyrillic_are_words_and_cp1251_mojibake_is_not() -> None:
    """Keywords of a pseudocode written in Ukrainian glue Title-case words
    (`КінецьПідпроцесу`): `Пі` is no cp1251 decode of ϳ. Russian decoded as
    cp1251 pairs a capital with one character at a time, and is still found."""
    clean = ["Блок закривається словом `КінецьПідпроцесу`, далі `ЯкщоІнакше`.",
             "Виклик `ПочатокЦиклу` і `кінецьЦиклу` у тексті Підпроцесу."]
    assert page_mojibake(clean) == [[], []]
    mangled = "Привет, мир: проверка связи.".encode().decode("cp1251")
    found = page_mojibake([mangled])[0]
    assert found and found[0].candidates[0] == "Привет"


def test_cyrillic_decoded_twice_lists_cyrillic_not_greek_camel_case() -> None:
    """Russian decoded twice through cp1252, bytes dropped: the lost lead bytes
    also read as Greek (`ͱϾͻϵϵ`), which is no word glued in camel case; the
    Cyrillic original is among the candidates of every span."""
    path = {path.name: path for path in PATHS}["cp1252x2/ignore"]
    lines = ["Не более трёх попыток, затем ошибка.", "Ключ хранится не более суток."]
    mangled = [mangle_line(line, path, f"cyrillic:{number}")
               for number, line in enumerate(lines)]
    texts = [item.text if item else line for item, line in zip(mangled, lines, strict=True)]
    for item, spans in zip(mangled, page_mojibake(texts), strict=True):
        assert item is not None and spans
        for span in spans:
            truth = item.original[item.bounds.index(span.start):item.bounds.index(span.end)]
            assert truth in span.candidates, (span.mangled, truth, span.candidates)
