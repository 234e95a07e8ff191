"""The LinkChecker engine: the `linkchecker` CLI run as a subprocess.

A subprocess, not an import: LinkChecker is GPL-2.0-or-later and curriculint
is MIT; talking to its command line over pipes keeps the two separate
programs (and keeps its threads, global locks and caches out of our process).
What its CLI does that we correct here:

* run as root it drops to `nobody`: its config goes in a world-readable
  temporary folder, URLs go in on stdin and results come out on stdout;
* it logs only failures unless `--verbose`;
* 429 is "valid" with a warning and never retried: we wait `Retry-After` and
  run those URLs again, then report "rate limited, not verified";
* a robots.txt refusal is "valid" without any request: we report not checked;
* missing anchors are warnings only: we turn them into LNK105 findings;
* redirect warnings can leak from one URL to another through its cache: a
  redirect counts only when the URL it reports differs from the one we gave;
* it follows redirects itself, so our address guard can check a hop only
  after the fact (the result is then replaced by a refusal); the httpx engine
  guards every connection before it is made.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from curriculint.online.collect import split_fragment
from curriculint.online.guard import Policy, check_host_sync
from curriculint.online.options import OnlineOptions
from curriculint.online.request import PERMANENT, LinkRequest, retry_after_seconds, verdict
from curriculint.online.verdict import Outcome, Verdict

_REDIRECT = re.compile(r"Redirected to `(.*?)' status: (\d+)")
_ANCHOR = re.compile(r"Anchor `(.*?)' \(decoded: `.*?'\) not found")
_RETRY_AFTER = re.compile(r"Retry-After: (.*?)\)")
_STATUS = re.compile(r"^(\d{3})\b")


class LinkCheckerMissing(Exception):
    """The LinkChecker CLI is not installed."""


def linkchecker_command(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        raise LinkCheckerMissing(f"the LinkChecker CLI '{name}' is not installed "
                                 "(pip install linkchecker)")
    return found


def _config(options: OnlineOptions) -> str:
    lines = [
        "[checking]",
        f"threads={options.concurrency}",
        f"timeout={int(max(1, options.read_timeout))}",
        f"maxrequestspersecond={options.per_host_rate}",
        f"maxfilesizedownload={options.max_body_bytes}",
        f"useragent={options.user_agent}",
        "[filtering]",
        "checkextern=1",
    ]
    if options.check_anchors:
        lines.append("[AnchorCheck]")
    return "\n".join(lines) + "\n"


# Run as root, LinkChecker sets its effective user to `nobody` and only then
# lists and imports its plugins (AnchorCheck among them). Where `nobody` cannot
# read the Python environment (a checkout in a private folder, as CI and
# `mktemp -d` make), the listing comes back empty and anchors go unchecked
# without a word. So the launcher lists and imports LinkChecker's modules first,
# as the user who started it, then runs its command, privilege drop included.
_PRELOAD = """
import importlib, pkgutil, sys
import linkcheck
listed = {}
real_iter_modules = pkgutil.iter_modules
def iter_modules(path=None, prefix=""):
    key = (tuple(path) if path is not None else None, prefix)
    if key not in listed:
        listed[key] = list(real_iter_modules(path, prefix))
    return iter(listed[key])
pkgutil.iter_modules = iter_modules
for found in pkgutil.walk_packages(linkcheck.__path__, "linkcheck."):
    if found.ispkg:
        list(iter_modules(importlib.import_module(found.name).__path__))
    try:
        importlib.import_module(found.name)
    except Exception:
        pass
from linkcheck.command.linkchecker import linkchecker
sys.argv[0] = "linkchecker"
sys.exit(linkchecker())
"""


def _launcher(command: str) -> list[str]:
    """How to start the LinkChecker CLI at `command`: through its own Python
    with its modules preloaded where the script names one, else directly."""
    try:
        with open(command, "rb") as script:
            first = script.readline(512)
    except OSError:
        return [command]
    if first.startswith(b"#!"):
        interpreter = first[2:].decode("utf-8", "replace").strip().split()
        if interpreter and "python" in Path(interpreter[-1]).name:
            return [*interpreter, "-c", _PRELOAD]
    return [command]


def run_linkchecker(urls: list[str], options: OnlineOptions, timeout: float
                    ) -> list[dict[str, str]]:
    """Rows of LinkChecker's CSV log for `urls`; [] when it ran out of time."""
    command = linkchecker_command(options.linkchecker)
    with tempfile.TemporaryDirectory(prefix="curriculint-lc-") as folder:
        # Readable by `nobody`, whom the CLI becomes when started as root.
        os.chmod(folder, 0o755)
        config = Path(folder) / "linkcheckerrc"
        config.write_text(_config(options), encoding="utf-8")
        config.chmod(0o644)
        env = {**os.environ, "HOME": folder, "XDG_CONFIG_HOME": folder}
        for proxy in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
            env.pop(proxy, None)
        try:
            completed = subprocess.run(
                [*_launcher(command), "-f", str(config), "--stdin", "-r", "0", "--no-status",
                 "--verbose", "--check-extern", "-o", "csv/utf-8"],
                input="\n".join(urls) + "\n", capture_output=True, text=True,
                encoding="utf-8", errors="replace", timeout=timeout, env=env, check=False)
        except subprocess.TimeoutExpired:
            return []
    lines = [line for line in completed.stdout.splitlines(keepends=True)
             if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("".join(lines)), delimiter=";"))


def classify(request: LinkRequest, rows: list[dict[str, str]], policy: Policy) -> Verdict:
    """The verdict on `request` from the rows of LinkChecker's CSV log for its URL
    (and its fragments), the CLI's quirks corrected: a 429 or a robots.txt refusal
    is no "valid", a redirect warning counts only when the URL reported differs
    from the one asked for, and then each hop is checked against `policy`."""
    base_row = rows[0]
    result = base_row.get("result") or ""
    warnings = "\n".join(row.get("warningstring") or "" for row in rows)
    info = base_row.get("infostring") or ""
    status_match = _STATUS.match(result)
    status = int(status_match.group(1)) if status_match else None
    final_url = split_fragment(base_row.get("url") or request.url)[0]
    if "robots.txt" in info:
        return verdict(request, Outcome.NOT_CHECKED, "robots.txt disallows fetching it")
    if base_row.get("valid") != "True":
        return verdict(request, Outcome.BROKEN, result or "LinkChecker reported an error",
                       status=status, final_url=final_url)
    rate = _RETRY_AFTER.search(warnings)
    if status == 429:
        retry = rate.group(1) if rate else "none"
        return verdict(request, Outcome.RATE_LIMITED,
                       f"HTTP 429 Too Many Requests (Retry-After: {retry})",
                       status=429, final_url=final_url)
    hops = _REDIRECT.findall(base_row.get("warningstring") or "")
    permanent = ""
    if hops and final_url != request.url:  # otherwise the warning leaked from another URL
        for hop_url, _ in hops:
            parts = urlsplit(hop_url)
            reason = check_host_sync(policy, parts.hostname or "",
                                     parts.port or (443 if parts.scheme == "https" else 80))
            if reason:
                return verdict(request, Outcome.NOT_CHECKED,
                               f"refused: redirected to {hop_url}: {reason}")
        if all(int(code) in PERMANENT for _, code in hops):
            permanent = final_url
    missing = frozenset(fragment for row in rows
                        for fragment in _ANCHOR.findall(row.get("warningstring") or ""))
    checked = request.fragments if _has_fragment_rows(rows) else frozenset()
    return verdict(request, Outcome.OK, result, status=status, final_url=final_url,
                   permanent_to=permanent, anchors_checked=checked,
                   anchors_missing=missing & request.fragments)


def _has_fragment_rows(rows: list[dict[str, str]]) -> bool:
    return any("#" in (row.get("urlname") or "") for row in rows)


def check_with_linkchecker(requests: list[LinkRequest], options: OnlineOptions, policy: Policy,
                           progress: Callable[[int, int], None] | None = None
                           ) -> dict[str, Verdict]:
    results: dict[str, Verdict] = {}
    todo: list[LinkRequest] = []
    for request in requests:
        parts = urlsplit(request.url)
        reason = check_host_sync(policy, parts.hostname or "",
                                 parts.port or (443 if parts.scheme == "https" else 80))
        if reason:
            results[request.url] = verdict(request, Outcome.NOT_CHECKED, f"refused: {reason}")
        else:
            todo.append(request)
    deadline = time.monotonic() + options.run_budget
    for attempt in range(options.retries_429 + 1):
        if not todo:
            break
        urls: list[str] = []
        for request in todo:
            if request.fragments and options.check_anchors:
                urls.extend(f"{request.url}#{fragment}" for fragment in sorted(request.fragments))
            else:
                urls.append(request.url)
        rows = run_linkchecker(urls, options, max(1.0, deadline - time.monotonic()))
        by_url: dict[str, list[dict[str, str]]] = {}
        for row in rows:
            by_url.setdefault(split_fragment(row.get("urlname") or "")[0], []).append(row)
        limited: list[LinkRequest] = []
        wait = 0.0
        for request in todo:
            found = by_url.get(request.url)
            if not found:
                results[request.url] = verdict(
                    request, Outcome.NOT_CHECKED,
                    f"LinkChecker gave no result within {options.run_budget:g} s")
                continue
            result = classify(request, found, policy)
            results[request.url] = result
            if result.outcome is Outcome.RATE_LIMITED:
                limited.append(request)
                header = _RETRY_AFTER.search(result.detail)
                wait = max(wait, retry_after_seconds(header.group(1) if header else None))
        if progress:
            progress(len(results), len(requests))
        if not limited or attempt == options.retries_429 or wait > options.max_retry_after:
            break
        if time.monotonic() + wait >= deadline:
            break
        time.sleep(wait)
        todo = limited
    return results
