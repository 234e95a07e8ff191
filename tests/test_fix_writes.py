"""What `--fix` refuses to write, and a write that fails (issue 24, items 6 and 7).

Each refused or failed page is an `IO002` finding at 1:1, its file is left as
it was, the other pages are still fixed, and the run exits 2.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from curriculint.cli.main import main

HEAD = "---\ntitle: T\ndescription: D\n---\n\n# T\n\n"
UNUSED = "<!-- curriculint: disable-next-line=ST001 -->\n"
BODY = HEAD + "Intro.\n\n" + UNUSED + "## Fine\n\nText.\n"
FIXED = HEAD + "Intro.\n\n" + "## Fine\n\nText.\n"


def _fix(capsys: pytest.CaptureFixture[str], *paths: Path) -> tuple[int, list[dict[str, object]]]:
    """`check --fix` in JSON; the exit status and the findings."""
    capsys.readouterr()
    status = main(["check", "--no-cache", "--select", "ST,SUP001", "--format", "json", "--fix",
                   *map(str, paths)])
    return status, json.loads(capsys.readouterr().out)["findings"]


def _site(tmp_path: Path) -> Path:
    """A folder with one ordinary page to fix besides the one under test."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "plain.md").write_text(BODY, encoding="utf-8")
    return site


def _not_written(findings: list[dict[str, object]]) -> list[tuple[str, int, int, str]]:
    return [(Path(str(found["path"])).name, int(str(found["line"])), int(str(found["column"])),
             str(found["message"])) for found in findings if found["rule"] == "IO002"]


def test_a_symlink_out_of_the_checked_tree_is_not_written_through(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(BODY, encoding="utf-8")
    site = _site(tmp_path)
    (site / "link.md").symlink_to(outside)
    status, findings = _fix(capsys, site)
    assert outside.read_text(encoding="utf-8") == BODY and (site / "link.md").is_symlink()
    [(name, line, column, message)] = _not_written(findings)
    assert (name, line, column) == ("link.md", 1, 1)
    assert "outside the checked tree" in message and str(outside) in message
    assert (site / "plain.md").read_text(encoding="utf-8") == FIXED
    assert status == 2


def test_a_symlink_inside_the_checked_tree_is_fixed_through_and_kept(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(tmp_path)
    (site / "real").mkdir()
    target = site / "real" / "target.md"
    target.write_text(BODY.replace("Intro.", "Other intro."), encoding="utf-8")
    (site / "link.md").symlink_to(target)
    status, findings = _fix(capsys, site)
    assert (site / "link.md").is_symlink()
    assert target.read_text(encoding="utf-8") == FIXED.replace("Intro.", "Other intro.")
    assert not _not_written(findings) and status == 0


def test_a_read_only_file_is_reported_and_not_replaced(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(tmp_path)
    page = site / "locked.md"
    page.write_text(BODY, encoding="utf-8")
    page.chmod(0o444)
    inode = page.stat().st_ino
    status, findings = _fix(capsys, site)
    # Root may write it anyway: the mode bits decide, not os.access.
    assert page.read_text(encoding="utf-8") == BODY and page.stat().st_ino == inode
    assert stat.S_IMODE(page.stat().st_mode) == 0o444
    [(name, line, column, message)] = _not_written(findings)
    assert (name, line, column) == ("locked.md", 1, 1) and "read-only (mode 0444)" in message
    assert (site / "plain.md").read_text(encoding="utf-8") == FIXED
    assert status == 2


def test_a_file_with_hard_links_is_reported_not_split(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(tmp_path)
    page = site / "linked.md"
    page.write_text(BODY, encoding="utf-8")
    other_name = tmp_path / "elsewhere.md"
    os.link(page, other_name)
    status, findings = _fix(capsys, site)
    assert page.stat().st_ino == other_name.stat().st_ino and page.stat().st_nlink == 2
    assert page.read_text(encoding="utf-8") == BODY
    [(name, line, column, message)] = _not_written(findings)
    assert (name, line, column) == ("linked.md", 1, 1) and "2 hard links" in message
    assert (site / "plain.md").read_text(encoding="utf-8") == FIXED
    assert status == 2


def test_a_failed_write_is_a_finding_and_the_other_pages_are_fixed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path)
    for name in ("a.md", "full.md", "z.md"):
        (site / name).write_text(BODY, encoding="utf-8")
    replace = os.replace

    def disk_full_for_one(source: str | os.PathLike[str], target: str | os.PathLike[str]
                          ) -> None:
        if Path(target).name == "full.md":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        replace(source, target)

    monkeypatch.setattr(os, "replace", disk_full_for_one)
    status, findings = _fix(capsys, site)
    assert (site / "full.md").read_text(encoding="utf-8") == BODY
    assert [(site / name).read_text(encoding="utf-8") for name in ("a.md", "plain.md", "z.md")
            ] == [FIXED] * 3
    [(name, line, column, message)] = _not_written(findings)
    assert (name, line, column) == ("full.md", 1, 1)
    assert message == "fixes not written: write failed: No space left on device"
    assert sorted(path.name for path in site.iterdir()) == ["a.md", "full.md", "plain.md",
                                                           "z.md"]  # no temporary file left
    assert status == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a 0555 folder anyway")
def test_a_folder_without_write_permission_is_a_finding(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(tmp_path)
    locked = site / "locked"
    locked.mkdir()
    (locked / "page.md").write_text(BODY, encoding="utf-8")
    locked.chmod(0o555)
    try:
        status, findings = _fix(capsys, site)
    finally:
        locked.chmod(0o755)
    assert (locked / "page.md").read_text(encoding="utf-8") == BODY
    [(name, line, column, message)] = _not_written(findings)
    assert (name, line, column) == ("page.md", 1, 1) and "Permission denied" in message
    assert (site / "plain.md").read_text(encoding="utf-8") == FIXED
    assert status == 2
