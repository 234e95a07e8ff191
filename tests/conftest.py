"""Shared test helpers: lint a string or a fixture tree through the real engine."""

from __future__ import annotations

import re
import signal
from collections.abc import Iterable
from pathlib import Path

import pytest

from curriculint.config import Config
from curriculint.model import Report
from curriculint.run.plan import Plan
from curriculint.run.runner import run

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "real-time-systems.md"
CORPUS = SHARED / "corpus" / "dstudio" / "docs"
DEVBENCH = SHARED / "devbench"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_configure(config: pytest.Config) -> None:
    """Ctrl-C reaches the commands the tests start, as it does from a terminal.
    A shell that starts the tests in the background (`pytest &`, some CI
    runners) sets SIGINT to ignored, and an ignored signal stays ignored in every
    child: curriculint would then rightly not stop on the tests' SIGINT. A handled
    signal goes back to its default in a child, which Python turns into
    KeyboardInterrupt."""
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


# `<!-- expect: CODE -->` in Markdown, `# expect: CODE` inside YAML frontmatter.
_EXPECT = re.compile(r"(?:<!--|#)\s*expect:\s*([A-Z0-9:+\-, ]+?)\s*(?:-->|$)")


def project_config() -> Config:
    """This repository's own configuration (its collections: every page has a
    title and a description; learning paths the built-in schema), without roots."""
    from curriculint.config import load_config

    return load_config(ROOT / "pyproject.toml").model_copy(update={"roots": ()})


def lint_paths(paths: Iterable[Path | str], select: Iterable[str] = (),
               config: Config | None = None, jobs: int = 1) -> list[Report]:
    config = config or Config(roots=())
    plan = Plan.make(config, list(select))
    return run([str(path) for path in paths], config, plan, jobs=jobs).reports


def lint_text(tmp_path: Path, text: str, select: Iterable[str] = (), name: str = "page.md",
              config: Config | None = None) -> list[Report]:
    """Write `text` to a page in a fresh folder and lint that folder."""
    page = tmp_path / name
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(text, encoding="utf-8")
    return lint_paths([tmp_path], select, config)


def codes_and_lines(reports: Iterable[Report]) -> set[tuple[str, int]]:
    return {(report.code, report.span.line) for report in reports}


def expected_findings(path: Path) -> set[tuple[str, int]]:
    """`<!-- expect: CODE -->` marks its own line; `CODE:+1` the next, `CODE:-1` the one before."""
    expected = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for match in _EXPECT.finditer(line):
            for item in match.group(1).split(","):
                item = item.strip()
                if not item:
                    continue
                code, _, offset = item.partition(":")
                expected.add((code, number + int(offset or 0)))
    return expected


def fixture_cases(family: str) -> list[Path]:
    return sorted((FIXTURES / family).glob("*.md"))


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """CLI runs in tests cache into a temporary folder, never the checkout, and
    never go through a developer's running server (tests/test_server.py does)."""
    monkeypatch.setenv("CURRICULINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("CURRICULINT_SERVER", "off")


needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not beside the repo")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-snapshots", action="store_true",
                     help="rewrite tests/snapshots/ from the current output (review the diff)")


@pytest.fixture
def update_snapshots(request: pytest.FixtureRequest) -> bool:
    """`--update-snapshots` or CURRICULINT_UPDATE_SNAPSHOTS=1."""
    import os

    return bool(request.config.getoption("--update-snapshots")
                or os.environ.get("CURRICULINT_UPDATE_SNAPSHOTS"))
