"""What the live preview (`make serve`) shows an editor about the problems of a page.

The build refuses a site with content problems; the preview keeps going so the editor can fix
them, and shows each page's problems at the top of that page (partials/preview-problems.html).
Two rules keep the preview safe:

- a page whose HTML the checks refuse (an <iframe>, a script, an event handler, a javascript:
  link...), or whose HTML could not be checked at all (front matter that cannot be read, a file
  that is not UTF-8), is never rendered: the preview shows the problems instead of its body;
- a post whose front matter the blog plugin would refuse (a topic or tag not in the lists, an
  unknown author, a date that is not a date...) is previewed from a stand-in copy with those
  values left out, so the preview shows the page and its problems instead of failing the
  whole build and staying on the old page.

Plain Python: no MkDocs import (scripts/mkdocs_hooks.py wires it in, in serve mode only).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Iterable, Mapping

import yaml

if TYPE_CHECKING:                     # only read: whatever module the checks live in
    from .content import Page
    from .validate import Problem, Report

# Messages of the checks that refuse HTML, or that say the HTML could not be checked. Searched
# anywhere in the message, so a rule code in front of the words does not matter.
_WITHHOLD = re.compile("|".join((
    r"the HTML element <[^>]*> is not allowed",
    r"<!\[CDATA\[ section is not allowed",
    r"the '[^']*' attribute is not allowed",
    r"the address '.*' is not allowed \(",
    r"<use> may only point inside the page",
    r"could not be fully checked",
    r"could not be turned into HTML",
    r"not saved as UTF-8",
)), re.DOTALL)

WITHHELD_TEXT = ("This page is not shown in the preview until the problems above are fixed: "
                 "it may contain HTML that the site refuses.")

# Post settings the blog plugin reads from the front matter, and which a stand-in keeps when valid.
_TEXT_FIELDS = ("title", "description")


@dataclass(frozen=True)
class Item:
    where: str           # "docs/blog/posts/x.md:32"
    message: str
    severity: str

    @property
    def text(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Notice:
    """What the top of one page shows in the preview."""
    path: str                        # the page's file, as the editor sees it
    errors: tuple[Item, ...]
    warnings: tuple[Item, ...]
    site: tuple[Item, ...]           # problems in files that are not pages (shown on every page)
    elsewhere: int                   # errors on other pages
    withheld: bool                   # the page's body is not rendered

    @property
    def count(self) -> int:
        return len(self.errors) + len(self.site)


def _item(problem: Problem) -> Item:
    where = f"{problem.path}:{problem.line}" if problem.line else problem.path
    return Item(where, problem.message, problem.severity)


def refuses_html(problem: Problem) -> bool:
    """Whether the problem means the page's HTML must not be rendered."""
    return problem.severity == "error" and bool(_WITHHOLD.search(problem.message))


def display_path(src: str, docs_dir: Path, config_file: Path) -> str:
    """A page's file as the checks name it: relative to the folder of mkdocs.yml."""
    try:
        prefix = Path(os.path.relpath(docs_dir.resolve(), config_file.resolve().parent)).as_posix()
    except ValueError:      # another drive on Windows
        prefix = docs_dir.as_posix()
    return f"{prefix}/{src}" if prefix not in ("", ".") else src


class Preview:
    """The report of one preview build, looked up page by page."""

    def __init__(self, report: Report, pages: Iterable[Page], docs_dir: Path, config_file: Path) -> None:
        self._paths = {p.src: display_path(p.src, docs_dir, config_file) for p in pages}
        self._unreadable = {p.src for p in pages if p.parse_error is not None}
        self._problems: list[Problem] = []
        self.add(report)

    def add(self, report: Report) -> None:
        """Take in a later report of the same build (the HTML checks, once the pages are rendered)."""
        for problem in [*report.errors, *report.warnings]:
            if problem not in self._problems:
                self._problems.append(problem)
        by_path: dict[str, list[Problem]] = defaultdict(list)
        for problem in self._problems:
            by_path[problem.path].append(problem)
        self._by_path = dict(by_path)
        page_paths = set(self._paths.values())
        errors = [p for p in self._problems if p.severity == "error"]
        self._site = tuple(_item(p) for p in errors if p.path not in page_paths)
        self._errors = {path: sum(p.severity == "error" for p in problems) for path, problems in by_path.items()}
        self._total = len(errors)

    def notice(self, src: str) -> Notice | None:
        """What page `src` shows at its top; None when there is nothing to say."""
        path = self._paths.get(src)
        if path is None:
            return None
        problems = self._by_path.get(path, [])
        errors = tuple(_item(p) for p in problems if p.severity == "error")
        warnings = tuple(_item(p) for p in problems if p.severity != "error")
        if not (errors or warnings or self._site):
            return None
        elsewhere = self._total - len(errors) - len(self._site)
        return Notice(path, errors, warnings, self._site, max(elsewhere, 0), self.withheld(src))

    def has_errors(self, src: str) -> bool:
        return self._errors.get(self._paths.get(src, ""), 0) > 0

    def withheld(self, src: str) -> bool:
        """Whether the page's body must not be rendered: refused HTML, or HTML that was never checked."""
        if src in self._unreadable:
            return True
        return any(refuses_html(p) for p in self._by_path.get(self._paths.get(src, ""), []))


def withheld_markdown(separator: str | None = None) -> str:
    """What is rendered instead of a withheld page's Markdown (an excerpt marker for posts)."""
    return WITHHELD_TEXT + (f"\n\n{separator}\n" if separator else "\n")


def stand_in_post(page: Page, *, today: dt.date, categories: Iterable[str] | None, tags: Iterable[str] | None,
                  authors: Iterable[str] | None, separator: str | None, withheld: bool) -> str:
    """A copy of a post the blog plugin accepts: its front matter's valid blog settings only, and its
    body (or, when withheld, the notice). `None` lists mean "any value is allowed"."""
    meta: Mapping[str, Any] = page.meta if isinstance(page.meta, dict) and page.parse_error is None else {}
    kept: dict[str, Any] = {}
    for name in _TEXT_FIELDS:
        if isinstance(meta.get(name), str) and meta[name].strip() and not re.search(r"[<>&]", meta[name]):
            kept[name] = meta[name]
    kept.setdefault("title", PurePosixPath(page.src).stem.replace("-", " ").capitalize())
    date = meta.get("date")
    kept["date"] = date if isinstance(date, dt.date) else today
    for name, allowed in (("categories", categories), ("tags", tags), ("authors", authors)):
        values = meta.get(name)
        if isinstance(values, list):
            ok = [v for v in values if isinstance(v, str) and (allowed is None or v in set(allowed))]
            if ok:
                kept[name] = ok
    if isinstance(meta.get("draft"), bool):
        kept["draft"] = meta["draft"]
    body = withheld_markdown(separator) if withheld or page.parse_error is not None else page.body
    if separator and separator not in body:
        body = body.rstrip("\n") + f"\n\n{separator}\n"
    return "---\n" + yaml.safe_dump(kept, allow_unicode=True, sort_keys=False) + "---\n\n" + body
