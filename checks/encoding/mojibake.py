"""Text that is UTF-8 decoded through the wrong code page (mojibake).

Why: `ğŸ¯` for 🎯, `â€™` for ’ and `Î¼s` for μs are what readers see when a
file was once read as cp1252, cp1254, latin-1, cp1250 or mac_roman and saved
again. Where the round trip is exact the original is restored with `--fix`;
where the wrong decode lost bytes the finding lists the possible originals,
ranked by the emoji and symbols the page and the site use, and only
`--unsafe-fixes` writes the first.

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
from typing import Any

from curriculint.load.document import Document, Finding, Severity, Span
from curriculint.model import Edit, Fix, RuleKind

CODE = "ENC003"
NAME = "mojibake"
SEVERITY = Severity.ERROR
KIND = RuleKind.SITE


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


@dataclass(frozen=True, slots=True)
class Summary:
    found: tuple[Found, ...]
    # The non-ASCII segments of the page's clean text (count_segments): which emoji
    # and symbols it uses, tokenized only when a candidate must be ranked.
    segments: dict[str, int]


def _ranked(found: Found) -> bool:
    """Bytes were lost and several originals fit: site usage picks the order."""
    return found.lossy and not found.certain


def summarize(doc: Document) -> Summary:
    from curriculint.checks.encoding.prose import non_ascii_pieces
    from curriculint.checks.encoding.wrong_decodes import count_segments, find_mojibake

    clean_text: list[str] = []
    spans: list[tuple[int, int, Any]] = []
    for piece in non_ascii_pieces(doc):
        items = find_mojibake(piece.text)
        cursor = 0
        for item in items:
            clean_text.append(piece.text[cursor:item.start])
            cursor = item.end
            spans.append((piece.line, piece.column + item.start, item))
        clean_text.append(piece.text[cursor:])
    found = [Found(line, column, item.mangled, item.candidates, item.certain, item.lossy,
                   item.code_page, item.layers) for line, column, item in spans]
    return Summary(tuple(found), dict(count_segments(clean_text)))


def _finding(found: Found, usage: Mapping[str, int]) -> Finding:
    """`usage` is read only when the candidates are `_ranked`."""
    from curriculint.checks.encoding.wrong_decodes import MAX_SHOWN, rank

    span = Span.of(found.line, found.column, len(found.mangled))
    candidates = list(found.candidates)
    if _ranked(found):
        candidates = rank(found.candidates, usage)
    how = found.code_page + (", double-encoded" if found.layers > 1 else "")
    if found.certain:
        lost = ", bytes lost, one candidate fits" if found.lossy else ""
        message = f"mojibake {found.mangled!r} ({how}{lost}): restore {candidates[0]!r}"
        fix = Fix((Edit(span, candidates[0]),), f"restore {candidates[0]!r}")
    else:
        shown = ", ".join(repr(item) for item in candidates[:MAX_SHOWN])
        message = (f"mojibake {found.mangled!r} ({how}, bytes lost): original uncertain, "
                   f"candidates {shown}")
        fix = Fix((Edit(span, candidates[0]),), f"restore {candidates[0]!r} (a guess)",
                  safe=False)
    return Finding(CODE, span, message, fix)


def check_site(site: object, summaries: dict[str, Summary]) -> Iterator[tuple[str, Finding]]:
    from curriculint.checks.encoding.wrong_decodes import count_usage

    site_usage: Counter[str] | None = None
    for display, summary in summaries.items():
        page_usage: Counter[str] | None = None
        for found in summary.found:
            if not _ranked(found):
                yield display, _finding(found, {})
                continue
            if site_usage is None:
                segments: Counter[str] = Counter()
                for other in summaries.values():
                    segments.update(other.segments)
                site_usage = count_usage(segments)
            if page_usage is None:
                # The page's own usage weighs more than its siblings'.
                page_usage = Counter(site_usage)
                for piece, count in count_usage(summary.segments).items():
                    page_usage[piece] += count * 4
            yield display, _finding(found, page_usage)


def check(doc: Document) -> Iterator[Finding]:
    """The same findings for one page alone, ranked by that page's usage."""
    from curriculint.checks.encoding.wrong_decodes import count_usage

    summary = summarize(doc)
    usage: Counter[str] | None = None
    for found in summary.found:
        if _ranked(found) and usage is None:
            usage = count_usage(summary.segments)
        yield _finding(found, usage or {})
