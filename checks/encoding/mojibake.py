"""Text that is UTF-8 decoded through the wrong code page (mojibake).

Why: `ğŸ¯` for 🎯, `â€™` for ’ and `Î¼s` for μs are what readers see when a
file was once read as cp1252, cp1254, latin-1, cp1250 or mac_roman and saved
again. It is reported wherever it stands, code blocks and code spans included:
copied into a terminal or a configuration file it is just as wrong. Where the
round trip is exact, or exactly one original fits the bytes that are left,
`--fix` restores it. Where the wrong decode lost bytes and several originals
fit, the finding lists them, ranked by what the page and the site use; only
when that evidence singles one out does `--unsafe-fixes` write it. A span that
also reads as words as it stands (`AMANHÃ…`) is reported only on a page that
holds other mojibake, and the finding says it may be right as written. A page
whose only mojibake is examples in code shown beside their repair (a lesson on
encodings) teaches the defect and is left alone.

Bad:
```markdown
## âš¡ Prerequisites

Latency under 10 Î¼s, â€œquotedâ€ text.
```

Good:
```markdown
## ⚡ Prerequisites

Latency under 10 μs in São Paulo, “quoted” text, a pâte à choux.
```
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from curriculint.load.document import Document, Finding, Severity, Span
from curriculint.model import Edit, Fix, RuleKind

CODE = "ENC003"
NAME = "mojibake"
SEVERITY = Severity.ERROR
KIND = RuleKind.SITE

# Candidates a message lists: at least the first few, and every one the
# evidence and the prior cannot tell from the first (a double loss of an emoji
# leaves a dozen), up to a bound.
_SHOWN_MAX = 40
_SHOWN_ALL = 20  # a list this short is shown whole


@dataclass(frozen=True, slots=True)
class Found:
    """One span, as a page summary carries it to the site ranking."""

    line: int
    column: int
    mangled: str
    candidates: tuple[str, ...]
    certain: bool
    lossy: bool
    code_page: str
    layers: int
    # The stems of the words of its line and heading, for uncertain spans.
    context: frozenset[str] = frozenset()
    as_written: bool = False  # it also reads as words: maybe no mojibake at all
    # The symbol blocks the rest of its line uses, spelled right or repaired with
    # certainty: a lossy run inside a table of box drawing is box drawing.
    line_blocks: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Summary:
    found: tuple[Found, ...]
    # The non-ASCII segments of the page's clean text and certain repairs
    # (count_segments): which emoji and symbols it uses, tokenized only when a
    # candidate must be ranked.
    segments: dict[str, int]


def _ranked(found: Found) -> bool:
    """Several originals fit: usage picks the order."""
    return not found.certain and len(found.candidates) > 1


def _heading_of(doc: Document, line: int) -> str:
    text = ""
    for heading in doc.index.headings:
        if heading.line > line:
            break
        text = heading.text
    return text


def _agreed(candidates: tuple[str, ...]) -> str:
    """The start and the end all the candidates share."""

    def shared(texts: list[str]) -> str:
        length = 0
        for chars in zip(*texts, strict=False):
            if len(set(chars)) > 1:
                break
            length += 1
        return texts[0][:length]

    start = shared(list(candidates))
    end = shared([candidate[len(start):][::-1] for candidate in candidates])
    return start + end[::-1]


def _shown_with_repair(doc: Document, number: int, start: int, repair: str,
                       clean_on: Mapping[int, list[str]], code: list[tuple[int, int]]) -> bool:
    """Mojibake in code shown beside its own repair, an example of the defect (a
    lesson on encodings: `Р”РѕР±СЂС‹Р№` -> `Добрый`): in a code span, the repair
    is written on the same line; in a code block, on its lines or the three
    around it. A repair of one character (an emoji) is too common to tell."""
    if sum(not char.isascii() for char in repair) < 2:
        return False
    if doc.line_text(number)[:start].count("`") % 2:
        return any(repair in part for part in clean_on.get(number, ()))
    block = next(((low, high) for low, high in code if low <= number <= high), None)
    if block is None:
        return False
    return any(repair in part for line in range(block[0] - 3, block[1] + 4)
               for part in clean_on.get(line, ()))


def summarize(doc: Document) -> Summary:
    from curriculint.checks.encoding.ranking import context_words, symbol_blocks
    from curriculint.checks.encoding.wrong_decodes import count_segments, document_mojibake

    spans = document_mojibake(doc)
    repaired: list[str] = []
    by_line: dict[int, list[tuple[int, int]]] = {}
    repaired_on: dict[int, list[str]] = {}
    for number, item in spans:
        by_line.setdefault(number, []).append((item.start, item.end))
        if item.certain:
            repaired.append(item.candidates[0])
            repaired_on.setdefault(number, []).append(item.candidates[0])
        elif item.candidates:
            # What every reading of an uncertain run agrees on is certain too
            # (`╔` of `â•”â•`, whichever byte its `═` lost).
            repaired_on.setdefault(number, []).append(_agreed(item.candidates))
    clean_text: list[str] = []
    clean_on: dict[int, list[str]] = {}
    for number, line in enumerate(doc.lines, start=1):
        if line.isascii():
            continue
        cursor = 0
        parts = clean_on.setdefault(number, [])
        for start, end in by_line.get(number, ()):
            parts.append(line[cursor:start])
            cursor = end
        parts.append(line[cursor:])
        clean_text.extend(parts)
    found = []
    code = [(block.start_line, block.end_line) for block in doc.index.blocks
            if block.kind in ("fence", "code")]
    # A page whose every span is an example shown beside its repair teaches the
    # defect; one with any other mojibake has the defect, examples included.
    if spans and all(item.certain and _shown_with_repair(
            doc, number, item.start, item.candidates[0], clean_on, code)
            for number, item in spans):
        spans = ()
    for number, item in spans:
        context: frozenset[str] = frozenset()
        blocks: frozenset[int] = frozenset()
        if not item.certain:
            line = doc.line_text(number)
            context = context_words(line[: item.start] + " " + line[item.end :]) | \
                context_words(_heading_of(doc, number))
            blocks = symbol_blocks([*clean_on.get(number, ()), *repaired_on.get(number, ())])
        found.append(Found(number, item.start + 1, item.mangled, item.candidates, item.certain,
                           item.lossy, item.code_page, item.layers, context,
                           item.as_written, blocks))
    return Summary(tuple(found), dict(count_segments([*clean_text, *repaired])))


def _finding(found: Found, usage: Mapping[str, int]) -> Finding:
    """`usage` is read only when the candidates are `_ranked`."""
    from curriculint.checks.encoding.wrong_decodes import MAX_SHOWN

    span = Span.of(found.line, found.column, len(found.mangled))
    how = found.code_page + (", decoded twice" if found.layers == 2 else
                             f", decoded {found.layers} times" if found.layers > 2 else "")
    if found.certain:
        lost = ", bytes lost, one original fits" if found.lossy else ""
        message = f"mojibake {found.mangled!r} ({how}{lost}): restore {found.candidates[0]!r}"
        return Finding(CODE, span, message, Fix((Edit(span, found.candidates[0]),),
                                                f"restore {found.candidates[0]!r}"))
    from curriculint.checks.encoding.ranking import decisive, ranked

    order = ranked(found.candidates, usage, found.context, found.line_blocks)
    candidates = [candidate for candidate, _ in order]
    # Tied with the first on everything but the code point, the last tie-breaker;
    # and the cut never falls inside such a tie (`●` tied with `◎` before it).
    tied = sum(1 for _, key in order if key[:-1] == order[0][1][:-1])
    cut = max(MAX_SHOWN, tied)
    if len(order) <= _SHOWN_ALL:
        cut = len(order)  # a few more than the usual list: all of them, none left unsaid
    while cut < min(len(order), _SHOWN_MAX) and order[cut][1][:-1] == order[cut - 1][1][:-1]:
        cut += 1
    shown = candidates[: min(cut, _SHOWN_MAX)]
    listed = ", ".join(repr(item) for item in shown)
    more = f" and {len(candidates) - len(shown)} less likely" if len(candidates) > len(shown) \
        else ""
    lost = "bytes lost" if found.lossy else "code pages disagree"
    fix = None
    if decisive(candidates, usage):
        fix = Fix((Edit(span, candidates[0]),),
                  f"restore {candidates[0]!r} (the one the site's usage supports)", safe=False)
    written = "; or right as written, which reads as words too" if found.as_written else ""
    message = (f"mojibake {found.mangled!r} ({how}, {lost}): original uncertain, "
               f"candidates {listed}{more}{written}")
    return Finding(CODE, span, message, fix)


def _usage(summaries: Mapping[str, Summary], page: Summary, site: list[Counter[str]]
           ) -> Counter[str]:
    from curriculint.checks.encoding.wrong_decodes import count_usage

    if not site:
        segments: Counter[str] = Counter()
        for other in summaries.values():
            segments.update(other.segments)
        site.append(count_usage(segments))
    # The page's own usage weighs more than its siblings'.
    usage = Counter(site[0])
    for piece, count in count_usage(page.segments).items():
        usage[piece] += count * 4
    return usage


def check_site(site: object, summaries: dict[str, Summary]) -> Iterator[tuple[str, Finding]]:
    site_usage: list[Counter[str]] = []
    for display, summary in summaries.items():
        page_usage: Counter[str] | None = None
        for found in summary.found:
            if _ranked(found) and page_usage is None:
                page_usage = _usage(summaries, summary, site_usage)
            yield display, _finding(found, page_usage or {})


def check(doc: Document) -> Iterator[Finding]:
    """The same findings for one page alone, ranked by that page's usage."""
    from curriculint.checks.encoding.wrong_decodes import count_usage

    summary = summarize(doc)
    usage: Counter[str] | None = None
    for found in summary.found:
        if _ranked(found) and usage is None:
            usage = count_usage(summary.segments)
        yield _finding(found, usage or {})
