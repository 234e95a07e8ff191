"""What a MkDocs site's search plugin says about the text: whether it splits
words at U+200B ZERO WIDTH SPACE (`plugins: [search: {separator: ...}]`).

A site that lists U+200B among its search separators writes it on purpose,
as a word break in text without spaces (Chinese, Japanese, Thai), so
invisible-character leaves it alone. Read once per mkdocs.yml; tags such as
`!!python/name:` are read as nothing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

_ZWSP_FORMS = ("\u200b", "\\u200b", "\\u200B", "\\x{200b}", "\\x{200B}")


@cache
def _loader() -> Any:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def anything(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
        return None

    Loader.add_multi_constructor("", anything)
    return Loader


def _search_options(data: Any) -> dict[str, Any]:
    plugins = data.get("plugins") if isinstance(data, dict) else None
    entries = plugins if isinstance(plugins, list) else [plugins] if isinstance(
        plugins, dict) else []
    for entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get("search"), dict):
            return entry["search"]
        if isinstance(entry, dict) and "search" in entry:
            return {}
    if isinstance(plugins, dict) and isinstance(plugins.get("search"), dict):
        return plugins["search"]
    return {}


def splits_at_zero_width_space(config_file: Path) -> bool:
    """Whether the search plugin of this mkdocs.yml separates words at U+200B."""
    try:
        status = config_file.stat()
    except OSError:
        return False
    return _splits(config_file, status.st_mtime_ns, status.st_size)


@cache
def _splits(config_file: Path, modified: int, size: int) -> bool:
    """Keyed by the file's status too: a long-lived process sees an edited file."""
    import yaml

    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_loader())
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
    separator = _search_options(data).get("separator")
    return isinstance(separator, str) and any(form in separator for form in _ZWSP_FORMS)
