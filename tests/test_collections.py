"""Collections: the site's own document types, declared in its configuration."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from curriculint.cli.main import main
from curriculint.config import load_config
from tests.conftest import codes_and_lines, lint_paths, lint_text

BIN = Path(sys.executable).parent

LEARNING_PATH_MODEL = '''
from pydantic import BaseModel, ConfigDict, Field


class Course(BaseModel):
    model_config = ConfigDict(extra="allow")

    title: str
    weeks: int = Field(gt=0)
    level: str = "beginner"
'''

COURSE_JSON_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["title", "weeks"],
    "properties": {
        "title": {"type": "string", "minLength": 1},
        "weeks": {"type": "integer", "minimum": 1},
        "level": {"enum": ["beginner", "advanced"]},
    },
}

GOOD_COURSE = "---\ntitle: Caching\nweeks: 4\n---\n\n# Caching\n"
BAD_COURSE = "---\ntitle: Caching\nweeks: 0\nlevel: expert\n---\n\n# Caching\n"
NO_FRONTMATTER = "# Notes\n\nText.\n"


def make_repo(root: Path, collections: str, pages: dict[str, str],
              files: dict[str, str] | None = None) -> Path:
    """A user's repository: pyproject.toml with collections, docs/ with pages."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(
        '[tool.curriculint]\nroots = ["docs"]\n\n' + textwrap.dedent(collections),
        encoding="utf-8")
    for name, text in {**(files or {}), **{f"docs/{page}": body
                                           for page, body in pages.items()}}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def lint_repo(root: Path, select: tuple[str, ...] = ("FM",)) -> set[tuple[str, str, int]]:
    config = load_config(root / "pyproject.toml")
    reports = lint_paths(config.roots, select, config)
    return {(Path(report.path).name, report.code, report.span.line) for report in reports}


def run_cli(root: Path, *args: str, capsys: pytest.CaptureFixture[str]
            ) -> tuple[int, str, str]:
    status = main(["check", "--no-cache", "--config", str(root / "pyproject.toml"), *args,
                   str(root / "docs")])
    out, err = capsys.readouterr()
    return status, out, err


# -- defaults that fit any site -------------------------------------------------------


def test_a_page_without_frontmatter_is_fine_when_no_collection_asks_for_one(
        tmp_path: Path) -> None:
    assert lint_text(tmp_path, NO_FRONTMATTER, select=["FM"]) == []


def test_well_known_keys_a_page_uses_are_typed_by_default(tmp_path: Path) -> None:
    text = ("---\ntitle: Fonts\ndate: 2024-09-31\ndifficulty: novice\nreading_time: 4 minutes\n"
            "icon: material/format-font\nhide: [toc]\nreadtime: 5\n---\n\n# Fonts\n")
    assert codes_and_lines(lint_text(tmp_path, text, select=["FM"])) == {
        ("FM001", 3), ("FM003", 4), ("FM003", 5)}


def test_tags_are_the_sites_own_on_a_page_no_collection_claims(tmp_path: Path) -> None:
    """Only Material's tags plugin reads `tags`: an unclaimed page may write a
    string there (audit 83); a page schema wants a list."""
    text = "---\ntitle: Kettles\ndescription: D\ntags: \"Kitchen, Care\"\n---\n\n# Kettles\n"
    assert lint_text(tmp_path, text, select=["FM"]) == []
    repo = make_repo(tmp_path / "typed", """
        [tool.curriculint.collections.pages]
        schema = "curriculint:page"
        """, {"kettles.md": text})
    assert lint_repo(repo) == {("kettles.md", "FM003", 4)}


def test_the_blog_plugins_dates_are_valid(tmp_path: Path) -> None:
    text = ("---\ndate:\n  created: 2023-12-01\n  updated: 2024-01-02\nauthors: [me]\n"
            "categories: [News]\n---\n\n# Post\n")
    assert lint_text(tmp_path, text, select=["FM"]) == []


def test_a_separator_variant_of_a_known_key_is_a_misspelling(tmp_path: Path) -> None:
    text = "---\ntitle: T\nlast-updated: 2024-01-02\ndescripton: D\n---\n\n# T\n"
    reports = lint_text(tmp_path, text, select=["FM004"])
    assert codes_and_lines(reports) == {("FM004", 3), ("FM004", 4)}
    assert "did you mean 'last_updated'" in reports[0].message


def test_a_near_miss_written_beside_the_key_it_resembles_is_a_key_of_its_own(
        tmp_path: Path) -> None:
    """`descripcion:` under `description:` page after page is a template's own key,
    not a typo (round 87); on one page only, or without `description:`, it is told."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    for number in range(2):
        (docs / f"p{number}.md").write_text(
            f"---\ntitle: P{number}\ndescription: D\ndescripcion: Otro texto\n---\n\n# P\n",
            encoding="utf-8")
    assert not lint_paths([docs], select=["FM004"])
    (docs / "p1.md").write_text("---\ntitle: P1\ndescripcion: Otro texto\n---\n\n# P\n",
                                encoding="utf-8")
    found = lint_paths([docs], select=["FM004"])
    assert sorted(report.path.rsplit("/", 1)[-1] for report in found) == ["p0.md", "p1.md"]
    assert all("did you mean 'description'" in report.message for report in found)


# -- the three kinds of schema ------------------------------------------------------


@pytest.mark.parametrize("schema", ["schemas/course.py:Course", "mysite_models.course:Course",
                                    "schemas/course.schema.json"])
def test_each_kind_of_schema_reports_at_the_keys_line(tmp_path: Path, schema: str) -> None:
    files = {"schemas/course.py": LEARNING_PATH_MODEL,
             "mysite_models/__init__.py": "",
             "mysite_models/course.py": LEARNING_PATH_MODEL,
             "schemas/course.schema.json": json.dumps(COURSE_JSON_SCHEMA)}
    if schema.endswith(".json"):  # the JSON Schema knows the level's values too
        expected = {("bad.md", "FM003", 3), ("bad.md", "FM003", 4),
                    ("missing.md", "FM003", 1)}
    else:
        expected = {("bad.md", "FM003", 3), ("missing.md", "FM003", 1)}
    repo = make_repo(tmp_path, f'''
        [tool.curriculint.collections.courses]
        pages = ["courses/**/*.md"]
        schema = "{schema}"
        required = true
        ''', {"courses/good.md": GOOD_COURSE, "courses/intro/bad.md": BAD_COURSE,
              "courses/missing.md": "---\ntitle: Missing weeks\n---\n\n# M\n",
              "courses/none.md": NO_FRONTMATTER, "notes/free.md": NO_FRONTMATTER}, files)
    found = lint_repo(repo)
    assert found == {*expected, ("none.md", "FM005", 1)}


def test_a_missing_required_key_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    repo = make_repo(tmp_path, '''
        [tool.curriculint.collections.courses]
        schema = "schemas/course.schema.json"
        ''', {"c.md": "---\ntitle: T\n---\n\n# T\n"},
        {"schemas/course.schema.json": json.dumps(COURSE_JSON_SCHEMA)})
    status, out, _ = run_cli(repo, capsys=capsys)
    assert status == 1 and "missing required key 'weeks'" in out


def test_where_selects_pages_by_frontmatter(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, '''
        [tool.curriculint.collections.courses]
        where = [{ type = "course" }, { kind = ["course", "track"] }]
        schema = "schemas/course.py:Course"
        ''', {"a.md": "---\ntype: course\ntitle: A\nweeks: 0\n---\n# A\n",
              "b.md": "---\nkind: track\ntitle: B\nweeks: 0\n---\n# B\n",
              "c.md": "---\ntype: article\ntitle: C\nweeks: 0\n---\n# C\n"},
        {"schemas/course.py": LEARNING_PATH_MODEL})
    assert lint_repo(repo) == {("a.md", "FM003", 4), ("b.md", "FM003", 4)}


def test_the_higher_priority_wins(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, '''
        [tool.curriculint.collections.pages]
        schema = "curriculint:page"
        required = true

        [tool.curriculint.collections.courses]
        pages = ["courses/*.md"]
        schema = "schemas/course.py:Course"
        priority = 1
        ''', {"courses/a.md": GOOD_COURSE, "b.md": GOOD_COURSE},
        {"schemas/course.py": LEARNING_PATH_MODEL})
    # b.md is an ordinary page: it lacks a description; a.md is a course and needs none.
    assert lint_repo(repo) == {("b.md", "FM003", 1)}


def test_only_a_collection_that_forbids_extra_keys_reports_every_unknown_key(
        tmp_path: Path) -> None:
    page = "---\ntitle: A\nweeks: 2\nmentor: Ada\nweks: 3\n---\n# A\n"
    for extra, expected in (("allow", set()), ("forbid", {("a.md", "FM004", 4),
                                                           ("a.md", "FM004", 5)})):
        repo = make_repo(tmp_path / extra, f'''
            [tool.curriculint.collections.courses]
            schema = "schemas/course.py:Course"
            extra = "{extra}"
            ''', {"a.md": page}, {"schemas/course.py": LEARNING_PATH_MODEL})
        assert lint_repo(repo, ("FM004",)) == expected


def test_unknown_keys_are_matched_against_what_other_pages_of_the_collection_write(
        tmp_path: Path) -> None:
    pages = {f"p{n}.md": f"---\ntitle: P{n}\nweeks: 1\nessential_question: Why?\n---\n# P\n"
             for n in range(4)}
    pages["odd.md"] = "---\ntitle: Odd\nweeks: 1\nessential-question: Why?\n---\n# O\n"
    repo = make_repo(tmp_path, '''
        [tool.curriculint.collections.courses]
        schema = "schemas/course.py:Course"
        ''', pages, {"schemas/course.py": LEARNING_PATH_MODEL})
    config = load_config(repo / "pyproject.toml")
    reports = lint_paths(config.roots, ["FM004"], config)
    assert [(Path(r.path).name, r.span.line) for r in reports] == [("odd.md", 4)]
    assert "4 other pages of the 'courses' collection write 'essential_question'" in \
        reports[0].message


def test_the_built_in_learning_path_collection(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, '''
        [tool.curriculint.collections.learning-paths]
        where = { type = "learning-path" }
        schema = "curriculint:learning-path"
        ''', {"lp.md": "---\ntitle: T\ndescription: D\ntype: learning-path\n"
                       "difficulty: expert\nreading_time: 15 min\nstatus: complete\n"
                       "last_updated: 2025-01-02\nprerequisites:\noutcomes: [Ship it]\n"
                       "essential_question: Why?\n---\n# T\n"})
    assert lint_repo(repo) == {("lp.md", "FM003", 9)}


# -- configuration errors: one line, exit 2, the key named ----------------------------


@pytest.mark.parametrize(("collection", "files", "message"), [
    ('schema = "schemas/nope.py:Course"', {},
     "[tool.curriculint.collections.courses] schema = 'schemas/nope.py:Course': no such file"),
    ('schema = "schemas/course.py:helper"',
     {"schemas/course.py": "def helper():\n    pass\n"}, "'helper' is not a pydantic model"),
    ('schema = "schemas/course.py:Missing"', {"schemas/course.py": LEARNING_PATH_MODEL},
     "defines no 'Missing'"),
    ('schema = "schemas/broken.schema.json"',
     {"schemas/broken.schema.json": '{"type": "objekt"}'}, "is not a valid JSON Schema"),
    ('schema = "schemas/absent.schema.json"', {}, "cannot read"),
    ('schema = "curriculint:lesson"', {}, "no built-in schema 'lesson'"),
    ('schema = "curriculint.schemas.models:LearningPathFrontmatter"', {},
     "curriculint's own models are 'curriculint:learning-path'"),
    ('schema = "schemas/course.py:Course"\npage = ["*.md"]',
     {"schemas/course.py": LEARNING_PATH_MODEL},
     "unknown key 'page' in [tool.curriculint.collections.courses]; did you mean 'pages'?"),
    ('pages = ["*.md"]', {}, "[tool.curriculint.collections.courses] schema"),
    ('schema = "schemas/course.py:Course"\nextra = "strict"',
     {"schemas/course.py": LEARNING_PATH_MODEL}, "[tool.curriculint.collections.courses] extra"),
])
def test_configuration_errors_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               collection: str, files: dict[str, str],
                                               message: str) -> None:
    repo = make_repo(tmp_path, "[tool.curriculint.collections.courses]\n" + collection + "\n",
                     {"a.md": GOOD_COURSE}, files)
    status, out, err = run_cli(repo, capsys=capsys)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and message in err, err
    assert str(repo / "pyproject.toml") in err


def test_two_collections_claiming_a_page_at_one_priority_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = make_repo(tmp_path, '''
        [tool.curriculint.collections.pages]
        schema = "curriculint:page"

        [tool.curriculint.collections.courses]
        pages = ["courses/*.md"]
        schema = "curriculint:page"
        ''', {"courses/a.md": GOOD_COURSE})
    status, _, err = run_cli(repo, capsys=capsys)
    assert status == 2
    assert ("[tool.curriculint.collections.pages] and [tool.curriculint.collections.courses] "
            "both claim courses/a.md; give one of them a higher 'priority'") in err


# -- editors and the cache ------------------------------------------------------------


def test_schema_export_writes_a_schema_per_collection_and_the_vscode_mapping(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    repo = make_repo(tmp_path, '''
        [tool.curriculint.collections.courses]
        pages = ["courses/**/*.md"]
        schema = "schemas/course.py:Course"

        [tool.curriculint.collections.glossary]
        pages = ["glossary.md"]
        schema = "schemas/glossary.schema.json"
        ''', {}, {"schemas/course.py": LEARNING_PATH_MODEL,
                  "schemas/glossary.schema.json": json.dumps(COURSE_JSON_SCHEMA)})
    assert main(["schema", "export", "--config", str(repo / "pyproject.toml")]) == 0
    mapping = json.loads(capsys.readouterr().out)["yaml.schemas"]
    assert mapping == {".curriculint/schemas/courses.schema.json": ["docs/courses/**/*.md"],
                       ".curriculint/schemas/glossary.schema.json": ["docs/glossary.md"],
                       ".curriculint/schemas/default.schema.json": ["docs/**/*.md"]}
    for name in mapping:
        schema = json.loads((repo / name).read_text(encoding="utf-8"))
        jsonschema.validators.validator_for(schema).check_schema(schema)
    course = json.loads((repo / ".curriculint/schemas/courses.schema.json").read_text("utf-8"))
    assert set(course["required"]) == {"title", "weeks"}


def test_editing_the_model_rechecks_cached_pages(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path, '''
        [tool.curriculint.collections.courses]
        schema = "schemas/course.py:Course"
        ''', {"a.md": "---\ntitle: A\nweeks: 3\n---\n# A\n"},
        {"schemas/course.py": LEARNING_PATH_MODEL})
    monkeypatch.chdir(repo)
    assert main(["check", "docs"]) == 0
    capsys.readouterr()
    stricter = LEARNING_PATH_MODEL.replace("Field(gt=0)", "Field(gt=5)")
    (repo / "schemas/course.py").write_text(stricter, encoding="utf-8")
    # A new process, as a second run would be: the model module is read afresh.
    result = subprocess.run([str(BIN / "curriculint"), "check", "docs"], cwd=repo,
                            capture_output=True, text=True, timeout=120, check=False,
                            env={**os.environ, "CURRICULINT_SERVER": "off"})
    assert result.returncode == 1 and "FM003" in result.stdout


# -- end to end: a user's repository, its own schemas/, pre-commit in a real git repo --


@pytest.mark.skipif(shutil.which("git") is None or not (BIN / "pre-commit").exists()
                    or not (BIN / "curriculint").exists(),
                    reason="needs git, pre-commit and curriculint installed")
def test_a_user_repository_with_its_own_schemas_through_pre_commit(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", '''
        [tool.curriculint.collections.courses]
        pages = ["courses/**/*.md"]
        schema = "schemas/course.py:Course"
        required = true
        ''', {"index.md": NO_FRONTMATTER, "courses/caching.md": GOOD_COURSE},
        {"schemas/course.py": LEARNING_PATH_MODEL,
         "mkdocs.yml": "site_name: Courses\ndocs_dir: docs\n",
         ".pre-commit-config.yaml":
             "repos:\n  - repo: local\n    hooks:\n      - id: curriculint\n"
             "        name: curriculint\n        entry: curriculint check\n"
             "        language: unsupported\n        types: [markdown]\n"})
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "HOME": str(tmp_path),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
           "CURRICULINT_SERVER": "off"}

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True,
                              text=True, timeout=120, check=False)

    assert git("init", "-q").returncode == 0
    installed = subprocess.run([str(BIN / "pre-commit"), "install"], cwd=repo, env=env,
                               capture_output=True, text=True, timeout=120, check=False)
    assert installed.returncode == 0, installed.stderr
    git("add", ".")
    first = git("commit", "-qm", "courses")
    assert first.returncode == 0, first.stdout + first.stderr

    (repo / "docs/courses/replication.md").write_text(BAD_COURSE, encoding="utf-8")
    (repo / "docs/courses/sharding.md").write_text(NO_FRONTMATTER, encoding="utf-8")
    git("add", ".")
    refused = git("commit", "-qm", "two more")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert "docs/courses/replication.md:3:1: FM003" in output
    assert "docs/courses/sharding.md:1:1: FM005" in output
    assert "index.md" not in output  # no collection asks that page for frontmatter


def test_a_near_miss_the_site_writes_on_page_after_page_is_its_own_key(tmp_path: Path) -> None:
    """`update:` on every page and `updated:` on none: a plugin's key (pub-meta's),
    not a typo. One page alone, or a site that also writes `updated`, is told."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    for number in range(3):
        (docs / f"p{number}.md").write_text(
            f"---\ntitle: Page {number}\nupdate: 2024-03-04\n---\n\n# Page {number}\n",
            encoding="utf-8")
    assert not lint_paths([docs], select=["FM004"])
    (docs / "other.md").write_text("---\ntitle: O\nupdated: 2024-03-04\n---\n\n# O\n",
                                   encoding="utf-8")
    assert len(lint_paths([docs], select=["FM004"])) == 3
