"""`--format junit`: JUnit XML for CI dashboards, one test case per file.

A file fails when it has a finding at error level; its failure lists every
finding. Warnings and notes of a passing file go to its `system-out`, so the
dashboard shows them without turning the file red.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from itertools import groupby

from curriculint.model import Report, Severity
from curriculint.report.summary import plural


def _line(report: Report) -> str:
    span = report.span
    return (f"{report.path}:{span.line}:{span.column}: {report.code} "
            f"[{report.severity.value}] {report.message}")


def render_junit(reports: Sequence[Report], files: int, paths: Sequence[str] = ()) -> str:
    by_path = {path: list(group) for path, group in groupby(reports, key=lambda r: r.path)}
    names = sorted({*paths, *by_path})
    failed = [name for name in names
              if any(report.severity is Severity.ERROR for report in by_path.get(name, ()))]
    suites = ET.Element("testsuites", name="curriculint", tests=str(len(names)),
                        failures=str(len(failed)), errors="0")
    suite = ET.SubElement(suites, "testsuite", name="curriculint", tests=str(len(names)),
                          failures=str(len(failed)), errors="0", skipped="0")
    for name in names:
        case = ET.SubElement(suite, "testcase", classname="curriculint", name=name, file=name)
        found = by_path.get(name, [])
        if not found:
            continue
        text = "\n".join(_line(report) for report in found)
        if name in failed:
            errors = sum(1 for report in found if report.severity is Severity.ERROR)
            failure = ET.SubElement(case, "failure", type="curriculint",
                                    message=f"{plural(errors, 'error')} "
                                            f"({plural(len(found), 'finding')})")
            failure.text = text
        else:
            ET.SubElement(case, "system-out").text = text
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")
