"""Hostile inputs: each is checked correctly or reported with a clear message,
within a bounded time (a generous alarm that fails only on a hang) and memory
(files over the limits are never parsed, and one over max-file-bytes is never read).

Big inputs are generated in tmp at test time; none is committed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculint.cli.main import main
from curriculint.config import Config
from curriculint.load.frontmatter import MAX_NESTING, parse_frontmatter
from curriculint.run.plan import Plan
from curriculint.run.runner import run
from tests.conftest import SEED, needs_shared
from tests.hostile import hang_guard, lint_pages

PAGE = b"---\ntitle: T\ndescription: D\n---\n\n# T\n"
ALL = Plan.make(Config(roots=(), cache=False), ["ALL"])


def _lint(folder: Path, config: Config | None = None) -> list[tuple[str, str, str]]:
    config = config or Config(roots=(), cache=False)
    plan = Plan.make(config, ["ALL"])
    with hang_guard(180):
        result = run([str(folder)], config, plan, jobs=1)
    return [(Path(report.path).name, report.code, report.message) for report in result.reports]


def test_a_50_mb_page_is_one_finding_and_is_never_read(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    with (tmp_path / "huge.md").open("wb") as stream:
        stream.write(b"# Huge\n\n")
        for _ in range(50):
            stream.write(b"Some words in a sentence.\n" * 40_000)
    (tmp_path / "ok.md").write_bytes(PAGE + b"\n# Second H1\n")
    import curriculint.load.document

    real_read = curriculint.load.document.read

    def read(path: Path) -> bytes:
        assert path.name != "huge.md", "a file over max-file-bytes was read"
        return real_read(path)

    monkeypatch.setattr(curriculint.load.document, "read", read)
    with hang_guard(120):
        assert main(["check", "--no-cache", "--format", "github", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "huge.md,line=1,col=1" in out and "IO001" in out
    assert "bytes is more than max-file-bytes (1,000,000); not checked" in out
    assert "ok.md" in out and "ST001" in out  # the rest of the run goes on


def test_a_10_mb_line_is_reported_not_parsed(tmp_path: Path) -> None:
    (tmp_path / "line.md").write_bytes(b"# T\n\n" + b"word " * 2_000_000 + b"\n")
    (tmp_path / "long.md").write_bytes(b"# T\n\n" + b"x" * 60_000 + b"\n")
    found = _lint(tmp_path)
    assert [(name, code) for name, code, _ in found] == [("line.md", "IO001"),
                                                        ("long.md", "IO001")]
    assert "line 3 is longer than max-line-bytes (50,000)" in found[1][2]


def test_limits_are_configurable_and_ignorable(tmp_path: Path) -> None:
    (tmp_path / "long.md").write_bytes(PAGE + b"\n" + b"word " * 12_000 + b"\n")
    raised = Config.model_validate({"roots": (), "cache": False, "max-line-bytes": 100_000})
    assert not [code for _, code, _ in _lint(tmp_path, raised) if code == "IO001"]
    ignored = Config(roots=(), cache=False, ignore=("IO001",))
    assert not _lint(tmp_path, ignored)
    tight = Config.model_validate({"roots": (), "cache": False, "max-file-bytes": 100})
    assert [code for _, code, _ in _lint(tmp_path, tight)] == ["IO001"]


def test_limit_keys_are_in_the_config_schema() -> None:
    from curriculint.config import config_from_mapping

    config = config_from_mapping({"max-file-bytes": 10, "max-line-bytes": 5})
    assert (config.max_file_bytes, config.max_line_bytes) == (10, 5)


@needs_shared
def test_no_real_page_is_over_the_default_limits() -> None:
    from tests.conftest import CORPUS

    config = Config()
    for page in [SEED, *CORPUS.rglob("*.md")]:
        data = page.read_bytes()
        assert len(data) <= config.max_file_bytes, page
        assert max(map(len, data.splitlines() or [b""])) <= config.max_line_bytes, page


def test_thousands_of_headings_equal_and_distinct(tmp_path: Path) -> None:
    distinct = b"".join(b"## Heading %d\n\ntext %d\n\n" % (n, n) for n in range(4000))
    same = b"## Same\n\ntext\n\n" * 3000
    with hang_guard(180):
        result = lint_pages(tmp_path, {"distinct.md": b"# T\n\n" + distinct,
                                       "same.md": b"# T\n\n" + same})
    duplicates = [r for r in result.reports if r.code == "DUP004" and r.path.endswith("same.md")]
    assert len(duplicates) == 2999


@pytest.mark.parametrize("nesting", [
    pytest.param(b"".join(b"  " * depth + b"- item\n" for depth in range(1500)), id="lists"),
    pytest.param(b">" * 5000 + b" deep\n", id="quote-one-line"),
    pytest.param(b"".join(b">" * depth + b" q\n" for depth in range(1000)), id="quotes"),
    pytest.param(b"<div>" * 5000 + b"\n", id="html"),
    pytest.param(b"[" * 5000 + b"x" + b"](y)" * 5000, id="brackets"),
    pytest.param(b"*a " * 20000, id="emphasis"),
    pytest.param(b"".join(b"    " * depth + b"!!! note\n" for depth in range(500)),
                 id="admonitions"),
])
def test_pathological_nesting_is_checked(tmp_path: Path, nesting: bytes) -> None:
    with hang_guard(180):
        lint_pages(tmp_path, {"page.md": PAGE + b"\n" + nesting})


def test_deeply_nested_yaml_is_refused_not_a_recursion_error(tmp_path: Path) -> None:
    deep = "a: " + "[" * 1000 + "]" * 1000 + "\n"
    (problem,) = parse_frontmatter(deep, 1, 3).problems
    assert problem.kind == "too-large" and f"deeper than {MAX_NESTING}" in problem.message
    mapping = "".join(" " * depth + "k:\n" for depth in range(300))
    (problem,) = parse_frontmatter(mapping, 1, 302).problems
    assert problem.kind == "too-large"
    # Nesting reached through an alias counts too.
    via_alias = ("a: &a " + "[" * 40 + "x" + "]" * 40 + "\nb: " + "[" * 40 + "*a" +
                 "]" * 40 + "\n")
    assert [p.kind for p in parse_frontmatter(via_alias, 1, 4).problems] == ["too-large"]
    fine = "a: " + "[" * 10 + "]" * 10 + "\n"
    assert not parse_frontmatter(fine, 1, 3).problems
    found = _lint_one(tmp_path, f"---\n{deep}---\n\n# T\n".encode())
    assert ("FM001", 1) in found


def test_yaml_bombs_are_refused(tmp_path: Path) -> None:
    laughs = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for name, previous in zip("bcdefghi", "abcdefgh", strict=True):
        laughs.append(f"{name}: &{name} [{', '.join(['*' + previous] * 10)}]")
    many_aliases = "a: &a [" + ", ".join(["x"] * 100) + "]\nb: [" + ", ".join(["*a"] * 1000) + "]"
    huge_anchor = "a: &a " + "x" * 1_000_000 + "\nb: *a\nc: *a"
    recursive = "a: &a [*a, *a]"
    for yaml_text, kind in [("\n".join(laughs), "too-large"), (many_aliases, "too-large"),
                            (huge_anchor, "too-large"), (recursive, "value")]:
        lines = yaml_text.count("\n") + 1
        with hang_guard(60):
            problems = parse_frontmatter(yaml_text + "\n", 1, lines + 2).problems
        assert [problem.kind for problem in problems] == [kind], yaml_text[:60]


def _lint_one(folder: Path, data: bytes) -> set[tuple[str, int]]:
    with hang_guard(120):
        result = lint_pages(folder, {"page.md": data})
    return {(report.code, report.span.line) for report in result.reports}


def test_binary_file_named_md_is_one_finding(tmp_path: Path) -> None:
    import random

    noise = random.Random(7).randbytes(200_000)
    found = _lint_one(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00" + noise)
    assert found == {("ENC001", 1)}


@pytest.mark.parametrize("data", [b"", b"\n", b"\r\n", b"\r", b"\xef\xbb\xbf", b"---",
                                  b"---\n", b"---\n---", b"# T", b"\x00"],
                         ids=repr)
def test_tiny_and_empty_files(tmp_path: Path, data: bytes) -> None:
    _lint_one(tmp_path, data)


@needs_shared
@pytest.mark.parametrize("newline", [b"\r\n", b"\r"], ids=["crlf", "cr"])
def test_line_endings_and_missing_final_newline_give_the_same_findings(
        tmp_path: Path, newline: bytes) -> None:
    seed = SEED.read_bytes().replace(b"\r\n", b"\n")
    expected = _positions(tmp_path / "lf", seed)
    assert expected
    assert _positions(tmp_path / "other", seed.replace(b"\n", newline)) == expected
    assert _positions(tmp_path / "no-final", seed.rstrip(b"\n")) == expected


def _positions(folder: Path, data: bytes) -> set[tuple[str, int, int]]:
    with hang_guard(120):
        result = lint_pages(folder, {"page.md": data})
    return {(report.code, report.span.line, report.span.column) for report in result.reports
            }


def test_links_out_of_the_docs_folder_are_reported_even_when_the_file_exists(
        tmp_path: Path) -> None:
    (tmp_path / "outside.md").write_text("# O\n", encoding="utf-8")
    page = PAGE + b"\n[up](../outside.md) [abs](/etc/passwd) [far](../../../../../etc/hostname)\n"
    with hang_guard(60):
        result = lint_pages(tmp_path / "docs", {"page.md": page})
    messages = [report.message for report in result.reports if report.code == "LNK002"]
    assert len(messages) == 3
    # No mkdocs.yml: the folder given is the root, and the message says so.
    assert sum("points above" in message and "the folder checked" in message
               for message in messages) == 2


def test_a_definition_marker_without_a_body_is_no_internal_error(tmp_path: Path) -> None:
    # A `:` line the term-less definition rule claimed without consuming it made
    # markdown-it raise "block rule didn't increment state.line".
    page = tmp_path / "page.md"
    page.write_text("    :\n: :", encoding="utf-8")
    assert main(["check", "--no-cache", "--select", "ST", str(page)]) == 0
