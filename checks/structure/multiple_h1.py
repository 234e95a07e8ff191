"""A page has more than one H1 (a line holding only `#` counts too).

Why: the H1 is the page title; a second one splits the page in two for
readers, screen readers and the table of contents. Where toc's `baselevel`
renders `#` one level down or more, `#` headings are the page's sections and
the rule is silent; so it is on a file beside an MkDocs site in none of its
docs folders (a CHANGELOG with an H1 per release), which the site does not
build and GitHub shows as written.

Bad:
```markdown
# Caching

# Caching
```

Good:
```markdown
# Caching

## Cache invalidation
```
"""

from collections.abc import Iterator

from curriculint.load.document import Document, Finding, Severity

CODE = "ST001"
NAME = "multiple-h1"
SEVERITY = Severity.ERROR


def check(doc: Document) -> Iterator[Finding]:
    if doc.options.toc_baselevel > 1:
        return  # toc's `baselevel` renders `#` lower: a page of `#` sections, no H1
    if doc.options.beside_site:
        return  # a CHANGELOG beside the site, `#` per release: GitHub's to show, not a page
    first = None
    for heading in doc.index.headings:
        if heading.level != 1:
            continue
        if first is None:
            first = heading
            continue
        what = f"'{heading.text}'" if heading.text else "an empty H1"
        yield Finding(CODE, heading.span,
                      f"second H1 {what}; the page's first H1 is '{first.text}' "
                      f"(line {first.line})")
