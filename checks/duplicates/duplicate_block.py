"""A block repeats earlier content: a list or part of one (a table of contents
pasted twice), a paragraph, a table, an admonition or a diagram.

Why: repeated blocks are paste accidents; they lengthen the page and drift
apart when one copy is edited. Exact copies and near copies (small edits,
reflowed whitespace, a changed emoji) are found, but code only as an exact
copy (a listing with one token changed, or a line indented otherwise, is a
variant); the message says how similar
the two are. Reported once, at the first line of the later copy (or of the
shortened copy, when one is a truncated version of the other).

Only a pasted copy is reported, not a pattern. Repetition a page makes on
purpose is left alone: content tabs of one tab set, a tab set copied in part
(a step written again for its place, one tab edited), branches of one
template conditional (`{% if %}`/`{% else %}`: alternatives), pointers (a
paragraph that is one link, "see unit 2" under each group), footnote
definitions (two notes that cite one source), steps given again for a reader
who skipped them ("create a folder (if you have not already)"), a listing
and its rendered result (in the box beside it too), a listing's output (a
plain fence right under it: two ways to one result show it twice), listings
that differ in their info string (a title, line numbers), listings markdown-exec runs in
a session (run again, they show another result), code annotations, include
directives, math (display math, a paragraph or item that is one formula: a
derivation restates its formulas), figures of other images, a figure whose
alt text says its caption, a figure shown again further on (not right after
itself), entries that open
with names of their own and go on differently (settings documented one after
another: `tile_url`, `tile_backup_url`, boxes titled with them too), the
same sub-list under different
entries of one list (each entry's own costs), the choices a quiz offers again
after each question, Marp slide decks
(`marp: true`: recaps and continued slides), lorem ipsum, the slots of a form
(blanks to fill in, offered again), a conclusion that restates the lead (a
paragraph or two from before the first section, again in the last), a block
shown again under a line that links back to the original's section ("back to
[the example](#missing-water)"), and two lists that start
with the same step and each have steps of their own (a procedure and its
variant: the shared first and last steps are the comparison's point). A copy next
to its original or in the same section is reported (unless a file included
between them may bring a heading of its own); elsewhere only a verbatim
copy is (an edited one was fitted to its place, a list with other items
stressed included), and not when the two sit in
slots of a parallel structure: entries under templated headings (or
headings that are names in code, `` `always` ``, `` `guest` ``, or a
catalogue's code and name, `GL01: glaze-too-thin`), sibling
sections that share sub-headings or other edited repeats (the repeat's own
sub-heading too, where the two are written each for its place), sibling sections
that open alike (the copy in the same slot after edited versions of the same
blocks, though one of them has an aside of a block or two more), the same
sentence in three or more sibling sections, one admonition that closes two
sibling sections (a tip each recipe ends with), lists that share some steps
(and the line that introduces them, `This code:`), parts of a
section that thematic breaks (`---`) divide and that are laid out alike (two
editors' steps ending in the same sentences). There a
verbatim copy is reported only when it still names the original's subject
(a missed substitution) that its own section does not use
elsewhere, and not when its list goes on where the original's ended (a level
that keeps everything of the one before and adds to it). A running example
restated three times or more, each time keeping more of the time before (a
line added in each section), is left alone wherever it stands.

`--fix --unsafe-fixes` removes an exact copy; deleting text is never a safe fix.
Set `threshold`, `min_words`, `min_single_words` and `min_adjacent_words` (a
copy right after its original) under `[tool.curriculint.rules.DUP002]`.

Bad:
```markdown
- Process a million click events per second
- Report metrics with under one second of latency
- Filter fraudulent clicks before they are billed

Requirements recap:

- Process a million click events per second
- Report metrics with under one second of latency
- Filter fraudulent clicks before they are billed
```

Good:
```markdown
- Process a million click events per second
- Report metrics with under one second of latency
- Filter fraudulent clicks before they are billed

Requirements recap: throughput, latency and fraud filtering, in that order.
```
"""

from collections.abc import Iterator

from curriculint.checks.duplicates.repeat_messages import (
    describe,
    first_line_span,
    how_similar,
    line_range,
    removal_fix,
)
from curriculint.checks.duplicates.repeats import RepeatOptions, find_repeats
from curriculint.load.document import Document, Finding, Severity

CODE = "DUP002"
NAME = "duplicate-block"
SEVERITY = Severity.ERROR


class Options(RepeatOptions):
    """threshold, min_words, min_single_words, containment, min_contained_words,
    min_adjacent_words."""


def check(doc: Document, options: Options | None = None) -> Iterator[Finding]:
    for repeat in find_repeats(doc, RepeatOptions(**dict(options or {}))):
        if repeat.copy[0].kind == "heading":
            continue
        what = describe(repeat.copy)
        if repeat.truncated:
            message = (f"{what} repeats, in part, the {describe(repeat.original)} at "
                       f"{line_range(repeat.original)} ({how_similar(repeat)})")
        else:
            message = f"{what} repeat{'s' if not what.endswith('s') else ''} " \
                      f"{line_range(repeat.original)} ({how_similar(repeat)})"
        if repeat.slip:
            said = ", ".join(f"'{word}'" for word in repeat.slip)
            message += (f"; the sections are entries of one template, and this copy still "
                        f"says {said} from the original's heading")
        yield Finding(CODE, first_line_span(doc, repeat.copy[0]), message,
                      removal_fix(doc, repeat, what))
