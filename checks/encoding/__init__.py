"""Encoding rules: invalid bytes, BOM, mojibake and invisible characters."""

MODULES: tuple[str, ...] = (
    "curriculint.checks.encoding.invalid_utf8",
    "curriculint.checks.encoding.utf8_bom",
    "curriculint.checks.encoding.mojibake",
    "curriculint.checks.encoding.replacement_character",
    "curriculint.checks.encoding.control_character",
    "curriculint.checks.encoding.invisible_character",
)
