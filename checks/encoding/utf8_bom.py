"""The file starts with a UTF-8 byte order mark.

Why: harmless to MkDocs, but some tools then miss the frontmatter's opening
`---`; UTF-8 needs no BOM.

Bad: the bytes `EF BB BF` before `---`.

Good: the file starts directly with `---`.
"""

from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity, Span

CODE = "ENC002"
NAME = "utf8-bom"
SEVERITY = Severity.INFO


def check(doc: Document) -> Iterator[Finding]:
    if doc.had_bom:
        yield Finding(CODE, Span(1, 1), "file starts with a UTF-8 byte order mark")
