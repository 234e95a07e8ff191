"""Options of the online link stage, shared by every LNK1xx rule."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from curriculint.config import Config

ONLINE_CODES = ("LNK101", "LNK102", "LNK103", "LNK104", "LNK105", "LNK106")


class OnlineOptions(BaseModel):
    """`[tool.curriculint.rules.online]` (merged into each LNK1xx rule's table)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    engine: Literal["httpx", "linkchecker", "lychee"] = "httpx"
    refresh: bool = False  # ignore cached verdicts (`--refresh`)
    # Read and write the link cache at all; `--no-cache` (and `cache = false`,
    # CURRICULINT_NO_CACHE) turn it off with the results cache.
    cache: bool = True
    cache_path: str = Field(".curriculint_cache/links.sqlite", alias="cache-path")
    ttl_hours: float = Field(7 * 24, ge=0, alias="ttl-hours")
    # Failures are re-checked sooner: they are often transient.
    failure_ttl_hours: float = Field(6, ge=0, alias="failure-ttl-hours")
    connect_timeout: float = Field(10, gt=0, alias="connect-timeout")
    read_timeout: float = Field(15, gt=0, alias="read-timeout")
    # Wall-clock cap for one URL (redirects, fallbacks and retries included)
    # and for the whole stage; what is left over is reported as not checked.
    url_budget: float = Field(60, gt=0, alias="url-budget")
    run_budget: float = Field(900, gt=0, alias="run-budget")
    max_redirects: int = Field(10, ge=0, alias="max-redirects")
    concurrency: int = Field(32, ge=1)
    per_host_concurrency: int = Field(4, ge=1, alias="per-host-concurrency")
    per_host_rate: float = Field(10, gt=0, alias="per-host-rate")  # requests per second
    max_requests: int = Field(20000, ge=1, alias="max-requests")
    max_requests_per_host: int = Field(2000, ge=1, alias="max-requests-per-host")
    max_body_bytes: int = Field(2_000_000, ge=1024, alias="max-body-bytes")
    retries_429: int = Field(1, ge=0, alias="retries-429")
    max_retry_after: float = Field(30, ge=0, alias="max-retry-after")
    robots: bool = True  # honour robots.txt like LinkChecker does
    # Also request the https:// form of every working http:// URL, and suggest it
    # (LNK106) where it works too. Off by default: it doubles those requests.
    https_upgrade: bool = Field(False, alias="https-upgrade")
    check_anchors: bool = Field(True, alias="check-anchors")
    # Host names, addresses or networks (CIDR) that may resolve to private,
    # loopback or link-local addresses; everything else that does is refused.
    allow_hosts: tuple[str, ...] = Field((), alias="allow-hosts")
    user_agent: str = Field("curriculint-linkcheck/0.1", alias="user-agent")
    progress: bool = True  # a progress line on a terminal
    linkchecker: str = "linkchecker"  # the LinkChecker CLI to run
    lychee: str = "lychee"  # the lychee binary (next to this Python first, then PATH)


def merged_online_tables(rules: dict[str, dict[str, Any]],
                         overrides: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Rule tables with `[rules.online]` and command-line overrides merged into LNK1xx.

    The five rules share one stage, so they must see the same options.
    """
    shared = dict(rules.get("online", {}))
    merged = {key: value for key, value in rules.items() if key != "online"}
    for code in ONLINE_CODES:
        merged[code] = {**shared, **rules.get(code, {}), **overrides}
    return merged


def online_config(config: Config, online: bool = False, refresh: bool = False,
                  engine: str | None = None) -> Config:
    """`config` with the command line's `--online`, `--refresh`, `--link-engine` applied."""
    overrides: dict[str, Any] = {}
    if refresh:
        overrides["refresh"] = True
    if engine:
        overrides["engine"] = engine
    update: dict[str, Any] = {"rules": merged_online_tables(config.rules, overrides)}
    if online:
        update["extend_select"] = (*config.extend_select, *ONLINE_CODES)
        update["online"] = True
    return config.model_copy(update=update)
