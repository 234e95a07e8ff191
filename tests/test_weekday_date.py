"""NUM016: a date whose weekday is not the weekday of that date."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import codes_and_lines, lint_text

SCHEDULE = """# Schedule

- Lab 1: Tuesday 10 September 2023
- Lab 2: Tuesday, 12 September 2023
- Lab 3: Tue, Sep 12, 2023
- Lab 4: Wednesday the 27th of March 2024
- Lab 5: Monday 2024-03-25
- Due: Friday 30 February 2024
- Review: THURSDAY, MARCH 28, 2024

| Session | When |
|---|---|
| Kick-off | Thursday 27 March 2024 |

I sat 3 June 2023 exams; `Monday 1 January 2024` is code.

```text
Sunday 1 January 2024
```
"""


def test_weekdays_are_checked_against_their_dates(tmp_path: Path) -> None:
    reports = lint_text(tmp_path, SCHEDULE, select=["NUM016"])
    assert codes_and_lines(reports) == {("NUM016", 3), ("NUM016", 8), ("NUM016", 13)}
    messages = {report.span.line: report.message for report in reports}
    assert messages[3] == ("'Tuesday 10 September 2023': 10 September 2023 is a Sunday, "
                           "not a Tuesday")
    assert messages[8] == "'Friday 30 February 2024': February 2024 has no day 30"
    assert all(report.fix is None for report in reports)  # which half is wrong is unknown
