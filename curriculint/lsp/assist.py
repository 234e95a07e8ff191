"""Hovers and completions.

- Hover on a finding, or on a suppression comment: the rule's documentation
  (`curriculint rule CODE`).
- Hover and completion in the frontmatter: the keys and values of the page's
  collection schema (docs/collections.md).
- Completion of link targets: the site's files relative to the page, and after
  `#` the ids the target page renders (its index's heading ids, `{#id}`s,
  `id=` attributes).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator, Sequence
from typing import Any

from lsprotocol import types
from pygls.workspace import PositionCodec

from curriculint.lsp.convert import covers, from_position, position, to_range
from curriculint.lsp.state import OpenPage, State
from curriculint.model import Report, Span

_DIRECTIVE = re.compile(
    r"<!--\s*curriculint:\s*(?:disable-next-line|disable-file|disable|enable)"
    r"(?:\s*=\s*(?P<codes>[\w\-, ]+?))?\s*-->")
_INLINE = re.compile(r"\]\(\s*<?(?P<target>[^)\s>]*)$")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?P<target>[^\s>]*)$")
_HTML = re.compile(r"""\b(?:href|src)\s*=\s*["'](?P<target>[^"']*)$""")
_KEY_LINE = re.compile(r"^(?P<key>[^\s:#\-][^:#]*?)\s*:(?:\s|$)")
_VALUE = re.compile(r"^(?P<key>[^\s:#\-][^:#]*?)\s*:\s*(?P<value>[^#]*)$")
_ITEM = re.compile(r"^\s*-\s*(?P<value>[^#]*)$")
_MAX_FILES = 2_000  # link targets offered at once; the client filters as one types


def _rule_markdown(codes: Sequence[str]) -> str:
    from curriculint.report.rule_docs import render_rule
    from curriculint.run.registry import find_rule

    parts = []
    for code in dict.fromkeys(codes):
        rule = find_rule(code)
        if rule is not None:
            parts.append(f"### {rule.code} {rule.name}\n\n{render_rule(rule)}")
    return "\n\n---\n\n".join(parts)


def _selector_codes(selector: str) -> list[str]:
    from curriculint.run.registry import all_rules, matches

    if selector == "*":
        return []
    return [rule.code for rule in all_rules() if matches(rule, selector)]


def _suppression_hover(text: str, line: int, column: int) -> tuple[list[str], Span] | None:
    """The codes a suppression comment under the cursor names (the one the
    cursor is on, else all of them), and the comment's span."""
    for match in _DIRECTIVE.finditer(text):
        if not match.start() + 1 <= column <= match.end() + 1:
            continue
        span = Span(line, match.start() + 1, line, match.end() + 1)
        codes_text = match["codes"] or ""
        offset = match.start("codes") if match["codes"] else -1
        selectors: list[str] = []
        for piece in re.finditer(r"[^,\s]+", codes_text):
            if offset + piece.start() + 1 <= column <= offset + piece.end() + 1:
                selectors = [piece.group(0)]
                break
        else:
            selectors = [piece.group(0) for piece in re.finditer(r"[^,\s]+", codes_text)]
        codes = [code for selector in selectors for code in _selector_codes(selector)]
        return codes, span
    return None


def _markup(value: str, markdown: bool) -> types.MarkupContent:
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    return types.MarkupContent(kind=kind, value=value)


def hover(state: State, page: OpenPage, reports: Sequence[Report], where: types.Position,
          codec: PositionCodec, markdown: bool = True) -> types.Hover | None:
    lines = page.lines
    if not lines:
        return None
    line, column = from_position(lines, where, codec)
    text = lines[line - 1] if line <= len(lines) else ""
    named = _suppression_hover(text, line, column)
    if named is not None:
        codes, span = named
        value = (_rule_markdown(codes[:5]) if codes else
                 "A suppression comment for every rule (`curriculint rules` lists them).")
        if len(codes) > 5:
            value += f"\n\n…and {len(codes) - 5} more rules: {', '.join(codes[5:])}"
        return types.Hover(contents=_markup(value, markdown), range=to_range(lines, span, codec))
    hits = [report for report in reports if covers(report.span, line, column)]
    if hits:
        return types.Hover(contents=_markup(_rule_markdown([report.code for report in hits]),
                                            markdown),
                           range=to_range(lines, hits[0].span, codec))
    return _frontmatter_hover(state, page, line, column, codec, markdown)


# -- frontmatter -------------------------------------------------------------------


def frontmatter_lines(lines: Sequence[str]) -> tuple[int, int] | None:
    """The 1-based first and last line inside the frontmatter (the last may be
    the end of the page while the closing `---` is not typed yet)."""
    if not lines or lines[0].rstrip() != "---":
        return None
    for number in range(2, len(lines) + 1):
        if lines[number - 1].rstrip() in ("---", "..."):
            return 2, number - 1
    return 2, len(lines)


def _schema(state: State, page: OpenPage) -> dict[str, Any]:
    from curriculint.load.collections import schema_for

    collection = page.doc.collection if page.doc is not None else None
    return schema_for(collection).json_schema()


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    for _ in range(10):
        reference = node.get("$ref")
        if not isinstance(reference, str) or not reference.startswith("#/"):
            break
        found: Any = schema
        for part in reference[2:].split("/"):
            found = found.get(part, {}) if isinstance(found, dict) else {}
        node = found if isinstance(found, dict) else {}
    return node


def _variants(schema: dict[str, Any], node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    node = _resolve(schema, node)
    alternatives = node.get("anyOf") or node.get("oneOf")
    if isinstance(alternatives, list):
        for alternative in alternatives:
            if isinstance(alternative, dict):
                yield from _variants(schema, alternative)
    else:
        yield node


def choices(schema: dict[str, Any], node: dict[str, Any]) -> list[Any]:
    """The values a key accepts, when the schema lists them."""
    found: list[Any] = []
    for variant in _variants(schema, node):
        if isinstance(variant.get("enum"), list):
            found += variant["enum"]
        elif "const" in variant:
            found.append(variant["const"])
        elif variant.get("type") == "boolean":
            found += [True, False]
    return list(dict.fromkeys(value for value in found if value is not None))


def _items(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    for variant in _variants(schema, node):
        if variant.get("type") == "array" and isinstance(variant.get("items"), dict):
            return variant["items"]
    return {}


def _type_text(schema: dict[str, Any], node: dict[str, Any]) -> str:
    kinds = []
    for variant in _variants(schema, node):
        kind = variant.get("type")
        if kind == "array":
            inner = _type_text(schema, variant.get("items") or {}) or "any"
            kinds.append(f"list of {inner}")
        elif isinstance(kind, str) and kind != "null":
            kinds.append(f"{kind} ({variant['format']})" if "format" in variant else kind)
        elif "enum" in variant:
            kinds.append("one of the values below")
    return " or ".join(dict.fromkeys(kinds))


def _yaml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if re.fullmatch(r"[\w .\-/]+", text) and text.strip() == text and text.lower() not in (
            "true", "false", "null", "yes", "no", "on", "off", "~"):
        return text
    return json.dumps(text, ensure_ascii=False)


def key_docs(schema: dict[str, Any], key: str) -> str:
    properties = schema.get("properties") or {}
    node = properties.get(key)
    if not isinstance(node, dict):
        return ""
    resolved = _resolve(schema, node)
    parts = [f"**{key}**" + (" (required)" if key in (schema.get("required") or ()) else "")]
    description = node.get("description") or resolved.get("description")
    if description:
        parts.append(str(description))
    kind = _type_text(schema, node)
    if kind:
        parts.append(f"Type: {kind}.")
    allowed = choices(schema, node) or choices(schema, _items(schema, node))
    if allowed:
        parts.append("Values: " + ", ".join(f"`{_yaml(value)}`" for value in allowed) + ".")
    if node.get("default") is not None:
        parts.append(f"Default: `{_yaml(node['default'])}`.")
    for variant in _variants(schema, node):
        if "pattern" in variant:
            parts.append(f"Pattern: `{variant['pattern']}`.")
    title = schema.get("title")
    if title:
        parts.append(f"Schema: {title}.")
    return "\n\n".join(parts)


def _frontmatter_hover(state: State, page: OpenPage, line: int, column: int,
                       codec: PositionCodec, markdown: bool) -> types.Hover | None:
    inside = frontmatter_lines(page.lines)
    if inside is None or not inside[0] <= line <= inside[1]:
        return None
    text = page.lines[line - 1]
    match = _KEY_LINE.match(text)
    key = match["key"] if match else _owner(page.lines, line, inside[0])
    if key is None:
        return None
    docs = key_docs(_schema(state, page), key)
    if not docs:
        return None
    span = Span(line, 1, line, len(match["key"]) + 1) if match else Span(line, 1, line,
                                                                         len(text) + 1)
    return types.Hover(contents=_markup(docs, markdown), range=to_range(page.lines, span, codec))


def _owner(lines: Sequence[str], line: int, first: int) -> str | None:
    """The top-level key a list item or continuation line belongs to."""
    for number in range(line - 1, first - 1, -1):
        match = _KEY_LINE.match(lines[number - 1])
        if match:
            return match["key"]
    return None


def _edit_range(lines: Sequence[str], line: int, start: int, end: int,
                codec: PositionCodec) -> types.Range:
    """0-based character offsets `start`..`end` of 1-based `line`."""
    return types.Range(start=position(lines, line, start + 1, codec),
                       end=position(lines, line, end + 1, codec))


def _frontmatter_completion(state: State, page: OpenPage, line: int, column: int,
                            inside: tuple[int, int], codec: PositionCodec, markdown: bool
                            ) -> list[types.CompletionItem]:
    lines = page.lines
    before = lines[line - 1][:column - 1]
    schema = _schema(state, page)
    properties = schema.get("properties") or {}
    required = set(schema.get("required") or ())
    if re.fullmatch(r"[\w\-]*", before):
        present = {match["key"] for number in range(inside[0], inside[1] + 1)
                   if (match := _KEY_LINE.match(lines[number - 1]))}
        items = []
        for key, node in properties.items():
            if key in present or not isinstance(node, dict):
                continue
            items.append(types.CompletionItem(
                label=key, kind=types.CompletionItemKind.Property,
                detail=_type_text(schema, node) or None,
                documentation=(_markup(key_docs(schema, key), markdown) if markdown
                               else key_docs(schema, key)),
                sort_text=("0" if key in required else "1") + key,
                text_edit=types.TextEdit(range=_edit_range(lines, line, 0, len(before), codec),
                                         new_text=f"{key}: ")))
        return items
    value = _VALUE.match(before)
    item = _ITEM.match(before)
    if value is not None:
        key, typed = value["key"], value["value"]
        node = properties.get(key)
        allowed = choices(schema, node) if isinstance(node, dict) else []
    elif item is not None:
        key, typed = _owner(lines, line, inside[0]) or "", item["value"]
        node = properties.get(key)
        allowed = choices(schema, _items(schema, node)) if isinstance(node, dict) else []
    else:
        return []
    start = len(before) - len(typed)
    return [types.CompletionItem(
        label=_yaml(choice), kind=types.CompletionItemKind.EnumMember,
        detail=f"{key} value",
        text_edit=types.TextEdit(range=_edit_range(lines, line, start, len(before), codec),
                                 new_text=_yaml(choice))) for choice in allowed]


# -- links -----------------------------------------------------------------------


def _target_partial(before: str) -> str | None:
    for pattern in (_INLINE, _DEFINITION, _HTML):
        match = pattern.search(before)
        if match is not None:
            return match["target"]
    return None


def _anchor_items(state: State, page: OpenPage, path: str) -> list[tuple[str, str]]:
    """(id, heading text or "") of the page `path` links to ("" for this page)."""
    from curriculint.checks.links.local_targets import lowered_files, resolve
    from curriculint.load.document import parse

    if not path:
        doc = page.doc
        if doc is None:
            return []
        return _ids_of(doc.index.headings, set(doc.index.ids) | set(doc.index.attr_ids))
    live = state.live_for(page.path)
    if live is None:
        return []
    site = live.site
    relative = site.pages.get(page.display, "")
    found = resolve(site, relative, path, lowered_files(site)).found
    if found is None:
        return []
    display = next((display for display, rel in site.pages.items() if rel == found), None)
    if display is not None:
        summary = live.states.get("LNK003")
        anchors = summary.summaries.get(display) if summary else None
        if anchors is not None:
            return [(anchor, text) for anchor, text in anchors.headings] + [
                (anchor, "") for anchor in sorted(anchors.ids)
                if anchor not in dict(anchors.headings)]
    other = state.open_by_display.get(display or "")
    try:
        raw = other.raw if other is not None else (site.root / found).read_bytes()
    except OSError:
        return []
    doc = parse(raw, display or found, live.parse_options(display or ""))
    return _ids_of(doc.index.headings, set(doc.index.ids) | set(doc.index.attr_ids))


def _ids_of(headings: Sequence[Any], ids: set[str]) -> list[tuple[str, str]]:
    found = [(heading.id, heading.text) for heading in headings if heading.id]
    listed = {anchor for anchor, _text in found}
    return found + [(anchor, "") for anchor in sorted(ids - listed)]


def _file_items(state: State, page: OpenPage, typed: str) -> list[tuple[str, bool]]:
    """(path relative to the page, is a page) of the site's files."""
    live = state.live_for(page.path)
    if live is None:
        return []
    site = live.site
    relative = site.pages.get(page.display) or live.relative(page.path.resolve())
    folder = posixpath.dirname(relative) or "."
    prefix = typed.rpartition("/")[0]
    found = []
    for name in sorted(site.files):
        if name == relative:
            continue
        shown = posixpath.relpath(name, folder)
        if prefix and not shown.startswith(f"{prefix}/"):
            continue
        found.append((shown, name.lower().endswith((".md", ".markdown"))))
    found.sort(key=lambda item: (not item[1], item[0].count("../"), item[0]))
    return found[:_MAX_FILES]


def _link_completion(state: State, page: OpenPage, line: int, before: str, typed: str,
                     codec: PositionCodec) -> types.CompletionList:
    lines = page.lines
    end = len(before)
    if "#" in typed:
        path, _hash, fragment = typed.partition("#")
        from urllib.parse import unquote

        start = end - len(fragment)
        anchors = _anchor_items(state, page, unquote(path.partition("?")[0]))
        items = [types.CompletionItem(
            label=anchor, kind=types.CompletionItemKind.Reference,
            detail=text or None, sort_text=f"{number:05d}",
            text_edit=types.TextEdit(range=_edit_range(lines, line, start, end, codec),
                                     new_text=anchor))
            for number, (anchor, text) in enumerate(anchors)]
        return types.CompletionList(is_incomplete=False, items=items)
    start = end - len(typed)
    files = _file_items(state, page, typed)
    items = [types.CompletionItem(
        label=shown, kind=types.CompletionItemKind.File if is_page
        else types.CompletionItemKind.Value, sort_text=f"{number:05d}",
        text_edit=types.TextEdit(range=_edit_range(lines, line, start, end, codec),
                                 new_text=shown))
        for number, (shown, is_page) in enumerate(files)]
    return types.CompletionList(is_incomplete=len(files) >= _MAX_FILES, items=items)


def complete(state: State, page: OpenPage, where: types.Position, codec: PositionCodec,
             markdown: bool = True) -> types.CompletionList | None:
    lines = page.lines
    if not lines:
        return None
    line, column = from_position(lines, where, codec)
    if line > len(lines):
        return None
    before = lines[line - 1][:column - 1]
    inside = frontmatter_lines(lines)
    if inside is not None and inside[0] <= line <= inside[1]:
        return types.CompletionList(is_incomplete=False, items=_frontmatter_completion(
            state, page, line, column, inside, codec, markdown))
    typed = _target_partial(before)
    if typed is None or "://" in typed or typed.startswith(("mailto:", "//")):
        return None
    return _link_completion(state, page, line, before, typed, codec)
