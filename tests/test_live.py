"""A live site (curriculint/run/live.py), updated page by page, reports what a
fresh run reports: after every edit, deletion and new page, its findings over
the whole site equal those of `run()` on the files as they then are."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from curriculint.config import load_config
from curriculint.model import Report
from curriculint.run.live import LiveSite, index_sites
from curriculint.run.plan import Plan
from curriculint.run.records import SourceFile
from curriculint.run.runner import run
from tests.conftest import SHARED, needs_shared

PAGES = {
    "docs/index.md": "# Home\n\nSee [setup](guide/setup.md#install) and [faq](faq.md#top).\n",
    "docs/guide/setup.md": ("# Setup\n\n## Install\n\nRun it.\n\n## Configure\n\n"
                            "Back [home](../index.md) or [deep](../faq.md#questions).\n"),
    "docs/faq.md": ("---\ntitle: FAQ\n---\n\n# FAQ\n\n## Questions\n\n"
                    "<!-- curriculint: disable-next-line=LNK001 -->\n"
                    "Read [this](http:/example.org/).\n\n[gone](guide/gone.md)\n"),
}


def _key(report: Report) -> tuple[object, ...]:
    return (report.path, report.code, report.span, report.message, report.severity, report.fix)


def _live_reports(sites: list[LiveSite]) -> list[tuple[object, ...]]:
    return sorted((_key(report) for site in sites for display in site.displays()
                   for report in site.reports(display)), key=repr)


def _run_reports(folder: Path) -> list[tuple[object, ...]]:
    config = load_config(start=folder)
    return sorted((_key(report) for report in run(["."], config, Plan.make(config),
                                                  jobs=1).reports), key=repr)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nnav:\n  - index.md\n  - faq.md\n"
                                         "  - guide/setup.md\n", "utf-8")
    for name, text in PAGES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    before = os.getcwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(before)


def _put(live: LiveSite, display: str) -> set[str]:
    path = Path(display)
    source = SourceFile(path, display, Path("."), path.resolve())
    result, _doc = live.lint(source, path.read_bytes())
    return live.put(source, result)


def _edit(name: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        page = folder / name
        page.write_text(page.read_text("utf-8").replace(old, new), "utf-8")
    return edit


def test_a_live_site_matches_a_fresh_run_through_edits(site: Path) -> None:
    config = load_config(start=site)
    [live] = index_sites(["."], config, Plan.make(config), jobs=1)
    assert _live_reports([live]) == _run_reports(site)
    steps: list[tuple[str, Callable[[Path], None]]] = [
        # a renamed heading breaks the anchors of two other pages
        ("docs/guide/setup.md", _edit("docs/guide/setup.md", "## Install", "## Installing")),
        ("docs/faq.md", _edit("docs/faq.md", "## Questions", "## Answers")),
        # a link into it is fixed, a suppression left with nothing to do
        ("docs/index.md", _edit("docs/index.md", "#install", "#installing")),
        ("docs/faq.md", _edit("docs/faq.md", "http:/example", "http://example")),
        # a new page, then the page that links to it
        ("docs/guide/gone.md", lambda folder: (folder / "docs/guide/gone.md").write_text(
            "# Gone\n\nBack to [setup](setup.md#configure).\n", "utf-8")),
    ]
    for display, edit in steps:
        edit(site)
        touched = _put(live, display)
        assert display in touched
        assert _live_reports([live]) == _run_reports(site), display
    # a deleted page: the links into it break
    (site / "docs/guide/setup.md").unlink()
    touched = live.remove("docs/guide/setup.md")
    assert {"docs/index.md", "docs/guide/gone.md"} <= touched
    assert _live_reports([live]) == _run_reports(site)
    codes = {report.code for report in live.reports("docs/index.md")}
    assert "LNK002" in codes


def test_whole_site_rules_wait_for_the_sweep(site: Path) -> None:
    config = load_config(start=site)
    [live] = index_sites(["."], config, Plan.make(config), jobs=1)
    page = site / "docs/faq.md"
    page.write_text(page.read_text("utf-8").replace("title: FAQ", "title: FAQ\ntitel: x"),
                    "utf-8")
    path = Path("docs/faq.md")
    source = SourceFile(path, "docs/faq.md", Path("."), path.resolve())
    result, _doc = live.lint(source, page.read_bytes())
    live.put(source, result, whole_site=False)
    assert live.pending
    live.sweep()
    assert not live.pending
    assert _live_reports([live]) == _run_reports(site)


def test_a_preview_stores_nothing(site: Path) -> None:
    config = load_config(start=site)
    [live] = index_sites(["."], config, Plan.make(config), jobs=1)
    before = _live_reports([live])
    path = Path("docs/index.md")
    source = SourceFile(path, "docs/index.md", Path("."), path.resolve())
    result, _doc = live.lint(source, b"# Home\n\n[x](guide/setup.md#nowhere)\n")
    preview = live.preview(source, result)
    assert [report.code for report in preview] == ["LNK003"]
    assert _live_reports([live]) == before


@needs_shared
@pytest.mark.parametrize("corpus", ["devbench/site", "corpus/material"])
def test_a_live_site_indexes_a_corpus_as_the_run_does(corpus: str) -> None:
    folder = SHARED / corpus
    before = os.getcwd()
    os.chdir(folder)
    try:
        config = load_config(start=folder)
        sites = index_sites(["."], config, Plan.make(config), jobs=1)
        assert _live_reports(sites) == _run_reports(folder)
    finally:
        os.chdir(before)
