"""Which `:shortcode:` texts the site's emoji extension turns into images.

pymdownx.emoji replaces a shortcode only when its emoji index knows it; the
image has no text, so the shortcode leaves the heading's id. An unknown one
stays as text and becomes part of the id (`:material-rocket:` on a site that
uses the default emojione index gives `material-rocket-...`). The indexes are
pymdown-extensions' own tables, imported on the first heading that needs one.
"""

from __future__ import annotations

import importlib
from functools import cache

# The `emoji_index` setting of pymdownx.emoji, reduced to these names.
EMOJI_INDEXES = ("none", "emojione", "twemoji", "gemoji", "material", "all")
_DATABASES = {"emojione": "pymdownx.emoji1_db", "twemoji": "pymdownx.twemoji_db",
              "gemoji": "pymdownx.gemoji_db", "material": "pymdownx.twemoji_db"}
# Material for MkDocs adds its icon sets to the twemoji index.
_MATERIAL_ICONS = ("material-", "fontawesome-", "octicons-", "simple-")


def index_name(setting: str | None) -> str:
    """The index named by an `emoji_index` value such as
    `!!python/name:material.extensions.emoji.twemoji`; None: the extension is off."""
    if setting is None:
        return "none"
    lowered = setting.lower()
    if "material" in lowered:
        return "material"
    for name in ("twemoji", "gemoji"):
        if name in lowered:
            return name
    return "emojione"


@cache
def _known(index: str) -> frozenset[str]:
    try:
        database = importlib.import_module(_DATABASES[index])
    except ImportError:  # pymdown-extensions absent: treat every shortcode as an emoji
        return frozenset()
    return frozenset(database.emoji) | frozenset(database.aliases)


def renders_as_image(shortcode: str, index: str) -> bool:
    """`shortcode` is written with its colons, e.g. `:rocket:`."""
    if index == "none":
        return False
    if index == "all":
        return True
    if index == "material" and shortcode[1:].startswith(_MATERIAL_ICONS):
        return True
    known = _known(index)
    return not known or shortcode in known
