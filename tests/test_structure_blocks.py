"""Unclosed HTML (ST003) and malformed admonitions (ST004)."""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculint.cli.main import main
from curriculint.config import Config
from curriculint.load.document import parse
from curriculint.load.site import forget_projects
from tests.conftest import (
    SEED,
    codes_and_lines,
    expected_findings,
    lint_paths,
    lint_text,
    needs_shared,
)

FIXTURES = Path(__file__).parent / "fixtures" / "structure"
CASES = [FIXTURES / "html_blocks.md", FIXTURES / "admonitions.md"]


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.name)
def test_fixture_expectations(path: Path) -> None:
    reports = lint_paths([path], select=["ST003", "ST004"])
    assert codes_and_lines(reports) == expected_findings(path)


def test_indented_closing_tag_after_a_blank_line_still_closes(tmp_path: Path) -> None:
    # Python-Markdown reads raw HTML up to the balanced end tag; CommonMark
    # sees the indented `</div>` as code. The page renders fine.
    text = "<div class=\"a\">\n<div class=\"b\">\n  <p>x</p>\n\n    </div>\n</div>\n"
    assert not lint_text(tmp_path, text, select=["ST003"])


def test_wrong_end_tag_is_one_finding_at_the_opening_tag(tmp_path: Path) -> None:
    text = "# T\n\n<div markdown>\n\n- a\n\n</section>\n"
    reports = lint_text(tmp_path, text, select=["ST003"])
    assert [(report.span.line, report.span.column) for report in reports] == [(3, 1)]
    assert "</section>" in reports[0].message


def test_flush_left_paragraph_after_a_title_only_block_is_not_reported(tmp_path: Path) -> None:
    text = "!!! success \"Gold pattern\"\n**Used in production**\n"
    assert not lint_text(tmp_path, text, select=["ST004"])


@needs_shared
def test_seed_malformed_abstract() -> None:
    reports = lint_paths([SEED], select=["ST003", "ST004"])
    assert codes_and_lines(reports) == {("ST004", 80)}


# -- ST006: a code block that swallowed a fence ------------------------------

SWALLOWED = """\
# Setup

```python
print("ready")
```bash
pip install ready
```

1. Call it:
   ```python
   def call():
## a comment pasted at column 0 ends the item and its block
       return 1
   ```

2. Then:
   ```python
   call()
   ```

Fine:

````markdown
```python
print("nested fences need a longer outer fence")
```
````

~~~text
```bash
a fence of the other character is content
```
~~~
"""


def test_a_fence_with_a_language_inside_a_code_block_is_reported(tmp_path: Path) -> None:
    reports = lint_text(tmp_path, SWALLOWED, select=["ST006"])
    # The `bash` fence meant as a close; then the item's block cut short by a
    # column-0 line (never closed: Python-Markdown shows its fence as text), so
    # its closing fence opens a block that swallows the next.
    assert [(report.span.line, report.span.column) for report in reports] == [
        (5, 1), (10, 4), (17, 4)]
    assert "never closed" in reports[1].message
    assert reports[0].message.startswith("'```bash' opens a fence inside the code block that "
                                         "starts at line 3")


INDENTED_EXAMPLE = """\
# Diagrams

Write a diagram like this:

```markdown
  ```mermaid
  graph LR
  ```
```

## Rendered

```mermaid
graph LR
```

## After
"""


def test_a_fence_closes_only_at_the_openings_indentation(tmp_path: Path) -> None:
    # pymdownx.superfences: the indented example fence is content of the listing,
    # not its close, so nothing is swallowed and both headings stay headings.
    assert not lint_text(tmp_path, INDENTED_EXAMPLE, select=["ST006"])
    doc = parse(INDENTED_EXAMPLE.encode(), "diagrams.md")
    assert [(fence.start_line, fence.end_line) for fence in doc.index.fences] == [
        (5, 9), (13, 15)]
    assert [heading.text for heading in doc.index.headings] == ["Diagrams", "Rendered", "After"]


SHORT_CLOSE = """\
# Themes

`````markdown title="docs/theme.md"
```python
print("example")
```
```

## Colours

```css
body { color: teal; }
```

`````
"""


def test_a_markdown_listing_closed_with_a_shorter_fence_is_reported(tmp_path: Path) -> None:
    reports = lint_text(tmp_path, SHORT_CLOSE, select=["ST006"])
    assert [(report.span.line, report.span.column) for report in reports] == [(7, 1)]
    assert "only 5 or more backticks close it" in reports[0].message
    # Closed with its own length, the listing ends there and the page reads on.
    closed = SHORT_CLOSE.replace("```\n\n## Colours", "`````\n\n## Colours", 1)
    closed = closed.removesuffix("`````\n")
    assert not lint_text(tmp_path / "closed", closed, select=["ST006"])


def test_a_fence_in_a_quote_closed_on_lines_without_the_marker_is_closed(
        tmp_path: Path) -> None:
    """Python-Markdown's quote takes its whole block, lines without `>` as they
    stand: a fence opened after `>` closes on an unmarked line (round 87). Up to
    a blank line only: the paragraph after it is outside the quote."""
    import markdown

    from curriculint.load.parser import build_parser

    text = "# Quote\n\n> ```python\n  total = 1\n  print(total)\n  ```\n\nAfter it.\n"
    html = markdown.markdown(text, extensions=["pymdownx.superfences"])
    assert "<blockquote>" in html and "```" not in html and "<p>After it.</p>" in html
    tokens = build_parser().parse(text)
    kinds = [token.type for token in tokens]
    fence = next(token for token in tokens if token.type == "fence")
    assert kinds.index("blockquote_open") < kinds.index("fence") < kinds.index("blockquote_close")
    assert fence.content == "  total = 1\n  print(total)\n" and fence.map == [2, 6]
    assert kinds.index("blockquote_close") < kinds.index("paragraph_open")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nmarkdown_extensions:\n  - pymdownx.superfences\n", encoding="utf-8")
    assert not lint_text(tmp_path, text, select=["ST006"], name="docs/index.md")
    # A quote whose unmarked lines are more of its paragraph reads as before.
    plain = [token.type for token in build_parser().parse("> one\ntwo\n\nthree\n")]
    assert plain[:3] == ["blockquote_open", "paragraph_open", "inline"]


def test_a_code_block_open_to_the_end_of_the_page_is_reported(tmp_path: Path) -> None:
    """Python-Markdown opens a fence only when it closes: a stray fence after a
    block's prose, and a last listing left open, show as text. An indented code
    block that shows a fence line is a listing, and a closed fence is fine."""
    import markdown

    stray = ("# Setup\n\n```bash\nls\n```\n\n    ```\n    an indented listing\n\n"
             "Run it, then read the notes.\n```\n")
    left_open = "# Setup\n\nLast:\n\n```json\n{\"a\": 1}\n"
    html = markdown.markdown(stray + left_open, extensions=["pymdownx.superfences"])
    assert "notes.\n```</p>" in html and "<p>```json" in html
    for page, line in ((stray, 11), (left_open, 5)):
        reports = lint_text(tmp_path / str(line), page, select=["ST006"])
        assert [(report.span.line, report.span.column) for report in reports] == [(line, 1)]


def test_a_closing_tag_with_a_backslash_is_reported(tmp_path: Path) -> None:
    text = "# T\n\nA private<span> <\\span>subnet, and `<\\span>` in code.\n"
    reports = lint_text(tmp_path, text, select=["ST003"])
    assert [(report.span.line, report.span.column) for report in reports] == [(3, 17)]
    assert "write '</span>'" in reports[0].message


def test_an_admonition_goes_on_past_two_blank_lines_while_indented() -> None:
    text = ("# T\n\n!!! note \"Reading\"\n    First chapter.\n\n\n"
            "    Then [the lab](lab.md).\n\nAfter the note.\n")
    doc = parse(text.encode(), "notes.md")
    admonition = next(block for block in doc.index.blocks if block.kind == "admonition")
    assert admonition.start_line == 3 and admonition.end_line >= 7
    assert not [fence for fence in doc.index.fences]
    assert any(link.target == "lab.md" for link in doc.index.links)


def _per_config(root: Path, page: str, configs: dict[str, str],
                select: list[str]) -> dict[str, set[tuple[str, int]]]:
    """(code, line) found on `page` in a site of its own per mkdocs.yml text."""
    found = {}
    for name, config in configs.items():
        (root / name / "docs").mkdir(parents=True)
        (root / name / "docs" / "index.md").write_text(page, encoding="utf-8")
        (root / name / "mkdocs.yml").write_text(config, encoding="utf-8")
        found[name] = codes_and_lines(lint_paths([root / name / "docs"], select=select))
    return found


def test_hash_headings_are_sections_where_toc_renders_them_one_level_down(
        tmp_path: Path) -> None:
    """toc's `baselevel: 2` renders `#` as `<h2>`: several `#` headings are the
    page's sections, not several titles; without the setting they are."""
    page = "# Buying\n\nText.\n\n# Cleaning\n\nText.\n"
    found = _per_config(tmp_path, page, {
        "based": "site_name: k\nmarkdown_extensions:\n  - toc:\n      baselevel: 2\n",
        "plain": "site_name: k\nmarkdown_extensions:\n  - toc\n"}, ["ST001"])
    assert found == {"based": set(), "plain": {("ST001", 5)}}


def test_display_math_lines_are_no_heading_underlines_where_arithmatex_renders_them(
        tmp_path: Path) -> None:
    """pymdownx.arithmatex takes a `$$ ... $$` block whole: its `=` and `-` lines
    underline no heading. Without a math extension Python-Markdown reads them as
    Markdown, and so does curriculint: a paragraph of two lines and more over `=`
    is no heading there either (its setext heading is one line)."""
    page = ("# Sums\n\nText.\n\n$$\na + b\n=\nc\n$$\n\n## Then\n\n$$\nu\n-\nw\n$$\n\n"
            "### Last\n")
    found = _per_config(tmp_path, page, {
        name: f"site_name: s\nmarkdown_extensions:\n  - {extension}\n"
        for name, extension in (("math", "pymdownx.arithmatex"), ("plain", "toc"))},
        ["ST001", "ST002"])
    assert found["math"] == set()
    assert found["plain"] == set()
    lone = page.replace("$$\na + b\n=", "$$\n\na + b\n=")
    found = _per_config(tmp_path / "lone", lone, {"plain": "site_name: s\n"}, ["ST001"])
    assert found["plain"] == {("ST001", 7)}  # one line over `=`: a heading


def test_a_title_without_quotes_is_taken_for_class_names(tmp_path: Path) -> None:
    """`!!! warning Keep backups` shows a box titled "Warning": the words are CSS
    classes. Classes written as such (`inline end`, one lower-case word) are fine."""
    text = ("# T\n\n!!! warning Keep backups of the archive\n    Body.\n\n"
            "!!! note inline end\n    Side.\n\n??? tip wide\n    Body.\n\n"
            "!!! danger Careful\n    Body.\n\n!!! info images and volumes\n    Body.\n\n"
            "!!! info imagenes y contenedores\n    Body.\n")
    reports = lint_text(tmp_path, text, select=["ST004"])
    assert codes_and_lines(reports) == {("ST004", 3), ("ST004", 12), ("ST004", 15),
                                        ("ST004", 18)}
    assert "'Keep backups of the archive' as CSS class names" in reports[0].message


def test_a_block_closer_inside_a_listing_of_the_block_is_the_listings(tmp_path: Path) -> None:
    """pymdownx.blocks: a `///` line in a fenced listing inside `/// note` does not
    end the note (superfences stashes the listing first); the heading after the
    note is a heading, and the fences pair as written."""
    text = ("# Callouts\n\n/// note | How to write one\n\n```text\n/// tip | Heads up\n"
            "Mind the gap.\n///\n```\n\n```text\nplain remark\n```\n\n///\n\n## Next part\n\n"
            "Prose.\n")
    assert not lint_text(tmp_path, text, select=["ST", "LNK003"])
    doc = parse(text.encode(), "page.md")
    assert [heading.text for heading in doc.index.headings] == ["Callouts", "Next part"]


def test_a_fence_closes_only_with_its_own_fence(tmp_path: Path) -> None:
    """Python-Markdown and superfences close a fence with the same fence again:
    a longer one (with a language or not) inside is content, shown as written."""
    text = ("# Nested\n\n```markdown\nSteps:\n\n````shell\necho hi\n````\n```\n\n"
            "## After\n\nProse.\n")
    assert not lint_text(tmp_path, text, select=["ST006"])
    doc = parse(text.encode(), "page.md")
    assert [heading.text for heading in doc.index.headings] == ["Nested", "After"]
    assert [(fence.start_line, fence.end_line) for fence in doc.index.fences] == [(3, 9)]


def test_a_details_block_may_have_a_title_and_no_type(tmp_path: Path) -> None:
    text = '# Quiz\n\n??? "Show the answer"\n    Yellow.\n\n!!! "No type"\n    Body.\n'
    assert codes_and_lines(lint_text(tmp_path, text, select=["ST004"])) == {("ST004", 6)}


def test_a_fence_line_with_attributes_and_no_language_opens_nothing(tmp_path: Path) -> None:
    """```` ```{style="color: white"} ```` inside a listing of a listing is shown as
    written: no language, so no bare fence before it was a close written short."""
    text = ('# Styled\n\n````\n```\nA sentence.\n```{style="color: white"}\n````\n\n'
            "Text after.\n\n````\n```\nA sentence.\n```python\nprint()\n```\n````\n")
    assert codes_and_lines(lint_text(tmp_path, text, select=["ST006"])) == {("ST006", 12)}


def test_a_close_written_with_attributes_is_no_close(tmp_path: Path) -> None:
    """```` ```{style="x"} ```` as the block's own close: Python-Markdown takes no
    attributes there, the block runs on to the next bare fence."""
    text = '# T\n\n```\ntext\n```{style="x"}\n\nmore text\n\n```\n'
    assert codes_and_lines(lint_text(tmp_path, text, select=["ST006"])) == {("ST006", 5)}


def test_syntax_without_its_extension_is_told_unless_the_config_is_incomplete(
        tmp_path: Path) -> None:
    """`???` with no pymdownx.details in mkdocs.yml shows as text; with an INHERIT
    parent that cannot be read, the extensions are not known and nothing is said."""
    page = '# T\n\n??? tip "Answer"\n    42.\n'
    found = _per_config(tmp_path, page, {
        "plain": "site_name: t\nmarkdown_extensions:\n  - admonition\n",
        "inherits": "INHERIT: ../gone.yml\nsite_name: t\n",
        "enabled": "site_name: t\nmarkdown_extensions:\n  pymdownx.details: {}\n"}, ["ST008"])
    assert found == {"plain": {("ST008", 3)}, "inherits": set(), "enabled": set()}


def test_icon_shortcodes_without_the_emoji_extension_show_as_text(tmp_path: Path) -> None:
    """`:material-rocket:` is an icon only through pymdownx.emoji; in code, in a
    time of day or as a plain `:word:` it is nothing to say."""
    page = ("# T\n\nAt 10:30:45, `:material-x:` and :smile: stay as they are.\n\n"
            "- :material-rocket-launch: Fast\n- :fontawesome-brands-github: Code\n")
    found = _per_config(tmp_path, page, {
        "plain": "site_name: t\nmarkdown_extensions:\n  - attr_list\n",
        "enabled": "site_name: t\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
                   "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"},
        ["ST008"])
    assert found == {"plain": {("ST008", 5)}, "enabled": set()}


def test_a_heading_with_no_space_after_its_hashes_is_a_heading(tmp_path: Path) -> None:
    """Python-Markdown reads `###References` as an `<h3>` (CommonMark needs the
    space): its id answers links, and its level counts."""
    text = ("# Widgets\n\nSee [refs](#references).\n\n###References\n\nText.\n\n"
            "```text\n#include <stdio.h>\n```\n")
    reports = lint_text(tmp_path, text, select=["LNK003", "ST002"])
    assert codes_and_lines(reports) == {("ST002", 5)}
    doc = parse(text.encode(), "page.md")
    assert [heading.text for heading in doc.index.headings] == ["Widgets", "References"]


def test_hashes_indented_into_their_container_are_text(tmp_path: Path) -> None:
    """Python-Markdown reads `  ### Services` as a paragraph, in a quote and an
    admonition too; hashes flush with the container, or after a list marker,
    make headings (round 86). A link to the text's would-be id leads nowhere."""
    import markdown

    text = ("# Offices\n\nSee [services](#services).\n\n  ### Services\n\n"
            ">   ## Quoted\n\n> ## Flush\n\n!!! note\n\n    ## Inside\n\n     ## Off\n\n"
            "- ## Item\n")
    html = markdown.markdown(text, extensions=["admonition"])
    assert "<p>### Services</p>" in html and "<p>## Quoted</p>" in html
    assert "<p>## Off</p>" in html
    assert all(f"<h2>{name}</h2>" in html for name in ("Flush", "Inside", "Item"))
    doc = parse(text.encode(), "page.md")
    assert [heading.text for heading in doc.index.headings] == [
        "Offices", "Flush", "Inside", "Item"]
    assert codes_and_lines(lint_text(tmp_path, text, select=["LNK003"])) == {("LNK003", 3)}


def test_a_list_right_after_a_paragraph_is_more_of_it_as_python_markdown_renders(
        tmp_path: Path) -> None:
    """Python-Markdown merges a list that follows a paragraph line into it; a list
    nested under an item's text, and one after a blank line, stay lists."""
    import markdown

    page = ("# Packing\n\nBring these:\n- a towel\n- a map\n\n!!! note\n    Also:\n    - a hat\n"
            "    - boots\n\n- Food\n    - bread\n    - cheese\n\nAnd then:\n\n- rest\n- sleep\n\n"
            "A sentence that wraps onto a line\n- starting with a dash.\n\n"
            "> [!tip] Packing light\n> - one bag\n> - no spares\n\n"
            "Pack these, as the leaflet says:\n> - a lamp\n> - a rope\n")
    html = markdown.markdown(page, extensions=["admonition"])
    assert "Bring these:\n- a towel" in html and "Also:\n- a hat" in html
    assert "<li>bread</li>" in html and "<li>rest</li>" in html
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nmarkdown_extensions:\n  - admonition\n",
                                         encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text(page, encoding="utf-8")
    reports = lint_paths([tmp_path / "docs"], ["ST009"], Config(roots=(), cache=False))
    assert [(report.span.line, report.span.column) for report in reports] == [(4, 1), (9, 5)]
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nmarkdown_extensions:\n  - admonition\n  - mdx_breakless_lists\n",
        encoding="utf-8")
    forget_projects()
    assert not lint_paths([tmp_path / "docs"], ["ST009"], Config(roots=(), cache=False))


def test_st008_leaves_plugins_that_add_extensions_and_raw_html_alone(tmp_path: Path) -> None:
    """mkdocs-gallery adds admonition and more in its on_config; a `<figure
    markdown>` holding only HTML shows the same with md_in_html or without."""
    (tmp_path / "docs").mkdir()
    page = ("# T\n\n!!! note\n    Read me.\n\n<figure markdown>\n  <img src=\"a.png\">\n"
            "  <figcaption>A part.</figcaption>\n</figure>\n\n<div markdown>\n**Bold**\n</div>\n")
    (tmp_path / "docs" / "index.md").write_text(page, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    found = lint_paths([tmp_path / "docs"], ["ST008"], Config(roots=(), cache=False))
    assert [report.span.line for report in found] == [3, 11]
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - gallery\n",
                                         encoding="utf-8")
    forget_projects()
    assert not lint_paths([tmp_path / "docs"], ["ST008"], Config(roots=(), cache=False))


def test_st008_a_markdown_div_of_fenced_code_only_renders_without_md_in_html(
        tmp_path: Path) -> None:
    """Fences are taken out of the page before raw HTML is read: a grid of two
    listings shows them either way. Prose after a fence is Markdown again."""
    (tmp_path / "docs").mkdir()
    fences = "```python\ntotal = add(2, 3)\n```\n\n~~~\nplain\n~~~\n"
    page = f"# T\n\n<div class=\"grid\" markdown>\n\n{fences}\n</div>\n"
    (tmp_path / "docs" / "index.md").write_text(page, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    forget_projects()
    assert not lint_paths([tmp_path / "docs"], ["ST008"], Config(roots=(), cache=False))
    (tmp_path / "docs" / "index.md").write_text(
        page.replace("</div>", "**Both** add.\n\n</div>"), encoding="utf-8")
    found = lint_paths([tmp_path / "docs"], ["ST008"], Config(roots=(), cache=False))
    assert [report.span.line for report in found] == [3]


def test_st009_leaves_a_list_python_markdown_never_reads_as_one(tmp_path: Path) -> None:
    """`1)` is no list marker to Python-Markdown: a blank line would not help."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# T\n\nSteps:\n1) one\n2) two\n",
                                                encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    assert not lint_paths([tmp_path / "docs"], ["ST009"], Config(roots=(), cache=False))


def test_items_numbered_with_a_parenthesis_run_together_in_python_markdown(
        tmp_path: Path) -> None:
    """ST012: `1)` items on consecutive lines are one paragraph to Python-Markdown,
    in lists, admonitions and quotes; items a blank line apart, one item alone,
    code, and a site with pymdownx.fancylists are left alone. The unsafe fix
    numbers them `1.`."""
    page = ("# T\n\nSteps:\n1) one\n2) two\n\n- item\n\n    1) x\n    2) y\n\n"
            "!!! note\n\n    10) p\n    11) q\n\n> 1) r\n> 2) s\n\n1) apart\n\n2) apart\n\n"
            "Text\n\n1) alone\n\n```text\n1) code\n2) code\n```\n")
    configs = {"plain": "site_name: t\nmarkdown_extensions:\n  - admonition\n",
               "fancy": ("site_name: t\nmarkdown_extensions:\n  - admonition\n"
                         "  - pymdownx.fancylists\n")}
    found = _per_config(tmp_path, page, configs, ["ST012"])
    assert found == {"plain": {("ST012", 4), ("ST012", 9), ("ST012", 14), ("ST012", 17)},
                     "fancy": set()}
    reports = lint_paths([tmp_path / "plain" / "docs"], ["ST012"], Config(roots=(), cache=False))
    assert [report.span.column for report in reports] == [1, 5, 5, 3]
    assert "these 2 items" in reports[0].message
    fix = reports[2].fix
    assert fix is not None and not fix.safe
    assert [(edit.span.line, edit.span.column, edit.text) for edit in fix.edits] == [
        (14, 7, "."), (15, 7, ".")]


def test_a_list_of_the_other_kind_right_after_a_list_continues_it_in_python_markdown(
        tmp_path: Path) -> None:
    """ST014: bullets under numbered items with no text between (sub-points indented
    short, or after a blank line) are more numbered items to Python-Markdown, and
    a run of lists takes the first one's kind; text between, proper nesting, and
    a site with sane_lists are left alone (round 91 miss)."""
    import markdown

    page = ("# T\n\n1. Install\n - Python\n - Git\n2. Clone\n - the repo\n\n"
            "Then:\n\n- a\n\n1. b\n\nText.\n\n1. c\n    - nested\n\n"
            "!!! note\n\n    1. d\n\n    - e\n")
    html = markdown.markdown(page, extensions=["admonition"])
    assert "<li>Python</li>" in html.split("</ol>")[0]
    between = html[html.index("Then:"):html.index("Text.")]
    assert "<ol>" not in between and "<p>b</p>" in between  # b is a bullet
    configs = {"plain": "site_name: t\nmarkdown_extensions:\n  - admonition\n",
               "sane": "site_name: t\nmarkdown_extensions:\n  - admonition\n  - sane_lists\n"}
    found = _per_config(tmp_path, page, configs, ["ST014"])
    assert found == {"plain": {("ST014", 4), ("ST014", 7), ("ST014", 13), ("ST014", 24)},
                     "sane": set()}
    reports = lint_paths([tmp_path / "plain" / "docs"], ["ST014"], Config(roots=(), cache=False))
    assert [report.span.column for report in reports] == [2, 2, 1, 5]
    assert "numbered list of line 3" in reports[1].message
    assert "MkDocs shows these items with bullets" in reports[2].message


def test_markdown_inside_a_raw_html_element_is_reported_once_per_element(
        tmp_path: Path) -> None:
    """ST013: Python-Markdown shows the Markdown of a raw block-level element as
    text. Left alone: an element marked `markdown`, a hidden one, a `<pre>`, a
    fence inside (superfences renders it), a lone dash line, an indented element
    in a list item; and a folder that is no MkDocs site."""
    page = ("# T\n\n<div class=\"steps\">\n\n**Before**, read [the guide](index.md).\n\n"
            "## Also\n\n</div>\n\n<center>![logo](logo.png)</center>\n\n"
            "<div hidden>\n\n## Draft\n\n</div>\n\n<div markdown>\n\n**fine**\n\n</div>\n\n"
            "<pre>\n## shell prompt\n</pre>\n\n<details>\n<summary>S</summary>\n\n```md\n"
            "## listing\n```\n\n</details>\n\n<blockquote>\nWords\n- Someone\n</blockquote>\n\n"
            "- item\n\n    <div>\n\n    **read**\n\n    </div>\n")
    configs = {"with": "site_name: t\nmarkdown_extensions:\n  - md_in_html\n",
               "without": "site_name: t\n"}
    found = _per_config(tmp_path, page, configs, ["ST013"])
    assert found == {"with": {("ST013", 5), ("ST013", 11)},
                     "without": {("ST013", 5), ("ST013", 11)}}
    reports = lint_paths([tmp_path / "with" / "docs"], ["ST013"], Config(roots=(), cache=False))
    assert "<div> block from line 3 (and 1 more line)" in reports[0].message
    fix = reports[0].fix
    assert fix is not None and not fix.safe
    assert [(edit.span.line, edit.span.column, edit.text) for edit in fix.edits] == [
        (3, 19, " markdown")]
    bare = lint_paths([tmp_path / "without" / "docs"], ["ST013"], Config(roots=(), cache=False))
    assert bare[0].fix is None and "enable md_in_html" in bare[0].message
    (tmp_path / "loose").mkdir()
    (tmp_path / "loose" / "page.md").write_text(page, encoding="utf-8")
    assert not lint_paths([tmp_path / "loose"], ["ST013"], Config(roots=(), cache=False))


def test_an_unclosed_comment_is_text_and_the_page_after_it_is_read(tmp_path: Path) -> None:
    """Python-Markdown prints a `<!--` nothing closes as text and renders the rest:
    the comment is reported, the balanced div after it is not, and the heading
    and link after it are read (a missing anchor is still found)."""
    page = ("# Notes\n\nTides turn twice a day.\n\n<!--\n\ndraft: check the tables\n\n"
            "<div class=\"mark\">\n    <span>~</span>\n</div>\n\n## After\n\n[up](#nowhere)\n")
    reports = lint_text(tmp_path, page, select=["ST003", "LNK003"])
    assert [(report.code, report.span.line) for report in reports] == [
        ("ST003", 5), ("LNK003", 15)]
    closed = page.replace("draft: check the tables", "draft: check the tables -->")
    assert [report.code for report in lint_text(tmp_path, closed, select=["ST003"])] == []


def test_merge_conflict_markers_outside_code_are_reported(tmp_path: Path) -> None:
    """Both sides of a conflict published; a Git lesson's conflict in a code block
    and a lone `=======` (a setext underline) are no conflict."""
    page = ("# Schedule\n\n<<<<<<< HEAD\nRuns start at nine.\n=======\nRuns start at ten.\n"
            ">>>>>>> schedule\n\nA lesson:\n\n```text\n<<<<<<< HEAD\nnine\n=======\nten\n"
            ">>>>>>> schedule\n```\n\nTitle\n=======\n")
    reports = lint_text(tmp_path, page, select=["ST010"])
    assert [(report.code, report.span.line) for report in reports] == [("ST010", 3)]


def test_a_content_tab_whose_body_is_not_indented_four_spaces_is_empty(tmp_path: Path) -> None:
    """pymdownx.tabbed takes a four-space body: indented by one to three, the tab
    shows empty and its text below it. Four spaces, and a tab set that ends
    before flush-left text, are fine."""
    page = ('# T\n\n=== "Regional"\n\n **Scale: one region**\n\n=== "Global"\n\n'
            '    Body four.\n\n=== "Last"\n\n    Fine.\n\nAfter the tabs.\n')
    reports = lint_text(tmp_path, page, select=["ST004"])
    assert [(report.code, report.span.line) for report in reports] == [("ST004", 3)]


def test_a_list_nested_by_fewer_than_four_spaces_is_flat_as_python_markdown_renders(
        tmp_path: Path) -> None:
    """Python-Markdown nests a list at four spaces under its item's marker: at two
    or three (in an admonition or a quote too) the sub-items join the list above.
    mdx_truly_sane_lists nests at two, and a plain Markdown folder is CommonMark's."""
    import markdown

    page = ("# Packing\n\n- Clothes\n  - a jacket\n  - boots\n- Food\n    - bread\n\n"
            "!!! note\n    1. Tent\n       - pegs\n\n> - Map\n>   - paper\n\n"
            "1. Stove\n\n    - fuel\n")
    html = markdown.markdown(page, extensions=["admonition"])
    assert "<li>a jacket</li>" in html and "<li>Clothes</li>" in html  # flat
    assert "<li>pegs</li>" in html and "<li>Tent</li>" in html
    assert "<li>Map</li>" in html and "<li>Food<ul>" in html  # nested at four
    found = _per_config(tmp_path, page, {
        "plain": "site_name: t\nmarkdown_extensions:\n  - admonition\n",
        "sane": "site_name: t\nmarkdown_extensions:\n  - admonition\n  - mdx_truly_sane_lists\n"},
        ["ST011"])
    assert found == {"plain": {("ST011", 4), ("ST011", 11), ("ST011", 14)}, "sane": set()}
    (tmp_path / "bare").mkdir()
    (tmp_path / "bare" / "index.md").write_text(page, encoding="utf-8")
    assert not lint_paths([tmp_path / "bare"], select=["ST011"])


def test_extensions_a_plugin_adds_are_enabled(tmp_path: Path) -> None:
    """techdocs-core adds admonition, details, tabs and mdx_truly_sane_lists in its
    on_config: `!!!` renders, and a list nested by two spaces nests."""
    page = ('# T\n\n!!! warning "Careful"\n    Back up first.\n\n- Parts\n  - a bolt\n'
            '  - a nut\n')
    found = _per_config(tmp_path, page, {
        "techdocs": "site_name: t\nplugins:\n  - techdocs-core\n",
        "plain": "site_name: t\nplugins:\n  - search\n"}, ["ST008", "ST011"])
    assert found == {"techdocs": set(), "plain": {("ST008", 3), ("ST011", 7)}}


def test_a_glued_list_with_sub_items_is_st009s_and_not_st011s(tmp_path: Path) -> None:
    """A one-item list with a sub-item right after a paragraph line: the whole is
    more of the paragraph (ST009), not a nesting slip. A fence indented too little
    and the sub-list after it are each told, so one fix mends both."""
    page = ("# Picnic\n\nWe pack two baskets:\n* Fruit basket\n  * Bread basket\n\n"
            "1. Write the script:\n\n   ```bash\n   echo water\n   ```\n"
            "   * It prints a reminder.\n\n2. Run it.\n")
    found = _per_config(tmp_path, page, {"plain": "site_name: t\n"}, ["ST009", "ST011"])
    assert found == {"plain": {("ST009", 4), ("ST011", 9), ("ST011", 12)}}


def test_a_code_block_indented_too_little_ends_its_list(tmp_path: Path) -> None:
    """After a blank line, a fence at three spaces under `1.` is out of the item for
    Python-Markdown: the list ends and starts again at 1; right under the item's
    text superfences keeps it. A list right under a closing fence is more of a
    paragraph with superfences (ST009)."""
    import markdown

    page = ("# Setup\n\n1. Install:\n\n   ```bash\n   pip install x\n   ```\n\n"
            "2. Run:\n   ```bash\n   run\n   ```\n3. Check.\n\n```text\nout\n```\n- a\n- b\n")
    html = markdown.markdown(page, extensions=["pymdownx.superfences"])
    assert html.count("<ol>") == 2 and "</code></pre></div>\n- a" in html
    found = _per_config(tmp_path, page, {
        "superfences": "site_name: t\nmarkdown_extensions:\n  - pymdownx.superfences\n",
        "plain": "site_name: t\nmarkdown_extensions:\n  - fenced_code\n"}, ["ST009", "ST011"])
    assert found == {"superfences": {("ST011", 5), ("ST009", 18)}, "plain": {("ST011", 5)}}


def test_nesting_follows_python_markdowns_levels_of_four_columns(tmp_path: Path) -> None:
    """Python-Markdown reads a line's level as its indent in fours: an item at two
    or three spaces is level 0, so a sub-list at four or five under it nests; one
    at three under an item at the margin does not. A paragraph after a blank line
    in an item the list goes on after is the same, and the fix moves it to the level."""
    import markdown

    page = ("# T\n\n  - a\n    - b\n\nText.\n\n   - c\n     - d\n\nText.\n\n- e\n   - f\n\n"
            "Text.\n\n1. one\n\n   more about one\n\n2. two\n")
    html = markdown.markdown(page).replace("\n", "")
    assert "<li>a<ul><li>b</li></ul></li>" in html and "<li>c<ul><li>d</li></ul></li>" in html
    assert "<li>e</li><li>f</li>" in html and html.count("<ol>") == 2
    found = _per_config(tmp_path, page, {"plain": "site_name: t\n"}, ["ST011"])
    assert found == {"plain": {("ST011", 14), ("ST011", 20)}}
    main(["check", "--no-cache", "--fix", "--select", "ST011", str(tmp_path / "plain" / "docs")])
    fixed = (tmp_path / "plain" / "docs" / "index.md").read_text(encoding="utf-8")
    assert "- e\n    - f\n" in fixed and "1. one\n\n    more about one\n" in fixed


def test_admonitions_with_doubled_title_quotes_or_an_empty_box_are_malformed(
        tmp_path: Path) -> None:
    """`!!! tip ""Care"` shows `"Care` as its title; `!!! note` with the text flush
    under it is an empty box; a title-only block over flush text is a choice."""
    import markdown

    page = ('# T\n\n!!! tip ""Care"\n    Descale monthly.\n\n!!! note\nCool it first.\n\n'
            '!!! warning "Read this first"\nThe text is outside on purpose.\n\n'
            '!!! note ""\n    No title at all.\n')
    html = markdown.markdown(page, extensions=["admonition"])
    assert '<p class="admonition-title">"Care</p>' in html
    assert '<p class="admonition-title">Note</p>\n</div>\n<p>Cool it first.</p>' in html
    reports = lint_text(tmp_path, page, select=["ST004"])
    assert [report.span.line for report in reports] == [3, 6]
    assert "doubled" in reports[0].message and "block is empty" in reports[1].message


def test_the_fix_keeps_the_levels_of_lists_nested_in_the_one_it_moves(tmp_path: Path) -> None:
    """A sub-list at two spaces holds a list at four (level 1 to Python-Markdown,
    nested under it already): moving the sub-list to four alone would take the
    inner list down to its level, so the fix moves both a whole level."""
    import markdown

    page = ("# T\n\n- Start\n  - Learn\n    - Paths\n    - Wins\n  - Design\n    - Scale\n"
            "- Next\n")
    found = _per_config(tmp_path, page, {"plain": "site_name: t\n"}, ["ST011"])
    assert found == {"plain": {("ST011", 4)}}
    docs = tmp_path / "plain" / "docs"
    main(["check", "--no-cache", "--fix", "--select", "ST011", str(docs)])
    fixed = (docs / "index.md").read_text(encoding="utf-8")
    assert fixed == page.replace("\n  - ", "\n      - ").replace("\n    - ", "\n        - ")
    html = markdown.markdown(fixed).replace("\n", "")
    assert "<li>Learn<ul><li>Paths</li><li>Wins</li></ul></li>" in html
    assert "<li>Start<ul><li>Learn" in html
    assert not lint_paths([docs], select=["ST011"])


def test_hashes_on_an_indented_continuation_line_are_text(tmp_path: Path) -> None:
    """`  #102)` ending a list item's wrapped line is an issue number: Python-Markdown
    reads hashes as a heading only at the start of its container's line."""
    import markdown

    page = "# Notes\n\n- Fix a crash when the cache is stale (#101,\n  #102)\n\n###Next\n"
    html = markdown.markdown(page)
    assert "<h1>102)" not in html and "<h3>Next</h3>" in html
    doc = parse(page.encode(), "notes.md")
    assert [heading.text for heading in doc.index.headings] == ["Notes", "Next"]


def test_macros_that_render_only_pages_that_ask_leave_braces_as_markdown(
        tmp_path: Path) -> None:
    """With `render_by_default: false` mkdocs-macros leaves pages as Markdown: a
    `{{` in a listing and a `}}` later in the text are no template code between."""
    page = ("# T\n\n```yaml\nvalue: {{ not_a_macro\n```\n\nSee the `}}` at the end.\n\n"
            "```bash\nls\n```\n")
    found = _per_config(tmp_path, page, {
        "opt_in": "site_name: t\nplugins:\n  - macros:\n      render_by_default: false\n",
        "always": "site_name: t\nplugins:\n  - macros\n"}, ["ST006"])
    assert found["opt_in"] == set() and found["always"]


def test_an_admonition_short_of_its_items_level_shows_as_text(tmp_path: Path) -> None:
    """`!!! note` two spaces into a bullet is text to Python-Markdown, its body code;
    the fix moves it, and the list after it, into the item."""
    import markdown

    page = ("# Setup\n\n- Steps for the engine.\n\n  !!! note\n\n      Ships from release 5.\n\n"
            "  1.  Refresh the index:\n\n      ```bash\n      tool refresh\n      ```\n")
    assert '<div class="admonition' not in markdown.markdown(page, extensions=["admonition"])
    config = "site_name: t\nmarkdown_extensions:\n  - admonition\n  - pymdownx.superfences\n"
    found = _per_config(tmp_path, page, {"plain": config}, ["ST011"])
    assert found == {"plain": {("ST011", 5), ("ST011", 9)}}
    docs = tmp_path / "plain" / "docs"
    main(["check", "--no-cache", "--fix", "--select", "ST011", str(docs)])
    html = markdown.markdown((docs / "index.md").read_text(encoding="utf-8"),
                             extensions=["admonition", "pymdownx.superfences"])
    assert '<li>\n<p>Steps for the engine.</p>\n<div class="admonition note">' in html
    assert "<ol>" in html and html.index("<ol>") < html.index("</ul>")


def test_a_close_indented_off_its_opening_is_the_cause_told(tmp_path: Path) -> None:
    """` ``` ` a space in under a block opened at the margin closes nothing for
    Python-Markdown: the block runs on to the next fence, and the shifted close is
    where the fix goes."""
    import markdown

    page = "# T\n\n```bash\nls\n ```\n\nText after.\n\n```bash\npwd\n```\n"
    assert "Text<span" in markdown.markdown(page, extensions=["pymdownx.superfences"])
    (report,) = lint_text(tmp_path, page, select=["ST006"])
    assert (report.span.line, report.span.column) == (5, 2)
    assert "indented 1 space where the block opened at 0" in report.message


def test_a_fence_in_a_list_item_needs_superfences(tmp_path: Path) -> None:
    """fenced_code reads fences at the margin only: in a list item the fence and its
    code show as inline code. pymdownx.superfences (or pymdownx.extra) reads them."""
    import markdown

    page = "# T\n\n- Step:\n\n    ```bash\n    ls\n    ```\n\n```bash\npwd\n```\n"
    assert "<p><code>bash" in markdown.markdown(page, extensions=["fenced_code"])
    found = _per_config(tmp_path, page, {
        "fenced": "site_name: t\nmarkdown_extensions:\n  - fenced_code\n",
        "super": "site_name: t\nmarkdown_extensions:\n  - pymdownx.superfences\n",
        "extra": "site_name: t\nmarkdown_extensions:\n  - pymdownx.extra\n"}, ["ST008"])
    assert found == {"fenced": {("ST008", 5)}, "super": set(), "extra": set()}


def test_the_star_lines_of_a_pasted_code_comment_are_no_list(tmp_path: Path) -> None:
    """` * @license ...` under `/**` is a code comment pasted as text: putting a
    blank line before it would make it a list nobody meant."""
    page = "# T\n\nOutput:\n\n/**\n * @license\n * Copyright the authors.\n */\n"
    found = _per_config(tmp_path, page, {"plain": "site_name: t\n"}, ["ST009"])
    assert found == {"plain": set()}


def test_a_fence_under_an_item_line_goes_on_the_item_and_the_list_goes_on(
        tmp_path: Path) -> None:
    """superfences takes a fence right under `- Rake` into the item (audit 80): the
    `- Spade` under its closing fence is the list's next item. Under a paragraph,
    or after a blank line, the list under the fence is still more of a paragraph."""
    page = ("# T\n\n- Rake\n```text\nleaves\n```\n- Spade\n\nText\n```\ncode\n```\n- a\n- b\n\n"
            "- item\n\n```\ncode\n```\n- c\n- d\n")
    found = _per_config(tmp_path, page, {
        "super": "site_name: t\nmarkdown_extensions:\n  - pymdownx.superfences\n"}, ["ST009"])
    assert found == {"super": {("ST009", 13), ("ST009", 21)}}


def test_text_under_an_empty_item_is_the_items_and_the_list_goes_on(tmp_path: Path) -> None:
    """`- ` with nothing after it, then a line of text: Python-Markdown makes the text
    the item's (a lazy line), so the `- ` lines under it are more items (audit 79).
    CommonMark ends the list at the empty item and reads a paragraph."""
    page = ("# T\n\n- Electric\n- \nBoth need care.\n- Copper\n- Steel\n\nWords here\n"
            "- one\n- two\n")
    found = _per_config(tmp_path, page, {"plain": "site_name: t\n"}, ["ST009"])
    assert found == {"plain": {("ST009", 10)}}


def test_a_body_indented_short_after_a_blank_line_and_an_unquoted_tab_title(
        tmp_path: Path) -> None:
    """ST004: a blank line, then the body indented by two: the box is empty and
    the text under it (audit 79); flush text after a title-only block is left
    alone. `=== Linux` over an indented body is no tab (audit 77): the safe fix
    quotes the title; `===` prose with nothing indented under it is left alone."""
    page = ('# T\n\n!!! warning "Draft"\n\n  Meant inside.\n\n!!! tip "Title only"\n\n'
            "A paragraph after.\n\n=== Linux\n\n    apt install tea\n\n=== 'Mac'\n"
            "    brew install tea\n\n=== not a tab\nplain words\n")
    reports = lint_text(tmp_path, page, select=["ST004"])
    assert [(report.span.line, report.fix is not None) for report in reports] == [
        (3, False), (11, True), (15, True)]
    assert [edit.text for report in reports[1:] for edit in report.fix.edits] == [  # type: ignore[union-attr]
        '"Linux"', '"Mac"']


def test_a_fence_indented_too_little_renumbers_only_items_that_follow(tmp_path: Path) -> None:
    """A fence three spaces into a numbered item ends the list there: the message
    says the items after it start from 1 again only where items follow."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    fence = "   ```python\n   run()\n   ```\n"
    (tmp_path / "docs" / "index.md").write_text(
        f"# Steps\n\n1. Install.\n2. Run:\n\n{fence}\n3. Stop.\n\n## Last\n\n1. Clean.\n"
        f"2. Check:\n\n{fence}\n## End\n", encoding="utf-8")
    reports = sorted(lint_paths([tmp_path / "docs"], select=["ST011"]),
                     key=lambda report: report.span.line)
    assert [(report.span.line, "from 1 again" in report.message) for report in reports] == [
        (6, True), (17, False)]


def test_a_dash_after_every_collapsible_marker_of_a_page_is_its_habit(tmp_path: Path) -> None:
    """`???- tip` renders (a CSS class named "-"): a page that writes every `???`
    so means it; one dash among plain markers is a slip."""
    habit = ('# T\n\n???- abstract "fit"\n\n    Fits.\n\n???- abstract "predict"\n\n'
             '    Predicts.\n\n!!! note\n    A note.\n')
    assert lint_text(tmp_path / "habit", habit, select=["ST004"]) == []
    slip = '# T\n\n???- tip "Timer"\n    Stop at 40.\n\n???+ note "Rubric"\n    Score.\n'
    assert codes_and_lines(lint_text(tmp_path / "slip", slip, select=["ST004"])) == {
        ("ST004", 3)}


def test_definition_and_task_lists_need_their_extensions(tmp_path: Path) -> None:
    """Without def_list, `:   text` under a term shows as a paragraph with its
    colon; without pymdownx.tasklist, `- [ ] step` shows its brackets. A colon
    that starts no definition (`Time: 10:30`) is prose."""
    import markdown

    page = ("# Kit\n\nTrowel\n:   A small hand tool.\n\n- [ ] Pack the trowel\n- [x] Oil it\n\n"
            "Time: 10:30 sharp.\n")
    assert "<p>Trowel\n: " in markdown.markdown(page)
    assert "<dd>" in markdown.markdown(page, extensions=["def_list"])
    found = _per_config(tmp_path, page, {
        "plain": "site_name: t\n",
        "extra": "site_name: t\nmarkdown_extensions:\n  - extra\n  - pymdownx.tasklist\n"},
        ["ST008"])
    assert found == {"plain": {("ST008", 4), ("ST008", 6)}, "extra": set()}
    steps = "# Kit\n\nFiring\n:   1. Load the kiln.\n    2. Close the lid.\n"
    found = _per_config(tmp_path / "steps", steps, {"plain": "site_name: t\n"}, ["ST008"])
    assert found == {"plain": {("ST008", 4)}}


def test_a_plugins_bang_tag_is_no_admonition(tmp_path: Path) -> None:
    """`!!swagger api.json!!` (mkdocs-render-swagger-plugin) closes on its line;
    `!! warning "Care"` is a marker short of a mark."""
    text = '# API\n\n!!swagger api.json!!\n\n!! warning "Care"\n    Body.\n'
    assert codes_and_lines(lint_text(tmp_path, text, select=["ST004"])) == {("ST004", 5)}


def test_a_tab_with_its_body_flush_shows_empty(tmp_path: Path) -> None:
    """`=== "Compute"` over a flush table: the tab is empty, the table below the
    set. A set of empty tabs (a demo of tab links) and a macro's `{{ table }}`
    are left alone."""
    import markdown

    flush = '=== "Compute"\n| Platform | Use |\n|---|---|\n| VMs | Legacy |\n'
    html = markdown.markdown(flush, extensions=["pymdownx.tabbed", "tables"])
    assert '<div class="tabbed-content"></div>' in html
    text = (f"# T\n\n{flush}\n## Demo\n\n=== \"One\"\n\n=== \"Two\"\n\nLink to a tab.\n\n"
            '## Made\n\n=== "All"\n{{ conversion_table }}\n')
    assert codes_and_lines(lint_text(tmp_path, text, select=["ST004"])) == {("ST004", 3)}


def test_a_changelog_beside_the_site_keeps_its_h1_per_release(tmp_path: Path) -> None:
    """CHANGELOG.md beside mkdocs.yml, in no docs folder: the site does not build
    it and GitHub shows an H1 per release as written. The same file as a page
    of the site has a title and sections."""
    log = "# Changelog\n\n# 1.1\n\nFixes.\n\n# 1.0\n\nFirst.\n"
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "docs" / "log.md").write_text(log, encoding="utf-8")
    (tmp_path / "CHANGELOG.md").write_text(log, encoding="utf-8")
    reports = lint_paths([tmp_path], select=["ST001"])
    assert {(Path(report.path).name, report.span.line) for report in reports} == {
        ("log.md", 3), ("log.md", 7)}


def test_a_markdown_callouts_collapsible_block_is_no_malformed_admonition(
        tmp_path: Path) -> None:
    """`>? TIP: text` and `>! NOTE: text` are markdown-callouts' collapsible blocks
    (closed, open); `? "Care"` in a quote is still a slip."""
    text = ('# Lab\n\n>? WARNING: Old terminals (the "plain" one) lack colour, so\n'
            '> use another.\n\n>! NOTE: It opens "expanded".\n\n'
            '> ? warning "Care"\n>     Body.\n')
    reports = lint_text(tmp_path, text, select=["ST004"])
    assert [report.span.line for report in reports] == [8]


def test_a_fence_off_the_margin_is_no_fence_where_fenced_code_reads_fences_alone(
        tmp_path: Path) -> None:
    """Without pymdownx.superfences, fenced_code opens a fence only at the margin:
    `  ```` is a paragraph's text, so no block runs on from it. With superfences
    it opens a block that a fence with a language cannot close."""
    page = ("# Tools\n\nRun:\n\n  ```\n\nWords between.\n\n* **Second:**\n"
            "  ```bash\n  tool --all\n  ```\n\nClosing words.\n")
    found = _per_config(tmp_path, page, {
        "plain": "site_name: k\n",
        "super": "site_name: k\nmarkdown_extensions:\n  - pymdownx.superfences\n",
    }, ["ST006"])
    assert found == {"plain": set(), "super": {("ST006", 10)}}


def test_a_sentence_over_a_short_rule_is_a_heading_and_the_unsafe_fix_splits_them(
        tmp_path: Path) -> None:
    """`---` right under a sentence underlines it (an H2); a blank line above the
    dashes makes a paragraph and a rule. Only --unsafe-fixes writes it: the
    author may have meant the heading."""
    page = tmp_path / "page.md"
    text = "# Notes\n\nKeep the lockfile with the code it pins.\n---\n\nMore.\n"
    page.write_text(text, encoding="utf-8")
    assert codes_and_lines(lint_paths([page], select=["ST015"])) == {("ST015", 3)}
    main(["check", "--no-cache", "--fix", "--select", "ST015", str(page)])
    assert page.read_text(encoding="utf-8") == text
    main(["check", "--no-cache", "--fix", "--unsafe-fixes", "--select", "ST015", str(page)])
    assert page.read_text(encoding="utf-8") == text.replace("pins.\n---", "pins.\n\n---")
    assert not lint_paths([page], select=["ST015"])


def test_a_colon_line_after_code_is_a_paragraph_where_def_list_is_off(tmp_path: Path) -> None:
    """`: # TODO` under an indented code block: def_list reads a definition (an
    H1 inside it); without def_list MkDocs shows the line as a paragraph."""
    page = "# Lamps\n\n## Wicks\n\n    lamp --ban cotton\n\n: # TODO\n\n### Related\n"
    found = _per_config(tmp_path, page, {
        "plain": "site_name: k\n",
        "defs": "site_name: k\nmarkdown_extensions:\n  - def_list\n",
    }, ["ST001"])
    assert found == {"plain": set(), "defs": {("ST001", 7)}}


def test_items_between_fences_at_the_margin_make_one_list_with_superfences(
        tmp_path: Path) -> None:
    """`1. a`, a fence at the margin, a line of text, a fence, `2. b`, with no blank
    line: superfences leaves each fence a placeholder line, and Python-Markdown
    reads the run as one list whose items hold the rest (audit 109)."""
    page = ("# T\n\n1. **Fetch**\n```sh\nget\n```\n2. **Install**\n```\ninstall\n```\n"
            "If that fails, quote it\n```\ninstall '.'\n```\n3. **Hooks**\n```\nhook\n```\n")
    found = _per_config(tmp_path, page, {
        "super": "site_name: t\nmarkdown_extensions:\n  - pymdownx.superfences\n"}, ["ST009"])
    assert found == {"super": set()}


def test_a_paragraph_tag_never_closed_swallows_the_rest_of_the_page(tmp_path: Path) -> None:
    """`<p align="justify">` opening a block with no `</p>` after it: Python-Markdown
    reads the rest of the page as raw HTML (audit 108). A closed one, an inline
    one and one at the page's end are fine; so is a `</p>` eaten by nothing."""
    broken = ('# T\n\n<p align="justify">\n<b>A</b> - first answer\n\n## Next\n\n'
              "| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert codes_and_lines(lint_text(tmp_path, broken, select=["ST003"])) == {("ST003", 3)}
    fine = ('# T\n\n<p align="center">\n<img src="a.png">\n</p>\n\n## Next\n\n'
            "Text with <p>inline</p> tags.\n\n<p>Last words\n")
    assert not lint_text(tmp_path, fine, select=["ST003"])


def test_a_table_or_list_flush_under_a_titled_box_leaves_it_empty(tmp_path: Path) -> None:
    """`!!! abstract "Facts"` right over a table (or a list) at the margin: the box
    renders empty and the table below it. A flush paragraph after a titled box
    may be meant, and is left alone."""
    text = ('# T\n\n!!! abstract "Facts"\n| a | b |\n|---|---|\n| 1 | 2 |\n\n'
            '!!! tip "Steps"\n- one\n- two\n\n!!! success "Gold"\n**Used widely**\n')
    reports = lint_text(tmp_path, text, select=["ST004"])
    assert [(report.span.line, "table" in report.message) for report in reports] == [
        (3, True), (8, False)]


def test_a_list_short_of_its_items_body_after_a_blank_line_is_the_next_item(
        tmp_path: Path) -> None:
    """Items whose bodies are indented to four (`    colour: teal`), then `  - height`
    after a blank line: Python-Markdown shows it as the next item, as its shape
    says was meant (audit 110); a sub-list right under an item's text is still
    reported."""
    page = ("# Settings\n\n- `colour`: the banner's colour.\n    It takes a name:\n\n"
            "    ```yaml\n    colour: teal\n    ```\n\n  - `height`: how tall it is.\n"
            "    It takes pixels.\n\nText.\n\n- Clothes\n  - a jacket\n  - boots\n- Food\n")
    found = _per_config(tmp_path, page, {
        "super": "site_name: t\nmarkdown_extensions:\n  - pymdownx.superfences\n"}, ["ST011"])
    assert found == {"super": {("ST011", 16)}}


def test_a_line_of_text_after_a_fence_in_a_list_run_keeps_the_list_going(
        tmp_path: Path) -> None:
    """`- a`, a fence at the margin, a line of text, `- b`: with superfences the
    fence is a placeholder line and the text a lazy line of the item, so `- b`
    is the next item (audit 112), in a tab too. Text opening the run is a
    paragraph the list continues: still reported."""
    page = ('# T\n\n- *Summary* - a map:\n```text\n{"t": 80}\n```\nEmpty means off.\n'
            '- *Default* - `off`\n- *Type* - `str`\n\n=== "Tab"\n\n    - one:\n    ```\n'
            "    x\n    ```\n    Words.\n    - two\n    - three\n\nText\n```\ny\n```\nMore\n"
            "- c\n- d\n")
    found = _per_config(tmp_path, page, {
        "super": "site_name: t\nmarkdown_extensions:\n  - pymdownx.superfences\n"
                 "  - pymdownx.tabbed\n"}, ["ST009"])
    assert found == {"super": {("ST009", 26)}}


def test_a_heading_splits_a_list_run_so_a_list_under_its_paragraph_is_text(
        tmp_path: Path) -> None:
    """`- a`, then a heading and a paragraph line with a list glued under it: the
    heading ends the list's run, so the list is more of the paragraph (a run
    continues a list only through fences)."""
    page = ("# T\n\n```\nx\n```\n\n- create\n\t- `apply`\n### Config\n3 parts of it\n"
            "- Metadata\n- Spec\n")
    found = _per_config(tmp_path, page, {
        "super": "site_name: t\nmarkdown_extensions:\n  - pymdownx.superfences\n"}, ["ST009"])
    assert found == {"super": {("ST009", 11)}}


def test_two_bangs_of_emphasis_starting_prose_are_no_admonition(tmp_path: Path) -> None:
    """`- !! do not drill first`: marks of emphasis in a list's text (audit 114).
    `!! warning "Care"` over a body is an admonition short of a mark."""
    text = ('# T\n\n- measure first\n- !! do not drill before the detector ran\n\n'
            '!! warning "Care"\n    Body.\n')
    assert codes_and_lines(lint_text(tmp_path, text, select=["ST004"])) == {("ST004", 6)}


def test_st009_a_one_item_list_a_colon_introduces_is_a_list(tmp_path: Path) -> None:
    """`Read the guide here:` then `- https://...`: one item, but the colon says a
    list was meant (audit 117); a wrapped line that starts with a dash still is
    none."""
    page = ("# Kilns\n\nRead the firing guide here:\n- https://example.org/firing/\n\n"
            "A sentence that wraps onto a line\n- starting with a dash.\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text(page, encoding="utf-8")
    reports = lint_paths([tmp_path / "docs"], ["ST009"], Config(roots=(), cache=False))
    assert [(report.span.line, report.span.column) for report in reports] == [(4, 1)]
