"""Link rules on small invented MkDocs sites: what the build adds (attr_list ids,
autorefs anchors, content-tab ids, mkdocstrings, hooks, templating, generated
pages), how MkDocs reads its config (INHERIT, !ENV) and links (`page.md/#x`),
translated sites (mkdocs-static-i18n, per-language docs folders). Each cause has
a case that must pass and one that must still be reported."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from curriculint.config import Config
from curriculint.load.document import parse
from curriculint.load.site import forget_projects
from curriculint.model import Report
from curriculint.run.plan import Plan
from curriculint.run.runner import run
from tests.conftest import codes_and_lines, lint_paths

LINKS = ["LNK001", "LNK002", "LNK003", "LNK004", "LNK005", "LNK006", "LNK007"]


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _lint(root: Path, files: dict[str, str], select: list[str] | None = None,
          target: str = "docs") -> list[Report]:
    _write(root, files)
    return lint_paths([root / target], select or LINKS, Config(roots=()))


def _found(reports: list[Report], code: str) -> list[tuple[str, int]]:
    return sorted((Path(report.path).name, report.span.line) for report in reports
                  if report.code == code)


def test_a_local_path_with_spaces_is_a_link_mkdocs_resolves(tmp_path: Path) -> None:
    """Python-Markdown links `(img/board wiring.png)` (MkDocs writes %20), so a path
    with spaces is no malformed target: it is checked as a link, title or not.
    A web address with a space still is malformed."""
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\n",
        "docs/index.md": ("# Wiring\n\n![Board](img/board wiring.png)\n\n"
                          "![Pins](./img/driver pins.png \"Pins\")\n\n"
                          "[Notes](notes/old notes.md)\n\n"
                          "[Site](https://example.org/get started/)\n"),
        "docs/img/board wiring.png": "",
    }, ["LNK001", "LNK002"])
    assert sorted((report.code, report.span.line, report.span.column) for report in reports) == [
        ("LNK001", 9, 8), ("LNK002", 5, 9), ("LNK002", 7, 9)]


# -- attribute lists and autorefs anchors -------------------------------------


ATTR_SITE = {
    "mkdocs.yml": "site_name: t\nmarkdown_extensions:\n  - attr_list\n  - pymdownx.superfences\n",
    "docs/index.md": (
        "# Index\n"                                        # 1
        "\n"
        "## Release { id=\"9.7.0\" }\n"                    # 3
        "\n"
        "## Paths { id=route-path }\n"                     # 5
        "\n"
        "## Quoted { id='quoted-id' }\n"                   # 7
        "\n"
        "## Colon {: #colon-id }\n"                        # 9
        "\n"
        "Para text.\n"
        "{: #para-id }\n"                                  # 12
        "\n"
        "- item { #item-id }\n"                            # 14
        "\n"
        "``` { .sh .no-copy #example }\n"                  # 16
        "echo\n"
        "```\n"
        "\n"
        "[](){#autoref-a}\n"                               # 20
        "[](){ #autoref-b }\n"                             # 21
        "[](){: #autoref-c }\n"                            # 22
        "\n"
        "| a | b |\n|---|---|\n| cell { #cell-id } | x |\n"  # 24-26
        "\n"
        "![logo](logo.png){ #figure-id }\n"                # 28
        "\n"
        "## GET /lists/{list_id}\n"                        # 30: braces with no space: text
    ),
    "docs/logo.png": "",
    "docs/guide.md": (
        "# Guide\n\n"
        "[a](index.md#9.7.0) [b](index.md#route-path) [c](index.md#quoted-id)\n"        # 3
        "[d](index.md#colon-id) [e](index.md#para-id) [f](index.md#item-id)\n"          # 4
        "[g](index.md#example) [h](index.md#autoref-a) [i](index.md#autoref-b)\n"       # 5
        "[j](index.md#autoref-c) [k](index.md#cell-id) [l](index.md#figure-id)"
        " [m](index.md#get-listslist_id)\n"                                              # 6
        "[broken](index.md#no-such-id)\n"                                                # 7
        "[]()\n"                                                                         # 8
        "[text]()\n"                                                                     # 9
        "[](){.just-a-class}\n"                                                          # 10
    ),
}


def test_attr_list_ids_in_every_form_and_autorefs_anchors(tmp_path: Path) -> None:
    reports = _lint(tmp_path, ATTR_SITE)
    assert _found(reports, "LNK003") == [("guide.md", 7)]
    # `[](){#id}` is an anchor; an empty link without an id is still reported.
    assert _found(reports, "LNK001") == [("guide.md", 8), ("guide.md", 9), ("guide.md", 10)]


def test_attr_list_ids_agree_with_python_markdown(tmp_path: Path) -> None:
    """Every id Python-Markdown (attr_list, superfences) gives the page is one we know."""
    markdown = pytest.importorskip("markdown")
    from curriculint.load.document import parse

    page = ATTR_SITE["docs/index.md"]
    html = markdown.markdown(page, extensions=["attr_list", "toc", "tables",
                                               "pymdownx.superfences"])
    theirs = set(re.findall(r'\bid="([^"]+)"', html))
    index = parse(page.encode(), "index.md").index
    ours = set(index.ids) | set(index.attr_ids)
    assert theirs and theirs <= ours, theirs - ours


@pytest.mark.parametrize("inside", [
    ".lg .middle ", "middle id", "#x .y", "id=x", "id='9.7.0'", 'id="a b" .c', ".c id=x #z",
    "data-id=x", "xid=y", "title='a #b'", 'title="id=q"', "id", "id=",
])
def test_attr_id_agrees_with_python_markdown(inside: str) -> None:
    """The shortcut for lists that cannot set an id (no markdown import) answers
    as Python-Markdown's scanner does."""
    attr_list = pytest.importorskip("markdown.extensions.attr_list")
    from curriculint.index.attrs import attr_id

    pairs = attr_list.get_attrs_and_remainder(inside.strip() + "}")[0]
    theirs = None
    for key, value in pairs:
        if key == "id" and value:
            theirs = value
    assert attr_id(inside) == theirs


def test_autorefs_cross_references_are_not_links(tmp_path: Path) -> None:
    """`[text][pkg.Object]` and `[pkg.Object][]` without a definition are resolved
    site-wide by mkdocs-autorefs: never a broken link or anchor."""
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\nplugins:\n  - autorefs\n",
        "docs/index.md": "# I\n\nSee [the model][pkg.models.Model] and [pkg.models.Model][].\n"
                         "Also [`Field`][pkg.fields.Field].\n",
    })
    assert reports == []


# -- content tabs -------------------------------------------------------------


TAB_PAGE = ("# Tabs\n\n## Logo image\n\n=== \"Image\"\n\n    a\n\n"
            "=== \"Icon, bundled\"\n\n    b\n\n"
            "=== \"`mkdocs.yml`\"\n\n    c\n\n## Again\n\n=== \"Same\"\n\n    d\n\n"
            "=== \"Same\"\n\n    e\n\n"
            "[1](#logo-image-image) [2](#logo-image-icon-bundled) [3](#logo-image-mkdocsyml)\n"
            "[4](#again-same) [5](#again-same_1) [6](#again-same_2)\n")


def test_tab_ids_with_slugify_and_combined_header(tmp_path: Path) -> None:
    reports = _lint(tmp_path, {
        "mkdocs.yml": ("site_name: t\nmarkdown_extensions:\n  - pymdownx.tabbed:\n"
                       "      alternate_style: true\n      combine_header_slug: true\n"
                       "      slugify: !!python/object/apply:pymdownx.slugs.slugify\n"
                       "        kwds:\n          case: lower\n"),
        "docs/index.md": TAB_PAGE,
    }, ["LNK003"])
    assert [(report.span.line, report.span.column) for report in reports] == [(28, 41)]


@pytest.mark.parametrize(("plugins", "expected"), [
    ("  - pub-obsidian\n", [("index.md", 4)]),
    ("  - search\n", [("index.md", 3), ("index.md", 4)])])
def test_pub_obsidian_slugifies_heading_text_in_links_to_other_pages(
        tmp_path: Path, plugins: str, expected: list[tuple[str, int]]) -> None:
    """pub-obsidian rewrites `page.md#Heading%20text` to the heading's slug; a
    same-page fragment it leaves as written, so that one stays broken."""
    reports = _lint(tmp_path, {
        "mkdocs.yml": f"site_name: t\nplugins:\n{plugins}",
        "docs/index.md": "# Start\n\nSee [the heat](other.md#Cooling%20Down%20Gently).\n"
                         "Or [here](#Start).\n",
        "docs/other.md": "# Other\n\n## Cooling down gently\n\nText.\n",
    }, ["LNK003"])
    assert _found(reports, "LNK003") == expected


def test_tab_ids_agree_with_pymdownx(tmp_path: Path) -> None:
    markdown = pytest.importorskip("markdown")
    slugs = pytest.importorskip("pymdownx.slugs")
    from curriculint.load.document import ParseOptions, parse

    html = markdown.markdown(TAB_PAGE, extensions=["toc", "pymdownx.tabbed"], extension_configs={
        "pymdownx.tabbed": {"alternate_style": True, "combine_header_slug": True,
                            "slugify": slugs.slugify(case="lower")}})
    theirs = {value for value in re.findall(r'<input[^>]*\bid="([^"]+)"', html)}
    options = ParseOptions(tab_slug_style="pymdownx:lower:NFC", tab_combine_header=True)
    assert theirs == set(parse(TAB_PAGE.encode(), "p.md", options).index.tab_ids)


def test_tab_ids_without_slugify_are_not_made_up(tmp_path: Path) -> None:
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\nmarkdown_extensions:\n  - pymdownx.tabbed\n",
        "docs/index.md": TAB_PAGE + "[7](#__tabbed_1_2)\n",
    }, ["LNK003"])
    # Without `slugify` the tabs are `__tabbed_N_M`: the slugged fragments are broken.
    assert len(reports) == 6 and {report.span.line for report in reports} == {27, 28}


# -- mkdocstrings ---------------------------------------------------------------


def _api_site(plugin: bool) -> dict[str, str]:
    return {
        "mkdocs.yml": "site_name: t\n" + ("plugins:\n  - mkdocstrings\n" if plugin else ""),
        "docs/api.md": "# API\n\n::: shop.orders\n    options:\n      members: true\n",
        "docs/guide.md": (
            "# Guide\n\n"
            "[a](api.md#shop.orders.Order.total)\n"     # 3: names an object of the block
            "[b](api.md#shop.orders)\n"                 # 4
            "[c](api.md#shop.payments.Refund)\n"        # 5: same package, may be an object
            "[d](api.md#ordering-rules)\n"              # 6: a heading that is not there
            "[e](api.md#other.module.Thing)\n"          # 7: another package
        ),
    }


def test_mkdocstrings_ids_are_unverifiable_not_broken(tmp_path: Path) -> None:
    reports = _lint(tmp_path, _api_site(plugin=True))
    assert _found(reports, "LNK003") == [("guide.md", 6), ("guide.md", 7)]
    assert _found(reports, "LNK007") == [("guide.md", 3), ("guide.md", 4), ("guide.md", 5)]
    message = next(report.message for report in reports if report.code == "LNK007")
    assert "mkdocstrings" in message and "::: shop.orders" in message


def test_object_blocks_without_mkdocstrings_are_plain_text(tmp_path: Path) -> None:
    reports = _lint(tmp_path, _api_site(plugin=False))
    assert len(_found(reports, "LNK003")) == 5 and not _found(reports, "LNK007")


# -- hooks --------------------------------------------------------------------


SHORTCODE_HOOK = '''import re

def on_page_markdown(markdown, page, config, files):
    def replace(match):
        name = match.group(1)
        return f"`{name}` {{ #opt.{name} }}"
    return re.sub(r"<!-- option (\\w+) -->", replace, markdown, flags=re.I)
'''
UNRELATED_HOOK = '''def on_page_markdown(markdown, page, config, files):
    return markdown.replace("TODAY", "2024-01-01")
'''


def _hook_site(hook: str) -> dict[str, str]:
    return {
        "mkdocs.yml": "site_name: t\nhooks:\n  - hooks/site.py\n",
        "hooks/site.py": hook,
        "docs/options.md": "# Options\n\n<!-- option colour -->\n\nSets the colour.\n\n"
                           "<!-- option size -->\n\nTODAY\n",
        "docs/guide.md": ("# Guide\n\n"
                          "[a](options.md#opt.colour)\n"    # 3: the hook makes it
                          "[b](options.md#opt.weight)\n"    # 4: no shortcode names it
                          "[c](options.md#opt.sizes)\n"),   # 5: close, but not what is written
    }


def test_ids_a_hook_makes_are_unverifiable_and_the_rest_stay_broken(tmp_path: Path) -> None:
    reports = _lint(tmp_path, _hook_site(SHORTCODE_HOOK))
    assert _found(reports, "LNK007") == [("guide.md", 3)]
    assert _found(reports, "LNK003") == [("guide.md", 4), ("guide.md", 5)]
    unverifiable = next(report for report in reports if report.code == "LNK007")
    assert "hooks/site.py" in unverifiable.message
    assert "<!-- option colour -->" in unverifiable.message
    broken = next(report for report in reports if report.code == "LNK003")
    assert "hooks/site.py" in broken.message  # the message says the hook was considered
    assert broken.fix is None or not broken.fix.safe


def test_a_hook_for_unrelated_reasons_hides_no_broken_anchor(tmp_path: Path) -> None:
    reports = _lint(tmp_path, _hook_site(UNRELATED_HOOK))
    assert _found(reports, "LNK003") == [("guide.md", 3), ("guide.md", 4), ("guide.md", 5)]
    assert not _found(reports, "LNK007")


SOURCE_LINKS_HOOK = ("def {name}(markdown, page, config, files):\n"
                     "    return markdown.replace('](../', '](' + config['repo_url'] + 'blob/')\n")


@pytest.mark.parametrize("config", [
    "hooks:\n  - site/links.py\n",
    "plugins:\n  - mkdocs-simple-hooks:\n      hooks:\n"
    "        on_page_markdown: \"site.links:to_repository\"\n",
])
def test_a_link_a_hook_rewrites_is_the_hooks(tmp_path: Path, config: str) -> None:
    name = "on_page_markdown" if config.startswith("hooks") else "to_repository"
    reports = _lint(tmp_path, {
        "mkdocs.yml": f"site_name: t\nrepo_url: https://example.org/r/\n{config}",
        "site/links.py": SOURCE_LINKS_HOOK.format(name=name),
        "docs/index.md": "# Home\n\nSee [the sample](../config/sample.cfg) and [x](gone.md).\n",
    })
    assert _found(reports, "LNK002") == [("index.md", 3)]
    assert "gone.md" in next(r.message for r in reports if r.code == "LNK002")
    assert _found(reports, "LNK007") == [("index.md", 3)]
    assert "site/links.py" in next(r.message for r in reports if r.code == "LNK007")


def test_a_hook_that_fills_a_placeholder_makes_the_page_unverifiable(tmp_path: Path) -> None:
    hook = ('import re\n\ndef on_page_markdown(markdown, page, config, files):\n'
            '    if page.file.src_uri != "extra.md":\n        return markdown\n'
            '    return re.sub(r"{{ *extra_docs *}}", fetch(), markdown)\n\n'
            'def fetch():\n    return "## Fetched heading\\n"\n')
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\nhooks:\n  - hooks/site.py\n",
        "hooks/site.py": hook,
        "docs/extra.md": "# Extra\n\n{{ extra_docs }}\n",
        "docs/plain.md": "# Plain\n\nNothing here.\n",
        "docs/guide.md": ("# Guide\n\n[a](extra.md#fetched-heading)\n"
                          "[b](plain.md#fetched-heading)\n"),
    })
    assert _found(reports, "LNK007") == [("guide.md", 3)]
    assert _found(reports, "LNK003") == [("guide.md", 4)]
    assert "{{ extra_docs }}" in next(r.message for r in reports if r.code == "LNK007")


@pytest.mark.parametrize(("plugin", "unverifiable"), [("macros", True), ("search", False)])
def test_template_lines_need_a_templating_plugin(tmp_path: Path, plugin: str,
                                                 unverifiable: bool) -> None:
    reports = _lint(tmp_path, {
        "mkdocs.yml": f"site_name: t\nplugins:\n  - {plugin}\n",
        "docs/made.md": "# Made\n\n{{ render_table('units') }}\n",
        "docs/guide.md": "# Guide\n\n[a](made.md#units)\n",
    })
    assert bool(_found(reports, "LNK007")) is unverifiable
    assert bool(_found(reports, "LNK003")) is not unverifiable


def test_a_template_tag_written_over_several_lines_is_an_expansion(tmp_path: Path) -> None:
    """`{%`, `include-markdown "x"`, `%}` on lines of their own: the page holds
    what the plugin includes, whose ids this check does not see."""
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\nplugins:\n  - include-markdown\n",
        "docs/index.md": ('# Front\n\n{%\n  include-markdown "../SHARED.md"\n%}\n\n'
                          "See [the notes](#shared-notes).\n"),
    })
    assert _found(reports, "LNK007") == [("index.md", 7)] and not _found(reports, "LNK003")


def test_snippet_inclusions_make_the_page_unverifiable(tmp_path: Path) -> None:
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\nmarkdown_extensions:\n  - pymdownx.snippets\n",
        "docs/made.md": "# Made\n\n--8<-- \"parts/table.md\"\n",
        "docs/guide.md": "# Guide\n\n[a](made.md#units)\n",
    })
    assert _found(reports, "LNK007") == [("guide.md", 3)] and not _found(reports, "LNK003")


# -- pages the build writes ---------------------------------------------------


WRITER_HOOK = '''from pathlib import Path

DOCS = Path(__file__).parent.parent / "docs"

def on_pre_build(config):
    add_changelog()

def add_changelog():
    (DOCS / "changelog.md").write_text("# Changelog\\n", encoding="utf-8")
'''


def test_pages_a_hook_writes_are_unverifiable(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    reports = _lint(tmp_path, {
        "mkdocs.yml": ("site_name: t\nhooks:\n  - hooks/build.py\nnav:\n  - index.md\n"
                       "  - changelog.md\n  - missing.md\n"),
        "hooks/build.py": WRITER_HOOK,
        "docs/index.md": "# I\n\n[log](changelog.md#v1) [gone](missing.md) [other](history.md)\n",
    })
    assert _found(reports, "LNK005") == [("mkdocs.yml", 7)]
    assert _found(reports, "LNK007") == [("index.md", 3), ("mkdocs.yml", 6)]
    assert sorted(report.span.column for report in reports if report.code == "LNK002") == [
        31, 51]
    assert all("hooks/build.py" in report.message for report in reports
               if report.code == "LNK007")


def test_a_hook_that_writes_only_at_page_time_writes_no_pages(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    monkeypatch.chdir(tmp_path)
    hook = WRITER_HOOK.replace("def on_pre_build(config):", "def on_page_markdown(markdown, **kw):")
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\nhooks:\n  - hooks/build.py\nnav:\n  - changelog.md\n",
        "hooks/build.py": hook,
        "docs/index.md": "# I\n\n[log](changelog.md)\n",
    })
    assert _found(reports, "LNK005") == [("mkdocs.yml", 5)]
    assert _found(reports, "LNK002") == [("index.md", 3)]


def test_gen_files_scripts_make_their_folder_unverifiable(tmp_path: Path) -> None:
    script = ('import mkdocs_gen_files\nfrom pathlib import Path\n\n'
              'for path in sorted(Path("src").rglob("*.py")):\n'
              '    doc = Path("reference", path.with_suffix(".md"))\n'
              '    with mkdocs_gen_files.open(doc, "w") as handle:\n'
              '        handle.write("::: " + path.stem)\n')
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\nplugins:\n  - gen-files:\n      scripts:\n"
                      "        - scripts/gen_ref.py\n",
        "scripts/gen_ref.py": script,
        "docs/index.md": "# I\n\n[api](reference/shop/orders.md) [typo](referance/shop.md)\n",
    })
    assert _found(reports, "LNK007") == [("index.md", 3)]
    assert [report.span.column for report in reports if report.code == "LNK002"] == [40]


def test_files_a_gitignore_keeps_out_are_written_by_the_build(tmp_path: Path) -> None:
    """A script run before `mkdocs build` writes `docs/catalog/` and `docs/tags.md`,
    and .gitignore keeps them out of the repository: their nav entries and links
    are unverifiable, not missing. Other missing files stay missing."""
    reports = _lint(tmp_path, {
        ".gitignore": "# written before each build\n/docs/catalog/\n/docs/tags.md\nsite/\n",
        "mkdocs.yml": "site_name: t\nnav:\n  - index.md\n  - Catalog: catalog/\n"
                      "  - Tags: tags.md\n  - Old: old.md\n",
        "docs/index.md": "# I\n\n[tags](tags.md) [one](catalog/one.md) [old](old.md)\n\n"
                         '<a href="tags/">Tags</a>\n',  # the page's URL, in HTML
    }, [*LINKS, "LNK007"])
    assert sorted((Path(report.path).name, report.span.line, report.code) for report in reports
                  if report.code != "LNK006") == [
        ("index.md", 3, "LNK002"), ("index.md", 3, "LNK007"), ("index.md", 3, "LNK007"),
        ("index.md", 5, "LNK007"), ("mkdocs.yml", 4, "LNK007"), ("mkdocs.yml", 5, "LNK007"),
        ("mkdocs.yml", 6, "LNK005")]


SNIPPET_PAGE = (
    "# Kit\n\n"
    '--8<-- "includes/parts.md"\n\n'                    # 3: there
    '--8<-- "includes/parts.md:wheels"\n\n'             # 5: a section of it
    '--8<-- "includes/gone.md"\n\n'                     # 7: missing
    ';--8<-- "includes/shown.md"\n\n'                   # 9: escaped
    "--8<--\nincludes/parts.md\nincludes/lost.md\n;includes/off.md\n--8<--\n\n"  # 11-15
    '--8<-- "https://example.org/remote.md"\n'           # 17: a URL
)


def test_snippets_missing_from_every_base_path_are_reported(tmp_path: Path) -> None:
    """pymdownx.snippets drops a missing file without a word: each one a page or
    auto_append names is reported, looked for as the extension looks for it."""
    reports = _lint(tmp_path, {
        "mkdocs.yml": ("site_name: t\nmarkdown_extensions:\n  - pymdownx.snippets:\n"
                       "      auto_append:\n        - includes/terms.md\n"
                       "        - includes/abbreviations.md\n"),
        "includes/parts.md": "Parts.\n",
        "includes/terms.md": "*[HTML]: Hyper Text Markup Language\n",
        "docs/index.md": SNIPPET_PAGE,
    }, ["LNK009"])
    assert sorted((Path(report.path).name, report.span.line, report.span.column)
                  for report in reports) == [
        ("index.md", 7, 9), ("index.md", 13, 1), ("mkdocs.yml", 6, 11)]
    assert "auto_append snippet 'includes/abbreviations.md'" in reports[-1].message


def test_snippet_base_paths_relative_to_the_docs_and_the_page(tmp_path: Path) -> None:
    """`!relative $docs_dir/x` and a bare `!relative` (the page's folder); without
    pymdownx.snippets the lines are no inclusions."""
    files = {
        "mkdocs.yml": ("site_name: t\nmarkdown_extensions:\n  - pymdownx.snippets:\n"
                       "      base_path:\n        - !relative $docs_dir/shared\n"
                       "        - !relative\n"),
        "docs/shared/includes/parts.md": "Parts.\n",
        "docs/guide/includes/lost.md": "Lost.\n",
        "docs/guide/index.md": SNIPPET_PAGE,
    }
    found = [(report.span.line, report.span.column)
             for report in _lint(tmp_path, files, ["LNK009"])]
    assert found == [(7, 9)]
    files["mkdocs.yml"] = "site_name: t\n"
    assert not _lint(tmp_path / "plain", files, ["LNK009"])


def test_links_and_nav_entries_to_files_the_build_leaves_out(tmp_path: Path) -> None:
    """MkDocs skips dot files and `templates/`, and what exclude_docs names: a link
    or nav entry to such a file leads nowhere. `!pattern` takes a file back."""
    reports = _lint(tmp_path, {
        "mkdocs.yml": ("site_name: t\nexclude_docs: |\n  drafts/\n  !drafts/kept.md\n"
                       "nav:\n  - index.md\n  - templates/lesson.md\n"),
        "docs/index.md": ("# I\n\n[lesson](templates/lesson.md) [draft](drafts/next.md) "
                          "[kept](drafts/kept.md) [guide](guide.md)\n"),
        "docs/templates/lesson.md": "# Lesson\n",
        "docs/drafts/next.md": "# Next\n",
        "docs/drafts/kept.md": "# Kept\n",
        "docs/guide.md": "# Guide\n",
    }, ["LNK002", "LNK005"])
    assert sorted((Path(report.path).name, report.code, report.span.column)
                  for report in reports) == [
        ("index.md", "LNK002", 10), ("index.md", "LNK002", 39), ("mkdocs.yml", "LNK005", 5)]
    assert "dot files and 'templates/'" in reports[0].message
    assert "exclude_docs" in reports[1].message


def test_many_termless_definitions_leave_the_rest_of_the_page_read(tmp_path: Path) -> None:
    """An options page writes each option's text as `: text` under its heading (one
    space after the colon, as Python-Markdown's def_list allows). Each is a
    definition, and however many there are, the headings and links after them
    are read: the last option's id exists, the broken link at the end is reported."""
    options = "".join(f"## `OPTION_{n}` {{#option-{n}}}\n\n: Sets knob {n} of the frame.\n\n"
                      for n in range(1, 15))
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\nmarkdown_extensions:\n  - def_list\n  - attr_list\n",
        "docs/index.md": (f"# Options\n\nSee [the last one](#option-14).\n\n{options}"
                          "See [a page that is not there](nowhere.md).\n"),
    }, ["LNK002", "LNK003"])
    assert [(report.code, report.span.line) for report in reports] == [("LNK002", 61)]
    page = parse(f"# O\n\n{options}".encode(), "index.md")
    assert sum(token.type == "dd_open" for token in page.tokens) == 14


def test_files_of_the_theme_custom_dir_are_served_at_the_site_root(tmp_path: Path) -> None:
    """MkDocs copies `theme: custom_dir:`'s static files beside the pages: a page
    may link to them. Its templates are not copied."""
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\ntheme:\n  name: material\n  custom_dir: overrides\n",
        "overrides/javascript/charts.js": "",
        "overrides/main.html": "",
        "docs/tools/charts.md": ("# Charts\n\n"
                                 "<script src=\"../../javascript/charts.js\"></script>\n\n"
                                 "[the template](../main.html)\n"),
    }, ["LNK002"])
    assert [(report.span.line, report.code) for report in reports] == [(5, "LNK002")]


def test_folders_mkdocs_gallery_writes_are_the_builds(tmp_path: Path) -> None:
    """mkdocs-gallery writes `gallery_dirs` from the examples at build time: a nav
    entry naming it is unverifiable (LNK007), not missing."""
    reports = _lint(tmp_path, {
        "mkdocs.yml": ("site_name: t\nplugins:\n  - gallery:\n      examples_dirs: docs/examples\n"
                       "      gallery_dirs: docs/generated/gallery\n"
                       "nav:\n  - index.md\n  - generated/gallery\n  - missing.md\n"),
        "docs/index.md": "# I\n",
    }, ["LNK005", "LNK007"])
    assert sorted((report.code, report.span.line) for report in reports) == [
        ("LNK005", 9), ("LNK007", 8)]


# -- how MkDocs reads its configuration ---------------------------------------


def test_inherit_merges_the_parent_and_places_nav_entries_in_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    reports = _lint(tmp_path, {
        "base.yml": ("site_name: base\nmarkdown_extensions:\n  - toc:\n"
                     "      slugify: !!python/name:pymdownx.slugs.uslugify\n"
                     "nav:\n  - index.md\n  - missing.md\n"),
        "mkdocs.yml": "INHERIT: base.yml\nsite_name: child\n",
        "docs/index.md": "# I\n\n[a](#größe)\n\n## Größe\n",
    })
    # The toc slugify comes from the parent (unicode ids); the nav entry is
    # reported where it is written, in the parent file.
    assert not _found(reports, "LNK003")
    assert _found(reports, "LNK005") == [("base.yml", 7)]


def test_inherit_child_values_win_and_lists_are_replaced(tmp_path: Path) -> None:
    from curriculint.load.mkdocs_config import settings_of

    _write(tmp_path, {
        "parent.yml": ("docs_dir: parent_docs\nuse_directory_urls: false\n"
                       "plugins:\n  - search\n  - macros\nmarkdown_extensions:\n  - toc\n"),
        "mkdocs.yml": "INHERIT: parent.yml\ndocs_dir: docs\nplugins:\n  - search\n",
    })
    settings = settings_of((tmp_path / "mkdocs.yml").read_bytes(), tmp_path / "mkdocs.yml")
    assert settings is not None
    assert settings["docs_dir"] == "docs" and settings["use_directory_urls"] is False
    assert settings["plugins"] == ("search",) and settings["config_files"] == ("parent.yml",)


def test_env_tags_take_the_variable_or_the_default(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from curriculint.load.mkdocs_config import settings_of

    text = (b"site_name: t\ndocs_dir: !ENV [CURRICULINT_TEST_DOCS, content]\n"
            b"use_directory_urls: !ENV CURRICULINT_TEST_URLS\n"
            b"plugins:\n  - macros:\n      enabled: !ENV [CURRICULINT_TEST_CI, false]\n")
    monkeypatch.delenv("CURRICULINT_TEST_DOCS", raising=False)
    monkeypatch.delenv("CURRICULINT_TEST_CI", raising=False)
    monkeypatch.setenv("CURRICULINT_TEST_URLS", "false")
    settings = settings_of(text)
    assert settings is not None
    assert settings["docs_dir"] == "content" and settings["use_directory_urls"] is False
    assert settings["plugins"] == ()
    monkeypatch.setenv("CURRICULINT_TEST_CI", "true")
    monkeypatch.setenv("CURRICULINT_TEST_DOCS", "pages")
    settings = settings_of(text)
    assert settings is not None
    assert settings["docs_dir"] == "pages" and settings["plugins"] == ("macros",)


# -- link forms MkDocs normalises ---------------------------------------------


def test_a_trailing_slash_after_a_page_file_is_dropped(tmp_path: Path) -> None:
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\n",
        "docs/a.md": "# A\n\n[b](b.md/#part) [c](b.md/#nope) [d](c.md/)\n",
        "docs/b.md": "# B\n\n## Part\n",
    })
    assert [(report.code, report.span.column) for report in reports] == [
        ("LNK003", 21), ("LNK002", 37)]


def test_links_in_raw_html_are_left_as_written_for_the_browser(tmp_path: Path) -> None:
    """MkDocs rewrites no link in raw HTML (md_in_html blocks included): from
    `guide/setup/`, `shot.png` beside the file is `../shot.png`, and `other.md`
    is no file of the built site. Links written from the URL, and a page served
    at its folder's URL (index.md), are right."""
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\nmarkdown_extensions:\n  - md_in_html\n",
        "docs/index.md": '# Home\n\n<img src="guide/shot.png"> <a href="guide/other/">o</a>\n',
        "docs/guide/setup.md": ('# Setup\n\n<img src="shot.png">\n\n<div markdown>\n'
                                '<a href="other.md#part">other</a>\n</div>\n\n'
                                '<img src="../shot.png"> <a href="../other/#part">fine</a>\n'),
        "docs/guide/other.md": "# Other\n\n## Part\n",
        "docs/guide/shot.png": "",
    })
    assert [(report.code, report.span.line) for report in reports] == [
        ("LNK002", 3), ("LNK002", 6)]
    assert "to '/guide/setup/shot.png'; did you mean '../shot.png'?" in reports[0].message
    assert "did you mean '../other/'?" in reports[1].message
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nuse_directory_urls: false\nmarkdown_extensions:\n  - md_in_html\n",
        encoding="utf-8")
    forget_projects()
    found = lint_paths([tmp_path / "docs"], ["LNK002"], Config(roots=(), cache=False))
    # Served at `guide/setup.html`: the page's folder is its URL's; `x/` serves no page.
    assert sorted((Path(report.path).name, report.span.line, report.message.split("'")[1])
                  for report in found) == [
        ("index.md", 3, "guide/other/"), ("setup.md", 6, "other.md#part"),
        ("setup.md", 9, "../other/#part"), ("setup.md", 9, "../shot.png")]


def test_media_of_raw_html_are_links_too(tmp_path: Path) -> None:
    """`<video src poster>`, `<audio src>`, `<embed src>`, `<track src>` and
    `<object data>` name files the browser fetches from the page's URL (round 85)."""
    media = ('<video src="clip.mp4" poster="../clip.png"></video>\n'
             '<audio src="../talk.m4a"></audio> <embed src="../deck.pdf">\n'
             '<object data="chart.svg"></object>\n')
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\n",
        "docs/guide/page.md": "# Page\n\n" + media,
        "docs/guide/clip.mp4": "", "docs/guide/clip.png": "", "docs/guide/talk.m4a": "",
        "docs/guide/chart.svg": "",
    }, ["LNK002"])
    assert sorted((report.span.line, report.message.split("'")[1]) for report in reports) == [
        (3, "clip.mp4"), (4, "../deck.pdf"), (5, "chart.svg")]


def test_a_plugin_that_resolves_links_by_name_resolves_absolute_ones(tmp_path: Path) -> None:
    """ezlinks turns `/guide/setup.md` into the page's URL (audit 82); without it
    MkDocs leaves the link as written."""
    files = {"mkdocs.yml": "site_name: t\nplugins:\n  - ezlinks\n",
             "docs/index.md": "# Home\n\nRead [the setup](/guide/setup.md).\n",
             "docs/guide/setup.md": "# Setup\n"}
    assert not _lint(tmp_path / "ez", files, ["LNK002"])
    plain = {**files, "mkdocs.yml": "site_name: t\n"}
    assert _found(_lint(tmp_path / "plain", plain, ["LNK002"]), "LNK002") == [("index.md", 3)]


def test_reference_images_are_reported_once_at_the_definition(tmp_path: Path) -> None:
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\n",
        "docs/a.md": "# A\n\n![shot][preview]\n\n[preview]: img/missing.png\n",
    })
    assert _found(reports, "LNK002") == [("a.md", 5)]


def test_a_page_in_no_docs_folder_is_not_told_about_a_docs_folder(tmp_path: Path) -> None:
    _write(tmp_path, {"notes/page.md": "# P\n\n[up](../../elsewhere.md)\n"})
    reports = lint_paths([tmp_path / "notes"], ["LNK002"], Config(roots=()))
    assert len(reports) == 1
    assert "docs folder" not in reports[0].message.replace("in no docs folder", "")
    assert "the folder checked" in reports[0].message


# -- translated sites ---------------------------------------------------------


def test_i18n_suffix_pages_fall_back_to_the_default_language(tmp_path: Path) -> None:
    reports = _lint(tmp_path, {
        "mkdocs.yml": ("site_name: t\nplugins:\n  - i18n:\n      docs_structure: suffix\n"
                       "      languages:\n        - locale: en\n          default: true\n"
                       "          name: English\n        - locale: fr\n          name: Français\n"
                       "nav:\n  - index.md\n  - guide.md\n"),
        "docs/index.md": "# Home\n",
        "docs/index.fr.md": "# Accueil\n\n[g](guide.fr.md#setup) [s](shot.fr.png) [x](absent.md)\n",
        "docs/guide.en.md": "# Guide\n\n## Setup\n",
        "docs/shot.png": "",
    })
    assert codes_and_lines(reports) == {("LNK002", 3)}
    assert [report.span.column for report in reports] == [45]


def test_i18n_suffix_urls_under_a_language_prefix_name_that_languages_page(
        tmp_path: Path) -> None:
    # The plugin serves `upgrade.de.md` at `/de/upgrade/` (audit 76).
    reports = _lint(tmp_path, {
        "mkdocs.yml": ("site_name: t\nplugins:\n  - i18n:\n      docs_structure: suffix\n"
                       "      languages:\n        - locale: en\n          default: true\n"
                       "          name: English\n        - locale: de\n          name: Deutsch\n"),
        "docs/index.md": "# Home\n",
        "docs/index.de.md": ("# Start\n\n[a](/de/upgrade/#alte-tabellen) [b](/de/upgrade/#nein)"
                             " [c](/de/fehlt/) [d](/fr/upgrade/)\n"),
        "docs/upgrade.md": "# Upgrade\n\n## Old tables\n",
        "docs/upgrade.de.md": "# Umstieg\n\n## Alte Tabellen\n",
    })
    assert [(report.code, report.span.column) for report in reports] == [
        ("LNK003", 37), ("LNK002", 60), ("LNK002", 76)]


def test_i18n_folder_pages_fall_back_to_the_default_language(tmp_path: Path) -> None:
    reports = _lint(tmp_path, {
        "mkdocs.yml": ("site_name: t\nplugins:\n  - i18n:\n      docs_structure: folder\n"
                       "      languages:\n        - locale: en\n          default: true\n"
                       "          name: English\n        - locale: de\n          name: Deutsch\n"),
        "docs/en/index.md": "# Home\n\n[a](about.md)\n",
        "docs/en/about.md": "# About\n\n![x](img/logo.png)\n",
        "docs/en/img/logo.png": "",
        "docs/de/index.md": "# Start\n\n[a](about.md) [b](img/logo.png) [c](fehlt.md)\n",
    })
    assert codes_and_lines(reports) == {("LNK002", 3)}
    assert "fehlt.md" in reports[0].message


def test_without_i18n_a_suffixed_page_does_not_stand_in(tmp_path: Path) -> None:
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\n",
        "docs/index.md": "# Home\n\n[g](guide.md)\n",
        "docs/guide.en.md": "# Guide\n",
    })
    assert _found(reports, "LNK002") == [("index.md", 3)]


def test_a_translation_inheriting_the_default_config_falls_back_to_its_docs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, {
        "en/mkdocs.yml": "site_name: t\nnav:\n  - index.md\n  - about.md\n  - gone.md\n",
        "en/docs/index.md": "# Home\n",
        "en/docs/about.md": "# About\n\n## Team\n",
        "de/mkdocs.yml": "INHERIT: ../en/mkdocs.yml\nsite_name: t (de)\n",
        "de/docs/index.md": "# Start\n\n[a](about.md#team) [b](nirgends.md)\n",
    })
    reports = lint_paths([tmp_path / "de" / "docs"], LINKS, Config(roots=()))
    assert codes_and_lines(reports) == {("LNK002", 3), ("LNK005", 5)}
    assert next(r.path for r in reports if r.code == "LNK005") == os.path.join("en", "mkdocs.yml")


def test_orphans_leave_out_blog_posts_translations_and_plugin_navs(tmp_path: Path) -> None:
    files = {
        "mkdocs.yml": ("site_name: t\nplugins:\n  - blog\n  - i18n:\n      languages:\n"
                       "        - locale: en\n          default: true\n        - locale: fr\n"
                       "nav:\n  - index.md\n  - blog/index.md\n"),
        "docs/index.md": "# Home\n",
        "docs/index.fr.md": "# Accueil\n",
        "docs/blog/index.md": "# Blog\n",
        "docs/blog/posts/first.md": "# First post\n",
        "docs/lost.md": "# Lost\n",
    }
    reports = _lint(tmp_path, files, ["LNK006"])
    assert _found(reports, "LNK006") == [("lost.md", 1)]
    files["mkdocs.yml"] = files["mkdocs.yml"].replace("  - blog\n", "  - blog\n  - literate-nav\n")
    assert _lint(tmp_path / "again", files, ["LNK006"]) == []


# -- build steps read with ast ------------------------------------------------


def test_hook_analysis_follows_calls_from_page_events_only() -> None:
    from curriculint.load.build_steps import analyse

    source = '''import re
MARK = re.compile(r"<!-- mark (\\w+) -->", re.I)

def on_page_markdown(markdown, page, **kwargs):
    return helper(markdown)

def helper(markdown):
    markdown = MARK.sub(lambda m: f"{{ #{m.group(1)} }}", markdown)
    return re.sub("%%(.*?)%%", r"\\1", markdown, 0, re.M | re.S)

def on_pre_build(config):
    text = re.sub(r"@(\\w+)", r"[@\\1](https://x)", "")
    open("notes.md", "w").write(text)
'''
    script = analyse(source, "hooks/x.py")
    assert script is not None
    assert script.page_events and script.makes_ids and script.writes_files
    assert (r"<!-- mark (\w+) -->", re.IGNORECASE) in script.patterns
    assert ("%%(.*?)%%", re.M | re.S) in script.patterns
    assert all(pattern != r"@(\w+)" for pattern, _ in script.patterns)  # a build step's
    assert "notes.md" in script.names
    assert analyse("def broken(:\n", "x.py") is None
    # A sum of strings that parses but nests deeper than the walk follows.
    assert analyse("X = " + " + ".join(['"a"'] * 1500) + "\n", "x.py") is None


def test_a_changed_hook_changes_the_findings_of_a_warm_run(tmp_path: Path) -> None:
    from curriculint.load import site as site_module
    from curriculint.run.runner import run
    from curriculint.store.results import ResultCache

    _write(tmp_path, _hook_site(UNRELATED_HOOK))
    config = Config(roots=())

    def lint() -> set[tuple[str, int]]:
        site_module.forget_projects()  # each run as a new process would
        from curriculint.run.plan import Plan

        result = run([str(tmp_path / "docs")], config, Plan.make(config, LINKS), jobs=1,
                     cache=ResultCache(tmp_path / "c.sqlite", "fp"))
        return codes_and_lines(result.reports)

    assert ("LNK003", 3) in lint()
    (tmp_path / "hooks" / "site.py").write_text(SHORTCODE_HOOK, encoding="utf-8")
    assert ("LNK003", 3) not in lint() and ("LNK007", 3) in lint()


def test_a_dead_target_in_an_unused_definition_says_so(tmp_path: Path) -> None:
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\n",
        "docs/a.md": ("# A\n\nSee [the guide][Guide].\n\n"
                      "[guide]: missing-guide.md\n[old]: missing-old.md\n[Gone]: #gone\n"),
    })
    messages = {report.span.line: report.message for report in reports}
    assert sorted(messages) == [5, 6, 7]
    assert "does not use" not in messages[5]
    assert "does not use" in messages[6] and "does not use" in messages[7]


def test_redirected_pages_and_plugin_nav_entries(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A URL-style link to a page mkdocs-redirects redirects works in the browser;
    a `.md` link to it does not (MkDocs has no such file). awesome-pages' `...`
    and mkdocs-monorepo's `!include` and `*include` nav entries are not files."""
    monkeypatch.chdir(tmp_path)
    reports = _lint(tmp_path, {
        "mkdocs.yml": ("site_name: t\nplugins:\n  - redirects:\n      redirect_maps:\n"
                       "        old/page.md: new/page.md\n"
                       "nav:\n  - index.md\n  - ...\n  - '... | flat | *.md'\n"
                       "  - Sub: '!include ./sub/mkdocs.yml'\n"
                       "  - Other: !include ./o/mkdocs.yml\n"
                       "  - Parts: '*include ./parts/*/mkdocs.yml'\n"),
        "docs/index.md": "# I\n\n[a](old/page/) [b](old/page.md) [c](new/page.md)\n",
        "docs/new/page.md": "# New\n",
    })
    assert codes_and_lines(reports) == {("LNK002", 3)}
    assert [report.span.column for report in reports] == [20]


def test_a_translated_page_links_to_its_own_language_first(tmp_path: Path) -> None:
    reports = _lint(tmp_path, {
        "mkdocs.yml": ("site_name: t\nplugins:\n  - i18n:\n      languages:\n"
                       "        - locale: en\n          default: true\n        - locale: de\n"),
        "docs/guide.md": "# Guide\n\n## Setup\n",
        "docs/guide.de.md": "# Anleitung\n\n## Einrichtung\n",
        "docs/index.de.md": "# Start\n\n[a](guide.md#einrichtung) [b](guide.md#setup)\n",
        "docs/index.md": "# Home\n\n[a](guide.md#setup) [b](guide.md#einrichtung)\n",
    })
    assert codes_and_lines(reports) == {("LNK003", 3)}
    assert sorted((Path(r.path).name, r.span.column) for r in reports) == [
        ("index.de.md", 31), ("index.md", 25)]


def test_template_expressions_in_headings_leave_their_ids_unverifiable(tmp_path: Path) -> None:
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\nplugins:\n  - macros\n",
        "docs/notes.md": "# Notes\n\n## Release {{ version }}\n",
        "docs/plain.md": "# Plain\n\n## Release\n",
        "docs/index.md": "# I\n\n[a](notes.md#release-24) [b](plain.md#release-24)\n",
    })
    assert _found(reports, "LNK007") == [("index.md", 3)]
    assert [report.span.column for report in reports if report.code == "LNK003"] == [30]


def test_a_hook_pattern_that_backtracks_is_not_run(tmp_path: Path) -> None:
    from tests.hostile import hang_guard

    hook = ('import re\n\ndef on_page_markdown(markdown, **kwargs):\n'
            '    return re.sub(r"(a+)+$", "{ #x }", markdown)\n')
    with hang_guard(60):
        reports = _lint(tmp_path, {
            "mkdocs.yml": "site_name: t\nhooks:\n  - hooks/slow.py\n",
            "hooks/slow.py": hook,
            "docs/index.md": "# I\n\n" + "a" * 40 + "!\n\n[x](#x)\n",
        })
    assert _found(reports, "LNK003") == [("index.md", 5)]


# -- a site served under a folder of its host ----------------------------------


def test_site_absolute_links_under_the_site_url_folder_reach_the_docs(tmp_path: Path) -> None:
    """site_url https://host.io/ml/ serves docs/x.md at /ml/x/: such a link is
    looked up without /ml, its anchor checked on that page. An absolute link to
    the Markdown file is left as written by MkDocs: the site has no such file."""
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\nsite_url: https://host.io/ml/\n",
        "docs/index.md": ("# Index\n\nSee [data](/ml/concepts/data/#datasets), "
                          "[the root](/ml/), [gone](/ml/concepts/gone/) and "
                          "[old style](/concepts/data.md#datasets).\n\n"
                          "Also [a wrong id](/ml/concepts/data/#nothing).\n"),
        "docs/concepts/data.md": "# Data\n\n## Datasets\n\nText.\n",
    }, select=["LNK002", "LNK003"])
    assert [(report.code, report.span.line, report.span.column) for report in reports] == [
        ("LNK002", 3, 67), ("LNK002", 3, 103), ("LNK003", 5, 19)]


def test_site_absolute_links_outside_the_site_url_folder_are_not_this_builds(
        tmp_path: Path) -> None:
    """Under site_url https://host.io/manual/latest/, `/manual/stable/setup/` is
    another mike version: MkDocs leaves it as written, and nothing of this build
    says whether it exists. Other paths are judged as this site's (`/setup.md` is
    absolute; `/manual/latest/gone/` is missing; `/store/` lost the prefix)."""
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\nsite_url: https://host.io/manual/latest/\n",
        "docs/index.md": ("# Index\n\n[stable](/manual/stable/setup/), [store](/store/), "
                          "[here](/manual/latest/setup/), [file](/setup.md), "
                          "[missing](/manual/latest/gone/)\n"),
        "docs/setup.md": "# Setup\n",
    }, select=["LNK002"])
    assert [(report.span.column, report.message.split(":")[0]) for report in reports] == [
        (42, "link target '/store/' does not exist (looked for 'store')"),
        (90, "link target '/setup.md' is absolute"),
        (112, "link target '/manual/latest/gone/' does not exist (looked for 'gone')")]


def test_a_link_written_against_the_page_url_is_missing_not_above_the_docs(
        tmp_path: Path) -> None:
    """`../../assets/x.png` in day2/page.md is assets/x.png as served (the page's
    URL is day2/page/): when the image is missing, that is what is said."""
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\n",
        "docs/day2/page.md": '# Page\n\n<img src="../../assets/x.png">\n',
    }, select=["LNK002"])
    assert [report.message for report in reports] == [
        "link target '../../assets/x.png' does not exist: the browser resolves it from the "
        "page's URL, to '/assets/x.png'"]


def test_pages_the_build_leaves_out_are_not_linted_unless_named(tmp_path: Path) -> None:
    """A folder run lints what MkDocs builds: drafts that exclude_docs names and
    templates under `templates/` are left out, as the plugin leaves them out. A
    page named on the command line is linted all the same."""
    files = {
        "mkdocs.yml": "site_name: t\nexclude_docs: |\n  drafts/\n",
        "docs/index.md": "# I\n\nText.\n",
        "docs/drafts/next.md": "# Next\n\n# Again\n",
        "docs/templates/lesson.md": "# Lesson\n\n# Again\n",
    }
    _write(tmp_path, files)
    config = Config(roots=())
    result = run([str(tmp_path / "docs")], config, Plan.make(config, ["ST001"]))
    assert (result.files, result.reports) == (1, [])
    named = run([str(tmp_path / "docs" / "drafts" / "next.md")], config,
                Plan.make(config, ["ST001"]))
    assert [report.code for report in named.reports] == ["ST001"]


def test_urls_the_blog_plugin_builds_are_unverifiable_not_broken(tmp_path: Path) -> None:
    """Material's blog plugin serves posts at URLs of its own (post_url_format),
    and category and archive pages no file holds: a link to such a URL is the
    build's, reported by LNK007. A missing post file is still broken."""
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\nplugins:\n  - blog:\n      post_url_format: '{slug}'\n",
        "docs/index.md": ("# I\n\n[post](blog/kettle-tips/), [tea](/blog/category/tea/), "
                          "[file](blog/posts/gone.md)\n"),
        "docs/blog/index.md": "# Blog\n",
        "docs/blog/posts/kettle.md": "# Kettle tips\n",
    }, ["LNK002", "LNK007"])
    assert sorted((report.code, report.span.column) for report in reports) == [
        ("LNK002", 63), ("LNK007", 8), ("LNK007", 34)]


def test_files_known_plugins_write_are_the_builds(tmp_path: Path) -> None:
    """mkdocs-rss-plugin writes its feeds and mkdocs-coverage its report page at
    build time: links and nav entries to them are not broken (LNK007 says so).
    Without the plugin, the same names are missing."""
    files = {
        "mkdocs.yml": ("site_name: t\nplugins:\n  - rss\n  - coverage\n  - print-site\n"
                       "nav:\n  - index.md\n  - coverage.md\n"),
        "docs/index.md": ("# I\n\n[feed](feed_rss_created.xml) [json](feed_json_updated.json) "
                          "[all](print_page.html)\n"),
    }
    reports = _lint(tmp_path / "with", files, ["LNK002", "LNK005", "LNK007"])
    assert sorted(report.code for report in reports) == ["LNK007"] * 4
    files["mkdocs.yml"] = "site_name: t\nnav:\n  - index.md\n  - coverage.md\n"
    reports = _lint(tmp_path / "without", files, ["LNK002", "LNK005", "LNK007"])
    assert sorted(report.code for report in reports) == ["LNK002", "LNK002", "LNK002", "LNK005"]


def test_a_folder_named_like_a_sites_own_plugin_is_the_plugins(tmp_path: Path) -> None:
    """`acme/widget-gallery` writes `widget-gallery/` pages at build time: links into
    it are LNK007's. A folder no plugin is named after is still missing."""
    files = {
        "mkdocs.yml": "site_name: t\nplugins:\n  - search\n  - acme/widget-gallery\n",
        "docs/index.md": ("# I\n\n[spinner](widget-gallery/spinner.md) "
                          "[gone](widget-shelf/spinner.md)\n"),
    }
    reports = _lint(tmp_path, files, ["LNK002", "LNK007"])
    assert sorted((report.code, report.span.column) for report in reports) == [
        ("LNK002", 45), ("LNK007", 11)]


def test_ids_a_markdown_exec_block_prints_are_unverifiable(tmp_path: Path) -> None:
    """A fence with `exec="true"` is run by markdown-exec, which renders what it
    prints (headings included): a fragment into that page is LNK007's. Without the
    plugin the fence is code, and the fragment is missing."""
    files = {
        "mkdocs.yml": "site_name: t\nplugins:\n  - markdown-exec\n",
        "docs/index.md": "# I\n\nThe [colour flag](options.md#colour).\n",
        "docs/options.md": ('# Options\n\n```python exec="true"\nfor name in ["colour"]:\n'
                            '    print(f"## {name}")\n```\n'),
    }
    assert [report.code for report in _lint(tmp_path / "with", files,
                                             ["LNK003", "LNK007"])] == ["LNK007"]
    files["mkdocs.yml"] = "site_name: t\n"
    assert [report.code for report in _lint(tmp_path / "without", files,
                                             ["LNK003", "LNK007"])] == ["LNK003"]


def test_links_through_a_mike_version_folder_reach_this_versions_pages(tmp_path: Path) -> None:
    """mike deploys each version in a folder at the root of the host: `/latest/x/`
    is this build's x; a page this version lacks may be another version's (not
    judged). Without mike, the same links are missing."""
    files = {
        "mkdocs.yml": "site_name: t\nextra:\n  version:\n    provider: mike\n",
        "docs/index.md": ("# I\n\n[setup](/latest/guide/setup/#install), "
                          "[old](/1.2/guide/removed/), [typo](/latest/guide/setup/#nothing)\n"),
        "docs/guide/setup.md": "# Setup\n\n## Install\n",
    }
    reports = _lint(tmp_path / "mike", files, ["LNK002", "LNK003"])
    assert [report.code for report in reports] == ["LNK003"]
    files["mkdocs.yml"] = "site_name: t\n"
    reports = _lint(tmp_path / "plain", files, ["LNK002", "LNK003"])
    assert [report.code for report in reports] == ["LNK002", "LNK002", "LNK002"]


def test_mkdocstrings_blocks_are_read_with_or_without_a_space() -> None:
    from curriculint.checks.links.build_targets import build_marks

    page = "# API\n\n::: shop.Basket\n\n:::shop.Till\n\n:::\n\n::: {.note}\n\n::::\n"
    assert build_marks(parse(page.encode(), "api.md")).objects == (
        (3, "shop.Basket"), (5, "shop.Till"))


@pytest.mark.parametrize("escape_all", [False, True])
def test_backslash_escapes_in_attr_list_ids_are_undone_as_python_markdown_does(
        escape_all: bool) -> None:
    """`#a\\-b` is `a-b`; `#to-\\7.0` is `to-7.0` only under pymdownx.escapeall,
    which lets a backslash escape any character."""
    markdown = pytest.importorskip("markdown")
    from curriculint.load.document import ParseOptions, parse

    page = "# T\n\n## Up {: #to-\\7.0 }\n\n## Dash {: #a\\-b }\n\nText.\n{: #c\\.d }\n"
    extensions = ["attr_list", "toc"] + (["pymdownx.escapeall"] if escape_all else [])
    theirs = set(re.findall(r'\bid="([^"]+)"', markdown.markdown(page, extensions=extensions)))
    index = parse(page.encode(), "index.md", ParseOptions(escape_all=escape_all)).index
    assert theirs == set(index.ids) | set(index.attr_ids)


@pytest.mark.parametrize("signal", [
    {"pyproject.toml": '[project]\nname = "t"\n[dependency-groups]\ndocs = ["zensical>=0.0.40"]\n'},
    {"Makefile": "docs:\n\tzensical build\n"},
    {"zensical.toml": "[project]\nsite_name = \"t\"\n"},
    {}])
def test_zensical_links_a_name_without_extension_to_its_page(tmp_path: Path,
                                                             signal: dict[str, str]) -> None:
    """Zensical reads mkdocs.yml too, but links `../ref/Gauge` from the file, to
    `ref/Gauge.md`; MkDocs leaves it to the browser, from the page's URL."""
    reports = _lint(tmp_path, {
        **signal, "mkdocs.yml": "site_name: t\n", "docs/ref/Gauge.md": "# Gauge\n",
        "docs/notes/v2.md": "# V2\n\nAdded [Gauge](../ref/Gauge).\n"}, ["LNK002"])
    assert _found(reports, "LNK002") == ([] if signal else [("v2.md", 3)])


def test_a_snippet_base_path_may_be_written_from_the_repository_root(tmp_path: Path) -> None:
    """pymdownx.snippets reads base_path from the folder MkDocs runs in: CI that
    runs `mkdocs build -f site/guide/mkdocs.yml` from the repository's root
    writes it from there. A file in neither place is still missing."""
    (tmp_path / ".git").mkdir()
    reports = _lint(tmp_path, {
        "site/guide/mkdocs.yml": ("site_name: t\nmarkdown_extensions:\n  - pymdownx.snippets:\n"
                                  "      base_path: site/guide/docs/reference\n"),
        "site/guide/docs/reference/defaults.ini": "timeout = 30\n",
        "site/guide/docs/index.md": ('# Guide\n\n--8<-- "defaults.ini"\n\n'
                                     '--8<-- "gone.ini"\n'),
    }, ["LNK009"], target="site/guide/docs")
    assert _found(reports, "LNK009") == [("index.md", 5)]


def test_a_missing_snippet_names_its_base_folders_and_check_paths_stops_the_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The base paths shown as folders (`!relative $config_dir` is the config's
    folder, not its tag), and with `check_paths: true` the build stops rather
    than leaving the snippet out (audit 110)."""
    monkeypatch.chdir(tmp_path)
    files = {
        "mkdocs.yml": ("site_name: t\nmarkdown_extensions:\n  - pymdownx.snippets:\n"
                       "      base_path: [!relative $config_dir]\n      check_paths: true\n"),
        "docs/index.md": '# I\n\n--8<-- "LICENSE"\n',
    }
    [report] = _lint(Path("checked"), files, ["LNK009"])
    assert "('checked')" in report.message and "$config_dir" not in report.message
    assert report.message.endswith("mkdocs build stops there (check_paths)")
    files["mkdocs.yml"] = files["mkdocs.yml"].replace("true", "false")
    [report] = _lint(Path("unchecked"), files, ["LNK009"])
    assert report.message.endswith("the page is built without it")


def test_include_markdown_directives_name_files_that_exist(tmp_path: Path) -> None:
    """mkdocs-include-markdown-plugin: a directive's file from the page's folder,
    the docs folder or the config's; a missing one stops the build (audit 111).
    Globs and URLs are left alone, and without the plugin nothing is read."""
    files = {
        "mkdocs.yml": "site_name: t\nplugins:\n  - search\n  - include-markdown\n",
        "README.md": "# Read me\n",
        "docs/parts/intro.md": "Intro.\n",
        "docs/topic/local.md": "Local.\n",
        "docs/topic/index.md": ('# Topic\n\n{% include-markdown "local.md" %}\n\n'
                                '{% include-markdown "../parts/intro.md" %}\n\n'
                                '{% include "../../README.md" %}\n\n'
                                '{% include-markdown "parts/summary.md" %}\n\n'
                                '{% include-markdown "parts/*.md" %}\n'),
    }
    reports = _lint(tmp_path / "with", files, ["LNK009"])
    assert _found(reports, "LNK009") == [("index.md", 9)]
    assert "mkdocs build stops there" in reports[0].message
    files["mkdocs.yml"] = "site_name: t\n"
    assert not _lint(tmp_path / "without", files, ["LNK009"])


def test_a_page_a_gen_files_script_writes_back_keeps_its_markers(tmp_path: Path) -> None:
    """A gen-files script fills the page's own `--8<-- "gen:..."` marker and
    writes the page back over its source (audit 115): snippets never sees the
    marker. A page no script writes still has its missing snippet reported."""
    script = ('import mkdocs_gen_files\nfrom pathlib import Path\n\n'
              'text = Path("docs/options.md").read_text()\n'
              'text = text.replace(\'--8<-- "gen:option-table"\', "| a | b |")\n'
              'with mkdocs_gen_files.open("options.md", "w") as handle:\n'
              '    handle.write(text)\n')
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\nplugins:\n  - gen-files:\n      scripts:\n"
                      "        - scripts/fill.py\nmarkdown_extensions:\n  - pymdownx.snippets\n",
        "scripts/fill.py": script,
        "docs/options.md": '# Options\n\n--8<-- "gen:option-table"\n',
        "docs/other.md": '# Other\n\n--8<-- "gen:option-table"\n',
    }, ["LNK009"])
    assert _found(reports, "LNK009") == [("other.md", 3)]


FSTRING_HOOK = '''import re
TARGET = r"(?!https?://|#)(?P<path>\\.\\./[^\\s)]+?)"
OUTSIDE = re.compile(rf"\\]\\({TARGET}\\)")

def on_page_markdown(markdown, page, config, files):
    return OUTSIDE.sub(lambda m: "](" + config["repo_url"] + m.group("path")[3:] + ")", markdown)
'''

WHOLE_LINK_HOOK = '''import re

def on_page_markdown(markdown, page, config, files):
    return re.sub(r"\\[(?P<title>[^\\[\\]]+?)\\]\\((?P<path>\\.\\./[^\\s)]+?)\\)",
                  lambda m: "[" + m.group("title") + "](" + config["repo_url"] + ")", markdown)
'''

PROCESSOR_HOOK = '''import re
from markdown import Extension
from markdown.preprocessors import Preprocessor

OUTSIDE = re.compile(r"\\]\\((?P<path>\\.\\./[^\\s)]+?)\\)")


class Outside(Preprocessor):
    def run(self, lines):
        text = OUTSIDE.sub("](https://example.org/repo)", "\\n".join(lines))
        return text.split("\\n")


class OutsideExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(Outside(md), "outside", 25)


def on_config(config):
    config["markdown_extensions"].append(OutsideExtension())
    return config
'''


@pytest.mark.parametrize("hook", [
    pytest.param(FSTRING_HOOK, id="pattern-from-an-f-string-of-constants"),
    pytest.param(WHOLE_LINK_HOOK, id="pattern-over-the-whole-link"),
    pytest.param(PROCESSOR_HOOK, id="preprocessor-registered-from-on-config"),
])
def test_links_a_hook_rewrites_in_other_shapes_are_the_hooks(tmp_path: Path, hook: str) -> None:
    """Audit 115: a hook's pattern built from module constants in an f-string,
    one that matches the whole `[title](target)`, and one a Markdown
    preprocessor runs (the hook registers its extension from `on_config`)."""
    reports = _lint(tmp_path, {
        "mkdocs.yml": "site_name: t\nrepo_url: https://example.org/r/\n"
                      "hooks:\n  - hooks/links.py\n",
        "hooks/links.py": hook,
        "docs/index.md": "# Home\n\nSee [the sample](../config/sample.cfg) and [x](gone.md).\n",
    })
    assert [(Path(report.path).name, report.span.column) for report in reports
            if report.code == "LNK002"] == [("index.md", 48)]
    assert _found(reports, "LNK007") == [("index.md", 3)]
