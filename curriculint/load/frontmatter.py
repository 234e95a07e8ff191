"""YAML frontmatter: composed once, with the file line of every key.

PyYAML's safe loader silently keeps the last of two equal keys and raises on
impossible dates; both become problems at their real file line here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

# A YAML bomb expands aliases into a huge object graph; real frontmatter uses few.
MAX_EXPANDED_NODES = 20_000
MAX_FRONTMATTER_CHARS = 200_000
# Real frontmatter nests a few levels; PyYAML builds values recursively.
MAX_NESTING = 64


@dataclass(frozen=True, slots=True)
class YamlProblem:
    kind: str  # "syntax", "duplicate-key", "value", "not-a-mapping", "unclosed", "too-large"
    line: int
    column: int
    message: str
    # Other file lines a reader may look at for the same problem.
    related_lines: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Frontmatter:
    """Parsed frontmatter. Lines are 1-based file lines."""

    present: bool
    start_line: int = 1  # the opening `---`
    end_line: int = 1  # the closing `---`
    data: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    # Line of each list item under a key, for errors located inside a list.
    item_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)
    problems: tuple[YamlProblem, ...] = ()
    raw: str = ""

    def line_of(self, key: str | None) -> int:
        """The file line of `key`, or of the frontmatter start for a missing key."""
        if key is not None and key in self.key_lines:
            return self.key_lines[key]
        return self.start_line


NO_FRONTMATTER = Frontmatter(present=False)


def _file_line(first_content_line: int, mark: yaml.Mark) -> int:
    """A 0-based YAML mark line inside the block -> 1-based file line."""
    return first_content_line + mark.line


# libyaml when PyYAML was built with it: composing is most of the YAML cost.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TooDeep(Exception):
    pass


def _expanded_size(node: yaml.Node, memo: dict[int, tuple[int, int]], limit: int,
                   depth: int = 0) -> int:
    """Nodes the document has once aliases are expanded (what a consumer walks).

    Raises `_TooDeep` when the expanded nesting passes MAX_NESTING: PyYAML
    constructs recursively, so a deep document would exhaust Python's stack.
    """
    return _walk(node, memo, limit, depth)[0]


def _walk(node: yaml.Node, memo: dict[int, tuple[int, int]], limit: int, depth: int
          ) -> tuple[int, int]:
    """(expanded size, expanded height) of `node`, found `depth` levels down."""
    known = memo.get(id(node))
    if known is not None:
        if depth + known[1] > MAX_NESTING:
            raise _TooDeep
        return known
    if depth > MAX_NESTING:
        raise _TooDeep
    memo[id(node)] = (1, 0)  # a recursive alias counts once
    size, height = 1, 0
    children: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    for child in children:
        child_size, child_height = _walk(child, memo, limit, depth + 1)
        size += child_size
        height = max(height, child_height + 1)
        if size > limit:
            break
    memo[id(node)] = (size, height)
    return size, height


def parse_frontmatter(raw: str, start_line: int, end_line: int) -> Frontmatter:
    """Parse the YAML between the `---` lines at `start_line` and `end_line` (1-based)."""
    first = start_line + 1
    problems: list[YamlProblem] = []
    if len(raw) > MAX_FRONTMATTER_CHARS:
        problems.append(
            YamlProblem("too-large", start_line, 1, f"frontmatter is larger than "
                        f"{MAX_FRONTMATTER_CHARS} characters; not parsed")
        )
        return Frontmatter(True, start_line, end_line, problems=tuple(problems), raw=raw)
    loader = _Loader(raw)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            if "nesting depth" in (error.problem or ""):
                return _too_deep(raw, start_line, end_line)  # PyYAML >= 6.0.4's own limit
            mark = error.problem_mark or error.context_mark
            line = _file_line(first, mark) if mark else start_line
            column = mark.column + 1 if mark else 1
            reason = error.problem or "invalid YAML"
            context = f" ({error.context})" if error.context else ""
            problems.append(
                YamlProblem("syntax", line, column, f"YAML syntax error: {reason}{context}",
                            (start_line,))
            )
            return Frontmatter(True, start_line, end_line, problems=tuple(problems), raw=raw)
        except yaml.YAMLError as error:
            problems.append(YamlProblem("syntax", start_line, 1, f"YAML error: {error}"))
            return Frontmatter(True, start_line, end_line, problems=tuple(problems), raw=raw)
        except RecursionError:
            # The pure-Python composer recurses per nesting level (libyaml does not).
            return _too_deep(raw, start_line, end_line)
        if node is None:
            return Frontmatter(True, start_line, end_line, raw=raw)
        try:
            expanded = _expanded_size(node, {}, MAX_EXPANDED_NODES)
        except _TooDeep:
            return _too_deep(raw, start_line, end_line)
        if expanded > MAX_EXPANDED_NODES:
            problems.append(YamlProblem(
                "too-large", start_line, 1,
                f"frontmatter expands to more than {MAX_EXPANDED_NODES} values through "
                "aliases (a YAML bomb?); not parsed"))
            return Frontmatter(True, start_line, end_line, problems=tuple(problems), raw=raw)
        if not isinstance(node, yaml.MappingNode):
            problems.append(
                YamlProblem("not-a-mapping", _file_line(first, node.start_mark), 1,
                            "frontmatter must be a mapping of keys to values")
            )
            return Frontmatter(True, start_line, end_line, problems=tuple(problems), raw=raw)
        data: dict[str, Any] = {}
        key_lines: dict[str, int] = {}
        item_lines: dict[str, tuple[int, ...]] = {}
        for key_node, value_node in node.value:
            key_line = _file_line(first, key_node.start_mark)
            try:
                key = loader.construct_object(key_node, deep=True)
            except (yaml.YAMLError, ValueError, TypeError) as error:
                problems.append(YamlProblem("value", key_line, key_node.start_mark.column + 1,
                                            f"invalid key: {error}"))
                continue
            key = str(key)
            if key in key_lines:
                problems.append(
                    YamlProblem("duplicate-key", key_line, key_node.start_mark.column + 1,
                                f"duplicate key '{key}' (first on line {key_lines[key]}); "
                                "YAML keeps only the last value")
                )
            try:
                value = loader.construct_object(value_node, deep=True)
            except (yaml.YAMLError, ValueError, TypeError, OverflowError) as error:
                # PyYAML raises ValueError for impossible dates such as 2025-02-30.
                problems.append(
                    YamlProblem("value", _file_line(first, value_node.start_mark),
                                value_node.start_mark.column + 1,
                                f"invalid value for '{key}': {error}")
                )
                key_lines.setdefault(key, key_line)
                continue
            data[key] = value
            key_lines[key] = key_line
            if isinstance(value_node, yaml.SequenceNode):
                item_lines[key] = tuple(
                    _file_line(first, item.start_mark) for item in value_node.value
                )
    finally:
        loader.dispose()
    return Frontmatter(True, start_line, end_line, data, key_lines, item_lines,
                       tuple(problems), raw)


def _too_deep(raw: str, start_line: int, end_line: int) -> Frontmatter:
    problem = YamlProblem("too-large", start_line, 1,
                          f"frontmatter nests deeper than {MAX_NESTING} levels; not parsed")
    return Frontmatter(True, start_line, end_line, problems=(problem,), raw=raw)
