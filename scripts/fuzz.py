"""Fuzz the whole pipeline: read, decode, frontmatter, index, every offline rule
(document and site rules), span checks and fix application.

Two engines, and the worst shapes (not part of CI; see docs/reliability.md):

    # coverage-guided, libFuzzer via atheris (pip install atheris)
    .venv/bin/python scripts/fuzz.py atheris -- -max_total_time=600 -max_len=4096 /tmp/fuzz-corpus
    # property-based long run: hypothesis, random (not derandomized), Markdown generator
    .venv/bin/python scripts/fuzz.py hypothesis --examples 20000
    # each rule family's worst shape (tests/shapes.py) at growing sizes: time per size
    .venv/bin/python scripts/fuzz.py shapes --sizes 25000,50000,100000,200000

Both engines also draw from the worst shapes: atheris starts from a 4 kB page
of each (an empty corpus folder is seeded with them), and one page in four of
the hypothesis run is a shape at a random size up to 20 kB.

The atheris target takes the fuzz input as one page; its first byte picks
whether the rest is used raw or with a plausible page prepended (frontmatter,
headings, links), so both the decoder and the deep Markdown paths get inputs.
A crash is any exception (InternalError included: a span outside its file)
or a run over `--timeout` seconds; atheris writes the input to `crash-*`, and
hypothesis prints a minimal example. Every crash becomes a pinned `@example`
in tests/test_hostile_properties.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT.parent / "shared" / "seed" / "real-time-systems.md"
PREFIX = (b"---\ntitle: Fuzz\ndescription: d\ntags: [a]\n---\n\n# Fuzz\n\n## Setup\n\n"
          b"See [setup](#setup), [other](sub/other.md#x) and <https://example.com>.\n\n")


def _atheris(rest: list[str]) -> None:
    import atheris

    with atheris.instrument_imports(include=["curriculint", "markdown_it", "mdit_py_plugins",
                                             "yaml"]):
        from tests.hostile import lint_pages

    folder = Path(tempfile.mkdtemp(prefix="curriculint-fuzz-"))

    def target(data: bytes) -> None:
        if not data:
            return
        page = data[1:] if data[0] % 2 else PREFIX + data[1:]
        lint_pages(folder, {"page.md": page, "sub/other.md": b"# Other\n\n[x](../page.md#a)\n"},
                   fix=data[0] % 3 == 0)

    corpus = [arg for arg in rest if not arg.startswith("-")]
    for path in corpus:
        Path(path).mkdir(parents=True, exist_ok=True)
        if not any(Path(path).iterdir()):
            if SEED.is_file():
                (Path(path) / "seed.md").write_bytes(b"\x01" + SEED.read_bytes())
            from tests.shapes import SHAPES, page_bytes

            for shape in SHAPES:  # raw (odd first byte): the shape is the whole page
                (Path(path) / f"shape-{shape.name}.md").write_bytes(
                    b"\x01" + page_bytes(shape, 4000))
    atheris.Setup([sys.argv[0], *rest], target)
    atheris.Fuzz()


def _hypothesis(examples: int, timeout: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from tests.hostile import hang_guard, lint_page_bytes, markdown_pages
    from tests.shapes import SHAPES, page_bytes

    shapes = st.builds(page_bytes, st.sampled_from(SHAPES), st.integers(200, 20_000))

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(markdown_pages(), markdown_pages(), st.binary(max_size=4096), shapes),
           markdown_pages(), st.booleans())
    def fuzz(page: bytes, other: bytes, fix: bool) -> None:
        with hang_guard(timeout):
            lint_page_bytes(page, other, fix=fix)

    fuzz()
    print(f"hypothesis: {examples} examples, no crash")


def _shapes(sizes: list[int], timeout: int, names: list[str]) -> None:
    """Each worst shape at each size, one child process per shape (a shape that
    runs past `timeout` is reported and the next one starts)."""
    import json
    import subprocess

    from tests.shapes import SHAPES

    for shape in SHAPES:
        if names and shape.name not in names:
            continue
        try:
            done = subprocess.run([sys.executable, "-m", "tests.shapes", shape.name,
                                   *map(str, sizes)], capture_output=True, text=True,
                                  timeout=timeout, cwd=ROOT)
        except subprocess.TimeoutExpired:
            print(f"{shape.name:32} {shape.family:12} over {timeout} s", flush=True)
            continue
        if done.returncode:
            print(f"{shape.name:32} {shape.family:12} crashed: {done.stderr[-500:]}")
            continue
        item = json.loads(done.stdout)
        times = "  ".join(f"{int(size) // 1000} kB {seconds:6.2f} s"
                          for size, seconds in item["cpu"].items())
        print(f"{shape.name:32} {shape.family:12} {times}  {','.join(item['codes'])}",
              flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("engine", choices=("atheris", "hypothesis", "shapes"))
    parser.add_argument("--sizes", default="50000,100000,200000",
                        help="shapes: page sizes in bytes, comma-separated")
    parser.add_argument("--shape", action="append", default=[],
                        help="shapes: only this one (repeatable; default: all)")
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--timeout", type=int, default=60, help="seconds: a slower run is a hang")
    # Everything else (after `--`): libFuzzer options and corpus folders (atheris).
    args, rest = parser.parse_known_args()
    rest = [arg for arg in rest if arg != "--"]
    if args.engine == "atheris":
        _atheris(rest)
    elif args.engine == "shapes":
        _shapes([int(size) for size in args.sizes.split(",")], args.timeout, args.shape)
    else:
        _hypothesis(args.examples, args.timeout)


if __name__ == "__main__":
    main()
