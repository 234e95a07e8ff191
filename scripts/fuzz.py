"""Fuzz the whole pipeline: read, decode, frontmatter, index, every offline rule
(document and site rules), span checks and fix application.

Two engines (not part of CI; see docs/reliability.md):

    # coverage-guided, libFuzzer via atheris (pip install atheris)
    .venv/bin/python scripts/fuzz.py atheris -- -max_total_time=600 -max_len=4096 /tmp/fuzz-corpus
    # property-based long run: hypothesis, random (not derandomized), Markdown generator
    .venv/bin/python scripts/fuzz.py hypothesis --examples 20000

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
        if SEED.is_file() and not any(Path(path).iterdir()):
            (Path(path) / "seed.md").write_bytes(b"\x01" + SEED.read_bytes())
    atheris.Setup([sys.argv[0], *rest], target)
    atheris.Fuzz()


def _hypothesis(examples: int, timeout: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from tests.hostile import hang_guard, lint_page_bytes, markdown_pages

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(markdown_pages(), st.binary(max_size=4096)), markdown_pages(),
           st.booleans())
    def fuzz(page: bytes, other: bytes, fix: bool) -> None:
        with hang_guard(timeout):
            lint_page_bytes(page, other, fix=fix)

    fuzz()
    print(f"hypothesis: {examples} examples, no crash")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("engine", choices=("atheris", "hypothesis"))
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--timeout", type=int, default=60, help="seconds: a slower run is a hang")
    # Everything else (after `--`): libFuzzer options and corpus folders (atheris).
    args, rest = parser.parse_known_args()
    rest = [arg for arg in rest if arg != "--"]
    if args.engine == "atheris":
        _atheris(rest)
    else:
        _hypothesis(args.examples, args.timeout)


if __name__ == "__main__":
    main()
