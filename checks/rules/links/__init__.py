"""links rules."""

MODULES: tuple[str, ...] = (
    "checks.rules.links.malformed_url",
    "checks.rules.links.broken_link",
    "checks.rules.links.broken_anchor",
    "checks.rules.links.link_case_mismatch",
    "checks.rules.links.nav_missing_page",
    "checks.rules.links.orphan_page",
)

# Online rules (opt-in, `--online`): one shared network stage, see checks/online/.
MODULES += (
    "checks.rules.links.dead_links",
    "checks.rules.links.redirected_links",
    "checks.rules.links.rate_limited_links",
    "checks.rules.links.unchecked_links",
    "checks.rules.links.external_anchors",
    "checks.rules.links.insecure_links",
)
