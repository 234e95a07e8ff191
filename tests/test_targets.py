"""NUM rules: fixtures with expectations, executable docstrings, the seed page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checks.registry import Rule, all_rules
from tests.conftest import (
    SEED,
    codes_and_lines,
    expected_findings,
    fixture_cases,
    lint_paths,
    lint_text,
    needs_shared,
)

NUM_RULES = [rule for rule in all_rules() if rule.code.startswith("NUM")]
_BLOCK = re.compile(r"^(Bad|Good):\n```markdown\n(.*?)\n```", re.DOTALL | re.MULTILINE)


@pytest.mark.parametrize("path", fixture_cases("targets"), ids=lambda path: path.name)
def test_fixture_findings_match_expectations(path: Path) -> None:
    reports = lint_paths([path], select=["NUM"])
    assert codes_and_lines(reports) == expected_findings(path)


@pytest.mark.parametrize("rule", NUM_RULES, ids=lambda rule: rule.code)
def test_docstring_bad_triggers_and_good_passes(rule: Rule, tmp_path: Path) -> None:
    blocks = dict(_BLOCK.findall(rule.doc))
    assert set(blocks) == {"Bad", "Good"}
    code = rule.code
    bad = lint_text(tmp_path / "bad", _page(blocks["Bad"]), select=[code])
    good = lint_text(tmp_path / "good", _page(blocks["Good"]), select=[code])
    assert bad and all(report.code == code for report in bad)
    assert good == []


def _page(body: str) -> str:
    """A docstring example as a page: frontmatter stays first."""
    return body + "\n" if body.startswith("---") else f"# Page\n\n{body}\n"


def test_reading_time_is_opt_in(tmp_path: Path) -> None:
    text = "---\nreading_time: 45 min\n---\n# T\n\nA dozen words only.\n"
    assert "NUM006" not in {report.code for report in lint_text(tmp_path / "default", text)}
    assert [r.code for r in lint_text(tmp_path / "selected", text, select=["NUM006"])] == \
        ["NUM006"]


def test_findings_show_the_arithmetic(tmp_path: Path) -> None:
    [report] = lint_text(tmp_path, "# T\n\n- Availability: 99.9999% (5.26 minutes/year downtime)\n",
                         select=["NUM001"])
    assert "31.6 s of downtime per year" in report.message
    assert "matches 99.999%" in report.message
    assert (report.span.line, report.span.column) == (3, 17)


def test_tolerances_are_configurable(tmp_path: Path) -> None:
    from checks.config import Config

    text = "# T\n\n- Renderer: 60 fps (18 ms frames)\n"
    assert lint_text(tmp_path / "strict", text, select=["NUM002"])
    loose = Config(roots=(), rules={"NUM002": {"relative": 0.1}})
    assert lint_text(tmp_path / "loose", text, select=["NUM002"], config=loose) == []


@needs_shared
def test_seed_inconsistencies_found_and_correct_figures_pass() -> None:
    reports = lint_paths([SEED], select=["NUM"])
    found = codes_and_lines(reports)
    assert ("NUM001", 587) in found  # 99.9999% with 5.26 minutes/year
    assert ("NUM003", 201) in found  # 20-25 hours/week vs 6-8 + 12-15 + 4-6
    assert ("NUM004", 201) in found  # each week schedules 26-32 hours
    lines = {line for _, line in found}
    # 128Hz (7.8ms updates), the 25% weights, the week/day numbering.
    assert not lines & {572, 812, 813, 814, 815}
    assert not lines & set(range(213, 530)) - {201}
