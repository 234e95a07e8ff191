from __future__ import annotations

import datetime
import json

import pytest
from pydantic import ValidationError

from curriculint.schemas import LearningPathFrontmatter, PageFrontmatter
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


def test_learning_path_needs_outcomes() -> None:
    with pytest.raises(ValidationError, match="outcomes"):
        LearningPathFrontmatter.model_validate({
            "title": "T", "description": "D", "difficulty": "expert",
            "reading_time": "15 min", "status": "complete",
            "last_updated": datetime.date(2025, 1, 1), "prerequisites": ["a"]})


def test_learning_path_takes_the_keys_real_learning_paths_carry() -> None:
    LearningPathFrontmatter.model_validate({
        "title": "T", "description": "D", "difficulty": "expert", "reading_time": "15 min",
        "status": "complete", "last_updated": datetime.date(2025, 1, 1),
        "prerequisites": ["a"], "learning_outcomes": ["b"], "topic": "caching",
        "essential_question": "Why cache?", "duration": "8 weeks",
        "estimated_time": "10-12 hours per week"})


def test_a_page_no_collection_claims_needs_no_key() -> None:
    PageFrontmatter.model_validate({})
    PageFrontmatter.model_validate({"icon": "material/book", "hide": ["toc"]})
    # the blog plugin's dates
    PageFrontmatter.model_validate({"date": {"created": datetime.date(2024, 1, 2),
                                             "updated": datetime.date(2024, 2, 3)}})
    with pytest.raises(ValidationError):
        PageFrontmatter.model_validate({"difficulty": "hard"})
    with pytest.raises(ValidationError):
        PageFrontmatter.model_validate({"date": "2024-09-31"})


def test_a_page_no_collection_claims_may_write_dates_in_words() -> None:
    # Nothing the site declared asks for ISO dates: the author's wording stands,
    # but a date written the ISO way must exist.
    page = PageFrontmatter.model_validate({"last_updated": "May 25 2020",
                                           "updated": "Sat Feb 09 00:00:00 2019 UTC",
                                           "date": {"created": "spring 2024"}})
    assert page.last_updated == "May 25 2020"
    for key in ("last_updated", "updated"):
        with pytest.raises(ValidationError):
            PageFrontmatter.model_validate({key: "2025-02-29"})
    with pytest.raises(ValidationError):
        PageFrontmatter.model_validate({"date": {"updated": "2024-13-05"}})
    with pytest.raises(ValidationError):
        LearningPathFrontmatter.model_validate({"last_updated": "May 25 2020"})


_PATH = {"title": "Queues", "description": "Queues in practice.", "difficulty": "beginner",
         "reading_time": "20 min", "status": "draft", "last_updated": datetime.date(2026, 1, 5),
         "prerequisites": ["Lists"], "outcomes": ["Use a queue"]}


def test_a_quoted_date_that_exists_is_a_date() -> None:
    # `last_updated: "2026-08-02"`: YAML keeps the quotes' string; the date is real.
    page = PageFrontmatter.model_validate({"last_updated": "2026-08-02", "date": " 2024-02-29 "})
    assert page.last_updated == datetime.date(2026, 8, 2)
    assert LearningPathFrontmatter.model_validate(
        {**_PATH, "last_updated": "2026-08-02"}).last_updated == datetime.date(2026, 8, 2)
    with pytest.raises(ValidationError):
        PageFrontmatter.model_validate({"last_updated": "2026-02-30"})


def test_difficulty_in_any_case_on_an_unclaimed_page() -> None:
    # `Beginner` is the same level; a level that is none of them is still refused,
    # and a learning path's schema keeps to its own spelling.
    assert PageFrontmatter.model_validate({"difficulty": "Beginner"}).difficulty == "beginner"
    with pytest.raises(ValidationError):
        PageFrontmatter.model_validate({"difficulty": "Novice"})
    assert LearningPathFrontmatter.model_validate(_PATH).difficulty == "beginner"
    with pytest.raises(ValidationError):
        LearningPathFrontmatter.model_validate({**_PATH, "difficulty": "Beginner"})


def test_a_date_yaml_reads_as_a_number_is_the_authors_wording_on_an_unclaimed_page() -> None:
    # `date: 20190312` (ISO 8601's basic form) and `date: 2019` are numbers to
    # YAML; a collection that asks for dates still refuses them.
    page = PageFrontmatter.model_validate({"date": 20190312, "updated": 2019})
    assert (page.date, page.updated) == ("20190312", "2019")
    with pytest.raises(ValidationError):
        LearningPathFrontmatter.model_validate({"last_updated": 20190312})


def test_an_empty_description_is_none_on_an_unclaimed_page() -> None:
    # MkDocs and Material show the site's description for `description: ''` as
    # for none; an empty title is still refused (the nav would show no label),
    # and a schema that asks for a description refuses an empty one.
    assert PageFrontmatter.model_validate({"description": "  "}).description is None
    with pytest.raises(ValidationError):
        PageFrontmatter.model_validate({"title": ""})
    with pytest.raises(ValidationError):
        LearningPathFrontmatter.model_validate({**_PATH, "description": ""})


def test_a_date_with_a_time_yaml_leaves_as_text_is_a_date_on_an_unclaimed_page() -> None:
    # `2020-12-31 14:20` (no seconds) is text to YAML; feed and blog plugins read
    # it as a date and time. Its day must exist all the same.
    assert PageFrontmatter.model_validate({"date": "2020-12-31 14:20"}).date == "2020-12-31 14:20"
    with pytest.raises(ValidationError):
        PageFrontmatter.model_validate({"date": "2021-02-30 09:15"})
