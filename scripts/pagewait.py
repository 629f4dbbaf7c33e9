"""Waiting on a condition in a Playwright page that has a Content-Security-Policy.

Playwright's `page.wait_for_function` re-checks its expression with `eval()` inside the page,
which the site's policy (no 'unsafe-eval', spinelib/csp.py) refuses after the first check.
`wait_for` checks with `page.evaluate` instead (the DevTools protocol, which the page's policy
does not govern), so tools and tests keep working under the real policy.
"""

from __future__ import annotations

import time
from typing import Any

_NAVIGATING = ("Execution context was destroyed", "navigation", "Cannot find context")


def wait_for(page: Any, expression: str, *, arg: Any = None, timeout: float = 30_000, interval: float = 25) -> Any:
    """Evaluate `expression` (or call it with `arg`) until it is truthy; return that value.
    Raises TimeoutError after `timeout` milliseconds."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        try:
            value = page.evaluate(expression, arg) if arg is not None else page.evaluate(expression)
        except Exception as exc:  # noqa: BLE001 - a page being replaced: check again on the new one
            if not any(word in str(exc) for word in _NAVIGATING):
                raise
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout:.0f} ms for: {expression}")
        page.wait_for_timeout(interval)
