"""Rules about curriculint's own directives in the pages."""

MODULES: tuple[str, ...] = (
    "checks.rules.meta.unused_suppression",
)
