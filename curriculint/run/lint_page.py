"""One page: bytes -> document -> the findings of the per-page rules and the
summaries that site rules read. A pure function of the file, so it runs in
worker processes."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from typing import Any

from curriculint.config import Config
from curriculint.load import document
from curriculint.load.document import Document, ParseOptions, parse
from curriculint.model import Finding, Report, Severity, Span
from curriculint.run.plan import Plan, ignored_for_file
from curriculint.run.records import FileResult, InternalError, SourceFile
from curriculint.run.registry import Rule
from curriculint.run.suppressions import Suppressions, parse_suppressions

log = logging.getLogger(__name__)

def check_span(span: Span, lines: Sequence[str], where: str) -> None:
    """A bad position is a bug in the rule (markdownlint throws on one too)."""
    last = len(lines)
    ok = (
        1 <= span.line <= last
        and 1 <= span.end_line <= last
        and (span.line, span.column) <= (span.end_line, span.end_column)
        and 1 <= span.column <= len(lines[span.line - 1]) + 1
        and 1 <= span.end_column <= len(lines[span.end_line - 1]) + 1
    )
    if not ok:
        raise InternalError(f"{where}: position {span} lies outside the document "
                            f"({last} lines)")


def make_report(display: str, rule: Rule, severity: Severity, finding: Finding,
                lines: Sequence[str]) -> Report:
    check_span(finding.span, lines, f"{display} {rule.code}")
    if finding.code != rule.code:
        raise InternalError(f"{rule.code} yielded a finding for {finding.code}")
    return Report(display, rule.code, rule.name, severity, finding.span, finding.message,
                  finding.fix, lines[finding.span.line - 1])


def run_document_rules(doc: Document, plan: Plan) -> tuple[list[Report], dict[str, Any]]:
    reports: list[Report] = []
    summaries: dict[str, Any] = {}
    for rule in plan.rules:
        if ignored_for_file(doc.path, rule, plan.config):
            continue
        options = plan.options[rule.code]
        if rule.is_site_rule:
            if plan.site_pages >= rule.min_pages:
                summaries[rule.code] = rule.module.summarize(doc)
            continue
        findings = rule.check(doc, options) if options is not None else rule.check(doc)
        for finding in findings:
            reports.append(make_report(doc.path, rule, plan.severities[rule.code], finding,
                                       doc.lines))
    return reports, summaries


def lint_bytes(source: SourceFile, raw: bytes, plan: Plan, parse_options: ParseOptions
               ) -> FileResult:
    return lint_document(source, raw, plan, parse_options)[0]


def lint_document(source: SourceFile, raw: bytes, plan: Plan, parse_options: ParseOptions
                  ) -> tuple[FileResult, Document | None]:
    """`lint_bytes`, and the parsed Document (None for a file over the limits): the
    language server answers completions and code actions from it."""
    reason = _over_limits(raw, plan.config)
    if reason:
        return _too_large(source, plan, reason, hashlib.sha256(raw).hexdigest()), None
    doc = parse(raw, source.display, parse_options)
    reports, summaries = run_document_rules(doc, plan)
    return FileResult(source.display, reports, summaries, parse_suppressions(doc), doc.lines,
                      hashlib.sha256(raw).hexdigest()), doc


def lint_file(source: SourceFile, plan: Plan, parse_options: ParseOptions) -> FileResult:
    try:
        too_large = too_large_on_disk(source, plan)
        raw = source.content if source.content is not None else document.read(source.path)
    except OSError as error:
        return unreadable(source, error)
    if too_large:
        return too_large
    return lint_bytes(source, raw, plan, parse_options)


_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def _over_limits(raw: bytes, config: Config) -> str:
    """Why a file is not parsed (IO001), or "" when it is within the limits."""
    if len(raw) > config.max_file_bytes:
        return (f"{len(raw):,} bytes is more than max-file-bytes ({config.max_file_bytes:,}); "
                "not checked")
    if len(raw) > config.max_line_bytes:
        start, number = 0, 1
        for line_break in _LINE_BREAK.finditer(raw):
            if line_break.start() - start > config.max_line_bytes:
                break
            start, number = line_break.end(), number + 1
        else:
            if len(raw) - start <= config.max_line_bytes:
                return ""
        return (f"line {number} is longer than max-line-bytes ({config.max_line_bytes:,}); "
                "file not checked")
    return ""


def too_large_on_disk(source: SourceFile, plan: Plan) -> FileResult | None:
    """A file over max-file-bytes is reported without reading it into memory."""
    size = len(source.content) if source.content is not None else source.path.stat().st_size
    if size <= plan.config.max_file_bytes:
        return None
    return _too_large(source, plan, f"{size:,} bytes is more than max-file-bytes "
                      f"({plan.config.max_file_bytes:,}); not checked", "")


def _too_large(source: SourceFile, plan: Plan, reason: str, digest: str) -> FileResult:
    reports = []
    for rule in plan.rules:
        if rule.code == "IO001" and not ignored_for_file(source.display, rule, plan.config):
            reports.append(make_report(source.display, rule, plan.severities[rule.code],
                                       Finding(rule.code, Span(1, 1, 1, 1), reason), ("",)))
    return FileResult(source.display, reports, {}, Suppressions(), ("",), digest)


def unreadable(source: SourceFile, error: OSError) -> FileResult:
    reason = error.strerror or str(error)
    return FileResult(source.display, [], {}, Suppressions(), (), "",
                      f"{source.display}: cannot read: {reason}")


def lint_batch(batch: list[tuple[SourceFile, bytes, ParseOptions]], plan: Plan
                ) -> list[FileResult]:
    return [lint_bytes(source, raw, plan, options) for source, raw, options in batch]
