"""Emoji sequences whose joiner lost a byte: a joiner beside an emoji is the glue
of a sequence, so it ranks with the emoji (not below `👧❀👦`), and in text
decoded twice an inner character that may be a joiner is read with the emoji
before it and with more text after it, as it stands inside its run."""

from __future__ import annotations

import pytest

from curriculint.checks.encoding.ranking import rank
from curriculint.checks.encoding.wrong_decodes import MAX_SHOWN, page_mojibake
from tests.mangling import PATHS, mangle_line, original_of

_PATHS = {path.name: path for path in PATHS}


def test_a_joiner_beside_an_emoji_ranks_as_part_of_the_sequence() -> None:
    assert rank(["👧❀👦", "👧”👦", "👧\u200d👦"], {})[0] == "👧\u200d👦"
    assert rank(["❀🚀", "”🚀", "\u200d🚀"], {})[0] == "\u200d🚀"
    # Between letters a joiner is no emoji's glue: it keeps its own tier.
    assert rank(["a\u200db", "a”b"], {})[0] == "a”b"


@pytest.mark.parametrize("path", ["cp1252/ignore", "cp1252x2/ignore", "cp1252x2/replace"])
def test_the_joiners_of_a_sequence_are_listed(path: str) -> None:
    lines = ["The team 👧‍👦 met.", "Crew: 🧑🏽‍🚀 and 👩‍🦯 here"]
    mangled = [mangle_line(line, _PATHS[path], salt=str(number))
               for number, line in enumerate(lines)]
    assert all(item is not None for item in mangled)
    found = page_mojibake([item.text for item in mangled if item is not None])
    spans = [(original_of(item, span.start, span.end), rank(span.candidates, {})[:MAX_SHOWN])
             for item, spans in zip(mangled, found, strict=True) if item is not None
             for span in spans if span.lossy and not span.certain]
    assert spans
    assert [(truth, candidates[:3]) for truth, candidates in spans
            if truth is None or truth not in candidates] == []


def test_a_joiner_the_page_uses_is_no_evidence_for_a_jumble() -> None:
    """Pages that spell emoji sequences "use" their joiners and selectors, counted
    alone where a sequence was cut. That usage is glue, shared by every reading of
    a cut sequence: the sequence the emoji data knows (🏳️‍🌈) still ranks first,
    and no joiner makes a jumble the one the usage supports."""
    from curriculint.checks.encoding.ranking import decisive, rank

    candidates = ["🏳️\u200d😌", "🏳️\u200d🌁", "🏳️\u200d🌈"]
    usage = {"\u200d": 5, "\ufe0f": 3}
    assert rank(candidates, usage)[0] == "🏳️\u200d🌈"
    assert not decisive(["🏳️\u200d😌", "🌁"], usage)
