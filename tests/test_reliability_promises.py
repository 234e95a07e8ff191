"""Promises of docs/reliability.md that no other test checked (issue 24: every
promise there names the test that keeps it)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from curriculint.cli.main import main
from curriculint.online.request import LinkRequest
from curriculint.online.stage import check_urls
from curriculint.online.verdict import Outcome
from tests.hostile import hang_guard, lint_page_bytes
from tests.loopback_server import base_url, serve
from tests.test_online_stage import fast_options


def _own(data: bytes) -> set[tuple[str, int, str]]:
    result = lint_page_bytes(data)
    return {(report.code, report.span.line, report.message) for report in result.reports
            if report.path.endswith("/page.md") or report.path == "page.md"}


def test_frontmatter_over_200_000_characters_is_not_parsed() -> None:
    keys = "".join(f"key_{number}: {'x' * 90}\n" for number in range(2300))
    found = _own(b"---\n" + keys.encode() + b"---\n\n# T\n")
    assert [(code, message) for code, _, message in found if code == "FM001"] == [
        ("FM001", "frontmatter is larger than 200000 characters; not parsed")], found


@pytest.mark.parametrize("data", [b"# T\n\n" + b"text \xff\n" * 60, b"# T\n\ntext\x00more\n"],
                         ids=["60 bad sequences", "a NUL byte"])
def test_many_decode_problems_or_a_nul_make_one_binary_finding(data: bytes) -> None:
    (finding,) = _own(data)
    assert finding[:2] == ("ENC001", 1) and "binary" in finding[2]


def test_up_to_50_decode_problems_are_each_reported() -> None:
    found = _own(b"# T\n\n" + b"text \xff\n" * 40)
    assert len(found) == 40 and {code for code, _, _ in found} == {"ENC001"}


def test_only_http_and_https_links_are_fetched(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from curriculint.online import httpx_client

    asked: list[str] = []

    def engine(requests: list[LinkRequest], *args: object, **kwargs: object) -> dict[str, object]:
        asked.extend(request.url for request in requests)
        return {}

    monkeypatch.setattr(httpx_client, "check_with_httpx", engine)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text(
        "# T\n\n[f](ftp://127.0.0.1/file) [m](mailto:a@example.org) [j](javascript:alert(1)) "
        "[d](data:text/html,<b>x</b>) [s](ssh://host/x) [w](https://example.org/page)\n",
        encoding="utf-8")
    main(["check", "--no-cache", "--online", "--select", "LNK1", "page.md"])
    capsys.readouterr()
    assert asked == ["https://example.org/page"]


def test_proxies_from_the_environment_are_ignored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy would route around the address guard: requests go straight to the
    host, whatever HTTP(S)_PROXY and ALL_PROXY say."""
    with serve(2) as (target, proxy):
        for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
            monkeypatch.setenv(name, base_url(proxy))
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        url = base_url(target) + "/ok"
        with hang_guard(60):
            result = check_urls([LinkRequest(url)], fast_options(tmp_path, robots=False))
    assert result.verdicts[url].outcome is Outcome.OK
    assert target.hits["/ok"] == 1
    assert not proxy.hits


# -- every promise of docs/reliability.md names a test that exists --------------------------

DOC = Path(__file__).resolve().parent.parent / "docs" / "reliability.md"
TESTS = Path(__file__).resolve().parent
_REFERENCE = re.compile(r"^(?:(?P<file>test_\w+\.py)(?:::(?P<qualified>\w+))?|(?P<name>test_\w+)"
                        r"|(?P<more>\.\.\.))(?:\[(?P<case>[^\]]+)\])?$")


def _rows(text: str) -> Iterator[tuple[int, str]]:
    """(line number, last cell) of every body row of every table whose last column is `test`."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if not line.startswith("|") or number + 1 >= len(lines):
            continue
        if not lines[number + 1].startswith("|---") or (
                number and lines[number - 1].startswith("|")):
            continue
        if line.strip(" |").split("|")[-1].strip() != "test":
            continue
        for offset, row in enumerate(lines[number + 2:], start=number + 3):
            if not row.startswith("|"):
                break
            yield offset, row.strip().strip("|").split("|")[-1].strip()


def test_every_promise_in_reliability_md_names_an_existing_test() -> None:
    sources = {path.name: path.read_text(encoding="utf-8") for path in TESTS.glob("*.py")}
    everything = "\n".join(sources.values())

    def defined(name: str, source: str) -> bool:
        return re.search(rf"^def {name}\(", source, re.MULTILINE) is not None

    problems: list[str] = []
    previous_ok = False
    rows = list(_rows(DOC.read_text(encoding="utf-8")))
    assert len(rows) > 80  # the tables were found
    for number, cell in rows:
        references = re.findall(r"`([^`]+)`", cell)
        if not references and cell.startswith("same"):
            ok = previous_ok
        else:
            ok = bool(references)
            for reference in references:
                match = _REFERENCE.match(reference)
                if match is None:
                    ok = False
                elif match["more"]:
                    ok = ok and previous_ok
                elif match["file"]:
                    source = sources.get(match["file"])
                    ok = ok and source is not None and (
                        not match["qualified"] or defined(match["qualified"], source))
                else:
                    ok = ok and defined(match["name"], everything)
                if match is not None and match["case"]:
                    ok = ok and match["case"] in everything
        if not ok:
            problems.append(f"docs/reliability.md:{number}: {cell}")
        previous_ok = ok
    assert not problems, "\n".join(problems)
