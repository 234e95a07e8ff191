"""NUM rules: fixtures with expectations, executable docstrings, the seed page."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from curriculint.checks.targets import agreement, conflicting_figure, rate_total, stated_arithmetic
from curriculint.index.quantities import singular
from curriculint.index.records import Block, TextRun
from curriculint.load.document import parse
from curriculint.model import RuleKind
from curriculint.run.registry import Rule, all_rules
from tests.conftest import (
    SEED,
    codes_and_lines,
    expected_findings,
    fixture_cases,
    lint_paths,
    lint_text,
    needs_shared,
)

NUM_RULES = [rule for rule in all_rules() if rule.code.startswith("NUM")]
# Site rules' examples are several pages: tests/test_rule_docs.py runs them.
PAGE_RULES = [rule for rule in NUM_RULES if rule.kind == RuleKind.DOCUMENT]
_BLOCK = re.compile(r"^(Bad|Good):\n```markdown\n(.*?)\n```", re.DOTALL | re.MULTILINE)


@pytest.mark.parametrize("path", fixture_cases("targets"), ids=lambda path: path.name)
def test_fixture_findings_match_expectations(path: Path) -> None:
    reports = lint_paths([path], select=["NUM"])
    assert codes_and_lines(reports) == expected_findings(path)


@pytest.mark.parametrize("rule", PAGE_RULES, ids=lambda rule: rule.code)
def test_docstring_bad_triggers_and_good_passes(rule: Rule, tmp_path: Path) -> None:
    blocks = dict(_BLOCK.findall(rule.doc))
    assert set(blocks) == {"Bad", "Good"}
    code = rule.code
    bad = lint_text(tmp_path / "bad", _page(blocks["Bad"]), select=[code])
    good = lint_text(tmp_path / "good", _page(blocks["Good"]), select=[code])
    assert bad and all(report.code == code for report in bad)
    assert good == []


def _page(body: str) -> str:
    """A docstring example as a page: frontmatter stays first."""
    return body + "\n" if body.startswith("---") else f"# Page\n\n{body}\n"


def test_reading_time_is_opt_in(tmp_path: Path) -> None:
    text = "---\nreading_time: 45 min\n---\n# T\n\nA dozen words only.\n"
    assert "NUM006" not in {report.code for report in lint_text(tmp_path / "default", text)}
    assert [r.code for r in lint_text(tmp_path / "selected", text, select=["NUM006"])] == \
        ["NUM006"]


def test_findings_show_the_arithmetic(tmp_path: Path) -> None:
    [report] = lint_text(tmp_path, "# T\n\n- Availability: 99.9999% (5.26 minutes/year downtime)\n",
                         select=["NUM001"])
    assert "31.6 s of downtime per year" in report.message
    assert "matches 99.999%" in report.message
    assert (report.span.line, report.span.column) == (3, 17)


def test_an_availability_window_in_days_is_the_period(tmp_path: Path) -> None:
    text = ("# T\n\nA 99.5% SLO over a 28-day window leaves an error budget of about 3.6 hours.\n\n"
            "Aim: 99.5% availability over 28 days, so ~3.6 h of error budget.\n\n"
            "Aim: 99.9% availability over 30 days, so 43 minutes of error budget.\n")
    reports = lint_text(tmp_path, text, select=["NUM001"])
    # The 28-day window is the period, not a downtime; 3.6 h is 30 days' budget.
    assert codes_and_lines(reports) == {("NUM001", 3), ("NUM001", 5)}
    assert len(reports) == 2 and all(
        "3.36 h of downtime per 28-day window" in report.message for report in reports)


def test_arithmetic_under_a_function_or_of_an_unstated_whole_is_not_checked(
        tmp_path: Path) -> None:
    text = ("# T\n\nShards = ceil(2,300 / 1000) = 3 shards.\n\n"
            "Hot keys (20% of all) × 300 bytes ≈ 3GB of memory.\n\n"
            "Shards = (2,300 / 1000) = 3 shards.\n")
    # The last one has no function: 2.3 is not 3.
    assert codes_and_lines(lint_text(tmp_path, text, select=["NUM008"])) == {("NUM008", 7)}


def test_a_part_for_each_of_several_weekdays_is_per_day(tmp_path: Path) -> None:
    text = ("# Plan\n\n## Evenings (about 7 hours a week)\n\n| Days | Time |\n|---|---|\n"
            "| Monday to Friday | 1 h |\n| Saturday | 2 h |\n\n"
            "## Weekend (8 hours a week)\n\n- Saturday: 2 h\n- Sunday: 3 h\n")
    # 5 × 1 h + 2 h is 7; the weekend's 5 hours are not 8.
    assert codes_and_lines(lint_text(tmp_path, text, select=["NUM003"])) == {("NUM003", 10)}


def test_weeks_counted_down_to_an_event_are_not_the_plans_numbering(tmp_path: Path) -> None:
    text = ("# Plan\n\n1. Weeks 4 and 3 before: practice sets.\n2. Week 2 before: mocks.\n"
            "3. Final week: rest.\n\n## Course\n\n1. Week 4: basics.\n2. Week 2: more.\n")
    # Without the countdown's words, week 2 after week 4 is out of order.
    assert codes_and_lines(lint_text(tmp_path, text, select=["NUM004"])) == {("NUM004", 10)}


def test_ranges_written_with_a_decimal_comma_or_thousands_dots_ascend(tmp_path: Path) -> None:
    text = ("# T\n\nEach year 900–1.400 students enrol.\n\nThe sheet is 0,250–1 mm thick.\n\n"
            "A wire weighs 1,125–2 kg.\n\nThe lab takes 12-8 hours.\n\n"
            "Budgets of 10,000-5,000 tokens.\n")
    # Read either way, the last two still descend.
    assert codes_and_lines(lint_text(tmp_path, text, select=["NUM005"])) == {
        ("NUM005", 9), ("NUM005", 11)}


def test_tolerances_are_configurable(tmp_path: Path) -> None:
    from curriculint.config import Config

    text = "# T\n\n- Renderer: 60 fps (18 ms frames)\n"
    assert lint_text(tmp_path / "strict", text, select=["NUM002"])
    loose = Config(roots=(), rules={"NUM002": {"relative": 0.1}})
    assert lint_text(tmp_path / "loose", text, select=["NUM002"], config=loose) == []


@needs_shared
def test_seed_inconsistencies_found_and_correct_figures_pass() -> None:
    reports = lint_paths([SEED], select=["NUM"])
    found = codes_and_lines(reports)
    assert ("NUM001", 587) in found  # 99.9999% with 5.26 minutes/year
    assert ("NUM003", 201) in found  # 20-25 hours/week vs 6-8 + 12-15 + 4-6
    assert ("NUM004", 201) in found  # each week schedules 26-32 hours
    lines = {line for _, line in found}
    # 128Hz (7.8ms updates), the 25% weights, the week/day numbering.
    assert not lines & {572, 812, 813, 814, 815}
    assert not lines & set(range(213, 530)) - {201}


# -- fast paths read pages exactly as the plain forms they replaced ------------------

_SPANS = st.lists(st.tuples(st.integers(1, 12), st.integers(0, 4)), max_size=8)


@given(_SPANS, st.integers(1, 16))
@example([(3, 2), (3, 0), (1, 9)], 3)
def test_innermost_list_is_the_plain_max_over_lists_holding_the_line(
        spans: list[tuple[int, int]], line: int) -> None:
    lists = [Block("list", start, start + length, 0, None, str(number))
             for number, (start, length) in enumerate(spans)]
    inner = [block for block in lists if block.start_line <= line <= block.end_line]
    plain = max(inner, key=lambda block: block.start_line) if inner else None
    ordered = sorted(lists, key=lambda block: block.start_line)
    assert conflicting_figure._innermost(ordered, line) == plain


@given(st.lists(st.integers(1, 6), max_size=10), st.booleans())
def test_runs_by_line_lists_the_runs_of_a_line_in_reading_order(
        lines: list[int], in_order: bool) -> None:
    if in_order:
        lines.sort()
    runs = tuple(TextRun(line, 1, "x", "table") for line in lines)
    by_line = conflicting_figure._RunsByLine(SimpleNamespace(text_runs=runs))  # type: ignore[arg-type]
    for line in range(8):
        assert list(by_line(line)) == [i for i, run in enumerate(runs) if run.line == line]


@given(st.text(alphabet="ab *_\tTotal", max_size=20),
       st.lists(st.text(alphabet="ab t", min_size=1, max_size=3), max_size=4))
def test_has_any_is_any_cue_in_the_words(text: str, cues: list[str]) -> None:
    assert agreement.has_any(text, cues) == any(cue in agreement.words(text) for cue in cues)


@given(st.text(alphabet="=≈≅~<>!a 1", max_size=12))
def test_an_equation_holds_one_of_the_signs_the_prefilter_looks_for(text: str) -> None:
    if stated_arithmetic._EQUALS.search(text):
        assert any(sign in text for sign in stated_arithmetic._EQUALS_SIGNS)


def test_table_headers_are_the_header_cells_of_the_table_holding_the_line() -> None:
    markdown = ("# T\n\n| Item | Share |\n|---|---|\n| A | 40% |\n\nText 5 ms.\n\n"
                "| Phase | Weeks |\n|---|---|\n| B | 3 |\n")
    doc = parse(markdown.encode("utf-8"), "page.md")
    index = doc.index
    for line in range(1, 12):
        tables = [block for block in index.blocks
                  if block.kind == "table" and block.start_line <= line <= block.end_line]
        plain = [run.text for run in index.text_runs if tables and run.line == tables[0].start_line
                 and run.context == "table"]
        assert list(agreement.table_headers(doc, line)) == plain
    assert list(agreement.table_headers(doc, 5)) == ["Item", "Share"]


@pytest.mark.parametrize("text", [
    "Ingest 1B messages/day, 100K/second peak.", "Serve 50 requests/second and 3M requests/day.",
    "About 10 orders/min, ~600 orders/hour.", "Handle 5-10 jobs/s.",
])
def test_rated_reads_as_its_plain_form(text: str) -> None:
    for quantity in parse(text.encode("utf-8"), "page.md").index.quantities:
        nearby = (quantity.before[-12:] + " " + quantity.after[:40]).lower()
        plain = not any(word in nearby for word in ("peak", "burst", "max", "spike", "average",
                                                    "avg")) and (
            quantity.dimension == "count" and quantity.per_seconds > 0 and bool(quantity.head)
            and quantity.high is None and quantity.bound in ("", "approx"))
        assert rate_total._rated(quantity) == plain


def _plain_words(text: str) -> set[str]:
    found = set()
    for word in conflicting_figure._WORD.findall(text.lower().replace("*", " ").replace("_", " ")):
        word = singular(word.strip("-"))
        if len(word) > 1 and word not in conflicting_figure._GENERIC:
            found.add(word)
    return found


@given(st.text(alphabet="ab sS*_-p9.:Day", max_size=24))
@example("**P99 Latency**: the reads - under 5 ms")
def test_cached_words_and_labels_read_as_their_plain_forms(text: str) -> None:
    assert conflicting_figure._words(text) == _plain_words(text)
    label = re.sub(r":.*$", "", text).lower().replace("*", " ")
    assert conflicting_figure._subject(text) == frozenset(
        _plain_words(label) | set(re.findall(r"\d+(?:[.,-]\d+)*", label)))
    assert conflicting_figure._label_shown(text) == " ".join(
        re.sub(r":.*$", "", text).replace("*", " ").split())


def test_parts_numbered_by_chapter_and_item_are_not_reversed_ranges(tmp_path: Path) -> None:
    text = ("# T\n\nAs Figure 11-3 shows, the cache grows; Table 6-2 lists the rest.\n\n"
            "表 6-2 列出了常用的哈希函数。\n\n如图 6-5 所示，冲突会发生。\n\n"
            "Wie Abb. 4-1 zeigt, wächst der Speicher.\n\nExpect 12-8 hours of work.\n\n"
            "完成练习 3-1，复习第 4-2 节。\n")
    reports = lint_text(tmp_path, text, select=["NUM005"])
    assert [(report.span.line, report.span.column) for report in reports] == [(11, 8)]


def test_identifiers_written_like_ranges_are_not_reversed_ranges(tmp_path: Path) -> None:
    text = ("# T\n\nSet an ISO 639-1 language code, follow IEC 62304-1 and ISO/IEC 27001-2, "
            "on Python 3.9-3.12 releases.\n\nLab time: 12-8 hours.\n")
    reports = lint_text(tmp_path, text, select=["NUM005"])
    assert [(report.span.line, report.span.column) for report in reports] == [(5, 11)]


def test_a_figure_the_site_names_with_an_acronym_is_no_range_on_any_page(tmp_path: Path) -> None:
    (tmp_path / "about.md").write_text("# About\n\nWe follow NIST 800-53.\n",
                                       encoding="utf-8")
    (tmp_path / "guide.md").write_text(
        "# Guide\n\nEach rule maps to 800-53 controls.\n\nA review takes 40-20 minutes.\n",
        encoding="utf-8")
    reports = lint_paths([tmp_path], select=["NUM005"])
    assert [(Path(report.path).name, report.span.line) for report in reports] == [("guide.md", 5)]
    (tmp_path / "about.md").unlink()
    reports = lint_paths([tmp_path], select=["NUM005"])
    assert [report.span.line for report in reports] == [3, 5]


def test_an_exercises_data_is_not_a_breakdown_of_its_time(tmp_path: Path) -> None:
    """`Exercise (2 minutes)` over "Outage A: 20 minutes of downtime": the items are
    what the exercise is about. Parts of a plan still count, "of" or not."""
    exercise = ("# Outages\n\n**Exercise (2 minutes)**\n\nThe service missed its target:\n\n"
                "- Outage A: 20 minutes of downtime\n- Outage B: 12 minutes of slow responses\n")
    assert not lint_text(tmp_path, exercise, select=["NUM003"])
    plan = ("# Day\n\n**Warm-up (10 minutes)**\n\n- Stretching: 5 minutes of easy moves\n"
            "- Drills: 15 minutes of passing\n")
    assert codes_and_lines(lint_text(tmp_path, plan, select=["NUM003"])) == {("NUM003", 3)}


def test_a_figure_restated_in_another_unit_is_checked(tmp_path: Path) -> None:
    text = ("# Units\n\n- 1 Gbps = 10 billion bits per second\n- 1 Gbps = 125 MB/s\n"
            "- 100 ms = 0.1 s\n- 2 hours = 100 minutes\n- 1 KB = 1024 bytes\n"
            "- 1 GB = 1,073,741,824 bytes\n- 1 week = 5 days\n- 1 month = 4 weeks\n")
    reports = lint_text(tmp_path, text, select=["NUM008"])
    assert codes_and_lines(reports) == {("NUM008", 3), ("NUM008", 6)}
    assert reports[1].message == "2 hours is 120 min; the text says 100 minutes"


def test_a_figure_with_dots_between_thousands_is_read_that_way_too(tmp_path: Path) -> None:
    """`1.024 gigabytes` on a Spanish or German page is 1024: a result that agrees
    read so is right. 2 hours are neither 1.5 nor 1,500 minutes."""
    text = ("# Unidades\n\n- 1 terabyte = 1.024 gigabytes\n- 1 s = 1.000 ms\n"
            "- 2 × 500 = 1.000\n- 2 hours = 1.500 minutes\n")
    reports = lint_text(tmp_path, text, select=["NUM008"])
    assert codes_and_lines(reports) == {("NUM008", 6)}


def test_a_time_per_time_times_a_count_keeps_its_unit(tmp_path: Path) -> None:
    text = ("# Effort\n\n- 2 h / wk * 3 reviewers = 6 h / wk\n- 2 h/day * 3 people = 6 h/day\n"
            "- 2 h / wk * 3 reviewers = 7 h / wk\n")
    reports = lint_text(tmp_path, text, select=["NUM008"])
    assert codes_and_lines(reports) == {("NUM008", 5)}
    assert reports[0].message == "2 h / wk * 3 reviewers is 6 h/week; the text says 7 h"


def test_a_duration_written_in_parts_is_not_read_part_by_part(tmp_path: Path) -> None:
    text = ("# Allowance\n\n| Uptime | Per month | Per year |\n|---|---|---|\n"
            "| 99.9% | 43m 49s | 8h 45m 56s |\n\n"
            "- A 99.95% target leaves 4 hours 22 minutes of outage per year.\n"
            "- A 99.99% target leaves 4 min 23 s of outage per month.\n"
            "- A 99.9% target leaves 3 hours of downtime per month.\n")
    assert codes_and_lines(lint_text(tmp_path, text, select=["NUM001"])) == {("NUM001", 9)}


def test_a_power_of_two_is_no_figure_restated(tmp_path: Path) -> None:
    text = "# Sizes\n\n- 2^10 bytes = 1 KiB.\n- 2^40 bytes = 1 TiB.\n- 2**30 bytes = 1 GiB.\n"
    assert not lint_text(tmp_path, text, select=["NUM008"])


def test_a_right_side_that_is_an_expression_is_a_step_not_a_result(tmp_path: Path) -> None:
    """`512 * (2*5 + 2) = 512 * 12`: the right side goes on, a step of the
    working, not the product (audit 113); `512 * 12 = 512` is still wrong."""
    text = "# T\n\n1. 512 * (2*5 + 2) = 512 * 12\n2. Then 512 * 12 = 512 rows.\n"
    reports = lint_text(tmp_path, text, select=["NUM008"])
    assert [report.span.line for report in reports] == [4]
