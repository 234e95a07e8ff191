"""Two pages of the site are near copies of each other.

Why: a page copied to a second place drifts from the original, splits links
and search results between the two, and doubles the maintenance. Pages are
compared by MinHash signatures of their word shingles (the `rensa`
package), bucketed with locality-sensitive hashing, so large sites are not
compared pair by pair. Each pair is reported once, on the later path, with
the estimated similarity. Translations (mkdocs-static-i18n: `x.fr.md`,
`fr/x.md`) are compared with nothing: one starts as a copy of its page. Nor
are two pages of an API reference, whose titles are names in code
(`MacroOverlap`, `` `river.optim.SGD` ``, `load_config()`): the pages of two
classes share what both inherit.
Tune `threshold` and `min_words` under `[tool.curriculint.rules.DUP006]`.

Bad:
```toml title="pyproject.toml"
[tool.curriculint.rules.DUP006]
min_words = 50  # the default, 150, leaves pages as short as these alone
```

```markdown title="docs/leases.md"
# Leases

A lease lets one node act as the leader for a bounded time. The holder renews
it at a third of the term, so one lost renewal does not cost it the lease.
When renewals stop, the lease runs out and another node may take over once
the grace period has passed. A holder that outlives its lease must stop
writing at once; the store rejects its writes by their fencing token, a
number that grows with every new lease.
```

```markdown title="docs/leases-copy.md"
# Leases

A lease lets one node act as the leader for a bounded time. The holder renews
it at half of the term, so one lost renewal does not cost it the lease.
When renewals stop, the lease runs out and another node may take over once
the grace period has passed. A holder that outlives its lease must stop
writing at once; the store rejects its writes by their fencing token, a
number that grows with every new lease.
```

Good:
```toml title="pyproject.toml"
[tool.curriculint.rules.DUP006]
min_words = 50  # the default, 150, leaves pages as short as these alone
```

```markdown title="docs/leases.md"
# Leases

A lease lets one node act as the leader for a bounded time. The holder renews
it at a third of the term, so one lost renewal does not cost it the lease.
When renewals stop, the lease runs out and another node may take over once
the grace period has passed. A holder that outlives its lease must stop
writing at once; the store rejects its writes by their fencing token, a
number that grows with every new lease.
```

```markdown title="docs/fencing.md"
# Fencing

A fencing token is the number a store uses to reject writes from a holder
whose [lease](leases.md) has run out.
```
"""

from __future__ import annotations

import re
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import pairwise
from operator import eq
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from curriculint.checks.duplicates.blocks import page_units
from curriculint.checks.links.build_targets import page_locale
from curriculint.load.document import Document, Finding, Severity, Span
from curriculint.model import RuleKind

CODE = "DUP006"
NAME = "near-duplicate-page"
SEVERITY = Severity.WARNING
KIND = RuleKind.SITE

MIN_PAGES = 2  # a one-page run has nothing to compare (and skips importing rensa)
NUM_PERM = 64
# Fixed, so signatures stay comparable across processes and runs (they are cached).
SEED = 1
# Summaries made another way (another package, seed or size) are not compared.
SCHEME = f"rensa-rminhash/{NUM_PERM}/{SEED}/u32"
_SHINGLE = 5

# (word count, scheme, signature packed as NUM_PERM unsigned 32-bit values: 256
# bytes per page instead of ~2.6 KB as a tuple of ints, for the whole run;
# whether the page's title is a name in code).
Summary = tuple[int, str, bytes, bool]

# A name in code: in backticks, or with `_`, `.`, `()` or a capital inside a word.
_CODE_NAME = re.compile(r"`[^`\s]+`|[A-Za-z_][\w.]*(?:\(\))?")
_CODE_SHAPE = re.compile(r"`|_|\.\w|\(\)|[a-z][A-Z]")


def pack_signature(values: Iterable[int]) -> bytes:
    return array("I", values).tobytes()


def _unpack(packed: bytes) -> array[int]:
    values = array("I")
    values.frombytes(packed)
    return values


class Options(BaseModel):
    # Built on first validation: unconfigured, it is only constructed (run/plan.py).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    # Estimated Jaccard similarity of word shingles at or above which two pages are copies.
    threshold: float = Field(default=0.8, ge=0.3, le=1.0)
    # Pages shorter than this are stubs and index pages that share boilerplate.
    min_words: int = Field(default=150, ge=1)


def summarize(doc: Document) -> Summary:
    """(word count, MinHash scheme, MinHash signature) of the page body."""
    from rensa import RMinHash

    words = [word for unit in page_units(doc) for word in unit.words]
    runs = zip(*(words[at:] for at in range(_SHINGLE)), strict=False)
    # A page shorter than a shingle is one shingle of all its words.
    shingles = list(map(" ".join, runs)) or [" ".join(words)]
    signature = RMinHash(NUM_PERM, SEED)
    signature.update(shingles)
    return len(words), SCHEME, pack_signature(signature.digest()), _titled_by_code(doc)


def _titled_by_code(doc: Document) -> bool:
    title = next((heading.raw.strip() for heading in doc.index.headings if heading.level == 1),
                 "")
    return _CODE_NAME.fullmatch(title) is not None and _CODE_SHAPE.search(title) is not None


def _bands(threshold: float) -> list[slice]:
    """Bands of signature positions such that any two signatures whose estimated
    similarity reaches `threshold` agree on at least one whole band (so the index
    misses no such pair): they differ in at most NUM_PERM - needed positions,
    too few to touch every one of NUM_PERM - needed + 1 bands."""
    needed = next(agree for agree in range(NUM_PERM + 1) if agree / NUM_PERM >= threshold)
    count = min(NUM_PERM - needed + 1, NUM_PERM)
    bounds = [NUM_PERM * band // count for band in range(count + 1)]
    return [slice(start, stop) for start, stop in pairwise(bounds)]


def _similarity(one: array[int], two: array[int]) -> float:
    """Estimated Jaccard similarity: the share of signature positions that agree."""
    return sum(map(eq, one, two)) / NUM_PERM


def check_site(site: Any, summaries: dict[str, Summary],
               options: Options | None = None) -> Iterator[tuple[str, Finding]]:
    options = options or Options()
    signatures = {path: _unpack(packed)
                  for path, (words, scheme, packed, *_) in sorted(summaries.items())
                  if words >= options.min_words and scheme == SCHEME}
    # (an API reference's pages: compared with no other such page)
    entries = {path for path, summary in summaries.items() if summary[3:4] == (True,)}
    bands = _bands(options.threshold)
    project = getattr(site, "mkdocs", None)
    if project is not None and project.i18n is not None:
        # A translation starts as a copy of its page and may stay one for a while
        # (the plugin's fallback): translations are compared with nothing.
        default = project.i18n[1]
        signatures = {path: hashvalues for path, hashvalues in signatures.items()
                      if page_locale(project, site.pages.get(path, path)) in (None, default)}

    # Locality-sensitive hashing: a page is compared with the earlier pages that
    # share a band with it, not with every page.
    buckets: dict[tuple[int, bytes], list[str]] = defaultdict(list)
    for path, hashvalues in signatures.items():  # in path order
        candidates: set[str] = set()
        for number, band in enumerate(bands):
            bucket = buckets[(number, hashvalues[band].tobytes())]
            candidates.update(bucket)
            bucket.append(path)
        if not candidates:
            continue
        if path in entries:
            candidates -= entries
            if not candidates:
                continue
        similarity, closest = max((_similarity(hashvalues, signatures[other]), other)
                                  for other in candidates)
        if similarity < options.threshold:
            continue
        yield path, Finding(CODE, Span(1, 1), f"page is {similarity:.0%} similar to {closest} "
                                              "(near-duplicate page)")
