"""Run the HTML content checks in a second process while the build writes the pages.

The checks of the rendered pages (links, anchors, unsafe HTML, red flags, reading grade) need
every page's HTML, so they can only start once MkDocs has rendered all pages; MkDocs then spends
as long again putting pages into templates and writing them. On a large site the checks run
beside that work, on another processor core, and the build waits for them only at the end.
A small site is checked in the build's own process: starting a process would cost more.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, Callable

# Below this many pages the checks run in the build's own process.
MIN_PAGES = 200
# "always" or "never" overrides the size rule (the tests use it to exercise both paths).
MODE_VARIABLE = "SPINE_CHECKS_IN_BACKGROUND"


def wanted(page_count: int) -> bool:
    mode = os.environ.get(MODE_VARIABLE, "auto").strip().lower()
    if mode in ("always", "never"):
        return mode == "always"
    return page_count >= MIN_PAGES and (os.cpu_count() or 1) > 1


def _warm_up() -> None:
    # Import the checks (and their libraries) while the build is still rendering pages.
    from . import validate  # noqa: F401


class Worker:
    """One helper process, started early so it is ready when the HTML is."""

    def __init__(self) -> None:
        # The new process gets this one's sys.path; MkDocs loads the hooks file with scripts/ on
        # the path only while importing it, so put it back for the helper to find this package.
        package_parent = str(Path(__file__).resolve().parent.parent)
        if package_parent not in sys.path:
            sys.path.append(package_parent)
        # "spawn" starts a clean interpreter: forking a process that may run server threads
        # (mkdocs serve) is unsafe.
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        self._pool.submit(_warm_up)

    def submit(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Future[Any]:
        return self._pool.submit(function, *args, **kwargs)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
