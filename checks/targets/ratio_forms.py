"""A ratio restated in another form disagrees: a percentage and its "1 in N",
or a percentage of a count and the count it gives.

Why: "0.5% of requests (1 in 500)" is 1 in 200; "0.4% of 250,000 daily
validations, about 100 a day" is 1,000. Readers remember the rounder form, so
the two must be the same figure. Read: a percentage next to `1 in N`,
`one in N` or `1 out of N` (in parentheses, or joined by `or`, `i.e.`, `=`,
`≈`), either way round; and `P% of N ...` followed, in the same sentence, by
the count it yields (after a dash, `about`, `roughly`, `i.e.`, `=`). A count
that is a part of the result ("about 30 of them time out") is not it.

Bad:
```markdown
The sampler keeps 0.5% of frames (1 in 500) for tracing.
```

Good:
```markdown
The sampler keeps 0.2% of frames (1 in 500) for tracing.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from curriculint.checks.targets.agreement import (
    Tolerance,
    agrees,
    described,
    number,
    once_per_claim,
    shown,
)
from curriculint.index.quantities import Quantity
from curriculint.index.records import TextRun
from curriculint.load.document import Document, Finding, Severity
from curriculint.model import Span

CODE = "NUM014"
NAME = "ratio-forms"
SEVERITY = Severity.ERROR


class Options(Tolerance):
    pass


_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_SCALE = r"(?:\s*(?P<scale{n}>k|K|M|thousand|million|billion)\b)?"
_JOIN = r"\s*(?:\(|,|=|≈|~|\bor\b|\bi\.e\.,?|\bthat is,?|\bwhich is)\s*(?:about|roughly|~|≈)?\s*"
_PERCENT_THEN_ONE = re.compile(
    rf"(?P<percent>{_NUMBER})\s?%[^()=≈~,.;]{{0,40}}?{_JOIN}(?:1|one)\s+(?:in|out of)\s+"
    rf"(?P<count>{_NUMBER}){_SCALE.format(n=1)}", re.IGNORECASE)
_ONE_THEN_PERCENT = re.compile(
    rf"\b(?:1|one)\s+(?:in|out of)\s+(?P<count>{_NUMBER}){_SCALE.format(n=1)}"
    rf"[^()=≈~,.;]{{0,40}}?{_JOIN}(?P<percent>{_NUMBER})\s?%", re.IGNORECASE)
_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "billion": 1e9}
_OF_COUNT = re.compile(r"^\s*of\s+(?:the\s+|all\s+|our\s+|roughly\s+|about\s+|some\s+)?$",
                       re.IGNORECASE)
_RESULT_CUE = re.compile(r"(?:–|—|\s-\s|\babout|\broughly|\baround|\bapproximately|~|≈|=|"
                         r"\bi\.e\.,?|\bthat is|\bwhich is|\bor|\(|\bso)\s*"
                         r"(?:about|roughly|around|~)?\s*$", re.IGNORECASE)
_SUBSET = re.compile(r"^\s*(?:\w+\s+)?(?:of|among)\s+(?:them|these|those)\b", re.IGNORECASE)


@once_per_claim
def check(doc: Document, options: Options | None = None) -> Iterator[Finding]:
    options = options or Options()
    yield from _one_in(doc.index.text_runs, options)
    yield from _percent_of(doc.index.quantities, options)


def _value(text: str, scale: str | None) -> float:
    return float(text.replace(",", "")) * _SCALES.get((scale or "").lower(), 1.0)


def _one_in(runs: Sequence[TextRun], options: Options) -> Iterator[Finding]:
    """`0.5% (1 in 500)`, `1 in 200 requests (0.5%)`."""
    for run in runs:
        text = run.text
        if "%" not in text or (" in " not in text and "out of" not in text):
            continue
        for pattern in (_PERCENT_THEN_ONE, _ONE_THEN_PERCENT):
            for match in pattern.finditer(text):
                percent = float(match.group("percent").replace(",", ""))
                count = _value(match.group("count"), match.group("scale1"))
                if count <= 1 or not 0 < percent < 100:
                    continue
                decimals = len(match.group("percent").split(".")[1]) \
                    if "." in match.group("percent") else 0
                if agrees(percent, 100 / count, decimals, options, approximate=True) or \
                        agrees(count, 100 / percent, 0, options, approximate=True):
                    continue
                span = Span.of(run.line, run.column + match.start(), match.end() - match.start())
                yield Finding(CODE, span,
                              f"1 in {match.group('count')} is {number(100 / count)}%, and "
                              f"{match.group('percent')}% is 1 in {number(100 / percent)}; the "
                              f"text gives them as one figure")


def _percent_of(members: Sequence[Quantity], options: Options) -> Iterator[Finding]:
    """`0.4% of 250,000 daily validations ... – about 100 a day`: three figures in a
    row, the result in the same sentence (a dash may set it off)."""
    for position, share in enumerate(members[:-2]):
        if share.dimension != "percent" or share.is_range or share.bound not in ("", "approx"):
            continue
        if share.cell >= 0:
            continue
        whole, result = members[position + 1], members[position + 2]
        if whole.group != share.group or result.group - whole.group not in (0, 1):
            continue
        if whole.dimension != "count" or whole.is_range or whole.bound not in ("", "approx"):
            continue
        if not _OF_COUNT.match(share.after[:max(0, whole.span.column - share.span.end_column)]
                               if share.run == whole.run else share.after[:12]):
            continue
        if result.dimension != "count" or result.is_range or result.bound not in ("", "approx"):
            continue
        if not (result.bound == "approx" or _RESULT_CUE.search(result.before[-24:])) or \
                _SUBSET.match(result.after):
            continue
        if whole.per_seconds and result.per_seconds and whole.per_seconds != result.per_seconds:
            continue
        following = members[position + 3] if len(members) > position + 3 else None
        if following is not None and following.group == result.group and \
                following.dimension == "count":
            continue  # more counts follow: which one is the result is not clear
        expected = share.value / 100 * whole.value
        if agrees(result.value, expected, result.decimals, options,
                  approximate=result.bound == "approx" or share.bound == "approx"):
            continue
        yield Finding(CODE, result.span,
                      f"{shown(share)} of {described(whole)} is {number(expected)}; the text "
                      f"says {described(result)}")
