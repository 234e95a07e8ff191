"""Encoding rules: invalid bytes, BOM, mojibake and invisible characters."""

MODULES: tuple[str, ...] = (
    "checks.rules.encoding.invalid_utf8",
    "checks.rules.encoding.utf8_bom",
    "checks.rules.encoding.mojibake",
    "checks.rules.encoding.replacement_character",
    "checks.rules.encoding.control_character",
    "checks.rules.encoding.invisible_character",
)
