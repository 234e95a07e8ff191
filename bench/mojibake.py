"""Mojibake (ENC003) on pages mangled the ways real pages get mangled, next to ftfy.

    python bench/mojibake.py                      # every path, ../shared/corpus/*/docs
    python bench/mojibake.py --pages 12 --path cp1252/ignore --path latin-1/strict
    python bench/mojibake.py --json out.json --show 20   # rows, and 20 misses per path

Clean excerpts of the corpora (pages holding non-ASCII text, drawn by a hash of
their path and `--draw`; at most `--lines` lines each) and a page of invented
multilingual sentences are mangled along each path of `tests/mangling.PATHS`
(five code pages, each error handling, soft hyphens stripped, double decodes,
half the runs only). Nothing of the corpora is stored in the repository: the
pages are read and mangled at run time into a temporary folder, linted there
through the real engine (ENC003 and ENC005, one site per corpus) and scored
line by line against the text before mangling:

- recall: mangled lines with an ENC003 finding; precision: of the lines with a
  finding, those that were mangled;
- safe exact: mangled lines that the safe fixes restore exactly (also over
  lossless lines only, where no byte was lost); safe wrong: lines where a safe
  fix wrote something other than the original of its span;
- unsafe exact / wrong: the same with `--unsafe-fixes` (ENC003 and ENC005);
- listed: uncertain runs whose original is among the candidates the message
  lists (the text itself, where the message says it may be right as written);
- ftfy, on the same lines: `is_bad` as recall and precision, `fix_encoding` as
  exact (the whole line restored) and wrong (changed, but not to the original).

Controls: the corpora's excerpts and the multilingual page, unmangled, must
have no finding (`false` in the last table). Pages whose original already has
an ENC003 finding or an ftfy `is_bad` line would have truth we cannot know;
such lines are left out (counted as `skipped`).
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.mangling import (  # noqa: E402
    CONTROL_SENTENCES,
    PATHS,
    Mangled,
    ManglingPath,
    mangle_line,
)

CORPUS = ROOT.parent / "shared" / "corpus"

_FULLWIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}


def control_page() -> str:
    """The invented sentences, their NFD forms and a fullwidth line, in the
    contexts a page has: prose, a list, a table, inline code, fences, mermaid."""
    sentences = list(CONTROL_SENTENCES)
    decomposed = [unicodedata.normalize("NFD", sentence) for sentence in sentences
                  if unicodedata.normalize("NFD", sentence) != sentence]
    wide = "ＡＰＩ " + "Fullwidth forms: (status=OK)".translate(_FULLWIDTH) + " ｶﾀｶﾅ。"
    lines = ["---", f"title: {sentences[0]}", f"description: {sentences[6]}", "---", "",
             "# Multilingual controls", ""]
    lines += [*sentences, ""]
    lines += [f"- {sentence}" for sentence in decomposed] + ["", wide, ""]
    lines += ["| Text | Note |", "|---|---|"]
    lines += [f"| {sentence[:40]} | `{_tail(sentence, 20)}` |" for sentence in sentences] + [""]
    lines += ["```text", *sentences, "```", ""]
    lines += ["    " + sentence for sentence in decomposed[:8]] + [""]
    lines += ["```mermaid", "graph LR"]
    lines += [f'    N{index}["{sentence[:30]}"] --> N{index + 1}'
              for index, sentence in enumerate(sentences)] + ["```", ""]
    return "\n".join(lines) + "\n"


def _tail(sentence: str, size: int) -> str:
    """The sentence's last characters, not starting inside a character cluster:
    a cell starting with a bare variation selector or mark is text no page holds."""
    cut = max(len(sentence) - size, 0)
    while cut and (unicodedata.category(sentence[cut]) in ("Mn", "Me", "Cf")
                   or sentence[cut - 1] == "\u200d"):
        cut -= 1
    return sentence[cut:]


@dataclass
class Page:
    site: str
    path: str  # relative to the site's docs folder
    lines: list[str]


def draw_pages(corpus: Path, per_site: int, max_lines: int, draw: str) -> list[Page]:
    """Pages holding non-ASCII text, chosen by a hash of their path."""
    pages = []
    for docs in sorted(corpus.glob("*/docs")):
        candidates = []
        for path in sorted(docs.rglob("*.md")):
            text = path.read_text(encoding="utf-8", errors="replace")
            if text.isascii():
                continue
            key = hashlib.sha256(f"{draw}:{path.relative_to(docs)}".encode()).hexdigest()
            candidates.append((key, path))
        for _, path in sorted(candidates)[:per_site]:
            lines = path.read_text(encoding="utf-8", errors="replace").split("\n")[:max_lines]
            pages.append(Page(docs.parent.name, str(path.relative_to(docs)), lines))
    pages.append(Page("controls", "multilingual.md", control_page().split("\n")))
    return pages


def lint(folder: Path, sites: list[str]) -> dict[tuple[str, str], list[object]]:
    """ENC003 and ENC005 reports of every page, by (site, page)."""
    from curriculint.config import Config
    from curriculint.run.plan import Plan
    from curriculint.run.runner import run

    config = Config(roots=())
    plan = Plan.make(config, ["ENC003", "ENC005"])
    result = run([str(folder / site) for site in sites], config, plan, jobs=2)
    by_page: dict[tuple[str, str], list[object]] = defaultdict(list)
    for report in result.reports:
        relative = Path(report.path).resolve().relative_to(folder.resolve())
        by_page[(relative.parts[0], "/".join(relative.parts[1:]))].append(report)
    return by_page


_LITERAL = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*\"""")


def listed_candidates(message: str) -> list[str]:
    if "candidates " not in message:
        return []
    tail = message.split("candidates ", 1)[1]
    return [ast.literal_eval(item) for item in _LITERAL.findall(tail)]


@dataclass
class Row:
    mangled: int = 0
    lossless: int = 0
    found: int = 0
    flagged: int = 0
    flagged_true: int = 0
    safe_exact: int = 0
    safe_exact_lossless: int = 0
    safe_wrong: int = 0
    unsafe_exact: int = 0
    unsafe_wrong: int = 0
    lossy_runs: int = 0
    listed: int = 0
    ftfy_found: int = 0
    ftfy_flagged: int = 0
    ftfy_exact: int = 0
    ftfy_exact_lossless: int = 0
    ftfy_wrong: int = 0
    skipped: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)
    wrongs: list[str] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    inexact: list[str] = field(default_factory=list)  # lossless lines the safe fixes miss
    unsafe_wrongs: list[str] = field(default_factory=list)


def _apply(line: str, edits: list[tuple[int, int, str]]) -> str:
    out, cursor = [], 0
    for start, end, text in sorted(edits):
        if start < cursor:
            continue
        out += [line[cursor:start], text]
        cursor = end
    return "".join(out) + line[cursor:]


def _edit_right(mangled: Mangled, start: int, end: int, text: str) -> bool:
    bounds = mangled.bounds
    if start not in bounds or end not in bounds:
        return False
    return mangled.original[bounds.index(start):bounds.index(end)] == text


def score_page(row: Row, lines: list[Mangled | None], reports: list[object],
               skip: set[int], where: str) -> None:
    from ftfy import fix_encoding
    from ftfy.badness import is_bad

    by_line: dict[int, list[object]] = defaultdict(list)
    for report in reports:
        by_line[report.span.line].append(report)  # type: ignore[attr-defined]
    for number, mangled in enumerate(lines, start=1):
        if mangled is None or mangled.text.isascii():
            continue
        if number in skip:
            row.skipped += 1
            continue
        text, original = mangled.text, mangled.original
        is_mangled = text != original
        here = by_line.get(number, [])
        mojibake = [report for report in here if report.code == "ENC003"]  # type: ignore[attr-defined]
        label = f"{where}:{number}"
        if mojibake:
            row.flagged += 1
            row.flagged_true += is_mangled
            if not is_mangled:
                row.false.append(f"{label}: {mojibake[0].message[:120]}")  # type: ignore[attr-defined]
        bad = is_bad(text)
        row.ftfy_flagged += bad
        if not is_mangled:
            continue
        row.mangled += 1
        row.lossless += not mangled.lossy
        row.found += bool(mojibake)
        row.ftfy_found += bad
        if not mojibake:
            row.misses.append(f"{label}: {text[:140]!r}")
        safe, every = [], []
        for report in here:
            fix = report.fix  # type: ignore[attr-defined]
            if fix is None:
                continue
            for edit in fix.edits:
                if edit.span.line != number or edit.span.end_line != number:
                    continue
                item = (edit.span.column - 1, edit.span.end_column - 1, edit.text)
                every.append(item)
                if fix.safe:
                    safe.append(item)
        for report in mojibake:
            span = report.span  # type: ignore[attr-defined]
            fix = report.fix  # type: ignore[attr-defined]
            if fix is not None and fix.safe:
                continue
            start, end = span.column - 1, span.end_column - 1
            if start in mangled.bounds and end in mangled.bounds:
                truth = original[mangled.bounds.index(start):mangled.bounds.index(end)]
            else:
                truth = None
            row.lossy_runs += 1
            shown = listed_candidates(report.message)  # type: ignore[attr-defined]
            if "right as written" in report.message:  # type: ignore[attr-defined]
                shown.append(text[start:end])
            if truth is not None and truth in shown:
                row.listed += 1
            else:
                row.unlisted.append(f"{label}: {text[start:end]!r} truth {truth!r} "
                                    f"listed {shown[:6]}")
        wrong_safe = [item for item in safe if not _edit_right(mangled, *item)]
        wrong_every = [item for item in every if not _edit_right(mangled, *item)]
        row.safe_wrong += bool(wrong_safe)
        row.unsafe_wrong += bool(wrong_every)
        for start, end, replacement in wrong_safe[:1]:
            row.wrongs.append(f"{label}: safe {text[start:end]!r} -> {replacement!r}"
                              f" in {text[:100]!r}")
        for start, end, replacement in [item for item in wrong_every
                                        if item not in wrong_safe][:1]:
            row.unsafe_wrongs.append(f"{label}: {text[start:end]!r} -> {replacement!r}"
                                     f" in {text[:100]!r}")
        exact = _apply(text, safe) == original
        if not exact and not mangled.lossy:
            row.inexact.append(f"{label}: {text[:120]!r} -> {_apply(text, safe)[:120]!r}")
        row.safe_exact += exact
        row.safe_exact_lossless += exact and not mangled.lossy
        row.unsafe_exact += _apply(text, every) == original
        fixed = fix_encoding(text)
        row.ftfy_exact += fixed == original
        row.ftfy_exact_lossless += fixed == original and not mangled.lossy
        row.ftfy_wrong += fixed != text and fixed != original


def skipped_lines(pages: list[Page], folder: Path) -> dict[tuple[str, str], set[int]]:
    """Lines of the originals we cannot vouch for: an ENC003 finding or ftfy's
    `is_bad` on the unmangled text."""
    from ftfy.badness import is_bad

    write_pages(folder, [(page, [Mangled(line, line, ()) for line in page.lines])
                         for page in pages])
    reports = lint(folder, sorted({page.site for page in pages}))
    skip: dict[tuple[str, str], set[int]] = defaultdict(set)
    for page in pages:
        key = (page.site, page.path)
        if page.site == "controls":
            continue  # invented text: clean by construction, whatever ftfy says
        skip[key] = {number for number, line in enumerate(page.lines, 1) if is_bad(line)}
        skip[key] |= {report.span.line for report in reports.get(key, [])  # type: ignore[attr-defined]
                      if report.code == "ENC003"}  # type: ignore[attr-defined]
    return skip


def write_pages(folder: Path, mangled_pages: list[tuple[Page, list[Mangled | None]]]) -> None:
    for page, lines in mangled_pages:
        target = folder / page.site / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        text = "\n".join(original if mangled is None else mangled.text
                         for original, mangled in zip(page.lines, lines, strict=True))
        target.write_text(text, encoding="utf-8", newline="")


def mangle_page(page: Page, path: ManglingPath) -> list[Mangled | None]:
    return [mangle_line(line, path, salt=f"{page.site}/{page.path}:{number}")
            for number, line in enumerate(page.lines, 1)]


def controls(pages: list[Page], folder: Path, skip: dict[tuple[str, str], set[int]]) -> Row:
    row = Row()
    reports = lint(folder, sorted({page.site for page in pages}))
    for page in pages:
        score_page(row, [Mangled(line, line, ()) for line in page.lines],
                   reports.get((page.site, page.path), []), skip[(page.site, page.path)],
                   f"{page.site}/{page.path}")
    return row


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}" if whole else "    -"


def print_table(rows: dict[str, Row]) -> None:
    header = (f"{'path':<24} {'lines':>5} {'recall':>6} {'prec':>6} {'safe=':>6} {'s=lsl':>6}"
              f" {'sWrg':>4} {'uns=':>6} {'uWrg':>4} {'listd':>6} |"
              f" {'ftfyR':>6} {'ftfyP':>6} {'ftfy=':>6} {'f=lsl':>6} {'fWrg':>4} {'sec':>5}")
    print(header)
    print("-" * len(header))
    for name, row in rows.items():
        print(f"{name:<24} {row.mangled:>5} {percent(row.found, row.mangled):>6}"
              f" {percent(row.flagged_true, row.flagged):>6}"
              f" {percent(row.safe_exact, row.mangled):>6}"
              f" {percent(row.safe_exact_lossless, row.lossless):>6} {row.safe_wrong:>4}"
              f" {percent(row.unsafe_exact, row.mangled):>6} {row.unsafe_wrong:>4}"
              f" {percent(row.listed, row.lossy_runs):>6} |"
              f" {percent(row.ftfy_found, row.mangled):>6}"
              f" {percent(row.ftfy_found, row.ftfy_flagged):>6}"
              f" {percent(row.ftfy_exact, row.mangled):>6}"
              f" {percent(row.ftfy_exact_lossless, row.lossless):>6} {row.ftfy_wrong:>4}"
              f" {row.seconds:>5.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--pages", type=int, default=25, help="pages drawn per corpus site")
    parser.add_argument("--lines", type=int, default=250, help="lines kept per page")
    parser.add_argument("--draw", default="1", help="which pages: a salt for the hash")
    parser.add_argument("--path", action="append", help="only these mangling paths")
    parser.add_argument("--show", type=int, default=0, help="misses and wrong writes shown")
    parser.add_argument("--json", type=Path, help="write the rows there")
    args = parser.parse_args(argv)
    paths = [path for path in PATHS if not args.path or path.name in args.path]
    pages = draw_pages(args.corpus, args.pages, args.lines, args.draw)
    sites = sorted({page.site for page in pages})
    counts = Counter(page.site for page in pages)
    print(f"pages: {dict(counts)}; non-ASCII lines: "
          f"{sum(not line.isascii() for page in pages for line in page.lines)}")
    rows: dict[str, Row] = {}
    with tempfile.TemporaryDirectory(prefix="mojibake-bench-") as temporary:
        base = Path(temporary)
        skip = skipped_lines(pages, base / "original")
        clean = controls(pages, base / "original", skip)
        for path in paths:
            folder = base / path.name.replace("/", "_")
            mangled_pages = [(page, mangle_page(page, path)) for page in pages]
            write_pages(folder, mangled_pages)
            started = time.perf_counter()
            reports = lint(folder, sites)
            row = Row(seconds=time.perf_counter() - started)
            for page, lines in mangled_pages:
                key = (page.site, page.path)
                score_page(row, lines, reports.get(key, []), skip[key], f"{page.site}/{page.path}")
            rows[path.name] = row
            print(f"  {path.name}: {row.mangled} lines, {row.seconds:.1f} s", file=sys.stderr)
    print()
    print_table(rows)
    total = Row()
    for row in rows.values():
        for name in ("mangled", "lossless", "found", "flagged", "flagged_true", "safe_exact",
                     "safe_exact_lossless", "safe_wrong", "unsafe_exact", "unsafe_wrong",
                     "lossy_runs", "listed", "ftfy_found", "ftfy_flagged", "ftfy_exact",
                     "ftfy_exact_lossless", "ftfy_wrong"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
        total.seconds += row.seconds
    print("-" * 20)
    print_table({"all paths": total})
    print(f"\ncontrols (unmangled): {clean.flagged} lines flagged of "
          f"{sum(not line.isascii() for page in pages for line in page.lines)} non-ASCII"
          f" lines; ftfy is_bad: {clean.ftfy_flagged}; skipped (mojibake in the original): "
          f"{clean.skipped}")
    for item in clean.false[: max(args.show, 10)]:
        print(f"  false: {item}")
    if args.show:
        for name, row in rows.items():
            for kind, items in (("miss", row.misses), ("wrong", row.wrongs),
                                ("unlisted", row.unlisted), ("false", row.false),
                                ("inexact", row.inexact), ("unsafe-wrong", row.unsafe_wrongs)):
                for item in items[: args.show]:
                    print(f"  {name} {kind}: {item}")
    if args.json:
        args.json.write_text(json.dumps(
            {name: {key: value for key, value in vars(row).items()
                    if not isinstance(value, list)} for name, row in rows.items()},
            indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
