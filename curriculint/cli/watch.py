"""`curriculint check --watch`: check, then check again whenever a page, the
configuration or mkdocs.yml changes, redrawing the report; Ctrl-C stops it (exit 0).

Each pass is a warm run: the result cache hands back every unchanged page, and
the site rules' per-page cache re-checks only the pages whose findings read a
changed one (curriculint/run/site_pass.py), so a pass re-lints the changed pages
and their dependants. The cache folder and hidden folders are not watched.
"""

from __future__ import annotations

import fnmatch
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

SETTINGS_FILES = ("curriculint.toml", ".curriculint.toml", "pyproject.toml", "mkdocs.yml",
                  "mkdocs.yaml")
CLEAR = "\x1b[2J\x1b[H"  # clear the screen, cursor home


def watched_paths(paths: Sequence[str], config_files: Iterable[Path]) -> list[Path]:
    """The folders and files to watch: the paths checked, their configuration
    files, and the mkdocs.yml above each (outside the checked folders, often)."""
    from curriculint.load.site import CONFIG_NAMES

    found: dict[Path, None] = {}
    for path in paths:
        resolved = Path(path).resolve()
        found[resolved] = None
        folder = resolved if resolved.is_dir() else resolved.parent
        for above in (folder, *folder.parents):
            for name in CONFIG_NAMES:
                if (above / name).is_file():
                    found[above / name] = None
    for config_file in config_files:
        found[config_file.resolve()] = None
    # A file inside a watched folder is watched already.
    folders = [path for path in found if path.is_dir()]
    return [path for path in found if path.is_dir() or not any(
        path.is_relative_to(folder) for folder in folders)]


def change_filter(include: Sequence[str]) -> Callable[[object, str], bool]:
    """Which events call for a new pass: a page or a settings file, created,
    changed or deleted; any other file created or deleted (the listing that
    links resolve against). Nothing in hidden folders (.git, the cache)."""
    from watchfiles import Change

    def relevant(change: object, path: str) -> bool:
        parts = Path(path).parts
        name = parts[-1] if parts else ""
        if name in SETTINGS_FILES:
            return True
        if any(part.startswith(".") for part in parts[:-1]) or name.startswith("."):
            return False
        if any(fnmatch.fnmatch(name, pattern) for pattern in include):
            return True
        return change in (Change.added, Change.deleted)

    return relevant


def watch(paths: Sequence[Path], include: Sequence[str], check: Callable[[], int],
          debounce_ms: int = 300) -> int:
    """Run `check` now and after every relevant change until Ctrl-C; exit 0."""
    import logging

    import watchfiles

    # It says "KeyboardInterrupt caught, stopping watch" at WARNING; so do we, in our words.
    logging.getLogger("watchfiles").setLevel(logging.ERROR)
    clear = sys.stdout.isatty()

    def draw(changed: int) -> None:
        if clear:
            sys.stdout.write(CLEAR)
            sys.stdout.flush()
        status = check()
        sys.stdout.flush()
        what = f"{changed} file(s) changed; " if changed else ""
        print(f"curriculint: {time.strftime('%H:%M:%S')} exit status {status}; {what}"
              "watching for changes (Ctrl-C to stop)", file=sys.stderr, flush=True)

    # The first report is drawn once the watcher is registered (its first yield,
    # a change or a short timeout), so an edit made as soon as "watching" shows is
    # seen; edits made while a report is drawn wait in the watcher for the next.
    drawn = False
    try:
        for changes in watchfiles.watch(*paths, watch_filter=change_filter(include),
                                        debounce=debounce_ms, raise_interrupt=False,
                                        force_polling=_polling(), yield_on_timeout=True,
                                        rust_timeout=200):
            if not drawn or changes:
                draw(len(changes) if drawn else 0)
                drawn = True
    except KeyboardInterrupt:
        pass
    print("curriculint: stopped watching", file=sys.stderr, flush=True)
    return 0


def _polling() -> bool | None:
    """CURRICULINT_WATCH_POLL=1 polls instead of file-system events (network drives)."""
    return True if os.environ.get("CURRICULINT_WATCH_POLL") == "1" else None
