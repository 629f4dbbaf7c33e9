"""Content checks (stub: the full validator replaces this)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .content import Page

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    path: str                 # as the editor sees it, e.g. "docs/blog/posts/foot-pain.md"
    line: int | None
    field: str | None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class Report:
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def validate_site(pages: list[Page], docs_dir: Path, site_config: dict[str, Any], config_file: Path,
                  today: dt.date | None = None) -> Report:
    return Report()
