"""A section (heading and body) repeats an earlier section, verbatim or nearly.

Why: a pasted-twice section makes readers re-read, gives the second heading a
`_1` anchor, and drifts apart from the first copy when one is edited. Reported
once, at the later copy's heading, pointing to the first copy. The whole of
both sections is compared, content tabs and subsections included: a section
that shares only its heading and introduction with another is not a repeat.
A section body repeated under a renamed or renumbered sibling heading counts
too. Sections that are slots of a parallel structure (the same sub-section of
each version in a changelog, entries of a reference) are left alone, as
duplicate-block describes. `--fix --unsafe-fixes` removes an exact copy;
deleting text is never a safe fix.

Bad:
```markdown
## Setup

Install the agent on every node, point it at the collector endpoint and
restart it once so that it picks up the new configuration file.

## Setup

Install the agent on every node, point it at the collector endpoint and
restart it once so that it picks up the new configuration file.
```

Good:
```markdown
## Setup

Install the agent on every node, point it at the collector endpoint and
restart it once so that it picks up the new configuration file.

## Upgrade

Drain the node, replace the agent binary and restart the service.
```
"""

from collections.abc import Iterator

from curriculint.checks.duplicates.repeat_messages import (
    first_line_span,
    how_similar,
    line_range,
    removal_fix,
)
from curriculint.checks.duplicates.repeats import RepeatOptions, find_repeats
from curriculint.load.document import Document, Finding, Severity

CODE = "DUP001"
NAME = "duplicate-section"
SEVERITY = Severity.ERROR


class Options(RepeatOptions):
    """Same knobs as duplicate-block (threshold, min_words, ...)."""


def check(doc: Document, options: Options | None = None) -> Iterator[Finding]:
    for repeat in find_repeats(doc, RepeatOptions(**dict(options or {}))):
        heading = repeat.copy[0]
        if heading.kind != "heading":
            continue
        first = repeat.original[0]
        title = doc.line_text(heading.start_line).strip().lstrip("#").strip()
        first_title = doc.line_text(first.start_line).strip().lstrip("#").strip()
        if repeat.renamed and title == first_title:
            # (the earlier section goes on past the run: not a whole-section repeat)
            message = (f"section '{title}' repeats the start of the earlier section "
                       f"'{first_title}' ({line_range(repeat.original)}), "
                       f"{how_similar(repeat)}")
        elif repeat.renamed:
            message = (f"section '{title}' repeats the body of section '{first_title}' "
                       f"({line_range(repeat.original)}) under another heading, "
                       f"{how_similar(repeat)}")
        else:
            message = (f"section '{title}' repeats the section at "
                       f"{line_range(repeat.original)} ({how_similar(repeat)})")
        if repeat.slip:
            said = ", ".join(f"'{word}'" for word in repeat.slip)
            message += (f"; the sections are entries of one template, and this copy still "
                        f"says {said} from the original's heading")
        yield Finding(CODE, first_line_span(doc, heading), message,
                      removal_fix(doc, repeat, "section"))
