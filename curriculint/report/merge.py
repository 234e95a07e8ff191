"""`curriculint merge`: one report from the JSON or SARIF reports of CI shards.

Each input is read back into `Report` objects, which the usual reporters
render, so a merged report is what `check` would have written for the whole
site. Findings are deduplicated and sorted as `check` sorts them (stably, so
findings at the same position keep their order within the shard that found
them).

What survives the round trip: a SARIF report holds fixes and source lines, so
SARIF shards merge into exactly the SARIF of an unsharded run. A JSON report
says only whether a finding is fixable (kept as a fix without edits) and holds
no source lines; those are read from the working tree when the file is there.
A JSON report counts the files checked; for a SARIF report the count is the
files with findings.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from curriculint.config import ConfigError
from curriculint.model import Edit, Fix, Report, Severity, Span

JSON_VERSION = 1
SARIF_VERSION = "2.1.0"
# A finding a JSON report marks as fixable: the edits themselves are not in it.
FIXABLE = Fix(edits=(), description="fixable with --fix")
_UNSAFE = " (unsafe: --unsafe-fixes)"  # how the SARIF reporter labels an unsafe fix
_SARIF_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "note": Severity.INFO}


class ReportError(ConfigError):
    """An input report that cannot be read or is not a curriculint report (exit 2)."""


class _Invalid(ValueError):
    pass


def merge_reports(paths: Sequence[Path]) -> tuple[list[Report], int]:
    """The deduplicated, sorted findings of every report, and the files they checked."""
    found: dict[tuple[Any, ...], Report] = {}
    files = 0
    for path in paths:
        reports, checked = read_report(path)
        files += checked
        for report in reports:
            key = (report.path, report.span, report.code, report.severity, report.message)
            found.setdefault(key, report)
    return sorted(found.values(), key=lambda report: report.sort_key), files


def read_report(path: Path) -> tuple[list[Report], int]:
    """The findings of one JSON (version 1) or SARIF report, and its file count."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ReportError(f"{path}: cannot read: {error.strerror or error}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReportError(f"{path}: not a JSON or SARIF report: {error}") from None
    try:
        if isinstance(data, dict) and "runs" in data:
            reports = _from_sarif(data)
            return reports, len({report.path for report in reports})
        if isinstance(data, dict) and "findings" in data:
            reports, files = _from_json(data)
            return _with_source_lines(reports), files
        raise _Invalid("neither a curriculint JSON report nor a SARIF log")
    except (ValueError, KeyError, TypeError, AttributeError) as error:  # _Invalid too
        raise ReportError(f"{path}: invalid report: {error}") from None


def _get(obj: Any, key: str, kind: type, where: str, default: Any = None) -> Any:
    if not isinstance(obj, dict):
        raise _Invalid(f"{where}: expected an object")
    if key not in obj:
        if default is not None:
            return default
        raise _Invalid(f"{where}: '{key}' is missing")
    value = obj[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _Invalid(f"{where}.{key}: expected {kind.__name__}, got {value!r}")
    if isinstance(value, int) and value < 1:
        raise _Invalid(f"{where}.{key}: positions start at 1, got {value}")
    return value


def _from_json(data: dict[str, Any]) -> tuple[list[Report], int]:
    if data.get("version") != JSON_VERSION:
        raise _Invalid(f"JSON report version {data.get('version')!r}; "
                       f"this curriculint reads version {JSON_VERSION}")
    reports = []
    for number, item in enumerate(_get(data, "findings", list, "report")):
        where = f"findings[{number}]"
        span = Span(*(_get(item, key, int, where)
                      for key in ("line", "column", "end_line", "end_column")))
        severity = _get(item, "severity", str, where)
        if severity not in Severity.__members__.values():
            raise _Invalid(f"{where}.severity: unknown severity '{severity}'")
        reports.append(Report(_get(item, "path", str, where), _get(item, "rule", str, where),
                              _get(item, "name", str, where), Severity(severity), span,
                              _get(item, "message", str, where),
                              FIXABLE if item.get("fixable") is True else None))
    summary = data.get("summary")
    files = summary.get("files") if isinstance(summary, dict) else None
    return reports, files if isinstance(files, int) else len({r.path for r in reports})


def _with_source_lines(reports: list[Report]) -> list[Report]:
    """Source lines for excerpts and snippets, from the files as they are now."""
    from curriculint.load.decode import decode, split_lines

    lines: dict[str, list[str]] = {}
    for path in {report.path for report in reports}:
        try:
            lines[path] = split_lines(decode(Path(path).read_bytes()).text)
        except OSError:
            lines[path] = []
    return [dataclasses.replace(report, source_line=lines[report.path][report.span.line - 1])
            if report.span.line <= len(lines[report.path]) else report for report in reports]


def _span(region: Any, where: str) -> Span:
    line = _get(region, "startLine", int, where)
    column = _get(region, "startColumn", int, where, default=1)
    return Span(line, column, _get(region, "endLine", int, where, default=line),
                _get(region, "endColumn", int, where, default=column))


def _fix(fix: Any, where: str) -> Fix:
    label = _get(_get(fix, "description", dict, where), "text", str, f"{where}.description")
    edits = []
    for change in _get(fix, "artifactChanges", list, where):
        for number, replacement in enumerate(_get(change, "replacements", list, where)):
            at = f"{where}.replacements[{number}]"
            edits.append(Edit(_span(_get(replacement, "deletedRegion", dict, at), at),
                              _get(_get(replacement, "insertedContent", dict, at, default={}),
                                   "text", str, at, default="")))
    safe = not label.endswith(_UNSAFE)
    return Fix(tuple(edits), label if safe else label[: -len(_UNSAFE)], safe)


def _rule_names(run: Any, where: str) -> dict[str, str]:
    from curriculint.run.registry import all_rules

    names = {rule.code: rule.name for rule in all_rules()}
    driver = _get(_get(run, "tool", dict, where), "driver", dict, f"{where}.tool")
    if driver.get("name") != "curriculint":
        raise _Invalid(f"{where}: a SARIF run of {driver.get('name')!r}, not curriculint")
    for rule in driver.get("rules") or ():
        if isinstance(rule, dict) and isinstance(rule.get("name"), str):
            names[str(rule.get("id"))] = rule["name"]
    return names


def _from_sarif(data: dict[str, Any]) -> list[Report]:
    if data.get("version") != SARIF_VERSION:
        raise _Invalid(f"SARIF version {data.get('version')!r}, expected {SARIF_VERSION}")
    reports = []
    for run_number, run in enumerate(_get(data, "runs", list, "log")):
        names = _rule_names(run, f"runs[{run_number}]")
        results: Iterable[Any] = _get(run, "results", list, f"runs[{run_number}]", default=[])
        for number, result in enumerate(results):
            where = f"runs[{run_number}].results[{number}]"
            code = _get(result, "ruleId", str, where)
            level = _get(result, "level", str, where, default="warning")
            if level not in _SARIF_LEVELS:
                raise _Invalid(f"{where}.level: unknown level '{level}'")
            locations = _get(result, "locations", list, where)
            if not locations:
                raise _Invalid(f"{where}.locations: empty")
            physical = _get(locations[0], "physicalLocation", dict, f"{where}.locations[0]")
            uri = _get(_get(physical, "artifactLocation", dict, where), "uri", str, where)
            region = _get(physical, "region", dict, where)
            snippet = region.get("snippet")
            fixes = result.get("fixes") or ()
            reports.append(Report(
                unquote(uri), code, names.get(code, code), _SARIF_LEVELS[level],
                _span(region, f"{where}.region"),
                _get(_get(result, "message", dict, where), "text", str, f"{where}.message"),
                _fix(fixes[0], f"{where}.fixes[0]") if fixes else None,
                snippet.get("text", "") if isinstance(snippet, dict) else ""))
    return reports
