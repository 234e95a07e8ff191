"""The address policy that keeps the online stage off private networks."""

from __future__ import annotations

import ipaddress

import pytest

from curriculint.online.guard import Policy


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
