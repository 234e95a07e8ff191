"""The page as Markdown sees it on a site that renders pages as Jinja templates
first (mkdocs-macros, markdownextradata): comments (`{# ... #}`) render nothing,
and a template expression or statement that spans lines (a macro called with a
block of text) is template code, not Markdown. Both are blanked, columns and
line numbers kept, so every rule reads what the template leaves and a finding
still points at the file as written. `{% raw %}` blocks are left as they are:
Jinja prints them literally. Fixes are applied to the file's own text, never to
this view.
"""

from __future__ import annotations

import re

_TEMPLATE_CODE = re.compile(
    r"(?P<raw>\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\})"
    r"|\{#.*?#\}"
    r"|\{\{(?:(?!\}\}).)*?\n.*?\}\}"
    r"|\{%(?:(?!%\}).)*?\n.*?%\}", re.DOTALL)
_NOT_NEWLINE = re.compile(r"[^\n]")


def without_template_code(text: str) -> str:
    """`text` with Jinja comments and multi-line template code blanked."""
    if "{#" not in text and "\n" not in text:
        return text

    def blank(match: re.Match[str]) -> str:
        return match[0] if match["raw"] else _NOT_NEWLINE.sub(" ", match[0])

    return _TEMPLATE_CODE.sub(blank, text)
