"""duplicates rules."""

MODULES: tuple[str, ...] = ()
