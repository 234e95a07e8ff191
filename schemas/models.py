"""Frontmatter models. Reusable constraints are `Annotated` aliases."""

from __future__ import annotations

import datetime
import re
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


_QUOTED_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})\s*")


def _strict_date(value: Any) -> Any:
    # PyYAML turns a well-formed YYYY-MM-DD into a date; anything else stays a
    # string: one in quotes (`"2026-08-02"`) is a date if the day exists.
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    quoted = _QUOTED_DATE.fullmatch(value) if isinstance(value, str) else None
    if quoted is not None:
        try:
            return datetime.date(*map(int, quoted.groups()))
        except ValueError:
            pass
    raise ValueError("must be a real date written YYYY-MM-DD")


# Written like an ISO date (PyYAML left it a string: it does not exist).
_ISO_SHAPED = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}(?:[T ]\S.*)?\s*$")


_DATE_AND_TIME = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})[T ]\d{1,2}:\d{2}\S*(?:\s+\S+)?\s*")


def _lenient_date(value: Any) -> Any:
    # A page no schema of the site claims: an ISO date must exist, other wording
    # ("May 25 2020") is the author's, shown as written by whatever reads it.
    if isinstance(value, str) and not _ISO_SHAPED.match(value):
        return value
    timed = _DATE_AND_TIME.fullmatch(value) if isinstance(value, str) else None
    if timed is not None:
        # `2020-12-31 14:20`: YAML reads a time without seconds as text, the blog
        # and feed plugins read it as a date and time; its day must still exist.
        try:
            datetime.date(*map(int, timed.groups()))
        except ValueError:
            raise ValueError("must be a real date written YYYY-MM-DD") from None
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # `20190312` (ISO's basic form), `2019`: YAML read a number
    return _strict_date(value)


def _any_case(value: Any) -> Any:
    # A page no schema claims may write `Beginner`: the same level, in its own case.
    return value.strip().lower() if isinstance(value, str) else value


def _blank_is_absent(value: Any) -> Any:
    # MkDocs and Material read an empty description as none (the site's own is
    # shown instead): on a page no schema claims, `description: ''` is no defect.
    return None if isinstance(value, str) and not value.strip() else value


NonEmptyStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
OptionalDescription = Annotated[NonEmptyStr | None, BeforeValidator(_blank_is_absent)]
AnyCaseDifficulty = Annotated[Difficulty, BeforeValidator(_any_case)]
IsoDate = Annotated[datetime.date, BeforeValidator(_strict_date)]
LenientDate = Annotated[datetime.date | str, BeforeValidator(_lenient_date)]
ReadingTime = Annotated[str, StringConstraints(pattern=r"^\d+ min$")]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _non_empty(items: list[str]) -> list[str]:
    if not items:
        raise ValueError("must list at least one item")
    return items


NonEmptyList = Annotated[list[NonEmptyStr], AfterValidator(_non_empty)]


def _lenient_date_or_dates(value: Any) -> Any:
    # The blog plugin writes `date: {created: ..., updated: ...}`; elsewhere one date.
    if isinstance(value, Mapping):
        return {key: _lenient_date(item) for key, item in value.items()}
    return _lenient_date(value)


LenientDates = Annotated[datetime.date | str | dict[str, datetime.date | str],
                         BeforeValidator(_lenient_date_or_dates)]


class PageFrontmatter(BaseModel):
    """Any page of any site, when no collection claims it: no key is required, any
    key may appear, and the well-known keys a page does use must be valid.
    `tags` is known (a misspelling of it is told) but not typed: only Material's
    tags plugin reads it, and a site without it may write what it likes there
    (audit 83); a collection's schema types it."""

    model_config = ConfigDict(extra="allow", frozen=True, use_enum_values=True)

    title: NonEmptyStr | None = None
    description: OptionalDescription = None
    date: LenientDates | None = None
    updated: LenientDate | None = None
    last_updated: LenientDate | None = None
    difficulty: AnyCaseDifficulty | None = None
    reading_time: ReadingTime | None = None
    tags: Any = None


class BaseFrontmatter(PageFrontmatter):
    """A page of a site that asks every page for a title and a description
    (`schema = "curriculint:page"`)."""

    title: NonEmptyStr
    description: NonEmptyStr
    tags: list[Tag] | None = None
    type: str | None = None
    status: str | None = None
    category: str | None = None
    prerequisites: list[NonEmptyStr] | None = None
    outcomes: list[NonEmptyStr] | None = None
    learning_outcomes: list[NonEmptyStr] | None = None


class LearningPathFrontmatter(BaseFrontmatter):
    """A learning path (`schema = "curriculint:learning-path"`): difficulty,
    reading time, status, dates, prerequisites and outcomes, and the keys real
    learning paths carry besides."""

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
    topic: NonEmptyStr | None = None
    essential_question: NonEmptyStr | None = None
    duration: NonEmptyStr | None = None  # "8 weeks"
    estimated_time: NonEmptyStr | None = None  # "10-12 hours per week"

    @model_validator(mode="after")
    def _has_outcomes(self) -> LearningPathFrontmatter:
        if self.outcomes is None and self.learning_outcomes is None:
            raise ValueError(MISSING_OUTCOMES)
        return self


MISSING_OUTCOMES = "a learning path must list its 'outcomes' (or 'learning_outcomes')"

# The ready-made schemas a collection names as `schema = "curriculint:NAME"`.
BUILT_IN: dict[str, type[PageFrontmatter]] = {
    "page": BaseFrontmatter,
    "learning-path": LearningPathFrontmatter,
}
