"""The seed page: what the foundation's rules must say about it."""

from __future__ import annotations

from tests.conftest import SEED, codes_and_lines, lint_paths, needs_shared, project_config


@needs_shared
def test_seed_frontmatter_and_structure_findings() -> None:
    reports = lint_paths([SEED], select=["FM", "ST001"], config=project_config())
    assert codes_and_lines(reports) == {("FM003", 9), ("FM003", 10), ("ST001", 42)}


def test_content_is_clean() -> None:
    from curriculint.cli.main import main
    from tests.conftest import ROOT

    assert main(["check", str(ROOT / "content")]) == 0
