"""Targets rules (NUM): figures that contradict their own conversions, their
parts, or each other. All read `Index.quantities`; `agreement` holds the
shared tolerance and message helpers."""

MODULES: tuple[str, ...] = (
    "curriculint.checks.targets.availability_downtime",
    "curriculint.checks.targets.frequency_period",
    "curriculint.checks.targets.parts_total",
    "curriculint.checks.targets.rate_total",
    "curriculint.checks.targets.littles_law",
    "curriculint.checks.targets.percentage_change",
    "curriculint.checks.targets.stated_arithmetic",
    "curriculint.checks.targets.schedule",
    "curriculint.checks.targets.reversed_range",
    "curriculint.checks.targets.share_over_100",
    "curriculint.checks.targets.reading_time",
    "curriculint.checks.targets.conflicting_figure",
    "curriculint.checks.targets.stated_duration",
    "curriculint.checks.targets.ratio_forms",
    "curriculint.checks.targets.cross_page_figure",
    "curriculint.checks.targets.weekday_date",
)
