"""Every fixture under tests/fixtures/<family>/ carries its expected findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, codes_and_lines, expected_findings, lint_paths

CASES = sorted(FIXTURES.glob("*/*.md"))


@pytest.mark.parametrize("case", CASES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_fixture_reports_exactly_its_expectations(case: Path) -> None:
    family = case.parent.name
    reports = lint_paths([case], select=[family])
    assert codes_and_lines(reports) == expected_findings(case)
