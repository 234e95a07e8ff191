"""links rules."""

MODULES: tuple[str, ...] = (
    "curriculint.checks.links.malformed_url",
    "curriculint.checks.links.broken_link",
    "curriculint.checks.links.broken_anchor",
    "curriculint.checks.links.link_case_mismatch",
    "curriculint.checks.links.nav_missing_page",
    "curriculint.checks.links.orphan_page",
    "curriculint.checks.links.unverifiable_link",
    "curriculint.checks.links.undefined_reference",
    "curriculint.checks.links.missing_snippet",
)

# Online rules (opt-in, `--online`): one shared network stage, see curriculint/online/.
MODULES += (
    "curriculint.checks.links.dead_links",
    "curriculint.checks.links.redirected_links",
    "curriculint.checks.links.rate_limited_links",
    "curriculint.checks.links.unchecked_links",
    "curriculint.checks.links.external_anchors",
    "curriculint.checks.links.insecure_links",
)
