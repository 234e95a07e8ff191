"""Rule docstrings are documentation and tests: Bad triggers the rule, Good does not.

Every rule documents a Bad and a Good example, and every block of both runs:
a `Bad:` or `Good:` line stands alone and is followed by one or more fenced
blocks, each of a language this test can build a file from:

- ```markdown: a page (`page.md`, or the path in `title="..."`);
- ```python title="page.md (bytes)": the page's exact bytes, written as a
  bytes literal (`+` and `* count` allowed), for rules about bytes (invalid
  UTF-8, a BOM, control characters, size limits);
- ```yaml title="mkdocs.yml": the example is a MkDocs site; its pages are
  titled with their paths (`docs/index.md`);
- ```toml title="pyproject.toml": the configuration the example needs.

The blocks of one example are written into a fresh folder and that folder is
linted. Online rules (LNK1xx) run with `--online` against a loopback server
that stands in for the examples' example.org, over HTTP and HTTPS. A block in
any other language, or an example that is not fenced, fails: nothing is skipped.
"""

from __future__ import annotations

import ast
import re
import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

import pytest

from curriculint.config import Config, load_config
from curriculint.model import Report
from curriculint.online.options import merged_online_tables
from curriculint.run.registry import Rule, all_rules
from tests.conftest import ROOT, lint_paths

RULES = all_rules()

_LABEL = re.compile(r"^(Bad|Good):(.*)$")
# A longer fence (````) holds an example that shows fences itself.
_FENCE = re.compile(r'^(`{3,})([^`\s]*)(?:[ \t]+title="([^"]*)")?[ \t]*$')
_BYTES_TITLE = " (bytes)"


@dataclass(frozen=True)
class Block:
    language: str
    title: str | None
    body: str


def _examples(rule: Rule) -> dict[str, list[Block]]:
    """Bad and Good, each the fenced blocks after its bare label line."""
    lines = rule.doc.splitlines()
    found: dict[str, list[Block]] = {}
    at = 0
    while at < len(lines):
        label = _LABEL.match(lines[at])
        at += 1
        if label is None:
            continue
        kind, rest = label.groups()
        assert not rest.strip(), (f"{rule.code}: {kind}: must stand on its own line, "
                                  f"followed by fenced blocks, not prose: {lines[at - 1]!r}")
        assert kind not in found, f"{rule.code}: two {kind} examples"
        blocks = []
        while True:
            while at < len(lines) and not lines[at].strip():
                at += 1
            if at == len(lines) or not lines[at].startswith("```"):
                break
            fence = _FENCE.match(lines[at])
            assert fence, f"{rule.code}: unreadable fence line {lines[at]!r}"
            assert fence[1] in lines[at + 1:], f"{rule.code}: unclosed fence {lines[at]!r}"
            close = lines.index(fence[1], at + 1)
            blocks.append(Block(fence[2], fence[3], "\n".join(lines[at + 1:close])))
            at = close + 1
        assert blocks, f"{rule.code}: {kind}: has no fenced example"
        found[kind] = blocks
    return found


def _bytes_of(source: str) -> bytes:
    """The value of a bytes expression: literals joined by `+`, repeated by `* count`."""

    def value(node: ast.expr) -> bytes | int:
        if isinstance(node, ast.Constant) and isinstance(node.value, bytes | int):
            return node.value
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = value(node.left), value(node.right)
            assert isinstance(left, bytes) and isinstance(right, bytes), source
            return left + right
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
            left, right = value(node.left), value(node.right)
            assert isinstance(left, bytes) and isinstance(right, int), source
            return left * right
        raise AssertionError(f"not a bytes expression: {ast.unparse(node)}")

    result = value(ast.parse(source, mode="eval").body)
    assert isinstance(result, bytes), source
    return result


def _write_example(rule: Rule, blocks: list[Block], root: Path,
                   example_org: str | None = None) -> Config:
    """The example's files in `root`; the configuration it runs with."""
    root.mkdir(parents=True)
    written: set[str] = set()
    for block in blocks:
        if block.language == "markdown":
            name, data = block.title or "page.md", (block.body + "\n").encode("utf-8")
            if example_org is not None:
                data = _to_example_org(data.decode("utf-8"), example_org).encode("utf-8")
        elif block.language == "python":
            assert block.title and block.title.endswith(_BYTES_TITLE), (
                f'{rule.code}: a python block holds a file\'s bytes: title="page.md (bytes)"')
            name, data = block.title.removesuffix(_BYTES_TITLE), _bytes_of(block.body)
        elif block.language in ("yaml", "toml"):
            wanted = {"yaml": "mkdocs.yml", "toml": "pyproject.toml"}[block.language]
            assert block.title == wanted, f'{rule.code}: {block.language} is title="{wanted}"'
            name, data = wanted, (block.body + "\n").encode("utf-8")
        else:
            raise AssertionError(
                f"{rule.code}: a ```{block.language} block is not an example this test can "
                "run; write ```markdown (or python/yaml/toml, see the module docstring)")
        assert name not in written, f"{rule.code}: {name} written twice in one example"
        written.add(name)
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    config = (load_config(root / "pyproject.toml") if "pyproject.toml" in written
              else Config())
    return config.model_copy(update={"roots": ()})


def _lint_example(rule: Rule, blocks: list[Block], root: Path,
                  example_org: str | None) -> list[Report]:
    config = _write_example(rule, blocks, root, example_org)
    if rule.online:
        assert example_org is not None
        online = {**config.rules.get("online", {}), **_online_settings(root)}
        config = config.model_copy(update={
            "online": True, "rules": merged_online_tables({**config.rules, "online": online},
                                                          {})})
    # EXAMPLE_ALSO: rules an example needs besides its own (SUP001 needs a suppressed one).
    select = [rule.code, *getattr(rule.module, "EXAMPLE_ALSO", ())]
    return lint_paths([root], select, config)


@pytest.mark.parametrize("rule", [rule for rule in RULES if rule.has_options],
                         ids=lambda rule: rule.code)
def test_unconfigured_options_are_what_validating_nothing_gives(rule: Rule) -> None:
    """A rule nobody configured gets its Options constructed, not validated
    (curriculint.run.plan.options_for): the same object, and valid."""
    from curriculint.run.plan import options_for

    built = options_for(rule, Config())
    validated = rule.options_model.model_validate({})
    assert built == validated and repr(built) == repr(validated)
    assert built.model_fields_set == validated.model_fields_set
    assert type(built).model_validate(built.model_dump()) == built


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_docstring_has_summary_why_bad_good(rule: Rule) -> None:
    assert rule.summary and "Why:" in rule.doc
    assert "Bad:" in rule.doc and "Good:" in rule.doc


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_bad_example_triggers_and_good_does_not(rule: Rule, tmp_path: Path,
                                                request: pytest.FixtureRequest) -> None:
    examples = _examples(rule)
    assert sorted(examples) == ["Bad", "Good"], f"{rule.code}: needs a Bad and a Good example"
    example_org = request.getfixturevalue("example_org") if rule.online else None
    bad = _lint_example(rule, examples["Bad"], tmp_path / "bad", example_org)
    good = _lint_example(rule, examples["Good"], tmp_path / "good", example_org)
    assert any(report.code == rule.code for report in bad), (
        f"{rule.code} not reported for Bad, only {[report.code for report in bad]}")
    assert not good, [f"{report.code} {report.message}" for report in good]


# -- example.org for the online examples ---------------------------------------------

# What example.org answers, path by path; anything else (the removed page,
# robots.txt) is 404. HTTP and HTTPS alike.
EXAMPLE_ORG: dict[str, tuple[int, dict[str, str]]] = {
    "/spec": (200, {}),
    "/docs/": (200, {}),
    "/docs/api": (200, {}),
    "/admin": (200, {}),
    "/guide": (200, {}),
    "/old-docs": (301, {"Location": "/docs/"}),
    "/limited": (429, {"Retry-After": "1"}),
}
EXAMPLE_ORG_PAGE = (b"<!doctype html><html><head><title>Guide</title></head><body>"
                    b"<h2 id=\"installation\">Installation</h2><p>text</p></body></html>")
_EXAMPLE_ORG_URL = re.compile(r"\b(https?)://(?:[\w-]+\.)*example\.org(?![\w.-])")


def _to_example_org(text: str, base: str) -> str:
    """`http(s)://example.org` (and its subdomains) -> the loopback stand-in, same scheme."""
    return _EXAMPLE_ORG_URL.sub(lambda match: f"{match[1]}://{base}", text)


def _online_settings(root: Path) -> dict[str, object]:
    return {"allow-hosts": ["127.0.0.1"], "cache-path": str(root / "links.sqlite"),
            "connect-timeout": 2, "read-timeout": 2, "url-budget": 10, "run-budget": 30,
            "per-host-rate": 1000, "max-retry-after": 2, "progress": False}


class _ExampleOrgHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        status, headers = EXAMPLE_ORG.get(self.path.split("?", 1)[0], (404, {}))
        body = EXAMPLE_ORG_PAGE if status == 200 else b""
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _ExampleOrg(ThreadingHTTPServer):
    """HTTP and HTTPS on one loopback port (a TLS ClientHello starts with byte 16),
    so an http:// link and its https:// form reach the same site, as on example.org."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, tls: ssl.SSLContext) -> None:
        super().__init__(("127.0.0.1", 0), _ExampleOrgHandler)
        self.tls = tls

    def get_request(self) -> tuple[socket.socket, object]:
        connection, address = self.socket.accept()
        try:
            connection.settimeout(5)  # every read bounded: a test never hangs here
            if connection.recv(1, socket.MSG_PEEK) == b"\x16":
                connection = self.tls.wrap_socket(connection, server_side=True)
        except OSError:
            connection.close()
            raise
        return connection, address

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that give up mid-response


@pytest.fixture(scope="module")
def _example_org_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("example-org")
    cert, key = folder / "cert.pem", folder / "key.pem"
    if shutil.which("openssl") is None:
        pytest.fail("the online examples need the openssl command to serve example.org "
                    "over HTTPS")
    # A certificate for 127.0.0.1, trusted by the client through SSL_CERT_FILE.
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-addext", "basicConstraints=critical,CA:TRUE",
                    "-addext", "keyUsage=critical,digitalSignature,keyCertSign",
                    "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    server = _ExampleOrg(tls)
    thread = Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", cert
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def example_org(_example_org_server: tuple[str, Path], monkeypatch: pytest.MonkeyPatch) -> str:
    """host:port of the stand-in, with its certificate trusted by the link checker."""
    address, cert = _example_org_server
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    return address


def test_the_stand_in_speaks_http_and_https(_example_org_server: tuple[str, Path]) -> None:
    import httpx

    address, cert = _example_org_server
    trusted = ssl.create_default_context(cafile=str(cert))
    with httpx.Client(verify=trusted, trust_env=False) as client:
        assert client.get(f"http://{address}/spec").status_code == 200
        assert client.get(f"https://{address}/spec").status_code == 200
        assert client.get(f"https://{address}/removed-page").status_code == 404
        assert client.get(f"https://{address}/old-docs").headers["Location"] == "/docs/"


def test_codes_and_names_are_unique() -> None:
    assert len({rule.code for rule in RULES}) == len(RULES)
    assert len({rule.name for rule in RULES}) == len(RULES)


def test_every_rule_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [rule.code for rule in RULES if f"`{rule.code}`" not in readme]
    assert not missing, f"README lacks {missing}: run python scripts/gendocs.py"


def test_generated_docs_are_current() -> None:
    from curriculint.report.rule_docs import render_readme_table, render_rules_md

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert render_readme_table() in readme, "run python scripts/gendocs.py"
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == render_rules_md()


def test_rule_manifest_is_current() -> None:
    from curriculint.run.registry import render_manifest, scan_rules

    manifest = (ROOT / "checks" / "manifest.py").read_text(encoding="utf-8")
    assert manifest == render_manifest(scan_rules()), "run python scripts/gendocs.py"
    assert all_rules() == scan_rules()


def test_a_manifest_missing_a_rule_module_falls_back_to_the_modules(monkeypatch) -> None:
    from curriculint.checks import manifest
    from curriculint.run import registry

    monkeypatch.setattr(manifest, "RULES", manifest.RULES[1:])
    registry.all_rules.cache_clear()
    try:
        assert registry.all_rules() == registry.scan_rules()
    finally:
        registry.all_rules.cache_clear()


def test_an_offline_run_imports_no_online_rule(tmp_path: Path) -> None:
    import subprocess
    import sys

    page = tmp_path / "page.md"
    page.write_text("# Title\n\nSee [a site](https://example.com/).\n", encoding="utf-8")
    probe = ("import sys; from curriculint.cli.main import main; "
             "main(['check', '--no-cache', sys.argv[1]]); "
             "print(sorted(m for m in sys.modules if m.startswith('curriculint.online') "
             "or m.startswith('curriculint.checks.links.dead')))")
    done = subprocess.run([sys.executable, "-c", probe, str(page)], capture_output=True,
                          text=True, cwd=ROOT, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_every_hook_id_is_in_the_readme() -> None:
    import yaml

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert all(f"id: {hook['id']}" in readme for hook in hooks)
