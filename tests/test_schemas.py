from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from curriculint.schemas import LearningPathFrontmatter, model_for
from curriculint.schemas.export import FOLDER, rendered


def test_committed_json_schemas_are_current() -> None:
    for name, text in rendered().items():
        assert (FOLDER / name).read_text(encoding="utf-8") == text, \
            "run python -m curriculint.schemas.export"


def test_json_schema_accepts_what_the_model_accepts() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(rendered()["learning-path.schema.json"])
    good = {"title": "T", "description": "D", "difficulty": "expert",
            "reading_time": "15 min", "status": "complete", "last_updated": "2025-01-01",
            "prerequisites": ["a"], "outcomes": ["b"]}
    jsonschema.validate(good, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**good, "difficulty": "hard"}, schema)


def test_model_selection_by_type_and_folder() -> None:
    assert model_for({"type": "learning-path"}) is LearningPathFrontmatter
    assert model_for({}, "docs/learning-paths/x.md") is LearningPathFrontmatter
    assert model_for({"type": "learning-module"}) is not LearningPathFrontmatter


def test_learning_path_needs_outcomes() -> None:
    import datetime

    with pytest.raises(ValidationError, match="outcomes"):
        LearningPathFrontmatter.model_validate({
            "title": "T", "description": "D", "difficulty": "expert",
            "reading_time": "15 min", "status": "complete",
            "last_updated": datetime.date(2025, 1, 1), "prerequisites": ["a"]})
