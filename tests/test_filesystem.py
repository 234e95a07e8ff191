"""File-system faults are reported and the run goes on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import curriculint.load.document
import curriculint.run.runner
from curriculint.cli.main import main

PAGE = "---\ntitle: T\ndescription: D\n---\n\n# T\n"
BAD = PAGE + "\n# Again\n"


def test_broken_symlink_is_reported_and_others_are_checked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.md").write_text(BAD, encoding="utf-8")
    os.symlink(tmp_path / "missing.md", tmp_path / "dangling.md")
    assert main(["check", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "dangling.md: cannot read" in captured.err
    assert "ST001" in captured.out


def test_symlink_loop_does_not_hang(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "ok.md").write_text(PAGE, encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    assert main(["check", str(tmp_path)]) == 0


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "b.md").write_text(PAGE, encoding="utf-8")
    real_read = curriculint.load.document.read

    def refuse(path: Path) -> bytes:
        if path.name == "b.md":
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(curriculint.load.document, "read", refuse)
    assert main(["check", "--no-cache", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "b.md: cannot read: Permission denied" in captured.err
    assert "a.md" in captured.out


def test_file_deleted_during_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.md").write_text(PAGE, encoding="utf-8")
    real_discover = curriculint.run.runner.discover

    def discover_then_delete(arguments, config, stdin=None):  # type: ignore[no-untyped-def]
        found = real_discover(arguments, config, stdin)
        (tmp_path / "b.md").unlink()
        return found

    monkeypatch.setattr(curriculint.run.runner, "discover", discover_then_delete)
    assert main(["check", "--no-cache", str(tmp_path)]) == 2
    assert "b.md: cannot read: No such file or directory" in capsys.readouterr().err


def test_only_errors_and_no_findings_exit_two(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    os.symlink(tmp_path / "missing.md", tmp_path / "dangling.md")
    assert main(["check", str(tmp_path / "dangling.md")]) == 2
