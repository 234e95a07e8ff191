"""A reference link (`[text][label]`, `[label][]`, or `[page.md]` alone, a label
that names a page) whose label no definition on the page gives: it renders as
the brackets and words, not as a link. So does an inline link written with a
space before its target (`[the guide] (guide.md)`, a web address or a page in
the parentheses): neither Python-Markdown nor CommonMark takes one there.

Labels match as CommonMark matches them (letter case and runs of spaces
ignored). Left alone: footnotes (`[^1]`), code, author-year citations side by
side (`[Ames, 2011][Dunn, 1998]`, meant as text), and sites where something
else may define the label. A definition counts wherever it is written, in
an admonition, a list item or a tab too (Python-Markdown takes it for the
whole page), and on a line after one that is no definition (`[label] url`, a
colon missing), where CommonMark would read text but Python-Markdown still
takes a definition line. mkdocs-autorefs (with mkdocstrings) resolves
`[title][id]` against every page's headings, pymdownx.snippets may append
definitions to every page (`auto_append`), and a page that includes a file
(`--8<--`, `{!file!}`, `{% include-markdown %}`) or expands a macro may take
its definitions from it.

Why: the reader sees `[the manual][manual]` in the text and no link, and
MkDocs builds it without a warning.

Bad:
```markdown
Read [the install guide][install] first.
```

Good:
```markdown
Read [the install guide][install] first.

[install]: install.md
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from curriculint.checks.links.build_targets import build_marks, included_files
from curriculint.checks.links.local_targets import no_other_page
from curriculint.load.document import Document, Finding, Severity
from curriculint.load.site import Site
from curriculint.model import RuleKind, Span

CODE = "LNK008"
NAME = "undefined-reference"
SEVERITY = Severity.ERROR
KIND = RuleKind.SITE_PER_PAGE

# `[text][label]` or `[label][]`, not right after a word or a bracket (`a[0][1]`),
# nor where the second bracket is an inline link's text (`[tag][text](url)` is
# the bracketed tag as text, then a link).
_REFERENCE = re.compile(
    r"(?<![\w\]\)!\\])\[(?P<text>[^\[\]\n]+)\]\[(?P<label>[^\[\]\n]*)\](?!\()")
# `[setup.md]` alone: a shortcut reference to a label that names a page, which
# an author meant as a link (other bracketed words are often meant as text).
_PAGE_SHORTCUT = re.compile(r"(?<![\w\]\)!\\\[])\[(?P<text>[^\[\]\n]+\.md(?:#[^\[\]\n]*)?)\]"
                            r"(?![\[\(:\]])")
# `[text] (target)`: an inline link broken by the space before `(` (Python-Markdown
# and CommonMark take no space there), its target a web address or a page. Not a
# task box (`[x] (done)`) nor a number (`[1] (https://...)`, a reference list's entry).
_SPACED_LINK = re.compile(
    r"(?<![\w\]\)!\\\[])\[(?P<text>(?![ xX]\]|\d+\])[^\[\]\n]+)\][ \t]+\((?P<target>"
    r"https?://[^\s()]+|(?:\.{0,2}/)?[^\s():]+\.(?:md|html?)(?:#[^\s()]*)?)\)")
# An author-year citation: a name, a comma (or `et al.`), a year.
_CITATION = re.compile(r"(?:,|\bet al\.?)\s*(?:1[5-9]|20)\d\d[a-z]?\s*$")
# Plugins that define labels the page does not: autorefs' cross-references.
_LABEL_PLUGINS = ("autorefs", "mkdocstrings")

# (span, label, target): the target of a link a space broke; "" for a reference.
Summary = tuple[tuple[Span, str, str], ...]


def summarize(doc: Document) -> Summary:
    """The page's references to labels it does not define; none when it includes
    a snippet, whose definitions this check does not see."""
    runs = [run for run in doc.index.text_runs
            if "][" in run.text or ".md]" in run.text or "] (" in run.text]
    if not runs:
        return ()
    if included_files(doc) or any("8<" in text or "{{" in text
                                  for _line, text in build_marks(doc).expansions):
        return ()  # an included file or a macro may define the labels
    from markdown_it.common.utils import normalizeReference

    defined = doc.index.reference_labels
    found = []
    for run in runs:
        source = doc.line_text(run.line)
        for match in _REFERENCE.finditer(run.text):
            # The run blanks inline code in place: the label as written is the
            # source's (`[the `root` key][]`), for the lookup and the message.
            span = Span.of(run.line, run.column + match.start(), match.end() - match.start())
            written = _REFERENCE.fullmatch(
                source[span.column - 1 : span.end_column - 1]) or match
            label = written["label"] or written["text"]
            if _CITATION.search(label):
                continue  # `[Bolt & Carver, 2015][Dunn, 1998]`: two citations, shown as such
            if (label.startswith("^") or not label.strip()
                    or normalizeReference(label) in defined):
                continue
            found.append((span, label, ""))
        if "] (" in run.text:
            for match in _SPACED_LINK.finditer(run.text):
                if normalizeReference(match["text"]) not in defined:
                    found.append((Span.of(run.line, run.column + match.start(),
                                          match.end() - match.start()),
                                  match["text"], match["target"]))
        if ".md]" not in run.text:
            continue
        for match in _PAGE_SHORTCUT.finditer(run.text):
            label = match["text"]
            if normalizeReference(label) not in defined:
                found.append((Span.of(run.line, run.column + match.start(),
                                      match.end() - match.start()), label, ""))
    return tuple(found)


@dataclass(frozen=True)
class Context:
    site: Site
    summaries: Mapping[str, Summary]
    silent: bool  # the site defines labels this check does not see


def prepare(site: Site, summaries: Mapping[str, Summary]) -> Context:
    project = site.mkdocs
    silent = project is not None and (project.has_plugin(*_LABEL_PLUGINS)
                                      or bool(project.appended_snippets))
    return Context(site, summaries, silent)


page_dependencies = no_other_page


def check_page(context: Context, display: str) -> Iterator[Finding]:
    if context.silent:
        return
    for span, label, target in context.summaries[display]:
        if target:
            yield Finding(CODE, span, f"'[{label}]' and '({target})' are no link: the space "
                          "between ']' and '(' makes them plain text; remove it")
            continue
        yield Finding(CODE, span, f"reference '[{label}]' is defined nowhere on the page: it "
                      "renders as plain text; add '[label]: target' or write the link inline")
