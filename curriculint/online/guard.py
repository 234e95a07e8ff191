"""Refuses URLs whose host resolves to a private, loopback, link-local or
metadata address (SSRF), unless the host is allowed in config.

An IPv6 address that carries an IPv4 address (IPv4-mapped and -compatible,
SIIT, 6to4, NAT64, Teredo) is judged by the IPv4 address it carries too: a
host or gateway that translates or tunnels it would deliver the request there.

The check sits in the connection layer (an httpcore network backend), so it
applies to every connection, redirect hops included, and the socket is opened
to the very address that was checked (no second DNS lookup to rebind).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# Cloud metadata endpoints outside the private ranges.
_METADATA = {ipaddress.ip_address("100.100.100.200"), ipaddress.ip_address("fd00:ec2::254")}

_V6 = ipaddress.IPv6Network
# IPv6 forms whose last 32 bits are an IPv4 address.
_LAST_32_BITS = (
    (_V6("::ffff:0:0/96"), "IPv4-mapped"),
    (_V6("::ffff:0:0:0/96"), "IPv4-translated"),  # SIIT, RFC 2765
    (_V6("64:ff9b::/96"), "NAT64"),  # the well-known prefix, RFC 6052
    (_V6("::/96"), "IPv4-compatible"),  # deprecated; :: and ::1 excepted below
)
# Never public, whatever they carry: local-use NAT64 prefixes (RFC 8215).
_LOCAL_NAT64 = _V6("64:ff9b:1::/48")


def embedded_ipv4(address: Address) -> list[tuple[str, ipaddress.IPv4Address]]:
    """The IPv4 addresses `address` carries, each with the name of the form."""
    if not isinstance(address, ipaddress.IPv6Address):
        return []
    found: list[tuple[str, ipaddress.IPv4Address]] = []
    for network, form in _LAST_32_BITS:
        if address in network and int(address) > 1:  # not :: nor ::1
            found.append((form, ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)))
            break
    if address.sixtofour is not None:
        found.append(("6to4", address.sixtofour))
    if address.teredo is not None:
        server, client = address.teredo
        found += [("Teredo client", client), ("Teredo server", server)]
    return found


class AddressRefused(Exception):
    """The host resolves to an address the policy forbids."""


class LookupFailed(Exception):
    """DNS gave no address for the host."""


class Policy:
    def __init__(self, allow_hosts: Iterable[str] = ()) -> None:
        self.names: set[str] = set()
        self.networks: list[Network] = []
        for entry in allow_hosts:
            entry = entry.strip().lower()
            try:
                self.networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                self.names.add(entry.rstrip("."))

    def allows(self, host: str, address: Address) -> bool:
        """`allow-hosts` names the host, or a network holding the address or the
        IPv4 address it carries."""
        if host.lower().rstrip(".") in self.names:
            return True
        candidates = [address, *(carried for _, carried in embedded_ipv4(address))]
        return any(candidate in network for candidate in candidates
                   for network in self.networks)

    def refusal(self, host: str, address: Address) -> str | None:
        """Why `address` (resolved from `host`) may not be contacted, or None."""
        if self.allows(host, address):
            return None
        for form, carried in embedded_ipv4(address):
            kind = _non_public(carried)
            if kind:
                return f"{host} resolves to {address}, which carries ({form}) {kind}"
        if address in _LOCAL_NAT64:
            return f"{host} resolves to the local-use NAT64 address {address}"
        kind = _non_public(address)
        return f"{host} resolves to {kind}" if kind else None


def _non_public(address: Address) -> str | None:
    """What kind of address we do not contact `address` is, or None."""
    if address in _METADATA or (address.is_link_local and str(address).startswith("169.254.")):
        return f"{address}, a cloud metadata/link-local address"
    if address.is_loopback:
        return f"the loopback address {address}"
    if address.is_link_local:
        return f"the link-local address {address}"
    if address.is_private:
        return f"the private address {address}"
    if not address.is_global or address.is_multicast:
        return f"the non-public address {address}"
    return None


async def resolve(host: str, port: int) -> list[Address]:
    import anyio

    try:
        literal = ipaddress.ip_address(host.strip("[]"))
        return [literal]
    except ValueError:
        pass
    try:
        infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise LookupFailed(f"DNS lookup of {host} failed: {error}") from None
    found: list[Address] = []
    for *_, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if address not in found:
            found.append(address)
    if not found:
        raise LookupFailed(f"DNS lookup of {host} returned no address")
    return found


def guarded_backend(policy: Policy) -> Any:
    """An httpcore network backend that connects only to addresses `policy` allows."""
    import httpcore
    from httpcore._backends.auto import AutoBackend

    class GuardedBackend(httpcore.AsyncNetworkBackend):
        def __init__(self) -> None:
            self.inner = AutoBackend()

        async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                              local_address: str | None = None,
                              socket_options: Any = None) -> Any:
            addresses = await resolve(host, port)
            # All of them: a name with one public and one private address is refused,
            # since we cannot tell which one a later connection would use.
            for address in addresses:
                reason = policy.refusal(host, address)
                if reason:
                    raise AddressRefused(reason)
            last_error: Exception | None = None
            for address in addresses:
                try:
                    return await self.inner.connect_tcp(
                        str(address), port, timeout=timeout, local_address=local_address,
                        socket_options=socket_options)
                except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                    last_error = error
            assert last_error is not None
            raise last_error

        async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                      socket_options: Any = None) -> Any:
            raise AddressRefused("unix sockets are not fetched")

        async def sleep(self, seconds: float) -> None:
            await self.inner.sleep(seconds)

    return GuardedBackend()


def check_host_sync(policy: Policy, host: str, port: int) -> str | None:
    """Blocking pre-check for engines we cannot hook (the LinkChecker CLI)."""
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
        addresses: list[Address] = [literal]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError):
            return None  # let the engine report the DNS failure
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for address in addresses:
        reason = policy.refusal(host, address)
        if reason:
            return reason
    return None
