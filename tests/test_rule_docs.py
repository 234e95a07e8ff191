"""Rule docstrings are documentation and tests: Bad triggers the rule, Good does not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from curriculint.run.registry import Rule, all_rules
from tests.conftest import ROOT, lint_text

_BLOCK = re.compile(r"^(Bad|Good):\s*\n```markdown\n(.*?)\n```", re.MULTILINE | re.DOTALL)
RULES = all_rules()


def _examples(rule: Rule) -> dict[str, str]:
    return {kind: body for kind, body in _BLOCK.findall(rule.doc)}


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_docstring_has_summary_why_bad_good(rule: Rule) -> None:
    assert rule.summary and "Why:" in rule.doc
    assert "Bad:" in rule.doc and "Good:" in rule.doc


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_bad_example_triggers_and_good_does_not(rule: Rule, tmp_path: Path) -> None:
    examples = _examples(rule)
    if "Bad" not in examples or "Good" not in examples:
        pytest.skip("examples are not both Markdown (byte-level rule)")
    if rule.online:
        pytest.skip("an online rule's Bad example needs a server's answer (tests/test_online_*)")
    # EXAMPLE_ALSO: rules an example needs besides its own (SUP001 needs a suppressed one).
    select = [rule.code, *getattr(rule.module, "EXAMPLE_ALSO", ())]
    bad = lint_text(tmp_path / "bad", examples["Bad"] + "\n", select=select)
    good = lint_text(tmp_path / "good", examples["Good"] + "\n", select=select)
    assert any(report.code == rule.code for report in bad), examples["Bad"]
    assert not good, [report.message for report in good]


def test_codes_and_names_are_unique() -> None:
    assert len({rule.code for rule in RULES}) == len(RULES)
    assert len({rule.name for rule in RULES}) == len(RULES)


def test_every_rule_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [rule.code for rule in RULES if f"`{rule.code}`" not in readme]
    assert not missing, f"README lacks {missing}: run python scripts/gendocs.py"


def test_generated_docs_are_current() -> None:
    from curriculint.report.rule_docs import render_readme_table, render_rules_md

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert render_readme_table() in readme, "run python scripts/gendocs.py"
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == render_rules_md()


def test_rule_manifest_is_current() -> None:
    from curriculint.run.registry import render_manifest, scan_rules

    manifest = (ROOT / "checks" / "manifest.py").read_text(encoding="utf-8")
    assert manifest == render_manifest(scan_rules()), "run python scripts/gendocs.py"
    assert all_rules() == scan_rules()


def test_a_manifest_missing_a_rule_module_falls_back_to_the_modules(monkeypatch) -> None:
    from curriculint.checks import manifest
    from curriculint.run import registry

    monkeypatch.setattr(manifest, "RULES", manifest.RULES[1:])
    registry.all_rules.cache_clear()
    try:
        assert registry.all_rules() == registry.scan_rules()
    finally:
        registry.all_rules.cache_clear()


def test_an_offline_run_imports_no_online_rule(tmp_path: Path) -> None:
    import subprocess
    import sys

    page = tmp_path / "page.md"
    page.write_text("# Title\n\nSee [a site](https://example.com/).\n", encoding="utf-8")
    probe = ("import sys; from curriculint.cli.main import main; "
             "main(['check', '--no-cache', sys.argv[1]]); "
             "print(sorted(m for m in sys.modules if m.startswith('curriculint.online') "
             "or m.startswith('curriculint.checks.links.dead')))")
    done = subprocess.run([sys.executable, "-c", probe, str(page)], capture_output=True,
                          text=True, cwd=ROOT, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_every_hook_id_is_in_the_readme() -> None:
    import yaml

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert all(f"id: {hook['id']}" in readme for hook in hooks)
