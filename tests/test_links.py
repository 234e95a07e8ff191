"""Offline link rules: URL syntax (LNK001), MkDocs resolution (LNK002, LNK004), anchors (LNK003)."""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculint.checks.links.url_syntax import diagnose
from curriculint.fix.apply import apply_to_text
from tests.conftest import SEED, codes_and_lines, lint_paths, lint_text, needs_shared


@pytest.mark.parametrize(("written", "corrected"), [
    ("http:/gameprogrammingpatterns.com/", "http://gameprogrammingpatterns.com/"),
    ("https:/x.org/a", "https://x.org/a"),
    ("htp://x.org/", "http://x.org/"),
    ("hhttps://x.org/", "https://x.org/"),
    ("ttps://x.org/", "https://x.org/"),
    ("http//x.org/a", "http://x.org/a"),
    ("https:://x.org", "https://x.org"),
    ("https;//x.org", "https://x.org"),
    ("https:///x.org/a", "https://x.org/a"),
    ("http://https://x.org/a", "https://x.org/a"),
    ("http:\\\\x.org\\a", "http://x.org/a"),
    ("https://.x.org/", "https://x.org/"),
    ("https://x..org/", "https://x.org/"),
    ("https://x.org/a b", "https://x.org/a%20b"),
    ("https://aws.amazon.com/]", "https://aws.amazon.com/"),
])
def test_malformed_url_has_one_correction(written: str, corrected: str) -> None:
    problem = diagnose(written)
    assert problem is not None and problem.corrected == corrected


@pytest.mark.parametrize("written", [
    "https://x.org:44e/", "https://x org/", "https://", "https://x!y.org/",
])
def test_malformed_url_without_a_correction(written: str) -> None:
    problem = diagnose(written)
    assert problem is not None and problem.corrected is None


@pytest.mark.parametrize("written", [
    "http://localhost:8080/v2#/setup", "https://x.org/wiki/A_(b)", "https://x.org/?q=1&r=2",
    "https://x.org/K%C5%91nig", "mailto:a@x.org", "tcp://broker:9092", "hxxp://evil.example/",
    "https://${HOST}/api", "https://{{ site }}/", "https://münchen.de/", "https://x.org./",
    "../page.md", "page.md#a", "httpd:", "ftp://x.org/f", "https://x.org/items?filter[a]=1",
    "https://[2001:db8::1]",
])
def test_well_formed_or_not_a_url_passes(written: str) -> None:
    assert diagnose(written) is None


def test_a_word_and_one_slash_is_a_folder_not_a_misspelt_scheme(tmp_path: Path) -> None:
    """`help/` is two edits from `http`, but nothing ends a scheme there (no colon,
    one slash): the link is a relative path, checked as one."""
    for written in ("help/java.md", "html/tags.md", "http/status.md", "hello/x.md"):
        assert diagnose(written) is None, written
    (tmp_path / "help").mkdir()
    (tmp_path / "help" / "java.md").write_text("# Java\n", "utf-8")
    text = "# T\n\n[Java](help/java.md), [Kotlin](help/kotlin.md)\n"
    reports = lint_text(tmp_path, text, select=["LNK001", "LNK002"])
    assert [(report.code, report.span.column) for report in reports] == [("LNK002", 32)]


def test_www_target_is_a_relative_path_and_fix_is_unsafe() -> None:
    problem = diagnose("www.x.org")
    assert problem is not None and problem.corrected == "https://www.x.org" and not problem.safe


def test_a_placeholder_host_in_prose_is_no_url_to_judge(tmp_path: Path) -> None:
    text = ("# T\n\nOpen https://{team}.example.org:8443 or https://<host>/api; "
            "http:/x.org/{id} is broken.\n")
    reports = lint_text(tmp_path, text, select=["LNK001"])
    assert [report.message.split("'")[1] for report in reports] == ["http:/x.org/"]


def test_a_scheme_named_in_prose_is_no_url(tmp_path: Path) -> None:
    """"leave out *http://* in front" names the scheme (audit 81); as a link target
    it is still an empty URL, and `http:/x.org` in prose still a broken one."""
    text = ("# T\n\nType the host only (leave out *http://* in front); https:// is not "
            "needed.\n\nSee http:/x.org and [this](http://).\n")
    reports = lint_text(tmp_path, text, select=["LNK001"])
    assert [report.message.split("'")[1] for report in reports] == ["http:/x.org", "http://"]


def test_spaces_after_the_host_of_an_html_attribute_are_the_browsers_to_encode(
        tmp_path: Path) -> None:
    """`<a href="https://x.org/share?text=a b">` works: the browser encodes the
    spaces (audit 82); in a Markdown link they break the link."""
    text = ('# T\n\n<a href="https://x.org/share?text=good tea">share</a>\n\n'
            "[bad](<https://x.org/share?text=good tea>)\n")
    assert codes_and_lines(lint_text(tmp_path, text, select=["LNK001"])) == {("LNK001", 5)}


def test_a_markdown_escape_in_a_url_typed_in_prose_is_no_backslash(tmp_path: Path) -> None:
    """`new\\_storage` in prose shows `new_storage`: no backslash is left to report.
    A backslash before a letter stays one, and so does an escaped backslash."""
    text = ("# Orders\n\nOpen https://orders.example.org/new\\_request/?team=0 today.\n\n"
            "Or https://orders.example.org\\forms\\new and http:\\\\example.org/x.\n")
    assert codes_and_lines(lint_text(tmp_path, text, select=["LNK001"])) == {("LNK001", 5)}
    assert len(lint_text(tmp_path, text, select=["LNK001"])) == 2


def test_a_stray_closing_bracket_is_reported_in_a_link_only() -> None:
    problem = diagnose("https://x.org/]")
    assert problem is not None and problem.corrected == "https://x.org/" and not problem.safe
    assert diagnose("https://x.org/]", in_link=False) is None  # prose: `[see https://x.org/]`


def test_fix_rewrites_the_url_in_place(tmp_path: Path) -> None:
    reports = lint_text(tmp_path, "# T\n\nSee [x](http:/x.org/) now.\n", select=["LNK001"])
    assert [(report.span.line, report.span.column) for report in reports] == [(3, 9)]
    assert reports[0].fix is not None and reports[0].fix.safe
    fixed, _, _ = apply_to_text("# T\n\nSee [x](http:/x.org/) now.\n", reports[0].fix.edits)
    assert "[x](http://x.org/)" in fixed


def _site(tmp_path: Path, pages: dict[str, str], directory_urls: bool = True) -> Path:
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: t\nuse_directory_urls: {str(directory_urls).lower()}\n", encoding="utf-8")
    for name, text in pages.items():
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path / "docs"


def test_relative_links_resolve_like_mkdocs(tmp_path: Path) -> None:
    docs = _site(tmp_path, {
        "a/page.md": (
            "# P\n\n[ok](other.md)\n[ok](../../b/)\n[ok](../../b)\n[abs](/b/index.md)\n"
            "[ok](../img/x.png)\n[ok](../sub/)\n"
            "[missing](missing.md)\n[above](../../x.md)\n[case](Other.md)\n"
            "![gone](../img/gone.png)\n[dir](nope/)\n"),
        "a/other.md": "# O\n", "a/sub/index.md": "# S\n", "b/index.md": "# B\n",
        "img/x.png": "png",
    })
    found = codes_and_lines(lint_paths([docs], select=["LNK002", "LNK004"]))
    # (`/b/index.md`: MkDocs leaves an absolute link as written, a 404 on the site)
    assert found == {("LNK002", 6), ("LNK002", 9), ("LNK002", 10), ("LNK004", 11),
                     ("LNK002", 12), ("LNK002", 13)}


def test_directory_link_that_works_from_the_page_url_passes(tmp_path: Path) -> None:
    # a/page.md is served at a/page/, so `../sibling/` reaches a/sibling.md.
    docs = _site(tmp_path, {"a/page.md": "# P\n\n[s](../sibling/)\n", "a/sibling.md": "# S\n"})
    assert not lint_paths([docs], select=["LNK002"])


def test_a_link_without_md_is_resolved_from_the_page_url_only(tmp_path: Path) -> None:
    # MkDocs rewrites `../b.md`, never `../b/`: from a/page/ that is a/b/, a 404.
    text = "# P\n\n[b](../b/#setup)\n[b](../b)\n[s](sub/)\n[o](other)\n"
    docs = _site(tmp_path, {"a/page.md": text, "a/other.md": "# O\n",
                            "a/sub/index.md": "# S\n", "b.md": "# B\n\n## Setup\n"})
    reports = lint_paths([docs], select=["LNK002", "LNK003"])
    assert codes_and_lines(reports) == {("LNK002", 3), ("LNK002", 4), ("LNK002", 5),
                                        ("LNK002", 6)}
    first = reports[0]
    assert "'/a/b/'" in first.message and "did you mean '../b.md'?" in first.message
    assert first.fix is not None and not first.fix.safe
    fixed, _, _ = apply_to_text(text, first.fix.edits)
    assert "[b](../b.md#setup)" in fixed
    assert "did you mean 'sub/index.md'?" in reports[2].message


def test_without_directory_urls_the_page_folder_is_the_url_folder(tmp_path: Path) -> None:
    docs = _site(tmp_path, {"a/page.md": "# P\n\n[s](sub/)\n[b](../b/)\n[o](other)\n",
                            "a/other.md": "# O\n", "a/sub/index.md": "# S\n", "b.md": "# B\n"},
                 directory_urls=False)
    # `../b/` is the folder b/, not b.html; `other` is not other.html.
    assert codes_and_lines(lint_paths([docs], select=["LNK002"])) == {
        ("LNK002", 4), ("LNK002", 5)}


def test_autolinks_finds_a_file_by_its_name_anywhere(tmp_path: Path) -> None:
    docs = _site(tmp_path, {"guides/start.md": "# S\n\n[e](editor.md)\n![t](toolbar.png)\n"
                                               "[n](notes.md)\n[g](gone.md)\n",
                            "tools/editor.md": "# E\n", "tools/img/toolbar.png": "png",
                            "a/notes.md": "# N\n", "b/notes.md": "# N\n"})
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - autolinks\n",
                                         encoding="utf-8")
    assert codes_and_lines(lint_paths([docs], select=["LNK002"])) == {("LNK002", 6)}


@pytest.mark.parametrize("plugins", ["autolinks", "blog"])
def test_plugins_that_choose_names_or_urls_take_either_reading(tmp_path: Path, plugins: str
                                                               ) -> None:
    docs = _site(tmp_path, {"blog/posts/page.md": "# P\n\n[b](../b/)\n",
                            "blog/b.md": "# B\n"})
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\nplugins:\n  - {plugins}\n",
                                         encoding="utf-8")
    assert not lint_paths([docs], select=["LNK002"])


@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_link_to_a_built_html_page_is_the_browsers(tmp_path: Path, directory_urls: bool
                                                     ) -> None:
    # `b.md` is built as `b/index.html` under directory URLs, as `b.html` without.
    docs = _site(tmp_path, {"a/page.md": "# P\n\n[b](../b.html)\n[i](../sub/index.html)\n",
                            "b.md": "# B\n", "sub/index.md": "# S\n"},
                 directory_urls=directory_urls)
    found = codes_and_lines(lint_paths([docs], select=["LNK002"]))
    assert found == ({("LNK002", 3), ("LNK002", 4)} if directory_urls else set())


@pytest.mark.parametrize("config, expected", [
    ("", {("LNK008", 3)}),
    ("plugins:\n  - autorefs\n", set()),
    ("markdown_extensions:\n  - pymdownx.snippets:\n      auto_append: [links.md]\n", set()),
])
def test_undefined_references_unless_the_site_may_define_them(
        tmp_path: Path, config: str, expected: set[tuple[str, int]]) -> None:
    docs = _site(tmp_path, {"page.md": "# P\n\nSee [the guide][guide] and [Other][].\n\n"
                                       "[other]: page.md\n",
                            "snippet.md": '# S\n\n--8<-- "parts/links.md"\n\n[x][guide]\n',
                            "included.md": '# I\n\n[x][guide]\n\n{!parts/links.md!}\n'})
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\n{config}", encoding="utf-8")
    assert codes_and_lines(lint_paths([docs / "page.md", docs / "snippet.md",
                                       docs / "included.md"], select=["LNK008"])) == expected


def test_a_definition_inside_an_admonition_or_item_serves_the_page(tmp_path: Path) -> None:
    text = ("# P\n\nRead [the guide][guide] and [the notes][notes] and [x][gone].\n\n"
            "!!! tip\n    Inside.\n\n    [guide]: https://example.org/guide\n\n"
            "- An item\n\n    [notes]: https://example.org/notes\n")
    assert codes_and_lines(lint_text(tmp_path, text, select=["LNK008"])) == {("LNK008", 3)}


def test_definitions_after_a_line_that_is_none_are_still_definitions(tmp_path: Path) -> None:
    """`[hose-table] https://...` (no colon) is no definition, and CommonMark then
    reads the lines after it as text; Python-Markdown takes each definition line
    wherever it stands, so `[valve-sheet]` is defined and its target checked."""
    text = ("# Pump\n\nRead the [manual][pump-manual], the [valves][valve-sheet] and the "
            "[hoses][hose-table].\n\n[pump-manual]: https://example.org/pump.pdf\n"
            "[hose-table] https://example.org/hoses.html\n[valve-sheet]: valves.md\n")
    reports = lint_text(tmp_path, text, select=["LNK008", "LNK002"])
    assert sorted((report.code, report.span.line) for report in reports) == [
        ("LNK002", 7), ("LNK008", 3)]
    assert "'[hose-table]'" in next(r.message for r in reports if r.code == "LNK008")


def test_a_label_holding_inline_code_is_looked_up_and_named_as_written(tmp_path: Path) -> None:
    text = ("# P\n\nSee [the `root` key][] and [the `other` key][].\n\n"
            "[the `root` key]: https://example.org/root\n")
    (report,) = lint_text(tmp_path, text, select=["LNK008"])
    assert (report.span.line, report.span.column) == (3, 28)
    assert report.message.startswith("reference '[the `other` key]' is defined nowhere")


_PERCENT_SLUGS = ("markdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:"
                  "pymdownx.slugs.slugify {kwds: {case: lower, percent_encode: true}}\n")


def test_percent_encoded_ids_answer_links_written_either_way(tmp_path: Path) -> None:
    links = "[e](b.md#cr%C3%A8me)\n[p](b.md#crème)\n[x](b.md#nope)\n"
    docs = _site(tmp_path, {"a.md": f"# A\n\n{links}", "b.md": "# B\n\n## Crème\n"})
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\n{_PERCENT_SLUGS}", encoding="utf-8")
    assert codes_and_lines(lint_paths([docs], select=["LNK003"])) == {("LNK003", 5)}


def test_heading_whitespace_collapses_before_the_slug(tmp_path: Path) -> None:
    # Python-Markdown's toc collapses runs of spaces and tabs before slugifying.
    docs = _site(tmp_path, {"a.md": "# A\n\n[s](#step-one-install)\n[t](#name-value)\n\n"
                                    "## Step one  install\n\n## Name\tvalue\n"})
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:"
        "pymdownx.slugs.slugify {kwds: {case: lower}}\n", encoding="utf-8")
    assert not lint_paths([docs], select=["LNK003"])


def test_a_readme_beside_the_site_has_githubs_ids(tmp_path: Path) -> None:
    """A README next to mkdocs.yml, in no docs folder, is GitHub's to render: its
    `#helpers-` answers `## Helpers ✨` (round 92). Pages of the docs keep MkDocs' ids."""
    _site(tmp_path, {"index.md": "# Home\n\n[h](#helpers-)\n\n## Helpers ✨\n"})
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# Proj\n\n[h](#helpers-)\n\n## Helpers ✨\n",
                                        encoding="utf-8")
    found = lint_paths([tmp_path], select=["LNK003"])
    assert [(report.path.rsplit("/", 1)[-1], report.span.line) for report in found] == [
        ("index.md", 3)]


def test_a_folder_link_read_from_the_pages_url_says_so(tmp_path: Path) -> None:
    """`../rfcs/` from guide.md climbs out of the docs as a file path, but the
    browser reads it from /guide/, to /rfcs/: the message names that URL (round 91)."""
    docs = _site(tmp_path, {"guide.md": "# Guide\n\nSee [the RFCs](../rfcs/).\n"})
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    (found,) = lint_paths([docs], select=["LNK002"])
    assert "the browser resolves it from the page's URL, to '/rfcs/'" in found.message


def test_no_suggestion_of_a_translations_file_on_an_i18n_site(tmp_path: Path) -> None:
    docs = _site(tmp_path, {"index.md": "# Home\n\n[i](installation.md)\n",
                            "installation.zh.md": "# 安装\n"})
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - i18n:\n      docs_structure: suffix\n      languages:\n"
        "        - locale: en\n          default: true\n        - locale: zh\n",
        encoding="utf-8")
    reports = lint_paths([docs], select=["LNK002"])
    assert len(reports) == 1 and "did you mean" not in reports[0].message


def test_mkdocs_jupyter_notebooks_are_pages(tmp_path: Path) -> None:
    """A notebook, and a jupytext script (mkdocs-jupyter's default include takes
    `*.py` too), is a page served at its own URL."""
    docs = _site(tmp_path, {"index.md": "# Home\n\n[demo](lab/demo/)\n[file](lab/demo.ipynb)\n"
                                        "[gone](lab/gone/)\n[script](lab/charts/)\n",
                            "lab/demo.ipynb": "{}", "lab/charts.py": "# %%\n"})
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - mkdocs-jupyter\n",
                                         encoding="utf-8")
    assert codes_and_lines(lint_paths([docs], select=["LNK002"])) == {("LNK002", 5)}


def test_anchors_use_the_sites_ids_across_pages(tmp_path: Path) -> None:
    docs = _site(tmp_path, {
        "a.md": ("# A\n\n[x](b.md#setup)\n[x](b.md#setup_1)\n[x](b.md#-setup)\n"
                 "[x](b.md#nope)\n[x](missing.md#setup)\n[x](#a)\n"),
        "b.md": "# B\n\n## 🎯 Setup\n\n## Setup\n",
    })
    reports = lint_paths([docs], select=["LNK002", "LNK003"])
    assert codes_and_lines(reports) == {("LNK003", 5), ("LNK003", 6), ("LNK002", 7)}
    fixable = next(report for report in reports if report.span.line == 5)
    assert fixable.fix is not None and fixable.fix.safe
    assert fixable.fix.edits[0].text == "setup"


def test_shortcodes_unknown_to_the_emoji_index_stay_in_the_id(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nmarkdown_extensions:\n  - pymdownx.emoji\n", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.md").write_text(
        "# P\n\n[a](#material-rocket-go)\n[b](#launch)\n[c](#go)\n\n"
        "## :material-rocket: Go\n\n## :rocket: Launch\n", encoding="utf-8")
    assert codes_and_lines(lint_paths([docs], select=["LNK003"])) == {("LNK003", 5)}


@needs_shared
def test_seed_links() -> None:
    reports = lint_paths([SEED], select=["LNK0"])
    by_code = {code: sorted(line for c, line in codes_and_lines(reports) if c == code)
               for code in ("LNK001", "LNK002", "LNK003")}
    assert by_code["LNK001"] == [770]
    assert by_code["LNK002"] == [209, 231]
    assert 46 in by_code["LNK003"] and 87 in by_code["LNK003"]
    assert 55 not in by_code["LNK003"]  # '#domain-focused-project-structure' is rendered


def test_an_id_set_in_a_blocks_options_is_a_link_target(tmp_path: Path) -> None:
    text = ("# Switches\n\nSee [the notice](#retired-note), [the list](#spare-list) and "
            "[gone](#nowhere).\n\n/// warning | Retired\n    attrs: { id: retired-note }\n"
            "No longer in use.\n///\n\n/// details | Spares\n    attrs: \"#spare-list .compact\"\n"
            "A few remain.\n///\n")
    reports = lint_text(tmp_path, text, select=["LNK003"])
    assert [report.message.split("'")[1] for report in reports] == ["#nowhere"]


def test_author_year_citations_side_by_side_are_text(tmp_path: Path) -> None:
    text = ("# P\n\nA habit [Bolt & Carver, 2015][Dunn, 1998] and [Ames et al. 2011][] "
            "and [the guide][guide].\n")
    reports = lint_text(tmp_path, text, select=["LNK008"])
    assert [report.message.split("'")[1] for report in reports] == ["[guide]"]


def test_definitions_inside_admonitions_and_items_are_checked(tmp_path: Path) -> None:
    """A reference definition counts wherever it is written, and its target is
    checked there: in an admonition, under a list item."""
    docs = _site(tmp_path, {"index.md": ("# T\n\nSee [a][good] and [b][bad].\n\n!!! note\n"
                                         "    Text.\n\n    [good]: other.md\n\n- item\n\n"
                                         "    [bad]: missing.md\n"),
                            "other.md": "# O\n"})
    reports = lint_paths([docs], select=["LNK002", "LNK008"])
    assert [(report.code, report.span.line, report.span.column) for report in reports] == [
        ("LNK002", 12, 12)]


def test_a_target_of_words_is_reported(tmp_path: Path) -> None:
    text = ("# T\n\nA claim [Source](Miller & Chen 2019), [x](my page.md), f[i](a b), "
            "[ok](page.md).\n")
    reports = lint_text(tmp_path, text, select=["LNK001"])
    # (`my page.md` is a file name MkDocs finds if it exists; `a b`, too short to tell)
    assert [report.message.split("'")[1] for report in reports] == ["Miller & Chen 2019"]


@pytest.mark.parametrize(("plugin", "found"), [("ezlinks", False), ("roamlinks", True)])
def test_ezlinks_finds_a_page_by_its_name_without_the_extension(
        tmp_path: Path, plugin: str, found: bool) -> None:
    docs = _site(tmp_path, {"index.md": "# H\n\n[c](compost) [t](compost#turning)\n",
                            "notes/compost.md": "# Compost\n\n## Turning\n"})
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\nplugins:\n  - {plugin}\n",
                                         encoding="utf-8")
    reports = lint_paths([docs], select=["LNK002", "LNK003"])
    assert bool(reports) is found


def test_altlink_adds_the_extension_to_a_link_without_one(tmp_path: Path) -> None:
    """mkdocs-altlink-plugin makes `Chores` `Chores.md` beside the page: found
    there, the link works, anchors included; a name with no page is still broken."""
    docs = _site(tmp_path, {"guide.md": "# G\n\n[c](Chores) [w](Chores#watering) [n](Nowhere)\n",
                            "Chores.md": "# Chores\n\n## Watering\n"})
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - alternate-link\n",
                                         encoding="utf-8")
    reports = lint_paths([docs], select=["LNK002", "LNK003"])
    assert [(report.code, report.span.column) for report in reports] == [("LNK002", 38)]


def test_an_accented_heading_gets_a_fix_and_a_mangled_one_a_note(tmp_path: Path) -> None:
    """`Größe` is the heading's own word: the link is repaired to its id. `âš¡` is
    mojibake whose letters enter the id: the heading wants repairing, not the link."""
    text = ("# T\n\n[a](#größe-der-beete) [b](#-goals)\n\n## Größe der Beete\n\n"
            "## âš¡ Goals\n")
    reports = sorted(lint_text(tmp_path, text, select=["LNK003"]), key=lambda r: r.span.column)
    assert [report.fix is not None for report in reports] == [True, False]
    assert "non-ASCII" not in reports[0].message and "non-ASCII" in reports[1].message


def test_the_all_contributors_table_is_the_bots(tmp_path: Path) -> None:
    text = ("# People\n\n<!-- ALL-CONTRIBUTORS-LIST:START - Do not remove or modify this "
            "section -->\n<table><tr><td><a href=\"#ideas-pat\">🤔</a></td></tr></table>\n"
            "<!-- ALL-CONTRIBUTORS-LIST:END -->\n\n[gone](#nowhere)\n")
    reports = lint_text(tmp_path, text, select=["LNK003"])
    assert [report.span.line for report in reports] == [7]


@pytest.mark.parametrize(("validation", "found"), [("", True), (
    "validation:\n  links:\n    absolute_links: relative_to_docs\n", False)])
def test_an_absolute_link_to_a_page_is_left_as_written(tmp_path: Path, validation: str,
                                                      found: bool) -> None:
    docs = _site(tmp_path, {"index.md": "# I\n\n[r](/before/roles.md) [s](/before/roles/)\n",
                            "before/roles.md": "# R\n"})
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\n{validation}", encoding="utf-8")
    reports = lint_paths([docs], select=["LNK002"])
    assert [(r.span.column, r.fix is not None) for r in reports] == ([(5, True)] if found else [])


def test_a_label_that_wraps_uses_its_definition(tmp_path: Path) -> None:
    docs = _site(tmp_path, {"notes.md": ("# Notes\n\nSee the [Stacking Boxes\n  Safely] part.\n\n"
                                         "[Stacking Boxes Safely]: guide.md\n"
                                         "[Unused One]: gone.md\n")})
    messages = [report.message for report in lint_paths([docs], select=["LNK002"])]
    assert len(messages) == 2 and "does not use" not in messages[0]
    assert "does not use" in messages[1]


def test_a_link_text_with_escapes_is_not_found_in_its_destination(tmp_path: Path) -> None:
    """`[run\\_report](../gone/run_report.md)` renders the text `run_report`, which
    the destination spells too: the link is still read as an inline link, at its
    destination, and the missing page is reported."""
    (tmp_path / "sub").mkdir()
    text = "# T\n\nSee [run\\_report](../gone/run_report.md) and [a\\*b](a*b.md).\n"
    reports = lint_text(tmp_path / "sub", text, select=["LNK002"])
    assert [(report.code, report.span.column) for report in reports] == [
        ("LNK002", 19), ("LNK002", 53)]


def test_an_unclosed_target_says_how_each_renderer_reads_it(tmp_path: Path) -> None:
    """A target whose ')' never comes shows as text everywhere; one whose ')' is on
    the paragraph's next line is a link in MkDocs, to both lines joined (browsers
    drop the line break), and text in CommonMark."""
    text = ("# T\n\nSee [the guide](guide/setup.md for details.\n\n"
            "See [pairing](pairs/cores.md\nnotes). Then more.\n")
    messages = [report.message for report in lint_text(tmp_path, text, select=["LNK001"])]
    assert len(messages) == 2
    assert messages[0].endswith("is not closed with ')': the link renders as plain text")
    assert "runs on to the next line" in messages[1]
    assert "'pairs/cores.mdnotes' (browsers drop the line break)" in messages[1]


def test_a_page_name_in_brackets_with_no_definition_is_text(tmp_path: Path) -> None:
    """`[setup.md]` alone is a shortcut reference: with no definition MkDocs shows
    the brackets. Defined, or written as a link or a wiki link, it is fine."""
    text = ("# T\n\nSee [setup.md] first, then [usage.md], [guide](guide.md), [[notes.md]] "
            "and `[code.md]`.\n\n[usage.md]: usage.md\n")
    reports = lint_text(tmp_path, text, select=["LNK008"])
    assert [(report.span.line, report.span.column) for report in reports] == [(3, 5)]


def test_a_bracketed_tag_before_an_inline_link_is_text(tmp_path: Path) -> None:
    """`[Optional][Read the guide](other.md)`: Python-Markdown shows `[Optional]`
    and links the second bracket; only a real `[text][label]` needs a label."""
    text = "# T\n\n- [Optional][Read the guide](other.md)\n- [Optional][guide]\n"
    reports = lint_text(tmp_path, text, select=["LNK008"])
    assert [(report.span.line, report.span.column) for report in reports] == [(4, 3)]


def test_escapes_in_a_url_are_markdowns_not_the_urls(tmp_path: Path) -> None:
    """`a-\\[1998\\].pdf` in a link's destination is `a-[1998].pdf` to the renderer,
    and `\\[https://x.org/a.html\\]` in prose escapes the brackets around a URL:
    neither backslash is in the URL. A real backslash still is."""
    text = ("# T\n\n- [Survey](https://example.org/Survey-\\[1998\\].pdf)\n\n"
            "See \\[http://www.example.edu/~field/notes.html\\].\n\n"
            "[Bad](https://example.org\\guide\\a.html)\n")
    reports = lint_text(tmp_path, text, select=["LNK001"])
    assert [(report.span.line, report.span.column) for report in reports] == [(7, 7)]


def test_a_fragment_short_of_its_headings_id_is_pointed_to_it(tmp_path: Path) -> None:
    """`#performance` for `## Performance tuning` (id `performance-tuning`): the only
    id that starts with the fragment's words is named, and offered as an unsafe fix."""
    text = ("# T\n\nSee [tuning](#performance) and [kilns](#kiln).\n\n## Performance tuning\n\n"
            "Text.\n\n## Kiln loading\n\n## Kiln firing\n")
    reports = sorted(lint_text(tmp_path, text, select=["LNK003"]),
                     key=lambda report: report.span.column)
    assert [report.message for report in reports] == [
        "'#performance' matches no id on this page; the heading 'Performance tuning' has the "
        "id 'performance-tuning'", "'#kiln' matches no id on this page"]
    assert reports[0].fix is not None and not reports[0].fix.safe


def test_a_target_in_quotes_is_said_to_be_read_as_a_title(tmp_path: Path) -> None:
    """`[guide]("guide.md")`: Python-Markdown takes the quoted text as the link's
    title and leaves the link empty (audit 109); the message says so."""
    (tmp_path / "guide.md").write_text("# G\n", encoding="utf-8")
    page = tmp_path / "index.md"
    page.write_text('# Q\n\nSee [the guide]("guide.md").\n', encoding="utf-8")
    [report] = lint_paths([tmp_path], select=["LNK002"])
    assert report.span.line == 3 and "is in quotes" in report.message
    assert "the link's title" in report.message


def test_a_link_a_space_breaks_renders_as_text(tmp_path: Path) -> None:
    """`[text] (target)`: Python-Markdown takes no space between `]` and `(`, so
    the reader sees the brackets and the address (audit 116, a heading). A task
    box, a numbered entry, words in brackets and a defined label are left alone."""
    text = ("# P\n\n## [Firing guide] (https://example.org/firing)\n\n"
            "See [the glazes] (glazes.md#celadon) too.\n\n"
            "- [x] (done.md)\n- [1] (https://example.org/a)\n\n"
            "We add [sic] (see above) and [kiln] (kiln.md).\n\n[kiln]: kiln.md\n")
    reports = lint_text(tmp_path, text, select=["LNK008"])
    assert [(report.span.line, report.span.column) for report in reports] == [(3, 4), (5, 5)]
    assert reports[0].message == (
        "'[Firing guide]' and '(https://example.org/firing)' are no link: the space between "
        "']' and '(' makes them plain text; remove it")


def test_an_empty_quoted_target_is_said_to_be_an_empty_title(tmp_path: Path) -> None:
    """`[0]("")` (a generated count with no link to give it): an empty title,
    not a file named '""' looked for (audit 117)."""
    page = tmp_path / "index.md"
    page.write_text('# Q\n\nModules: [0]("")\n', encoding="utf-8")
    [report] = lint_paths([tmp_path], select=["LNK002"])
    assert report.message == (
        'link target "" is in quotes: Python-Markdown reads it as the link\'s title and '
        "leaves the link empty (it reloads the page); write the path it should lead to")
