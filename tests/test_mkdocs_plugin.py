"""The MkDocs plugin (curriculint/mkdocs_plugin/), in a real `mkdocs build` of a
mkdocs-material site whose hooks rename a heading, add one, add a generated page
and drop a draft: the plugin lints what MkDocs builds and checks anchors against
the HTML it rendered, and `--strict` fails on what it finds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mkdocs")
pytest.importorskip("material")

HOOKS = '''
from mkdocs.structure.files import File


def on_files(files, config):
    # A plugin adds a page, and drops a draft.
    files.append(File.generated(config, "generated.md",
                                content="# Generated\\n\\nRead [it](http:/example.org/it).\\n"))
    files.remove(files.get_file_from_path("draft.md"))
    return files


def on_page_markdown(markdown, page, config, files):
    # A macro renames a heading and adds one: ids only the rendered HTML knows.
    if page.file.src_uri == "guide.md":
        markdown = markdown.replace("## Setup", "## Set up") + "\\n\\n## Generated section\\n"
    return markdown
'''

SITE = {
    "mkdocs.yml": ("site_name: Course\ntheme:\n  name: material\n"
                   "hooks:\n  - hooks.py\nplugins:\n  - search\n  - curriculint\n"
                   "markdown_extensions:\n  - toc:\n      permalink: true\n"),
    "hooks.py": HOOKS,
    "docs/index.md": ("# Course\n\nSee [the generated part](guide.md#generated-section) "
                      "and [set-up](guide.md#setup).\n"),
    "docs/guide.md": "# Guide\n\n## Setup\n\nInstall it.\n",
    "docs/draft.md": "# Draft\n\nA [bad](htps://example.org) link nobody builds.\n",
}


def make_site(folder: Path, pages: dict[str, str] = SITE) -> Path:
    for name, text in pages.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return folder


def mkdocs(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CURRICULINT_SERVER": "off", "CURRICULINT_NO_CACHE": "1",
           "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=folder,
                          capture_output=True, text=True, env=env, timeout=300, check=False)


def output(built: subprocess.CompletedProcess[str]) -> str:
    return built.stdout + built.stderr


def test_strict_build_fails_on_an_anchor_only_the_rendered_html_breaks(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    built = mkdocs(site, "--strict")
    messages = output(built)
    assert built.returncode == 1, messages
    assert "Aborted with 2 warnings in strict mode!" in messages
    # '#setup' is what the Markdown says; the page MkDocs rendered has '#set-up'.
    assert ("WARNING -  curriculint: docs/index.md:3:67: LNK003 '#setup' matches no id in "
            "'guide.md'") in messages
    assert "the heading 'Set up' has the id 'set-up'" in messages
    # The generated page is linted from the content its plugin gave it.
    assert "WARNING -  curriculint: docs/generated.md:3:11: LNK001 malformed URL" in messages
    assert "generated-section' matches" not in messages  # added by the hook: it exists
    assert "draft.md" not in messages  # dropped by the hook: not built, not linted

    # `check` reads the Markdown: it sees neither the rename nor the added heading;
    # it reads the hook, so the added heading's anchor is one it cannot verify.
    check = subprocess.run([sys.executable, "-m", "curriculint", "check", "--no-cache",
                            "--extend-select", "LNK007", "docs"], cwd=site,
                           capture_output=True, text=True,
                           env={**os.environ, "CURRICULINT_SERVER": "off"}, check=False)
    assert "LNK007 [info] '#generated-section' matches no id written in 'guide.md'" \
        in check.stdout
    assert "LNK003" not in check.stdout
    assert "'#setup' matches no id" not in check.stdout

    # Without the plugin the same site builds, strict and all.
    (site / "mkdocs.yml").write_text(SITE["mkdocs.yml"].replace("  - curriculint\n", ""),
                                     "utf-8")
    built = mkdocs(site, "--strict")
    assert built.returncode == 0, output(built)


def test_a_clean_site_builds_strict(tmp_path: Path) -> None:
    pages = {**SITE, "docs/index.md": "# Course\n\nSee [set up](guide.md#set-up) and "
             "[more](guide.md#generated-section).\n",
             "hooks.py": HOOKS.replace("http:/example", "http://example")}
    built = mkdocs(make_site(tmp_path, pages), "--strict")
    assert built.returncode == 0, output(built)
    assert "curriculint: 0 finding(s) in 3 page(s)" in output(built)


def test_serve_lints_again_only_what_changed(tmp_path: Path) -> None:
    """As `mkdocs serve` does: one plugin instance across builds of one config."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = make_site(tmp_path)
    before = os.getcwd()
    os.chdir(site)
    try:
        config = load_config(str(site / "mkdocs.yml"))
        config.plugins.on_startup(command="serve", dirty=False)
        plugin = config.plugins["curriculint"]
        build(config, serve_url="http://127.0.0.1:8000/")
        assert plugin.relinted == 3  # index, guide, generated (draft.md is dropped)
        assert [report.code for report in plugin.reports] == ["LNK001", "LNK003"]
        (site / "docs/guide.md").write_text("# Guide\n\n## Setup\n\nInstall it now.\n",
                                            "utf-8")
        config = load_config(str(site / "mkdocs.yml"))
        assert config.plugins["curriculint"] is plugin  # serve keeps the instance
        build(config, serve_url="http://127.0.0.1:8000/")
        assert plugin.relinted == 1
        assert [report.code for report in plugin.reports] == ["LNK001", "LNK003"]
        (site / "docs/index.md").write_text("# Course\n\n[ok](guide.md#set-up)\n", "utf-8")
        config = load_config(str(site / "mkdocs.yml"))
        build(config, serve_url="http://127.0.0.1:8000/")
        assert plugin.relinted == 1
        assert [report.code for report in plugin.reports] == ["LNK001"]
    finally:
        os.chdir(before)
