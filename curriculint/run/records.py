"""What crosses the run's modules: a file to lint, one file's result, the run's result."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curriculint.model import Report, Severity
from curriculint.run.suppressions import Suppressions

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class SourceFile:
    path: Path
    display: str
    argument_root: Path
    real: Path  # resolved once, at discovery
    content: bytes | None = None  # read from standard input (`check -`), not from `path`
    walked: bool = False  # found in a folder argument, not named on the command line


@dataclass
class FileResult:
    display: str
    reports: list[Report]
    # Site rules' summaries; StoredSummaries in the cache, LazySummaries after a hit.
    summaries: Mapping[str, Any]
    suppressions: Suppressions
    lines: tuple[str, ...]
    digest: str = ""
    error: str | None = None


@dataclass
class RunResult:
    reports: list[Report] = field(default_factory=list)
    files: int = 0
    errors: list[str] = field(default_factory=list)
    # Paths given to the run that are not there (also in `errors`): nothing was
    # checked in their place, so the run cannot pass.
    missing: list[str] = field(default_factory=list)
    # Pages whose fixes `--fix` could not write (IO002 findings): the run cannot pass.
    unwritten: list[str] = field(default_factory=list)
    # display path -> path on disk and sha256 of the bytes that were linted
    paths: dict[str, Path] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    # run(keep=True): what runner.relint needs to lint changed texts in memory
    context: Any = None

    def merged(self, other: RunResult) -> RunResult:
        """This run and another (of other paths, under another configuration) as one."""
        return RunResult(reports=[*self.reports, *other.reports], files=self.files + other.files,
                         errors=[*self.errors, *other.errors],
                         missing=[*self.missing, *other.missing],
                         unwritten=[*self.unwritten, *other.unwritten],
                         paths={**self.paths, **other.paths},
                         digests={**self.digests, **other.digests})

    @property
    def exit_code(self) -> int:
        if any(report.severity is Severity.ERROR for report in self.reports):
            return 1
        return 0


class InternalError(AssertionError):
    """A rule reported a position outside its document: a bug, not a finding."""
