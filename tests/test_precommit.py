"""A real git repository with the hook installed: bad pages are refused, good ones land."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BIN = Path(sys.executable).parent
GOOD = "---\ntitle: T\ndescription: D\n---\n\n# T\n\nText.\n"
BAD = "---\ntitle: T\ndescription: D\n---\n\n# T\n\n# T again\n"

pytestmark = pytest.mark.skipif(shutil.which("git") is None or not (BIN / "pre-commit").exists()
                                or not (BIN / "curriculint").exists(),
                                reason="needs git, pre-commit and curriculint installed")


def git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def test_hook_refuses_a_bad_page_and_accepts_a_good_one(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "HOME": str(tmp_path),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    assert git(repo, "init", "-q", env=env).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n  - repo: local\n    hooks:\n      - id: curriculint\n"
        "        name: curriculint\n        entry: curriculint check\n"
        "        language: unsupported\n        types: [markdown]\n", encoding="utf-8")
    installed = subprocess.run([str(BIN / "pre-commit"), "install"], cwd=repo, env=env,
                               capture_output=True, text=True, timeout=120, check=False)
    assert installed.returncode == 0, installed.stderr
    git(repo, "add", ".pre-commit-config.yaml", env=env)
    assert git(repo, "commit", "-qm", "config", env=env).returncode == 0

    (repo / "page.md").write_text(BAD, encoding="utf-8")
    git(repo, "add", "page.md", env=env)
    refused = git(repo, "commit", "-m", "bad page", env=env)
    assert refused.returncode != 0
    assert "page.md:8:3: ST001" in refused.stdout + refused.stderr
    assert git(repo, "log", "--oneline", env=env).stdout.count("\n") == 1

    (repo / "page.md").write_text(GOOD, encoding="utf-8")
    git(repo, "add", "page.md", env=env)
    accepted = git(repo, "commit", "-m", "good page", env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert git(repo, "log", "--oneline", env=env).stdout.count("\n") == 2


def test_published_hook_manifest_is_valid() -> None:
    from pre_commit.clientlib import load_manifest

    hooks = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert {hook["id"] for hook in hooks} == {"curriculint", "curriculint-fix"}
    assert all(hook["types"] == ["markdown"] for hook in hooks)


def test_repository_config_is_valid() -> None:
    from pre_commit.clientlib import load_config

    config = load_config(str(ROOT / ".pre-commit-config.yaml"))
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {"curriculint", "ruff", "mypy"} <= ids
