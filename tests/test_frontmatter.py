from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from curriculint.load.document import parse
from curriculint.load.frontmatter import parse_frontmatter
from tests.conftest import lint_text

SAFE_TEXT = st.text(alphabet=st.characters(
    min_codepoint=32, max_codepoint=0x2FFF, blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
    max_size=40)


def test_duplicate_key_is_reported_at_the_second_key() -> None:
    frontmatter = parse_frontmatter("title: a\ndescription: d\ntitle: b\n", 1, 5)
    (problem,) = frontmatter.problems
    assert problem.kind == "duplicate-key" and problem.line == 4
    assert frontmatter.data["title"] == "b"


def test_syntax_error_lands_on_the_file_line() -> None:
    doc = parse(b"---\ntitle: ok\ndescription: Law 2: bad\n---\n# T\n", "p.md")
    (problem,) = doc.frontmatter.problems
    assert problem.kind == "syntax" and problem.line == 3


def test_impossible_date_is_a_value_problem_not_a_crash() -> None:
    frontmatter = parse_frontmatter("date: 2025-02-29\ntitle: x\n", 1, 4)
    assert [p.kind for p in frontmatter.problems] == ["value"]
    assert frontmatter.data == {"title": "x"}


def test_billion_laughs_is_refused() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for name, previous in zip("bcdefgh", "abcdefg", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 10)}]")
    frontmatter = parse_frontmatter("\n".join(lines) + "\n", 1, len(lines) + 2)
    assert [p.kind for p in frontmatter.problems] == ["too-large"]


def test_unclosed_frontmatter_is_noticed() -> None:
    doc = parse(b"---\ntitle: x\n\n# Heading\n", "p.md")
    assert doc.unclosed_frontmatter and not doc.frontmatter.present


def test_key_lines_are_file_lines() -> None:
    doc = parse(b"---\ntitle: T\ndescription: D\ntags:\n  - a\n  - b\n---\n", "p.md")
    assert doc.frontmatter.key_lines == {"title": 2, "description": 3, "tags": 4}
    assert doc.frontmatter.item_lines["tags"] == (5, 6)


@given(st.dictionaries(st.from_regex(r"[a-z][a-z_]{0,10}", fullmatch=True), SAFE_TEXT,
                       max_size=8))
def test_generated_frontmatter_survives_serialise_then_split(data: dict[str, str]) -> None:
    import yaml

    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False) if data else ""
    doc = parse(f"---\n{body}---\n\n# Title\n".encode(), "p.md")
    assert doc.frontmatter.present
    assert not doc.frontmatter.problems
    assert {key: str(value) for key, value in doc.frontmatter.data.items()} == data


def test_a_page_that_opens_with_a_rule_has_no_frontmatter() -> None:
    # MkDocs keeps a leading `---` block that is no mapping as content.
    text = "---\n\n# Widgets\n\n- See [the guide](guide.md).\n\n---\n\nBody.\n"
    doc = parse(text.encode(), "widgets.md")
    assert not doc.frontmatter.present and not doc.unclosed_frontmatter
    assert [heading.text for heading in doc.index.headings] == ["Widgets"]
    assert any(link.target == "guide.md" for link in doc.index.links)
    unclosed = parse(b"---\n\n# Title\n\nNo second rule.\n", "t.md")
    assert not unclosed.unclosed_frontmatter


def test_frontmatter_may_open_with_a_comment() -> None:
    doc = parse(b"---\n# page metadata\ntitle: T\n---\n# T\n", "t.md")
    assert doc.frontmatter.present and doc.frontmatter.data == {"title": "T"}
    broken = parse(b"---\ntitle: T: x\n---\n# T\n", "t.md")
    assert broken.frontmatter.present  # meant as frontmatter: its YAML error is reported


def test_frontmatter_written_as_assignments_is_reported(tmp_path: Path) -> None:
    """`title="Shapes"` between `---` lines is no mapping: MkDocs shows it as
    text. A rule over a heading and prose is a page that opens with a rule."""
    page = '---\ntitle="Shapes"\nweight = 3\n---\n\n# Shapes\n'
    reports = lint_text(tmp_path, page, select=["FM001"])
    assert [(report.code, report.span.line) for report in reports] == [("FM001", 2)]
    rule = "---\nThe shapes below = the basics\n---\n\n# Shapes\n"
    assert lint_text(tmp_path, rule, select=["FM001"]) == []
