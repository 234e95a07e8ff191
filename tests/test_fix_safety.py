"""A safe fix changes only text that is certainly broken; a fix that would
bring a new finding is refused; `--diff` shows exactly what `--fix` writes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from curriculint.cli.main import main
from curriculint.fix.apply import LineMap, apply_chosen
from curriculint.fix.session import bisect_accept, new_findings
from curriculint.model import Edit, Report, Severity, Span
from tests.conftest import lint_paths

HEAD = "---\ntitle: T\ndescription: D\n---\n\n"
PARAGRAPH = ("Replicas answer reads from their own copy of the data, so a read may miss the "
             "latest write for a while after the leader acknowledged it.")
FOLLOW = "Clients that need the latest write read from the leader, at one more round trip."
# Deleting the repeated block would take `### Consistency` with it and leave
# `#### Quorum` two levels under `## Writes`.
REPARENTING = (HEAD + f"# Title\n\n## Reads\n\n{PARAGRAPH}\n\n### Consistency\n\n{FOLLOW}\n\n"
               f"## Writes\n\n{PARAGRAPH}\n\n### Consistency\n\n{FOLLOW}\n\n#### Quorum\n\n"
               "A write counts once a majority holds it.\n")
UNUSED = "<!-- curriculint: disable-next-line=ST001 -->\n"


def _write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*.md"))}


def test_a_safe_fix_never_deletes_a_duplicate(tmp_path: Path) -> None:
    text = HEAD + f"# T\n\n## Setup\n\n{PARAGRAPH}\n\n## Setup\n\n{PARAGRAPH}\n"
    _write(tmp_path, {"page.md": text})
    reports = lint_paths([tmp_path], select=["DUP"])
    assert reports and all(report.fix is None or not report.fix.safe for report in reports)
    main(["check", "--no-cache", "--fix", str(tmp_path)])
    assert (tmp_path / "page.md").read_text(encoding="utf-8") == text


def test_a_fix_that_brings_a_new_finding_is_not_applied(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    _write(tmp_path, {"page.md": REPARENTING})
    assert {report.code for report in lint_paths([tmp_path])} == {"DUP002"}
    main(["check", "--no-cache", "--fix", "--unsafe-fixes", str(tmp_path)])
    assert (tmp_path / "page.md").read_text(encoding="utf-8") == REPARENTING
    assert "would bring ST002" in capsys.readouterr().err


def test_the_other_fixes_of_the_page_still_apply(tmp_path: Path) -> None:
    text = REPARENTING.replace("## Reads\n", UNUSED + "## Reads\n")
    _write(tmp_path, {"page.md": text})
    main(["check", "--no-cache", "--fix", "--unsafe-fixes", str(tmp_path)])
    assert (tmp_path / "page.md").read_text(encoding="utf-8") == REPARENTING


def test_a_fix_that_breaks_a_link_on_another_page_is_not_applied(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The copy's heading has the id `setup_1`, which another page links to."""
    files = {"a.md": HEAD + f"# A\n\n## Setup\n\n{PARAGRAPH}\n\n## Setup\n\n{PARAGRAPH}\n\n"
                            "## Run\n\nStart it.\n",
             "b.md": HEAD + "# B\n\nSee [the second setup](a.md#setup_1).\n"}
    _write(tmp_path, files)
    assert "DUP001" in {report.code for report in lint_paths([tmp_path])}
    main(["check", "--no-cache", "--fix", "--unsafe-fixes", str(tmp_path)])
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == files["a.md"]
    assert "LNK003 in" in capsys.readouterr().err
    # Without the link the same fix is applied.
    (tmp_path / "b.md").write_text(HEAD + "# B\n\nNothing here.\n", encoding="utf-8")
    main(["check", "--no-cache", "--fix", "--unsafe-fixes", str(tmp_path)])
    assert (tmp_path / "a.md").read_text(encoding="utf-8").count("## Setup") == 1


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_diff_shows_exactly_what_fix_writes(tmp_path: Path, unsafe: bool,
                                            capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    files = {
        "a.md": HEAD + UNUSED + f"# A\n\nBOM\ufeffhere, zero\u200bwidth.\n\n## Setup\n\n"
                                f"{PARAGRAPH}\n\n## Setup\n\n{PARAGRAPH}\n",
        "b.md": REPARENTING.replace("## Reads\n", UNUSED + "## Reads\n"),
        "c.md": HEAD + "# C\n\nSee [the docs](htps://example.org/guide) and a\ufeffb.\n",
    }
    flags = ["--unsafe-fixes"] if unsafe else []
    shown, written = tmp_path / "shown", tmp_path / "written"
    _write(shown, files)
    _write(written, files)
    monkeypatch.chdir(shown)
    main(["check", "--no-cache", "--diff", *flags, "."])
    patch = capsys.readouterr().out
    assert _tree(shown) == {name: text.encode() for name, text in files.items()}
    (tmp_path / "fix.diff").write_text(patch, encoding="utf-8")
    subprocess.run([git, "apply", str(tmp_path / "fix.diff")], cwd=shown, check=True,
                   capture_output=True)
    monkeypatch.chdir(written)
    main(["check", "--no-cache", "--fix", *flags, "."])
    assert _tree(shown) == _tree(written)
    assert _tree(written) != {name: text.encode() for name, text in files.items()}
    # b.md keeps its repeated block either way: deleting it would break the outline.
    assert _tree(written)["b.md"].decode().count(PARAGRAPH) == 2


def test_line_maps_follow_deletions_and_insertions() -> None:
    old = "l1\nl2\nl3\nl4\nl5\n"
    new, chosen, _ = apply_chosen(old, [Edit(Span(2, 1, 4, 1), ""), Edit(Span(5, 1, 5, 3), "x\ny")])
    assert new == "l1\nl4\nx\ny\n"
    lines = LineMap(old, chosen)
    assert [lines.old_lines(line) for line in range(1, 5)] == [(1, 1), (4, 4), (5, 5), (5, 5)]


def _report(line: int, code: str = "ST002") -> Report:
    return Report("page.md", code, "name", Severity.ERROR, Span(line, 1, line, 2), "m")


def test_new_findings_are_those_without_a_counterpart_on_their_old_line() -> None:
    old = "a\nb\nc\nd\n"
    _, chosen, _ = apply_chosen(old, [Edit(Span(1, 1, 2, 1), "")])
    lines = {"page.md": LineMap(old, chosen)}
    before = [_report(3), _report(4, "DUP002")]
    assert new_findings(before, [_report(2), _report(3, "DUP002")], lines) == []
    assert new_findings(before, [_report(1)], lines) == [_report(1)]
    assert new_findings(before, [_report(2), _report(2)], lines) == [_report(2)]


def test_bisection_keeps_every_fix_but_the_bad_ones() -> None:
    calls = []

    def clean(subset: list[int]) -> bool:
        calls.append(subset)
        return 3 not in subset and 6 not in subset

    assert bisect_accept(list(range(8)), clean) == [0, 1, 2, 4, 5, 7]
    assert len(calls) < 16
