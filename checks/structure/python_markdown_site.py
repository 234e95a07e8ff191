"""What the rules about Python-Markdown's reading of lists share: they speak only
on the pages of an MkDocs site whose extensions are known, and not where an
extension changes that reading (sane_lists keeps list kinds apart,
mdx_truly_sane_lists nests at two spaces, pymdownx.fancylists reads `1)`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from curriculint.load.site import Site

S = TypeVar("S")


@dataclass(frozen=True)
class PythonMarkdownSite(Generic[S]):
    site: Site
    summaries: Mapping[str, S]
    active: bool  # an MkDocs site, extensions known, none of those the rule names


def prepare_unless(site: Site, summaries: Mapping[str, S], extensions: frozenset[str]
                   ) -> PythonMarkdownSite[S]:
    """`extensions` by their last dotted name (`sane_lists` for
    `markdown.extensions.sane_lists`)."""
    project = site.mkdocs
    active = project is not None and project.extensions_known and not any(
        name.rsplit(".", 1)[-1] in extensions for name in project.extensions)
    return PythonMarkdownSite(site, summaries, active)
