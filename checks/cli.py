"""The `curriculint` command. `main(argv)` returns the exit status; only it prints.

Exit status: 0 nothing at error level, 1 findings at error level, 2 usage or
internal error (one line on stderr; `--debug` shows the traceback).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from checks.config import Config, ConfigError, load_config

log = logging.getLogger("curriculint")


def _split(values: Sequence[str] | None) -> list[str]:
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="curriculint",
        description="Lint learning-path Markdown pages written for MkDocs Material.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="lint files and folders")
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="files or folders (default: the configured roots)")
    check.add_argument("--format", default="text", help="text, json or github")
    check.add_argument("--select", action="append", metavar="RULES",
                       help="only these rules (codes, prefixes or names; comma-separated)")
    check.add_argument("--extend-select", action="append", metavar="RULES",
                       help="also these rules, on top of the defaults")
    check.add_argument("--ignore", action="append", metavar="RULES", help="skip these rules")
    check.add_argument("--config", type=Path, metavar="FILE",
                       help="pyproject.toml or curriculint.toml to read")
    check.add_argument("--jobs", "-j", type=int, metavar="N",
                       help="worker processes (default: all cores)")
    check.add_argument("--fix", action="store_true", help="apply safe fixes")
    check.add_argument("--unsafe-fixes", action="store_true",
                       help="with --fix or --diff, also apply fixes that choose a candidate")
    check.add_argument("--diff", action="store_true",
                       help="print the diff --fix would apply; write nothing")
    check.add_argument("--exit-zero", action="store_true",
                       help="exit 0 even when findings are reported")
    check.add_argument("--no-source", action="store_true",
                       help="text format: no source excerpt under each finding")
    check.add_argument("--online", action="store_true",
                       help="also check external URLs over the network (LNK101-LNK105)")
    check.add_argument("--refresh", action="store_true",
                       help="with --online: ignore cached link verdicts and check again")
    check.add_argument("--link-engine", choices=("httpx", "linkchecker"),
                       help="with --online: the engine that checks URLs (default: httpx)")

    sub.add_parser("rules", help="list every rule")
    rule = sub.add_parser("rule", help="show a rule's documentation")
    rule.add_argument("code", help="rule code or name")
    return parser


def _cmd_rules() -> int:
    from checks.registry import all_rules

    for rule in all_rules():
        marker = "" if rule.default else " (opt-in)"
        print(f"{rule.code:<8} {rule.name:<28} {rule.severity.value:<8} {rule.summary}{marker}")
    return 0


def _cmd_rule(key: str) -> int:
    from checks.registry import find_rule

    rule = find_rule(key)
    if rule is None:
        print(f"curriculint: unknown rule '{key}' (see `curriculint rules`)", file=sys.stderr)
        return 2
    print(f"{rule.code} {rule.name} ({rule.severity.value})\n")
    print(rule.doc)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from checks.engine import Plan, run
    from checks.registry import known_selector
    from checks.reporters import FORMATS, get_renderer

    if args.format not in FORMATS:
        raise ConfigError(f"unknown format '{args.format}' (choose from {', '.join(FORMATS)})")
    config: Config = load_config(args.config)
    if args.online or args.refresh or args.link_engine or "online" in config.rules:
        from checks.online.options import online_config

        config = online_config(config, args.online, args.refresh, args.link_engine)
    selectors = _split(args.select) + _split(args.ignore) + _split(args.extend_select)
    for selector in selectors:
        if not known_selector(selector):
            raise ConfigError(f"unknown rule selector '{selector}' (see `curriculint rules`)")
    plan = Plan.make(config, _split(args.select), _split(args.ignore),
                     _split(args.extend_select))
    paths = args.paths or [root for root in config.roots if Path(root).exists()]
    if not paths:
        raise ConfigError("no paths given and no configured root exists")
    result = run(paths, config, plan, jobs=args.jobs)
    for error in result.errors:
        print(f"curriculint: {error}", file=sys.stderr)
    reports = result.reports
    if args.fix or args.diff:
        from checks.fixes import fix_files, unified_diff

        outcomes = fix_files(reports, result.paths, result.digests, args.unsafe_fixes,
                             write=args.fix and not args.diff)
        if args.diff:
            sys.stdout.write("".join(unified_diff(outcome) for outcome in outcomes))
            return 0
        fixed_paths = {outcome.path for outcome in outcomes if outcome.new_text is not None}
        applied = sum(outcome.applied for outcome in outcomes if outcome.new_text is not None)
        if fixed_paths:
            print(f"curriculint: applied {applied} fix(es) in {len(fixed_paths)} file(s)",
                  file=sys.stderr)
            result = run(paths, config, plan, jobs=args.jobs)
            reports = result.reports
    renderer = get_renderer(args.format)
    if args.format == "text":
        from checks.reporters.text import render_text

        output = render_text(reports, result.files, excerpts=not args.no_source)
    else:
        output = renderer(reports, result.files)
    if output:
        print(output)
    if args.exit_zero:
        return 0
    if result.errors and not reports:
        return 2
    return result.exit_code


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING,
                        format="curriculint: %(levelname)s: %(message)s", stream=sys.stderr)
    try:
        if args.command == "rules":
            return _cmd_rules()
        if args.command == "rule":
            return _cmd_rule(args.code)
        if args.command == "check":
            return _cmd_check(args)
        parser.print_help(sys.stderr)
        return 2
    except ConfigError as error:
        print(f"curriculint: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("curriculint: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # the last line of defence: one line, not a traceback
        if args.debug:
            raise
        print(f"curriculint: internal error: {type(error).__name__}: {error} "
              "(run with --debug for the traceback)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
