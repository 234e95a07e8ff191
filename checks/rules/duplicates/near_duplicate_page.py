"""Two pages of the site are near copies of each other.

Why: a page copied to a second place drifts from the original, splits links
and search results between the two, and doubles the maintenance. Pages are
compared by MinHash signatures of their word shingles, bucketed with
locality-sensitive hashing (the `datasketch` package), so large sites are not
compared pair by pair. Each pair is reported once, on the later path, with
the estimated similarity. Tune `threshold` and `min_words` under
`[tool.curriculint.rules.DUP006]`.

Bad:
```text
docs/leases.md        150 words on leases, expiry and fencing
docs/leases-copy.md   the same text with two words changed
```

Good:
```text
docs/leases.md        150 words on leases, expiry and fencing
docs/fencing.md       links to leases.md instead of repeating it
```
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from checks.blocks import page_units
from checks.document import Document, Finding, Severity, Span

CODE = "DUP006"
NAME = "near-duplicate-page"
SEVERITY = Severity.WARNING

MIN_PAGES = 2  # a one-page run has nothing to compare (and skips importing datasketch)
NUM_PERM = 64
_SHINGLE = 5


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # Estimated Jaccard similarity of word shingles at or above which two pages are copies.
    threshold: float = Field(default=0.8, ge=0.3, le=1.0)
    # Pages shorter than this are stubs and index pages that share boilerplate.
    min_words: int = Field(default=150, ge=1)


def summarize(doc: Document) -> tuple[int, str, tuple[int, ...]]:
    """(word count, MinHash scheme, MinHash signature) of the page body."""
    from datasketch import MinHash

    words = [word for unit in page_units(doc) for word in unit.words]
    # crc32 is C-fast and stable across processes (cached summaries stay comparable).
    signature = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32)
    signature.update_batch(
        " ".join(words[at:at + _SHINGLE]).encode()
        for at in range(max(len(words) - _SHINGLE + 1, 1)))
    return len(words), str(signature.scheme), tuple(int(value) for value in signature.hashvalues)


def check_site(site: Any, summaries: dict[str, tuple[int, str, tuple[int, ...]]],
               options: Options | None = None) -> Iterator[tuple[str, Finding]]:
    import numpy as np
    from datasketch import LeanMinHash, MinHashLSH

    options = options or Options()
    index = MinHashLSH(threshold=options.threshold, num_perm=NUM_PERM)
    signatures: dict[str, LeanMinHash] = {}
    for path in sorted(summaries):
        words, scheme, hashvalues = summaries[path]
        if words < options.min_words:
            continue
        signature = LeanMinHash(seed=1, hashvalues=np.array(hashvalues, dtype=np.uint64),
                                scheme=scheme)
        signatures[path] = signature
        index.insert(path, signature)
    for path in sorted(signatures):
        earlier = [other for other in index.query(signatures[path]) if other < path]
        if not earlier:
            continue
        scored = [(signatures[path].jaccard(signatures[other]), other) for other in earlier]
        similarity, closest = max(scored)
        if similarity < options.threshold:
            continue
        yield path, Finding(CODE, Span(1, 1), f"page is {similarity:.0%} similar to {closest} "
                                              "(near-duplicate page)")
