"""curriculint against the parse floor and its peers, in one run.

    .venv/bin/python bench/perf.py [--corpus DIR] [--runs 3] [--peers] [--synthetic 10000,100000]
                                   [--markdown docs/performance.md]

Rows (medians of --runs: wall seconds, CPU seconds of the process tree, peak RSS):
  floor        read every file and parse it with markdown-it-py alone
  parse+ext    the same with the MkDocs extensions curriculint parses (curriculint/load/parser.py)
  native       the same files through markdown-it-pyrs (Rust), the native-parser option
  cold -j1     curriculint, all offline rules, one process, no cache
  cold -jN     the same on all cores
  warm         cache filled, nothing changed
  warm +1      cache filled, one page changed
  pre-commit   one file, as the hook calls it (start-up included), without and with a cache
  server       warm and pre-commit rows again, through `curriculint server` (curriculint/server/)
  bare import  python -c "import markdown_it, yaml; from pydantic import BaseModel"
  peers        rumdl (Rust, PyPI), markdownlint-cli2 (npm) and pymarkdownlnt (PyPI),
               installed into bench/.peers on demand
  synthetic    generated sites (deterministic) of the given sizes, cold on all cores
  pairs        with --pairs N: N alternating runs of curriculint cold -j1 and rumdl, the
               median of their CPU ratios (the figure issue 23 targets: <= 2.0)
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CURRICULINT = str(BIN / "curriculint")
PEERS = ROOT / "bench" / ".peers"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dstudio" / "docs"

FLOOR = """
import sys, pathlib
from markdown_it import MarkdownIt
md = MarkdownIt("commonmark")
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.md")):
    md.parse(path.read_bytes().decode("utf-8", "replace"))
"""
# The same, with the MkDocs syntax curriculint must understand (admonitions,
# md_in_html, tabs, tables, footnotes...): the part of the gap that is parsing.
# A native CommonMark parser (markdown.rs through PyO3): what the parse could
# cost. It has no MkDocs block syntax, and it panics on some pages.
NATIVE = """
import sys, pathlib
from markdown_it_pyrs import MarkdownIt
md = MarkdownIt("commonmark").enable_many(["table", "strikethrough"])
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.md")):
    try:
        md.tree(path.read_bytes().decode("utf-8", "replace"))
    except BaseException:
        pass
"""
OUR_PARSE = FLOOR.replace('md = MarkdownIt("commonmark")',
                          "from curriculint.load.parser import build_parser\nmd = build_parser()")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
          ) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds of the process tree (every process waited for),
    peak RSS of the largest process in KB (GNU time), exit status."""
    wrapper = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else []
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(wrapper + command, capture_output=True, text=True, env=env, cwd=cwd,
                          check=False)
    elapsed = time.perf_counter() - start
    cpu = _children_cpu() - cpu
    peak = 0
    if wrapper:
        tail = done.stderr.strip().splitlines()[-1:] or ["0"]
        peak = int(tail[0]) if tail[0].isdigit() else 0
    return elapsed, cpu, peak, done.returncode


Row = tuple[str, float, float, int]  # what, wall seconds, CPU seconds, peak RSS KB


def median_of(runs: int, command: list[str], env: dict[str, str] | None = None,
              prepare: object = None) -> tuple[float, float, int]:
    times, cpus, peaks = [], [], []
    for _ in range(runs):
        if callable(prepare):
            prepare()
        elapsed, cpu, peak, _status = timed(command, env)
        times.append(elapsed)
        cpus.append(cpu)
        peaks.append(peak)
    return statistics.median(times), statistics.median(cpus), max(peaks)


def alternating_pairs(pairs: int, ours: list[str], theirs: list[str],
                      env: dict[str, str]) -> list[float]:
    """CPU ratios ours/theirs of `pairs` runs taken in turn, so that a machine
    slowing down or speeding up weighs on both sides alike."""
    ratios = []
    for _ in range(pairs):
        mine = timed(ours, env)[1]
        other = timed(theirs, env)[1]
        ratios.append(mine / other)
    return ratios


def _pip_peer(name: str, package: str) -> Path | None:
    """A PyPI tool in its own venv under bench/.peers; its bin folder."""
    venv = PEERS / f"{name}-venv"
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=False)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", package],
                       check=False, capture_output=True)
    return venv / "bin" if (venv / "bin" / "python").exists() else None


def install_peers() -> dict[str, list[str]]:
    PEERS.mkdir(parents=True, exist_ok=True)
    found: dict[str, list[str]] = {}
    rumdl = _pip_peer("rumdl", "rumdl")
    if rumdl is not None and (rumdl / "rumdl").exists():
        found["rumdl"] = [str(rumdl / "rumdl"), "check", "--no-cache", "--flavor", "mkdocs"]
    cli2 = PEERS / "node_modules" / ".bin" / "markdownlint-cli2"
    if not cli2.exists() and shutil.which("npm"):
        subprocess.run(["npm", "install", "--silent", "--prefix", str(PEERS),
                        "markdownlint-cli2"], check=False, capture_output=True)
    if cli2.exists():
        found["markdownlint-cli2"] = [str(cli2)]
    pymarkdown = _pip_peer("pymarkdown", "pymarkdownlnt")
    if pymarkdown is not None and (pymarkdown / "pymarkdown").exists():
        # It stops at the first page it cannot tokenize unless told to go on.
        found["pymarkdownlnt"] = [str(pymarkdown / "pymarkdown"), "--continue-on-error",
                                  "scan", "-r"]
    return found


def synthetic_site(folder: Path, pages: int) -> None:
    """A deterministic site: sections, lists, tables, links between pages, figures."""
    folder.mkdir(parents=True, exist_ok=True)
    per_dir = 200
    for number in range(pages):
        sub = folder / f"part-{number // per_dir:04d}"
        sub.mkdir(exist_ok=True)
        target = (number * 7919 + 13) % pages
        lines = [
            "---", f"title: Page {number}", f"description: Synthetic page {number}",
            "difficulty: intermediate", "reading_time: 5 min", "---", "",
            f"# Page {number}", "", "!!! note \"Summary\"",
            f"    Page {number} links to [page {target}](../part-{target // per_dir:04d}/"
            f"page-{target}.md#details).", "",
            "## Details", "", f"Serve {number % 97 + 3}k requests/second at 99.99% availability "
            "(52.6 minutes/year downtime).", "",
            "| step | time |", "|---|---|", "| parse | 10 ms |", "| check | 2 ms |", "",
            "## Steps", "",
        ]
        lines += [f"{item}. Step {item} of page {number} with `code` and **bold**."
                  for item in range(1, 9)]
        (sub / f"page-{number}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _warm_rows(corpus: Path, runs: int, server: bool) -> list[Row]:
    """warm, warm +1 and the pre-commit rows; through a server if `server`."""
    rows: list[Row] = []
    suffix = ", server" if server else ""
    base = {**os.environ, "CURRICULINT_SERVER": "on" if server else "off"}
    if server:
        subprocess.run([CURRICULINT, "server", "start"], env=base, check=True,
                       capture_output=True)
    try:
        with tempfile.TemporaryDirectory() as scratch:
            cache_env = {**base, "CURRICULINT_CACHE_DIR": str(Path(scratch) / "cache")}
            copy = Path(scratch) / "docs"
            shutil.copytree(corpus, copy)
            command = [CURRICULINT, "check", "--format", "json", "--exit-zero", str(copy)]
            timed(command, cache_env)
            rows.append((f"curriculint warm (no change){suffix}",
                         *median_of(runs, command, cache_env)))
            pages = sorted(copy.rglob("*.md"))
            victim = pages[len(pages) // 2]
            counter = iter(range(10_000))

            def touch() -> None:
                with victim.open("a", encoding="utf-8") as stream:
                    stream.write(f"\nEdited {next(counter)}.\n")

            rows.append((f"curriculint warm (1 page changed){suffix}",
                         *median_of(runs, command, cache_env, prepare=touch)))
        one = str(ROOT / "content" / "real-time-systems.md")
        rows.append((f"pre-commit: one file{suffix}",
                     *median_of(runs, [CURRICULINT, "check", one],
                                {**base, "CURRICULINT_NO_CACHE": "1"})))
        with tempfile.TemporaryDirectory() as scratch:
            # The hook's usual case: the file was checked before (an earlier commit
            # attempt, the editor) and the cache answers.
            cache_env = {**base, "CURRICULINT_CACHE_DIR": scratch}
            timed([CURRICULINT, "check", one], cache_env)
            rows.append((f"pre-commit: one file, cached{suffix}",
                         *median_of(runs, [CURRICULINT, "check", one], cache_env)))
    finally:
        if server:
            subprocess.run([CURRICULINT, "server", "stop"], env=base, check=False,
                           capture_output=True)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--peers", nargs="?", const="rumdl,markdownlint-cli2,pymarkdownlnt",
                        default="", help="also time these peer linters (default: all three; "
                        "pymarkdownlnt takes over ten minutes on the corpus)")
    parser.add_argument("--pairs", type=int, default=0,
                        help="alternating CPU pairs of curriculint cold -j1 and rumdl")
    parser.add_argument("--synthetic", default="", help="comma-separated site sizes")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    files = sorted(corpus.rglob("*.md"))
    cores = os.cpu_count() or 1
    rows: list[Row] = []
    # Rows without "server" run with none; the server rows start their own, in a
    # private runtime folder, and stop it.
    runtime = Path(tempfile.mkdtemp(prefix="clb-", dir="/tmp"))
    os.environ.update({"CURRICULINT_SERVER": "off", "XDG_RUNTIME_DIR": str(runtime)})
    env_nocache = {**os.environ, "CURRICULINT_NO_CACHE": "1"}
    # As installed (pip, pre-commit), modules load from bytecode; without this a
    # PYTHONDONTWRITEBYTECODE shell would time the compiling of every module, every run.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "curriculint"),
                    str(ROOT / "checks"), str(ROOT / "schemas")], check=True)

    floor = median_of(args.runs, [sys.executable, "-c", FLOOR, str(corpus)])
    rows.append(("floor: markdown-it-py parse", *floor))
    rows.append(("markdown-it-py parse, curriculint's extensions",
                 *median_of(args.runs, [sys.executable, "-c", OUR_PARSE, str(corpus)])))
    native = _pip_peer("native", "markdown-it-pyrs")
    if native is not None:
        rows.append(("native parse: markdown-it-pyrs (CommonMark+tables, pages that panic skipped)",
                     *median_of(args.runs, [str(native / "python"), "-c", NATIVE, str(corpus)])))
    cold_j1 = [CURRICULINT, "check", "-j1", "--format", "json", "--exit-zero", str(corpus)]
    rows.append(("curriculint cold -j1", *median_of(args.runs, cold_j1, env_nocache)))
    rows.append((f"curriculint cold -j{cores}",
                 *median_of(args.runs, [CURRICULINT, "check", "--format", "json",
                                        "--exit-zero", str(corpus)], env_nocache)))
    for server in (False, True):
        rows += _warm_rows(corpus, args.runs, server)
    shutil.rmtree(runtime, ignore_errors=True)
    rows.append(("bare import markdown_it+yaml+pydantic",
                 *median_of(args.runs, [sys.executable, "-c",
                                        "import markdown_it, yaml; from pydantic import BaseModel"
                                        ])))
    peers = install_peers() if args.peers or args.pairs else {}
    wanted = set(args.peers.split(",")) if args.peers else set()
    for name, command in peers.items():
        if name not in wanted:
            continue
        runs = 1 if name == "pymarkdownlnt" else args.runs
        rows.append((f"peer: {name}", *median_of(runs, [*command, str(corpus)])))
    for size in [int(part) for part in args.synthetic.split(",") if part.strip()]:
        with tempfile.TemporaryDirectory() as scratch:
            site = Path(scratch) / "site"
            synthetic_site(site, size)
            rows.append((f"synthetic {size} pages cold -j{cores}",
                         *median_of(1, [CURRICULINT, "check", "--format", "json",
                                        "--exit-zero", str(site)], env_nocache)))

    base = rows[0][1]
    lines = [f"Machine: {platform.machine()}, {cores} cores, Python {platform.python_version()}; "
             f"corpus: {corpus} ({len(files)} files); medians of {args.runs} runs.", "",
             "| what | wall s | CPU s | x floor (wall) | peak RSS MB |",
             "|---|---:|---:|---:|---:|"]
    for name, seconds, cpu, peak in rows:
        lines.append(f"| {name} | {seconds:.2f} | {cpu:.2f} | {seconds / base:.2f} "
                     f"| {peak / 1024:.0f} |")
    ours = {name: cpu for name, _, cpu, _ in rows if name.startswith("curriculint cold")}
    for name, _, cpu, _ in rows:
        if name.startswith("peer: "):
            lines.append("")
            lines.append("CPU: curriculint " + ", ".join(
                f"{which.removeprefix('curriculint ')} {mine / cpu:.1f} x"
                for which, mine in ours.items()) + f" {name[6:]}'s")
    if args.pairs and "rumdl" in peers:
        ratios = alternating_pairs(args.pairs, cold_j1, [*peers["rumdl"], str(corpus)],
                                   env_nocache)
        lines += ["", f"alternating pairs, CPU of curriculint cold -j1 / rumdl: median "
                  f"{statistics.median(ratios):.2f} x (" +
                  ", ".join(f"{ratio:.2f}" for ratio in ratios) + "; target <= 2.0)"]
    table = "\n".join(lines)
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
