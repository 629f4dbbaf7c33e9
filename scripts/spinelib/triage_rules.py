"""The triage rules moved to `checks/triage.py` (with their codes, SH606-SH610); this module keeps
the names `make triage` (scripts/triage_report.py) and the tests import."""

from __future__ import annotations

from .checks.triage import filed, flags_of

__all__ = ["filed", "flags_of"]
