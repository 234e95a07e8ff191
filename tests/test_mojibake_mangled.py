"""Clean multilingual text mangled through several code pages and error modes:
recall, exact repair, and never a certain repair that is wrong."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curriculint.checks.encoding.wrong_decodes import find_mojibake
from tests.conftest import FIXTURES
from tests.mangling import CODE_PAGES, MODES, mangle, original_of

SENTENCES = [
    line for line in (FIXTURES / "encoding" / "multilingual-clean.md")
    .read_text(encoding="utf-8").splitlines()
    if not line.isascii() and not line.startswith(("---", "```"))
]


def _repair(text: str, certain_only: bool) -> str:
    out, cursor = [], 0
    for item in find_mojibake(text):
        if certain_only and not item.certain:
            continue
        out += [text[cursor:item.start], item.candidates[0]]
        cursor = item.end
    return "".join(out) + text[cursor:]


def test_clean_sentences_have_no_finding() -> None:
    assert [line for line in SENTENCES if find_mojibake(line)] == []


# "replace", "sloppy" and "ignore-shy" vary "ignore" and latin-1; the property test
# below draws from every mode.
@pytest.mark.parametrize("mode", ["strict", "ignore"])
@pytest.mark.parametrize("page", CODE_PAGES)
def test_mangled_sentences_are_found_and_certain_repairs_are_right(page: str,
                                                                   mode: str) -> None:
    variants = detected = repaired = 0
    for sentence in SENTENCES:
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
    assert detected / variants >= 0.7, (page, mode, detected, variants)
    assert repaired / variants >= 0.15, (page, mode, repaired, variants)


WORDS = sorted({word for line in SENTENCES for word in line.split()})


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
       st.sampled_from(CODE_PAGES), st.sampled_from(sorted(MODES)))
def test_random_word_mixes_stay_clean_and_certain_repairs_stay_right(
        words: list[str], page: str, mode: str) -> None:
    sentence = " ".join(words)
    assert find_mojibake(sentence) == []
    mangled = mangle(sentence, page, mode)
    if mangled is None:
        return
    for item in find_mojibake(mangled.text):
        if item.certain:
            assert original_of(mangled, item.start, item.end) == item.candidates[0]
