"""Which files of a docs folder MkDocs leaves out of the built site: dot files,
`templates/` folders, and what mkdocs.yml's `exclude_docs` names (gitignore
syntax, docs-relative; a `!pattern` takes a default exclusion back)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from curriculint.load.site import MkDocsProject

DEFAULT_EXCLUDE = (".*", "/templates/")


@lru_cache(maxsize=16)
def ignore_spec(lines: tuple[str, ...]) -> Any:
    import pathspec  # only for sites that exclude something a run meets

    return pathspec.GitIgnoreSpec.from_lines(lines)


def excluded_reason(project: MkDocsProject | None, path: str) -> str | None:
    """Why the docs-relative file `path` is left out of the built site, or None."""
    if project is None or not path or \
            not ignore_spec(DEFAULT_EXCLUDE + project.exclude_docs).match_file(path):
        return None
    if project.exclude_docs and ignore_spec(project.exclude_docs).match_file(path):
        return "mkdocs.yml's exclude_docs leaves it out of the site"
    return "MkDocs leaves dot files and 'templates/' folders out of the site"
