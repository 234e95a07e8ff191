"""The NUM rules cost time and memory linear in the page (issue 24).

Each shape is one long line of figures, the worst case for rules that read the
words around every figure. Pages are linted in a subprocess, so a hang fails on
a generous timeout and the peak memory is the child's own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# Shapes that were quadratic (seconds and MB before the fix, on 45 kB).
SHAPES = {
    "percent-run": "9.9% " * 9000,  # NUM011: 53 s, 440 MB
    "availability-pairs": "99.99% (52 min/yr) " * 2500,  # NUM011 and NUM001: 15 s, 275 MB
    "from-to-changes": "from 5 ms to 3 ms, a 40% reduction; " * 1200,
    "equations": "2 × 3 = 6 and " * 3500,
    "week-budgets": "\n\n".join(
        f"### Week {n}: Topic (10-12 hours)\n\n**Reading** (4 hours):\n\n- a\n\n"
        f"**Labs** (5 hours)\n\n- Day {n}: 3h" for n in range(1, 400)),
}

# Peak memory as Python's allocator sees it: the quadratic versions kept a copy
# of the sentence per figure. (ru_maxrss would carry the parent's peak over exec.)
_CHILD = """
import json, sys, time, tracemalloc
from curriculint.load.document import parse
from curriculint.run.registry import all_rules
raw = open(sys.argv[1], "rb").read()
tracemalloc.start()
started = time.perf_counter()
doc = parse(raw, "page.md")
for rule in all_rules():
    if rule.code.startswith("NUM"):
        if rule.kind.name == "DOCUMENT":
            list(rule.module.check(doc))
        else:
            rule.module.summarize(doc)
seconds = time.perf_counter() - started
peak = tracemalloc.get_traced_memory()[1] // 2**20
print(json.dumps({"seconds": seconds, "peak_mb": peak}))
"""


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_num_rules_are_linear_on_long_lines_of_figures(name: str, tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(f"# Costs\n\n{SHAPES[name]}\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _CHILD, str(page)], capture_output=True,
                          text=True, timeout=120, check=True)
    measured = json.loads(done.stdout)
    # Generous bounds: the quadratic versions took 15-53 s and 275-440 MB; now ~1-3 s
    # (traced) and 10-40 MB.
    assert measured["seconds"] < 30, measured
    assert measured["peak_mb"] < 150, measured
