"""The selected rules with their options and severities, for one run."""

from __future__ import annotations

import fnmatch
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from curriculint.config import Config, ConfigError
from curriculint.model import Severity
from curriculint.run.registry import (
    Rule,
    all_rules,
    known_selector,
    matches,
    nearest_selector,
    select_rules,
)

log = logging.getLogger(__name__)

def options_for(rule: Rule, config: Config) -> BaseModel | None:
    model = rule.options_model
    if model is None:
        return None
    raw = config.rules.get(rule.code) or config.rules.get(rule.name) or {}
    if not raw and _defaults_need_no_validation(model):
        # Nothing configured: the defaults, as validating {} gives them, without
        # building a validator; the rules' models defer that (defer_build), so a
        # run with no rule options builds none (tests/test_rule_docs.py).
        return model.model_construct()
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        location = ".".join(str(part) for part in first["loc"])
        raise ConfigError(
            f"[tool.curriculint.rules.{rule.code}] {location}: {first['msg']}") from None


def _defaults_need_no_validation(model: type[BaseModel]) -> bool:
    """Every field has a default and no validator would see or change it."""
    decorators = model.__pydantic_decorators__
    return not (decorators.validators or decorators.field_validators
                or decorators.root_validators or decorators.model_validators
                or any(field.is_required() for field in model.model_fields.values()))


def severity_for(rule: Rule, config: Config) -> Severity:
    for key in (rule.code, rule.name):
        if key in config.severity:
            return config.severity[key]
    prefixes = [key for key in config.severity if rule.code.startswith(key)]
    if prefixes:
        return config.severity[max(prefixes, key=len)]
    return rule.severity


def ignored_for_file(display: str, rule: Rule, config: Config) -> bool:
    if not config.per_file_ignores:  # the usual case, asked once per page and rule
        return False
    posix = Path(display).as_posix()
    for pattern, selectors in config.per_file_ignores.items():
        if (fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(posix, f"*/{pattern}")) and any(
                matches(rule, selector) for selector in selectors):
            return True
    return False


class _Options(dict[str, "BaseModel | None"]):
    """Rule code -> validated options, filled on first use: a rule that never
    runs (every page cached) is never imported to build its defaults."""

    def __init__(self, rules: tuple[Rule, ...], config: Config) -> None:
        super().__init__()
        self._rules = {rule.code: rule for rule in rules}
        self._config = config
        for rule in rules:  # what the user wrote is checked before any page is read
            if rule.has_options and (rule.code in config.rules or rule.name in config.rules):
                self[rule.code] = options_for(rule, config)

    def __missing__(self, code: str) -> BaseModel | None:
        options = self[code] = options_for(self._rules[code], self._config)
        return options


@dataclass
class Plan:
    """The selected rules with their options and severities, for one run."""

    config: Config
    rules: tuple[Rule, ...]
    options: dict[str, BaseModel | None]
    severities: dict[str, Severity]
    # Pages in the run; a site rule that needs min_pages more is skipped (and so
    # are its imports, which matters for a one-file pre-commit run).
    site_pages: int = 0

    def __reduce__(self) -> tuple[Any, ...]:
        # Rules hold modules, which do not pickle; workers rebuild the plan from codes.
        return (Plan.from_codes, (self.config, tuple(rule.code for rule in self.rules),
                                  self.site_pages))

    @classmethod
    def from_codes(cls, config: Config, codes: tuple[str, ...], site_pages: int = 0) -> Plan:
        rules = tuple(rule for rule in all_rules() if rule.code in set(codes))
        return cls(config, rules, _Options(rules, config),
                   {rule.code: severity_for(rule, config) for rule in rules}, site_pages)

    @classmethod
    def make(cls, config: Config, select: Iterable[str] = (), ignore: Iterable[str] = (),
             extend: Iterable[str] = ()) -> Plan:
        select = list(select) or list(config.select)
        rules = tuple(rule for rule in select_rules(select, [*config.extend_select, *extend],
                                                    [*config.ignore, *ignore])
                      if config.online or not rule.online)
        return cls(config, rules, _Options(rules, config),
                   {rule.code: severity_for(rule, config) for rule in rules})


# Keys of [tool.curriculint.rules] that configure a stage rather than one rule.
STAGE_OPTIONS = frozenset({"online"})


def validate_selectors(config: Config) -> None:
    """Every rule selector the configuration names is one the command line would
    accept: a mistyped code must not turn a run green by selecting nothing."""
    where = config.source or "configuration"

    def check(selector: str, key: str) -> None:
        if known_selector(selector):
            return
        close = nearest_selector(selector)
        hint = f"; did you mean '{close}'?" if close else ""
        raise ConfigError(f"{where}: {key}: unknown rule selector '{selector}'{hint} "
                          "(see `curriculint rules`)")

    for key, selectors in (("select", config.select), ("extend-select", config.extend_select),
                           ("ignore", config.ignore), ("severity", tuple(config.severity))):
        for selector in selectors:
            check(selector, f"[tool.curriculint] {key}")
    for pattern, selectors in config.per_file_ignores.items():
        for selector in selectors:
            check(selector, f"[tool.curriculint] per-file-ignores '{pattern}'")
    names = {word for rule in all_rules() for word in (rule.code, rule.name)}
    for key in config.rules:
        if key not in names and key not in STAGE_OPTIONS:
            close = nearest_selector(key)
            hint = f"; did you mean '{close}'?" if close else ""
            raise ConfigError(f"{where}: [tool.curriculint.rules.{key}]: options go under a "
                              f"rule's code or name{hint}")
