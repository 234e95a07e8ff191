"""A `#fragment` matches no id that the site renders on the target page.

Ids are computed as the site's renderer does (Python-Markdown's toc with the
slugify from `mkdocs.yml`, so "🎯 Learning Path Overview" gets
`learning-path-overview`): repeated headings get `_1`, `_2`; an attribute list
in any form attr_list accepts (`{#id}`, `{: #id }`, `{ id="x" }`, `{ id=x }`) on
a heading, paragraph, list item, table cell, image or fence (`{ .sh #id }`)
sets an id, and so does an mkdocs-autorefs anchor `[](){#id}`; `id=`/`name=` on
raw HTML count too, and content tabs' ids when pymdownx.tabbed slugifies them
(`slugify`, `combine_header_slug`). Fragments are case-sensitive. Same-page and
cross-page fragments are checked; a page that was not linted in this run is not
guessed at. A fragment the build may still make (an mkdocstrings object, content
a hook or a templating plugin expands on that page) is LNK007's, not this rule's.
The all-contributors bot's table (its `#ideas-login` links name no anchor by
design, and the bot rewrites them) is left alone. On a site with mkdocs-publisher's
pub-obsidian plugin, an inline link to another page is read as the plugin writes
it: Obsidian-style heading text (`other.md#Some%20Heading`) becomes that heading's
slug.
When one id is the obvious intent (it differs only in case, `_`/`-` or stray
hyphens, as a GitHub-style `#-learning-path-overview` does), `--fix` rewrites the
fragment; on a site whose hooks may add ids the rewrite is offered as unsafe.
A close id (a typo), or the only id that starts with the fragment's words
(`#performance` for "Performance tuning"), is named and offered as unsafe.

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
from urllib.parse import unquote

from curriculint.checks.links.anchor_ids import PageAnchors, fragment_targets, page_anchors
from curriculint.checks.links.build_targets import anchor_reason, hooks_note
from curriculint.checks.links.heading_index import CUTOFF, heading_index
from curriculint.checks.links.local_targets import LocalLink, lowered_files, unused_note
from curriculint.index.slugs import pymdownx_style, slugifier
from curriculint.load.document import Document, Finding, Severity
from curriculint.load.site import Site
from curriculint.model import Edit, Fix, RuleKind

CODE = "LNK003"
NAME = "broken-anchor"
SEVERITY = Severity.ERROR
KIND = RuleKind.SITE_PER_PAGE



def _obsidian_slug(fragment: str) -> str:
    """The anchor pub-obsidian writes for `page.md#Heading%20text`: pymdownx's
    slugify (lower case, NFD) of the decoded text, ASCII only."""
    slug = slugifier(pymdownx_style("lower", "NFD", False))(unquote(fragment), "-")
    return slug.encode("ascii", "ignore").decode()


def summarize(doc: Document) -> PageAnchors:
    return page_anchors(doc)


def _letters_from_non_ascii(text: str) -> bool:
    """Mojibake in the heading (`ğŸ¯`) whose characters add letters to its id;
    accented words (`Größe`) are the heading's own."""
    if not any(ord(char) > 127 and unicodedata.normalize("NFKD", char).encode(
            "ascii", "ignore").strip() for char in text):
        return False
    from curriculint.checks.encoding.wrong_decodes import find_mojibake

    return bool(find_mojibake(text))


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
    close = difflib.get_close_matches(fragment, heading_index(anchors).candidates(fragment),
                                      n=2, cutoff=CUTOFF)
    if len(close) == 1 or (close and difflib.SequenceMatcher(None, fragment, close[0]).ratio()
                           - difflib.SequenceMatcher(None, fragment, close[1]).ratio() > 0.1):
        return close[0], False
    # The heading's id has words more (`#BaseTextRankFactory` for the heading
    # `BaseTextRankFactory class`, id `basetextrankfactory-class`): the only one.
    start = f"{_loose(fragment)}-"
    longer = [anchor for anchor in anchors.ids
              if len(start) > 4 and _loose(anchor).startswith(start)]
    return (longer[0], False) if len(longer) == 1 else (None, False)


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


def _targets(context: Context, display: str) -> Iterator[tuple[LocalLink, str, str, str]]:
    return fragment_targets(context.site, context.summaries, context.by_relative,
                            context.lowered, display)


def page_dependencies(context: Context, display: str) -> set[str]:
    """The pages whose ids decide `display`'s findings (for per-page caching)."""
    return {target for _link, target, _relative, _where in _targets(context, display)}


def check_page(context: Context, display: str) -> Iterator[Finding]:
    project = context.site.mkdocs
    note = hooks_note(project)
    obsidian = project is not None and "pub-obsidian" in project.plugins
    for link, target_display, relative, where in _targets(context, display):
        fragment = link.fragment or ""
        target = context.summaries.get(target_display)
        if target is None or target.has(fragment):
            continue
        if obsidian and link.kind == "inline" and link.path and \
                target.has(_obsidian_slug(fragment)):
            continue
        if target.marks and anchor_reason(project, relative, target.marks, fragment):
            continue  # an id the build may make: LNK007's
        message = f"'#{fragment}' matches no id {where}{unused_note(link)}{note}"
        better, safe = _suggest(fragment, target)
        # Ids this check cannot see may exist: a repair is a guess, never safe.
        safe = safe and not note
        fix = None
        if better is not None:
            text = heading_index(target).text.get(better)
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
