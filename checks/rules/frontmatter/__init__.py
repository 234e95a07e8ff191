"""Frontmatter rules: YAML problems and the pydantic schemas in `schemas/`."""

MODULES: tuple[str, ...] = (
    "checks.rules.frontmatter.yaml_error",
    "checks.rules.frontmatter.duplicate_key",
    "checks.rules.frontmatter.schema_violation",
    "checks.rules.frontmatter.unknown_key",
    "checks.rules.frontmatter.missing_frontmatter",
)
