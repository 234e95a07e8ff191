"""Reporters: pure functions from reports to text. Only `cli.main` prints."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from checks.model import Report

Renderer = Callable[[Sequence[Report], int], str]


def get_renderer(name: str) -> Renderer:
    """The renderer for a format name; imported only when asked for."""
    if name == "text":
        from checks.reporters.text import render_text

        return render_text
    if name == "json":
        from checks.reporters.json import render_json

        return render_json
    if name == "github":
        from checks.reporters.github import render_github

        return render_github
    raise KeyError(name)


FORMATS = ("text", "json", "github")
