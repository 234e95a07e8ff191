"""Repetition a page makes on purpose is not a duplicate; a pasted copy is.

One pair of tests per cause (issue 18): the pattern is left alone, a paste of
the same shape is still reported. Every fixture is invented here.
"""

from __future__ import annotations

from pathlib import Path

from curriculint.checks.duplicates.context import is_placeholder
from curriculint.load.parser import build_parser
from tests.conftest import codes_and_lines, lint_paths, lint_text

DUP = ["DUP001", "DUP002"]

PARAGRAPH = ("Replicas answer reads from their own copy of the data, so a read may miss the "
             "latest write for a while after it was acknowledged by the leader.")
OTHER = ("Clients that need the latest write read from the leader instead, at the cost of "
         "one more round trip and a busier leader during peaks.")


def _dups(tmp_path: Path, text: str) -> set[tuple[str, int]]:
    return codes_and_lines(lint_text(tmp_path, text, select=DUP))


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    found = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            found += 1
            if found == occurrence:
                return number
    raise AssertionError(needle)


# -- reference entries written from one template -------------------------------

ENTRIES = """\
# Queue settings

## Limits

### `queue.max_batch`

Use this setting to raise the number of messages the consumer takes from the
inbound queue in one batch. The default suits most workloads well.

### `queue.min_batch`

Use this setting to lower the number of messages the consumer takes from the
inbound queue in one batch. The default suits most workloads well.
"""


def test_templated_entries_that_differ_in_a_few_words_are_not_repeats(tmp_path: Path) -> None:
    assert not _dups(tmp_path, ENTRIES)


def test_the_same_near_copy_inside_one_section_is(tmp_path: Path) -> None:
    text = ENTRIES.replace("### `queue.min_batch`\n", "")
    assert ("DUP002", _line_of(text, "lower the number")) in _dups(tmp_path, text)


SLIP = """\
# Queue settings

## Archive

### `archive_page_size`

Use this setting to change the number of messages shown per archive page in the
console. The value is inherited from the global page size unless it is set.

### `archive_order`

Use this setting to sort archived messages by age or by size in the console view.

## Audit

### `audit_page_size`

Use this setting to change the number of messages shown per archive page in the
console. The value is inherited from the global page size unless it is set.

### `audit_order`

Use this setting to sort audited messages by age or by size in the console view.
"""


def test_a_verbatim_entry_that_still_names_the_original_subject_is_a_slip(tmp_path: Path
                                                                         ) -> None:
    reports = lint_text(tmp_path, SLIP, select=DUP)
    # The entry's whole body again under a renamed heading: reported at that heading.
    assert [(report.code, report.span.line) for report in reports] == [
        ("DUP001", _line_of(SLIP, "### `audit_page_size`"))]
    assert "'archive'" in reports[0].message and reports[0].fix is None


def test_a_verbatim_entry_that_names_no_subject_is_boilerplate_of_the_template(
        tmp_path: Path) -> None:
    text = SLIP.replace("per archive page in the", "per page in the")
    assert not _dups(tmp_path, text)


def _tools(first: str, second: str) -> str:
    tools = ("* Docker Compose on a single host\n* Kubernetes with a rolling update\n"
             "* systemd units with Restart=always\n* Supervisor on older servers\n")
    return (f"# 部署概念\n\n## 工具\n\n### {first}\n\n下面这些工具可以完成这项工作：\n\n{tools}\n"
            f"### {second}\n\n同样地，可以使用：\n\n{tools}")


def test_templated_headings_in_chinese_share_their_characters(tmp_path: Path) -> None:
    """Chinese headings have no spaces: written from one template, they still
    share most of their words when each character is one."""
    assert not _dups(tmp_path / "templated", _tools("部署时使用的示例工具", "监控时使用的示例工具"))
    text = _tools("安装", "故障排查")
    assert _dups(tmp_path / "unrelated", text) == {("DUP002", _line_of(text, "* Docker", 2))}


CONCEPTS = ["Security and certificates", "Running the service on startup",
            "Restarts after a crash", "Replication of the worker processes",
            "Memory limits per process", "Steps to run before starting"]


def _recap(stressed: set[int]) -> str:
    def listed(bold: set[int]) -> str:
        return "".join(f"* **{item}**\n" if at in bold else f"* {item}\n"
                       for at, item in enumerate(CONCEPTS))
    return (f"# Workers\n\nThe concepts this guide keeps coming back to:\n\n{listed({3})}\n"
            f"## Start workers\n\n{OTHER}\n\n## What workers cover\n\n{PARAGRAPH}\n\n"
            f"Of the concepts above, workers take care of these:\n\n{listed(stressed)}")


def test_a_list_again_with_other_items_stressed_was_edited_for_its_place(
        tmp_path: Path) -> None:
    assert not _dups(tmp_path / "stressed", _recap({0, 1, 4}))
    # The same emphasis: pasted.
    text = _recap({3})
    assert _dups(tmp_path / "pasted", text) == {("DUP002", _line_of(text, CONCEPTS[0], 2))}


def _alternatives(second_steps: str) -> str:
    closing = ("The server starts with your code and stops at the breakpoints you set "
               "in the editor.\n\nThis is how the debugger window looks afterwards:")
    return (f"# Debugging\n\n## Run it from a debugger\n\n{OTHER}\n\n---\n\n"
            f"In the first editor, follow these steps:\n\n* Open the Debug panel.\n"
            f"* Add a configuration.\n* Choose the current file.\n\n{closing}\n\n"
            f'<img src="first.png">\n\n---\n\nIn the second editor:\n\n{second_steps}\n'
            f'{closing}\n\n<img src="second.png">\n')


def test_alternatives_divided_by_breaks_may_share_their_closing_lines(tmp_path: Path) -> None:
    steps = "* Open the Run menu.\n* Choose Debug.\n* Pick the file to debug.\n"
    assert not _dups(tmp_path / "parallel", _alternatives(steps))
    # The second part laid out otherwise: the closing lines are pasted into it.
    text = _alternatives("Open the Run menu and choose Debug on the file.\n")
    assert _dups(tmp_path / "pasted", text) == {
        ("DUP002", _line_of(text, "The server starts", 2))}


# -- boilerplate in sibling sections ---------------------------------------------

NOTE = ("Only the options listed above are supported; the other options of this "
        "extension may work but are not tested with this theme and can change.")


def _extensions(names: list[str]) -> str:
    parts = ["# Extensions\n\n## Supported extensions\n"]
    for name in names:
        parts.append(f"### {name}\n\nSettings that {name.lower()} reads go under its own "
                     f"key in the configuration file of the site.\n\n{NOTE}\n")
    return "\n".join(parts)


def test_a_note_repeated_in_three_sibling_sections_is_boilerplate(tmp_path: Path) -> None:
    assert not _dups(tmp_path, _extensions(["Footnotes", "Glossary", "Sidebars"]))


def test_a_paragraph_pasted_into_an_unrelated_section_is_a_copy(tmp_path: Path) -> None:
    text = f"# Replication\n\n## Reads\n\n{PARAGRAPH}\n\n## Costs\n\n{OTHER}\n\n{PARAGRAPH}\n"
    assert _dups(tmp_path, text) == {("DUP002", 11)}


def _stores(second_intro: str) -> str:
    steps = ("The walkthrough below shows how the exporter handles the snapshots:\n\n"
             "1. Read the snapshot manifest and check its signature\n"
             "2. Stream every chunk to the bucket with a retry budget\n")
    return f"""\
# Snapshot exporters

## Postgres snapshots

Postgres keeps its snapshots in the backup folder of the primary server.

{steps}
Run it with the `pg` profile.

## Etcd

{second_intro}

{steps}
Run it with the `etcd` profile.

## Redis

Redis writes its snapshots as one dump file per shard, and the exporter reads those too.
"""


def test_sibling_sections_that_open_alike_may_share_a_slot(tmp_path: Path) -> None:
    # Each section: what the store keeps, then the same walkthrough. The Etcd
    # section says 'snapshots' of its own, so the copy saying it is no slip.
    text = _stores("Etcd keeps its snapshots in the data folder of every member server.")
    assert not _dups(tmp_path, text)


def test_the_slot_pasted_into_a_section_that_opens_otherwise_is_a_copy(
        tmp_path: Path) -> None:
    text = _stores("Clusters elect a leader through the raft protocol before any write.\n\n"
                   "Members talk over gRPC with mutual TLS.")
    assert _dups(tmp_path, text) == {("DUP002", _line_of(text, "walkthrough below", 2))}


def test_display_math_restated_with_one_term_changed_is_not_a_repeat(tmp_path: Path) -> None:
    terms = r"\neg(p + q \le r) \land p \neq q \land p {0} r \land m \neq 0 \land m {0} 1"
    first, second, third = terms.format("="), terms.format(r"\neq"), terms.format("<")
    text = (f"# Conditions\n\nThe first case is\n\n$${first}$$\n\n"
            f"The second case is\n\n$${second}$$\n\n"
            "The third case is\n\n\\[\n" + third + "\n\\]\n")
    assert not _dups(tmp_path, text)


def test_branches_of_a_template_conditional_are_alternatives(tmp_path: Path) -> None:
    steps = ("### Install the agent\n\nFetch the signed package from the vendor mirror, check "
             "its checksum against the release notes and install it with the system tools.\n")
    text = (f"# Agents\n\n{{% if cloud %}}\n\n{steps}\n{{% else %}}\n\n{steps}\n{{% endif %}}\n")
    assert not lint_text(tmp_path, text, select=["DUP001", "DUP002", "DUP004"])
    pasted = text + f"\n{steps}"
    assert lint_text(tmp_path / "pasted", pasted, select=["DUP001", "DUP002", "DUP004"])


def test_pointer_paragraphs_repeated_under_each_group_are_not_repeats(tmp_path: Path) -> None:
    pointers = "_[Unit 1: Getting connected](unit-1.md)_\n\n_[Unit 2: First sheets](unit-2.md)_\n"
    text = (f"# Course\n\n## Contents\n\n{pointers}\n## Glossary\n\n### Basics\n\n"
            f"- **Cell**: one box of a sheet.\n\n{pointers}")
    assert not _dups(tmp_path, text)


# -- per-version sections, whole sections ------------------------------------

def _upgrades(second_tab: str) -> str:
    return f"""\
# Upgrading

## From 2.x to 3.x

### Changes to templates

{PARAGRAPH}

=== "base.html"

    The header block moved into its own partial and lost its wrapper.

## From 1.x to 2.x

### Changes to templates

{PARAGRAPH}

=== "base.html"

    {second_tab}
"""


def test_version_sections_sharing_an_introduction_are_not_repeats(tmp_path: Path) -> None:
    text = _upgrades("The footer block takes the copyright notice from the settings now.")
    assert not _dups(tmp_path, text)


def test_a_section_is_compared_whole_tabs_included(tmp_path: Path) -> None:
    """Identical up to its first tab is not an identical section."""
    text = _upgrades("The footer block takes the copyright notice from the settings now.")
    reports = lint_text(tmp_path, text, select=["DUP001"])
    assert not reports


def test_a_whole_section_pasted_under_another_parent_is_a_copy(tmp_path: Path) -> None:
    text = (f"# Guide\n\n## Overview\n\n### Scale\n\n{PARAGRAPH}\n\n{OTHER}\n\n"
            f"## Lessons learned\n\nWe kept the design small.\n\n### Scale\n\n{PARAGRAPH}\n\n"
            f"{OTHER}\n")
    assert ("DUP001", _line_of(text, "### Scale", 2)) in _dups(tmp_path, text)


def test_a_section_pasted_right_after_itself_is_a_copy(tmp_path: Path) -> None:
    text = f"# Guide\n\n## Setup\n\n{PARAGRAPH}\n\n## Setup\n\n{PARAGRAPH}\n"
    assert _dups(tmp_path, text) == {("DUP001", 7)}


# -- content tabs ------------------------------------------------------------

def test_tabs_of_one_tab_set_are_alternatives(tmp_path: Path) -> None:
    text = (f'# Tables\n\n=== "Left"\n\n    {PARAGRAPH}\n\n=== "Right"\n\n    {PARAGRAPH}\n')
    assert not _dups(tmp_path, text)


def test_tabs_nested_in_a_list_item_are_alternatives_too(tmp_path: Path) -> None:
    item = "\n".join(f"        {line}" for line in
                     ("1. " + PARAGRAPH, "", "2. " + OTHER))
    text = (f'# Validators\n\n* Before validators run first.\n\n    === "Annotated"\n\n{item}\n\n'
            f'    === "Decorator"\n\n{item}\n')
    assert not _dups(tmp_path, text)


def test_blocks_tabs_of_one_set_are_alternatives(tmp_path: Path) -> None:
    tabs = "".join(f"/// tab | {name}\n\n{PARAGRAPH}\n\n///\n\n" for name in ("pip", "uv"))
    assert not _dups(tmp_path, f"# Install\n\n{tabs}")
    # A new set is a new choice: the same text in two sets is a repeat.
    second = tabs.replace("/// tab | pip\n", "/// tab | pip\n    new: true\n")
    assert _dups(tmp_path / "two", f"# Install\n\n{tabs}Again:\n\n{second}")


def _tab_sets(tab: str, close: str, indent: str) -> str:
    """Two tab sets under two headings, each with a tab that carries the same
    tip above a different listing (one tip per listing, as reference pages do)."""
    body = []
    for section, code in (("Declare", "first"), ("Use", "second")):
        body.append(f"## {section}\n\n{section} the parameter as the listing shows.\n\n")
        for label, tip in (("Annotated", ""), ("Plain", f"!!! tip\n    {PARAGRAPH}\n\n")):
            lines = f"{tip}```python\nprint('{code} {label}')\n```\n"
            lines = "".join(indent + line if line.strip() else line
                            for line in lines.splitlines(keepends=True))
            body.append(tab.format(label) + "\n\n" + lines + close + "\n")
    return "# Cookies\n\n" + "".join(body)


def test_a_tab_repeating_its_tip_in_each_tab_set_is_one_tab_per_listing(
        tmp_path: Path) -> None:
    """pymdownx.blocks tabs (nested blocks take more slashes) read as the
    `===` tabs do: the tab is the unit, and its listing differs."""
    assert not _dups(tmp_path / "tabbed", _tab_sets('=== "{}"', "", "    "))
    assert not _dups(tmp_path / "blocks", _tab_sets("//// tab | {}", "////\n", ""))


def test_blocks_tab_options_are_not_a_listing() -> None:
    tokens = build_parser().parse("/// tab | pip\n    new: true\n\nText.\n///\n")
    assert [token.type for token in tokens][:2] == ["container_blocks_open", "code_block"]
    assert tokens[0].info.strip() == "tab | pip"


def test_nested_blocks_close_in_order() -> None:
    text = "//// details | Outer\n\n/// note | Inner\n\nText.\n\n///\n\nAfter.\n\n////\n\nOut.\n"
    tokens = build_parser().parse(text)
    opened = [(token.info.strip(), token.map) for token in tokens
              if token.type == "container_blocks_open"]
    assert opened == [("details | Outer", [0, 10]), ("note | Inner", [2, 6])]
    assert tokens[-2].content == "Out."


def test_an_admonition_pasted_right_after_itself_is_a_copy(tmp_path: Path) -> None:
    text = ("# Parsing\n\n!!! tip\n    Give every field a default so that partial input still "
            "parses.\n\n!!! tip\n    Give every field a default so that partial input still "
            "parses.\n")
    assert _dups(tmp_path, text) == {("DUP002", 6)}


# -- listings: source and result, variants, annotations ------------------------

def test_a_listing_and_its_rendered_result_are_not_repeats(tmp_path: Path) -> None:
    text = (f"# Notes\n\n``` markdown\n!!! note\n    {PARAGRAPH}\n```\n\n!!! note\n"
            f"    {PARAGRAPH}\n\n## Later\n\n``` markdown title=\"Again, collapsible\"\n"
            f"??? note\n    {PARAGRAPH}\n```\n\n??? note\n    {PARAGRAPH}\n")
    assert not _dups(tmp_path, text)


def test_listings_that_differ_in_their_info_string_are_variants(tmp_path: Path) -> None:
    code = "\n".join(f"total = total + item_{number} * weight_{number}" for number in range(6))
    text = (f'# Code\n\n## Titles\n\n``` py title="sum.py"\n{code}\n```\n\n'
            f'## Line numbers\n\n``` py linenums="1"\n{code}\n```\n')
    assert not _dups(tmp_path, text)


def test_a_listing_pasted_twice_in_one_section_is_a_copy(tmp_path: Path) -> None:
    code = "\n".join(f"total = total + item_{number} * weight_{number}" for number in range(6))
    text = f"# Code\n\n``` py\n{code}\n```\n\nAgain:\n\n``` py\n{code}\n```\n"
    assert _dups(tmp_path, text) == {("DUP002", _line_of(text, "``` py", 2))}


def test_a_listing_again_with_one_token_changed_is_a_variant(tmp_path: Path) -> None:
    listing = ("```python\nfrom shop import settings, orders, mailer\n\n"
               "for order in orders.open_orders(region='north', since_days=30):\n"
               "    if len(order.items) > settings{}:\n"
               "        mailer.notify(order.customer, 'over the limit of items per order')\n"
               "        order.hold(reason='limit exceeded, waiting for review')\n```\n")
    by_key, by_attribute = listing.format("['limit']"), listing.format(".limit")
    text = f"# Limits\n\nRead it by key:\n\n{by_key}\nOr by attribute:\n\n{by_attribute}"
    assert not _dups(tmp_path, text)
    again = f"# Limits\n\nRead it:\n\n{by_attribute}\nAgain:\n\n{by_attribute}"
    assert _dups(tmp_path / "again", again)


def test_annotations_of_two_listings_are_not_repeats(tmp_path: Path) -> None:
    notes = f"1. {PARAGRAPH}\n\n2. {OTHER}\n"
    text = (f"# Code\n\n## One\n\n``` py\nload(path)  # (1)!\nsave(path)  # (2)!\n```\n\n{notes}\n"
            f"## Two\n\n``` py\nread(url)  # (1)!\nwrite(url)  # (2)!\n```\n\n{notes}")
    assert not _dups(tmp_path, text)


def test_annotations_of_an_annotated_div_are_one_note_per_marker(tmp_path: Path) -> None:
    """Material's `<div class="annotate" markdown>`: each `(n)` marker takes an
    item of the list after the div, so a note two markers share is written twice.
    The same items in a list after a plain div are a copy."""
    page = ("# Settings\n\n<div class=\"annotate\" markdown>\n\n"
            "- **Quick:** the green dot. (1)\n- **Slow:** the green dot too. (2)\n\n</div>\n\n"
            "<!-- two markers, one note -->\n\n"
            f"1. {PARAGRAPH}\n\n2. {PARAGRAPH}\n")
    assert not _dups(tmp_path, page)
    plain = page.replace(' class=\"annotate\"', "")
    assert _dups(tmp_path, plain)


def test_a_shell_check_run_again_in_a_later_section_is_no_copy(tmp_path: Path) -> None:
    """A lab runs the same check again after a change: a short shell listing in
    another section. The same lines as a Python listing are a pasted copy."""
    check = ("qctl push --url http://$HOST/api/jobs --header 'Accept: text/yaml' "
             "--body '{ \"task\": \"resize\", \"width\": 640 }'\n"
             "qctl list --url http://$HOST/api/jobs --header 'Accept: text/yaml'\n")
    page = (f"# Lab\n\nStart it, then check it answers:\n\n```bash\n{check}```\n\n"
            "## Disk store\n\nRestart it with `--store disk`, then check once more it "
            f"answers:\n\n```bash\n{check}```\n")
    assert not _dups(tmp_path, page)
    assert _dups(tmp_path, page.replace("```bash", "```python"))


def test_a_sections_own_contents_list_repeats_the_pages_on_purpose(tmp_path: Path) -> None:
    """The page's contents list names every section; a section lists its own
    subsections again. The page's list pasted twice under the title is a copy."""
    toc = ("- [Sign in to the hosted notebook service]"
           "(#sign-in-to-the-hosted-notebook-service)\n"
           "- [Keep your notebook files between visits]"
           "(#keep-your-notebook-files-between-visits)\n")
    body = ("## In the browser\n\nIt needs two things:\n\n" + toc + "\n"
            "### Sign in to the hosted notebook service\n\nAny account works.\n\n"
            "### Keep your notebook files between visits\n\nAllow storage.\n")
    page = f"# Ready\n\nPick a way.\n\n- [In the browser](#in-the-browser)\n{toc}\n{body}"
    assert not _dups(tmp_path, page)
    pasted = f"# Ready\n\nPick a way.\n\n{toc}\nOr:\n\n{toc}\n{body}"
    assert _dups(tmp_path, pasted)


def test_tables_of_results_over_the_same_input_are_no_copies(tmp_path: Path) -> None:
    """Three joins of one input: their result tables share most rows on purpose,
    and their figures differ. The same table pasted twice is a copy."""
    head = "| owner_id | owner_name | pet_id | monthly_food_cost |\n| --- | --- | --- | --- |\n"
    rows = ["| 7 | Ana | 501 | 12 |\n", "| 8 | Ben | 502 | 30 |\n", "| 9 | Cleo | NaN | NaN |\n",
            "| NaN | NaN | 503 | 4 |\n"]
    page = (f"# Joins\n\nEvery owner:\n\n{head}{rows[0]}{rows[1]}{rows[2]}\n"
            f"Every pet:\n\n{head}{rows[0]}{rows[1]}{rows[3]}\n"
            f"Everything:\n\n{head}{''.join(rows)}")
    assert not _dups(tmp_path, page)
    wide = ("| owner | name | pet | food | cost per month |\n| --- | --- | --- | --- | --- |\n"
            "| 7 | Ana Lima | 501 | dry kibble mix | 12 |\n"
            "| 8 | Ben Okafor | 502 | wet salmon tins | 30 |\n")
    assert _dups(tmp_path, f"# Costs\n\n{wide}\nAgain:\n\n{wide}")


# -- includes, placeholders, comments -----------------------------------------

def test_include_directives_naming_different_files_are_not_repeats(tmp_path: Path) -> None:
    lines = [f'--8<-- "docs/snippets/tutorial/part_{part}/step_{step}.md"'
             for part in ("one", "two") for step in range(4)]
    text = ("# Tutorial\n\n## One\n\n" + "\n".join(lines[:4]) + "\n\n## Two\n\n"
            + "\n".join(lines[4:]) + "\n")
    assert not _dups(tmp_path, text)


def test_lorem_ipsum_demos_are_not_repeats(tmp_path: Path) -> None:
    filler = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. Integer posuere "
              "lacus vel nibh tempor, quis dictum augue sodales.")
    text = f"# Demo\n\n!!! note\n\n    {filler}\n\n!!! warning\n\n    {filler}\n"
    assert not _dups(tmp_path, text)
    assert is_placeholder(("sed", "tempor", "lacus", "vel", "nibh"))
    assert not is_placeholder(("the", "queue", "holds", "messages"))


def test_the_slots_of_a_form_are_not_repeats(tmp_path: Path) -> None:
    """A form offers the same blank slot twice on purpose (round 86); the same
    paragraphs without blanks are a paste."""
    slot = ("Idea: \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_ Priority: high / medium / low\n\n"
            "Reason: ______________________________\n\n")
    text = f"# Feedback\n\nFill in two ideas.\n\n{slot}{slot}"
    assert not _dups(tmp_path, text)
    filled = slot.replace("\\_", "").replace("_", "")
    assert _dups(tmp_path, f"# Feedback\n\nFill in two ideas.\n\n{filled}{filled}")


def test_an_admonition_in_a_definition_without_a_term_is_an_admonition(tmp_path: Path) -> None:
    body = ("        Lorem ipsum dolor sit amet, consectetur adipiscing elit. Integer posuere\n"
            "        lacus vel nibh tempor, quis dictum augue sodales.")
    text = (f"# Types\n\n<!-- option: note -->\n\n:   !!! note\n\n{body}\n\n"
            f"<!-- option: tip -->\n\n:   !!! tip\n\n{body}\n")
    kinds = [token.type for token in build_parser().parse(text)]
    assert kinds.count("admonition_open") == 2 and "code_block" not in kinds
    # Each type's specimen holds the same filler: demos, not pastes.
    assert not _dups(tmp_path, text)


def test_words_in_html_comments_do_not_make_a_repeat(tmp_path: Path) -> None:
    item = "- <!-- to do: link the real pattern page here when it exists --> [Related]"
    text = f"# Patterns\n\n{item}\n{item}\n{item}\n"
    assert not _dups(tmp_path, text)


# -- lists ------------------------------------------------------------------------

def test_procedures_sharing_their_first_steps_are_not_repeats(tmp_path: Path) -> None:
    steps = ("1. Open the account settings page of the hosting service\n"
             "2. Choose the section for personal tokens and create a new one\n")
    text = (f"# Tokens\n\n## Reading\n\n{steps}3. Give the token the read scope only\n\n"
            f"## Publishing\n\nCreate another token:\n\n{steps}3. Give the token the write scope "
            f"for packages\n")
    assert not _dups(tmp_path, text)


def test_a_procedure_and_its_variant_in_one_section_share_their_first_steps(
        tmp_path: Path) -> None:
    steps = ("1. The browser asks the edge cache for the page it needs\n"
             "2. The edge cache answers at once when it holds a fresh copy\n"
             "3. The edge cache checks the block list and refuses banned paths\n")
    last = "Finally the edge cache keeps the page so that the next visitor gets it at once"
    text = (f"# Serving\n\nWithout an origin shield:\n\n{steps}"
            f"4. Otherwise the edge cache fetches the page from the origin\n5. {last}\n\n"
            f"With an origin shield:\n\n{steps}"
            "4. Otherwise the edge cache asks the shield, which asks the origin once\n"
            f"5. The shield keeps the page for every other edge\n6. {last}\n")
    # The shared first steps and the shared last one are the comparison's point.
    assert not _dups(tmp_path, text)


def test_a_table_of_contents_pasted_again_and_extended_is_still_a_copy(tmp_path: Path) -> None:
    toc = ("- [Why caches go stale](#why-caches-go-stale)\n"
           "- [Expiry by time to live](#expiry-by-time-to-live)\n"
           "- [Invalidation on write](#invalidation-on-write)\n")
    text = (f"# Caching\n\n{toc}- [Summary](#summary)\n\nOn this page:\n\n"
            f"{toc}- [Further reading](#further-reading)\n")
    assert ("DUP002", _line_of(text, "Why caches go stale", 2)) in _dups(tmp_path, text)


def _levels(third_extra: str) -> str:
    base = "- Hourly charts of the dashboard\n- Search history of every account\n"
    more = "- Saved queries of every account\n- Daily totals for each user\n"
    return (f"# Retention levels\n\n### Level 1 - drop charts\n\nKeep the raw log.\n\n"
            f"This level removes\n\n{base}\n### Level 2 - drop charts and queries\n\n"
            f"Keep the raw log for a week.\n\nThis level removes\n\n{base}{more}\n"
            f"### Level 3 - keep nothing\n\nKeep counters only.\n\nThis level removes\n\n"
            f"{base}{more}{third_extra}")


def test_a_level_that_keeps_the_one_before_and_adds_to_it_is_no_slip(tmp_path: Path) -> None:
    # Level 3's list is level 2's and more: it names level 2's 'queries' on purpose.
    assert not _dups(tmp_path, _levels("- Audit trail\n- Monthly archive\n"))


def test_the_first_items_pasted_as_a_list_of_their_own_are_a_copy(tmp_path: Path) -> None:
    items = ("- Process a million events per second at peak\n"
             "- Report metrics with under one second of delay\n"
             "- Reject malformed events before they are stored\n")
    text = (f"# Design\n\n## Requirements\n\n{items}- Keep a week of raw events\n\n"
            f"## Architecture\n\nWe start from the goals.\n\n{items}")
    assert ("DUP002", _line_of(text, "Process a million", 2)) in _dups(tmp_path, text)


def test_a_short_list_pasted_right_after_itself_is_a_copy(tmp_path: Path) -> None:
    text = ("# Images\n\nSee also:\n\n- [Attribute lists]\n- [Image captions]\n"
            "- [Lazy loading]\n\n- [Attribute lists]\n- [Image captions]\n- [Lazy loading]\n\n"
            "  [Attribute lists]: a.md\n  [Image captions]: b.md\n  [Lazy loading]: c.md\n")
    assert _dups(tmp_path, text) == {("DUP002", 9)}


def test_a_recap_that_shortens_the_points_is_not_a_copy(tmp_path: Path) -> None:
    text = (f"# Replication\n\n## Overview\n\n- {PARAGRAPH}\n- {OTHER}\n\n## Details\n\n"
            f"The details.\n\n## Recap\n\n- {PARAGRAPH[:70]}\n- {OTHER[:70]}\n")
    assert not _dups(tmp_path, text)


def test_install_commands_repeated_per_platform_are_not_repeats(tmp_path: Path) -> None:
    commands = ("python3 -m venv .venv\n.venv/bin/pip install --upgrade pip wheel setuptools\n"
                ".venv/bin/pip install --editable '.[test]' --no-cache-dir --quiet\n")
    text = "# Install\n\n" + "".join(
        f"## Install on {name}\n\nFirst the system packages.\n\n``` sh\n{first}\n{commands}```\n\n"
        for name, first in (("Linux", "sudo apt-get install python3-venv"),
                            ("macOS", "brew install python")))
    assert not _dups(tmp_path, text)


# -- frontmatter echo ---------------------------------------------------------------

ECHO2 = """\
---
title: Setting up the footer
description: Links, icons and a notice at the bottom of every page
---

# Setting up the footer

title: Setting up the footer
description: Links, icons and a notice at the bottom of every page

The footer holds links to other sites.
"""


def test_two_keys_echoed_with_their_values_are_an_echo(tmp_path: Path) -> None:
    assert codes_and_lines(lint_text(tmp_path, ECHO2, select=["DUP003"])) == {("DUP003", 8)}


def test_two_keys_whose_values_differ_are_not(tmp_path: Path) -> None:
    text = ECHO2.replace("title: Setting up the footer\ndescription: Links, icons and a notice "
                         "at the bottom of every page\n\nThe", "title: Footer\ndescription: "
                         "what it holds\n\nThe")
    assert not lint_text(tmp_path, text, select=["DUP003"])


def test_a_definition_without_a_term_ends_where_python_markdown_ends_it() -> None:
    from curriculint.load.document import parse

    text = ("# T\n\n<!-- option: name -->\n\n:   The name shown in the footer.\n\n"
            "  [rel]: https://example.org/rel\n\nAfter.\n")
    doc = parse(text.encode(), "page.md")
    assert [link.target for link in doc.index.links if link.kind == "definition"] == [
        "https://example.org/rel"]


FIGURES = """# Kettles

![A kettle with a round spout](img/round.png)
*Drawing credit: https://drawings.example.org/2019/05/kettles-and-their-spouts-compared/*

Kettles boil water quickly when the element is clean and the lid fits well.

<img src="img/square.png" alt="A kettle with a square spout">
*Drawing credit: https://drawings.example.org/2019/05/kettles-and-their-spouts-compared/*
"""


def test_figures_of_other_images_with_one_credit_line_are_not_copies(tmp_path: Path) -> None:
    """The credit line is most of each figure's words, but the figures show
    other images; the same figure shown twice is a copy."""
    assert not lint_text(tmp_path, FIGURES, select=["DUP002"])
    twice = FIGURES.replace('<img src="img/square.png" alt="A kettle with a square spout">',
                            "![A kettle with a round spout](img/round.png)")
    assert codes_and_lines(lint_text(tmp_path, twice, select=["DUP002"])) == {("DUP002", 8)}


SOURCE_AND_RESULT = """# Writing guide

/// note | What you type

```markdown
Kettle
: A pot for boiling water on a stove
: An electric jug that switches itself off
```

///

/// tip | What readers see

Kettle
: A pot for boiling water on a stove
: An electric jug that switches itself off

///
"""


def test_a_box_of_source_and_a_box_of_its_result_are_not_copies(tmp_path: Path) -> None:
    assert not lint_text(tmp_path, SOURCE_AND_RESULT, select=["DUP002"])


def test_a_marp_deck_repeats_headings_and_slides_on_purpose(tmp_path: Path) -> None:
    deck = ("---\nmarp: true\n---\n\n# Pumps\n\n---\n\n## Task 1\n\n* Pick a pump for the tank\n"
            "* Note the flow rate you chose\n\n---\n\n### Solution\n\n* Ten litres a minute\n\n"
            "---\n\n### Solution\n\n* Ten litres a minute\n")
    assert not lint_text(tmp_path, deck, select=["DUP"])
    page = deck.replace("marp: true", "title: Pumps")
    assert {report.code for report in lint_text(tmp_path, page, select=["DUP"])} >= {"DUP004"}


def test_items_that_are_one_formula_each_are_not_copies(tmp_path: Path) -> None:
    text = ("# Growth\n\n- $P(t)=K p(t) + T_b p'(t)$\n\n## Rates\n\n- $P(t)=K p(t) + R_b p'(t)$\n"
            "- $P(t)=K [p(t) + R_b/K p'(t)]$\n")
    assert not lint_text(tmp_path, text, select=["DUP002"])


def _tab_set(windows: str) -> str:
    return ('=== "Debian"\n\n    ```bash\n    source /opt/brew/profile.sh\n    ```\n\n'
            '=== "Fedora"\n\n    ```bash\n    . ~/brew/fedora/profile.sh\n    ```\n\n'
            f'=== "Windows"\n\n    {windows}\n\n    ```bash\n    call C:\\brew\\profile.bat\n'
            '    ```\n')


def test_a_tab_set_copied_in_part_is_the_step_written_again(tmp_path: Path) -> None:
    """Step 4 loads the profile again in a new terminal: two tabs as in step 1,
    the third edited for its place. Copied whole, the set is a copy."""
    first = _tab_set("Use the administrator console to compile.")
    again = _tab_set("A normal console is fine here.")
    page = ("# Workspace\n\n## 1 Load the profile\n\n" + first + "\nThen go on.\n\n"
            "## 2 Build\n\nBuild it all.\n\n## 4 Load the layer\n\nIn a new terminal:\n\n")
    assert not lint_text(tmp_path, page + again, select=["DUP002"])
    assert {report.code for report in lint_text(tmp_path, page + first, select=["DUP002"])} == {
        "DUP002"}


def test_entries_that_open_with_their_own_names_are_not_copies(tmp_path: Path) -> None:
    """Settings documented one after another (`tile_url`, `tile_backup_url`) read
    alike; an entry whose name changed but whose text did not is a copy."""
    settings = ("# Settings\n\n> [!SETTINGS]- [tile_url](#+map.tile_url){#+map.tile_url}\n"
                "> Address of the server with map tiles.\n\n"
                "> [!SETTINGS]- [tile_backup_url](#+map.tile_backup_url){#+map.tile_backup_url}\n"
                "> Address of the server with backup map tiles.\n")
    assert not lint_text(tmp_path, settings, select=["DUP002"])
    # The second name pasted over the first's entry, target and text left as they were:
    pasted = ("# Settings\n\n> [!SETTINGS]- [tile_url](#+map.tile_url){#+map.tile_url}\n"
              "> Address of the server with map tiles, used for every layer.\n\n"
              "> [!SETTINGS]- [tile_backup_url](#+map.tile_url){#+map.tile_url}\n"
              "> Address of the server with map tiles, used for every layer.\n")
    assert codes_and_lines(lint_text(tmp_path / "pasted", pasted, select=["DUP002"])) == {
        ("DUP002", 6)}


def test_solution_boxes_of_listings_compare_as_listings(tmp_path: Path) -> None:
    """A second solution restating the first with a line added is a variant, as
    two listings with a line changed are."""
    def solution(extra: str) -> str:
        return ('??? success "Solution"\n    ```python\n    def total(prices):\n'
                "        result = 0.0\n        for price in prices:\n"
                "            result += price\n" + extra + "        return round(result, 2)\n"
                "    ```\n\n")
    first, second = solution(""), solution("        result *= 0.9\n")
    text = f"# Problems\n\n## Step A\n\n{first}## Step B\n\n{second}"
    assert not lint_text(tmp_path, text, select=["DUP002"])


def test_headings_a_template_writes_are_not_repeats(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - macros\n",
                                         encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(
        "# Drills\n\n## Drill {{ step() }}\n\nOne.\n\n## Drill {{ step() }}\n\nTwo.\n",
        encoding="utf-8")
    assert not lint_paths([tmp_path / "docs"], select=["DUP004"])


def test_a_button_link_is_a_pointer_and_a_web_address_no_words(tmp_path: Path) -> None:
    """`[Next lesson](x.md){ .md-button }` under each part points on, as a bare link
    does; a short sentence whose web link and attribute list make most of its
    "words" is too short to be a copy worth telling."""
    button = "[Continue with the next lesson of this course](next.md){ .md-button }"
    sentence = ("Ask at the [counter](https://shop.example.org/garden-centre/help/counter/"
                "opening-hours){:target=_blank .external-link} today.")
    for repeated in (button, sentence):
        text = (f"# Garden\n\n## Tomatoes\n\nTomatoes want sun.\n\n{repeated}\n\n"
                f"## Beans\n\nBeans climb poles.\n\n### Varieties\n\nRunners.\n\n{repeated}\n")
        assert not lint_text(tmp_path, text, select=["DUP002"]), repeated


def test_a_closing_line_every_release_repeats_is_boilerplate_in_a_sub_section_too(
        tmp_path: Path) -> None:
    closing = ("The complete list of fixed issues, merged pull requests and known problems "
               "for this version is kept on the [tracker](https://example.org) page.")
    text = (f"# Changes\n\n## 2.4.1\n\nRepairs a crash.\n\n{closing}\n\n## 2.4.0\n\n"
            f"Adds themes.\n\n### Contributors\n\nAlice and Bob.\n\n{closing}\n\n"
            f"## 2.3.0\n\nFaster start.\n\n{closing}\n")
    assert not lint_text(tmp_path, text, select=["DUP002"])


def test_a_listing_that_names_the_library_in_every_entry_is_no_slip(tmp_path: Path) -> None:
    """The same sample program under `WIDGETRY_TRACE` and `SPOOL_DIR`: its
    `import widgetry` names the library, not the first entry's subject."""
    program = ('Sample program:\n\n```python\n# demo.py\nimport widgetry\n'
               'engine = widgetry.Engine()\nengine.run("sample-job")\n```\n\n')
    text = ("# Environment settings\n\nThe Widgetry package reads two settings.\n\n"
            "## `WIDGETRY_TRACE`\n\nAccepted values: `on`, `off`\n\n"
            f"When set, each step is printed.\n\n{program}"
            "## `SPOOL_DIR`\n\nAccepted values: a folder\n\n"
            f"When set, output is written there.\n\n{program}")
    assert not lint_text(tmp_path, text, select=["DUP002"])


def test_a_small_snippet_shown_per_config_file_is_one_piece(tmp_path: Path) -> None:
    """A one-line setting shown in two tabs (one per config file) and again in
    another section: the tab set is one short piece, not two units of a copy."""
    snippet = ('=== "app.toml"\n\n    ```toml\n    [tool.quill]\n    more-types = ["*.rst"]\n'
               '    ```\n\n=== "quill.toml"\n\n    ```toml\n    more-types = ["*.rst"]\n'
               "    ```\n\n")
    text = (f"# Setup\n\n## Extra types\n\nRead more kinds of files:\n\n{snippet}"
            f"## reStructuredText\n\nAdd the pattern:\n\n{snippet}Then run it.\n")
    assert not lint_text(tmp_path, text, select=["DUP002"])


def test_entries_whose_code_tells_them_apart_are_entries(tmp_path: Path) -> None:
    text = ("# Operators\n\n- **Keep marker** is written with `+` (e.g. `+colour`, not shown "
            "in the sample above).\n- **Drop marker** is written with `-` (e.g. `-colour`, not "
            "shown in the sample above).\n")
    assert not lint_text(tmp_path, text, select=["DUP002"])


def test_a_figure_shown_again_further_on_is_not_a_copy(tmp_path: Path) -> None:
    """A diagram shown in the method and again in the worked example is shown on
    purpose; the same figure twice in a row is a paste."""
    figure = "![Peak, trough and the projected line on one seasonal cycle](img/cycle.png)"
    page = (f"# Seasons\n\n## Method\n\nThe figure names the readings:\n\n{figure}\n\n"
            "Measure from the trough to the peak.\n\n## Worked example\n\n"
            f"Open the first sheet and fit the falling branch.\n\n{figure}\n\n"
            "Read the three values off the axis.\n")
    assert not lint_text(tmp_path, page, select=["DUP002"])
    pasted = page.replace(f"{figure}\n\nMeasure", f"{figure}\n\n{figure}\n\nMeasure")
    assert codes_and_lines(lint_text(tmp_path, pasted, select=["DUP002"])) == {("DUP002", 9)}


def test_a_running_example_that_grows_in_each_section_is_not_a_copy(tmp_path: Path) -> None:
    """A worked example restated three times, with one more line kept each time,
    is on purpose; restated once in its own section it is still a copy."""
    title = "**Example: the garden pump P-40, model line QX-4000**"
    flow = "It moves forty litres of water through the outlet every minute of use."
    lift = "It lifts the water twelve metres above the level of the inlet pipe."
    power = "It draws three hundred and fifty watts from the mains under full load."
    page = (f"# Pumps\n\n## Flow\n\nFlow is measured per minute.\n\n{title}\n\n{flow}\n\n"
            f"## Lift\n\nLift is a height.\n\n{title}\n\n{flow}\n\n{lift}\n\n"
            f"## Power\n\nPower comes from the mains.\n\n{title}\n\n{flow}\n\n{lift}\n\n"
            f"{power}\n")
    assert not lint_text(tmp_path, page, select=["DUP002"])
    twice = page.split("## Power")[0].replace("## Lift\n\n", "")
    assert codes_and_lines(lint_text(tmp_path, twice, select=["DUP002"])) == {("DUP002", 13)}


def test_a_link_address_that_names_the_other_section_is_no_missed_substitution(
        tmp_path: Path) -> None:
    """The same steps under two templated headings, with one shared link whose
    address happens to name the first room: the address is not read, so the copy
    says nothing of the other section's subject."""
    steps = ("- Add the {room} calendar to your own calendars before the week starts.\n"
             "- Book a slot by inviting the room as a guest to your event.\n"
             "- Check that the room accepted the invite well before the day.\n\n"
             "  > Ask for the [door codes](https://desk.example.org/card/7-door-codes-cedar)"
             " in the office channel.\n")
    page = (f"# Rooms\n\n## Cedar\n\n{steps.format(room='Cedar')}\n"
            f"## Birch\n\n{steps.format(room='Birch')}")
    assert not lint_text(tmp_path, page, select=["DUP002"])


def test_a_command_in_a_code_span_and_its_variant_are_code(tmp_path: Path) -> None:
    """A paragraph that is one code span is a command: another with more options
    is its variant, not a truncated copy."""
    command = "`/opt/tools/bin/ship_parcel_through_the_front_desk.sh -l <location>`"
    page = (f"# Parcels\n\nShip one and keep no receipt:\n\n{command}\n\n"
            "Ship one and print a tracking code anyone can open:\n\n"
            f"{command[:-1]} --public-link -d <days>`\n")
    assert not lint_text(tmp_path, page, select=["DUP002"])


def test_the_same_sentence_around_other_code_is_a_parallel_entry(tmp_path: Path) -> None:
    """Two groups of queries: the same words around each, the code in them not
    the same. A paragraph pasted with its code unchanged is still a copy."""
    def group(metric: str) -> str:
        return "".join(f"For the {scope} of one account (scope={scope}, limit={limit}s) "
                       f"the query reads `sum(rate({metric}{{scope=\"{scope}\"}}[5m]))` "
                       "over the last ten minutes of traffic.\n\n"
                       for scope, limit in (("queue", 2), ("tenant", 8)))
    page = f"# Queries\n\n## Broker\n\n{group('broker_wait')}## Client\n\n{group('client_wait')}"
    assert not lint_text(tmp_path, page, select=["DUP002"])
    pasted = page.replace(group("client_wait"), group("broker_wait"))
    assert codes_and_lines(lint_text(tmp_path, pasted, select=["DUP002"])) == {("DUP002", 11)}


def test_equal_cells_of_one_html_table_are_the_table_working(tmp_path: Path) -> None:
    """Rows of a raw HTML table with Markdown cells: two plans renewed on the same
    terms hold the same cells. The same paragraphs pasted twice outside it are a copy."""
    terms = ("Granted twice a year, in spring and in autumn, after the review "
             "board has read every proposal that arrived in time.\n\n"
             "Up to twelve months, renewed while the group stays eligible for "
             "the plan and reports on its use of the hours.\n\n")
    rows = "".join(f"<tr>\n<td>\n\n{plan}\n\n</td>\n<td>\n\n{terms}</td>\n</tr>\n"
                   for plan in ("Research", "Student"))
    page = f"# Plans\n\n<table>\n{rows}</table>\n"
    assert not lint_text(tmp_path, page, select=["DUP002"])
    pasted = f"# Plans\n\n## Terms\n\n{terms}{terms}"
    assert codes_and_lines(lint_text(tmp_path, pasted, select=["DUP002"])) == {("DUP002", 9)}


def test_the_same_figures_under_other_entries_of_one_list_are_no_copy(tmp_path: Path) -> None:
    """Two entries of a list, each with the same three costs under it: the slots of
    one template. The same costs pasted twice under one entry are a copy."""
    costs = ("  - **Fastest lookup**: constant time for every key.\n"
             "  - **Typical lookup**: logarithmic in the number of keys.\n"
             "  - **Slowest lookup**: logarithmic in the number of keys.\n")
    page = (f"# Lookups\n\n## Costs\n\n- **Sorted array**:\n{costs}- **Linked chain**:\n"
            "  - **Fastest lookup**: constant time.\n  - **Typical lookup**: linear.\n"
            f"- **Search tree**:\n{costs}")
    assert not lint_text(tmp_path, page, select=["DUP002"])
    pasted = page.replace(f"- **Sorted array**:\n{costs}", f"- **Sorted array**:\n{costs}{costs}")
    assert codes_and_lines(lint_text(tmp_path, pasted, select=["DUP002"])) == {("DUP002", 9)}


def test_the_choices_a_quiz_offers_again_for_each_question_are_no_copy(tmp_path: Path) -> None:
    """Three questions, each followed by the same five choices; the same choices
    after one question twice over are a paste."""
    choices = ("A. the first frame loaded\nB. the frame used least recently\n"
               "C. the frame with the clear bit\nD. none of the loaded frames\n"
               "E. it depends on the reference bits of the frames\n")
    page = (f"# Quiz\n\n1. Which frame goes first under FIFO?\n\n{choices}\n"
            f"2. Which frame goes first under LRU?\n\n{choices}\n"
            f"3. Which frame goes first under the clock algorithm?\n\n{choices}")
    assert not lint_text(tmp_path, page, select=["DUP002"])
    twice = f"# Quiz\n\n1. Which frame goes first under FIFO?\n\n{choices}\n{choices}"
    assert codes_and_lines(lint_text(tmp_path, twice, select=["DUP002"])) == {("DUP002", 11)}


def test_notes_on_either_side_of_an_included_file_are_in_its_sections(tmp_path: Path) -> None:
    """include-markdown brings each place's heading with its file: the two notes,
    alike but edited, sit under headings this page does not show."""
    note = ("!!! note \"{place} limits and cleaning rota\"\n    Read the rota board for the "
            "number of shelves per member,\n    the weekly cleaning turns and the rules on "
            "sharp tools.\n    The {place} is swept every Friday, by the rota on the door.\n")
    page = ("# Storage\n\n## Overview\n\nTwo places hold our things.\n\n"
            "{%\n   include-markdown \"_shed.md\"\n%}\n\n" + note.format(place="shed") +
            "\n{%\n   include-markdown \"_cellar.md\"\n%}\n\n" + note.format(place="cellar"))
    assert not lint_text(tmp_path, page, select=["DUP002"])
    without = page.replace("{%\n   include-markdown \"_cellar.md\"\n%}\n\n", "")
    assert codes_and_lines(lint_text(tmp_path, without, select=["DUP002"])) == {("DUP002", 16)}


def test_two_equal_entries_of_a_catalogue_of_tables_are_data(tmp_path: Path) -> None:
    """Sibling sections each holding one entry's table, laid out alike: two entries
    with the same values are the data, where a third entry differs. Without that
    third entry, the second table is a paste like any other."""
    table = ("**Coins:** {coins}\n\n| Reward | Odds | Night only |\n| :--- | :--- | :--- |\n"
             "| Small gem | {odds}% | no |\n| Large gem | 4% | no |\n| Silver token | 2% | yes |\n")
    entries = [("Marsh toad", "10-40", 10), ("Cliff lizard", "10-40", 10),
               ("Sky serpent", "200-900", 30)]
    page = "# Critters\n\nWhat each one leaves behind.\n\n" + "\n".join(
        f"## {name}\n\n{table.format(coins=coins, odds=odds)}" for name, coins, odds in entries)
    assert not lint_text(tmp_path, page, select=["DUP002"])
    two = page[:page.index("## Sky serpent")]
    assert codes_and_lines(lint_text(tmp_path, two, select=["DUP002"])) == {("DUP002", 17)}


def test_neighbouring_reference_entries_with_the_same_text_are_entries(tmp_path: Path) -> None:
    """Two endpoints that page alike, one after the other, share their text; a copy
    that names the other entry's subject, or two steps with one text, are pastes."""
    body = ("Query parameters:\n\n- `cursor`: an opaque cursor that fetches the following "
            "page of results; each response hands back a fresh one.\n")
    page = (f"# Garden API\n\n## GET /gardens/beds\n\n{body}\n## GET /gardens/sheds\n\n{body}\n"
            "## GET /gardens/plants\n\nEvery plant.\n")
    assert not lint_text(tmp_path, page, select=["DUP001", "DUP002"])
    named = body.replace("results;", "beds;")
    slip = page.replace(body, named)
    assert codes_and_lines(lint_text(tmp_path, slip, select=["DUP001", "DUP002"]))
    steps = page.replace("GET /gardens/beds", "Step 1").replace("GET /gardens/sheds", "Step 2")
    assert codes_and_lines(lint_text(tmp_path, steps, select=["DUP001", "DUP002"]))


def test_variants_under_labels_of_their_own_may_share_a_listing(tmp_path: Path) -> None:
    """`**Standalone:**` and `**Bridged:**`, each over the command that sends the
    test message and the table it lands in: two variants send it alike. The same
    label and listing again are a paste."""
    command = ('```bash\necho \'{"id": 7001, "kind": "resize", "owner": "demo"}\' | '
               "docker exec -i broker kafka-console-producer --topic jobs\n```\n")
    page = ("# Queue\n\n## Push a test message\n\nSend one message through each mode.\n\n"
            f"**Standalone broker:**\n\n{command}\n```text\nSELECT * FROM jobs;\n```\n\n"
            f"**Bridged mode:**\n\n{command}\n```text\nSELECT * FROM bridged_jobs;\n```\n")
    assert not lint_text(tmp_path, page, select=["DUP002"])
    pasted = page.replace("**Bridged mode:**", "**Standalone broker:**")
    assert codes_and_lines(lint_text(tmp_path / "pasted", pasted, select=["DUP002"]))


def test_endpoint_entries_share_their_responses(tmp_path: Path) -> None:
    """`PATCH /mine` and `PATCH /{widget_id}` are entries of one API reference,
    however little their paths share: the same error boxes under each are the API."""
    def box(kind: str, title: str, body: str) -> str:
        return f'!!! {kind} "`{title}`"\n    {body}\n\n'

    colour = ('The colour is not in the [palette](#router).\n\n    ```json\n    {"detail": '
              '{"code": "WIDGET_COLOUR_UNKNOWN", "reason": "Colour must be a palette name"}}'
              '\n    ```')
    label = 'Another widget has this label.\n    ```json\n    {"detail": "LABEL_TAKEN"}\n    ```'
    errors = box("fail", "400 Bad Request", colour) + box("fail", "400 Bad Request", label)
    page = ("# Widgets\n\n## Router\n\n### `PATCH /mine`\n\nChange your widget.\n\n"
            + box("fail", "401 Unauthorized", "No token or the token expired.") + errors
            + "### `GET /{widget_id}`\n\nRead one widget.\n\n"
            "### `PATCH /{widget_id}`\n\nChange any widget; admins only.\n\n"
            + box("fail", "401 Unauthorized", "No token or the token expired.")
            + box("fail", "403 Forbidden", "The caller is not an admin.") + errors)
    assert not lint_text(tmp_path, page, select=["DUP001", "DUP002"])


def test_the_same_slot_at_two_depths_of_parallel_steps_is_no_copy(tmp_path: Path) -> None:
    """A step's `Response` (H3) and a sub-step's (H4) answer alike, their
    `Request` sections differ: slots of one walkthrough, not a pasted section."""
    response = ("The service answers with the stored account:\n\n```json\n"
                '{"account": "acc-7", "plan": "free", "verified": false}\n```\n')
    page = ("# Walkthrough\n\n## 1. Create an account\n\n### Request\n\n"
            "Send the sign-up form with curl.\n\n### Response\n\n" + response +
            "\n## 2. Admin tools\n\n### 2.1. Read another account\n\n#### Request\n\n"
            "Call the accounts endpoint with the id in the path.\n\n#### Response\n\n"
            + response)
    assert not lint_text(tmp_path, page, select=["DUP001", "DUP002"])


def test_a_series_navigation_list_at_the_top_and_the_bottom_is_no_copy(tmp_path: Path) -> None:
    """A list whose every entry points to another page of a series, shown at the
    start and again at the end of a part; a list of anchors into the page is not."""
    series = ("- [Part two](part-two.md): pick leaves and water for a stronger cup.\n"
              "- [Part three](part-three.md): compare steeping times across kettles.\n")
    page = (f"# Part one\n\nThe other pages of the series:\n\n{series}\nLet us begin.\n\n"
            "## Boil\n\nHeat fresh water until it boils.\n\n## Next\n\n"
            f"Continue with the series:\n\n{series}")
    assert not lint_text(tmp_path, page, select=["DUP002"])


def test_parallel_sections_pointing_to_the_pages_that_serve_them_are_no_copy(
        tmp_path: Path) -> None:
    """Sections of one template each list, under `Tasks:`, the pages that serve
    them; a later list may hold only the first entries of an earlier one
    (audit 79)."""
    page = ("# Principles\n\n### Know the soil\n\nTest the ground before planting anything.\n\n"
            "Outcomes:\n\n* Plants that suit the ground\n* Less fertiliser wasted\n\n"
            "Tasks:\n\n- [Plan the beds](tasks/plan.md)\n- [Set a budget](tasks/budget.md)\n"
            "- [Review the season](tasks/review.md)\n\n### Water wisely\n\n"
            "Give every bed what it needs and no more.\n\nOutcomes:\n\n* Healthier roots\n\n"
            "Tasks:\n\n- [Plan the beds](tasks/plan.md)\n- [Set a budget](tasks/budget.md)\n\n"
            "### Clear old growth\n\nTake out spent plants when the year ends.\n\n"
            "Outcomes:\n\n* Fewer pests in winter\n\nTasks:\n\n- [Sort the shed](tasks/shed.md)\n"
            "- [Retire old tools](tasks/retire.md)\n")
    assert not lint_text(tmp_path, page, select=["DUP002"])


def test_the_style_a_notebook_writes_before_each_table_is_no_content(tmp_path: Path) -> None:
    """nbconvert writes the same `<style scoped>` before every DataFrame it shows."""
    style = ("<div>\n<style scoped>\n    .dataframe tbody tr th:only-of-type {\n"
             "        vertical-align: middle;\n    }\n\n    .dataframe tbody tr th {\n"
             "        vertical-align: top;\n    }\n\n    .dataframe thead th {\n"
             "        text-align: right;\n    }\n</style>\n")
    table = ('<table class="dataframe">\n  <tr><th>runner</th><td>{runner}</td></tr>\n'
             "</table>\n</div>\n")
    page = (f"# Scores\n\n```python\nscores.head()\n```\n\nOutput:\n\n{style}"
            f"{table.format(runner='ana')}\nThe averages.\n\n```python\nscores.mean()\n```\n\n"
            f"Output:\n\n{style}{table.format(runner='bo')}")
    assert not lint_text(tmp_path, page, select=["DUP002"])


def test_an_instruction_picked_up_again_after_a_listing_is_no_partial_copy(
        tmp_path: Path) -> None:
    """`Then fill the tank ...` after the listing an aside brought in restates the
    end of the first sentence; the same shorter sentence with nothing between is
    a partial copy."""
    first = ("Getting the kettle going is easy, we only have to fill the tank with cold "
             "water and press the red switch on the base.\n\n")
    again = "Then fill the tank with cold water and press the red switch on the base.\n"
    page = (f"# Kettle\n\n{first}Before that, make sure the plug is connected:\n\n"
            f"```shell\nplug --connect kettle\n```\n\n{again}\nThe light turns orange.\n")
    assert not lint_text(tmp_path, page, select=["DUP002"])
    plain = f"# Kettle\n\n{first}Before that, check the plug.\n\n{again}"
    assert codes_and_lines(lint_text(tmp_path / "plain", plain, select=["DUP002"]))


def test_a_repeat_that_says_it_is_one_is_no_paste(tmp_path: Path) -> None:
    """`Again, ...` or `As mentioned above, ...` opening the second note says the
    author repeats it on purpose; the same note without the word is a copy."""
    note = ("it is the author's job to aim each script at the right machines. Only the "
            "machines named under `Hosts` should be aimed at instead of `everything`.")
    page = (f"# Inventory\n\n!!! note\n\n    It is the author's job. {note}\n\n"
            "You can also pass a separate machine file with the `machines` key.\n\n"
            f"!!! note\n\n    Again, {note}\n")
    assert not lint_text(tmp_path, page, select=["DUP002"])
    plain = page.replace("Again, it", "It")
    assert codes_and_lines(lint_text(tmp_path / "plain", plain, select=["DUP002"]))


def test_a_listing_announced_as_the_same_as_another_is_no_paste(tmp_path: Path) -> None:
    """`Create run.yml with the same widget application as the main job:` says the
    listing after it repeats one on purpose; announced otherwise, it is a copy."""
    listing = ("```yaml\n---\n- name: Run the widget under test on the lab group\n"
               "  hosts: lab\n  gather_facts: false\n  tasks:\n"
               "    - name: Apply the widget under test\n      vendor.builtin.include_widget:\n"
               "        name: my_widget\n```\n")
    page = (f"# Jobs\n\n`main/run.yml` applies the widget:\n\n{listing}\n"
            "Create `second/run.yml` with the same widget application as "
            f"the main job:\n\n{listing}")
    assert not lint_text(tmp_path, page, select=["DUP002"])
    assert not lint_text(tmp_path / "very", page.replace(
        "with the same widget application as", "with the very same widget application as"),
        select=["DUP002"])
    plain = page.replace("with the same widget application as the main job", "like this")
    assert codes_and_lines(lint_text(tmp_path / "plain", plain, select=["DUP002"]))


def test_a_sub_step_two_variant_procedures_share_is_no_copy(tmp_path: Path) -> None:
    """Two procedures under their own labels (`**On Linux:**`, `**On macOS:**`) open
    with the same step, differ after it, and share a sub-step under a middle one
    (audit 83): the variants side by side, not a paste."""
    note = ("    * Keeping the old folder is allowed, but it wastes disk space on every update "
            "and may mix stale pictures into new scenes, so we suggest removing it first\n")
    page = ("# Install\n\n**On Linux:**\n\n1. Open the folder that holds the game files\n"
            "2. Unpack the archive next to the launcher binary\n"
            f"3. Remove the folder named cache from the data directory\n{note}"
            "4. Start the launcher from a terminal\n\n**On macOS:**\n\n"
            "1. Open the folder that holds the game files\n"
            "2. Unpack the archive inside the application bundle resources\n"
            f"3. Remove the folder named cache from the bundle data\n{note}"
            "4. Clear the quarantine flag, then start the application\n")
    assert not lint_text(tmp_path, page, select=["DUP002"])


def test_quotes_named_by_their_own_headings_are_entries_not_copies(tmp_path: Path) -> None:
    """A reference whose every parameter is a quote opening with its name as a
    heading (`> ##### Crop left`): parallel entries worded alike (audit 84)."""
    entry = ("> #### {name}\n> {side} margin of the picture that the renderer leaves out "
             "of the frame.\n\n")
    page = "# Crop settings\n\n## Margins\n\n" + "".join(
        entry.format(name=f"Crop {side.lower()}", side=side)
        for side in ("Left", "Right", "Top", "Bottom"))
    assert not lint_text(tmp_path, page, select=["DUP002"])


def test_listings_that_differ_only_in_indentation_are_variants(tmp_path: Path) -> None:
    """The wrong layout, then the right one: code means every character, spaces
    at the start of a line included (audit 109); the same listing again is a copy."""
    lids = "\n    *** Lids ***\n    Small Lid\n        Turn    once    twice\n      ...    thrice\n"
    wrong = ("    *** Pots ***\n        Big Pot    first herb    second herb    third herb\n"
             "    ...    fourth herb    fifth herb    sixth herb\n" + lids)
    right = ("    *** Pots ***\n    Big Pot    first herb    second herb    third herb\n"
             "    ...    fourth herb    fifth herb    sixth herb\n" + lids)
    page = (f"# Layout\n\n## Align\n\nWrong layout:\n\n{wrong}\nRight layout:\n\n{right}\n"
            "Keep it.\n")
    assert not lint_text(tmp_path, page, select=["DUP002"])
    page = f"# Layout\n\n## Align\n\nWrong layout:\n\n{wrong}\nAgain:\n\n{wrong}\nKeep it.\n"
    assert _dups(tmp_path, page) == {("DUP002", 18)}


def test_boilerplate_under_catalogue_entries_of_other_groups_is_the_template(
        tmp_path: Path) -> None:
    """A generated catalogue of rules (`### GL01: glaze-too-thin` under `## Glaze`,
    `### SH02: unused-shelf` under `## Shelves`): the same note in entries of
    different groups is the template's, not a paste (audit 109)."""
    import random

    pick = random.Random(7)
    words = ("kiln glaze slip rim pug wheel clay frit ash cone shelf tin flux oxide"
             " bisque grog cobalt copper iron trim foot wedge rutile silica ware")
    vocabulary = words.split()
    note = ("> **Studio check**\n>\n> This check reads the whole studio. Selecting it "
            "makes ``kiln check`` scan every shelf.\n\n")
    page = "# Checks\n\nEvery check, by group.\n\n"
    for group, entries in (("Glaze", ["GL01: glaze-too-thin", "GL02: glaze-runs"]),
                           ("Shelves", ["SH01: shelf-overload", "SH02: unused-shelf"]),
                           ("Firing", ["FI01: cone-skipped", "FI02: orphan-schedule"])):
        page += f"## {group}\n\n"
        for entry in entries:
            name = entry.split(": ")[1]
            page += (f"### {entry}\n\n> Off by default: ``--select {name}``.\n\n"
                     + (note if entry.endswith("1: " + name) else "")
                     + "**Documentation**:\n\n")
            for _ in range(4):
                page += " ".join(pick.choice(vocabulary) for _ in range(20)).capitalize() + ".\n\n"
            page += f"    kiln check --select {name}\n\n---\n\n"
    assert not lint_text(tmp_path, page, select=["DUP002"])


def test_boxes_titled_with_parameter_names_are_entries(tmp_path: Path) -> None:
    """`??? example "ignore_docs"` then `??? example "ignore_templated"`, bodies
    that differ in the name and a few words: a parameter's entry each (audit
    109). The same box twice in a section is still a copy."""
    box = ('??? example "{name}"\n\n    {what}\n\n    **Default value:** False\n\n'
           '    **Type:** bool\n\n    === "cli"\n\n        ``` bash\n'
           "        pottery check --configure long-case.{name}=False\n        ```\n\n"
           '    === "toml"\n\n        ``` toml\n        [tool.pottery.lint]\n'
           '        configure = [\n            "long-case.{name}=False"\n        ]\n'
           "        ```\n\n")
    first = box.format(name="ignore_docs", what="Ignore documentation")
    second = box.format(name="ignore_templated", what="Ignore templated tests")
    config = ("site_name: b\nmarkdown_extensions:\n  - admonition\n  - pymdownx.details\n"
              "  - pymdownx.superfences\n  - pymdownx.tabbed\n")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "index.md"
    page.write_text(f"# Long case\n\n## Parameters\n\n{first}{second}", encoding="utf-8")
    assert not lint_paths([page], select=["DUP002"])
    page.write_text(f"# Long case\n\n## Parameters\n\n{first}{first}", encoding="utf-8")
    assert codes_and_lines(lint_paths([page], select=["DUP002"])) == {
        ("DUP002", 5 + first.count("\n"))}


def test_a_conclusion_that_restates_the_lead_is_a_bookend(tmp_path: Path) -> None:
    """The lead's last sentence again under `## Conclusion`, the page's last
    section: said twice on purpose (audit 109). Pasted into a middle section it
    is a copy."""
    lead = ("Whether you fire one pot or a whole batch of them, the shelf gives you "
            "one dependable place to keep the settings of every firing.")
    body = "".join(f"## Part {number}\n\nText about part {number} of the shelf.\n\n"
                   for number in range(1, 4))
    page = f"# Shelf\n\nThe shelf holds settings.\n\n{lead}\n\n{body}## Conclusion\n\n{lead}\n"
    assert not lint_text(tmp_path, page, select=["DUP002"])
    middle = body.replace("Text about part 2 of the shelf.", lead)
    page = f"# Shelf\n\nThe shelf holds settings.\n\n{lead}\n\n{middle}## Conclusion\n\nDone.\n"
    assert _dups(tmp_path, page) == {("DUP002", page.split("\n").index(lead, 6) + 1)}


def test_a_listing_shown_again_under_a_link_back_to_it_is_on_purpose(tmp_path: Path) -> None:
    """`Let's go back to [the example](#missing-water)` over the same listing: the
    text says it is shown again (audit 112). Without the link it is a copy."""
    listing = ("```\n+ fill(kettle, litres=1)\n  mug = find_cup(shelf='top')\n"
               "  tea = find_tea(box='green')\n  heat(kettle, to=100)\n"
               "  steep(tea, minutes=3)\n  pour(kettle, mug)\n  serve(mug, guest='Ada')\n```\n")
    def page(lead: str) -> str:
        return (f"# Fixes\n\n## Mistakes\n\n### Missing water\n\nThe planner forgot the water.\n\n"
                f"{listing}\n### Wrong cup\n\nThe planner used a cup that is not there.\n\n"
                f"## Recovery\n\n### Adding a step\n\n{lead} The checker adds a step "
                f"because adding costs less than deleting.\n\n{listing}")
    assert not lint_text(tmp_path, page("Let's go back to [the example](#missing-water)."),
                         select=["DUP002"])
    assert _dups(tmp_path, page("Here is the plan.")) != set()


def test_a_figures_alt_text_saying_its_caption_is_no_copy(tmp_path: Path) -> None:
    """An italic caption, then the image whose alt text says the same words (in
    an attribute list's figure too): alt text no reader sees (audit 113)."""
    caption = "Scatter plot, bar chart and time order chart of the crust colour scores"
    page = (f"# Oven trials\n\n*{caption}*\n\nThe charts below show how the crust darkens "
            f"as the oven gets hotter.\n\n![{caption}](img/scatter.png){{ loading=lazy }}\n\n"
            "Darker crusts appear above two hundred degrees.\n")
    assert not lint_text(tmp_path, page, select=["DUP002"])


PSEUDO_HEADINGS = """\
# Two glazes

**Firing the celadon glaze**

We fired twelve tiles of the celadon glaze and looked at them after cooling.

*What the celadon tiles showed*

- The celadon glaze pooled a little in the deepest parts of the carved lines.
- No tile crawled or pinholed, even where the glaze was applied thickly at the rim.
- The kiln's top shelf ran a little hotter than the bottom one during the firing.
- The colour came out a paler green than the test tiles fired last spring.

**Firing the tenmoku glaze**

We fired twelve tiles of the tenmoku glaze the same way and looked at them too.

*What the tenmoku tiles showed*

- The tenmoku glaze broke to a rust colour on every edge and rim of the tiles.
- No tile crawled or pinholed, even where the glaze was applied thickly at the rim.
- The kiln's top shelf ran a little hotter than the bottom one during the firing.
- The black came out glossier on the tiles that cooled slowly in the closed kiln.
"""


def test_what_two_parts_under_bold_lines_share_is_said_in_both(tmp_path: Path) -> None:
    """A page that marks its parts with lines of emphasis instead of headings:
    the findings two parts share stated in both lists, as under sibling
    headings (audit 113)."""
    assert not _dups(tmp_path, PSEUDO_HEADINGS)


def test_a_whole_list_again_under_another_bold_line_is_a_copy(tmp_path: Path) -> None:
    """Both lists the same from first item to last: not edited for its part."""
    first = PSEUDO_HEADINGS.split("*What the celadon tiles showed*\n\n")[1].split("\n\n")[0]
    page = PSEUDO_HEADINGS.replace(
        PSEUDO_HEADINGS.split("*What the tenmoku tiles showed*\n\n")[1].rstrip("\n"), first)
    line = _line_of(page, "The celadon glaze pooled", 2)
    assert ("DUP002", line) in _dups(tmp_path, page)


def test_a_bookend_before_further_reading_is_still_a_bookend(tmp_path: Path) -> None:
    """The conclusion that restates the lead, then a section of links to read
    on: back matter, no prose; the conclusion still closes the page. A section
    of prose after it makes it a middle section again."""
    lead = ("Whether you fire one pot or a whole batch of them, the shelf gives you "
            "one dependable place to keep the settings of every firing.")
    body = "".join(f"## Part {number}\n\nText about part {number} of the shelf.\n\n"
                   for number in range(1, 4))
    reading = ("## Further reading\n\nSee also:\n\n- [Kiln logs](https://example.org/logs)\n"
               "- [Glaze notes](https://example.org/glazes)\n")
    page = f"# Shelf\n\nThe shelf holds settings.\n\n{lead}\n\n{body}## Conclusion\n\n{lead}\n\n"
    assert not lint_text(tmp_path, page + reading, select=["DUP002"])
    prose = "## Credits\n\nThe shelf was designed by the studio's potters over two winters.\n"
    assert _dups(tmp_path, page + prose) == {("DUP002", page.split("\n").index(lead, 6) + 1)}


CATALOGUE = """\
# Services

The studio runs several groups of services.

## Reservations

- [Wheel booking](#wheels) (`/book/wheel`)
- [Kiln booking](#kilns) (`/book/kiln`)
- [Glaze lab booking](#glazes) (`/book/glaze-lab`)
    - Only for members who finished the glaze safety course.
- [Raku firing booking](#raku) (`/book/raku`)
    - Only for members who finished the glaze safety course.

## Retired

- Pugmill rental (`/rent/pugmill`)

## Kiln room

For more about firing, see [the kilns](#kilns).


- [Glaze lab booking](#glazes) (`/book/glaze-lab`)
    - Only for members who finished the glaze safety course.
- [Raku firing booking](#raku) (`/book/raku`)
    - Only for members who finished the glaze safety course.
- [Kiln log](#kilns) (`/log/kiln`)

## Wheels

Text.

## Kilns

Text.

## Glazes

Text.

## Raku

Text.
"""


def test_entries_listed_in_both_of_their_groups_are_no_copy(tmp_path: Path) -> None:
    """One group's last entries open another group's list, which goes on with
    entries of its own (audit 115: an endpoint in both of its API families),
    sub-items included."""
    assert not _dups(tmp_path, CATALOGUE)


LIMITS = """\
# Kiln controllers

## Emberline

* runs the firing schedule stored on its own card
* fits in the smallest control box the studio sells
* keeps the last firing's log until the next one starts

Limits:

* only one schedule can be stored at a time, of any length
* a schedule can be changed only while the kiln is cold
* alarms, remote starts and schedule sharing are not supported

## Cinderbox

* loads the program named START
* works with 128 and 256 segment ramps
* can overwrite existing programs

Limits:

* only one schedule can be stored at a time, of any length
* alarms, remote starts and schedule sharing are not supported
"""


def test_a_labelled_list_edited_for_its_section_is_no_copy(tmp_path: Path) -> None:
    """Two products' `Limits:` lists, the second sharing two of the first's three
    items (audit 116): each section's list, edited for it. The whole list again
    is a copy."""
    assert not _dups(tmp_path, LIMITS)
    again = LIMITS.replace("Limits:\n\n* only one schedule can be stored at a time, of any length\n"
                           "* alarms", "Limits:\n\n* only one schedule can be stored at a time, "
                           "of any length\n* a schedule can be changed only while the kiln is "
                           "cold\n* alarms")
    assert _dups(tmp_path, again) == {("DUP002", _line_of(again, "Limits:", 2))}


def test_a_copy_that_leaves_out_an_item_is_not_called_identical(tmp_path: Path) -> None:
    """The related list pasted at the end of the next section's list, less the
    item added to the original later: a copy, but not an identical one."""
    related = ["- **Before**: [Wedging clay](wedging.md) - Air out before throwing",
               "- **After**: [Trimming](trimming.md) - Feet and rims once leather hard",
               "- **After**: [Bisque firing](bisque.md) - The first firing, slow",
               "- **Alternative**: Hand building for shapes the wheel cannot make"]
    page = ("# Centering\n\nText about centering clay on the wheel head.\n\n## Related\n\n"
            + "\n".join([*related[:2], "- **After**: [Pulling walls](walls.md) - Thin and even",
                         *related[2:]])
            + "\n\n## Further reading\n\n- [Clay bodies](https://example.org/clay)\n\n"
            + "\n".join(related) + "\n")
    reports = lint_text(tmp_path, page, select=["DUP002"])
    assert [report.span.line for report in reports] == [_line_of(page, related[0], 2)]
    assert "identical but for 1 block the copy leaves out" in reports[0].message
