"""`--fix` and `--diff`: only the reported spans change, every other byte stays.

SUP001 (unused suppression) is the rule with a safe fix used here; edits are
also applied directly to check newline styles and the write safeguards.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from curriculint.cli.main import main
from curriculint.config import Config
from curriculint.fix.apply import apply_to_text, fix_files
from curriculint.model import Edit, Fix, Report, Severity, Span
from curriculint.run.plan import Plan
from curriculint.run.runner import run

HEAD = "---\ntitle: T\ndescription: D\n---\n\n# T\n\n"
UNUSED = "<!-- curriculint: disable-next-line=ST001 -->\n"
BODY = HEAD + "Intro.\n\n" + UNUSED + "## Fine\n\nText.\n"
FIXED = HEAD + "Intro.\n\n" + "## Fine\n\nText.\n"


def _page(folder: Path, data: bytes, name: str = "page.md") -> Path:
    page = folder / name
    page.write_bytes(data)
    return page


def _fix(page: Path, *extra: str) -> int:
    return main(["check", "--no-cache", "--select", "ST,SUP001", "--fix", *extra, str(page)])


def test_fix_removes_only_the_reported_line(tmp_path: Path) -> None:
    page = _page(tmp_path, BODY.encode())
    assert _fix(page) == 0
    assert page.read_bytes() == FIXED.encode()


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_newline_style_and_missing_final_newline_are_kept(tmp_path: Path, newline: str
                                                          ) -> None:
    page = _page(tmp_path, BODY.rstrip("\n").replace("\n", newline).encode())
    _fix(page)
    assert page.read_bytes() == FIXED.rstrip("\n").replace("\n", newline).encode()


def test_mixed_newlines_bom_and_permissions_are_kept(tmp_path: Path) -> None:
    original = b"\xef\xbb\xbf" + BODY.encode().replace(b"Intro.\n", b"Intro.\r\n")
    page = _page(tmp_path, original)
    page.chmod(0o640)
    _fix(page)
    expected = b"\xef\xbb\xbf" + FIXED.encode().replace(b"Intro.\n", b"Intro.\r\n")
    assert page.read_bytes() == expected
    assert stat.S_IMODE(page.stat().st_mode) == 0o640


def test_fixing_twice_changes_nothing_the_second_time(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    # Two unused suppressions in a row: their line deletions touch but do not overlap.
    page = _page(tmp_path, (HEAD + UNUSED + UNUSED + "## Fine\n").encode())
    _fix(page)
    once = page.read_bytes()
    assert once == (HEAD + "## Fine\n").encode()
    capsys.readouterr()
    _fix(page)
    assert page.read_bytes() == once
    assert "applied" not in capsys.readouterr().err


def test_diff_prints_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    page = _page(tmp_path, BODY.encode())
    # As ruff: 1 when --fix would change something, 0 when it would not.
    assert main(["check", "--no-cache", "--select", "ST,SUP001", "--diff", str(page)]) == 1
    out = capsys.readouterr().out
    assert f"-{UNUSED}" in out and out.startswith("--- a/")
    assert page.read_bytes() == BODY.encode()
    assert main(["check", "--no-cache", "--select", "ST002", "--diff", str(page)]) == 0
    assert capsys.readouterr().out == ""


def test_a_file_changed_during_the_run_is_not_overwritten(tmp_path: Path) -> None:
    page = _page(tmp_path, BODY.encode())
    config = Config(roots=(), cache=False)
    result = run([str(page)], config, Plan.make(config, ["ST", "SUP001"]), jobs=1)
    assert any(report.fix for report in result.reports)
    edited = BODY.replace("Text.", "Text edited by a writer meanwhile.").encode()
    page.write_bytes(edited)
    outcomes = fix_files(result.reports, result.paths, result.digests, False, write=True)
    assert page.read_bytes() == edited
    assert outcomes[0].new_text is None and "changed on disk" in outcomes[0].reason


def test_invalid_utf8_file_is_left_alone(tmp_path: Path) -> None:
    data = BODY.replace("Text.", "Caf\udce9").encode("utf-8", "surrogateescape")
    page = _page(tmp_path, data)
    _fix(page)
    assert page.read_bytes() == data


def test_fixing_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    # The target is in the checked tree; one outside it is refused (test_fix_writes.py).
    (tmp_path / "docs" / "real").mkdir(parents=True)
    target = _page(tmp_path / "docs" / "real", BODY.encode(), "target.md")
    link = tmp_path / "docs" / "page.md"
    os.symlink(target, link)
    _fix(tmp_path / "docs")
    assert link.is_symlink() and target.read_bytes() == FIXED.encode()


def test_edits_keep_line_endings_and_convert_inserted_newlines() -> None:
    text = "a\r\nbb\r\nc"
    edits = [Edit(Span(2, 1, 2, 3), "x\ny"), Edit(Span(3, 2, 3, 2), "!")]
    assert apply_to_text(text, edits, "\r\n") == ("a\r\nx\r\ny\r\nc!", 2, 0)


def test_overlapping_edits_are_skipped_not_merged() -> None:
    edits = [Edit(Span(1, 1, 1, 4), "X"), Edit(Span(1, 2, 1, 5), "Y")]
    assert apply_to_text("abcdef", edits) == ("Xdef", 1, 1)


def test_unsafe_fixes_need_the_flag(tmp_path: Path) -> None:
    page = _page(tmp_path, b"abc\n")
    digest = hashlib.sha256(b"abc\n").hexdigest()
    report = Report("page.md", "XX001", "toy", Severity.ERROR, Span(1, 1, 1, 2), "toy",
                    Fix((Edit(Span(1, 1, 1, 2), "A"),), "capitalise", safe=False))
    paths, digests = {"page.md": page}, {"page.md": digest}
    assert fix_files([report], paths, digests, unsafe=False, write=True) == []
    fix_files([report], paths, digests, unsafe=True, write=True)
    assert page.read_bytes() == b"Abc\n"


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_diff_applies_with_git_and_matches_fix(tmp_path: Path, newline: str,
                                               capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    monkeypatch.chdir(tmp_path)
    original = (BODY + UNUSED + "## Last").replace("\n", newline)  # no final newline
    page = _page(tmp_path, original.encode())
    main(["check", "--no-cache", "--select", "ST,SUP001", "--diff", "page.md"])
    (tmp_path / "fix.diff").write_bytes(capsys.readouterr().out.encode())
    subprocess.run([git, "apply", "fix.diff"], cwd=tmp_path, check=True, capture_output=True)
    patched = page.read_bytes()
    page.write_bytes(original.encode())
    _fix(page)
    assert patched == page.read_bytes() != original.encode()
