"""A `#fragment` matches no id that the site renders on the target page.

Ids are computed as the site's renderer does (Python-Markdown's toc with the
slugify from `mkdocs.yml`, so "🎯 Learning Path Overview" gets
`learning-path-overview`): repeated headings get `_1`, `_2`; `{#id}` replaces
the slug; `id=`/`name=` on raw HTML and `{: #id }` attribute lists count too.
Fragments are case-sensitive. Same-page and cross-page fragments are checked;
a page that was not linted in this run is not guessed at. When one id is the
obvious intent (it differs only in case, `_`/`-` or stray hyphens, as a
GitHub-style `#-learning-path-overview` does), `--fix` rewrites the fragment.

Why: a table of contents or cross-reference that does not scroll anywhere
leaves the learner at the top of a long page.

Bad:
```markdown
# Guide

- [Overview](#-overview)

## 🎯 Overview
```

Good:
```markdown
# Guide

- [Overview](#overview)

## 🎯 Overview
```
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from curriculint.checks.links.local_targets import (
    LocalLink,
    is_page,
    local_links,
    lowered_files,
    resolve,
)
from curriculint.index.slugs import slugifier
from curriculint.load.document import Document, Finding, Severity
from curriculint.load.site import Site
from curriculint.model import Edit, Fix, RuleKind

CODE = "LNK003"
NAME = "broken-anchor"
SEVERITY = Severity.ERROR
KIND = RuleKind.SITE_PER_PAGE

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


def summarize(doc: Document) -> PageAnchors:
    index = doc.index
    ids = set(index.ids) | set(index.attr_ids)
    # md_in_html turns raw <h2>..</h2> inside `markdown` blocks into headings the
    # toc gives ids; which blocks those are is not tracked, so allow each slug and
    # its first suffixes.
    for html_heading in index.html_headings:
        slug = html_heading.slug
        ids.update({slug, *(f"{slug}_{count}" for count in range(1, 4))})
    ids.update(_ids_in_doubtful_fences(doc))
    links = tuple(link for link in local_links(doc) if link.fragment is not None)
    headings = tuple((heading.id, heading.text) for heading in index.headings)
    return PageAnchors(frozenset(ids), headings, links)


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


def _letters_from_non_ascii(text: str) -> bool:
    return any(ord(char) > 127 and unicodedata.normalize("NFKD", char).encode(
        "ascii", "ignore").strip() for char in text)


def _loose(value: str) -> str:
    return re.sub(r"-+", "-", value.replace("_", "-")).strip("-").lower()


@functools.lru_cache(maxsize=256)
def _loose_ids(ids: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Each page's ids by their loose form, computed once per page, not per link."""
    grouped: dict[str, set[str]] = {}
    for anchor in ids:
        grouped.setdefault(_loose(anchor), set()).add(anchor)
    return {loose: tuple(sorted(found)) for loose, found in grouped.items()}


def _suggest(fragment: str, anchors: PageAnchors) -> tuple[str | None, bool]:
    """The id the fragment most likely means, and whether it is the only candidate."""
    same = _loose_ids(anchors.ids).get(_loose(fragment), ())
    if len(same) == 1:
        return same[0], True
    if same:
        return None, False
    heading_ids = [heading_id for heading_id, _ in anchors.headings]
    close = difflib.get_close_matches(fragment, heading_ids, n=2, cutoff=0.8)
    if len(close) == 1 or (close and difflib.SequenceMatcher(None, fragment, close[0]).ratio()
                           - difflib.SequenceMatcher(None, fragment, close[1]).ratio() > 0.1):
        return close[0], False
    return None, False


@dataclass(frozen=True)
class Context:
    """What every page's check reads: the site, all summaries, path lookups."""

    site: Site
    summaries: Mapping[str, PageAnchors]
    by_relative: dict[str, str]
    lowered: dict[str, str]


def prepare(site: Site, summaries: Mapping[str, PageAnchors]) -> Context:
    return Context(site, summaries, {relative: display for display, relative in site.pages.items()},
                   lowered_files(site))


def _targets(context: Context, display: str) -> Iterator[tuple[LocalLink, str, str]]:
    """(link, target page, where) for each checked fragment link of `display`."""
    page = context.site.pages.get(display, "")
    for link in context.summaries[display].links:
        fragment = link.fragment or ""
        if fragment in _ALWAYS_VALID or fragment.startswith(_RENDERED_PREFIXES):
            continue
        if not link.path:
            yield link, display, "on this page"
            continue
        found = resolve(context.site, page, link.path, context.lowered).found
        if found is None or not is_page(found) or found not in context.by_relative:
            continue  # missing pages are LNK002's; unlinted pages are unknown
        yield link, context.by_relative[found], f"in '{found}'"


def page_dependencies(context: Context, display: str) -> set[str]:
    """The pages whose ids decide `display`'s findings (for per-page caching)."""
    return {target for _link, target, _where in _targets(context, display)}


def check_page(context: Context, display: str) -> Iterator[Finding]:
    for link, target_display, where in _targets(context, display):
        fragment = link.fragment or ""
        target = context.summaries.get(target_display)
        if target is None or fragment in target.ids:
            continue
        message = f"'#{fragment}' matches no id {where}"
        better, safe = _suggest(fragment, target)
        fix = None
        if better is not None:
            text = dict(target.headings).get(better)
            message += (f"; the heading '{text}' has the id '{better}'" if text
                        else f"; did you mean '#{better}'?")
            if text and _letters_from_non_ascii(text):
                # Mojibake such as 'ğŸ¯' adds letters to the id; repairing the
                # heading changes the id again, so no fix is offered.
                message += " (letters in it come from non-ASCII characters)"
            elif link.fragment_span is not None and link.fragment == link.target.partition(
                    "#")[2]:
                fix = Fix((Edit(link.fragment_span, better),), f"link to '#{better}'",
                          safe=safe)
        yield Finding(CODE, link.span, message, fix)


def check_site(site: Site, summaries: Mapping[str, PageAnchors]
               ) -> Iterator[tuple[str, Finding]]:
    context = prepare(site, summaries)
    for display in summaries:
        for finding in check_page(context, display):
            yield display, finding
