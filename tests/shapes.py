"""Worst shapes: for each rule family, the page that family finds hardest.

Each shape builds a page of about `size` bytes of what one family's rules walk,
compare or search: long lines of mojibake and emoji, thousands of frontmatter
keys, many headings, deep nesting, duplicated blocks, huge tables, thousands of
links and anchors, lines of figures, hundreds of suppression comments. Every
line stays under `max-line-bytes` (50 000), so a shape is linted, not refused.

Used by tests/test_rule_costs.py (a 100 kB page of each shape is linted within a
bound, and twice the size costs at most about twice the time) and by the fuzzer
(scripts/fuzz.py: `shapes`, and as seeds of the other engines). Standard library
only, so a child process imports it for nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# The long lines: under max-line-bytes (50 000 bytes) in UTF-8, and a divisor of
# the sizes measured, so twice the page is exactly twice the lines.
LINE = 25_000
LONGEST = 48_000  # for the rules whose cost grew faster than the line (issue 24 items 2, 3)


@dataclass(frozen=True)
class Shape:
    name: str
    family: str  # the selector that runs the family's rules, opt-in ones included
    build: Callable[[int], str]  # size in bytes (about) -> page text
    # Rules the family's findings need besides its own (SUP001 needs a finding).
    also: tuple[str, ...] = ()
    # The page and twice the page, as measured by tests/test_rule_costs.py.
    sizes: tuple[int, int] = (100_000, 200_000)


# Half the sizes: frontmatter over 200 000 characters is refused (FM001); the
# long-line encoding shapes cost seconds per 100 kB, and their lines keep one
# length, so twice the page is twice the lines either way.
HALF_SIZES = (50_000, 100_000)


def _bytes(text: str) -> int:
    return len(text.encode("utf-8", "surrogateescape"))


def _repeat(unit: str, size: int) -> str:
    """`unit` repeated to about `size` UTF-8 bytes."""
    return unit * max(1, round(size / _bytes(unit)))


def _long_lines(unit: str, size: int, length: int = LINE) -> str:
    """Lines of about `length` bytes of `unit`, about `size` bytes in all."""
    line = _repeat(unit, length)
    lines = [line] * (size // _bytes(line))
    rest = size - _bytes(line) * len(lines)
    if rest > _bytes(unit):
        lines.append(_repeat(unit, rest))
    return "# Long lines\n\n" + "\n\n".join(lines) + "\n"


def mojibake_lines(size: int) -> str:
    return _long_lines("ğŸ¯ Setup â€” Î¼s cafÃ© â€™quotedâ€™ 🎯 café ", size)


def emoji_and_invisible(size: int) -> str:
    return _long_lines("🎯\u200b text\u00ad with\u200e marks\u202e and \ufeff🧪\u00a0ok ", size)


def mojibake_around_a_broken_byte(size: int) -> str:
    """Issue 24, item 1: a run of mojibake on each side of two bytes that are not
    UTF-8 (lone surrogates here; `page_bytes` writes them as the bytes C4 C5).
    The issue's runs were 800 pairs long (3 kB lines); these are 3 000 (12 kB of
    text each side), so that 200 kB has 8 broken spots, not over the 50 decode
    problems that make a page binary (one ENC001, nothing else checked)."""
    line = "ğŸ" * 3000 + "\udcc4\udcc5" + "ğŸ" * 3000
    return _repeat("# Broken\n\n" + line + "\n\n", size)


# Our own sentences (Japanese, then Chinese), windows of which are mangled below.
_CJK = ("設定ファイルを読み込んだ後、各ページの見出しとリンクを確認して、結果を一覧で報告します。"
        "失敗した場合は三回まで再試行し、それでも駄目なら処理を止めます。"
        "构建站点之前，请先检查每个页面的标题、链接和图片是否正确，并记录所有错误。"
        "如果缓存命中率低于百分之九十，请重新生成索引后再运行一次。")


def cjk_decoded_twice_lossy(size: int) -> str:
    """Issue 19's cost defect: CJK text UTF-8 decoded as cp1252 twice, the bytes
    cp1252 leaves undefined dropped each time. Every lossy run has several
    readings, each of which is read on as mojibake once more. Each line is a
    different window of the sentences, so no reading is remembered from a line
    before (real pages do repeat words; this is the harder case)."""
    lines, total, number = [], 0, 0
    while total < size:
        start = (number * 53 + size // 1000) % len(_CJK)  # both halves of the text, at every size
        window = (_CJK * 2)[start : start + 40]
        once = window.encode("utf-8").decode("cp1252", "ignore")
        line = once.encode("utf-8").decode("cp1252", "ignore")
        lines.append(line)
        total += _bytes(line) + 2
        number += 1
    return "# Decoded twice\n\n" + "\n\n".join(lines) + "\n"


def thousands_of_keys(size: int) -> str:
    keys = []
    number = 0
    while sum(len(key) + 1 for key in keys) < size:
        keys.append(f"key_{number}: value {number}")
        if number % 10 == 0:
            keys.append(f"key_{number}: again")  # a duplicate key
        if number % 7 == 0:
            keys.append(f"titel_{number}: misspelt")
        number += 1
    return "---\ntitle: Keys\n" + "\n".join(keys) + "\n---\n\n# Keys\n\nBody.\n"


def long_flow_lists(size: int) -> str:
    line = "tags_{n}: [" + ", ".join(f"tag{n}" for n in range(1000)) + "]"
    count = max(1, round(size / len(line)))
    return ("---\ntitle: Flow\n" + "\n".join(line.replace("{n}", str(n)) for n in range(count))
            + "\n---\n\n# Flow\n")


def many_headings(size: int) -> str:
    unit = "# Title {n}\n\n### Skipped {n}\n\n## Empty {n}\n\n## Body {n}\n\nText.\n\n"
    count = max(1, size // len(unit))
    return "".join(unit.replace("{n}", str(n)) for n in range(count))


def deep_nesting(size: int) -> str:
    lists = "".join("  " * depth + "- item\n" for depth in range(60))
    quotes = "".join(">" * depth + " quoted\n" for depth in range(1, 60))
    admonitions = "".join("    " * depth + f'!!! note "Level {depth}"\n\n'
                          + "    " * (depth + 1) + "Text.\n\n" for depth in range(20))
    divs = "<div markdown>\n\n" * 40 + "Inside.\n\n" + "</div>\n\n" * 40
    return _repeat(lists + "\n" + quotes + "\n" + admonitions + divs, size)


def unclosed_html(size: int) -> str:
    return _repeat("<div class=\"card\">\n<details><summary>S</summary>\n\nText <span>x\n\n", size)


def duplicated_blocks(size: int) -> str:
    block = ("## Caching {n}\n\nA cache keeps recent answers close to the reader, so a second "
             "request costs a lookup instead of a computation.\n\n"
             "- first point about caches\n- second point about caches\n- third point\n\n"
             "| key | value |\n|---|---|\n| a | 1 |\n| b | 2 |\n\n"
             "!!! note\n    Warm the cache before measuring.\n\n")
    count = max(1, size // len(block))
    return "# Page\n\n" + "".join(block.replace("{n}", str(n % 3)) for n in range(count))


def identical_headings(size: int) -> str:
    return "# Page\n\n" + _repeat("## Same\n\nText.\n\n", size)


def huge_tables(size: int) -> str:
    """One table of half the page, then the same table again (DUP002)."""
    header = "| " + " | ".join(f"c{n}" for n in range(12)) + " |\n|" + "---|" * 12 + "\n"
    row = "| " + " | ".join(f"cell {n} 5 ms" for n in range(12)) + " |\n"
    table = header + row * max(1, round(size / 2 / len(row))) + "\n"
    return "# Tables\n\n" + table + "Text.\n\n" + table


def repeated_lists(size: int) -> str:
    """A table of contents pasted again and again (DUP002, DUP005)."""
    toc = "".join(f"- [Section {n}](#section-{n})\n" for n in range(20)) + "\n"
    sections = "".join(f"## Section {n}\n\nText.\n\n" for n in range(20))
    return "# Page\n\n" + _repeat(toc, size - len(sections)) + sections


def repeated_sections(size: int) -> str:
    """One section again and again: each repeat's list is a table of contents
    to compare (DUP005), each heading a duplicate (DUP001, DUP004)."""
    return "# Page\n\n" + _repeat("## Same section\n\nSame body text.\n\n- a\n- b\n\n", size)


def many_tables_of_contents(size: int) -> str:
    """Short lists of links that overlap one another (DUP002 compares each with
    the earlier ones)."""
    lists = "".join("".join(f"- [S {n}](#s-{n})\n" for n in range(start, start + 8)) + "\n"
                    for start in range(size // 150))
    return "# Page\n\n" + lists + "".join(f"## S {n}\n\n" for n in range(50))


def many_small_tables_of_contents(size: int) -> str:
    """A three-entry table of contents before each group of three headings
    (DUP005 looked through every heading of the page for each one)."""
    unit = ("- [Alpha {n}](#alpha-{n})\n- [Beta {n}](#beta-{n})\n- [Gamma {n}](#gamma-{n})\n\n"
            "## Alpha {n}\n\nText.\n\n## Beta {n}\n\nText.\n\n## Gamma {n}\n\nText.\n\n")
    count = max(1, size // len(unit))
    return "# Page\n\n" + "".join(unit.replace("{n}", str(n)) for n in range(count))


def links_and_anchors(size: int) -> str:
    unit = ("## Heading {n}\n\n[here](#heading-{n}) [there](#missing-{n}) "
            "[other](other.md#section-{n}) [gone](gone-{n}.md) [Case](OTHER.md) "
            "![img](img-{n}.png) <a href=\"other.md#x{n}\">x</a> [ref {n}][r{n}]\n\n"
            "[r{n}]: other.md#r-{n}\n\n")
    count = max(1, size // len(unit))
    return "# Links\n\n" + "".join(unit.replace("{n}", str(n)) for n in range(count))


def malformed_urls(size: int) -> str:
    unit = ("[a](http:/example.com/{n}) [b](https//example.com) [c](http://exa mple.com) "
            "[d](http://[::1) [e](https://https://x.org/{n}) <http://ex..com/{n}> "
            "[f](https://example.com/" + "p" * 2000 + ")\n\n")
    count = max(1, size // len(unit))
    return "# URLs\n\n" + "".join(unit.replace("{n}", str(n)) for n in range(count))


def figures_on_many_lines(size: int) -> str:
    unit = ("99.9% availability is 8.76 hours/year of downtime; 60 fps is 16.7 ms frames.\n\n"
            "The 3 steps take 5 ms + 7 ms + 9 ms = 21 ms, at 1,000 req/s and 250 ms each "
            "that is 250 requests in flight; latency fell from 200 ms to 150 ms, a 25% drop.\n\n"
            "- parse: 40%\n- render: 35%\n- wait: 30%\n\n"
            "Reading time: 5 min. Runs every 15 minutes, 96 times a day. 10-5 ms.\n\n")
    return "# Figures\n\n" + _repeat(unit, size)


def percent_run(size: int) -> str:
    """Issue 24, item 2: NUM011 searched all the text before each figure."""
    return _long_lines("9.9% ", size, LONGEST)


def line_of_figures(size: int) -> str:
    """Issue 24, item 3: a line of availability figures with their downtime."""
    return _long_lines("99.99% (52 min/yr) ", size, LONGEST)


def many_suppressions(size: int) -> str:
    unit = ("<!-- curriculint: disable-next-line=ST001 -->\n# Title\n\n"
            "<!-- curriculint: disable=DUP002 -->\nText.\n<!-- curriculint: enable=DUP002 -->\n\n"
            "<!-- curriculint: disable-next-line=XX999,ENC003 -->\nPlain.\n\n")
    return "# Page\n\n" + _repeat(unit, size)


SHAPES: tuple[Shape, ...] = (
    Shape("mojibake-lines", "encoding", mojibake_lines, sizes=HALF_SIZES),
    Shape("emoji-and-invisible", "encoding", emoji_and_invisible, sizes=HALF_SIZES),
    Shape("mojibake-around-a-broken-byte", "encoding", mojibake_around_a_broken_byte),
    Shape("cjk-decoded-twice-lossy", "encoding", cjk_decoded_twice_lossy,
          sizes=(6_000, 12_000)),
    Shape("thousands-of-keys", "frontmatter", thousands_of_keys, sizes=HALF_SIZES),
    Shape("long-flow-lists", "frontmatter", long_flow_lists, sizes=HALF_SIZES),
    Shape("many-headings", "structure", many_headings),
    Shape("deep-nesting", "structure", deep_nesting),
    Shape("unclosed-html", "structure", unclosed_html),
    Shape("duplicated-blocks", "duplicates", duplicated_blocks),
    Shape("identical-headings", "duplicates", identical_headings),
    Shape("huge-tables", "duplicates", huge_tables),
    Shape("repeated-lists", "duplicates", repeated_lists),
    Shape("repeated-sections", "duplicates", repeated_sections),
    Shape("many-tables-of-contents", "duplicates", many_tables_of_contents),
    Shape("many-small-tables-of-contents", "duplicates", many_small_tables_of_contents),
    Shape("links-and-anchors", "links", links_and_anchors),
    Shape("malformed-urls", "links", malformed_urls),
    Shape("figures-on-many-lines", "targets", figures_on_many_lines),
    Shape("percent-run", "targets", percent_run),
    Shape("line-of-figures", "targets", line_of_figures),
    Shape("many-suppressions", "meta", many_suppressions, also=("ST", "DUP", "ENC")),
)
BY_NAME = {shape.name: shape for shape in SHAPES}


def page_bytes(shape: Shape, size: int) -> bytes:
    """The page as written to disk; lone surrogates stand for bytes that are not
    UTF-8 (mojibake-around-a-broken-byte)."""
    return shape.build(size).encode("utf-8", "surrogateescape")


OTHER_PAGE = ("# Other\n\n" + "".join(f"## Section {n}\n\nText.\n\n" for n in range(50))
              + "[back](page.md#links)\n").encode()


def measure(names: list[str], sizes: list[int] | None = None, budget: float = 0.3) -> None:
    """Lint each shape at each size in this process, with the shape's family
    (and IO001, so a refused page shows) selected; print one JSON line per shape
    as it ends (so a parent that stops waiting still has the shapes before).
    Runs alternate between the sizes (the shape's own unless `sizes`) while they
    fit in `budget` CPU seconds per shape, and the least CPU time of each size is
    kept: a short run is noisy."""
    import gc
    import json
    import tempfile
    import time
    from pathlib import Path

    from curriculint.config import Config
    from curriculint.run.plan import Plan
    from curriculint.run.runner import run

    gc.set_threshold(50_000)  # as the command line sets it
    config = Config(roots=(), cache=False)

    def lint(plan: Plan, data: bytes) -> tuple[float, float, list[str]]:
        with tempfile.TemporaryDirectory() as folder:
            (Path(folder) / "page.md").write_bytes(data)
            (Path(folder) / "other.md").write_bytes(OTHER_PAGE)
            gc.collect()
            started, cpu = time.perf_counter(), time.process_time()
            result = run([folder], config, plan, jobs=1)
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        return cpu, wall, [report.code for report in result.reports]

    for name in names:
        shape = BY_NAME[name]
        plan = Plan.make(config, [shape.family, *shape.also, "IO001"])
        pages = {size: page_bytes(shape, size) for size in sizes or shape.sizes}
        lint(plan, page_bytes(shape, 10_000))  # imports, lazy tables: not timed
        cpu: dict[int, float] = {}
        wall: dict[int, float] = {}
        codes: dict[int, list[str]] = {}
        spent = 0.0
        while not cpu or spent + sum(cpu.values()) <= budget:
            for size in pages:
                took, elapsed, codes[size] = lint(plan, pages[size])
                cpu[size] = min(cpu.get(size, took), took)
                wall[size] = min(wall.get(size, elapsed), elapsed)
                spent += took
        print(json.dumps({"shape": name, "cpu": cpu, "wall": wall,
                          "bytes": {size: len(page) for size, page in pages.items()},
                          "findings": {size: len(found) for size, found in codes.items()},
                          "codes": sorted({code for found in codes.values() for code in found})}),
              flush=True)


if __name__ == "__main__":
    import sys

    arguments = sys.argv[1:]
    budgets = [float(a.partition("=")[2]) for a in arguments if a.startswith("budget=")]
    arguments = [a for a in arguments if not a.startswith("budget=")]
    measure([a for a in arguments if not a.isdigit()],
            [int(a) for a in arguments if a.isdigit()] or None, *budgets[-1:])
