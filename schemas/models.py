"""Frontmatter models. Reusable constraints are `Annotated` aliases."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)


class Difficulty(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    EXPERT = "expert"


class Status(StrEnum):
    """Editorial status of a learning path."""

    DRAFT = "draft"
    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    REVIEW = "review"
    COMPLETE = "complete"
    DEPRECATED = "deprecated"
    ARCHIVED = "archived"


def _strict_date(value: Any) -> Any:
    # PyYAML turns a well-formed YYYY-MM-DD into a date; anything else stays a string.
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raise ValueError("must be a real date written YYYY-MM-DD")


NonEmptyStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
IsoDate = Annotated[datetime.date, BeforeValidator(_strict_date)]
ReadingTime = Annotated[str, StringConstraints(pattern=r"^\d+ min$")]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _non_empty(items: list[str]) -> list[str]:
    if not items:
        raise ValueError("must list at least one item")
    return items


NonEmptyList = Annotated[list[NonEmptyStr], AfterValidator(_non_empty)]


class BaseFrontmatter(BaseModel):
    """Every page: a title and a description; typed optional keys."""

    model_config = ConfigDict(extra="allow", frozen=True, use_enum_values=True)

    title: NonEmptyStr
    description: NonEmptyStr
    type: str | None = None
    difficulty: Difficulty | None = None
    reading_time: ReadingTime | None = None
    status: str | None = None
    last_updated: IsoDate | None = None
    date: IsoDate | None = None
    category: str | None = None
    tags: list[Tag] | None = None
    prerequisites: list[NonEmptyStr] | None = None
    outcomes: list[NonEmptyStr] | None = None
    learning_outcomes: list[NonEmptyStr] | None = None


class LearningPathFrontmatter(BaseFrontmatter):
    """A learning path: difficulty, reading time, status, dates, prerequisites and outcomes."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)

    difficulty: Difficulty
    reading_time: ReadingTime
    status: Status
    last_updated: IsoDate
    date: IsoDate | None = None
    category: NonEmptyStr | None = None
    tags: list[Tag] = Field(default_factory=list)
    prerequisites: NonEmptyList
    # Not Optional: a key written but left empty is an error; an absent one is None.
    outcomes: NonEmptyList = Field(default=None)  # type: ignore[arg-type]
    learning_outcomes: NonEmptyList = Field(default=None)  # type: ignore[arg-type]

    @model_validator(mode="after")
    def _has_outcomes(self) -> LearningPathFrontmatter:
        if self.outcomes is None and self.learning_outcomes is None:
            raise ValueError(MISSING_OUTCOMES)
        return self


MISSING_OUTCOMES = "a learning path must list its 'outcomes' (or 'learning_outcomes')"

SCHEMAS: dict[str, type[BaseFrontmatter]] = {
    "learning-path": LearningPathFrontmatter,
}


def is_learning_path(data: Mapping[str, Any], path: str = "") -> bool:
    return (
        data.get("type") == "learning-path"
        or data.get("category") == "learning-paths"
        or "learning-paths/" in path.replace("\\", "/")
    )


def model_for(data: Mapping[str, Any], path: str = "") -> type[BaseFrontmatter]:
    kind = data.get("type")
    if isinstance(kind, str) and kind in SCHEMAS:
        return SCHEMAS[kind]
    if is_learning_path(data, path):
        return LearningPathFrontmatter
    return BaseFrontmatter
