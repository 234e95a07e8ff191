"""What a site's build steps may add that its Markdown does not show, read from
their Python source with `ast` (never imported, never run).

A build step is a hook file listed in mkdocs.yml (`hooks:`, or mkdocs-simple-hooks)
or a mkdocs-gen-files script. The link rules ask two things of it:

* does it rewrite pages in a way that makes ids? Only the functions reachable
  from a page event (`on_page_markdown`, `on_page_content`, `on_post_page`,
  `on_page_read_source`) and the Markdown processor classes it defines (an
  extension registered from `on_config` runs them on every page) count: the
  regular expressions (literals, or f-strings and sums of the module's string
  constants) and literal strings they replace (`patterns`, matched against each
  page's text to find the spots the hook rewrites), the page paths they name
  (`page_names`), and whether their strings or names speak of ids at all
  (`makes_ids`: an attribute list `{ #x }`, `id=`, `<hN`, a Markdown heading, or
  names such as anchor, toc, heading, slug);
* does it write files into the site at build time (`writes_files`: a build event
  such as `on_pre_build`/`on_files` whose code writes, or any gen-files script),
  and which names may those files have (`names`: the string literals it uses)?
"""

from __future__ import annotations

import ast
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

PAGE_EVENTS = frozenset({"on_page_markdown", "on_page_content", "on_post_page",
                         "on_page_read_source"})
BUILD_EVENTS = frozenset({"on_startup", "on_config", "on_pre_build", "on_files", "on_nav"})
_RE_FUNCTIONS = {"sub": 4, "subn": 4, "search": 1, "match": 1, "fullmatch": 1,
                 "findall": 1, "finditer": 1, "compile": 1, "split": 3}
_COMPILED_METHODS = frozenset({"sub", "subn", "search", "match", "fullmatch", "findall",
                               "finditer", "split"})
_FLAGS = {"I": re.I, "IGNORECASE": re.I, "M": re.M, "MULTILINE": re.M, "S": re.S,
          "DOTALL": re.S, "X": re.X, "VERBOSE": re.X, "A": re.A, "ASCII": re.A}
# In the strings of page-event code: an attribute list with an id, an id
# attribute, a heading tag, a Markdown heading line.
_ID_STRING = re.compile(r"\{\s*:?\s*#|\bid\s*=|<h[1-6]\b|(?:^|\n)#{1,6} ", re.I)
_ID_WORD = re.compile(r"anchor|\btoc\b|toc_|heading|slug|permalink", re.I)
_WRITES = re.compile(r"write_text|write_bytes|\.write\(|shutil\.copy|copyfile|File\.generated"
                     r"|files\.append|mkdocs_gen_files|\bFile\(")
# The base classes of Python-Markdown's processors (`Preprocessor`,
# `markdown.treeprocessors.Treeprocessor`, `InlineProcessor`, `Pattern`).
_PROCESSOR_BASES = ("Preprocessor", "Postprocessor", "Treeprocessor", "Processor", "Pattern")
# A literal that may name a file or folder: no spaces, no URL, not a format string.
_NAME_LIKE = re.compile(r"^[\w.@+-]+(?:/[\w.@+-]+)*/?$")


@dataclass(frozen=True, slots=True)
class BuildScript:
    path: str  # as mkdocs.yml names it (relative to the config's folder)
    page_events: bool
    makes_ids: bool
    patterns: tuple[tuple[str, int], ...]  # (regular expression, re flags)
    literals: tuple[str, ...]  # the strings of page-event code (pieces of what it writes)
    page_names: tuple[str, ...]
    writes_files: bool
    names: tuple[str, ...]
    digest: str


def _base_name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else ""


def _flags(node: ast.expr | None) -> int:
    if node is None:
        return 0
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return node.value
    if isinstance(node, ast.Attribute) and node.attr in _FLAGS:
        return _FLAGS[node.attr]
    if isinstance(node, ast.Name) and node.id in _FLAGS:
        return _FLAGS[node.id]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _flags(node.left) | _flags(node.right)
    return 0


def _string(node: ast.AST, constants: Mapping[str, str]) -> str | None:
    """The text of a string expression made of literals and module constants:
    `"a"`, `TARGET`, `rf"\\]\\({TARGET}\\)"`, `"a" + B`; None for anything else."""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _string(node.left, constants), _string(node.right, constants)
        return None if left is None or right is None else left + right
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.FormattedValue) and (
                    value.conversion != -1 or value.format_spec is not None):
                return None
            part = _string(value.value if isinstance(value, ast.FormattedValue) else value,
                           constants)
            if part is None:
                return None
            parts.append(part)
        return "".join(parts)
    return None


def _pattern_call(call: ast.Call, constants: Mapping[str, str]) -> tuple[str, int] | None:
    """`re.sub("p", ..., flags=...)` and friends: the pattern and its flags."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr in _RE_FUNCTIONS
            and isinstance(func.value, ast.Name) and func.value.id == "re"):
        return None
    pattern = _string(call.args[0], constants) if call.args else None
    if pattern is None:
        return None
    flags_node: ast.expr | None = None
    position = _RE_FUNCTIONS[func.attr]
    if len(call.args) > position:
        flags_node = call.args[position]
    for keyword in call.keywords:
        if keyword.arg == "flags":
            flags_node = keyword.value
    return pattern, _flags(flags_node)


def _strings(node: ast.AST) -> list[str]:
    """String literals, f-strings' literal parts included (`{{` is then `{`)."""
    return [child.value for child in ast.walk(node)
            if isinstance(child, ast.Constant) and isinstance(child.value, str)]


def _words(node: ast.AST) -> list[str]:
    found = []
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            found.append(child.id)
        elif isinstance(child, ast.Attribute):
            found.append(child.attr)
        elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.append(child.name)
        elif isinstance(child, ast.keyword) and child.arg:
            found.append(child.arg)
    return found


class _Module:
    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree
        self.functions = {node.name: node for node in tree.body
                          if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
        # Classes Python-Markdown runs on every page (a hook may register an
        # extension from `on_config`): their methods are page code.
        self.processors = [node for node in tree.body if isinstance(node, ast.ClassDef)
                           and any(_base_name(base).endswith(_PROCESSOR_BASES)
                                   for base in node.bases)]
        # NAME = "..." (pieces of patterns) and NAME = re.compile("...") at module level
        self.constants: dict[str, str] = {}
        self.compiled: dict[str, tuple[str, int]] = {}
        for node in tree.body:
            if not isinstance(node, ast.Assign):
                continue
            names = [target.id for target in node.targets if isinstance(target, ast.Name)]
            text = _string(node.value, self.constants)
            if text is not None:
                self.constants.update(dict.fromkeys(names, text))
            elif isinstance(node.value, ast.Call):
                found = _pattern_call(node.value, self.constants)
                if found is not None:
                    self.compiled.update(dict.fromkeys(names, found))

    def reachable(self, roots: set[str], processors: bool = False) -> list[ast.AST]:
        """The functions named in `roots` and every module function they call
        (`processors`: and the Markdown processor classes, with what they call)."""
        seen: set[str] = set()
        queue = [name for name in roots if name in self.functions]
        starts: list[ast.AST] = list(self.processors) if processors else []
        for start in starts:
            queue += [child.id for child in ast.walk(start)
                      if isinstance(child, ast.Name) and child.id in self.functions]
        while queue:
            name = queue.pop()
            if name in seen:
                continue
            seen.add(name)
            for child in ast.walk(self.functions[name]):
                if isinstance(child, ast.Name) and child.id in self.functions \
                        and child.id not in seen:
                    queue.append(child.id)
        return [*starts, *(self.functions[name] for name in sorted(seen))]

    def patterns(self, nodes: list[ast.AST]) -> list[tuple[str, int]]:
        found: list[tuple[str, int]] = []
        for node in nodes:
            for child in ast.walk(node):
                if isinstance(child, ast.Name) and child.id in self.compiled:
                    found.append(self.compiled[child.id])
                if not isinstance(child, ast.Call):
                    continue
                called = _pattern_call(child, self.constants)
                if called is not None:
                    found.append(called)
                    continue
                func = child.func
                if isinstance(func, ast.Attribute) and func.attr == "replace" and child.args:
                    first = child.args[0]
                    if isinstance(first, ast.Constant) and isinstance(first.value, str) \
                            and len(first.value.strip()) >= 3:
                        found.append((re.escape(first.value), 0))
                elif isinstance(func, ast.Attribute) and func.attr in _COMPILED_METHODS \
                        and isinstance(func.value, ast.Name) and func.value.id in self.compiled:
                    found.append(self.compiled[func.value.id])
        usable = []
        for pattern, flags in dict.fromkeys(found):
            try:
                re.compile(pattern, flags)
            except (re.error, ValueError, OverflowError):
                continue
            usable.append((pattern, flags))
        return usable


def analyse(source: str, path: str, generator: bool = False,
            handlers: dict[str, str] | None = None) -> BuildScript | None:
    """A hook file's (or, with `generator`, a gen-files script's) facts; None when
    the source does not parse. `handlers`: functions that handle an event under
    another name (function -> event, mkdocs-simple-hooks)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    try:
        return _facts(tree, source, path, generator, handlers or {})
    except RecursionError:
        return None  # (an expression nested deeper than the walk can follow: read as unparsable)


def _facts(tree: ast.Module, source: str, path: str, generator: bool,
           handlers: dict[str, str]) -> BuildScript:
    module = _Module(tree)
    digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
    page_nodes = module.reachable(set(PAGE_EVENTS) | {
        function for function, event in handlers.items() if event in PAGE_EVENTS},
        processors=True)
    strings = [text for node in page_nodes for text in _strings(node)]
    words = [word for node in page_nodes for word in _words(node)]
    makes_ids = (any(_ID_STRING.search(text) for text in strings) or "id" in strings
                 or any(_ID_WORD.search(word) for word in words))
    page_names = tuple(dict.fromkeys(
        text.strip().removeprefix("./") for text in strings
        if text.strip().lower().endswith((".md", ".markdown")) and " " not in text.strip()))
    if generator:
        build_nodes: list[ast.AST] = [tree]
        writes = True
    else:
        build_nodes = list(module.reachable(set(BUILD_EVENTS) | {
            function for function, event in handlers.items() if event in BUILD_EVENTS}))
        lines = source.splitlines()
        writes = any(_WRITES.search("\n".join(lines[node.lineno - 1:node.end_lineno or 0]))
                     for node in build_nodes if isinstance(node, ast.stmt))
    names: tuple[str, ...] = ()
    if writes:
        literals = [text for node in build_nodes for text in _strings(node)]
        literals += [text for node in tree.body if isinstance(node, ast.Assign)
                     for text in _strings(node)]
        names = tuple(dict.fromkeys(
            text.strip().removeprefix("./") for text in literals
            if _NAME_LIKE.match(text.strip()) and not text.strip().startswith(".")))
    return BuildScript(path=path, page_events=bool(page_nodes), makes_ids=bool(makes_ids),
                       patterns=tuple(module.patterns(page_nodes)) if page_nodes else (),
                       literals=tuple(dict.fromkeys(text for text in strings if text.strip())),
                       page_names=page_names, writes_files=writes, names=names,
                       digest=digest)
