"""The content model: every Markdown page under docs/ as a plain record.

One loader for the build and for `make check`, so both see the same pages the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from . import frontmatter

Kind = Literal["post", "condition", "treatment", "page"]

POSTS_DIR = "blog/posts/"
CONDITIONS_DIR = "conditions/"
TREATMENTS_DIR = "treatments/"
REVIEW_INTERVAL_MONTHS = 12


@dataclass
class Page:
    src: str                          # path relative to docs/, POSIX, e.g. "conditions/sciatica.md"
    kind: Kind
    meta: dict[str, Any]
    body: str
    body_start_line: int
    key_lines: dict[str, int] = field(default_factory=dict)
    parse_error: frontmatter.FrontMatterError | None = None
    raw_problem: str | None = None    # encoding and similar problems found while reading
    value_lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)  # ("sources", 1, "url") -> line
    has_front_matter: bool = False

    @property
    def slug(self) -> str:
        return PurePosixPath(self.src).stem

    @property
    def url(self) -> str:
        """The page's address relative to the site root, as MkDocs builds it (directory URLs)."""
        if self.kind == "post":
            return f"blog/{self.slug}/"
        path = PurePosixPath(self.src)
        if path.stem in ("index", "README"):
            parent = str(path.parent)
            return "" if parent == "." else parent + "/"
        return str(path.with_suffix("")) + "/"

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or self.slug.replace("-", " ").capitalize())

    @property
    def description(self) -> str:
        return str(self.meta.get("description") or "")

    @property
    def draft(self) -> bool:
        return bool(self.meta.get("draft", False))

    @property
    def date(self) -> dt.date | None:
        return as_date(self.meta.get("date"))

    @property
    def last_reviewed(self) -> dt.date | None:
        return as_date(self.meta.get("last_reviewed"))

    @property
    def next_review_due(self) -> dt.date | None:
        reviewed = self.last_reviewed
        if reviewed is None:
            return None
        months = self.meta.get("review_interval_months", REVIEW_INTERVAL_MONTHS)
        if not isinstance(months, int) or months <= 0:
            months = REVIEW_INTERVAL_MONTHS
        return add_months(reviewed, months)

    def str_list(self, key: str) -> list[str]:
        value = self.meta.get(key) or []
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value if isinstance(v, (str, int, float))] if isinstance(value, list) else []

    @property
    def tags(self) -> list[str]:
        return self.str_list("tags")

    @property
    def categories(self) -> list[str]:
        return self.str_list("categories")

    @property
    def conditions(self) -> list[str]:
        return self.str_list("conditions")

    @property
    def aliases(self) -> list[str]:
        return self.str_list("aliases")

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)

    def line_at(self, path: tuple[str | int, ...]) -> int:
        """File line of a front-matter value by its path, or of its nearest parent that has one."""
        for end in range(len(path), 0, -1):
            line = self.value_lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, dict):           # Material's {created: ..., updated: ...}
        return as_date(value.get("created"))
    return None


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate_day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def kind_of(src: str) -> Kind:
    if src.startswith(POSTS_DIR):
        return "post"
    if src.startswith(CONDITIONS_DIR) and PurePosixPath(src).name != "index.md":
        return "condition"
    if src.startswith(TREATMENTS_DIR) and PurePosixPath(src).name != "index.md":
        return "treatment"
    return "page"


def decode(raw: bytes) -> tuple[str, str | None]:
    """Text of a file, and a description of any encoding problem (handled, but reported)."""
    problem = None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        problem = "bom"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = raw.decode("utf-8", errors="replace")
        line = raw[: exc.start].count(b"\n") + 1
        return text, f"not-utf8:{line}"
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        problem = problem or "crlf"
    return text, problem


def page_from_text(src: str, text: str, raw_problem: str | None = None) -> Page:
    parsed = frontmatter.split(text)
    return Page(
        src=src,
        kind=kind_of(src),
        meta=parsed.meta,
        body=parsed.body,
        body_start_line=parsed.body_start_line,
        key_lines=parsed.key_lines,
        parse_error=parsed.error,
        raw_problem=raw_problem,
        value_lines=parsed.value_lines,
        has_front_matter=parsed.has_front_matter,
    )


def load_page(docs_dir: Path, path: Path) -> Page:
    resolved = path.resolve()
    # A file outside docs/ (a test fixture, a draft elsewhere) is treated as a plain page.
    src = resolved.relative_to(docs_dir.resolve()).as_posix() if resolved.is_relative_to(docs_dir.resolve()) else path.name
    text, problem = decode(path.read_bytes())
    return page_from_text(src, text, problem)


def markdown_files(docs_dir: Path) -> list[Path]:
    # Files and folders starting with "." or "_" are not pages (MkDocs skips them too).
    return sorted(
        p for p in docs_dir.rglob("*.md")
        if not any(part.startswith((".", "_")) for part in p.relative_to(docs_dir).parts)
    )


def load_site(docs_dir: Path) -> list[Page]:
    return [load_page(docs_dir, p) for p in markdown_files(docs_dir)]
