"""`--fix` and `--diff`: the fixed texts worked out in memory, checked, then
written or shown.

The fixes of a run are applied to the pages' texts in memory and the texts
are linted again in memory, page rules and site rules alike. A fix that would
bring a finding the text did not have (an unclosed `<div>` left by a
deletion, a heading removed so its content falls under another parent, a link
whose target id is gone) is refused: first against the page's own rules, one
bisection at a time, then against the whole run. Passes repeat until no fix
is left (edits that overlap wait for the next pass). `--diff` prints the
difference between the files and the texts this arrives at, and `--fix`
writes those same texts.

A finding of the fixed text is an old one when the text had a finding of the
same rule on the line it comes from (lines the edits replaced count as one);
anything else is new.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from curriculint.fix.apply import FixOutcome, LineMap, apply_chosen, encode_like, fixed_by
from curriculint.load.decode import decode
from curriculint.model import Fix, Report

if TYPE_CHECKING:
    from curriculint.run.records import RunResult

MAX_PASSES = 10
T = TypeVar("T")


@dataclass
class _Page:
    """One file's state through the passes."""

    display: str
    path: Path
    raw: bytes  # as read at the start
    original: str  # decoded
    text: str  # after the fixes accepted so far
    newline: str
    applied: int = 0
    skipped: int = 0
    fixed: Counter[str] = field(default_factory=Counter)  # findings fixed, per rule
    refused: list[str] = field(default_factory=list)  # "CODE line N" of refused fixes
    # Fixes refused once are not tried again in later passes.
    refused_fixes: set[tuple[str, str, Fix]] = field(default_factory=set)
    reason: str = ""  # why nothing is written

    def encoded(self, text: str | None = None) -> bytes:
        return encode_like(self.text if text is None else text, self.raw)


@dataclass(frozen=True)
class _Accepted:
    """A page's text after the fixes one pass accepted."""

    text: str
    lines: LineMap
    applied: int  # edits
    skipped: int
    fixed: Counter[str]  # findings all of whose edits were applied, per rule


@dataclass
class FixSession:
    """The checked, multi-pass fix of a run made with `keep=True`."""

    result: RunResult
    unsafe: bool
    # The checked tree (`guard.checked_tree`): no write through a symlink out of it.
    roots: tuple[Path, ...] = ()
    pages: dict[str, _Page] = field(default_factory=dict)

    def settle(self) -> list[FixOutcome]:
        """Apply fixes in memory until none is left; the outcome per fixed file."""
        from curriculint.run.runner import relint

        reports = self.result.reports
        for _ in range(MAX_PASSES):
            wanted = self._fixes_by_page(reports)
            if not wanted:
                break
            proposed: dict[str, _Accepted] = {}
            for display, fixes in sorted(wanted.items()):
                page = self._page(display)
                if page is None:
                    continue
                fixes = [report for report in fixes if _identity(report) not in page.refused_fixes]
                accepted = self._accept_on_page(page, fixes) if fixes else None
                if accepted is not None:
                    proposed[display] = accepted
            if not proposed:
                break
            changed = self._accept_on_site(reports, {
                display: (found.text, found.lines) for display, found in proposed.items()})
            if not changed:
                break
            for display in changed:
                page = self.pages[display]
                accepted = proposed[display]
                page.text = accepted.text
                page.applied += accepted.applied
                page.skipped += accepted.skipped
                page.fixed.update(accepted.fixed)
            reports = relint(self.result, self._texts())
        return [self._outcome(page) for page in self.pages.values()
                if page.text != page.original or page.reason or page.refused]

    # -- one page --------------------------------------------------------------

    def _page(self, display: str) -> _Page | None:
        if display in self.pages:
            page = self.pages[display]
            return None if page.reason else page
        path = self.result.paths[display]
        try:
            raw = path.read_bytes()
        except OSError as error:
            page = _Page(display, path, b"", "", "", "\n",
                         reason=f"cannot read: {error.strerror or error}")
            self.pages[display] = page
            return None
        decoded = decode(raw)
        page = _Page(display, path, raw, decoded.text, decoded.text, decoded.newline)
        self.pages[display] = page
        if hashlib.sha256(raw).hexdigest() != self.result.digests.get(display):
            page.reason = "changed on disk during the run"
        elif decoded.problems:
            page.reason = "not valid UTF-8; fixes would alter its other bytes"
        return None if page.reason else page

    def _fixes_by_page(self, reports: Sequence[Report]) -> dict[str, list[Report]]:
        wanted: dict[str, list[Report]] = defaultdict(list)
        for report in reports:
            if report.fix is not None and (report.fix.safe or self.unsafe) and report.fix.edits:
                wanted[report.path].append(report)
        return wanted

    def _apply(self, page: _Page, fixes: Sequence[Report]) -> tuple[str, LineMap, int, int]:
        edits = [edit for report in fixes for edit in _fix(report).edits]
        text, chosen, skipped = apply_chosen(page.text, edits, page.newline)
        return text, LineMap(page.text, chosen), len(chosen), skipped

    def _accept_on_page(self, page: _Page, fixes: list[Report]) -> _Accepted | None:
        """The largest set of `fixes`, found by bisection, whose text brings no
        new finding of the page rules; None when none is accepted."""
        from curriculint.run.runner import lint_page_text

        before = lint_page_text(self.result, page.display, page.encoded())

        def clean(subset: list[Report]) -> bool:
            text, lines, _, _ = self._apply(page, subset)
            after = lint_page_text(self.result, page.display, page.encoded(text))
            return not new_findings(before, after, {page.display: lines})

        kept = bisect_accept(fixes, clean)
        for report in fixes:
            if report not in kept:
                page.refused_fixes.add(_identity(report))
                text, lines, _, _ = self._apply(page, [report])
                brought = new_findings(before, lint_page_text(
                    self.result, page.display, page.encoded(text)), {page.display: lines})
                shown = ", ".join(f"{found.code} at line {found.span.line}"
                                  for found in brought[:3]) or "findings with the other fixes"
                page.refused.append(f"{report.code} line {report.span.line} (would bring {shown})")
        if not kept:
            return None
        edits = [edit for report in kept for edit in _fix(report).edits]
        text, chosen, skipped = apply_chosen(page.text, edits, page.newline)
        if text == page.text:
            return None
        fixed = Counter(report.code for report in fixed_by(page.text, kept, chosen, page.newline))
        return _Accepted(text, LineMap(page.text, chosen), len(chosen), skipped, fixed)

    # -- the whole run ---------------------------------------------------------

    def _accept_on_site(self, reports: list[Report], changed: dict[str, tuple[str, LineMap]]
                        ) -> dict[str, tuple[str, LineMap]]:
        """Drop the pages whose changes bring new findings anywhere in the run
        (a site rule's: a link into a heading that is gone)."""
        from curriculint.run.runner import relint

        def brought(subset: list[str]) -> list[Report]:
            texts = self._texts({display: changed[display][0] for display in subset})
            after = relint(self.result, texts)
            return new_findings(reports, after,
                                {display: changed[display][1] for display in subset})

        kept = set(bisect_accept(sorted(changed), lambda subset: not brought(subset)))
        for display in sorted(set(changed) - kept):
            shown = ", ".join(f"{found.code} in {found.path} line {found.span.line}"
                              for found in brought([display])[:3])
            self.pages[display].refused.append(
                f"this pass's fixes (would bring {shown or 'findings with the other pages'})")
        return {display: changed[display] for display in sorted(kept)}

    def _texts(self, overrides: dict[str, str] | None = None) -> dict[str, bytes]:
        texts = {display: page.text for display, page in self.pages.items()
                 if not page.reason and page.text != page.original}
        texts.update(overrides or {})
        return {display: self.pages[display].encoded(text) for display, text in texts.items()}

    def _outcome(self, page: _Page) -> FixOutcome:
        changed = page.text if page.text != page.original else None
        reason = page.reason
        if not reason and page.refused:
            reason = ("fixes left out because they would bring new findings: "
                      + ", ".join(page.refused))
        return FixOutcome(page.display, page.applied if changed else 0, page.skipped, changed,
                          page.original, reason,
                          tuple(sorted(page.fixed.items())) if changed else ())

    def write(self, outcomes: Sequence[FixOutcome]) -> list[FixOutcome]:
        """Write the fixed texts, one file at a time; an outcome whose file changed
        since it was read, or could not be written (`guard`), is returned with
        nothing applied, and the others are still written."""
        from curriculint.fix.apply import write_atomically
        from curriculint.fix.guard import refusal

        written = []
        for outcome in outcomes:
            page = self.pages[outcome.path]
            if outcome.new_text is not None:
                not_applied = outcome.applied + outcome.skipped
                reason = refusal(page.path, self.roots)
                if not reason:
                    try:
                        if not write_atomically(page.path, page.encoded(outcome.new_text),
                                                hashlib.sha256(page.raw).hexdigest()):
                            outcome = FixOutcome(outcome.path, 0, not_applied, None,
                                                 outcome.old_text,
                                                 "changed on disk during the run")
                    except OSError as error:  # a full disk, a folder not writable
                        reason = f"write failed: {error.strerror or error}"
                if reason:
                    outcome = FixOutcome(outcome.path, 0, not_applied, None, outcome.old_text,
                                         reason, unwritten=True)
            written.append(outcome)
        return written


def _identity(report: Report) -> tuple[str, str, Fix]:
    """A fix across passes: its rule, finding and edits (positions shift only
    when other fixes were applied above it, and then it is tried again)."""
    return report.code, report.message, _fix(report)


def _fix(report: Report) -> Fix:
    assert report.fix is not None
    return report.fix


def bisect_accept(items: Sequence[T], clean: Callable[[list[T]], bool]) -> list[T]:
    """A large subset of `items` (in order) that `clean` accepts: all of them
    when it accepts them all, else the halves tried in turn, each on top of
    what was kept. `clean` is called O(k log n) times for k refused items."""

    def search(candidates: list[T], kept: list[T]) -> list[T]:
        if not candidates:
            return kept
        if clean(kept + candidates):
            return kept + candidates
        if len(candidates) == 1:
            return kept
        half = len(candidates) // 2
        return search(candidates[half:], search(candidates[:half], kept))

    return search(list(items), [])


def new_findings(before: Sequence[Report], after: Sequence[Report],
                 maps: dict[str, LineMap]) -> list[Report]:
    """The findings in `after` that `before` has no counterpart for: the same
    file and rule, on the line the finding's line comes from (`maps` for the
    files whose text changed; the edited lines count as one)."""
    pending: dict[tuple[str, str], Counter[int]] = defaultdict(Counter)
    for report in before:
        pending[(report.path, report.code)][report.span.line] += 1
    new = []
    for report in after:
        lines = maps[report.path].old_lines(report.span.line) if report.path in maps else (
            report.span.line, report.span.line)
        counts = pending[(report.path, report.code)]
        match = next((line for line in range(lines[0], lines[1] + 1) if counts[line] > 0), None)
        if match is None:
            new.append(report)
        else:
            counts[match] -= 1
    return new
