"""mkdocs.yml nav checks: missing nav targets (LNK005) and pages outside the nav (LNK006)."""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculint.cli.main import main
from tests.conftest import CORPUS, lint_paths, needs_shared

MKDOCS = """\
site_name: Course
theme:
  name: material
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
nav:
  - Home: index.md
  - Lessons:
      - lessons/index.md
      - Intro: lessons/intro.md
      - Advanced:
          - Deep: lessons/advanced/deep.md
          - Gone: lessons/advanced/gone.md
  - GitHub: https://github.com/example/course
  - Site root: /blog/
  - "Quoted": 'missing-quoted.md'
"""


def make_project(root: Path, mkdocs: str = MKDOCS, pages: tuple[str, ...] = (
        "index.md", "lessons/index.md", "lessons/intro.md", "lessons/advanced/deep.md")) -> Path:
    (root / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    for page in pages:
        path = root / "docs" / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {page}\n", encoding="utf-8")
    return root / "docs"


def at(reports: list, code: str) -> list[tuple[str, int, int, int]]:
    return sorted((Path(report.path).name, report.span.line, report.span.column,
                   report.span.end_column) for report in reports if report.code == code)


def test_missing_entries_are_reported_at_their_mkdocs_yml_position(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path)
    reports = lint_paths(["docs"], select=["LNK005"])
    # nested section entry, and a quoted one (the span covers the quotes)
    assert at(reports, "LNK005") == [("mkdocs.yml", 14, 19, 43),
                                     ("mkdocs.yml", 17, 15, 34)]
    first = next(report for report in reports if report.span.line == 14)
    assert first.path == "mkdocs.yml"
    assert "lessons/advanced/gone.md" in first.message
    assert first.source_line == "          - Gone: lessons/advanced/gone.md"


def test_external_and_site_absolute_entries_are_not_files(tmp_path: Path) -> None:
    docs = make_project(tmp_path, "nav:\n  - index.md\n  - X: https://x.org/a.md\n"
                                  "  - M: mailto:a@x.org\n  - B: /blog/\n")
    assert lint_paths([docs], select=["LNK005"]) == []


def test_an_entry_to_a_section_is_the_pages_url_and_an_id(tmp_path: Path) -> None:
    """MkDocs keeps `lessons/intro/#setup` as a link from the site's root: it reaches
    the section (MkDocs warns all the same); `intro.md#setup` is not rewritten and
    leads to the Markdown file. An id the page lacks is reported."""
    docs = make_project(tmp_path, "nav:\n  - index.md\n  - Setup: lessons/intro/#setup\n"
                                  "  - Gone: lessons/intro/#teardown\n"
                                  "  - File: lessons/intro.md#setup\n")
    (docs / "lessons" / "intro.md").write_text("# Intro\n\n## Setup\n", encoding="utf-8")
    reports = sorted(lint_paths([docs], select=["LNK005"]), key=lambda report: report.span.line)
    assert [(report.span.line, report.message) for report in reports] == [
        (4, "nav entry 'lessons/intro/#teardown' leads to 'lessons/intro.md', which has no "
            "anchor 'teardown'"),
        (5, "nav entry 'lessons/intro.md#setup' is no page to MkDocs (a file path takes no "
            "'#'): it links to the Markdown file, which the site does not serve; write the "
            "page's URL, 'lessons/intro/#setup'")]


def test_folder_entry_suggests_its_index(tmp_path: Path) -> None:
    docs = make_project(tmp_path, "nav:\n  - index.md\n  - Lessons: lessons/\n")
    [report] = lint_paths([docs], select=["LNK005"])
    assert (report.span.line, report.span.column) == (3, 14)
    assert "did you mean 'lessons/index.md'?" in report.message


def test_literate_nav_takes_folders_and_wildcards_in_the_nav(tmp_path: Path) -> None:
    """literate-nav expands `folder/` (the folder's own nav or its pages) and
    wildcards; a folder that is not there is still reported."""
    plugins = "plugins:\n  - literate-nav\n"
    docs = make_project(tmp_path, plugins + "nav:\n  - index.md\n  - Lessons: lessons/\n"
                        "  - Deep: lessons/advanced/\n  - All: '*.md'\n  - Gone: gone/\n")
    [report] = lint_paths([docs], select=["LNK005"])
    assert report.span.line == 8
    assert report.message == ("nav entry 'gone/' names a folder that does not exist "
                              "(not in docs_dir 'docs')")


def test_include_dir_to_nav_expands_folder_entries(tmp_path: Path) -> None:
    """include_dir_to_nav puts a folder's pages where the nav names the folder,
    with or without a slash: no missing file, no page left out of the nav."""
    plugins = "plugins:\n  - include_dir_to_nav\n"
    docs = make_project(tmp_path, plugins + "nav:\n  - index.md\n  - Lessons: lessons/\n"
                        "  - lessons/advanced\n  - Gone: gone/\n  - Nope: nope\n")
    reports = lint_paths([docs], select=["LNK005", "LNK006"])
    assert [(report.code, report.span.line) for report in reports] == [
        ("LNK005", 7), ("LNK005", 8)]
    assert "names a folder that does not exist" in reports[0].message
    assert "names a file that does not exist" in reports[1].message


def test_entry_above_docs_dir(tmp_path: Path) -> None:
    docs = make_project(tmp_path, "nav:\n  - index.md\n  - Up: ../README.md\n")
    (tmp_path / "README.md").write_text("# r\n", encoding="utf-8")
    [report] = lint_paths([docs], select=["LNK005"])
    assert "above the docs folder" in report.message


def test_docs_dir_setting_is_used(tmp_path: Path) -> None:
    make_project(tmp_path, "docs_dir: content\nnav:\n  - index.md\n  - b.md\n", pages=())
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text("# i\n", encoding="utf-8")
    reports = lint_paths([tmp_path / "content"], select=["LNK005"])
    assert [(report.span.line, report.span.column) for report in reports] == [(4, 5)]


def test_site_without_nav_reports_nothing(tmp_path: Path) -> None:
    docs = make_project(tmp_path, "site_name: x\n")
    assert lint_paths([docs], select=["LNK005", "LNK006"]) == []


def test_folder_without_mkdocs_reports_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# a\n", encoding="utf-8")
    assert lint_paths([tmp_path], select=["LNK005", "LNK006"]) == []


def test_orphans_are_opt_in(tmp_path: Path) -> None:
    docs = make_project(tmp_path, pages=("index.md", "lessons/index.md", "lessons/intro.md",
                                         "lessons/advanced/deep.md", "extra.md",
                                         "lessons/notes.md"))
    default = lint_paths([docs])
    assert not [report for report in default if report.code == "LNK006"]
    reports = lint_paths([docs], select=["LNK006"])
    assert sorted((Path(report.path).as_posix().split("docs/")[-1], report.span.line)
                  for report in reports) == [("extra.md", 1), ("lessons/notes.md", 1)]
    assert {report.severity.value for report in reports} == {"warning"}


def test_the_home_page_outside_the_nav_is_no_orphan(tmp_path: Path) -> None:
    """The site's root page is where its address, logo and title lead; a folder's
    index page outside the nav is an orphan like any other."""
    docs = make_project(tmp_path, "nav:\n  - Intro: intro.md\n",
                        pages=("index.md", "intro.md", "guide/index.md"))
    reports = lint_paths([docs], select=["LNK006"])
    assert [Path(report.path).as_posix().split("docs/")[-1] for report in reports] == [
        "guide/index.md"]


def test_not_in_nav_patterns_are_respected(tmp_path: Path) -> None:
    docs = make_project(tmp_path, "nav:\n  - index.md\nnot_in_nav: |\n  /drafts/\n  notes.md\n",
                        pages=("index.md", "drafts/a.md", "x/notes.md", "x/y.md"))
    reports = lint_paths([docs], select=["LNK006"])
    assert [Path(report.path).as_posix().split("docs/")[-1] for report in reports] == ["x/y.md"]


def test_per_file_ignores_apply_to_mkdocs_yml(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from curriculint.config import Config

    monkeypatch.chdir(tmp_path)
    make_project(tmp_path)
    config = Config.model_validate({"roots": (), "per-file-ignores": {"mkdocs.yml": ["LNK005"]}})
    assert lint_paths(["docs"], select=["LNK005"], config=config) == []


def test_cli_reports_into_mkdocs_yml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    make_project(tmp_path)
    code = main(["check", "--select", "LNK005", "--no-cache", "docs"])
    out = capsys.readouterr().out
    assert code == 1
    assert "mkdocs.yml:14:19: LNK005" in out
    assert "mkdocs.yml:17:15: LNK005" in out
    code = main(["check", "--select", "LNK006", "--format", "json", "--no-cache", "docs"])
    assert code == 0


@needs_shared
def test_corpus_nav_entries_match_the_files() -> None:
    reports = lint_paths([CORPUS], select=["LNK005"])
    assert reports and {Path(report.path).name for report in reports} == {"mkdocs.yml"}
    for report in reports:
        target = report.message.split("'")[1]
        assert not (CORPUS / target).exists(), target


def test_files_other_pages_include_are_not_orphans(tmp_path: Path) -> None:
    mkdocs = ("nav:\n  - index.md\nmarkdown_extensions:\n  - pymdownx.snippets:\n"
              "      auto_append:\n        - docs/includes/abbreviations.md\n")
    docs = make_project(tmp_path, mkdocs, pages=(
        "index.md", "includes/abbreviations.md", "parts/setup.md", "parts/faq.md",
        "parts/legal.md", "parts/notes.md", "lost.md"))
    (docs / "index.md").write_text(
        '# Home\n\n--8<-- "docs/parts/setup.md:install"\n\n{!parts/faq.md!}\n\n'
        "```text\n;--8<-- \"parts/other.md\"\n```\n\n"
        '{% include "parts/legal.md" %}\n\n{%\n  include-markdown "parts/notes.md"\n%}\n',
        encoding="utf-8")
    reports = lint_paths([docs], select=["LNK006"])
    assert [Path(report.path).name for report in reports] == ["lost.md"]


def test_a_mkdocs_yml_below_the_docs_folder_that_claims_it_is_the_sites(tmp_path: Path) -> None:
    # `mkdocs -f docs/_site/mkdocs.yml` with docs_dir '../': nothing above the pages.
    docs = tmp_path / "docs"
    (docs / "_site").mkdir(parents=True)
    (docs / "_site" / "mkdocs.yml").write_text(
        "site_name: t\ndocs_dir: '../'\nnav:\n  - index.md\n  - missing.md\n", encoding="utf-8")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    reports = lint_paths([docs], select=["LNK005"])
    assert [(report.code, Path(report.path).name) for report in reports] == [
        ("LNK005", "mkdocs.yml")]


def test_the_blog_index_the_blog_plugin_writes_is_not_missing(tmp_path: Path) -> None:
    docs = make_project(tmp_path, "plugins:\n  - blog:\n      blog_dir: news\nnav:\n"
                        "  - index.md\n  - news/index.md\n  - blog/index.md\n",
                        pages=("index.md", "news/posts/first.md"))
    reports = lint_paths([docs], select=["LNK005", "LNK007"])
    assert sorted((report.code, report.span.line) for report in reports) == [
        ("LNK005", 7), ("LNK007", 6)]


def test_a_literate_nav_file_links_folders_as_sections(tmp_path: Path) -> None:
    """In a literate-nav nav file (its `nav_file` name, in any folder), `folder/`
    is that folder's section, with or without an index page; a folder with no
    files, and a file that is not there, are still reported. A page of another
    name gets no such reading."""
    plugins = "plugins:\n  - literate-nav:\n      nav_file: NAV.md\n"
    docs = make_project(tmp_path, plugins)
    for path, text in (("NAV.md", "* [Start](index.md)\n* [Guides](guides/)\n"
                                  "* [Recipes](recipes/)\n* [Gone](gone/)\n* [Lost](lost.md)\n"),
                       ("guides/index.md", "# Guides\n"), ("recipes/NAV.md", "* [Bake](bake.md)\n"),
                       ("recipes/bake.md", "# Bake\n"),
                       ("other.md", "# Other\n\nSee [the recipes](recipes/).\n")):
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    reports = lint_paths([docs], select=["LNK002"])
    found = sorted((Path(report.path).name, report.span.line) for report in reports)
    assert found == [("NAV.md", 4), ("NAV.md", 5), ("other.md", 3)]
    other = next(report for report in reports if report.path.endswith("other.md"))
    assert other.message == ("link target 'recipes/' names the folder 'recipes', which has "
                             "no index page")


def test_a_config_folder_per_language_claims_its_docs_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`config/de/mkdocs.yml` with `docs_dir: ../../docs/de`, checked as `docs/de`
    from the repository's root (as pre-commit runs): its settings and nav apply."""
    (tmp_path / "config" / "de").mkdir(parents=True)
    (tmp_path / "config" / "de" / "mkdocs.yml").write_text(
        "site_name: t\ndocs_dir: ../../docs/de\nmarkdown_extensions:\n  - toc:\n"
        "      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n"
        "nav:\n  - index.md\n  - gone.md\n", encoding="utf-8")
    docs = tmp_path / "docs" / "de"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Start\n\n[b](#größe-der-beete)\n\n## Größe der Beete\n",
                                   encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    reports = lint_paths([Path("docs/de")], select=["LNK003", "LNK005"])
    assert [(report.code, Path(report.path).name) for report in reports] == [
        ("LNK005", "mkdocs.yml")]


def test_a_config_file_per_language_claims_its_docs_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs.fa.yml` (built with `mkdocs build -f`) with `docs_dir: docs/fa`,
    and `mkdocs.ar.yml` INHERITing `mkdocs.yml` (`locales/en`) for `locales/ar`:
    each language's settings and nav apply (audit 116). A YAML file of another
    tool named like one (`mkdocs.env.yml`, no `site_name`) is not a site."""
    (tmp_path / "mkdocs.fa.yml").write_text(
        "site_name: t\ndocs_dir: docs/fa\nnav:\n  - index.md\n  - gone.md\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ndocs_dir: locales/en\n"
                                         "nav:\n  - index.md\n", encoding="utf-8")
    (tmp_path / "mkdocs.ar.yml").write_text(
        "INHERIT: mkdocs.yml\ndocs_dir: locales/ar\nnav:\n  - index.md\n  - lost.md\n",
        encoding="utf-8")
    (tmp_path / "mkdocs.env.yml").write_text("name: env\ndependencies:\n  - mkdocs\n",
                                              encoding="utf-8")
    for folder in ("locales/en", "docs/fa", "locales/ar"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "index.md").write_text("# Start\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    reports = lint_paths([Path(".")], select=["LNK005"])
    assert sorted((Path(report.path).name, report.span.line) for report in reports) == [
        ("mkdocs.ar.yml", 5), ("mkdocs.fa.yml", 5)]


_I18N = """\
site_name: Ferries
plugins:
  - search
  - i18n:
      docs_structure: {structure}
      languages:
        - locale: en
          default: true
          nav:
            - Home: {home}
            - Fares: {fares}
        - locale: fr
{french}
nav:
  - Home: index.md
  - Old map: legacy/map.md
"""


@pytest.mark.parametrize(("structure", "french", "expected"), [
    # every language has its nav: the top-level one is unused; folder paths are checked
    ("folder", "          nav:\n            - Accueil: fr/index.md", {("mkdocs.yml", 11)}),
    # the French pages use the top-level nav
    ("folder", "          name: Français", {("mkdocs.yml", 11), ("mkdocs.yml", 16)}),
    # suffix pages: a language nav's `index.md` is localised, so only the top nav is read
    ("suffix", "          name: Français", {("mkdocs.yml", 16)}),
    ("suffix", "          nav:\n            - Accueil: index.md", set()),
])
def test_language_navs_of_static_i18n(tmp_path: Path, structure: str, french: str,
                                      expected: set[tuple[str, int]]) -> None:
    """mkdocs-static-i18n: a language's own nav replaces the top-level one; with
    a folder per language its entries are paths from the docs folder (audit 108)."""
    folder = structure == "folder"
    config = _I18N.format(structure=structure, french=french,
                          home="en/index.md" if folder else "index.md",
                          fares="en/fares.md" if folder else "fares.md")
    pages = ("index.md", "en/index.md", "fr/index.md") if folder else (
        "index.md", "index.fr.md")
    make_project(tmp_path, config, pages)
    reports = lint_paths([tmp_path / "docs"], select=["LNK005"])
    assert {(Path(report.path).name, report.span.line) for report in reports} == expected
