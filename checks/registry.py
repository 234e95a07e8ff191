"""Loads the rule modules listed by the families in `checks.rules`."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from checks.model import Severity
from checks.rules import FAMILIES


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    family: str
    default: bool
    module: ModuleType

    @property
    def is_site_rule(self) -> bool:
        return hasattr(self.module, "check_site")

    @property
    def options_model(self) -> type[Any] | None:
        return getattr(self.module, "Options", None)

    @property
    def check(self) -> Callable[..., Iterable[Any]]:
        return self.module.check


def _rule_from(module: ModuleType, family: str) -> Rule:
    doc = inspect.cleandoc(module.__doc__ or "")
    # The first paragraph, which may wrap over several lines.
    summary = " ".join(doc.split("\n\n", 1)[0].split()) if doc else module.NAME
    return Rule(
        code=module.CODE,
        name=module.NAME,
        severity=Severity(getattr(module, "SEVERITY", Severity.ERROR)),
        summary=summary,
        doc=doc,
        family=family.rsplit(".", 1)[-1],
        default=getattr(module, "DEFAULT", True),
        module=module,
    )


@cache
def all_rules() -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for family in FAMILIES:
        package = importlib.import_module(family)
        for name in package.MODULES:
            rules.append(_rule_from(importlib.import_module(name), family))
    codes = [rule.code for rule in rules]
    names = [rule.name for rule in rules]
    assert len(set(codes)) == len(codes), f"duplicate rule codes: {codes}"
    assert len(set(names)) == len(names), f"duplicate rule names: {names}"
    return tuple(sorted(rules, key=lambda rule: rule.code))


def matches(rule: Rule, selector: str) -> bool:
    """A selector is a code, a code prefix, a rule name, a family name or ALL."""
    selector = selector.strip()
    return (
        selector == "ALL"
        or rule.code.startswith(selector.upper())
        or selector == rule.name
        or selector == rule.family
    )


def known_selector(selector: str) -> bool:
    return any(matches(rule, selector) for rule in all_rules())


def select_rules(select: Iterable[str], extend: Iterable[str], ignore: Iterable[str]
                 ) -> tuple[Rule, ...]:
    select, extend, ignore = list(select), list(extend), list(ignore)
    chosen = []
    for rule in all_rules():
        if select:
            wanted = any(matches(rule, item) for item in select)
        else:
            wanted = rule.default
        wanted = wanted or any(matches(rule, item) for item in extend)
        if wanted and not any(matches(rule, item) for item in ignore):
            chosen.append(rule)
    return tuple(chosen)


def find_rule(key: str) -> Rule | None:
    for rule in all_rules():
        if key.upper() == rule.code or key == rule.name:
            return rule
    return None
