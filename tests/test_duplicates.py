"""Repeated sections and blocks, frontmatter echoes, duplicate headings,
tables of contents and near-duplicate pages (DUP001-DUP006)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from curriculint.cli.main import main
from curriculint.config import Config
from tests.conftest import (
    SEED,
    codes_and_lines,
    expected_findings,
    fixture_cases,
    lint_paths,
    lint_text,
    needs_shared,
)

DUP = ["DUP"]


@pytest.mark.parametrize("path", fixture_cases("duplicates"), ids=lambda path: path.name)
def test_fixture_expectations(path: Path) -> None:
    reports = lint_paths([path], select=DUP)
    assert codes_and_lines(reports) == expected_findings(path)


SECTION = """\
# Title

## Setup

Install the agent on every node, point it at the collector endpoint and
restart it once so that it picks up the new configuration file.

## Setup

Install the agent on every node, point it at the collector endpoint and
restart it once so that it picks up the new configuration file.

## Upgrade

Drain the node first.
"""


def test_repeated_section_is_reported_once_at_the_later_copy(tmp_path: Path) -> None:
    reports = lint_text(tmp_path, SECTION, select=["DUP001", "DUP002"])
    assert [(report.code, report.span.line) for report in reports] == [("DUP001", 8)]
    assert "lines 3-6" in reports[0].message and "identical" in reports[0].message


def test_near_copy_says_how_similar_and_has_no_fix(tmp_path: Path) -> None:
    text = SECTION.replace("restart it once so that it picks up the new configuration file.\n\n"
                           "## Upgrade", "restart it twice so that it picks up the new "
                           "configuration file.\n\n## Upgrade")
    reports = lint_text(tmp_path, text, select=["DUP001"])
    assert len(reports) == 1 and reports[0].fix is None
    assert "% similar" in reports[0].message


def test_threshold_is_configurable(tmp_path: Path) -> None:
    text = SECTION.replace("restart it once so that it picks up the new configuration file.\n\n"
                           "## Upgrade", "restart it twice so that it picks up the old "
                           "configuration file.\n\n## Upgrade")
    strict = Config(roots=(), rules={"DUP001": {"threshold": 0.99}})
    assert not lint_text(tmp_path / "strict", text, select=["DUP001"], config=strict)
    assert lint_text(tmp_path / "default", text, select=["DUP001"])


def test_short_repeats_are_left_alone(tmp_path: Path) -> None:
    text = "# T\n\n- Install\n- Run\n\nAgain:\n\n- Install\n- Run\n"
    assert not lint_text(tmp_path, text, select=["DUP"])


def test_siblings_only_can_be_turned_off(tmp_path: Path) -> None:
    text = "# T\n\n## Reads\n\n### Example\n\nOne.\n\n## Writes\n\n### Example\n\nTwo.\n"
    assert not lint_text(tmp_path / "default", text, select=["DUP004"])
    everywhere = Config(roots=(), rules={"DUP004": {"siblings_only": False}})
    reports = lint_text(tmp_path / "all", text, select=["DUP004"], config=everywhere)
    assert [report.span.line for report in reports] == [11]


def _fix_twice(tmp_path: Path, text: str) -> tuple[str, str]:
    """Deleting a repeat is an unsafe fix: `--unsafe-fixes` applies it."""
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    main(["check", "--select", "DUP", "--fix", "--unsafe-fixes", str(page)])
    once = page.read_text(encoding="utf-8")
    main(["check", "--select", "DUP", "--fix", "--unsafe-fixes", str(page)])
    return once, page.read_text(encoding="utf-8")


def test_fix_removes_the_later_exact_copy_and_is_idempotent(tmp_path: Path) -> None:
    once, twice = _fix_twice(tmp_path, SECTION)
    assert once == SECTION.replace(
        "## Setup\n\nInstall the agent on every node, point it at the collector endpoint and\n"
        "restart it once so that it picks up the new configuration file.\n\n## Upgrade",
        "## Upgrade")
    assert twice == once


def test_fix_removes_a_copy_at_the_end_of_the_file(tmp_path: Path) -> None:
    paragraph = ("Install the agent on every node, point it at the collector endpoint and "
                 "restart it once so that it picks up the new configuration file.")
    once, twice = _fix_twice(tmp_path, f"# T\n\n{paragraph}\n\n## Later\n\n{paragraph}")
    assert once == f"# T\n\n{paragraph}\n\n## Later\n"
    assert twice == once


def test_fix_leaves_near_copies(tmp_path: Path) -> None:
    text = SECTION.replace("collector endpoint and\nrestart it once so that it picks up the new "
                           "configuration file.\n\n## Upgrade", "collector endpoint and\nrestart "
                           "it twice so that it picks up the new configuration file.\n\n## "
                           "Upgrade")
    once, _ = _fix_twice(tmp_path, text)
    assert once == text


ECHO = """\
---
title: Real-time systems
description: Latency budgets for games and trading
type: learning-path
difficulty: expert
---

# Real-time systems

## Overview

Real-time systems
description: Latency budgets for games and trading
type: learning-path
difficulty: expert
---

## Latency budgets

Sixteen milliseconds per frame.
"""


def test_fix_removes_frontmatter_echo_and_its_empty_heading(tmp_path: Path) -> None:
    once, twice = _fix_twice(tmp_path, ECHO)
    assert once == ECHO.replace(ECHO[ECHO.index("## Overview"):ECHO.index("## Latency")], "")
    assert twice == once


@pytest.mark.parametrize("text", [SECTION, ECHO], ids=["section", "echo"])
def test_a_safe_fix_never_deletes_a_repeat(tmp_path: Path, text: str) -> None:
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    main(["check", "--select", "DUP", "--fix", str(page)])
    assert page.read_text(encoding="utf-8") == text
    reports = lint_paths([page], select=DUP)
    assert any(report.fix for report in reports)
    assert all(report.fix is None or not report.fix.safe for report in reports)


def test_near_duplicate_pages_are_reported_once_per_pair(tmp_path: Path) -> None:
    body = " ".join(f"word{number % 97} topic{number % 13}" for number in range(300))
    (tmp_path / "a.md").write_text(f"# A\n\n{body}\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(f"# B\n\n{body} and a tail\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("# C\n\n" + " ".join(f"other{number}" for number in range(300))
                                   + "\n", encoding="utf-8")
    reports = lint_paths([tmp_path], select=["DUP006"])
    assert len(reports) == 1
    assert reports[0].path.endswith("b.md") and "a.md" in reports[0].message


def test_pages_of_an_api_reference_share_what_their_classes_inherit(tmp_path: Path) -> None:
    """Two class pages of a generated reference (titles that are names in code)
    list the same inherited methods: no copy. Pages with titles in words are."""
    body = " ".join(f"Method {number} updates the running state and returns the metric."
                    for number in range(40))
    for name in ("MacroScore", "MicroScore", "`river.metrics.F1`"):
        (tmp_path / f"{name.strip('`')}.md").write_text(f"# {name}\n\n{body}\n",
                                                        encoding="utf-8")
    assert lint_paths([tmp_path], select=["DUP006"]) == []
    (tmp_path / "Scores.md").write_text(f"# Scores\n\n{body}\n", encoding="utf-8")
    reports = lint_paths([tmp_path], select=["DUP006"])
    assert reports and all("Scores.md" in report.path + report.message for report in reports)


def test_a_translation_not_yet_translated_is_not_a_near_duplicate(tmp_path: Path) -> None:
    body = " ".join(f"Sentence {number} explains one more step of the lease protocol."
                    for number in range(40))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "leases.md").write_text(f"# Leases\n\n{body}\n", encoding="utf-8")
    (tmp_path / "docs" / "leases.fr.md").write_text(f"# Leases\n\n{body}\n", encoding="utf-8")
    (tmp_path / "docs" / "copy.md").write_text(f"# Leases\n\n{body}\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - i18n:\n      docs_structure: suffix\n      languages:\n"
        "        - locale: en\n          default: true\n        - locale: fr\n",
        encoding="utf-8")
    reports = lint_paths([tmp_path / "docs"], select=["DUP006"])
    assert [Path(report.path).name for report in reports] == ["leases.md"]


def test_table_of_contents_out_of_order_and_missing(tmp_path: Path) -> None:
    text = ("# T\n\n- [B](#b)\n- [A](#a)\n- [C](#c)\n\n## A\n\nx\n\n## B\n\ny\n\n## C\n\nz\n\n"
            "## D\n\nw\n")
    reports = lint_text(tmp_path, text, select=["DUP005"])
    assert sorted((report.span.line, report.message.split(":")[0]) for report in reports) == [
        (3, "table of contents entry '#b' is out of order"),
        (3, "table of contents leaves out 1 heading"),
    ]


def test_a_list_of_cross_references_is_not_a_table_of_contents(tmp_path: Path) -> None:
    refs = ("- `to_km()` turns the distance into [kilometres](#km)\n"
            "- `to_mi()` turns it into [miles](#mi)\n- and `to_nm()` into [nautical miles](#nm)\n")
    text = (f"# Units\n\n## Kilometres {{#km}}\n\n## Miles {{#mi}}\n\n### Converting\n\n{refs}\n"
            "## Nautical miles {#nm}\n\n## Extra\n")
    assert not lint_text(tmp_path, text, select=["DUP005"])
    entries = "- 1. [Kilometres](#km)\n- 2. [Miles](#mi)\n- 📘 [Nautical miles](#nm)\n"
    assert lint_text(tmp_path / "toc", text.replace(refs, entries), select=["DUP005"])


def test_a_menu_of_sections_named_otherwise_is_not_a_table_of_contents(tmp_path: Path) -> None:
    """Links to three sections, named and described for the reader, not after the
    headings: a menu of those sections, which leaves the rest out on purpose."""
    menu = ("- [Line-delimited](#read-as-lines): one record per line\n"
            "- [Event stream](#read-as-events): server-sent events\n"
            "- [Plain text](#read-as-plain-text): the bodies only\n")
    text = (f"# Feed\n\n{menu}\n## Read as lines\n\n## Read as events\n\n"
            "## Read as plain text\n\n## Record fields\n\n## Extra options\n")
    assert not lint_text(tmp_path, text, select=["DUP005"])
    contents = ("- [Read as lines](#read-as-lines)\n- [Read as events](#read-as-events)\n"
                "- [Plain text](#read-as-plain-text)\n")
    assert lint_text(tmp_path / "toc", text.replace(menu, contents), select=["DUP005"])


def test_table_of_contents_entry_with_a_broken_anchor_is_left_to_the_links_rules(
        tmp_path: Path) -> None:
    text = "# T\n\n- [A](#a)\n- [B thing](#b--thing)\n- [C](#c)\n\n## A\n\n## B thing\n\n## C\n"
    assert not lint_text(tmp_path, text, select=["DUP005"])


@needs_shared
def test_seed_duplicates_are_each_reported_once_at_the_right_line() -> None:
    reports = lint_paths([SEED], select=["DUP001", "DUP002", "DUP003", "DUP004", "DUP006"])
    assert codes_and_lines(reports) == {
        ("DUP003", 22),  # frontmatter echoed under "## Overview"
        ("DUP004", 42),  # the title again
        ("DUP002", 80),  # the abstract again, as a malformed admonition
        ("DUP001", 85),  # the table of contents again
        ("DUP004", 85),
    }
    assert len(reports) == 5


@needs_shared
def test_seed_fix_then_second_fix_changes_nothing(tmp_path: Path) -> None:
    page = tmp_path / "seed.md"
    shutil.copyfile(SEED, page)
    main(["check", "--select", "DUP", "--fix", str(page)])
    assert page.read_bytes() == SEED.read_bytes()  # no safe fix deletes a repeat
    main(["check", "--select", "DUP", "--fix", "--unsafe-fixes", str(page)])
    once = page.read_bytes()
    main(["check", "--select", "DUP", "--fix", "--unsafe-fixes", str(page)])
    assert page.read_bytes() == once
    # The echo goes; the second table of contents holds the abstract the first
    # one lost, so it is not identical and no fix deletes it.
    remaining = codes_and_lines(lint_paths([page], select=["DUP001", "DUP003"]))
    assert {code for code, _ in remaining} == {"DUP001"}



@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.8, 0.9, 1.0])
def test_near_duplicate_index_misses_no_pair_that_reaches_the_threshold(threshold: float) -> None:
    from curriculint.checks.duplicates import near_duplicate_page as rule

    needed = next(agree for agree in range(rule.NUM_PERM + 1)
                  if agree / rule.NUM_PERM >= threshold)
    # The worst case for the bands: each differing position in a band of its own.
    changed = {band.start for band in rule._bands(threshold)[:rule.NUM_PERM - needed]}
    first = tuple(range(rule.NUM_PERM))
    second = tuple(value + 1000 if value in changed else value for value in first)
    summaries = {"a.md": (500, rule.SCHEME, rule.pack_signature(first), False),
                 "b.md": (500, rule.SCHEME, rule.pack_signature(second), False),
                 "c.md": (500, "another-scheme", rule.pack_signature(first), False)}
    found = list(rule.check_site(None, summaries, rule.Options(threshold=threshold)))
    assert [(path, finding.message.split(" to ")[1]) for path, finding in found] == [
        ("b.md", "a.md (near-duplicate page)")]


def test_a_listing_run_again_in_its_session_is_no_copy(tmp_path: Path) -> None:
    """markdown-exec runs `exec="true" session=...` listings in one interpreter: the
    same code run again after the session changed shows another result. Without
    a session each run starts afresh, so a copy shows the same output twice."""
    first = ("```python exec=\"true\"{session}\nseats_per_bus = 50\nriders = 130\n"
             "print(seats_per_bus)\n```\n")
    step = ("```python exec=\"true\"{session}\nbuses = -(-riders // seats_per_bus)\n"
            "empty = buses * seats_per_bus - riders\n"
            "print(f\"{{riders}} riders need {{buses}} buses, {{empty}} seats empty\")\n```\n")
    again = "```python exec=\"true\"{session}\nseats_per_bus = 70\nprint(seats_per_bus)\n```\n"
    body = ("# Trips\n\n## Small buses\n\nSet the size first:\n\n{first}\n"
            "Then count the buses a trip needs:\n\n{step}\n### Large buses\n\n"
            "Change the size and count again:\n\n{again}\n{step}")

    def page(session: str) -> str:
        return body.format(first=first.format(session=session), step=step.format(session=session),
                           again=again.format(session=session))

    assert lint_text(tmp_path / "a", page(' session="trip"'), select=["DUP002"]) == []
    assert codes_and_lines(lint_text(tmp_path / "b", page(""), select=["DUP002"])) == {
        ("DUP002", 30)}


def test_the_same_output_of_two_listings_is_no_copy(tmp_path: Path) -> None:
    """A plain fence right under a listing is its output: two ways to one result
    show it twice. A listing pasted twice is still a copy."""
    output = "```\n  total   42\n  mean    7.0\n  spread  1.5\n  count   6\n```\n"
    text = (f"# Tally\n\nOne at a time:\n\n```python\nt = Tally()\nfor x in xs:\n    t.add(x)\n"
            f"t\n```\n{output}\nOr all at once, with the same result:\n\n```python\n"
            f"t = Tally()\nt.add_many(xs)\nt\n```\n{output}")
    assert lint_text(tmp_path / "a", text, select=["DUP002"]) == []


_ENTRIES = """# Toggles

## Built-in checks

The toggles library comes with the following checks built in:

### {one}

A plain on/off check meant to turn a toggle on or off for everyone. The toggle's state
is the check's value.


```python
TOGGLES = {{'DARK_MODE': [{{'check': 'always', 'value': True}}]}}
```

The value can be given as a Python `True` or `False` or as any [string that reads as a
yes or no answer](https://example.org/yes-no), such as `y`, `yes`, `t`, `true`, `on` and
`1` for yes values, and `n`, `no`, `f`, `false`, `off` and `0` for no values.

### {two}

Turns the toggle on for the member whose user name is the check's value.

```python
TOGGLES = {{'DARK_MODE': [{{'check': 'member', 'value': 'kim.ode'}}]}}
```

### {three}

Lets a toggle be on or off depending on whether the visitor is a guest (not signed in).

```python
# DARK_MODE is on if the visitor is signed in
TOGGLES = {{'DARK_MODE': [{{'check': 'guest', 'value': False}}]}}
```

The value can be given as a Python `True` or `False` or as any [string that reads as a
yes or no answer](https://example.org/yes-no), such as `y`, `yes`, `t`, `true`, `on` and
`1` for yes values, and `n`, `no`, `f`, `false`, `off` and `0` for no values.
"""


def test_a_paragraph_under_two_entries_of_a_reference_is_theirs(tmp_path: Path) -> None:
    """Sibling headings that are names in code (`` `boolean` ``, `` `anonymous` ``)
    are entries of a reference: the same description of their values under two
    of them describes each."""
    named = _ENTRIES.format(one="`always`", two="`member`", three="`guest`")
    assert lint_text(tmp_path / "a", named, select=["DUP002"]) == []
    worded = _ENTRIES.format(one="Always", two="Member", three="Guest")
    assert codes_and_lines(lint_text(tmp_path / "b", worded, select=["DUP002"])) == {
        ("DUP002", 38)}


def test_the_same_slot_written_for_each_of_two_sibling_sections_is_parallel(
        tmp_path: Path) -> None:
    """`1- Required label` under `a- Callback mode` and under `b- Factory mode`:
    each written for its mode, both end with the same check. A slot copied whole
    is still a copy (DUP001's)."""
    check = ("You can check that your new `@label_timer` hook works:\n\n```python\n"
             "@label_timer('boil')\ndef make_tea():\n    return\n\n"
             "# the function now carries its label\nassert make_tea.timer_label == 'boil'\n"
             "```\n")
    text = ("# Usage\n\nThere are two ways to write a timer hook.\n\n## a- Callback mode\n\n"
            "### 1- A hook with a required label\n\nWrite the hook as one function that "
            "receives the label and the timed function:\n\n```python\n@hook\n"
            f"def label_timer(label, fn):\n    fn.timer_label = label\n    return fn\n```\n\n"
            f"{check}\n## b- Factory mode\n\n### 1- A hook with a required label\n\n"
            "Write the hook as a factory that returns the wrapper:\n\n```python\n"
            "@hook(mode='factory')\ndef label_timer(label):\n    def wrap(fn):\n"
            f"        fn.timer_label = label\n        return fn\n    return wrap\n```\n\n{check}")
    assert lint_text(tmp_path, text, select=["DUP002"]) == []


_FIXES = ("-   Crash of the planner when a pilot has no licence class on\n    record.\n"
          "-   Tide windows shifted by one hour after the spring clock change in\n"
          "    the southern hemisphere.\n")


def test_a_fix_backported_to_another_release_line_is_no_copy(tmp_path: Path) -> None:
    """The same fixes under `### Fixed` of a beta and of a maintenance release,
    one with a fix more: each release's own list. Where the two sections are no
    such slots, the message says the later one repeats the start of the earlier."""
    log = (f"# Changelog\n\n## 5.0.0-beta.2\n\n### Fixed\n\n{_FIXES}"
           "-   Duplicate pager alerts for the same vessel arrival.\n\n"
           f"## 5.0.0-beta.1\n\n### Changed\n\n-   The roster is TOML.\n\n## 4.8.3\n\n### Fixed\n\n"
           f"{_FIXES}")
    assert lint_text(tmp_path / "a", log, select=["DUP001", "DUP002"]) == []
    other = (f"# Log\n\n## Release 2\n\n### Fixed\n\n{_FIXES}"
             "-   Duplicate pager alerts for the same vessel arrival.\n\n"
             f"## Release 1\n\nThe first release.\n\n#### Fixed\n\n{_FIXES}")
    [report] = lint_text(tmp_path / "b", other, select=["DUP001"])
    assert report.span.line == 17 and report.message.startswith(
        "section 'Fixed' repeats the start of the earlier section 'Fixed' (lines 5-10)")


def test_an_aside_in_one_of_two_parallel_walkthroughs_keeps_them_parallel(
        tmp_path: Path) -> None:
    """Loading and Saving each show their decorator, how to pass the function,
    then the same closing paragraph; Loading has an aside more."""
    closing = ("Alternatively, add the `@register` decorator to make the function a default "
               "codec,\nso that every notebook picks it up without being given it through "
               "the\n`codec` argument.\n")
    text = ("# Records\n\n## Formats\n\nKiln Notes reads and writes records.\n\n### Loading\n\n"
            "`@loads.from_csv` turns a CSV row into your record class:\n\n```python\n"
            "@loads.from_csv(Glaze)\ndef reader(cls, row):\n    return cls(row['name'])\n```\n\n"
            "Notebooks can also take the reader for one column only:\n\n```python\n"
            "book = Notebook('g.csv', columns={'cone': reader})\n```\n\n"
            "The function, `reader`, can then be handed to the `codec` argument\nwhen you "
            "open a `Notebook`:\n\n```python\nbook = Notebook('g.csv', codec=reader)\n```\n\n"
            f"{closing}\n### Saving\n\n`@dumps.to_csv` turns your record class back into a "
            "row:\n\n```python\n@dumps.to_csv(Firing)\ndef writer(cls, firing):\n"
            "    return {'date': firing.date}\n```\n\nThe function, `writer`, can then be "
            "handed to the `codec` argument\nwhen you open a `Notebook`:\n\n```python\n"
            f"book = Notebook('f.csv', codec=writer)\n```\n\n{closing}")
    assert lint_text(tmp_path, text, select=["DUP002"]) == []


def test_one_tip_closing_two_sibling_recipes_is_theirs(tmp_path: Path) -> None:
    """Each recipe ends with the same tip, for a reader who jumps to one of them;
    the first has tips of its own before it."""
    tip = ("???+ tip\n    On several machines, start the script with `launch --nodes N run.py`; "
           "a plain\n    `python run.py` **runs on one machine only**, however many the "
           "cluster has. We\n    advise the launcher for every job that spans machines.\n")
    text = ("# Recipes\n\nThe recipes share one trainer, so logging and checkpoints work "
            "alike.\n\n## Pairwise training\n\nPairwise training compares two answers.\n\n"
            "```python\njob = recipes.Pairwise(base='tiny')\njob.run()\n```\n\n"
            "???+ tip\n    Short aside on margins.\n\n???+ tip\n    Short aside on batches.\n\n"
            f"???+ tip\n    Short aside on negatives.\n\n{tip}\n## Teacher model training\n\n"
            "Teacher training copies the scores of a larger model.\n\n```python\n"
            f"job = recipes.Teacher(base='tiny', teacher='big')\njob.run()\n```\n\n{tip}")
    assert lint_text(tmp_path, text, select=["DUP002"]) == []


def test_two_footnotes_that_cite_one_source_are_two_notes(tmp_path: Path) -> None:
    text = ("# Glazes\n\nAsh glaze[^1] runs; a matte ash glaze[^2] does not.\n\n"
            "[^1]: See [recipes/ash.txt](https://example.org/pottery/recipes/ash.txt), "
            "the base recipe.\n\n"
            "[^2]: See [recipes/ash.txt](https://example.org/pottery/recipes/ash.txt), "
            "the base recipe.\n")
    assert lint_text(tmp_path, text, select=["DUP002"]) == []


def test_a_setup_given_again_for_whoever_skipped_it_is_no_copy(tmp_path: Path) -> None:
    """"Create a folder (if you have not already):" gives the first steps again,
    on purpose, to a reader who starts at this section; without the words it is
    a copy."""
    setup = ("```bash\nmkdir kiln-lab\ncd kiln-lab\npython3 -m venv .venv\n"
             "source .venv/bin/activate\n```\n\nOn Windows, use: `.venv\\Scripts\\activate`"
             "\n\nInstall the required packages:\n\n```bash\npip install kilnctl rich\n```\n")
    text = ("# Kiln quickstart\n\n## Step 1: Set up\n\nCreate a project folder:\n\n" + setup
            + "\n## Step 2: Fire\n\n```python\nfrom kilnctl import Kiln\n"
            "Kiln('studio-1').ramp(1000)\n```\n\n## Other kilns\n\n### Gas kiln\n\n"
            "The gas kiln needs a valve controller.\n\n#### Step 1: Install the tools\n\n"
            "Create a project folder{note}:\n\n" + setup + "\n#### Step 2: Reduce\n\n"
            "```python\nfrom kilnctl import Kiln\nKiln('studio-1').reduce(1000)\n```\n")
    announced = text.format(note=" (if you have not already)")
    assert lint_text(tmp_path / "a", announced, select=["DUP002"]) == []
    plain = text.format(note="")
    assert codes_and_lines(lint_text(tmp_path / "b", plain, select=["DUP002"])) == {
        ("DUP002", 37)}


def test_lists_that_share_their_lead_in_and_first_item_then_diverge(tmp_path: Path) -> None:
    """`This code:` and its first point again under another example, then points
    of its own: two descriptions that start alike."""
    text = ("# Kiln quickstart\n\n## Step 2: Write the firing schedule\n\n```python\n"
            "from kilnctl import Kiln\nkiln = Kiln('studio-1')\nkiln.ramp(to=1000, rate=150)\n"
            "```\n\nThis code:\n\n* Connects to the kiln controller in the `studio-1` room\n"
            "* Ramps the electric kiln to 1000 °C at 150 °C per hour\n"
            "* Prints the temperature log of the firing\n\n## Other kilns\n\n### Gas kiln\n\n"
            "The gas kiln needs a valve controller.\n\n"
            "#### Step 2: Write the reduction schedule\n\n```python\nfrom kilnctl import Kiln\n"
            "kiln = Kiln('studio-1', valve='burner-a')\nkiln.reduce(at=1000)\n```\n\n"
            "This code:\n\n* Connects to the kiln controller in the `studio-1` room\n"
            "* Opens a reduction atmosphere at 1000 °C with burner A\n"
            "* Accepts a target cone and stops the firing there\n"
            "* Prints the flame log of every burner\n")
    assert lint_text(tmp_path, text, select=["DUP002"]) == []


def test_sub_headings_of_numbered_groups_at_one_level_are_no_duplicates(tmp_path: Path) -> None:
    """A changelog whose versions and their `Added`/`Fixed` are all H2: each
    version's sub-headings again (audit 112). The same heading twice in one
    group, or groups that are not numbered, is still reported."""
    page = ("# Changes\n\n0.3.0\n-----\n## Added\n- A mode.\n\n## Fixed\n- A rattle.\n\n"
            "0.2.0\n-----\n## Added\n- A whistle.\n\n## Fixed\n- A drip.\n\n## Fixed\n- Again.\n"
            "\n0.2.0\n-----\n## Added\n- Twice.\n")
    reports = lint_text(tmp_path, page, select=["DUP004"])
    assert [report.span.line for report in reports] == [19, 22, 24]
    page = "# Notes\n\n## Setup\n\nA.\n\n## Usage\n\nB.\n\n## Setup\n\nC.\n"
    assert [report.span.line for report in lint_text(tmp_path, page, select=["DUP004"])] == [11]
