"""targets rules."""

MODULES: tuple[str, ...] = ()
