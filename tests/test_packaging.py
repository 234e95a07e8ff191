"""The wheel ships the one import root `curriculint` and nothing else, and an
installed (non-editable) copy lints the seed page exactly as the checkout does.

The wheel is built once per module from a copy of the checkout (so the build's
`build/` and `*.egg-info` never land in, or get reused from, the working tree),
and installed once into a fresh venv with its dependencies.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from tests.conftest import ROOT, SEED, needs_shared

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
PACKAGES: list[str] = SETUPTOOLS["packages"]
PACKAGE_DIR: dict[str, str] = SETUPTOOLS["package-dir"]
PACKAGE_DATA: dict[str, list[str]] = SETUPTOOLS.get("package-data", {})
TOP = "curriculint"
PROJECT_BIN = Path(sys.executable).parent

# What the copy of the checkout leaves out: environments, build output, caches.
_NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", "*.pyc",
    ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis", ".curriculint_cache",
    ".peers", "node_modules",
)


def source_dir(package: str) -> Path:
    """The folder of the checkout that holds `package`, per [tool.setuptools.package-dir]."""
    parts = package.split(".")
    for cut in range(len(parts), 0, -1):
        mapped = ".".join(parts[:cut])
        if mapped in PACKAGE_DIR:
            return ROOT / PACKAGE_DIR[mapped] / Path(*parts[cut:])
    return ROOT / Path(*parts)


def _roots() -> dict[Path, str]:
    """Source folder -> the package it installs as, longest folder first."""
    roots = {(ROOT / folder).resolve(): package for package, folder in PACKAGE_DIR.items()}
    return dict(sorted(roots.items(), key=lambda item: len(item[0].parts), reverse=True))


def installed_path(source: Path) -> str:
    """Where a file of the source tree lands in the wheel (posix, relative)."""
    source = source.resolve()
    for folder, package in _roots().items():
        if source.is_relative_to(folder):
            rest = source.relative_to(folder).as_posix()
            base = package.replace(".", "/")
            return base if rest == "." else f"{base}/{rest}"
    raise AssertionError(f"{source} lies under no [tool.setuptools.package-dir] folder")


def source_files(pattern: str) -> list[Path]:
    files: set[Path] = set()
    for folder in PACKAGE_DIR.values():
        files.update(path for path in (ROOT / folder).rglob(pattern)
                     if "__pycache__" not in path.parts)
    return sorted(files)


def _run(command: list[str | Path], timeout: float,
         **kwargs: Any) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True,
                            timeout=timeout, check=False, **kwargs)
    assert result.returncode == 0, (f"{command} exited {result.returncode}\n"
                                    f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment of a subprocess that must see only its own interpreter's packages."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV"}}
    env.update(PYTHONNOUSERSITE="1", CURRICULINT_SERVER="off", **extra)
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    tree = work / "src"
    shutil.copytree(ROOT, tree, ignore=_NOT_SOURCE, symlinks=True)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
          "--disable-pip-version-check", "-w", work / "dist", tree], timeout=300, cwd=work)
    built = sorted((work / "dist").glob("*.whl"))
    assert len(built) == 1, built
    return built[0]


@pytest.fixture(scope="module")
def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed non-editable, dependencies and all
    (the `mkdocs` extra too: the MkDocs plugin's module imports MkDocs)."""
    folder = tmp_path_factory.mktemp("venv") / "env"
    _run([sys.executable, "-m", "venv", folder], timeout=120)
    python = folder / "bin" / "python"
    _run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
          f"{wheel}[mkdocs]"], timeout=600, env=_clean_env())
    return folder


# -- the wheel's contents ----------------------------------------------------


def test_packages_list_matches_the_source_tree() -> None:
    """Every folder with an __init__.py under the mapped roots is listed, and only those:
    a new subpackage cannot be forgotten in pyproject.toml."""
    on_disk = {installed_path(init.parent).replace("/", ".")
               for init in source_files("__init__.py")}
    assert len(PACKAGES) == len(set(PACKAGES)), "pyproject lists a package twice"
    assert set(PACKAGES) == on_disk, (
        f"missing from pyproject: {sorted(on_disk - set(PACKAGES))}; "
        f"listed without an __init__.py: {sorted(set(PACKAGES) - on_disk)}")


def test_every_listed_package_is_in_the_wheel(wheel_names: set[str]) -> None:
    missing = [package for package in PACKAGES
               if f"{package.replace('.', '/')}/__init__.py" not in wheel_names]
    assert not missing, missing


def test_every_module_is_in_the_wheel(wheel_names: set[str]) -> None:
    modules = source_files("*.py")
    assert ROOT / "checks" / "__init__.py" in modules
    assert ROOT / "schemas" / "__init__.py" in modules
    missing = sorted(installed_path(path) for path in modules
                     if installed_path(path) not in wheel_names)
    assert not missing, missing


def test_every_package_data_file_is_in_the_wheel(wheel_names: set[str]) -> None:
    data: list[Path] = []
    for package, patterns in PACKAGE_DATA.items():
        for pattern in patterns:
            data.extend(source_dir(package).glob(pattern))
    expected = {installed_path(path) for path in data}
    # The two kinds of data the engine cannot run without.
    assert "curriculint/index/unit_table.json" in expected
    assert {installed_path(path) for path in (ROOT / "schemas").glob("*.json")} <= expected
    assert any(name.startswith("curriculint/schemas/") for name in expected)
    missing = sorted(expected - wheel_names)
    assert not missing, missing


def test_only_the_curriculint_root_is_installed(wheel: Path, wheel_names: set[str]) -> None:
    tops = {PurePosixPath(name).parts[0] for name in wheel_names}
    dist_info = [top for top in tops if top.endswith(".dist-info")]
    assert len(dist_info) == 1, tops
    assert tops == {TOP, dist_info[0]}, f"unexpected top-level names: {sorted(tops)}"
    top_level = f"{dist_info[0]}/top_level.txt"
    if top_level in wheel_names:  # setuptools writes it; other backends may not
        with zipfile.ZipFile(wheel) as archive:
            assert archive.read(top_level).decode().split() == [TOP]


# -- the installed wheel -----------------------------------------------------


@pytest.mark.parametrize("name", ["checks", "schemas"])
def test_old_top_level_names_do_not_import(venv: Path, name: str, tmp_path: Path) -> None:
    result = subprocess.run([str(venv / "bin" / "python"), "-c", f"import {name}"],
                            cwd=tmp_path, env=_clean_env(), capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode != 0, f"`import {name}` works in the installed venv"
    assert "ModuleNotFoundError" in result.stderr, result.stderr


def test_installed_packages_import_from_the_venv(venv: Path, tmp_path: Path) -> None:
    """Every module of the wheel imports with only the declared dependencies, from
    the venv's site-packages and never from the checkout."""
    script = (
        "import importlib, pkgutil, sys, curriculint\n"
        "names = [info.name for info in pkgutil.walk_packages(curriculint.__path__,"
        " 'curriculint.')]\n"
        "names = [name for name in names if not name.endswith('.__main__')]\n"
        "for name in names: importlib.import_module(name)\n"
        "for name in ['curriculint', *names]: print(sys.modules[name].__file__)\n"
    )
    result = _run([venv / "bin" / "python", "-c", script], timeout=120, cwd=tmp_path,
                  env=_clean_env())
    files = result.stdout.split()
    assert any("/curriculint/checks/" in file for file in files)
    assert any("/curriculint/schemas/" in file for file in files)
    outside = [file for file in files if not Path(file).resolve().is_relative_to(venv.resolve())]
    assert not outside, outside


def test_installed_version(venv: Path, tmp_path: Path) -> None:
    result = _run([venv / "bin" / "curriculint", "--version"], timeout=60, cwd=tmp_path,
                  env=_clean_env())
    assert PYPROJECT["project"]["version"] in result.stdout + result.stderr


@needs_shared
def test_installed_wheel_lints_the_seed_like_the_checkout(venv: Path, tmp_path: Path) -> None:
    outputs = []
    for bin_dir in (venv / "bin", PROJECT_BIN):
        result = subprocess.run(
            [str(bin_dir / "curriculint"), "check", "--format", "json", "--no-cache", SEED.name],
            cwd=SEED.parent, env=_clean_env(CURRICULINT_CACHE_DIR=str(tmp_path / "cache")),
            capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode in (0, 1), f"{bin_dir}: {result.returncode}\n{result.stderr}"
        assert result.stdout.lstrip().startswith("{"), result.stdout[:500]
        outputs.append(result.stdout)
    installed, checkout = outputs
    assert installed == checkout


def test_the_mkdocs_plugin_is_registered(wheel: Path, wheel_names: set[str]) -> None:
    """`plugins: [curriculint]` finds the plugin through this entry point."""
    [entry_points] = [name for name in wheel_names if name.endswith(".dist-info/entry_points.txt")]
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(entry_points).decode()
    assert ("[mkdocs.plugins]\n"
            "curriculint = curriculint.mkdocs_plugin.plugin:CurriculintPlugin") in text
