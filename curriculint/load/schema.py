"""Frontmatter validated against its collection's schema, once per document.

The collection comes from the configuration (curriculint/load/collections.py);
a page no collection claims is checked against the lenient default model.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from curriculint.load.collections import Collection, CollectionSet, SchemaError, schema_for
from curriculint.load.frontmatter import Frontmatter
from curriculint.schemas import MISSING_OUTCOMES, LearningPathFrontmatter

# How close an unknown key must be to a known one to count as a misspelling
# where any key may appear: plugins bring keys of their own (the blog plugin's
# `readtime` is not a misspelt `reading_time`).
TYPO_RATIO = 0.9


@dataclass(frozen=True, slots=True)
class SchemaIssue:
    key: str | None  # top-level key, None for whole-document problems
    line: int
    message: str
    unknown_key: bool = False
    meant: str = ""  # for a key no schema forbids: the known key it is a near miss of


def _describe(error: SchemaError, data: Mapping[str, Any]) -> str:
    key = str(error.loc[0]) if error.loc else ""
    value = data.get(key)
    if error.kind == "missing":
        return f"missing required key '{key}'"
    if key and value is None and key in data:
        return f"'{key}' is empty"
    if error.kind == "enum":
        expected = (error.ctx or {}).get("expected", "")
        return f"'{key}' must be one of {expected}; got {value!r}"
    if error.kind == "string_pattern_mismatch" and key == "reading_time":
        return f"'reading_time' must look like '15 min'; got {value!r}"
    where = ".".join(str(part) for part in error.loc) or "frontmatter"
    message = error.message.removeprefix("Value error, ")
    return f"'{where}': {message}"


def collection_of(frontmatter: Frontmatter, site_path: str,
                  collections: CollectionSet | None) -> Collection | None:
    if collections is None or not collections.collections:
        return None
    usable = frontmatter.present and not _unreadable(frontmatter)
    return collections.claiming(site_path, frontmatter.data if usable else None)


def _unreadable(frontmatter: Frontmatter) -> bool:
    return any(problem.kind in ("syntax", "not-a-mapping", "too-large")
               for problem in frontmatter.problems)


def validate(frontmatter: Frontmatter, collection: Collection | None
             ) -> tuple[SchemaIssue, ...]:
    if not frontmatter.present or _unreadable(frontmatter):
        return ()
    data = frontmatter.data
    # Keys whose value PyYAML could not even construct are reported by FM001.
    broken = {key for key in frontmatter.key_lines if key not in data}
    schema = schema_for(collection)
    kind = f"the '{collection.name}' collection" if collection else "this page"
    known = list(schema.known_keys())
    issues: list[SchemaIssue] = []
    for error in schema.errors(data):
        key = str(error.loc[0]) if error.loc else None
        if key in broken:
            continue
        line = frontmatter.line_of(key)
        if key and len(error.loc) > 1 and isinstance(error.loc[1], int):
            items = frontmatter.item_lines.get(key, ())
            if error.loc[1] < len(items):
                line = items[error.loc[1]]
        if error.kind == "extra_forbidden" and key:
            issues.append(_unknown(key, line, known, kind, cutoff=0.6))
            continue
        issues.append(SchemaIssue(key, line, _describe(error, data)))
    # The model's "one of" check runs only once the fields validate; say it now.
    if (issues and getattr(schema, "model", None) is LearningPathFrontmatter
            and "outcomes" not in data and "learning_outcomes" not in data
            and not any(MISSING_OUTCOMES in issue.message for issue in issues)):
        issues.append(SchemaIssue(None, frontmatter.start_line,
                                  f"missing required key: {MISSING_OUTCOMES}"))
    strict = collection is not None and collection.settings.extra == "forbid"
    reported = {issue.key for issue in issues if issue.unknown_key}
    for key in data:
        if key in known or key in reported or key in broken:
            continue
        if strict:
            issues.append(_unknown(key, frontmatter.line_of(key), known, kind, cutoff=0.6))
        elif close := _close(key, known, TYPO_RATIO):
            issues.append(SchemaIssue(key, frontmatter.line_of(key),
                                      f"unknown key '{key}'; did you mean '{close}'?",
                                      unknown_key=True, meant=close))
    return tuple(issues)


def _close(key: str, known: list[str], cutoff: float) -> str | None:
    plain = key.replace("-", "_").lower()
    for name in known:  # the same key but for case and separators
        if name.replace("-", "_").lower() == plain:
            return name
    close = difflib.get_close_matches(plain, known, n=1, cutoff=cutoff)
    return close[0] if close else None


def _unknown(key: str, line: int, known: list[str], kind: str, cutoff: float) -> SchemaIssue:
    close = _close(key, known, cutoff)
    hint = f"; did you mean '{close}'?" if close else ""
    return SchemaIssue(key, line, f"unknown key '{key}' for {kind}{hint}", unknown_key=True)
