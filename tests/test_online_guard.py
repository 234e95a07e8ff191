"""The address policy that keeps the online stage off private networks."""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import pytest

from curriculint.online.guard import Policy, check_host_sync
from curriculint.online.request import LinkRequest
from curriculint.online.stage import check_urls
from curriculint.online.verdict import Outcome
from tests.hostile import hang_guard
from tests.test_online_stage import fast_options


@pytest.mark.parametrize("address", [
    "127.0.0.1", "10.1.2.3", "172.16.0.5", "192.168.1.1", "169.254.169.254",
    "100.100.100.200", "0.0.0.0", "::1", "fe80::1", "fd00:ec2::254", "::ffff:127.0.0.1",
    "100.64.0.1", "224.0.0.1",
])
def test_non_public_addresses_are_refused(address: str) -> None:
    assert Policy().refusal("host.example", ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1::1"])
def test_public_addresses_pass(address: str) -> None:
    assert Policy().refusal("host.example", ipaddress.ip_address(address)) is None


# IPv6 forms that carry an IPv4 address (issue 24, item 9): each is judged by the
# address it carries. Before, all but the IPv4-mapped one passed as public.
EMBEDDED = {
    "::127.0.0.1": ("IPv4-compatible", "loopback address 127.0.0.1"),
    "::169.254.169.254": ("IPv4-compatible", "metadata"),
    "::ffff:127.0.0.1": ("IPv4-mapped", "loopback address 127.0.0.1"),
    "::ffff:0:10.0.0.1": ("IPv4-translated", "private address 10.0.0.1"),
    "2002:7f00:1::": ("6to4", "loopback address 127.0.0.1"),
    "2002:a9fe:a9fe::1": ("6to4", "169.254.169.254, a cloud metadata"),
    "2002:c0a8:101::": ("6to4", "private address 192.168.1.1"),
    "64:ff9b::7f00:1": ("NAT64", "loopback address 127.0.0.1"),
    "64:ff9b::a9fe:a9fe": ("NAT64", "169.254.169.254, a cloud metadata"),
    "64:ff9b::6464:c8": ("NAT64", "100.100.0.200"),  # CGNAT
    # Teredo: server 65.54.227.120, client 127.0.0.1 (stored inverted).
    "2001:0:4136:e378:8000:63bf:80ff:fffe": ("Teredo client", "loopback address 127.0.0.1"),
}


@pytest.mark.parametrize("address", sorted(EMBEDDED))
def test_ipv6_forms_that_carry_a_refused_ipv4_address_are_refused(address: str) -> None:
    form, kind = EMBEDDED[address]
    reason = Policy().refusal("evil.example", ipaddress.ip_address(address))
    assert reason is not None and f"({form})" in reason and kind in reason, reason


@pytest.mark.parametrize("address", ["64:ff9b:1::7f00:1", "64:ff9b:1:ffff::808:808"])
def test_local_use_nat64_is_refused(address: str) -> None:
    reason = Policy().refusal("evil.example", ipaddress.ip_address(address))
    assert reason and "local-use NAT64" in reason


@pytest.mark.parametrize("address", ["::ffff:8.8.8.8", "2002:808:808::1", "64:ff9b::808:808"])
def test_ipv6_forms_that_carry_a_public_ipv4_address_pass(address: str) -> None:
    assert Policy().refusal("host.example", ipaddress.ip_address(address)) is None


def test_allowing_an_ipv4_address_allows_the_forms_that_carry_it() -> None:
    policy = Policy(["127.0.0.1"])
    for address in ("::ffff:127.0.0.1", "2002:7f00:1::", "64:ff9b::7f00:1"):
        assert policy.refusal("x", ipaddress.ip_address(address)) is None
    assert policy.refusal("x", ipaddress.ip_address("2002:7f00:2::"))


@pytest.fixture
def hostile_dns(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """`<form>.evil.example` resolves to the address EMBEDDED names; every
    connection attempt is recorded and fails, so nothing is ever sent."""
    import anyio

    attempts: list[object] = []
    names = {f"a{number}.evil.example": address
             for number, address in enumerate(sorted(EMBEDDED))}

    def answer(host: str, port: object) -> list[tuple[object, ...]]:
        if host not in names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET6, socket.SOCK_STREAM, 6, "", (names[host], port, 0, 0))]

    async def lookup(host: str, port: object, **kwargs: object) -> list[tuple[object, ...]]:
        return answer(host, port)

    async def connect(*args: object, **kwargs: object) -> object:
        attempts.append((args, kwargs))
        raise OSError("connections are not allowed in this test")

    monkeypatch.setattr(anyio, "getaddrinfo", lookup)
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, port, *a, **k: answer(host, port))
    monkeypatch.setattr(anyio, "connect_tcp", connect)
    return attempts


def test_names_and_literals_that_carry_refused_addresses_are_never_contacted(
        tmp_path: Path, hostile_dns: list[object]) -> None:
    urls = [f"http://a{number}.evil.example/" for number in range(len(EMBEDDED))]
    urls += [f"http://[{address}]:8080/x" for address in EMBEDDED]
    with hang_guard(60):
        result = check_urls([LinkRequest(url) for url in urls],
                            fast_options(tmp_path, robots=False, allow_hosts=()))
    for url in urls:
        found = result.verdicts[url]
        assert found.outcome is Outcome.NOT_CHECKED and "which carries" in found.detail, (
            url, found.detail)
    assert hostile_dns == []
    # The LinkChecker engine's pre-check sees them the same way.
    assert all(check_host_sync(Policy(), f"a{number}.evil.example", 80)
               for number in range(len(EMBEDDED)))


def test_allow_hosts_takes_names_addresses_and_networks() -> None:
    policy = Policy(["127.0.0.1", "intranet.example", "10.0.0.0/8"])
    loopback = ipaddress.ip_address("127.0.0.1")
    assert policy.refusal("anything", loopback) is None
    assert policy.refusal("intranet.example", ipaddress.ip_address("192.168.0.9")) is None
    assert policy.refusal("x", ipaddress.ip_address("10.9.9.9")) is None
    assert policy.refusal("x", ipaddress.ip_address("192.168.0.9"))


def test_metadata_address_is_named_as_such() -> None:
    reason = Policy().refusal("metadata", ipaddress.ip_address("169.254.169.254"))
    assert reason and "metadata" in reason


def test_online_rules_never_run_without_online(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Selecting LNK1xx (or ALL, or the links family) must not reach the network."""
    from curriculint.config import Config
    from curriculint.run.plan import Plan

    for selector in ("ALL", "links", "LNK101"):
        plan = Plan.make(Config(roots=()), [selector])
        assert not [rule.code for rule in plan.rules if rule.code.startswith("LNK1")]
    online = Plan.make(Config(roots=(), online=True), ["LNK101"])
    assert [rule.code for rule in online.rules] == ["LNK101"]
