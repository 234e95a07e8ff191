"""Pydantic models of page frontmatter, selected by the page's `type`.

`model_for(data, path)` picks the model; `SCHEMAS` maps a type to its model and
is the one place to extend when a new kind of page appears.
"""

from curriculint.schemas.models import (
    SCHEMAS,
    BaseFrontmatter,
    LearningPathFrontmatter,
    is_learning_path,
    model_for,
)

__all__ = [
    "SCHEMAS",
    "BaseFrontmatter",
    "LearningPathFrontmatter",
    "is_learning_path",
    "model_for",
]
