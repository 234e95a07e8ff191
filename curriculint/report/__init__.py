"""Reporters: pure functions from reports to text. Only `cli.main` prints.

Each `render_X(reports, files, ...) -> str` takes the sorted reports and the
number of files checked; `render` passes the options a format understands.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Any

from curriculint.model import Report

Renderer = Callable[..., str]

# format -> (module, function); imported only when asked for
_RENDERERS = {
    "text": ("curriculint.report.text", "render_text"),
    "json": ("curriculint.report.json", "render_json"),
    "sarif": ("curriculint.report.sarif", "render_sarif"),
    "junit": ("curriculint.report.junit", "render_junit"),
    "github": ("curriculint.report.github", "render_github"),
    "markdown": ("curriculint.report.markdown", "render_markdown"),
    "html": ("curriculint.report.html", "render_html"),
}
FORMATS = tuple(_RENDERERS)
# Formats read by programs: no colour, no progress bar, nothing else on stdout.
MACHINE_FORMATS = frozenset({"json", "sarif", "junit", "github"})


def get_renderer(name: str) -> Renderer:
    """The renderer for a format name."""
    module, function = _RENDERERS[name]
    renderer: Renderer = getattr(importlib.import_module(module), function)
    return renderer


def render(name: str, reports: Sequence[Report], files: int, *,
           paths: Sequence[str] = (), color: bool = False, excerpts: bool = True,
           quiet: bool = False, fix_hint: str = "--fix") -> str:
    """Render one format; `paths` (every file checked) lets JUnit list clean files;
    `quiet` leaves the text format's summary out; `fix_hint` says how safe fixes
    are applied where the command runs."""
    options: dict[str, Any] = {}
    if name == "text":
        options = {"color": color, "excerpts": excerpts, "quiet": quiet, "fix_hint": fix_hint}
    elif name == "junit":
        options = {"paths": paths}
    return get_renderer(name)(reports, files, **options)
