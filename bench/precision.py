"""Precision on real sites: every corpus linted with its default configuration,
findings per 10,000 lines per rule and site, compared with an audited list.

    python bench/precision.py                     # ../shared/corpus/*, bench/audit.jsonl
    python bench/precision.py --select ALL        # opt-in rules too
    python bench/precision.py --write-unaudited new.jsonl   # rows to audit, verdict "?"

Each site is linted from its own folder (`curriculint check --no-cache docs`),
with `bench/sites/<site>.toml` as configuration where one exists (the site's
own document types, as its authors would declare them). `bench/audit.jsonl`
holds one audited finding a line: {"site", "rule", "path", "line", "verdict"
("true" or "false"), "reason"}. The report says, per site:

- findings per 10,000 lines of Markdown, per rule, and those audited false;
- findings nobody has audited yet (a change that adds findings shows here);
- audited true findings that are gone (a change that loses recall shows here).

Exit status 1 when a clean site (material, pydantic: see the corpus README) has
an unaudited finding or a finding audited false above the budget of one per
10,000 lines; 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
AUDIT = ROOT / "bench" / "audit.jsonl"
SITES_CONFIG = ROOT / "bench" / "sites"
CLEAN_SITES = ("material", "pydantic")
BUDGET_PER_10K = 1.0
SEVERITIES = ("error", "warning")  # info findings are advice, not alarms


def curriculint() -> str:
    local = Path(sys.executable).parent / "curriculint"
    return str(local) if local.exists() else "curriculint"


def markdown_lines(docs: Path) -> int:
    return sum(path.read_bytes().count(b"\n") for path in docs.rglob("*.md"))


def lint(site: Path, select: str | None) -> list[dict[str, object]]:
    command = [curriculint(), "check", "--no-cache", "--format", "json", "--exit-zero"]
    config = SITES_CONFIG / f"{site.name}.toml"
    if config.exists():
        command += ["--config", str(config)]
    if select:
        command += ["--select", select]
    result = subprocess.run([*command, "docs"], cwd=site, capture_output=True, text=True,
                            env={**os.environ, "CURRICULINT_SERVER": "off"}, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{site.name}: curriculint failed: {result.stderr.strip()[-500:]}")
    findings: list[dict[str, object]] = json.loads(result.stdout)["findings"]
    return [finding for finding in findings if finding["severity"] in SEVERITIES]


def load_audit(path: Path) -> dict[tuple[str, str, str, int], dict[str, object]]:
    audit = {}
    if path.exists():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("verdict") not in ("true", "false"):
                raise SystemExit(f"{path}:{number}: verdict must be 'true' or 'false'")
            audit[(row["site"], row["rule"], row["path"], int(row["line"]))] = row
    return audit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--audit", type=Path, default=AUDIT)
    parser.add_argument("--select", help="rules to run (default: the default rules)")
    parser.add_argument("--write-unaudited", type=Path, metavar="FILE",
                        help="write the unaudited findings there, verdict '?', to audit")
    args = parser.parse_args(argv)
    audit = load_audit(args.audit)
    sites = sorted(path for path in args.corpus.iterdir() if (path / "docs").is_dir())
    failed = False
    unaudited_rows = []
    for site in sites:
        lines = markdown_lines(site / "docs")
        findings = lint(site, args.select)
        per_rule: Counter[str] = Counter()
        false_per_rule: Counter[str] = Counter()
        unaudited = []
        seen = set()
        for finding in findings:
            key = (site.name, str(finding["rule"]), str(finding["path"]), int(finding["line"]))
            seen.add(key)
            per_rule[key[1]] += 1
            row = audit.get(key)
            if row is None:
                unaudited.append(finding)
            elif row["verdict"] == "false":
                false_per_rule[key[1]] += 1
        lost = [row for key, row in audit.items()
                if key[0] == site.name and row["verdict"] == "true" and key not in seen]
        total_false = sum(false_per_rule.values())
        rate = len(findings) / lines * 1e4
        false_rate = total_false / lines * 1e4
        clean = site.name in CLEAN_SITES
        print(f"\n{site.name}: {lines:,} lines, {len(findings)} findings = {rate:.1f} per 10k"
              f" ({total_false} audited false = {false_rate:.2f} per 10k,"
              f" {len(unaudited)} unaudited, {len(lost)} audited true now missing)"
              + ("  [clean site]" if clean else ""))
        for rule, count in sorted(per_rule.items(), key=lambda item: (-item[1], item[0])):
            print(f"  {rule:<8} {count:>5} = {count / lines * 1e4:6.2f} per 10k"
                  f"   false {false_per_rule[rule]:>4}")
        for finding in unaudited[:15] if clean else ():
            print(f"  unaudited: {finding['rule']} {finding['path']}:{finding['line']} "
                  f"{str(finding['message'])[:90]}")
        for row in lost[:15]:
            print(f"  lost: {row['rule']} {row['path']}:{row['line']} ({row['reason']})")
        if clean and (unaudited or false_rate > BUDGET_PER_10K):
            failed = True
        unaudited_rows += [{"site": site.name, "rule": finding["rule"], "path": finding["path"],
                            "line": finding["line"], "verdict": "?",
                            "reason": str(finding["message"])[:120]} for finding in unaudited]
    if args.write_unaudited:
        args.write_unaudited.write_text(
            "".join(json.dumps(row) + "\n" for row in unaudited_rows), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
