"""A page writes syntax whose Markdown extension the site's mkdocs.yml
does not enable: an admonition (`!!! note`) without `admonition`, a
collapsible block (`??? note`) without `pymdownx.details`, content tabs
(`=== "Tab"`) without `pymdownx.tabbed`, an HTML block with a `markdown`
attribute (`<div class="grid cards" markdown>`) that holds Markdown, without
`md_in_html` (or `extra`), an icon shortcode (`:material-rocket:`) without
`pymdownx.emoji`, a code fence inside a list item, an admonition or a quote
without `pymdownx.superfences` (fenced_code reads fences at the margin only),
a definition (`:   text` under its term) without `def_list` (or `extra`), a
task list item (`- [ ] step`) without `pymdownx.tasklist`.
Nothing is said on a site with a plugin that adds extensions of its own
(mkdocs-gallery).

Why: MkDocs renders what no extension reads as plain text: the reader sees
`!!! note` and the indented body as a code block, `=== "Linux"` above
every tab's content, or the Markdown source of a card grid. Reported once per
page and construct, at its first use, only on a page of an MkDocs site (the
extensions are its mkdocs.yml's,
INHERIT parents merged; nothing is said when a parent cannot be read).

Bad:
```yaml title="mkdocs.yml"
site_name: Course
markdown_extensions:
  - admonition
```

```markdown title="docs/index.md"
# Quiz

??? tip "Show the answer"
    Forty-two.
```

Good:
```yaml title="mkdocs.yml"
site_name: Course
markdown_extensions:
  - admonition
  - pymdownx.details
```

```markdown title="docs/index.md"
# Quiz

??? tip "Show the answer"
    Forty-two.
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from curriculint.checks.links.local_targets import no_other_page
from curriculint.load.document import Document, Finding, Severity, Span
from curriculint.load.parser import OPEN_MARKDOWN_TAG
from curriculint.load.site import DEFINITION_EXTENSIONS, NESTED_FENCE_EXTENSIONS, Site
from curriculint.model import RuleKind

CODE = "ST008"
NAME = "extension-not-enabled"
SEVERITY = Severity.ERROR
KIND = RuleKind.SITE_PER_PAGE

# The extensions that read Markdown inside an element marked `markdown`.
MD_IN_HTML_EXTENSIONS = frozenset({"md_in_html", "markdown.extensions.md_in_html", "extra",
                                   "markdown.extensions.extra", "pymdownx.extra"})

# construct -> (how the page writes it, the extensions that read it)
_READERS: dict[str, tuple[str, frozenset[str]]] = {
    "admonition": ("'!!!' admonitions", frozenset({
        "admonition", "markdown.extensions.admonition"})),
    "details": ("'???' collapsible blocks", frozenset({"pymdownx.details"})),
    "tabs": ("'===' content tabs", frozenset({"pymdownx.tabbed"})),
    "md_in_html": ("HTML blocks with a 'markdown' attribute", MD_IN_HTML_EXTENSIONS),
    "icons": ("icon shortcodes like ':material-x:'", frozenset({"pymdownx.emoji"})),
    # fenced_code reads fences at the margin only: in a list item, an admonition or
    # a quote the fence and its code show as inline code
    "nested_fences": ("code fences inside list items, admonitions or quotes",
                      NESTED_FENCE_EXTENSIONS),
    "definitions": ("definition lists (':   text' under a term)", DEFINITION_EXTENSIONS),
    "tasks": ("task lists ('- [ ] step')", frozenset({"pymdownx.tasklist"})),
}
_NEEDS = {"admonition": "admonition", "details": "pymdownx.details", "tabs": "pymdownx.tabbed",
          "md_in_html": "md_in_html", "icons": "pymdownx.emoji",
          "nested_fences": "pymdownx.superfences", "definitions": "def_list",
          "tasks": "pymdownx.tasklist"}
# Python-Markdown's def_list: a colon, one to three spaces, text, under a term line.
_DEFINITION = re.compile(r"[ ]{0,3}:[ ]{1,3}\S")
_TASK = re.compile(r"\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s")

# The icon sets Material for MkDocs ships, as its shortcodes name them: only
# pymdownx.emoji turns them into icons (`:smile:`-like words are too common a
# way of writing other things to count).
_ICON = re.compile(r"(?<![\w:]):(?:material|fontawesome|octicons|simple)-[a-z0-9-]+:(?![\w:])")

# `markdown="0"`: the element's content stays raw HTML, extension or not.
_RAW = re.compile(r"""\smarkdown=["']?0""", re.IGNORECASE)

def _holds_markdown(doc: Document, line: int, fenced: frozenset[int]) -> bool:
    """Some line of the element, up to its closing tag, is not HTML: raw HTML alone
    (`<img>`, `<figcaption>`) shows the same with md_in_html or without, and so
    does fenced code (`fenced`: its lines; fenced_code and superfences take fences
    out of the page before raw HTML is read)."""
    name = doc.line_text(line).lstrip()[1:].split(None, 1)[0].rstrip(">").lower()
    for number in range(line + 1, len(doc.lines) + 1):
        if number in fenced:
            continue
        inner = doc.line_text(number).strip()
        if inner.lower().startswith(f"</{name}"):
            return False
        if inner and not inner.startswith("<"):
            return True
    return False


# (construct, line, column, width) of each construct's first use on the page
Summary = tuple[tuple[str, int, int, int], ...]


def summarize(doc: Document) -> Summary:
    first: dict[str, tuple[int, int, int]] = {}
    for admonition in doc.index.admonitions:
        construct = "admonition" if admonition.marker == "!!!" else "details"
        if construct not in first:
            text = doc.line_text(admonition.line)
            column = len(text) - len(text.lstrip()) + 1
            first[construct] = (admonition.line, column, len(admonition.marker))
    for block in doc.index.blocks:
        if block.kind == "fence" and block.depth and "nested_fences" not in first:
            text = doc.line_text(block.start_line)
            stripped = text.lstrip(" \t>")
            if stripped.startswith(("```", "~~~")):
                first["nested_fences"] = (block.start_line, len(text) - len(stripped) + 1, 3)
        if block.kind == "tab" and "tabs" not in first:
            text = doc.line_text(block.start_line)
            if text.lstrip().startswith("==="):
                column = len(text) - len(text.lstrip()) + 1
                first["tabs"] = (block.start_line, column, 3)
    for run in doc.index.text_runs:
        if run.context != "term" or "definitions" in first:
            continue
        below = next((number for number in range(run.line + 1, min(run.line + 3, len(doc.lines))
                                                 + 1) if doc.line_text(number).strip()), 0)
        if below and _DEFINITION.match(doc.line_text(below)):
            first["definitions"] = (below, doc.line_text(below).index(":") + 1, 1)
    for block in doc.index.blocks:
        if block.kind == "item" and _TASK.match(doc.line_text(block.start_line)):
            text = doc.line_text(block.start_line)
            first["tasks"] = (block.start_line, text.index("[") + 1, 3)
            break
    if ":" in doc.text:
        for run in doc.index.text_runs:
            match = _ICON.search(run.text) if "-" in run.text else None
            if match:
                first["icons"] = (run.line, run.column + match.start(), len(match.group()))
                break
    if "markdown" in doc.text:
        fenced = frozenset(line for block in doc.index.blocks if block.kind == "fence"
                           for line in range(block.start_line, block.end_line + 1))
        for block in doc.index.blocks:
            if block.kind != "html" or "md_in_html" in first:
                continue
            text = doc.line_text(block.start_line)
            if OPEN_MARKDOWN_TAG.match(text.strip()) and not _RAW.search(text) and \
                    _holds_markdown(doc, block.start_line, fenced):
                column = len(text) - len(text.lstrip()) + 1
                first["md_in_html"] = (block.start_line, column, len(text.strip()))
    return tuple((construct, *where) for construct, where in sorted(
        first.items(), key=lambda item: item[1]))


@dataclass(frozen=True)
class Context:
    site: Site
    summaries: Mapping[str, Summary]
    missing: frozenset[str]  # constructs no enabled extension reads


def prepare(site: Site, summaries: Mapping[str, Summary]) -> Context:
    project = site.mkdocs
    if project is None or not project.extensions_settled:
        return Context(site, summaries, frozenset())
    enabled = set(project.extensions)
    missing = frozenset(construct for construct, (_, readers) in _READERS.items()
                        if not readers & enabled)
    return Context(site, summaries, missing)


page_dependencies = no_other_page


def check_page(context: Context, display: str) -> Iterator[Finding]:
    if not context.missing:
        return
    for construct, line, column, width in context.summaries[display]:
        if construct in context.missing:
            what = _READERS[construct][0]
            yield Finding(CODE, Span.of(line, column, width),
                          f"{what} need the {_NEEDS[construct]} extension, which mkdocs.yml "
                          "does not enable: MkDocs shows them as text (this is the page's "
                          "first)")
