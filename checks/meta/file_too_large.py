r"""A file is too large, or has a line too long, to be checked within bounded time.

Why: the checks are meant for pages people write; a multi-megabyte page or a
line of hundreds of kilobytes is generated output, a pasted data dump or an
attack on the checker, and would cost minutes and gigabytes. Such a file is
not parsed at all, and this finding says so, instead of it being skipped in
silence. Raise `max-file-bytes` (default 1 000 000) or `max-line-bytes`
(default 50 000) under `[tool.curriculint]` if the file is legitimate, or
exclude it.

Bad:
```python title="page.md (bytes)"
# one line of 200 000 bytes: a pasted base64 image (a 30 MB page is reported too)
b"# Latency\n\n![chart](data:image/png;base64," + b"A" * 200_000 + b")\n"
```

Good:
```markdown
# Latency

![chart](latency-chart.png)
```
"""

from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity

CODE = "IO001"
NAME = "file-too-large"
SEVERITY = Severity.ERROR


def check(doc: Document) -> Iterator[Finding]:
    # The engine reports these before parsing (`curriculint.run.lint_page`): a
    # file over the limits never becomes a Document.
    return iter(())
