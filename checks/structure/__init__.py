"""Structure rules: headings, HTML blocks, admonitions and code fences."""

MODULES: tuple[str, ...] = (
    "curriculint.checks.structure.multiple_h1",
    "curriculint.checks.structure.heading_increment",
    "curriculint.checks.structure.empty_section",
    "curriculint.checks.structure.unclosed_html",
    "curriculint.checks.structure.malformed_admonition",
    "curriculint.checks.structure.swallowed_fence",
    "curriculint.checks.structure.assistant_reply",
    "curriculint.checks.structure.extension_not_enabled",
    "curriculint.checks.structure.list_after_paragraph",
    "curriculint.checks.structure.merge_conflict",
    "curriculint.checks.structure.nested_list_indent",
    "curriculint.checks.structure.paren_numbered_list",
    "curriculint.checks.structure.markdown_in_raw_html",
    "curriculint.checks.structure.list_type_continued",
    "curriculint.checks.structure.setext_by_accident",
)
