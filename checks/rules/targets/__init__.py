"""Targets rules (NUM): figures that contradict their own conversions, their
parts, or each other. All read `Index.quantities`; `agreement` holds the
shared tolerance and message helpers."""

MODULES: tuple[str, ...] = (
    "checks.rules.targets.availability_downtime",
    "checks.rules.targets.frequency_period",
    "checks.rules.targets.parts_total",
    "checks.rules.targets.rate_total",
    "checks.rules.targets.littles_law",
    "checks.rules.targets.percentage_change",
    "checks.rules.targets.stated_arithmetic",
    "checks.rules.targets.schedule",
    "checks.rules.targets.reversed_range",
    "checks.rules.targets.share_over_100",
    "checks.rules.targets.reading_time",
    "checks.rules.targets.conflicting_figure",
)
