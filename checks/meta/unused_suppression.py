"""A `curriculint:` suppression comment suppresses nothing, or names no known rule.

Why: a stale suppression hides the next real problem on that line or in that
range, and a misspelt code never worked. A selector is judged only when every
rule it names ran on the page, so `--select FM` does not call an `ST001`
suppression unused. Opt out with `ignore = ["SUP001"]`.

Fix: deletes the comment (its whole line when it stands alone), when none of
its codes is used.

Bad:
```markdown
# Caching

<!-- curriculint: disable-next-line=ST001 -->
## Cache invalidation
```

Good:
```markdown
# Caching

<!-- curriculint: disable-next-line=ST001 -->
# Caching, again
```
"""

from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity

CODE = "SUP001"
NAME = "unused-suppression"
SEVERITY = Severity.WARNING
# The rules whose findings the examples suppress, for the docstring test.
EXAMPLE_ALSO = ("ST001",)


def check(doc: Document) -> Iterator[Finding]:
    # The engine reports these after every rule has run (`Suppressions.unused_reports`):
    # only then is it known what each suppression suppressed.
    return iter(())
