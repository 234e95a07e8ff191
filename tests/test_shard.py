"""`check --shard K/N`: deterministic shares whose findings add up to an unsharded run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from curriculint.cli.main import main
from curriculint.config import Config
from curriculint.run.plan import Plan
from curriculint.run.runner import run
from curriculint.run.shard import Shard, parse_shard

ROOT = Path(__file__).resolve().parent.parent

# Long enough for DUP006 to call two copies near duplicates.
PROSE = " ".join(f"Sentence {number} says that deadline {number} holds for task {number}."
                 for number in range(40))


def page(title: str, body: str) -> str:
    return f"---\ntitle: {title}\ndescription: About {title}.\n---\n\n# {title}\n\n{body}\n"


def make_site(folder: Path, pages: int = 12) -> Path:
    """An MkDocs project whose pages link across each other, with broken anchors,
    near-duplicate pages, suppressions and a nav entry for a missing page."""
    docs = folder / "docs"
    (docs / "part").mkdir(parents=True)
    nav = ["nav:"] + [f"  - p{number}.md" for number in range(pages)] + ["  - missing.md"]
    (folder / "mkdocs.yml").write_text("site_name: S\n" + "\n".join(nav) + "\n",
                                       encoding="utf-8")
    for number in range(pages):
        after = (number + 1) % pages
        body = (f"## Section {number}\n\nSee [next](p{after}.md#section-{after}) and "
                f"[a broken anchor](p{after}.md#nowhere-{number}) and "
                f"[a missing page](gone{number}.md).\n")
        if number % 4 == 0:
            body += f"\n## Shared\n\n{PROSE}\n"  # near copies of each other
        if number % 5 == 0:
            body += "\n<!-- curriculint: disable-next-line=ST001 -->\nNothing to hide.\n"
        if number % 3 == 0:
            body += "\n# A second title\n"
        (docs / f"p{number}.md").write_text(page(f"Page {number}", body), encoding="utf-8")
    (docs / "part" / "deep.md").write_text(
        page("Deep", "Back to [the start](../p0.md#section-0) and [nowhere](../p1.md#x)."),
        encoding="utf-8")
    return docs


def findings(arguments: list[str], shard: Shard | None = None) -> list[tuple[object, ...]]:
    config = Config(roots=())
    plan = Plan.make(config, extend=["LNK006"])
    result = run(arguments, config, plan, jobs=1, shard=shard)
    return [(r.path, r.span, r.code, r.message, r.severity, r.fix) for r in result.reports]


def test_parse_shard_accepts_k_of_n_only() -> None:
    assert parse_shard("2/3") == Shard(2, 3)
    assert str(parse_shard("1/1")) == "1/1"
    for bad in ("0/3", "4/3", "3", "a/b", "1/0", "-1/2", "2/"):
        with pytest.raises(ValueError, match="K/N"):
            parse_shard(bad)


@pytest.mark.parametrize("value", ["0/3", "4/3", "x", "1/0"])
def test_bad_shard_is_an_argparse_error(tmp_path: Path, value: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--shard", value, str(tmp_path)])
    assert exit_.value.code == 2
    assert "argument --shard" in capsys.readouterr().err


def test_membership_is_stable_and_independent_of_other_pages() -> None:
    names = [f"section/page-{number}.md" for number in range(300)]
    shares = [[name for name in names if Shard(index, 3).holds(name)] for index in (1, 2, 3)]
    # each page in exactly one shard
    assert sorted(name for share in shares for name in share) == sorted(names)
    assert all(60 < len(share) < 140 for share in shares)  # roughly even
    # A fixed hash, not Python's salted one: the same split in another process.
    script = ("from curriculint.run.shard import Shard; "
              "print(sum(Shard(1, 3).holds(f'section/page-{n}.md')"
              " for n in range(300)))")
    env = {**os.environ, "PYTHONHASHSEED": "random"}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, cwd=ROOT, env=env).stdout
    assert int(out) == len(shares[0])


def test_shards_add_up_to_the_unsharded_run(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    make_site(tmp_path)
    monkeypatch.chdir(tmp_path)
    whole = findings(["docs"])
    codes = {item[2] for item in whole}
    # The site exercises every kind of cross-page finding and a non-page file.
    assert {"LNK002", "LNK003", "LNK005", "DUP006", "ST001", "SUP001"} <= codes
    assert any(item[0] == "mkdocs.yml" for item in whole)
    for count in (1, 2, 3, 5):
        parts = [findings(["docs"], Shard(index, count)) for index in range(1, count + 1)]
        union = sorted((item for part in parts for item in part),
                       key=lambda item: (item[0], item[1], item[2], item[3]))
        assert union == sorted(whole, key=lambda item: (item[0], item[1], item[2], item[3]))
        assert len(union) == len(whole)  # nothing reported twice
        assert all(item[0] != "mkdocs.yml" for part in parts[1:] for item in part)


def test_cli_shards_report_only_their_pages_and_use_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    make_site(tmp_path)
    monkeypatch.chdir(tmp_path)
    files, paths = 0, set()
    for _attempt in ("cold", "warm"):  # the second pass reads the light index from the cache
        files, paths = 0, set()
        for index in (1, 2, 3):
            main(["check", "--format", "json", "--shard", f"{index}/3", "docs"])
            report = json.loads(capsys.readouterr().out)
            files += report["summary"]["files"]
            found = {finding["path"] for finding in report["findings"]}
            assert not paths & found - {"mkdocs.yml"}
            paths |= found
    assert files == 13
    main(["check", "--format", "json", "docs"])
    whole = json.loads(capsys.readouterr().out)
    assert paths == {finding["path"] for finding in whole["findings"]}


def test_light_index_uses_the_cache_without_standing_in_for_a_full_lint(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from curriculint.store.results import ResultCache

    make_site(tmp_path)
    monkeypatch.chdir(tmp_path)
    config = Config(roots=())
    plan = Plan.make(config)

    def reports(shard: Shard | None, cache: ResultCache) -> list[object]:
        return run(["docs"], config, plan, jobs=1, cache=cache, shard=shard).reports

    first = ResultCache(tmp_path / "c.sqlite", "fp")
    sharded = reports(Shard(1, 3), first)
    assert (first.hits, first.misses) == (0, 13)
    again = ResultCache(tmp_path / "c.sqlite", "fp")
    assert reports(Shard(1, 3), again) == sharded
    assert (again.hits, again.misses) == (13, 0)  # own pages and the light index
    # Summary-only entries must not pass for full results in an unsharded run.
    whole = ResultCache(tmp_path / "c.sqlite", "fp")
    assert reports(None, whole) == run(["docs"], config, plan, jobs=1).reports
    own = [path for path in (tmp_path / "docs").rglob("*.md")
           if Shard(1, 3).holds(path.relative_to(tmp_path / "docs").as_posix())]
    assert (whole.hits, whole.misses) == (len(own), 13 - len(own))
