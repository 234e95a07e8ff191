"""A share of a whole above 100%, or shares of one whole that add up to more.

Why: a part cannot exceed its whole; such a figure is a typo or a sum gone
wrong. One share (`120% of the time`, `105% availability`), and the shares
one sentence splits a whole into (`GET 64% of calls, POST 27%, DELETE 15%`;
`reads 70%, writes 40%`; `weighted 55% on X, 40% on Y, 25% on Z`;
`30 + 30 + 25 + 20 = 105%` of a grade) are checked. Growth, reductions and
comparisons (`150% more`, `200% of baseline`) may pass 100%, and rates of
different things (CPU 80%, memory 70%; 99.9% availability and a 95% hit rate)
are no shares of one whole: both are left alone, and so are shares that each
come with a bound of their own (`95% in under 80 ms, 99.5% in under 300 ms`; 68%
within one standard deviation, 95% within two), which nest.

Bad:
```markdown
Engineers spend 60% of the time on features, 35% on toil and 15% in meetings.
```

Good:
```markdown
Engineers spend 55% of the time on features, 30% on toil and 15% in meetings.
```
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence

from curriculint.checks.targets.agreement import (
    groups,
    has_any,
    number,
    once_per_claim,
    shown,
    words,
)
from curriculint.index.quantities import Quantity
from curriculint.load.document import Document, Finding, Severity
from curriculint.model import Span

CODE = "NUM012"
NAME = "share-over-100"
SEVERITY = Severity.ERROR

_SHARE_AFTER = re.compile(
    r"^\s*(?:of\s+(?:the\s+)?(?:time|users|traffic|requests|players|respondents|cases|"
    r"population|engineers|teams|all\b)|(?:uptime|availability|accuracy|probability|chance|"
    r"coverage|hit rate|success rate)\b)", re.IGNORECASE)
_SHARE_BEFORE = re.compile(r"(?:uptime|availability|accuracy|probability|chance|coverage|"
                           r"hit rate|success rate)\s*(?:of|:|=|is|at)?\s*$", re.IGNORECASE)
# Words that say a sentence splits one whole.
_WHOLE = ("accounts for", "account for", "accounting for", "make up", "makes up", "made up",
          "split", "breakdown", "broken down", "divid", "distribut", "allocat", "weight",
          "share of", "mix", "spend", "spent", "of the time", "of traffic", "of requests",
          "of calls", "of the budget", "of the grade", "of the final", "of the score",
          "of the mark", "of all")
# Words that make a percentage a change, a comparison or a rate of its own.
_NOT_SHARE = ("increase", "decrease", "grow", "grew", "growth", "faster", "slower", "improv",
              "reduc", "drop", "more", "less", "fewer", "higher", "lower", "saving", "cut",
              "gain", "boost", "discount", "off", "better", "worse", "up", "down", "over",
              "above", "below", "under", "than", "margin", "interest", "tax", "fee")
_RATES = ("availab", "uptime", "accura", "utiliz", "utilis", "cpu", "memory", "disk", "load",
          "coverage", "hit rate", "hit ratio", "success rate", "error rate", "confidence",
          "probab", "chance", "percentile", "p99", "p95", "p50", "precision", "recall",
          "efficien", "capacity", "full", "complete", "done", "progress", "battery", "score",
          "pass rate", "retention", "churn", "conversion", "compression", "duty cycle")
# Complementary categories a whole splits into, named before each share.
_CATEGORIES = (frozenset({"read", "reads", "write", "writes"}),
               frozenset({"get", "post", "put", "delete", "patch"}),
               frozenset({"hit", "hits", "miss", "misses"}),
               frozenset({"mobile", "desktop", "tablet"}),
               frozenset({"inbound", "outbound"}),
               frozenset({"success", "successes", "failure", "failures", "error", "errors"}))
_SUM = re.compile(r"(?P<terms>\d+(?:\.\d+)?\s*%?(?:\s*\+\s*\d+(?:\.\d+)?\s*%?){1,11})\s*=\s*"
                  r"(?P<result>\d+(?:\.\d+)?)\s*%")
_WORD = re.compile(r"[a-z]+")
_LETTERS = re.compile(r"[^\W\d_]+")
# "68% within one standard deviation, 95% within two": a bound in words.
_BOUND_AFTER = re.compile(r"\s*(?:[^\W\d]+\s+){0,4}?(?:within|in under|under|below|less than|"
                          r"more than|at most|at least|or (?:less|more|fewer|lower|higher))\b",
                          re.IGNORECASE)
_BOUND_BEFORE = re.compile(r"(?:\b(?:in|within|under|below|above|over|less than|more than|"
                           r"at most|at least)|[<>≤≥])\s*$", re.IGNORECASE)


@once_per_claim
def check(doc: Document) -> Iterator[Finding]:
    for quantity in doc.index.quantities:
        if quantity.dimension != "percent" or max(quantity.value, quantity.high or 0) <= 100:
            continue
        if quantity.bound == "lower":
            continue
        if _SHARE_AFTER.match(quantity.after) or _SHARE_BEFORE.search(quantity.before):
            yield Finding(CODE, quantity.span,
                          f"{shown(quantity)} is a share of a whole, which cannot pass 100%")
    for members in groups(doc).values():
        if members[0].cell < 0:
            yield from _shares(members)
    yield from _sums(doc)


def _share(quantity: Quantity) -> bool:
    if quantity.dimension != "percent" or quantity.is_range or quantity.value > 100:
        return False
    if quantity.bound not in ("", "approx"):
        return False
    # (letters only: "(up from 70%)" is a change)
    near = _LETTERS.findall(quantity.before[-14:].lower())[-2:] + \
        _LETTERS.findall(quantity.after[:18].lower())[:2]
    return not any(word.startswith(_NOT_SHARE) for word in near)


def _thresholds(members: Sequence[Quantity], shares: Sequence[Quantity]) -> bool:
    """Each share comes with a bound of its own (`95% in <80 ms, 99.5% in <300 ms`):
    a cumulative distribution, whose shares nest rather than add up."""
    for share, following in zip(shares, [*shares[1:], None], strict=True):
        between = [q for q in members if q.span > share.span and (
            following is None or q.span < following.span)]
        if not any(q.dimension != "percent" and (
                q.bound in ("upper", "lower") or _BOUND_BEFORE.search(q.before))
                for q in between) and not _BOUND_AFTER.match(share.after):
            return False
    return True


def _shares(members: Sequence[Quantity]) -> Iterator[Finding]:
    """The shares one sentence splits a whole into."""
    shares = [q for q in members if q.dimension == "percent"]
    if len(shares) < 2 or not all(map(_share, shares)) or any(q.value == 100 for q in shares):
        return  # a share of 100% is the whole: the others are not its parts
    if _thresholds(members, shares):
        return
    if any(q.dimension not in ("percent", "count", "time", "money") for q in members):
        return
    first, last = shares[0], shares[-1]
    # (the words between the shares too: "keeps 92% accuracy and 64% robustness")
    sentence = first.before + " " + " ".join(q.text + " " + q.after[:40] for q in shares) \
        + " " + last.after
    said = words(sentence)
    if has_any(said, _RATES) or any(arrow in sentence for arrow in ("→", "->", "⇒")):
        return  # rates of different things; stages of a rollout (1% → 10% → 50%)
    slack = 0.5 * len(shares) if not any(q.decimals for q in shares) else \
        0.5 * 10 ** -max(q.decimals for q in shares) * len(shares)
    summed = math.fsum(q.value for q in shares)
    if summed <= 100 + slack + 1e-9:
        return
    if len(shares) > 2 and any(abs(2 * q.value - summed) <= slack + 1e-9
                               for q in (shares[0], shares[-1])):
        return  # the first or last is the others' total ("15%, 30% and 20%: 65% in all")
    if not (has_any(said, _WHOLE) or _same_whole(shares) or _categories(shares)):
        return
    pieces = " + ".join(shown(q) for q in shares)
    yield Finding(CODE, first.span,
                  f"the shares of one whole add up to {number(summed)}% ({pieces}), more "
                  f"than 100%")


def _same_whole(shares: Sequence[Quantity]) -> bool:
    """Each share is of the same thing (`of requests`), or only one says of what."""
    wholes = {words(match.group(1)) for q in shares
              if (match := re.match(r"\s*of\s+(?:the\s+|all\s+)?([a-z]+)", q.after))}
    return len(wholes) == 1


def _categories(shares: Sequence[Quantity]) -> bool:
    """Each share follows a category of one set: `reads 70%, writes 40%`."""
    named = []
    for q in shares:
        found = _WORD.findall(words(q.before[-16:]))
        named.append(found[-1] if found else "")
    for group in _CATEGORIES:
        if all(name in group for name in named) and len(set(named)) == len(named):
            return True
    return False


def _sums(doc: Document) -> Iterator[Finding]:
    """`30 + 30 + 25 + 20 = 105%` of one whole: right arithmetic, impossible shares."""
    for run in doc.index.text_runs:
        if "=" not in run.text or "%" not in run.text or run.context == "table":
            continue
        for match in _SUM.finditer(run.text):
            result = float(match.group("result"))
            if result <= 100.5:
                continue
            terms = [float(term) for term in re.findall(r"\d+(?:\.\d+)?", match.group("terms"))]
            if abs(math.fsum(terms) - result) > 0.5:
                continue  # wrong arithmetic: NUM008's to report
            context = words(run.text)
            if not has_any(context, (*_WHOLE, "grade", "mark", "score", "weights", "budget")):
                continue
            if has_any(context, _RATES) or has_any(context, ("increase", "growth", "more")):
                continue
            span = Span.of(run.line, run.column + match.start(), match.end() - match.start())
            yield Finding(CODE, span,
                          f"the shares of one whole add up to {number(result)}% "
                          f"({match.group('terms').strip()}), more than 100%")
