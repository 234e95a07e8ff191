from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from curriculint.config import Config
from curriculint.run.lint_pages import open_cache
from curriculint.run.plan import Plan
from curriculint.run.runner import run
from curriculint.store.results import ResultCache

BAD = "---\ntitle: T\ndescription: D\n---\n\n# T\n\n# T again\n"


def make_site(folder: Path, pages: int = 5) -> None:
    for number in range(pages):
        (folder / f"p{number}.md").write_text(BAD.replace("T again", f"T{number}"),
                                              encoding="utf-8")


def test_second_run_hits_the_cache_and_reports_the_same(tmp_path: Path,
                                                        monkeypatch: object) -> None:
    site = tmp_path / "site"
    site.mkdir()
    make_site(site)
    config = Config(roots=(), cache_dir=str(tmp_path / "cache"))
    plan = Plan.make(config)
    cold_cache = ResultCache(tmp_path / "c.sqlite", "fp")
    cold = run([str(site)], config, plan, jobs=1, cache=cold_cache)
    assert (cold_cache.hits, cold_cache.misses) == (0, 5)
    warm_cache = ResultCache(tmp_path / "c.sqlite", "fp")
    warm = run([str(site)], config, plan, jobs=1, cache=warm_cache)
    assert (warm_cache.hits, warm_cache.misses) == (5, 0)
    assert warm.reports == cold.reports

    (site / "p1.md").write_text(BAD, encoding="utf-8")
    changed_cache = ResultCache(tmp_path / "c.sqlite", "fp")
    changed = run([str(site)], config, plan, jobs=1, cache=changed_cache)
    assert (changed_cache.hits, changed_cache.misses) == (4, 1)
    assert any("'T again'" in report.message for report in changed.reports)


def test_another_fingerprint_misses(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    make_site(site, 2)
    config = Config(roots=())
    run([str(site)], config, jobs=1, cache=ResultCache(tmp_path / "c.sqlite", "one"))
    other = ResultCache(tmp_path / "c.sqlite", "two")
    run([str(site)], config, jobs=1, cache=other)
    assert other.hits == 0


def test_config_change_changes_the_fingerprint(tmp_path: Path, monkeypatch: object) -> None:
    import pytest

    patch = pytest.MonkeyPatch()
    patch.setenv("CURRICULINT_CACHE_DIR", str(tmp_path))
    try:
        first = open_cache(Plan.make(Config(roots=())))
        second = open_cache(Plan.make(Config(roots=(), ignore=("ST",))))
        assert first is not None and second is not None
        assert first.fingerprint != second.fingerprint
    finally:
        patch.undo()


def test_corrupt_cache_file_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    site = tmp_path / "site"
    site.mkdir()
    make_site(site, 2)
    cache = ResultCache(path, "fp")
    result = run([str(site)], Config(roots=()), jobs=1, cache=cache)
    assert len(result.reports) == 2
    again = ResultCache(path, "fp")
    run([str(site)], Config(roots=()), jobs=1, cache=again)
    assert again.hits == 2


def test_truncated_entries_are_ignored(tmp_path: Path) -> None:
    import sqlite3

    site = tmp_path / "site"
    site.mkdir()
    make_site(site, 1)
    cache = ResultCache(tmp_path / "c.sqlite", "fp")
    run([str(site)], Config(roots=()), jobs=1, cache=cache)
    cache.close()
    with sqlite3.connect(tmp_path / "c.sqlite") as db:
        db.execute("UPDATE results SET value = substr(value, 1, 5)")
    again = ResultCache(tmp_path / "c.sqlite", "fp")
    result = run([str(site)], Config(roots=()), jobs=1, cache=again)
    assert again.hits == 0 and len(result.reports) == 1


@contextlib.contextmanager
def _forbidden(*targets: tuple[Any, str]) -> Iterator[None]:
    """Within the block, calling any of these attributes fails the test."""
    import pytest

    def refuse(*args: object) -> object:
        raise AssertionError("ran although nothing changed")

    patch = pytest.MonkeyPatch()
    for owner, name in targets:
        patch.setattr(owner, name, refuse)
    try:
        yield
    finally:
        patch.undo()


def test_site_rule_findings_are_cached_until_a_page_changes(tmp_path: Path) -> None:

    import curriculint.checks.links.broken_link as broken_link

    site = tmp_path / "site"
    site.mkdir()
    (site / "a.md").write_text("---\ntitle: A\ndescription: D\n---\n\n# A\n\n[b](b.md)\n",
                               encoding="utf-8")
    (site / "c.md").write_text("---\ntitle: C\ndescription: D\n---\n\n# C\n", encoding="utf-8")
    config = Config(roots=())
    first = run([str(site)], config, jobs=1, cache=ResultCache(tmp_path / "c.sqlite", "fp"))
    assert [report.code for report in first.reports] == ["LNK002"]

    with _forbidden((broken_link, "prepare"), (broken_link, "check_page")):
        again = run([str(site)], config, jobs=1, cache=ResultCache(tmp_path / "c.sqlite", "fp"))
        assert again.reports == first.reports
    (site / "b.md").write_text("---\ntitle: B\ndescription: D\n---\n\n# B\n", encoding="utf-8")
    fixed = run([str(site)], config, jobs=1, cache=ResultCache(tmp_path / "c.sqlite", "fp"))
    assert not fixed.reports


def _lint_counting(module: Any, site: Path, cache_path: Path) -> tuple[list[str], list]:
    """Lint `site` with the cache, recording which pages `module.check_page` checks."""
    import pytest

    checked: list[str] = []
    real = module.check_page

    def counting(context: object, display: str) -> object:
        checked.append(Path(display).name)
        return real(context, display)

    patch = pytest.MonkeyPatch()
    patch.setattr(module, "check_page", counting)
    try:
        result = run([str(site)], Config(roots=()), jobs=1, cache=ResultCache(cache_path, "fp"))
    finally:
        patch.undo()
    return sorted(checked), result.reports


def test_per_page_site_findings_rerun_only_for_pages_that_read_the_change(
        tmp_path: Path) -> None:
    """LNK003 caches each page's findings under its own digest and its link
    targets' digests: editing b.md re-checks b.md and the pages linking to it."""
    import curriculint.checks.links.broken_anchor as broken_anchor

    site = tmp_path / "site"
    site.mkdir()
    head = "---\ntitle: {0}\ndescription: D\n---\n\n# {0}\n\n"
    (site / "a.md").write_text(head.format("A") + "[to b](b.md#setup)\n", encoding="utf-8")
    (site / "b.md").write_text(head.format("B") + "## Setup\n", encoding="utf-8")
    (site / "c.md").write_text(head.format("C") + "[own](#c)\n", encoding="utf-8")

    def lint() -> tuple[list[str], list[str]]:
        checked, reports = _lint_counting(broken_anchor, site, tmp_path / "c.sqlite")
        return checked, [f"{Path(r.path).name}:{r.code}" for r in reports]

    assert lint() == (["a.md", "b.md", "c.md"], [])
    assert lint() == ([], [])
    # b.md's heading changes: a.md's link breaks although a.md did not change.
    (site / "b.md").write_text(head.format("B") + "## Install\n", encoding="utf-8")
    assert lint() == (["a.md", "b.md"], ["a.md:LNK003"])
    (site / "b.md").write_text(head.format("B") + "## Setup\n", encoding="utf-8")
    assert lint() == ([], [])  # both states are cached now


def test_case_mismatch_is_cached_per_page_with_its_source_line(tmp_path: Path) -> None:
    """LNK004 reads only the page and the file listing: editing another page does
    not re-check it, a cached finding keeps its excerpt, renaming a file does."""
    import curriculint.checks.links.link_case_mismatch as case_rule

    site = tmp_path / "site"
    site.mkdir()
    head = "---\ntitle: {0}\ndescription: D\n---\n\n# {0}\n\n"
    (site / "a.md").write_text(head.format("A") + "See [b](B.md) now.\n", encoding="utf-8")
    (site / "b.md").write_text(head.format("B"), encoding="utf-8")
    (site / "c.md").write_text(head.format("C"), encoding="utf-8")

    def lint() -> tuple[list[str], list[tuple[str, str]]]:
        checked, reports = _lint_counting(case_rule, site, tmp_path / "c.sqlite")
        return checked, [(r.code, r.source_line) for r in reports]

    found = [("LNK004", "See [b](B.md) now.")]
    assert lint() == (["a.md", "b.md", "c.md"], found)
    assert lint() == ([], found)
    (site / "c.md").write_text(head.format("C") + "More.\n", encoding="utf-8")
    assert lint() == (["c.md"], found)
    (site / "b.md").rename(site / "B.md")
    assert lint() == (["B.md", "a.md", "c.md"], [])


def _anchor_site(site: Path) -> None:
    site.mkdir()
    head = "---\ntitle: {0}\ndescription: D\n---\n\n# {0}\n\n"
    (site / "a.md").write_text(head.format("A") + "See [b](b.md#setup) and [c](c.md).\n",
                               encoding="utf-8")
    (site / "b.md").write_text(head.format("B") + "## Install\n", encoding="utf-8")
    (site / "c.md").write_text(head.format("C") + "Plain 🎯 text.\n", encoding="utf-8")


def _placed(reports: list) -> list[tuple[str, str, int, str]]:
    return [(Path(r.path).name, r.code, r.span.line, r.source_line) for r in reports]


def test_a_warm_run_with_nothing_changed_reads_no_summary(tmp_path: Path) -> None:
    """Summaries are cached apart and read only when a site rule must run again;
    per-page site rules keep their dependencies cached, so they need none either."""

    import curriculint.checks.links.broken_anchor as broken_anchor
    from curriculint.store.summaries import LazySummaries

    site = tmp_path / "site"
    _anchor_site(site)
    config = Config(roots=())

    def lint() -> list:
        return run([str(site)], config, jobs=1,
                   cache=ResultCache(tmp_path / "c.sqlite", "fp")).reports

    cold = lint()
    assert ("a.md", "LNK003", 8, "See [b](b.md#setup) and [c](c.md).") in _placed(cold)

    with _forbidden((LazySummaries, "take"), (broken_anchor, "prepare")):
        assert _placed(lint()) == _placed(cold)
    # b.md changes: whole-site rules read every page's summary, a per-page rule
    # only those of the pages it checks again (a.md links to b.md; c.md does not).
    read: list[str] = []
    real_take = LazySummaries.take

    def counting(self: LazySummaries, code: str, found: object, present: bool) -> None:
        read.append(code)
        real_take(self, code, found, present)

    (site / "b.md").write_text("---\ntitle: B\ndescription: D\n---\n\n# B\n\n## Setup\n",
                               encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LazySummaries, "take", counting)
        assert [entry[1] for entry in _placed(lint())] == []
    assert read.count("LNK003") == 1 and read.count("LNK002") == 0
    assert read.count("ENC003") == 2  # a.md and c.md; b.md's was just computed


def test_lost_summaries_are_computed_again(tmp_path: Path) -> None:
    import sqlite3

    from curriculint.store.summaries import summary_key

    site = tmp_path / "site"
    _anchor_site(site)
    config = Config(roots=())
    uncached = run([str(site)], config, jobs=1)
    cache_path = tmp_path / "c.sqlite"
    run([str(site)], config, jobs=1, cache=ResultCache(cache_path, "fp"))
    codes = [rule.code for rule in Plan.make(config).rules if rule.is_site_rule]
    with sqlite3.connect(cache_path) as db:  # the summaries' rows only
        keys = {key for (key,) in db.execute("SELECT key FROM results")}
        lost = [summary_key(key, code) for key in keys for code in codes
                if summary_key(key, code) in keys]
        db.executemany("DELETE FROM results WHERE key=?", [(key,) for key in lost])
        assert len(lost) == 3 * len(codes)
    (site / "c.md").write_text("---\ntitle: C\ndescription: D\n---\n\n# C\n\nOther.\n",
                               encoding="utf-8")
    again = run([str(site)], config, jobs=1, cache=ResultCache(cache_path, "fp"))
    expected = run([str(site)], config, jobs=1)
    assert _placed(again.reports) == _placed(expected.reports)
    assert _placed(uncached.reports) == _placed(expected.reports)


def test_a_page_linted_later_counts_for_cached_anchor_dependencies(tmp_path: Path) -> None:
    """Which pages a link's anchor depends on follows from the set of linted pages:
    linting b.md too must not reuse a.md's answer from a run without it."""
    site = tmp_path / "site"
    _anchor_site(site)
    config = Config(roots=())
    cache_path = tmp_path / "c.sqlite"
    alone = run([str(site / "a.md"), str(site / "c.md")], config, jobs=1,
                cache=ResultCache(cache_path, "fp"))
    assert "LNK003" not in [report.code for report in alone.reports]
    both = run([str(site)], config, jobs=1, cache=ResultCache(cache_path, "fp"))
    assert "LNK003" in [report.code for report in both.reports]


def _reads_counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import curriculint.load.document

    read: list[str] = []
    real_read = curriculint.load.document.read

    def counting(path: Path) -> bytes:
        read.append(path.name)
        return real_read(path)

    monkeypatch.setattr(curriculint.load.document, "read", counting)
    return read


def _site_linted_once(tmp_path: Path, pages: int) -> tuple[Path, Config]:
    site = tmp_path / "site"
    site.mkdir()
    make_site(site, pages)
    config = Config(roots=())
    run([str(site)], config, jobs=1, cache=ResultCache(tmp_path / "c.sqlite", "fp"))
    return site, config


def test_a_warm_run_reads_only_files_whose_status_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file's recorded status (inode, size, times) vouches for its content
    hash, so unchanged files are not read; any write changes the status."""
    import os

    import curriculint.store.results

    monkeypatch.setattr(curriculint.store.results, "STABLE_SECONDS", -1.0)  # no waiting in a test
    site, config = _site_linted_once(tmp_path, 3)
    read = _reads_counted(monkeypatch)
    cold = run([str(site)], config, jobs=1, cache=None)
    warm = run([str(site)], config, jobs=1, cache=ResultCache(tmp_path / "c.sqlite", "fp"))
    assert warm.reports == cold.reports
    assert sorted(read) == ["p0.md", "p1.md", "p2.md"]  # the uncached run only
    read.clear()
    # Same size, old modification time put back: the change time still moves.
    page = site / "p1.md"
    before = os.stat(page)
    page.write_text(page.read_text("utf-8").replace("T1", "X1"), encoding="utf-8")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    edited = run([str(site)], config, jobs=1, cache=ResultCache(tmp_path / "c.sqlite", "fp"))
    assert read == ["p1.md"]
    assert "X1" in str([report.message for report in edited.reports])
    assert edited.reports == run([str(site)], config, jobs=1, cache=None).reports


def test_a_recently_written_file_is_read_again(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Timestamps are coarser than the clock: a file written moments ago could
    change again without its status showing it, so its digest is not recorded."""
    site, config = _site_linted_once(tmp_path, 2)
    read = _reads_counted(monkeypatch)
    run([str(site)], config, jobs=1, cache=ResultCache(tmp_path / "c.sqlite", "fp"))
    assert sorted(read) == ["p0.md", "p1.md"]


def test_a_digest_that_no_longer_matches_is_not_trusted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should a recorded status lie (a file system that does not update it), a
    cache miss reads the file and keys its result by what was read."""
    import sqlite3

    import curriculint.store.results

    monkeypatch.setattr(curriculint.store.results, "STABLE_SECONDS", -1.0)
    site, config = _site_linted_once(tmp_path, 1)
    with sqlite3.connect(tmp_path / "c.sqlite") as db:
        db.execute("UPDATE digests SET digest = 'not-the-content'")
    again = run([str(site)], config, jobs=1, cache=ResultCache(tmp_path / "c.sqlite", "fp"))
    assert again.reports == run([str(site)], config, jobs=1, cache=None).reports
    assert again.digests == run([str(site)], config, jobs=1, cache=None).digests
    third = ResultCache(tmp_path / "c.sqlite", "fp")  # and the digest was recorded again
    read = _reads_counted(monkeypatch)
    run([str(site)], config, jobs=1, cache=third)
    assert (read, third.hits) == ([], 1)


def test_mkdocs_settings_come_from_the_cache_until_the_file_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from curriculint.load import site as site_module

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# A\n\n[b](b.md)\n", encoding="utf-8")
    (tmp_path / "docs" / "b.md").write_text("# B\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nnav:\n  - a.md\n  - b.md\n",
                                         encoding="utf-8")
    config = Config(roots=())
    arguments = [str(tmp_path / "docs")]

    def lint() -> list[tuple[str, str]]:
        site_module.forget_projects()  # each run as a new process would
        result = run(arguments, config, jobs=1, cache=ResultCache(tmp_path / "c.sqlite", "fp"))
        return [(report.code, report.message) for report in result.reports]

    parsed: list[bytes] = []
    parse = site_module._mkdocs_settings
    monkeypatch.setattr(site_module, "_mkdocs_settings",
                        lambda raw, *where: parsed.append(raw) or parse(raw, *where))
    first = lint()
    assert lint() == first and len(parsed) == 1  # the second run parsed nothing
    assert not any(code == "LNK005" for code, _ in first)

    # A nav entry naming a missing page is reported as soon as mkdocs.yml has it.
    (tmp_path / "mkdocs.yml").write_text("site_name: S\nnav:\n  - a.md\n  - c.md\n",
                                         encoding="utf-8")
    changed = lint()
    assert any(code == "LNK005" for code, _ in changed) and len(parsed) == 2
