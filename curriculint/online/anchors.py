"""Element ids and names an HTML page defines: what a #fragment can land on."""

from __future__ import annotations

from html.parser import HTMLParser


class _IdCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if value and (key == "id" or (key == "name" and tag == "a")):
                self.ids.add(value)


def html_ids(body: bytes, charset: str | None = None) -> set[str]:
    collector = _IdCollector()
    collector.feed(body.decode(charset or "utf-8", errors="replace"))
    collector.close()
    return collector.ids


def fragment_present(fragment: str, ids: set[str]) -> bool:
    from urllib.parse import unquote

    # Empty and "top" fragments always work in browsers.
    return fragment in ("", "top") or fragment in ids or unquote(fragment) in ids
