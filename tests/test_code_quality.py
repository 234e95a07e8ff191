"""ruff and mypy stay clean, as the project's pre-commit hooks demand."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BIN = Path(sys.executable).parent


@pytest.mark.parametrize("command", [["ruff", "check", "."], ["mypy", "scripts/typecheck.py"]],
                         ids=["ruff", "mypy"])
def test_tool_is_clean(command: list[str]) -> None:
    tool = BIN / command[0]
    if not tool.exists():
        pytest.skip(f"{command[0]} is not installed")
    if command[0] == "mypy":  # the whole import root, checks/ and schemas/ included
        command = [sys.executable, *command[1:]]
    else:
        command = [str(tool), *command[1:]]
    result = subprocess.run(command, cwd=ROOT, capture_output=True,
                            text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
