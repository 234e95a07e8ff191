"""Generators of hostile and plausible Markdown for the property tests and the fuzz run.

`markdown_pages()` builds pages from the constructs curriculint indexes
(frontmatter, headings, nested lists and block quotes, fences, admonitions,
content tabs, `<div markdown>` cards, links and reference definitions, tables,
footnotes, suppression comments, figures with units, mojibake), joined with
any line ending, so shrinking keeps the failure readable.
"""

from __future__ import annotations

import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import strategies as st

from curriculint.config import Config
from curriculint.fix.apply import fix_files
from curriculint.run.lint_page import check_span
from curriculint.run.plan import Plan
from curriculint.run.records import RunResult
from curriculint.run.runner import run

# Short words, odd characters and mojibake: what rule regexes trip over.
WORDS = st.sampled_from([
    "Cache", "cache", "Setup", "latency", "p99", "Ã©", "â€™", "ğŸ¯", "Î¼s", "café", "🎯",
    "\u200b", "\ufeff", "\u00a0", "\x07", "\ufffd", "`code`", "**bold**", "*em*", "_x_",
    "<b>", "</div>", "&amp;", "{#custom-id}", "{ .class }", ":material-check:", "\\",
    "99.9%", "99.9999%", "5.26 minutes/year", "3 ms", "1,000 req/s", "10x", "50%", "-3",
    "2 of 3", "1/0", "0 ms", "10-5", "1e309", "100 GB", "12 h", "£5", "$", "~", "|",
    "[x]", "[^1]", "<!--", "-->", "#", "---", "***", ":", "=", '"', "'",
])
TEXT = st.lists(WORDS, min_size=0, max_size=8).map(" ".join)
URLS = st.sampled_from([
    "page.md", "../up.md", "missing.md#nowhere", "#cache", "#setup", "#", "page.md#",
    "https://example.com/a b", "http://[::1", "http://127.0.0.1:1/x", "mailto:x@y",
    "javascript:alert(1)", "ftp://h/f", "https://ex.com/%zz", "<https://ex.com>", "",
    "data:text/plain,x", "sub/", "./", "a.png", "https://host:99999/", "\\\\share\\x",
])


def _heading() -> st.SearchStrategy[str]:
    return st.builds(lambda level, text: "#" * level + " " + text,
                     st.integers(1, 7), TEXT)


def _list_block() -> st.SearchStrategy[str]:
    item = st.builds(lambda depth, marker, text: "  " * depth + marker + " " + text,
                     st.integers(0, 12), st.sampled_from(["-", "*", "1.", "2)", "- [ ]"]), TEXT)
    return st.lists(item, min_size=1, max_size=6).map("\n".join)


def _quote() -> st.SearchStrategy[str]:
    return st.builds(lambda depth, text: ">" * depth + " " + text, st.integers(1, 30), TEXT)


def _fence() -> st.SearchStrategy[str]:
    return st.builds(
        lambda indent, ticks, info, body, closed: (
            f"{indent}{ticks}{info}\n{body}\n" + (f"{indent}{ticks}" if closed else "")),
        st.sampled_from(["", "    ", "  "]), st.sampled_from(["```", "~~~", "````"]),
        st.sampled_from(["", "python", "mermaid", "yaml", "md"]),
        st.lists(TEXT, max_size=3).map("\n".join), st.booleans())


def _admonition() -> st.SearchStrategy[str]:
    return st.builds(
        lambda marker, kind, title, body: f'{marker} {kind}{title}\n    {body}',
        st.sampled_from(["!!!", "???", "???+", "!!"]),
        st.sampled_from(["note", "tip", "warning", "", "info inline"]),
        st.sampled_from(["", ' "Title"', ' ""', ' "unclosed']), TEXT)


def _tabs_and_divs() -> st.SearchStrategy[str]:
    return st.sampled_from([
        '=== "Tab one"\n\n    Text\n\n=== "Tab two"\n\n    ```\n    x\n    ```',
        '<div class="grid cards" markdown>\n\n- :material-x: **T**\n\n    ---\n\n    [Go](x.md)\n',
        "</div>", "<div markdown>", "<details><summary>S</summary>", "</details>",
        "<table><tr><td>[x](y.md)</td></tr></table>", '<a href="page.md#x">a</a>',
        '<a name="anchor"></a>', "<img src='a.png'>", "<!-- curriculint: disable=ST001 -->",
        "<!-- curriculint: disable-next-line=XX999,ST -->", "<!-- curriculint: enable= -->",
        "<!-- curriculint: disable-file=ENC003 -->", "<!-- unclosed comment",
        "[^1]: Footnote text", "Term\n:   Definition", "***", "- - -", "<br/>",
    ])


def _link() -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds(lambda text, url: f"[{text}]({url})", TEXT, URLS),
        st.builds(lambda text, url: f"![{text}]({url})", TEXT, URLS),
        st.builds(lambda label, url: f"[{label}]: {url}", st.sampled_from(["ref", "Ref", "x"]),
                  URLS),
        st.sampled_from(["[a][ref]", "[ref]", "<https://example.com/x>", "[a](<b c.md>)"]),
    )


def _table() -> st.SearchStrategy[str]:
    return st.builds(
        lambda columns, rows, cell: "\n".join(
            ["|" + "|".join([cell] * columns) + "|", "|" + "|".join(["---"] * columns) + "|"]
            + ["|" + "|".join([cell] * columns) + "|"] * rows),
        st.integers(1, 5), st.integers(0, 4), TEXT)


def _frontmatter() -> st.SearchStrategy[str]:
    value = st.one_of(TEXT, st.sampled_from([
        "[a, b", "&a x", "*a", "{x: 1}", "2025-02-30", "- item", "|\n  block", "!!binary x",
        "'quoted", "99.9%", "1e309", "~", "[" * 40 + "]" * 40, "!!python/object:os.system x",
    ]))
    pair = st.builds(lambda key, item: f"{key}: {item}",
                     st.sampled_from(["title", "description", "tags", "difficulty", "time",
                                      "reading_time", "prerequisites", "titel", "title",
                                      "<<", "? complex"]), value)
    return st.builds(lambda pairs, closed: "---\n" + "\n".join(pairs) +
                     ("\n---" if closed else ""),
                     st.lists(pair, max_size=6), st.booleans())


BLOCK = st.one_of(_heading(), TEXT, _list_block(), _quote(), _fence(), _admonition(),
                  _tabs_and_divs(), _link(), _table(), st.just(""))


@st.composite
def markdown_pages(draw: st.DrawFn) -> bytes:
    """A page of plausible (and broken) Markdown, as bytes with some line ending."""
    blocks = draw(st.lists(BLOCK, max_size=14))
    if draw(st.booleans()):
        blocks.insert(0, draw(_frontmatter()))
    text = "\n\n".join(blocks) if draw(st.booleans()) else "\n".join(blocks)
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = text.replace("\n", newline)
    if draw(st.booleans()):
        text += newline
    data = text.encode("utf-8", "surrogatepass")
    prefix = draw(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff"]))
    return prefix + data


CONFIG = Config(roots=(), cache=False)
# Every rule that does not go online (Plan.make drops those unless online is on),
# the opt-in ones included.
PLAN = Plan.make(CONFIG, ["ALL"])


def lint_pages(folder: Path, pages: dict[str, bytes], fix: bool = False) -> RunResult:
    """Write `pages` under `folder`, lint them with every offline rule and check
    every finding and every fix edit lies inside its file; optionally apply the
    safe and unsafe fixes (which must not raise either)."""
    for name, data in pages.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    result = run([str(folder)], CONFIG, PLAN, jobs=1)
    from curriculint.load.decode import decode, split_lines

    lines = {display: split_lines(decode(path.read_bytes()).text)
             for display, path in result.paths.items()}
    for report in result.reports:
        check_span(report.span, lines[report.path], f"{report.path} {report.code}")
        if report.fix is not None:
            for edit in report.fix.edits:
                check_span(edit.span, lines[report.path], f"{report.path} {report.code} fix")
    if fix:
        fix_files(result.reports, result.paths, result.digests, unsafe=True, write=True)
    return result


def lint_page_bytes(data: bytes, other: bytes = b"# Other\n\n[back](page.md#setup)\n",
                    fix: bool = False) -> RunResult:
    with tempfile.TemporaryDirectory() as folder:
        return lint_pages(Path(folder), {"page.md": data, "sub/other.md": other}, fix)


class Hang(Exception):
    """A run took longer than any run should: a hang, not slowness."""


@contextmanager
def hang_guard(seconds: int) -> Iterator[None]:
    """Fail (instead of hanging CI) when the body runs longer than `seconds`."""
    def alarm(signum: int, frame: object) -> None:
        raise Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
