"""The import graph of `curriculint`, read from the source with `ast`.

Every module under the import root (curriculint/, and checks/ and schemas/ which
install as curriculint.checks and curriculint.schemas) is parsed, never run. An
import counts whether it sits at module level or inside a function; one inside
an `if TYPE_CHECKING:` block does not (it never runs). `from curriculint.x import y`
is an import of curriculint.x.y when y is a module, else of curriculint.x.
Imports done with `importlib.import_module(...)` (the rule registry, the report
renderers) are dynamic and not part of this graph.

- no cycle among our modules;
- no module imports a private name (`_name`) from another of our modules, and no
  module outside a package imports that package's private submodules;
- the rules (curriculint.checks.*) stay below the machinery that runs them;
- tests/ import no private names of ours, and read none off a module of ours they
  imported (`quantities._X`, `getattr(quantities, "_X")`, `monkeypatch.setattr(
  quantities, "_X", ...)`): test the public API, or make the name public. What
  tests still read so is KNOWN_PRIVATE_TEST_ATTRIBUTES, a list that may only shrink.
"""

from __future__ import annotations

import ast
import importlib.util
import pkgutil
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest

from tests.conftest import ROOT

# "tests/<file>: curriculint.<module>.<private name>", sorted: private names of our
# modules that tests still read off the module (`module._name`), found when that
# check was added. Remove an entry when its test stops reaching into the module's
# privates; never add one.
KNOWN_PRIVATE_TEST_ATTRIBUTES: tuple[str, ...] = (
    "tests/test_cache.py: curriculint.load.site._mkdocs_settings",
    "tests/test_duplicates.py: curriculint.checks.duplicates.near_duplicate_page._bands",
    "tests/test_mojibake.py: curriculint.checks.encoding.natural_text._in_word",
    "tests/test_quantities.py: curriculint.index.quantities._GAP",
    "tests/test_quantities.py: curriculint.index.quantities._Marks",
    "tests/test_quantities.py: curriculint.index.quantities._RANGE_JOIN",
    "tests/test_quantities.py: curriculint.index.quantities._RunReader",
    "tests/test_quantities.py: curriculint.index.quantities._SCALE_AFTER",
    "tests/test_quantities.py: curriculint.index.quantities._WORD",
    "tests/test_quantities.py: curriculint.index.quantities._may_join",
    "tests/test_quantities.py: curriculint.index.quantities._non_ascii",
    "tests/test_quantities.py: curriculint.index.quantities._period_at",
    "tests/test_targets.py: curriculint.checks.targets.conflicting_figure._GENERIC",
    "tests/test_targets.py: curriculint.checks.targets.conflicting_figure._RunsByLine",
    "tests/test_targets.py: curriculint.checks.targets.conflicting_figure._WORD",
    "tests/test_targets.py: curriculint.checks.targets.conflicting_figure._innermost",
    "tests/test_targets.py: curriculint.checks.targets.conflicting_figure._label_shown",
    "tests/test_targets.py: curriculint.checks.targets.conflicting_figure._subject",
    "tests/test_targets.py: curriculint.checks.targets.conflicting_figure._words",
    "tests/test_targets.py: curriculint.checks.targets.rate_total._rated",
    "tests/test_targets.py: curriculint.checks.targets.stated_arithmetic._EQUALS",
    "tests/test_targets.py: curriculint.checks.targets.stated_arithmetic._EQUALS_SIGNS",
)

TOP = "curriculint"
# The import root and the packages mapped into it from other folders.
ROOTS = ("curriculint", "curriculint.checks", "curriculint.schemas")
TESTS = ROOT / "tests"
# What a rule may not import: the machinery that runs, caches, serves and reports rules.
RULES = "curriculint.checks"
ABOVE_THE_RULES = (
    "curriculint.run",
    "curriculint.cli",
    "curriculint.server",
    "curriculint.store",
    "curriculint.report",
    "curriculint.fix",
)


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    is_package: bool

    @property
    def package(self) -> str:
        """The package relative imports in this module start from."""
        return self.name if self.is_package else self.name.rpartition(".")[0]


@dataclass(frozen=True)
class Import:
    importer: str  # the importing module, or a tests/ path
    path: Path
    line: int
    base: str  # `x` of `import x` / `from x import ...`, made absolute
    name: str | None  # `y` of `from x import y`; None for `import x`
    in_function: bool
    target: str = field(default="")  # the module of ours it loads (set when ours)


def is_ours(name: str) -> bool:
    return name == TOP or name.startswith(TOP + ".")


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _walk(paths: Iterable[str], prefix: str) -> Iterator[Module]:
    """pkgutil.walk_packages without importing the packages it descends into."""
    for info in pkgutil.iter_modules(list(paths), prefix):
        spec = info.module_finder.find_spec(info.name)  # type: ignore[call-arg]
        assert spec is not None and spec.origin, info
        yield Module(info.name, Path(spec.origin), info.ispkg)
        if info.ispkg:
            yield from _walk(spec.submodule_search_locations or (), info.name + ".")


@cache
def modules() -> dict[str, Module]:
    found: dict[str, Module] = {}
    for root in ROOTS:
        spec = importlib.util.find_spec(root)
        assert spec is not None and spec.origin and spec.submodule_search_locations, root
        found.setdefault(root, Module(root, Path(spec.origin), True))
        for module in _walk(spec.submodule_search_locations, root + "."):
            found.setdefault(module.name, module)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return ((isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
            or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"))


class _Collector(ast.NodeVisitor):
    def __init__(self, importer: str, path: Path, package: str) -> None:
        self.importer, self.path, self.package = importer, path, package
        self.imports: list[Import] = []
        self.depth = 0

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def _add(self, node: ast.stmt, base: str, name: str | None) -> None:
        self.imports.append(Import(self.importer, self.path, node.lineno, base, name,
                                   self.depth > 0))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(node, alias.name, None)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:
            parts = self.package.split(".")
            parts = parts[:len(parts) - (node.level - 1)]
            base = ".".join([*parts, *([node.module] if node.module else [])])
        for alias in node.names:
            self._add(node, base, alias.name)


def _target(imp: Import) -> str:
    """The module of ours `imp` loads: the submodule for `from x import submodule`,
    else the longest known module `x` names."""
    known = modules()
    if imp.name and f"{imp.base}.{imp.name}" in known:
        return f"{imp.base}.{imp.name}"
    parts = imp.base.split(".")
    while parts and ".".join(parts) not in known:
        parts.pop()
    return ".".join(parts) or imp.base


def imports_of(importer: str, path: Path, package: str) -> list[Import]:
    collector = _Collector(importer, path, package)
    collector.visit(ast.parse(path.read_bytes(), filename=str(path)))
    return [Import(imp.importer, imp.path, imp.line, imp.base, imp.name, imp.in_function,
                   _target(imp))
            for imp in collector.imports if is_ours(imp.base)]


@cache
def graph_imports() -> tuple[Import, ...]:
    return tuple(imp for module in modules().values()
                 for imp in imports_of(module.name, module.path, module.package))


def private_names(imp: Import, importer_is_ours: bool) -> list[str]:
    """What `imp` takes that is private to another module: a `_name` imported from
    a module, or a `_module` of a package the importer is not inside."""
    taken = []
    submodule = imp.name is not None and imp.target == f"{imp.base}.{imp.name}"
    if imp.name and is_private(imp.name) and not submodule and imp.base != imp.importer:
        taken.append(f"{imp.base}.{imp.name}")
    parts = imp.target.split(".")
    for index, part in enumerate(parts):
        owner = ".".join(parts[:index])
        inside = importer_is_ours and (imp.importer + ".").startswith(owner + ".")
        if is_private(part) and not inside:
            taken.append(".".join(parts[:index + 1]))
    return sorted(set(taken))


def where(imp: Import) -> str:
    scope = " (in a function)" if imp.in_function else ""
    return f"{imp.path.relative_to(ROOT)}:{imp.line}{scope}"


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One shortest cycle per strongly connected component (Tarjan), smallest first."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in sorted(edges):
        if node not in index:
            connect(node)

    cycles = []
    for component in components:
        start = min(component)
        previous: dict[str, str] = {}
        queue = deque([start])
        end = start
        while queue:  # breadth first inside the component, back to `start`
            end = queue.popleft()
            if start in edges[end]:
                break
            for nxt in sorted(edges[end] & component):
                if nxt != start and nxt not in previous:
                    previous[nxt] = end
                    queue.append(nxt)
        path = [end]
        while path[-1] != start:
            path.append(previous[path[-1]])
        cycles.append([*reversed(path), start])
    return sorted(cycles, key=lambda cycle: (len(cycle), cycle))


# -- the tests ---------------------------------------------------------------


def test_walk_finds_the_whole_import_root() -> None:
    for root in ROOTS:
        assert any(name.startswith(root + ".") for name in modules()), root
    files = {module.path.resolve() for module in modules().values()}
    on_disk = {path.resolve() for folder in ("curriculint", "checks", "schemas")
               for path in (ROOT / folder).rglob("*.py") if "__pycache__" not in path.parts}
    assert on_disk <= files, sorted(str(path) for path in on_disk - files)


def test_no_import_cycles() -> None:
    edges: dict[str, set[str]] = {name: set() for name in modules()}
    lines: dict[tuple[str, str], Import] = {}
    for imp in graph_imports():
        if imp.target in edges and imp.target != imp.importer:
            edges[imp.importer].add(imp.target)
            # Name the module-level import of an edge when there is one.
            key = (imp.importer, imp.target)
            if key not in lines or (lines[key].in_function and not imp.in_function):
                lines[key] = imp
    cycles = _cycles(edges)
    report = []
    for cycle in cycles:
        steps = [f"    {a} -> {b}   [{where(lines[a, b])}]" for a, b in pairwise(cycle)]
        report.append(" -> ".join(cycle) + "\n" + "\n".join(steps))
    assert not cycles, f"{len(cycles)} import cycle(s):\n" + "\n".join(report)


def test_no_private_names_imported_across_modules() -> None:
    found = sorted(f"{where(imp)}: {imp.importer} imports {name}"
                   for imp in graph_imports() for name in private_names(imp, True))
    assert not found, "private names imported from another module:\n" + "\n".join(found)


def test_rules_do_not_import_the_machinery_above_them() -> None:
    found = sorted(
        f"{where(imp)}: {imp.importer} imports {imp.target}"
        for imp in graph_imports()
        if imp.importer.startswith(RULES + ".") or imp.importer == RULES
        if any(imp.target == above or imp.target.startswith(above + ".")
               for above in ABOVE_THE_RULES))
    assert not found, "rules importing the engine, CLI, server, store, reports or fixes:\n" \
        + "\n".join(found)


def _test_files() -> Iterator[tuple[str, Path, str]]:
    """(path relative to the root, path, package) of each test module."""
    for path in sorted(TESTS.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "__pycache__" in relative.parts or relative.parts[:2] == ("tests", "fixtures"):
            continue
        yield relative.as_posix(), path, ".".join(relative.with_suffix("").parts[:-1])


def _test_private_imports() -> set[str]:
    found: set[str] = set()
    for relative, path, package in _test_files():
        for imp in imports_of(relative, path, package):
            found.update(f"{relative}: {name}" for name in private_names(imp, False))
    return found


def _module_names(tree: ast.Module, package: str) -> dict[str, str]:
    """The names an import anywhere in `tree` binds to a module of ours:
    `import curriculint.x` binds `curriculint`; `import curriculint.x as y`, and
    `from curriculint import x` where x is a module, bind the module."""
    known = modules()
    bound: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if is_ours(alias.name):
                    bound[alias.asname or TOP] = alias.name if alias.asname else TOP
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[:len(parts) - (node.level - 1)]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            for alias in node.names:
                if is_ours(base) and f"{base}.{alias.name}" in known:
                    bound[alias.asname or alias.name] = f"{base}.{alias.name}"
    return bound


def _module_of(node: ast.expr, bound: dict[str, str]) -> str | None:
    """The module of ours `node` names (`quantities`, `curriculint.index.quantities`), if any."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name) or node.id not in bound:
        return None
    name = ".".join([bound[node.id], *reversed(parts)])
    return name if name in modules() else None


def private_attributes(path: Path, package: str) -> set[str]:
    """Private names read off modules of ours in the file at `path`: `module._name`,
    and `call(module, "_name", ...)` (getattr, setattr, monkeypatch.setattr...)."""
    tree = ast.parse(path.read_bytes(), filename=str(path))
    bound = _module_names(tree, package)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr):
            owner, name = _module_of(node.value, bound), node.attr
        elif (isinstance(node, ast.Call) and len(node.args) >= 2
              and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
              and is_private(node.args[1].value)):
            owner, name = _module_of(node.args[0], bound), node.args[1].value
        else:
            continue
        if owner is not None:
            found.add(f"{owner}.{name}")
    return found


def _test_private_attributes() -> set[str]:
    return {f"{relative}: {name}" for relative, path, package in _test_files()
            for name in private_attributes(path, package)}


def test_tests_import_no_private_names() -> None:
    found = sorted(_test_private_imports())
    assert not found, ("tests import private names of curriculint (test the public API, "
                       "or make the name public):\n" + "\n".join(found))


def test_tests_read_no_new_private_attributes() -> None:
    known = set(KNOWN_PRIVATE_TEST_ATTRIBUTES)
    assert list(KNOWN_PRIVATE_TEST_ATTRIBUTES) == sorted(known), \
        "keep KNOWN_PRIVATE_TEST_ATTRIBUTES sorted and without repeats"
    found = _test_private_attributes()
    new, gone = sorted(found - known), sorted(known - found)
    assert not new, ("tests read private names off modules of curriculint (test the public "
                     "API, or make the name public):\n" + "\n".join(new))
    assert not gone, ("no longer read: remove from KNOWN_PRIVATE_TEST_ATTRIBUTES:\n"
                      + "\n".join(gone))


@pytest.mark.parametrize(("source", "found"), [
    ("from curriculint.index import quantities\nquantities._SENTENCE_END.search('')",
     {"curriculint.index.quantities._SENTENCE_END"}),
    ("import curriculint.index.quantities as q\nq._Marks.of([])._x",
     {"curriculint.index.quantities._Marks"}),
    ("import curriculint.load.site\ncurriculint.load.site._find_mkdocs.cache_clear()",
     {"curriculint.load.site._find_mkdocs"}),
    ("def f(monkeypatch):\n    from curriculint.load import site as s\n"
     "    monkeypatch.setattr(s, '_store', None)\n    getattr(s, '_nearest_project')",
     {"curriculint.load.site._store", "curriculint.load.site._nearest_project"}),
    # Not a module of ours, or not private: nothing.
    ("from curriculint.index.quantities import Quantity\nQuantity._asdict\n"
     "import re\nre._pattern\nfrom curriculint.index import quantities\nquantities.FIGURE\n"
     "self._x\nquantities.extract_quantities([])._y", set()),
])
def test_private_attributes_are_found(tmp_path: Path, source: str, found: set[str]) -> None:
    path = tmp_path / "test_x.py"
    path.write_text(source, encoding="utf-8")
    assert private_attributes(path, "tests") == found
