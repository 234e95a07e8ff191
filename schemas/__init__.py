"""The built-in frontmatter models.

`PageFrontmatter` checks pages that no collection claims: nothing required,
well-known keys typed. A site declares its own document types as collections
in its configuration (docs/collections.md); `BUILT_IN` holds the ready-made
schemas they can name (`schema = "curriculint:learning-path"`).
"""

from curriculint.schemas.models import (
    BUILT_IN,
    MISSING_OUTCOMES,
    BaseFrontmatter,
    LearningPathFrontmatter,
    PageFrontmatter,
)

__all__ = [
    "BUILT_IN",
    "MISSING_OUTCOMES",
    "BaseFrontmatter",
    "LearningPathFrontmatter",
    "PageFrontmatter",
]
