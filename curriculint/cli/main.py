"""The `curriculint` command. `main(argv)` returns the exit status; only it prints.

Exit status: 0 nothing at error level, 1 findings at error level, 2 usage or
internal error (one line on stderr; `--debug` shows the traceback).
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from curriculint.config import Config, ConfigError, load_config
from curriculint.model import Report, Severity

if TYPE_CHECKING:
    from curriculint.run.plan import Plan
    from curriculint.run.records import RunResult
    from curriculint.run.shard import Shard
    from curriculint.store.results import ResultCache

log = logging.getLogger("curriculint")


def _split(values: Sequence[str] | None) -> list[str]:
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def _shard(text: str) -> Shard:
    from curriculint.run.shard import parse_shard

    try:
        return parse_shard(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


class _Version(argparse.Action):
    """`--version`; the installed version is looked up only when asked for
    (importlib.metadata costs start-up time every run would pay)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("curriculint")
        except PackageNotFoundError:  # run from a source tree that was never installed
            found = "unknown (not installed)"
        print(f"curriculint {found}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="curriculint",
        description="Lint learning-path Markdown pages written for MkDocs Material.",
    )
    parser.add_argument("--version", action=_Version)
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="lint files and folders")
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="files or folders (default: the configured roots); - reads a page "
                       "from standard input")
    check.add_argument("--stdin-filename", metavar="PATH",
                       help="with -: the path the page from standard input stands for (its "
                       "configuration, links and report name)")
    check.add_argument("--format", "--output-format", dest="format", default="text",
                       help="stdout report: text, json, sarif, junit, github, markdown or html")
    check.add_argument("--quiet", "-q", action="store_true",
                       help="print the findings and nothing else")
    check.add_argument("--statistics", action="store_true",
                       help="print the number of findings per rule instead of the findings")

    check.add_argument("--output", action="append", metavar="FORMAT=PATH",
                       help="also write a report in FORMAT to PATH (repeatable)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="text format colour (auto: on a terminal, unless NO_COLOR is set)")
    check.add_argument("--baseline", type=Path, metavar="FILE",
                       help="report only findings that are not recorded in FILE")
    check.add_argument("--write-baseline", type=Path, metavar="FILE",
                       help="record the current findings in FILE and exit 0")
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
    check.add_argument("--show-fixes", action="store_true",
                       help="with --fix or --diff, list the findings fixed per file and rule")
    check.add_argument("--exit-zero", action="store_true",
                       help="exit 0 even when findings are reported")
    check.add_argument("--no-cache", action="store_true",
                       help="neither read nor write the caches (results and link verdicts)")
    check.add_argument("--cache-dir", type=Path, metavar="DIR",
                       help="where the caches live (default: .curriculint_cache in the working "
                       "folder; also CURRICULINT_CACHE_DIR or cache-dir in the configuration)")
    check.add_argument("--no-source", action="store_true",
                       help="text format: no source excerpt under each finding")
    check.add_argument("--online", action="store_true",
                       help="also check external URLs over the network (LNK101-LNK105)")
    check.add_argument("--refresh", action="store_true",
                       help="with --online: ignore cached link verdicts and check again")
    check.add_argument("--link-engine", choices=("httpx", "linkchecker", "lychee"),
                       help="with --online: the engine that checks URLs (default: httpx; "
                       "linkchecker and lychee run those programs as subprocesses)")
    check.add_argument("--shard", type=_shard, metavar="K/N",
                       help="check only shard K of N (a CI matrix; see docs/ci-matrix.md)")
    check.add_argument("--watch", "-w", action="store_true",
                       help="check again whenever a page, the configuration or mkdocs.yml "
                       "changes, redrawing the report; Ctrl-C stops (exit 0)")

    merge = sub.add_parser("merge", help="merge the JSON or SARIF reports of shards")
    merge.add_argument("reports", nargs="+", type=Path, metavar="REPORT",
                       help="reports written by `check --format json` or `--format sarif`")
    merge.add_argument("--format", default="text",
                       help="stdout report: text, json, sarif, junit, github, markdown or html")
    merge.add_argument("--output", action="append", metavar="FORMAT=PATH",
                       help="also write a report in FORMAT to PATH (repeatable)")
    merge.add_argument("--exit-zero", action="store_true",
                       help="exit 0 even when findings are reported")

    server = sub.add_parser("server", help="a resident server that makes every run start "
                            "warm (see docs/performance.md)")
    server.add_argument("action", choices=("start", "stop", "status"))
    server.add_argument("--idle", type=float, default=30, metavar="MINUTES",
                        help="with start: stop after this many minutes without a command")

    schema = sub.add_parser("schema", help="JSON Schema files of the configured collections, "
                            "for editors")
    schema.add_argument("action", choices=("export",))
    schema.add_argument("--config", type=Path, metavar="FILE",
                        help="pyproject.toml or curriculint.toml to read")
    schema.add_argument("--output", type=Path, metavar="DIR",
                        help="folder to write them to (default: .curriculint/schemas beside "
                        "the configuration)")

    lsp = sub.add_parser("lsp", help="serve the Language Server Protocol over stdio, for "
                         "editors (see docs/editors.md)")
    lsp.add_argument("--stdio", action="store_true",
                     help="accepted for editors that pass it; stdio is the only transport")

    sub.add_parser("rules", help="list every rule")
    rule = sub.add_parser("rule", help="show a rule's documentation")
    rule.add_argument("code", help="rule code or name")
    return parser


def _cmd_rules() -> int:
    from curriculint.run.registry import all_rules

    for rule in all_rules():
        marker = "" if rule.default else " (opt-in)"
        print(f"{rule.code:<8} {rule.name:<28} {rule.severity.value:<8} {rule.summary}{marker}")
    return 0


def _cmd_rule(key: str) -> int:
    from curriculint.run.registry import find_rule

    rule = find_rule(key)
    if rule is None:
        print(f"curriculint: unknown rule '{key}' (see `curriculint rules`)", file=sys.stderr)
        return 2
    from curriculint.report.rule_docs import render_rule

    print(f"{rule.code} {rule.name}\n")
    print(render_rule(rule))
    return 0


def _cmd_server(args: argparse.Namespace) -> int:
    from curriculint.server.protocol import SUPPORTED

    if not SUPPORTED:
        print("curriculint: the server needs a POSIX system (fork, Unix sockets)",
              file=sys.stderr)
        return 2
    from curriculint.server import control as server

    if args.action == "start":
        return server.start(args.idle)
    return server.stop() if args.action == "stop" else server.status()


def _cmd_check(args: argparse.Namespace) -> int:
    from curriculint.report.outputs import check_format, parse_outputs
    from curriculint.run.registry import known_selector, nearest_selector

    check_format(args.format)
    outputs = parse_outputs(args.output)
    selectors = _split(args.select) + _split(args.ignore) + _split(args.extend_select)
    for selector in selectors:
        if not known_selector(selector):
            close = nearest_selector(selector)
            hint = f"; did you mean '{close}'?" if close else ""
            raise ConfigError(f"unknown rule selector '{selector}'{hint} "
                              "(see `curriculint rules`)")
    stdin = None
    if "-" in args.paths:
        if args.fix or args.diff:
            raise ConfigError("--fix and --diff rewrite files: they do not take - (standard "
                              "input)")
        stdin = (args.stdin_filename or "stdin.md", sys.stdin.buffer.read())
    elif args.stdin_filename:
        raise ConfigError("--stdin-filename goes with - (a page on standard input)")
    if args.watch:
        return _watch(args, outputs)
    return _check_once(args, stdin, outputs)


def _watch(args: argparse.Namespace, outputs: list[tuple[str, Path]]) -> int:
    """`check --watch`: the same check after every change (curriculint/cli/watch.py)."""
    from curriculint.cli.watch import watch, watched_paths
    from curriculint.config import find_config

    if "-" in args.paths or args.diff or args.write_baseline or args.shard:
        raise ConfigError("--watch checks files as they change: it does not take - "
                          "(standard input), --diff, --write-baseline or --shard")
    config = load_config(args.config)
    paths = [path for path in args.paths] or [root for root in config.roots
                                              if Path(root).exists()]
    if not paths:
        raise ConfigError("no paths given and no configured root exists")
    missing = [path for path in paths if not Path(path).exists()]
    if missing:
        raise ConfigError(f"{missing[0]}: no such file or directory")
    config_files = [args.config] if args.config else [
        found for path in paths
        if (found := find_config(Path(path).resolve() if Path(path).is_dir()
                                 else Path(path).resolve().parent)) is not None]
    include = [*config.include]
    return watch(watched_paths(paths, config_files), include,
                 lambda: _check_once(args, None, outputs))


def _check_once(args: argparse.Namespace, stdin: tuple[str, bytes] | None,
                outputs: list[tuple[str, Path]]) -> int:
    reports: list[Report] = []
    result: RunResult | None = None
    diffs: list[str] = []
    for config, paths, group_stdin in _config_groups(args, stdin):
        group_reports, group_result, diff = _check_group(args, config, paths, group_stdin)
        reports += group_reports
        diffs.append(diff)
        result = group_result if result is None else result.merged(group_result)
    assert result is not None
    if args.diff:  # as ruff: 1 when --fix would change something
        sys.stdout.write("".join(diffs))
        return 1 if any(diffs) else 0
    reports.sort(key=lambda report: report.sort_key)
    return _report(args, reports, result, outputs)


def _config_groups(args: argparse.Namespace, stdin: tuple[str, bytes] | None
                   ) -> list[tuple[Config, list[str], tuple[str, bytes] | None]]:
    """The paths to check, grouped by the configuration that applies to them:
    `--config` for all, else the nearest one above each path (as ruff finds
    its own); a path with none above it, and the configured roots when no path
    is given, take the working folder's (as ruff's defaults do)."""
    from curriculint.config import find_config

    paths = [path for path in args.paths if path != "-"]
    if args.config is not None or (not paths and stdin is None):
        config = load_config(args.config)
        if not paths and stdin is None:
            paths = [root for root in config.roots if Path(root).exists()]
            if not paths:
                raise ConfigError("no paths given and no configured root exists")
        return [(config, paths, stdin)]
    fallback = find_config(Path.cwd().resolve())
    groups: dict[Path | None, tuple[list[str], list[tuple[str, bytes]]]] = {}
    for path in paths:
        start = Path(path) if Path(path).is_dir() else Path(path).parent
        found = find_config(start.resolve()) or fallback
        groups.setdefault(found, ([], []))[0].append(path)
    if stdin is not None:
        found = find_config(Path(stdin[0]).parent.resolve()) or fallback
        groups.setdefault(found, ([], []))[1].append(stdin)
    return [(load_config(found) if found else Config(), group_paths,
             group_stdin[0] if group_stdin else None)
            for found, (group_paths, group_stdin) in groups.items()]


def _check_group(args: argparse.Namespace, config: Config, paths: list[str],
                 stdin: tuple[str, bytes] | None) -> tuple[list[Report], RunResult, str]:
    """Lint (and fix) the paths one configuration applies to: the findings, the
    run, and with --diff the diff that --fix would apply."""
    from curriculint.run.lint_pages import open_cache
    from curriculint.run.plan import Plan, validate_selectors
    from curriculint.run.runner import run

    if args.online or args.refresh or args.link_engine or "online" in config.rules:
        from curriculint.online.options import online_config

        config = online_config(config, args.online, args.refresh, args.link_engine)
    validate_selectors(config)
    plan = Plan.make(config, _split(args.select), _split(args.ignore),
                     _split(args.extend_select))
    if config.collections and any(rule.code.startswith("FM") for rule in plan.rules):
        from curriculint.load.collections import check_collections

        check_collections(config)  # a broken schema is a usage error before any page
    cache = None if args.no_cache else open_cache(plan, args.cache_dir)
    fixing = args.fix or args.diff
    result = _run_with_progress(paths, config, plan, args.jobs, cache, args.shard, stdin,
                                keep=fixing)
    for error in result.errors:
        print(f"curriculint: {error}", file=sys.stderr)
    if result.files == 0 and not result.errors and not args.quiet:
        shown = ", ".join(paths) or "standard input"
        print(f"curriculint: warning: no Markdown files found in {shown} "
              f"(include: {', '.join(config.include)})", file=sys.stderr)
    reports = result.reports
    if fixing:
        from curriculint.fix.apply import unified_diff
        from curriculint.fix.guard import checked_tree, not_written
        from curriculint.fix.session import FixSession

        # The fixed texts are worked out and checked in memory (fix/session.py):
        # --diff shows exactly what --fix writes.
        session = FixSession(result, args.unsafe_fixes, checked_tree(paths))
        outcomes = session.settle()
        if not args.diff:
            outcomes = session.write(outcomes)
        for outcome in outcomes:
            if outcome.reason:
                print(f"curriculint: {outcome.path}: not fixed: {outcome.reason}"
                      if outcome.new_text is None else
                      f"curriculint: {outcome.path}: {outcome.reason}", file=sys.stderr)
        if args.show_fixes:
            from curriculint.report.summary import fixes_shown

            print(fixes_shown([(outcome.path, outcome.fixed) for outcome in outcomes],
                              {rule.code: rule.name for rule in plan.rules}, args.diff),
                  file=sys.stderr)
        if args.diff:
            return reports, result, "".join(unified_diff(outcome) for outcome in outcomes)
        changed = [outcome for outcome in outcomes if outcome.new_text is not None]
        if changed:
            if not args.quiet:
                print(f"curriculint: applied {sum(outcome.applied for outcome in changed)} "
                      f"fix(es) in {len(changed)} file(s)", file=sys.stderr)
            # The report is of the files as written.
            result = run(paths, config, plan, jobs=args.jobs, cache=cache, shard=args.shard)
            reports = result.reports
        # A page whose fixes could not be written is a finding, and fails the run.
        unwritten = [outcome for outcome in outcomes if outcome.unwritten]
        reports = [*reports, *(not_written(outcome.path, outcome.reason,
                                           outcome.old_text.splitlines()[0]
                                           if outcome.old_text else "")
                               for outcome in unwritten)]
        result.unwritten = [outcome.path for outcome in unwritten]
    return reports, result, ""




def _cmd_merge(args: argparse.Namespace) -> int:
    """One report from the shards' JSON or SARIF reports (checks/merge.py)."""
    from curriculint.report import render
    from curriculint.report.merge import merge_reports
    from curriculint.report.outputs import check_format, parse_outputs, use_color, write_outputs

    check_format(args.format)
    outputs = parse_outputs(args.output)
    reports, files = merge_reports(args.reports)
    checked = sorted({report.path for report in reports})
    output = render(args.format, reports, files, paths=checked,
                    color=use_color("auto", sys.stdout))
    if output:
        print(output)
    write_outputs(outputs, reports, files, checked)
    if args.exit_zero:
        return 0
    return 1 if any(report.severity is Severity.ERROR for report in reports) else 0


def _run_with_progress(paths: Sequence[str], config: Config, plan: Plan, jobs: int | None,
                       cache: ResultCache | None, shard: Shard | None = None,
                       stdin: tuple[str, bytes] | None = None, keep: bool = False
                       ) -> RunResult:
    from curriculint.cli.progress import ProgressBar, wanted
    from curriculint.run.runner import run

    bar = ProgressBar(sys.stderr) if wanted(sys.stdout, sys.stderr) else None
    try:
        return run(paths, config, plan, jobs=jobs, cache=cache, progress=bar, shard=shard,
                   stdin=stdin, keep=keep)
    finally:
        if bar is not None:
            bar.close()


def _fix_hint() -> str:
    """How to apply the safe fixes, in the words that work where the command runs:
    under pre-commit, curriculint is no command on the author's PATH."""
    import os

    if os.environ.get("PRE_COMMIT") == "1":
        return "the curriculint-fix hook"
    return "--fix"


def _report(args: argparse.Namespace, reports: list[Report], result: RunResult,
            outputs: list[tuple[str, Path]]) -> int:
    """Baseline, then the stdout report and `--output` files; the exit status."""
    from curriculint.report import render
    from curriculint.report.outputs import use_color, write_outputs

    if args.write_baseline:
        from curriculint.report.baseline import write_baseline

        count = write_baseline(args.write_baseline, reports)
        print(f"curriculint: recorded {count} finding(s) in {args.write_baseline}",
              file=sys.stderr)
        return 0
    if args.baseline:
        from curriculint.report.baseline import new_findings

        known = len(reports)
        reports = new_findings(reports, args.baseline)
        if not args.quiet:
            print(f"curriculint: {known - len(reports)} finding(s) in the baseline not shown",
                  file=sys.stderr)
    checked = sorted(result.paths)
    if args.statistics:
        from curriculint.report.summary import statistics

        output = statistics(reports)
    else:
        output = render(args.format, reports, result.files, paths=checked,
                        color=use_color(args.color, sys.stdout), excerpts=not args.no_source,
                        quiet=args.quiet, fix_hint=_fix_hint())
    if output:
        print(output)
    write_outputs(outputs, reports, result.files, checked)
    if result.missing:  # a path given to the command is not there: nothing was checked
        return 2
    if result.unwritten:  # --fix could not write some of the fixes (IO002)
        return 2
    if args.exit_zero:
        return 0
    if result.errors and not reports:
        return 2
    return 1 if any(report.severity is Severity.ERROR for report in reports) else 0


def main(argv: Sequence[str] | None = None) -> int:
    # markdown-it allocates an object per token; at the default gen-0 threshold
    # (700) the collector runs every few lines and frees almost nothing: 12% of a
    # cold run. Workers fork from here and inherit the setting.
    gc.set_threshold(50_000)
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
        if args.command == "merge":
            return _cmd_merge(args)
        if args.command == "server":
            return _cmd_server(args)
        if args.command == "lsp":
            from curriculint.lsp.server import main as serve

            return serve()
        if args.command == "schema":
            from curriculint.cli.schema_export import export_schemas

            return export_schemas(load_config(args.config), args.output)
        parser.print_help(sys.stderr)
        return 2
    except ConfigError as error:
        print(f"curriculint: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("curriculint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader left (`| head`): say nothing more, as other commands do; the
        # interpreter must not complain about flushing stdout at exit either.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a command killed by it
    except Exception as error:  # the last line of defence: one line, not a traceback
        if args.debug:
            raise
        print(f"curriculint: internal error: {type(error).__name__}: {error} "
              "(run with --debug for the traceback)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
