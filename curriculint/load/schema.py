"""Frontmatter validated against the models in `schemas/`, once per document."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from curriculint.load.frontmatter import Frontmatter
from curriculint.schemas import LearningPathFrontmatter, model_for
from curriculint.schemas.models import MISSING_OUTCOMES

# How close an unknown key must be to a known one to count as a misspelling.
TYPO_RATIO = 0.8


@dataclass(frozen=True, slots=True)
class SchemaIssue:
    key: str | None  # top-level key, None for whole-document problems
    line: int
    message: str
    unknown_key: bool = False


def _describe(error: Any, data: dict[str, Any]) -> str:
    loc = error["loc"]
    key = str(loc[0]) if loc else ""
    kind = error["type"]
    value = data.get(key)
    if kind == "missing":
        return f"missing required key '{key}'"
    if key and value is None:
        return f"'{key}' is empty"
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return f"'{key}' must be one of {expected}; got {value!r}"
    if kind == "string_pattern_mismatch" and key == "reading_time":
        return f"'reading_time' must look like '15 min'; got {value!r}"
    where = ".".join(str(part) for part in loc) or "frontmatter"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"'{where}': {message}"


def validate(frontmatter: Frontmatter, path: str) -> tuple[SchemaIssue, ...]:
    if not frontmatter.present or any(problem.kind in ("syntax", "not-a-mapping", "too-large")
                                      for problem in frontmatter.problems):
        return ()
    data = frontmatter.data
    # Keys whose value PyYAML could not even construct are reported by FM001.
    broken = {key for key in frontmatter.key_lines if key not in data}
    model = model_for(data, path)
    issues: list[SchemaIssue] = []
    try:
        model.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            loc = item["loc"]
            key = str(loc[0]) if loc else None
            if key in broken:
                continue
            line = frontmatter.line_of(key)
            if key and len(loc) > 1 and isinstance(loc[1], int):
                items = frontmatter.item_lines.get(key, ())
                if loc[1] < len(items):
                    line = items[loc[1]]
            if item["type"] == "extra_forbidden" and key:
                known = [name for name in model.model_fields]
                close = difflib.get_close_matches(key.replace("-", "_"), known, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                issues.append(SchemaIssue(key, line, f"unknown key '{key}' for a "
                                          f"{data.get('type') or 'learning-path'} page{hint}",
                                          unknown_key=True))
                continue
            issues.append(SchemaIssue(key, line, _describe(item, data)))
        # The model's "one of" check runs only once the fields validate; say it now.
        if (model is LearningPathFrontmatter and "outcomes" not in data
                and "learning_outcomes" not in data
                and not any(MISSING_OUTCOMES in issue.message for issue in issues)):
            issues.append(SchemaIssue(None, frontmatter.start_line,
                                      f"missing required key: {MISSING_OUTCOMES}"))
    if model.model_config.get("extra") != "forbid":
        known = list(model.model_fields)
        for key in data:
            if key in known:
                continue
            close = difflib.get_close_matches(key.replace("-", "_"), known, n=1,
                                              cutoff=TYPO_RATIO)
            if close:
                issues.append(SchemaIssue(key, frontmatter.line_of(key),
                                          f"unknown key '{key}'; did you mean '{close[0]}'?",
                                          unknown_key=True))
    return tuple(issues)
