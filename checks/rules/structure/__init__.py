"""Structure rules: headings, HTML blocks and admonitions."""

MODULES: tuple[str, ...] = (
    "checks.rules.structure.multiple_h1",
    "checks.rules.structure.heading_increment",
    "checks.rules.structure.empty_section",
    "checks.rules.structure.unclosed_html",
    "checks.rules.structure.malformed_admonition",
)
