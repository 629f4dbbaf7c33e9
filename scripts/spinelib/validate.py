"""Content checks: the entry point the build (`scripts/mkdocs_hooks.py`), `make check`
(`scripts/check.py`) and the background HTML checks (`background.py`) call.

The rules themselves live in the `checks` package, one module per family, each rule with a
stable code (SH101 ...); this module keeps the names other code imports.
"""

from __future__ import annotations

from .checks.context import ARTICLE_KINDS, EMERGENCY_SRC, as_browsers_read
from .checks.html import ALLOWED_TAGS, DANGEROUS_TAGS, SVG_TAGS, unsafe_scheme
from .checks.registry import Problem, Report, Severity
from .checks.runner import validate_site
from .related import Index

__all__ = ["ALLOWED_TAGS", "ARTICLE_KINDS", "DANGEROUS_TAGS", "EMERGENCY_SRC", "SVG_TAGS", "Index", "Problem",
           "Report", "Severity", "as_browsers_read", "unsafe_scheme", "validate_site"]
