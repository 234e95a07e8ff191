"""Pages of sites that render them as Jinja templates first (mkdocs-macros):
comments and multi-line template code are not Markdown."""

from __future__ import annotations

from pathlib import Path

from curriculint.load.templates import without_template_code
from tests.conftest import codes_and_lines, lint_paths

PAGE = """\
# Sessions

{# An old list, kept out of the page:
## Session 1
## Session 1
#}

!!! example "{{ exercise() }}" {#exercise 1#}
    Body.

{{ solution(False, \"\"\"
!! tip "unterminated
\"\"\") }}

{% raw %}
Write {# this #} to comment.
{% endraw %}
"""


def test_comments_and_multiline_template_code_are_blanked_in_place() -> None:
    seen = without_template_code(PAGE)
    lines, original = seen.split("\n"), PAGE.split("\n")
    assert len(lines) == len(original)
    assert [len(line) for line in lines] == [len(line) for line in original]
    assert "## Session" not in seen and "{#exercise" not in seen and "unterminated" not in seen
    assert "Write {# this #} to comment." in seen  # raw blocks print literally
    assert '!!! example "{{ exercise() }}"' in seen


def _site(root: Path, plugins: str) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(f"site_name: t\n{plugins}", encoding="utf-8")
    (root / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    return root / "docs"


def test_only_a_jinja_site_reads_its_pages_as_templates(tmp_path: Path) -> None:
    rules = ["DUP004", "ST004"]
    assert not lint_paths([_site(tmp_path / "macros", "plugins:\n  - macros\n")], select=rules)
    plain = codes_and_lines(lint_paths([_site(tmp_path / "plain", "")], select=rules))
    assert ("DUP004", 5) in plain and ("ST004", 8) in plain
