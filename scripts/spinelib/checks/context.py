"""What the rules see: the site (pages, files, settings, the triage standard, rendered HTML) and
one page (its lines outside code blocks, its headings), and how a rule reports a problem."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .. import atoz, render, schema, siteconfig, triage
from ..content import Page
from ..related import Index, is_published
from .registry import Problem, Report, Rule, Severity

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

# The HTML parser and the readability library are imported where the HTML rules use them: the
# build runs the source rules first, often in a process that never reads any HTML.

EMERGENCY_SRC = "emergency.md"
ARTICLE_KINDS = ("post", "condition", "treatment")        # pages with the full set of checks

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_ATX = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*(?:\{[^}]*\})?[ \t]*#*[ \t]*$")


@dataclass
class Rendered:
    html: str
    soup: BeautifulSoup | None       # None once the page's own checks are done (other pages need only its ids)
    ids: frozenset[str]


class Site:
    def __init__(self, pages: list[Page], docs_dir: Path, site_config: dict[str, Any], config_file: Path,
                 today: dt.date) -> None:
        self.pages = sorted(pages, key=lambda p: p.src)
        self.docs_dir = docs_dir
        self.config_file = config_file
        self.today = today
        self.by_src = {p.src: p for p in self.pages}
        self.index = Index(self.pages)
        self.prefix = _display_prefix(docs_dir, config_file)
        blog = siteconfig.plugin_options(site_config, "blog")
        tags = siteconfig.plugin_options(site_config, "tags")
        self.categories = tuple(blog.get("categories_allowed") or ()) or None
        self.tags = tuple(tags.get("tags_allowed") or ()) or None
        self.authors_file = docs_dir / (blog.get("blog_dir") or "blog") / ".authors.yml"
        self.authors, self.authors_problem = _load_authors(self.authors_file)
        self.words = triage.site_words(site_config.get("extra"))
        try:
            self.standard, self.standard_problem = triage.load(docs_dir), None
        except triage.StandardError as exc:
            self.standard, self.standard_problem = None, str(exc)
        self._rendered: dict[str, Rendered | None] = {}
        self._files: set[str] | None = None
        self.rendered_html: Mapping[str, str] = {}
        self.stop_before_html = False
        self.html_only = False

    def display(self, src: str) -> str:
        return f"{self.prefix}/{src}" if self.prefix else src

    def display_file(self, path: Path) -> str:
        try:
            return Path(os.path.relpath(path.resolve(), self.config_file.resolve().parent)).as_posix()
        except ValueError:
            return path.as_posix()

    def rules(self, page: Page) -> schema.Rules:
        return schema.Rules(page=page, index=self.index, today=self.today, categories=self.categories,
                            tags=self.tags, authors=self.authors)

    def rendered(self, page: Page) -> Rendered | None:
        if page.src not in self._rendered:
            try:
                html = self.rendered_html.get(page.src) or to_html(as_built(page, self), str(self.config_file))
            except Exception:  # noqa: BLE001 - reported by the caller as a content problem
                self._rendered[page.src] = None
            else:
                from bs4 import BeautifulSoup
                soup = BeautifulSoup(as_browsers_read(html), "html.parser")
                self._rendered[page.src] = Rendered(html, soup, _ids(soup))
        return self._rendered[page.src]

    def release(self, src: str) -> None:
        """The page's own checks are done: keep its ids (links from other pages check anchors
        against them) and free its parsed tree. Trees point both ways (parent and children), so
        left to themselves a thousand of them wait for, and slow down, the cycle collector."""
        rendered = self._rendered.get(src)
        if rendered is not None and rendered.soup is not None:
            rendered.soup.decompose()
            rendered.soup = None

    def files(self) -> set[str]:
        """Every file MkDocs would publish from docs/ (not hidden ones), as POSIX paths."""
        if self._files is None:
            found: set[str] = set()
            if self.docs_dir.is_dir():
                for path in self.docs_dir.rglob("*"):
                    rel = path.relative_to(self.docs_dir)
                    # MkDocs leaves out hidden files and docs/templates/ (its default exclude_docs).
                    if path.is_file() and not any(part.startswith(".") for part in rel.parts) \
                            and rel.parts[0] != "templates":
                        found.add(rel.as_posix())
            self._files = found | set(self.by_src)
        return self._files

    def published(self, page: Page) -> bool:
        """Whether the build publishes the page: posts that are drafts or dated in the future are left
        out (blog: draft: false, draft_if_future_date: true); a post whose front matter cannot be read
        is reported on its own, so it counts as published here."""
        if page.kind != "post" or page.parse_error is not None:
            return True
        return is_published(page, self.today)


class PageContext:
    """One page as the rules see it, and the one way they report on it."""

    def __init__(self, page: Page, site: Site, report: Report) -> None:
        self.page = page
        self.site = site
        self.report = report
        self.path = site.display(page.src)
        self._lines: list[tuple[int, str]] | None = None

    def add(self, rule: Rule, line: int | None, text: str, *, field: str | None = None,
            severity: Severity | None = None) -> None:
        self.report.add(Problem(self.path, line, field, text, severity or rule.severity, rule.code))

    @property
    def is_article(self) -> bool:
        return self.page.kind in ARTICLE_KINDS

    def lines(self) -> list[tuple[int, str]]:
        """Source lines outside fenced code, with their file line numbers."""
        if self._lines is None:
            out: list[tuple[int, str]] = []
            fence: str | None = None
            for offset, text in enumerate(self.page.body.split("\n")):
                match = _FENCE.match(text)
                if fence is None and match:
                    fence = match.group(1)
                    continue
                if fence is not None:
                    if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                            and not text.strip()[len(match.group(1)):].strip():
                        fence = None
                    continue
                out.append((self.page.body_start_line + offset, text))
            self._lines = out
        return self._lines

    def code_lines(self) -> list[int]:
        """File lines of the body that are inside fenced code."""
        outside = {line for line, _ in self.lines()}
        return [self.page.body_start_line + i for i in range(self.page.body.count("\n") + 1)
                if self.page.body_start_line + i not in outside]

    def find_line(self, pattern: re.Pattern[str] | str) -> int | None:
        for line, text in self.lines():
            if (pattern.search(text) if isinstance(pattern, re.Pattern) else pattern in text):
                return line
        return None

    def url_line(self, url: str, scheme: str | None = None) -> int | None:
        line = self.find_line(url) if url.strip() else self.find_line(re.compile(r"\]\(\s*\)|href=[\"']\s*[\"']"))
        if line is None and scheme:
            line = self.find_line(re.compile(rf"{scheme}\s*:", re.I))
        return line

    def headings(self, level: int) -> list[tuple[int, str]]:
        found = []
        for line, text in self.lines():
            match = _ATX.match(text)
            if match and len(match.group(1)) == level:
                found.append((line, match.group(2).strip()))
        return found


def _display_prefix(docs_dir: Path, config_file: Path) -> str:
    try:
        return Path(os.path.relpath(docs_dir.resolve(), config_file.resolve().parent)).as_posix()
    except ValueError:      # another drive on Windows
        return docs_dir.as_posix()


def _load_authors(path: Path) -> tuple[tuple[str, ...], str | None]:
    if not path.is_file():
        return (), None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
        authors = data.get("authors") or {}
        if not isinstance(authors, dict):
            raise ValueError("'authors' must be a list of 'id:' entries")
        return tuple(str(a) for a in authors), None
    except (yaml.YAMLError, ValueError, AttributeError, UnicodeDecodeError) as exc:
        return (), f"cannot be read ({str(exc).splitlines()[0]}); every post's 'authors' depends on it"


@lru_cache(maxsize=512)
def to_html(markdown_text: str, config_file: str) -> str:
    # Cached by text: `mkdocs serve` re-checks the whole site on every save.
    return render.to_html(markdown_text, Path(config_file))


def as_built(page: Page, site: Site) -> str:
    """The Markdown MkDocs renders for this page (the A to Z generated into its index, the standard
    red flags and the site's emergency words written in)."""
    return triage.expand(atoz.expand(page.src, page.body, site.pages), site.standard, site.words)


# Where Python's HTML parser and browsers disagree, read the HTML as a browser would, so nothing can
# hide from the checks inside what only our parser thinks is a comment.
_ABRUPT_COMMENT = re.compile(r"<!--(-?)>")                     # "<!-->", "<!--->": closed at once
_BANG_COMMENT_END = re.compile(r"--!>")                        # "--!>" closes a comment too
_CDATA = re.compile(r"<!\[CDATA\[[^>]*>", re.IGNORECASE)       # outside SVG: a comment up to the first ">"


def as_browsers_read(html: str) -> str:
    html = _ABRUPT_COMMENT.sub("<!---->", html)
    html = _BANG_COMMENT_END.sub("-->", html)
    return _CDATA.sub("<cdata-section></cdata-section>", html)   # refused as an element, so it is reported


def _ids(soup: BeautifulSoup) -> frozenset[str]:
    ids = {str(tag["id"]) for tag in soup.find_all(id=True)}
    ids |= {str(tag["name"]) for tag in soup.find_all("a", attrs={"name": True})}
    return frozenset(ids)


# --- small helpers shared by the rules -------------------------------------------------------

def has_ancestor(node: Any, names: tuple[str, ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.name in names:
            return True
        parent = parent.parent
    return False


def norm(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(" .:")


def short(url: str, limit: int = 80) -> str:
    shown = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in url)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."
