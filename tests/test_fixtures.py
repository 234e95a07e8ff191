"""Every fixture under tests/fixtures/<folder>/ carries its expected findings.

A folder's name selects the rules its fixtures run: a family (`links`) or a
code prefix (`LNK0`). Each `*.md` file in it is linted on its own; each
subfolder is a site (pages, and its mkdocs.yml if it has one) linted as a whole.
Expectations are comments on the lines they describe: `<!-- expect: CODE -->`,
`CODE:+1` or `CODE:-1` for the next or previous line, `# expect: CODE` in YAML
(frontmatter, mkdocs.yml).

The fixtures must bite: a fixture without expectations fails unless CLEAN names
it (decoys that must lint clean), every expectation names a rule its folder
selects, every folder expects at least one of its rules, and every rule of the
registry is expected by some fixture (the online rules: see ONLINE_ELSEWHERE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from curriculint.model import Report
from curriculint.run.registry import all_rules, matches
from tests.conftest import FIXTURES, ROOT, expected_findings, lint_paths, project_config

# Folders under tests/fixtures/ that are not rule fixtures.
NOT_FIXTURES = {
    "reports": "the fixed site of the reporter snapshot tests (tests/test_reporters.py), "
               "whose findings the snapshots pin",
}

# Fixtures that expect nothing: decoys that must lint clean under their folder's rules.
CLEAN = {
    "duplicates/clean.md": "sections and lists that share headings or words, not content",
    "encoding/multilingual-clean.md": "accented, non-Latin and emoji text that is not mojibake",
    "frontmatter/valid_learning_path.md": "a learning path whose frontmatter is complete",
    "targets/clean.md": "figures that agree, and disagreeing figures inside code",
    "targets/reading_time_fits.md": "a reading_time within a factor of two of the page",
    "targets/prose_decoys.md": "prose arithmetic that is right, rates of different things, "
                               "growth above 100%, standards' numbers and figures in code",
    "targets/stated_duration_fits.md": "frontmatter duration, weekly hours and reading time "
                                       "that the body states alike",
}

# Rules no fixture file can express: they need `--online` and a server whose
# address is known only at run time. Each is pinned, at exact lines, by the
# loopback test named here (and its docstring examples run in test_rule_docs).
_ONLINE_TEST = "tests/test_online_rules.py::test_every_use_of_a_url_is_reported_with_its_rule"
ONLINE_ELSEWHERE = {
    "LNK101": _ONLINE_TEST,
    "LNK102": _ONLINE_TEST,
    "LNK103": _ONLINE_TEST,
    "LNK104": _ONLINE_TEST,
    "LNK105": _ONLINE_TEST,
    "LNK106": "tests/test_online_https.py::test_suggestion_and_fix_when_https_works",
}

# The syntax of tests/conftest.py's expected_findings, read from bytes and split
# into lines as curriculint splits them (CR, LF, CRLF): str.splitlines would also
# break at U+0085 and other separators that the encoding fixtures hold.
_EXPECT = re.compile(r"(?:<!--|#)\s*expect:\s*([A-Z0-9:+\-, ]+?)\s*(?:-->|$)")
_EXPECT_LIKE = re.compile(r"(?:<!--|#)\s*expect\b", re.IGNORECASE)
_LINES = re.compile(r"\r\n|\r|\n")
_EXPECTING = (".md", ".yml", ".yaml")

Finding = tuple[str, str, int]  # (file, code, line)


def _expected_in(path: Path) -> set[tuple[str, int]]:
    expected = set()
    text = path.read_bytes().decode("utf-8", errors="replace")
    for number, line in enumerate(_LINES.split(text), start=1):
        matched = list(_EXPECT.finditer(line))
        assert matched or not _EXPECT_LIKE.search(line), (
            f"{path}:{number}: unreadable expectation {line.strip()[:80]!r}")
        for match in matched:
            for item in match.group(1).split(","):
                item = item.strip()
                if item:
                    code, _, offset = item.partition(":")
                    expected.add((code, number + int(offset or 0)))
    return expected


@dataclass(frozen=True)
class Case:
    folder: Path  # tests/fixtures/<selector>
    path: Path  # a page of it, or a site folder in it

    @property
    def name(self) -> str:
        return self.path.relative_to(FIXTURES).as_posix()

    @property
    def base(self) -> Path:
        return self.path if self.path.is_dir() else self.path.parent

    def files(self) -> list[Path]:
        if self.path.is_file():
            return [self.path]
        return sorted(path for path in self.path.rglob("*")
                      if path.is_file() and path.suffix in _EXPECTING)

    def expected(self) -> set[Finding]:
        return {(path.relative_to(self.base).as_posix(), code, line)
                for path in self.files() for code, line in _expected_in(path)}

    def found(self) -> set[Finding]:
        reports: list[Report] = lint_paths([self.path], select=[self.folder.name],
                                            config=project_config())
        return {(Path(report.path).resolve().relative_to(self.base.resolve()).as_posix(),
                 report.code, report.span.line) for report in reports}


FOLDERS = sorted(path for path in FIXTURES.iterdir()
                 if path.is_dir() and path.name not in NOT_FIXTURES)
CASES = [Case(folder, entry) for folder in FOLDERS for entry in sorted(folder.iterdir())
         if entry.is_dir() or entry.suffix == ".md"]
RULE_CODES = {rule.code for rule in all_rules()}


def _codes(cases: list[Case]) -> set[str]:
    return {code for case in cases for _, code, _ in case.expected()}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_fixture_reports_exactly_its_expectations(case: Case) -> None:
    expected = case.expected()
    assert expected or case.name in CLEAN, (
        f"{case.name} expects no finding: mark what its rules must find, or list it in "
        "CLEAN with the reason it must lint clean")
    assert case.found() == expected


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.name)
def test_fixture_folder_selects_rules_and_expects_only_them(folder: Path) -> None:
    selected = {rule.code for rule in all_rules() if matches(rule, folder.name)}
    assert selected, f"tests/fixtures/{folder.name}/ selects no rule: name it after a family"
    codes = _codes([case for case in CASES if case.folder == folder])
    assert not codes - RULE_CODES, f"expected codes that are no rule: {codes - RULE_CODES}"
    assert not codes - selected, (f"expected codes that {folder.name!r} does not select: "
                                  f"{codes - selected}")
    assert codes, f"tests/fixtures/{folder.name}/ expects none of its rules"


def test_fixture_folders_hold_only_pages_and_sites() -> None:
    assert FOLDERS
    strays = [path.relative_to(FIXTURES).as_posix() for path in FIXTURES.iterdir()
              if not path.is_dir()]
    strays += [entry.relative_to(FIXTURES).as_posix() for folder in FOLDERS
               for entry in folder.iterdir() if entry.is_file() and entry.suffix != ".md"]
    assert not strays, f"never linted as fixtures: {strays}"
    assert all((FIXTURES / name).is_dir() for name in NOT_FIXTURES)


def test_clean_fixtures_are_listed_exactly() -> None:
    names = {case.name: case for case in CASES}
    assert not set(CLEAN) - set(names), f"no such fixture: {set(CLEAN) - set(names)}"
    expecting = [name for name in CLEAN if names[name].expected()]
    assert not expecting, f"these expect findings, so they are not CLEAN: {expecting}"


def test_every_rule_is_expected_by_a_fixture() -> None:
    covered = _codes(CASES)
    missing = sorted(RULE_CODES - covered - set(ONLINE_ELSEWHERE))
    assert not missing, f"no fixture expects {missing}"
    online = {rule.code for rule in all_rules() if rule.online}
    assert set(ONLINE_ELSEWHERE) <= online, "only online rules may be covered elsewhere"
    assert not set(ONLINE_ELSEWHERE) & covered, (
        f"fixtures expect {set(ONLINE_ELSEWHERE) & covered}: drop them from ONLINE_ELSEWHERE")


@pytest.mark.parametrize("code", sorted(ONLINE_ELSEWHERE))
def test_online_rules_are_pinned_where_listed(code: str) -> None:
    where, _, test = ONLINE_ELSEWHERE[code].partition("::")
    source = (ROOT / where).read_text(encoding="utf-8")
    assert f"def {test}(" in source and f'"{code}"' in source, ONLINE_ELSEWHERE[code]


def test_expectations_read_as_conftest_reads_them() -> None:
    """The reader above agrees with conftest.expected_findings wherever that one can
    read a file (UTF-8, and no line separator besides CR and LF)."""
    compared = 0
    for case in CASES:
        for path in case.files():
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if len(text.splitlines()) != len(_LINES.split(text.removesuffix("\n"))):
                continue
            assert _expected_in(path) == expected_findings(path), path
            compared += 1
    assert compared > len(CASES) // 2
