"""Duplicated content: repeated sections, blocks, headings, the frontmatter
echoed into the body, stale tables of contents and near-duplicate pages."""

MODULES: tuple[str, ...] = (
    "curriculint.checks.duplicates.duplicate_section",
    "curriculint.checks.duplicates.duplicate_block",
    "curriculint.checks.duplicates.frontmatter_echo",
    "curriculint.checks.duplicates.duplicate_heading",
    "curriculint.checks.duplicates.toc_mismatch",
    "curriculint.checks.duplicates.near_duplicate_page",
)
