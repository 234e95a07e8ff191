"""Counts shared by the reporters, and rule metadata looked up by code."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from curriculint.model import Report, Severity

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def fixable(report: Report) -> bool:
    return report.fix is not None and report.fix.safe


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def rule_anchor(code: str, name: str) -> str:
    """The id of `## CODE name` in docs/rules.md, as MkDocs and GitHub slug it."""
    return f"{code.lower()}-{name}"


@dataclass(frozen=True)
class Summary:
    files: int
    findings: int
    by_severity: dict[Severity, int]
    by_rule: list[tuple[str, int]]  # most frequent first, then by code
    by_family: list[tuple[str, int]]
    fixable: int
    files_with_findings: int


def summarize(reports: Sequence[Report], files: int) -> Summary:
    from curriculint.run.registry import all_rules

    family_of = {rule.code: rule.family for rule in all_rules()}
    severities = Counter(report.severity for report in reports)
    rules = Counter(report.code for report in reports)
    families = Counter(family_of.get(report.code, "other") for report in reports)
    return Summary(
        files=files,
        findings=len(reports),
        by_severity={severity: severities.get(severity, 0) for severity in SEVERITIES},
        by_rule=sorted(rules.items(), key=lambda item: (-item[1], item[0])),
        by_family=sorted(families.items(), key=lambda item: (-item[1], item[0])),
        fixable=sum(1 for report in reports if fixable(report)),
        files_with_findings=len({report.path for report in reports}),
    )


def severity_phrase(summary: Summary) -> str:
    """'2 errors, 1 warning' (zero counts left out)."""
    return ", ".join(plural(count, severity.value)
                     for severity, count in summary.by_severity.items() if count)


def statistics(reports: Sequence[Report]) -> str:
    """`--statistics`: the number of findings per rule, most frequent first, with
    `[*]` where the rule's findings are fixable."""
    counts = Counter(report.code for report in reports)
    names = {report.code: report.name for report in reports}
    fixes = {report.code for report in reports if fixable(report)}
    width = max((len(str(count)) for count in counts.values()), default=1)
    return "\n".join(f"{count:>{width}}\t{code}\t{'[*] ' if code in fixes else ''}{names[code]}"
                     for code, count in sorted(counts.items(), key=lambda item: (-item[1],
                                                                                  item[0])))


def fixes_shown(fixed: Sequence[tuple[str, Sequence[tuple[str, int]]]], names: dict[str, str],
                would: bool) -> str:
    """`--show-fixes`: the findings fixed (or, with `--diff`, that would be),
    per file and rule, as ruff prints them."""
    total = sum(count for _, counts in fixed for _, count in counts)
    if not total:
        return "No findings fixed" if not would else "No findings would be fixed"
    lines = [f"{'Would fix' if would else 'Fixed'} {total} finding{'s' * (total != 1)}:"]
    width = max(len(str(count)) for _, counts in fixed for _, count in counts)
    for path, counts in fixed:
        if counts:
            lines.append(f"- {path}:")
            lines += [f"    {count:>{width}} × {code} ({names.get(code, code)})"
                      for code, count in counts]
    return "\n".join(lines)
