"""`--format sarif`: SARIF 2.1.0, for GitHub code scanning and editors' SARIF viewers.

Every rule of the registry is described (id, name, summary, why, the full
documentation as help), results point at regions in character columns, and
fixes carry their replacements.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from importlib import metadata
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import quote

from curriculint.model import Fix, Report, Severity, Span

if TYPE_CHECKING:
    from curriculint.run.registry import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_WHY = re.compile(r"^Why:\s*(.*?)(?:\n\s*\n|\Z)", re.MULTILINE | re.DOTALL)


def _version() -> str:
    try:
        return metadata.version("curriculint")
    except metadata.PackageNotFoundError:
        return "0"


def _uri(path: str) -> str:
    return quote(PurePath(path).as_posix())


def _region(span: Span) -> dict[str, int]:
    return {"startLine": span.line, "startColumn": span.column,
            "endLine": span.end_line, "endColumn": span.end_column}


def _rule_descriptor(rule: Rule) -> dict[str, object]:
    why = _WHY.search(rule.doc)
    full = " ".join(why.group(1).split()) if why else rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": _LEVEL[rule.severity],
                                 "enabled": rule.default},
        "properties": {"tags": [rule.family]},
    }


def _fix(fix: Fix, uri: str) -> dict[str, object]:
    label = fix.description if fix.safe else f"{fix.description} (unsafe: --unsafe-fixes)"
    return {
        "description": {"text": label},
        "artifactChanges": [{
            "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
            "replacements": [{"deletedRegion": _region(edit.span),
                              "insertedContent": {"text": edit.text}}
                             for edit in fix.edits],
        }],
    }


def _result(report: Report, rule_index: dict[str, int]) -> dict[str, object]:
    uri = _uri(report.path)
    region: dict[str, object] = dict(_region(report.span))
    if report.source_line:
        region["snippet"] = {"text": report.source_line}
    result: dict[str, object] = {
        "ruleId": report.code,
        "level": _LEVEL[report.severity],
        "message": {"text": report.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
            "region": region,
        }}],
    }
    if report.code in rule_index:
        result["ruleIndex"] = rule_index[report.code]
    if report.fix is not None and report.fix.edits:  # merged JSON knows only "fixable"
        result["fixes"] = [_fix(report.fix, uri)]
    return result


def render_sarif(reports: Sequence[Report], files: int) -> str:
    from curriculint.run.registry import all_rules

    # Only the rules that have results: the file stays small and its rule
    # metadata is what the viewer needs to explain these findings.
    used = {report.code for report in reports}
    rules = [rule for rule in all_rules() if rule.code in used]
    rule_index = {rule.code: index for index, rule in enumerate(rules)}
    run = {
        "tool": {"driver": {
            "name": "curriculint",
            "version": _version(),
            "rules": [_rule_descriptor(rule) for rule in rules],
        }},
        # Columns count characters (code points), as the text report does.
        "columnKind": "unicodeCodePoints",
        "results": [_result(report, rule_index) for report in reports],
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False)
