"""The ids one page renders, as the link rules need them.

Not a rule: LNK003 and LNK007 share it. Heading ids come from the index (toc
slugs, `{#id}` and `{ id="x" }` on headings); attribute lists elsewhere, autorefs
anchors `[](){#id}` and fence ids from `Index.attr_ids`; raw HTML `id`/`name`;
content-tab ids when pymdownx.tabbed slugifies them; and the spots where the
build adds content (curriculint.checks.links.build_targets).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from curriculint.checks.links.build_targets import NO_MARKS, BuildMarks, build_marks
from curriculint.checks.links.local_targets import (
    LocalLink,
    is_page,
    local_links,
    resolve_link,
)
from curriculint.index.slugs import slugifier
from curriculint.load.document import Document, per_document
from curriculint.load.site import Site

# Ids the theme or extensions add at render time (content tabs, code line numbers,
# footnotes), the HTML spec's "#top", and text fragments.
_RENDERED_PREFIXES = ("__", "fn:", "fnref:", ":~:", "!")
_ALWAYS_VALID = {"", "top"}
_HEADING_LINE = re.compile(r"^#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")


@dataclass(frozen=True, slots=True)
class PageAnchors:
    ids: frozenset[str]
    headings: tuple[tuple[str, str], ...]  # (id, text) in page order
    links: tuple[LocalLink, ...]  # links with a fragment
    marks: BuildMarks = NO_MARKS  # what the build expands or rewrites on the page

    def __reduce__(self) -> tuple[type[PageAnchors], tuple[Any, ...]]:
        return PageAnchors, (self.ids, self.headings, self.links, self.marks)

    def has(self, fragment: str) -> bool:
        """Whether `fragment` (percent-decoded) names an id of the page; ids a
        percent-encoding slugify wrote (`cr%C3%A8me`) answer the decoded form too."""
        return fragment in self.ids or (not fragment.isascii()
                                        and quote(fragment.encode("utf-8")) in self.ids)


@per_document
def page_anchors(doc: Document) -> PageAnchors:
    index = doc.index
    ids = set(index.ids) | set(index.attr_ids) | set(index.tab_ids)
    # md_in_html turns raw <h2>..</h2> inside `markdown` blocks into headings the
    # toc gives ids; which blocks those are is not tracked, so allow each slug and
    # its first suffixes.
    for html_heading in index.html_headings:
        slug = html_heading.slug
        ids.update({slug, *(f"{slug}_{count}" for count in range(1, 4))})
    ids.update(_ids_in_doubtful_fences(doc))
    links = tuple(link for link in local_links(doc) if link.fragment is not None)
    if "ALL-CONTRIBUTORS-LIST:START" in doc.text:
        generated = _bot_lines(doc)
        links = tuple(link for link in links if link.span.line not in generated)
    headings = tuple((heading.id, heading.text) for heading in index.headings)
    return PageAnchors(frozenset(ids), headings, links, build_marks(doc))


def _bot_lines(doc: Document) -> set[int]:
    """The lines of the all-contributors bot's table: its `#ideas-login` links
    name no anchor by the bot's design, and the bot rewrites them."""
    found: set[int] = set()
    start = None
    for number, line in enumerate(doc.lines, start=1):
        if "ALL-CONTRIBUTORS-LIST:START" in line:
            start = number
        elif "ALL-CONTRIBUTORS-LIST:END" in line and start is not None:
            found.update(range(start, number + 1))
            start = None
    return found


def _ids_in_doubtful_fences(doc: Document) -> set[str]:
    """Heading-like lines inside a fence that opens indented and holds lines at
    column 1: the signature of a fence left open inside a list item, where
    Python-Markdown's superfences and CommonMark disagree about where code ends.
    Their slugs are allowed so that a disagreement is never reported."""
    slugify = slugifier(doc.index.slug_style)
    found: set[str] = set()
    for fence in doc.index.fences:
        opener = doc.line_text(fence.start_line)
        if not opener.startswith(" ") or opener.startswith("    "):
            continue
        for line in fence.content.splitlines():
            match = _HEADING_LINE.match(line)
            if match:
                slug = slugify(match.group(1), "-")
                found.update({slug, *(f"{slug}_{count}" for count in range(1, 4))})
    return found


def fragment_targets(site: Site, summaries: Mapping[str, PageAnchors],
                     by_relative: dict[str, str], lowered: dict[str, str], display: str
                     ) -> Iterator[tuple[LocalLink, str, str, str]]:
    """(link, target page's display path, its docs-relative path, where) for each
    checkable fragment link of `display`."""
    page = site.pages.get(display, "")
    for link in summaries[display].links:
        fragment = link.fragment or ""
        if fragment in _ALWAYS_VALID or fragment.startswith(_RENDERED_PREFIXES):
            continue
        if not link.path:
            yield link, display, page, "on this page"
            continue
        found = resolve_link(site, page, link, lowered).found
        if found is None or not is_page(found) or found not in by_relative:
            continue  # missing pages are LNK002's; unlinted pages are unknown
        yield link, by_relative[found], found, f"in '{found}'"
