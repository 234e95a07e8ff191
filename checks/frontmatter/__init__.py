"""Frontmatter rules: YAML problems, and each page checked against the schema of
its collection (docs/collections.md)."""

MODULES: tuple[str, ...] = (
    "curriculint.checks.frontmatter.yaml_error",
    "curriculint.checks.frontmatter.duplicate_key",
    "curriculint.checks.frontmatter.schema_violation",
    "curriculint.checks.frontmatter.unknown_key",
    "curriculint.checks.frontmatter.missing_frontmatter",
)
