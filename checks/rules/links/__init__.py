"""links rules."""

MODULES: tuple[str, ...] = ()
