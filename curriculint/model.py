"""Value types shared by the loader, the index, the checks and the reporters.

Everything here is frozen and picklable: findings cross process boundaries and
land in the cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class RuleKind(StrEnum):
    """What a rule module defines, and so how the run calls it (the rule
    protocol, docs/architecture.md):

    - DOCUMENT: `check(doc[, options])` on each page alone;
    - SITE: `summarize(doc)` per page, then `check_site(site, summaries[, options])`
      once for the site;
    - SITE_PER_PAGE: `summarize(doc)` per page, then `prepare(site, summaries)`,
      `page_dependencies(context, display)` and `check_page(context, display[, options])`,
      so that a page's findings are cached with the pages they read.
    """

    DOCUMENT = "document"
    SITE = "site"
    SITE_PER_PAGE = "site-per-page"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """1-based line and column; the end is exclusive (column after the last char)."""

    line: int
    column: int = 1
    end_line: int = 0
    end_column: int = 0

    def __reduce__(self) -> tuple[type[Span], tuple[int, int, int, int]]:
        # The most numerous object in cached results: rebuilt by one constructor
        # call instead of the frozen-dataclass protocol, which reads fields() per object.
        return Span, (self.line, self.column, self.end_line, self.end_column)

    def __post_init__(self) -> None:
        if self.end_line == 0:
            object.__setattr__(self, "end_line", self.line)
        if self.end_column == 0:
            object.__setattr__(self, "end_column", self.column)

    @classmethod
    def of(cls, line: int, column: int, length: int) -> Span:
        """A span on one line, `length` characters long."""
        return cls(line, column, line, column + max(length, 0))

    @classmethod
    def lines(cls, first: int, last: int, last_length: int = 0) -> Span:
        """Whole lines `first`..`last`, ending after `last_length` chars of `last`."""
        return cls(first, 1, last, last_length + 1)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text covered by `span` with `text`."""

    span: Span
    text: str

    def __reduce__(self) -> tuple[type[Edit], tuple[Span, str]]:
        return Edit, (self.span, self.text)


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    description: str
    # Unsafe fixes choose between candidates; they need --unsafe-fixes.
    safe: bool = True

    def __reduce__(self) -> tuple[type[Fix], tuple[Any, ...]]:
        return Fix, (self.edits, self.description, self.safe)


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check yields; the engine adds path, rule name and severity."""

    code: str
    span: Span
    message: str
    fix: Fix | None = None

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        return Finding, (self.code, self.span, self.message, self.fix)


@dataclass(frozen=True, slots=True)
class Report:
    """A finding placed in a file, as reporters see it."""

    path: str
    code: str
    name: str
    severity: Severity
    span: Span
    message: str
    fix: Fix | None = None
    source_line: str = field(default="", compare=False)

    def __reduce__(self) -> tuple[type[Report], tuple[Any, ...]]:
        # Thousands per cached run, like Span and Finding.
        return Report, (self.path, self.code, self.name, self.severity, self.span,
                        self.message, self.fix, self.source_line)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.span.line, self.span.column, self.code)
