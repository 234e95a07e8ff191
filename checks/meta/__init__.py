"""Rules about curriculint's own directives in the pages, and files it cannot check."""

MODULES: tuple[str, ...] = (
    "curriculint.checks.meta.unused_suppression",
    "curriculint.checks.meta.file_too_large",
)
