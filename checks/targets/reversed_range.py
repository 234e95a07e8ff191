"""A range whose lower end is above its upper end (`10-5 minutes`).

Why: a reversed range is a typo that hides which end was meant; readers
planning from it cannot tell. Ranges joined by `to` that descend are changes
("from 200 ms to 50 ms"), not ranges, and are left alone; so are identifiers
written like ranges: a standard's number and part after its body's acronym
("ISO 639-1", "IEC 62304-1"), parts of a document numbered by chapter and
item ("Figure 11-3", "表 6-2"), version numbers ("3.8-3.12" ascends) and
ranges that ascend when read with a decimal comma and thousands dots
("900–1.400 Wörter", "0,250–1 mm"), and proportions ("an 80-20 split"). A
figure the site writes after a standard's acronym anywhere ("NIST 800-53") is
that standard's name on every page ("800-53 controls").

Bad:
```markdown
- Lab time: 12-8 hours
```

Good:
```markdown
- Lab time: 8-12 hours
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

from curriculint.checks.targets.agreement import number, once_per_claim, shown
from curriculint.index.quantities import Quantity
from curriculint.load.document import Document, Finding, Severity
from curriculint.load.site import Site
from curriculint.model import RuleKind

CODE = "NUM005"
NAME = "reversed-range"
SEVERITY = Severity.ERROR
KIND = RuleKind.SITE


# Words that make a pair of figures the shares of a proportion, not a range.
_PROPORTION = re.compile(r"^\s*(?:split|ratio|rule|mix|partition|division|odds|weighting)\b",
                         re.IGNORECASE)
# `41-B, 42-B, 43-33ms`: an answer key numbers its answers, it states no range.
_KEYED = re.compile(r"\b\d+-[A-Za-z(]")
# An acronym right before the figure names a standard or a document: ISO 639-1,
# ISO/IEC 27001-2, IEEE 754-2008, RFC 2616-1, ITU-T 81-1.
_IDENTIFIER_PREFIX = re.compile(r"\b[A-Z]{2,}(?:[/-][A-Z]{2,})*[ \u00a0]?$")
_VERSION = re.compile(r"^v?(\d+(?:\.\d+)+)$")
_ENDS = re.compile(r"^[^\d]*(v?[\d.]+)\s*[-–]\s*(v?[\d.]+)")
# One unit after the second end only, no scale suffix on the first: 12-8 hours.
_SHAPE = re.compile(r"^[<>~≈≤≥]?\s*[$€£]?\d[\d,.]*\s*[-–]\s*[$€£]?\d[\d,.]*(?:\s*\S.*)?$")


# `ISO 639-1`, `IEC 62443-3`, `RFC 2119`: a standard's number and part, not a range.
_STANDARD = re.compile(r"\b(?:ISO(?:/IEC)?|IEC|IEEE|RFC|ANSI|DIN|EN|BS|ECMA|ETSI|ITU-[TR]|"
                       r"NIST(?: SP)?|FIPS|PEP|CVE|CWE|SP|UTF|ASTM|JIS|GB|IS)[\s/-]*$")


# A figure, table, listing or chapter numbered by chapter and item ("Figure 11-3",
# "表 6-2", "Abb. 4-1", "第 4-2 节"): a label, not a range. The words documents number their
# parts with, in the languages docs sites are commonly translated into.
_PART_LABEL = re.compile(
    r"(?:\b(?:fig(?:ure)?s?|tables?|tab|listings?|chapters?|ch|sections?|sec|exercises?|"
    r"examples?|equations?|eqs?|appendix|lemma|theorem|definition|problems?|algorithms?|"
    r"slides?|lessons?|units?|modules?|parts?|steps?|questions?|tasks?|"
    r"abbildung|abb|tabelle|kapitel|abschnitt|beispiel|aufgabe|gleichung|"
    r"tableau|chapitre|exemple|exercice|équation|figura|tabla|tabela|capítulo|ejemplo|"
    r"exemplo|ejercicio|exercício|ecuación|equação|"
    r"рисунок|рис|таблица|табл|глава|пример|листинг|раздел|упражнение|"
    r"그림|표|예제|장|절)\.?|(?:图|圖|表|例|式|章|节|節|図|リスト|練習|练习|习题|題|题|算法|代码|程式碼|コード|第))"
    r"[ \u00a0]?$", re.IGNORECASE)


class PageRanges(NamedTuple):
    findings: tuple[tuple[str, Finding], ...]  # (the figures, as in `_figures`; the finding)
    named: frozenset[str]  # figures written after a standard's or body's acronym


# A standard's number after its body's acronym, as prose writes it ("NIST 800-53",
# "ISO/IEC 27001-2", "NIST SP 800-53"): the figures are a name wherever they recur.
_NAMED = re.compile(r"\b[A-Z]{2,}(?:[/-][A-Z]{2,})*(?: SP)?[ \u00a0](\d[\d.]*)\s?[-–](\d[\d.]*)\b")


def summarize(doc: Document) -> PageRanges:
    found = list(_ranges(doc))
    named = frozenset(figures for figures, finding in found if finding is None) | frozenset(
        f"{match[1]}-{match[2]}" for run in doc.index.text_runs
        if "-" in run.text or "–" in run.text for match in _NAMED.finditer(run.text))
    keyed = [(figures, finding) for figures, finding in found if finding is not None]
    kept = {id(finding) for finding in _once(doc, keyed)}
    return PageRanges(tuple(item for item in keyed if id(item[1]) in kept), named)


def check_site(site: Site, summaries: Mapping[str, PageRanges]
               ) -> Iterator[tuple[str, Finding]]:
    named = frozenset().union(*(summary.named for summary in summaries.values()))
    for display, summary in summaries.items():
        for figures, finding in summary.findings:
            if figures not in named:  # "NIST 800-53" elsewhere: "800-53 controls" names it
                yield display, finding


@once_per_claim
def _once(doc: Document, keyed: Sequence[tuple[str, Finding]]) -> Iterator[Finding]:
    return (finding for _, finding in keyed)


def _ranges(doc: Document) -> Iterator[tuple[str, Finding | None]]:
    """Each reversed range of the page by its figures, with its finding, or None
    where an acronym before it makes it a standard's name."""
    for quantity in doc.index.quantities:
        if quantity.high is None or quantity.high >= quantity.value:
            continue
        run = doc.index.text_runs[quantity.run]
        before = run.text[:quantity.span.column - run.column]
        if _IDENTIFIER_PREFIX.search(before) or _STANDARD.search(quantity.before[-16:]):
            yield _figures(quantity), None  # ISO 639-1, "We follow NIST 800-53."
            continue
        if quantity.dimension == "count" and not quantity.noun:
            continue
        if not _SHAPE.match(quantity.text) or _KEYED.search(run.text):
            continue
        figures = _figures(quantity)
        if quantity.dimension == "count" and _PART_LABEL.search(before):
            continue  # Figure 11-3
        if _versions_ascend(quantity.text) or _ascends_in_other_notation(quantity.text):
            continue
        if _PROPORTION.match(quantity.after):
            continue  # an 80-20 split, the 80-20 rule: two shares, no range
        yield figures, Finding(
            CODE, quantity.span,
            f"the range {shown(quantity)} runs from {number(quantity.value)} down to "
            f"{number(quantity.high)}; write the lower end first")


def _figures(quantity: Quantity) -> str:
    """The two numerals as written, joined by a hyphen: `800–53` and `800-53` alike."""
    ends = _NUMERALS.match(quantity.text)
    return "-".join(ends.groups()) if ends else quantity.text.strip()


_NUMERALS = re.compile(r"^[^\d]*(\d[\d.,]*)\s*[-–]\s*[$€£]?(\d[\d.,]*)")
_CONTINENTAL = re.compile(r"^\d{1,3}(?:\.\d{3})*(?:,\d+)?$|^\d+(?:,\d+)?$")


def _ascends_in_other_notation(text: str) -> bool:
    """Both ends read with a decimal comma and thousands dots (`900–1.400`,
    `0,250–1 mm`, as German, Spanish or French write them) make a range that
    ascends: a notation question, not a reversed range."""
    ends = _NUMERALS.match(text)
    if ends is None:
        return False
    first, second = (end.rstrip(".,") for end in ends.groups())
    if not (_CONTINENTAL.match(first) and _CONTINENTAL.match(second)):
        return False
    low, high = (float(end.replace(".", "").replace(",", ".")) for end in (first, second))
    return low <= high


def _versions_ascend(text: str) -> bool:
    """Both ends are dotted version numbers and the first is the lower: 3.8-3.12."""
    ends = _ENDS.match(text)
    if ends is None:
        return False
    first, second = (_VERSION.match(end.rstrip(".")) for end in ends.groups())
    if first is None or second is None:
        return False
    low, high = (tuple(int(part) for part in match.group(1).split("."))
                 for match in (first, second))
    return low <= high
