"""Heading ids: our slugify against Python-Markdown's toc, unit by unit and over a real site."""

from __future__ import annotations

import difflib
import html
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from curriculint.index.slugs import pymdownx_style, slugifier, slugify_toc, unique_id
from curriculint.load.document import ParseOptions, parse
from tests.conftest import CORPUS, needs_shared

markdown = pytest.importorskip("markdown")


@pytest.mark.parametrize(("text", "slug"), [
    ("🎯 Learning Path Overview", "learning-path-overview"),
    ("Regional Optimization & Latency", "regional-optimization-latency"),
    ("L3 (Junior/Mid-Level) - SDE I/II, E3/E4", "l3-juniormid-level-sde-iii-e3e4"),
    ("Technical Skills (60%)", "technical-skills-60"),
    ("São Paulo – naïve", "sao-paulo-naive"),
    ("snake_case name", "snake_case-name"),
])
def test_toc_slugify_matches_examples(text: str, slug: str) -> None:
    assert slugify_toc(text) == slug


@given(st.text(max_size=40))
def test_toc_slugify_equals_python_markdown(text: str) -> None:
    from markdown.extensions.toc import slugify

    assert slugify_toc(text, "-") == slugify(text, "-")


@given(st.text(max_size=40))
def test_pymdownx_slugify_equals_pymdown_extensions(text: str) -> None:
    slugs = pytest.importorskip("pymdownx.slugs")
    for case in ("none", "lower", "lower-ascii", "fold"):
        theirs = slugs.slugify(case=case, normalize="NFC")
        assert slugifier(pymdownx_style(case, "NFC", False))(text, "-") == theirs(text, "-")


@given(st.text(max_size=30))
def test_slugify_is_idempotent(text: str) -> None:
    once = slugify_toc(text)
    assert slugify_toc(once) == once


def test_unique_id_suffixes_like_toc() -> None:
    used: set[str] = set()
    assert [unique_id(slug, used) for slug in ("a", "a", "a_1", "", "")] == [
        "a", "a_1", "a_2", "_1", "_2"]


def _site_markdown(mkdocs_yml: Path) -> Any:
    """Python-Markdown configured with the site's extensions (slow Pygments off)."""
    import yaml

    from curriculint.load.mkdocs_config import mkdocs_loader

    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=mkdocs_loader())
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if name in ("codehilite", "pymdownx.snippets"):  # no effect on ids; snippets reads files
            continue
        settings = dict(settings or {})
        if name == "pymdownx.highlight":
            settings["use_pygments"] = False
        names.append(name)
        options[name] = settings
    return markdown.Markdown(extensions=names, extension_configs=options)


_FRONTMATTER = re.compile(r"^-{3}[ \t]*\n.*?\n(?:-{3}|\.{3})[ \t]*\n", re.DOTALL)
_HEADING_ID = re.compile(r"<h[1-6][^>]*\bid=\"([^\"]*)\"")


@needs_shared
def test_heading_ids_agree_with_python_markdown_on_the_corpus() -> None:
    """Every 6th page of the DStudio site (deterministic; the full run takes about a
    minute): where both parsers see the same heading, the ids are equal; the
    headings found differ only where the two parsers split blocks differently."""
    pytest.importorskip("pymdownx")
    from curriculint.load.site import read_mkdocs

    project = read_mkdocs(CORPUS.parent / "mkdocs.yml")
    assert project is not None
    renderer = _site_markdown(CORPUS.parent / "mkdocs.yml")
    options = ParseOptions(slug_style=project.slug_style, emoji_index=project.emoji_index)
    aligned = equal = theirs_total = matched = 0
    for path in sorted(CORPUS.rglob("*.md"))[::6]:
        raw = path.read_bytes()
        text = raw.decode("utf-8", "replace")
        match = _FRONTMATTER.match(text)
        renderer.reset()
        theirs = [html.unescape(value) for value in
                  _HEADING_ID.findall(renderer.convert(text[match.end():] if match else text))]
        ours = [heading.id for heading in parse(raw, str(path), options).index.headings]
        matcher = difflib.SequenceMatcher(None, theirs, ours, autojunk=False)
        for tag, their_start, their_end, our_start, our_end in matcher.get_opcodes():
            if tag == "replace":
                aligned += min(their_end - their_start, our_end - our_start)
            elif tag == "equal":
                aligned += their_end - their_start
                equal += their_end - their_start
        theirs_total += len(theirs)
        matched += sum(block.size for block in matcher.get_matching_blocks())
    assert aligned and equal == aligned, f"{aligned - equal} of {aligned} aligned ids differ"
    assert matched / theirs_total > 0.97, f"{matched}/{theirs_total} headings found"


@pytest.mark.parametrize("heading", [
    "## ![penguin](img/penguin.png) Start on Linux",
    "## Install ![logo](logo.svg){ width=20 } on *macOS*",
    "## ![only a picture](pic.png)",
])
def test_an_image_in_a_heading_gives_the_id_no_words(heading: str) -> None:
    """toc reads a heading's text, and an image has none: its alt text is no part
    of the id."""
    page = f"# Title\n\n{heading}\n"
    html = markdown.markdown(page, extensions=["toc", "attr_list"])
    theirs = re.findall(r'<h2 id="([^"]*)"', html)
    ours = [item.id for item in parse(page.encode(), "index.md").index.headings if item.level == 2]
    assert ours == theirs


def test_a_heading_right_under_a_closed_html_line_is_a_heading() -> None:
    """`<hr>` or `<br><br>` on the line above `## Crew`: Python-Markdown ends the raw
    HTML with the element and reads the heading. Under an element left open, the
    heading is raw HTML."""
    page = ("# Team\n\nWords.\n\n<br><br>\n<hr>\n## Helpers\n\nThanks.\n\n<hr/>\n## Crew\n\n"
            "Text.\n\n<div>x</div>\n## Extras\n\nMore.\n\n<div>\n## Inside\n</div>\n")
    html = markdown.markdown(page, extensions=["toc"])
    theirs = re.findall(r'<h2 id="([^"]*)"', html)
    ours = [item.id for item in parse(page.encode(), "index.md").index.headings if item.level == 2]
    assert ours == theirs == ["helpers", "crew", "extras"]
