"""One document: read once, decoded once, parsed once, indexed once.

    path -read_bytes-> bytes -decode-> text -parse-> tokens -+-> Frontmatter
                                                             +-> Index -> checks
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from curriculint.load.decode import Decoded, DecodeProblem, decode, split_lines
from curriculint.model import Finding, Severity, Span

if TYPE_CHECKING:
    from markdown_it.token import Token

    from curriculint.index.page_index import Index
    from curriculint.load.collections import Collection, CollectionSet
    from curriculint.load.frontmatter import Frontmatter
    from curriculint.load.schema import SchemaIssue

__all__ = ["Document", "Finding", "Severity", "Span", "load", "parse"]


@dataclass(frozen=True, slots=True)
class ParseOptions:
    slug_style: str = "toc"
    strip_shortcodes: bool = True
    # pymdownx.emoji's index (curriculint.index.emoji.EMOJI_INDEXES): which shortcodes leave ids.
    emoji_index: str = "material"
    # The page's path in its docs folder, and the configured collections: which
    # schema its frontmatter is checked against (curriculint/load/collections.py).
    site_path: str = ""
    collections: CollectionSet | None = None
    # pymdownx.tabbed's `slugify` as a slug style ("" without one: tabs get
    # `__tabbed_N_M` ids), `combine_header_slug` and `separator`.
    tab_slug_style: str = ""
    tab_combine_header: bool = False
    tab_separator: str = "-"
    # (build script, regular expression, flags) of the site's page-rewriting hooks
    # (curriculint.load.build_steps): the link rules note where each page matches.
    hook_patterns: tuple[tuple[str, str, int], ...] = ()
    # The site's search splits words at U+200B: it is written on purpose (mkdocs_config.py).
    zero_width_space_separates: bool = False
    # The site renders pages as Jinja templates first (mkdocs-macros and its kin):
    # comments and multi-line template code are not Markdown (load/templates.py).
    jinja: bool = False
    # toc's `baselevel`: `#` renders as this level (2: a page of `#` sections).
    toc_baselevel: int = 1
    # The site renders `$$ ... $$` blocks as math (pymdownx.arithmatex, mdx_math).
    math: bool = False
    # pymdownx.escapeall: a backslash escapes any character (attribute-list ids).
    escape_all: bool = False
    # A file beside an MkDocs site, in none of its docs folders (a README, a
    # CHANGELOG): GitHub renders it, the site does not build it.
    beside_site: bool = False
    # fenced_code without pymdownx.superfences: a fence opens only at the margin.
    fences_at_margin: bool = False
    # def_list (or extra) is enabled, or the site's extensions are unknown.
    definitions: bool = True

    @property
    def key(self) -> str:
        """Everything here, as a cache key part: a page parsed with other options
        has another index and other summaries."""
        key = (f"{self.slug_style}|{self.emoji_index}|{self.tab_slug_style}|"
               f"{int(self.tab_combine_header)}|{self.tab_separator}|{self.site_path}")
        if self.hook_patterns:
            hooks = hashlib.sha256(repr(self.hook_patterns).encode()).hexdigest()[:16]
            key += f"|{hooks}"
        if self.zero_width_space_separates:
            key += "|zwsp"
        if self.jinja:
            key += "|jinja"
        if self.math:
            key += "|math"
        if self.escape_all:
            key += "|escapeall"
        if self.beside_site:
            key += "|beside"
        if self.fences_at_margin:
            key += "|marginfences"
        if not self.definitions:
            key += "|nodeflist"
        if self.toc_baselevel != 1:
            key += f"|base{self.toc_baselevel}"
        return key


DEFAULT_OPTIONS = ParseOptions()


@dataclass(frozen=True)
class Document:
    path: str  # as reported: relative to the working directory where possible
    raw: bytes
    text: str
    lines: tuple[str, ...]
    tokens: tuple[Token, ...]
    frontmatter: Frontmatter
    index: Index
    decode_problems: tuple[DecodeProblem, ...]
    had_bom: bool
    newline: str
    # The file starts with `---` but no closing `---` was found.
    unclosed_frontmatter: bool
    binary: bool = False
    options: ParseOptions = DEFAULT_OPTIONS

    @property
    def body_start(self) -> int:
        """First line after the frontmatter (1-based)."""
        return self.frontmatter.end_line + 1 if self.frontmatter.present else 1

    @cached_property
    def collection(self) -> Collection | None:
        """The configured collection this page belongs to, if any."""
        from curriculint.load.schema import collection_of

        return collection_of(self.frontmatter, self.options.site_path or self.path,
                             self.options.collections)

    @cached_property
    def schema_issues(self) -> tuple[SchemaIssue, ...]:
        """Frontmatter checked against its collection's schema; shared by the FM rules."""
        from curriculint.load.schema import validate

        return validate(self.frontmatter, self.collection)

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""


T = TypeVar("T")


def per_document(function: Callable[[Document], T]) -> Callable[[Document], T]:
    """Memoise a pure function of a document on that document.

    For walks several rules share (page units, local links, prose pieces): the
    first rule pays, the others reuse, and the memo dies with the document.
    """
    key = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def shared(doc: Document) -> T:
        # A frozen dataclass blocks attribute assignment, not its own __dict__
        # (functools.cached_property relies on the same).
        memo = doc.__dict__.setdefault("_derived", {})
        if key not in memo:
            memo[key] = function(doc)
        return memo[key]

    return shared


def parse(raw: bytes, path: str, options: ParseOptions | None = None) -> Document:
    """Build a Document from bytes already read; no I/O."""
    # Imported here, not at the top: a run that finds every page in the cache
    # parses nothing and never loads markdown-it, yaml or the index.
    from curriculint.index.page_index import build_index
    from curriculint.load.frontmatter import NO_FRONTMATTER, parse_frontmatter
    from curriculint.load.parser import build_parser

    options = options or ParseOptions()
    decoded = decode(raw)
    if decoded.binary:
        # Nothing in a binary file is Markdown; ENC001 reports it once.
        return _binary_document(raw, path, decoded)
    text = decoded.text
    if options.jinja and "{" in text:
        from curriculint.load.templates import without_template_code

        text = without_template_code(text)
    lines = split_lines(text)
    # A page that opens with `---` and no `key:` line after it opens with a
    # thematic break: MkDocs keeps what does not read as a mapping as content.
    opens_frontmatter = not lines or lines[0].rstrip() != "---" or _keys_follow(lines)
    parser = build_parser(front_matter=opens_frontmatter, math=options.math,
                          termless_definitions=options.definitions)
    env: dict[str, object] = {}
    tokens = parser.parse(text, env)
    frontmatter = NO_FRONTMATTER
    unclosed = False
    if tokens and tokens[0].type == "front_matter" and tokens[0].map is not None:
        start, end = tokens[0].map
        frontmatter = parse_frontmatter(tokens[0].content, start + 1, end)
    elif lines and lines[0].rstrip() == "---" and opens_frontmatter:
        unclosed = True
    references = env.get("references")
    index = build_index(
        tokens,
        lines,
        slug_style=options.slug_style,
        strip_shortcodes=options.strip_shortcodes,
        emoji_index=options.emoji_index,
        tabs=(options.tab_slug_style, options.tab_combine_header, options.tab_separator),
        escape_all=options.escape_all,
        normalize_link=parser.normalizeLink,
        references=references if isinstance(references, dict) else None,
        body_start=frontmatter.end_line + 1 if frontmatter.present else 1,
    )
    return Document(
        path=path,
        raw=raw,
        text=text,
        lines=tuple(lines),
        tokens=tuple(tokens),
        frontmatter=frontmatter,
        index=index,
        decode_problems=decoded.problems,
        had_bom=decoded.had_bom,
        newline=decoded.newline,
        unclosed_frontmatter=unclosed,
        options=options,
    )


# A top-level YAML key: `title:`, `"og:title":`, `tags:` at the start of a line.
_KEY_LINE = re.compile(r"""^(?:[^\s#:\-\[\]{}>|*&!%@`'"][^:\n]*|"[^"\n]*"|'[^'\n]*')\s*:(?:\s|$)""")


def _keys_follow(lines: list[str]) -> bool:
    """The first line after an opening `---` that is neither blank nor a YAML
    comment is a `key:` line (or the block is closed at once, `---` `---`)."""
    for line in lines[1:]:
        stripped = line.strip()
        if stripped in ("---", "..."):
            return True
        if not stripped or stripped.startswith("#"):
            continue
        return _KEY_LINE.match(line) is not None
    return False


def _binary_document(raw: bytes, path: str, decoded: Decoded) -> Document:
    from curriculint.index.page_index import build_index
    from curriculint.load.frontmatter import NO_FRONTMATTER

    return Document(path=path, raw=raw, text="", lines=("",), tokens=(),
                    frontmatter=NO_FRONTMATTER, index=build_index([], [""]),
                    decode_problems=decoded.problems, had_bom=decoded.had_bom,
                    newline=decoded.newline, unclosed_frontmatter=False, binary=True)


def read(path: Path) -> bytes:
    """The only place the pipeline reads a document from disk."""
    return path.read_bytes()


def load(path: Path, display: str | None = None, options: ParseOptions | None = None) -> Document:
    return parse(read(path), display or str(path), options)
