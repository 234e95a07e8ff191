"""Every format rendered from one small fixed site, compared with tests/snapshots/.

Regenerate with `pytest tests/test_reporters.py --update-snapshots` (or
CURRICULINT_UPDATE_SNAPSHOTS=1) and review the diff. Rule documentation comes
from other modules, so it is replaced by a placeholder before comparing (and
checked against the registry instead): editing a rule's docstring does not
break these snapshots.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html import escape
from pathlib import Path

import pytest

from curriculint.config import Config
from curriculint.report import FORMATS, MACHINE_FORMATS, render
from curriculint.run.plan import Plan
from curriculint.run.records import RunResult
from curriculint.run.registry import all_rules
from curriculint.run.runner import run

HERE = Path(__file__).resolve().parent
SITE = HERE / "fixtures" / "reports"
SNAPSHOTS = HERE / "snapshots"
SCHEMA = HERE / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def fixed_run() -> RunResult:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(SITE)  # display paths relative to the site: docs/...
        config = Config(roots=(), cache=False)
        return run(["docs"], config, Plan.make(config), jobs=1)


def _render(result: RunResult, name: str) -> str:
    return render(name, result.reports, result.files, paths=sorted(result.paths))


def _without_rule_docs(name: str, output: str) -> str:
    rules = [rule for rule in all_rules() if f"{rule.code}" in output]
    if name == "sarif":
        document = json.loads(output)
        for descriptor in document["runs"][0]["tool"]["driver"]["rules"]:
            rule = next(rule for rule in rules if rule.code == descriptor["id"])
            assert descriptor["help"]["text"] == rule.doc
            assert descriptor["shortDescription"]["text"] == rule.summary
            for key in ("shortDescription", "fullDescription", "help"):
                descriptor[key] = {"text": f"<{key} of {rule.code}>"}
        return json.dumps(document, indent=2, ensure_ascii=False)
    if name == "html":
        for rule in rules:
            output = output.replace(f"<pre>{escape(rule.doc)}</pre>", f"<pre>doc of {rule.code}"
                                    "</pre>").replace(f"<p>{escape(rule.summary)}</p>",
                                                      f"<p>summary of {rule.code}</p>")
    return output


@pytest.mark.parametrize("name", FORMATS)
def test_format_matches_its_snapshot(fixed_run: RunResult, name: str,
                                     update_snapshots: bool) -> None:
    output = _without_rule_docs(name, _render(fixed_run, name))
    snapshot = SNAPSHOTS / f"{name}.txt"
    if update_snapshots or not snapshot.exists():
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(output, encoding="utf-8")
    assert output == snapshot.read_text(encoding="utf-8"), (
        f"{name} output changed: run pytest {__file__} --update-snapshots and review the diff")


def test_the_fixed_site_covers_every_severity_and_a_fix(fixed_run: RunResult) -> None:
    severities = {report.severity.value for report in fixed_run.reports}
    assert severities == {"error", "warning", "info"}
    assert any(report.fix is not None for report in fixed_run.reports)
    assert fixed_run.files == 4  # one page is clean


def test_sarif_is_valid_against_the_official_schema(fixed_run: RunResult) -> None:
    import jsonschema

    document = json.loads(_render(fixed_run, "sarif"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(document), key=str)
    assert not errors, [f"{list(error.path)}: {error.message}" for error in errors[:5]]
    sarif_run = document["runs"][0]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert len(sarif_run["results"]) == len(fixed_run.reports)
    for result in sarif_run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    fixed = [result for result in sarif_run["results"] if "fixes" in result]
    assert fixed and fixed[0]["fixes"][0]["artifactChanges"][0]["replacements"]


def test_sarif_of_no_findings_is_valid(fixed_run: RunResult) -> None:
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    document = json.loads(render("sarif", [], 3))
    jsonschema.Draft4Validator(schema).validate(document)
    assert document["runs"][0]["results"] == []


def test_junit_has_one_test_case_per_file(fixed_run: RunResult) -> None:
    root = ET.fromstring(_render(fixed_run, "junit"))
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert set(cases) == {"docs/index.md", "docs/guide/clean.md", "docs/guide/eviction.md",
                          "docs/guide/notes.md"}
    assert cases["docs/guide/clean.md"].find("failure") is None
    failure = cases["docs/guide/eviction.md"].find("failure")
    assert failure is not None and "ST001" in (failure.text or "")
    suite = root.find("testsuite")
    assert suite is not None and suite.get("tests") == "4" and suite.get("failures") == "3"


def test_markdown_escapes_table_cells(fixed_run: RunResult) -> None:
    output = _render(fixed_run, "markdown")
    assert "| `LNK002` | broken-link | 2 | 0 |" in output
    assert "a&b\\|c" in output  # a pipe in a message must not split the table row


def test_text_groups_by_file_and_summarises(fixed_run: RunResult) -> None:
    output = _render(fixed_run, "text")
    blocks = output.split("\n\n")
    assert all(len({line.split(":")[0] for line in block.splitlines()
                    if not line.startswith(" ")}) == 1 for block in blocks[:-2])
    # The closing count per rule, most frequent first.
    assert blocks[-2].splitlines()[0] == "2  LNK002  broken-link"
    assert blocks[-1] == ("Found 7 findings in 3 files of 4 checked: 4 errors, 2 warnings, "
                          "1 info (1 fixable with --fix, marked [*]).")
    assert "\033[" not in output


def test_text_colour_is_only_on_request(fixed_run: RunResult) -> None:
    coloured = render("text", fixed_run.reports, fixed_run.files, color=True)
    assert "\033[31m[error]\033[0m" in coloured
    plain = render("text", fixed_run.reports, fixed_run.files)
    assert "\033[" not in plain


@pytest.mark.parametrize("name", sorted(MACHINE_FORMATS))
def test_machine_formats_have_no_escape_codes(fixed_run: RunResult, name: str) -> None:
    assert "\033" not in _render(fixed_run, name)


def test_html_is_self_contained(fixed_run: RunResult) -> None:
    output = _render(fixed_run, "html")
    assert "http://" not in output and "https://" not in output
    assert "<script src" not in output and "<link rel=\"stylesheet\"" not in output
    assert 'id="rule-ST001"' in output  # the findings' links (tests/test_html_report.py)
    assert "docs/rules.md#st001-multiple-h1" in output
    # Source text is data, never markup: in the JSON blob, '<' is \u003c.
    assert 'c "<title>"' not in output and 'c \\"\\u003ctitle>\\"' in output


def test_rule_doc_anchors_exist_in_rules_md() -> None:
    from curriculint.index.slugs import slugify_toc
    from curriculint.report.rule_docs import render_rules_md
    from curriculint.report.summary import rule_anchor

    headings = {slugify_toc(line[3:]) for line in render_rules_md().splitlines()
                if line.startswith("## ")}
    missing = [rule.code for rule in all_rules() if rule_anchor(rule.code, rule.name)
               not in headings]
    assert not missing


def test_json_layout_is_exactly_json_dumps_for_awkward_text() -> None:
    """The JSON reporter lays findings out by hand for speed; it must stay byte-equal
    to json.dumps(indent=2, ensure_ascii=False) whatever the strings hold."""
    from curriculint.model import Edit, Fix, Report, Severity, Span
    from curriculint.report.json import render_json, report_dict

    awkward = ['quote " and \\ backslash', "tab\tnew\nline\r", "\u2028 \x00 \x7f",
               "é 🎯 ğŸ¯", '"findings": [],']
    reports = [Report(text, "ENC003", "mojibake", severity, Span(1, 2, 3, 4), text,
                      Fix((Edit(Span(1, 1), "x"),), "d", safe=index % 2 == 0))
               for index, (text, severity) in enumerate(zip(awkward, list(Severity) * 2,
                                                            strict=False))]
    for chosen in (reports, []):
        output = render_json(chosen, 7)
        expected = {"version": 1, "findings": [report_dict(report) for report in chosen],
                    "summary": json.loads(output)["summary"]}
        assert output == json.dumps(expected, indent=2, ensure_ascii=False)
