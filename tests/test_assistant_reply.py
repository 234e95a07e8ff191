"""A chat assistant's reply left in the page (ST007): found in the page's own
prose, never in quotes, admonitions, code or ordinary sentences that open alike."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import codes_and_lines, lint_text

PAGE = """\
# Releases

Certainly! Here is the release section rewritten for clarity:

- Sure, I've shortened the list of dates.
- Of course, patches may ship on any day.

Versions follow the calendar. Let me know if you'd like me to add a table.

Here’s an updated version of the schedule below.

Here is the schedule for the year.

> Sure, here is what the model answered in the demo.

!!! example "A reply"
    As an AI language model, I cannot open links.

```text
Certainly! Here is code.
```
"""


def test_replies_in_the_pages_own_prose_are_reported(tmp_path: Path) -> None:
    found = codes_and_lines(lint_text(tmp_path, PAGE, select=["ST007"]))
    assert found == {("ST007", 3), ("ST007", 5), ("ST007", 8), ("ST007", 10)}


def test_the_span_covers_the_reply(tmp_path: Path) -> None:
    reports = lint_text(tmp_path, "# T\n\nText first. As an AI language model, I agree.\n",
                        select=["ST007"])
    assert [(report.span.column, report.span.end_column) for report in reports] == [(13, 36)]


def test_a_chats_citation_markers_are_its_reply(tmp_path: Path) -> None:
    text = ("# T\n\nThe mean is 4.2 :contentReference[oaicite:3]{index=3} and the median 4.\n\n"
            "Sources vary【12†source】.\n")
    assert codes_and_lines(lint_text(tmp_path, text, select=["ST007"])) == {
        ("ST007", 3), ("ST007", 5)}


def test_a_chats_picture_tag_on_a_line_of_its_own_is_its_reply(tmp_path: Path) -> None:
    """`[Image of a gear train]` alone is where a chat would have shown a picture;
    the words inside a sentence, or a link, are the page's."""
    text = ("# Gears\n\nA gear train reduces speed.\n\n[Image of a gear train with three gears]\n\n"
            "See the [Image of the week](week.md) page, or [Image of a gear] in the text.\n")
    assert codes_and_lines(lint_text(tmp_path, text, select=["ST007"])) == {("ST007", 5)}


def test_an_offer_of_more_work_is_the_chats(tmp_path: Path) -> None:
    text = ("# Circuits\n\nIf you'd like, I can add a worked example with real resistor values.\n\n"
            "Would you like me to draw the circuit as well?\n\n"
            "If you would like a printed copy, ask at the desk.\n\n"
            'Check in now and then: "Would you like me to go deeper on this part?"\n\n'
            '_"No part of that name is in stock. Would you like me to look for others?"_\n')
    assert codes_and_lines(lint_text(tmp_path, text, select=["ST007"])) == {
        ("ST007", 3), ("ST007", 5)}
