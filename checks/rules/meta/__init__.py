"""Rules about curriculint's own directives in the pages, and files it cannot check."""

MODULES: tuple[str, ...] = (
    "checks.rules.meta.unused_suppression",
    "checks.rules.meta.file_too_large",
)
