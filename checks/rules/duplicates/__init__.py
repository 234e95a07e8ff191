"""Duplicated content: repeated sections, blocks, headings, the frontmatter
echoed into the body, stale tables of contents and near-duplicate pages."""

MODULES: tuple[str, ...] = (
    "checks.rules.duplicates.duplicate_section",
    "checks.rules.duplicates.duplicate_block",
    "checks.rules.duplicates.frontmatter_echo",
    "checks.rules.duplicates.duplicate_heading",
    "checks.rules.duplicates.toc_mismatch",
    "checks.rules.duplicates.near_duplicate_page",
)
