"""Content checks: every page, every problem, one plain message each.

One validator for the build (`scripts/mkdocs_hooks.py`, on_config) and for `make check`
(`scripts/check.py`). It reads the content model, never writes a file, and never raises for a
content problem: everything an editor can get wrong comes back as a `Problem` in the `Report`.

What is checked, page by page:
- the file itself: empty, not UTF-8 (error); byte-order mark, Windows line endings (warnings);
- front matter: readable YAML, a mapping, and the declared schema of its content type
  (`schema.py`: required fields, types, dates, lengths, allow-lists, references, sources);
- raw HTML: an allow-list of elements; no scripts, styles, embeds, forms, event handlers, or
  javascript:/vbscript:/data: addresses;
- links and pictures: internal links and #anchors resolve as MkDocs resolves them; pictures
  exist and have alt text; other websites over https only;
- medical rules: condition-page sections and care card; the emergency page is linked from any
  page that mentions red-flag symptoms; reading grade of posts and condition pages;
- dates: a review that has passed its due date (warning).
And across the site: duplicate titles, slugs and web addresses.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import posixpath
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import unquote, urlsplit

import yaml

from . import atoz, carecards, render, schema, siteconfig, triage, triage_rules
from .content import Page
from .related import Index, is_published

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

# The HTML parser and the readability library are imported where the HTML checks use them: the
# build runs the source checks first, often in a process that never reads any HTML.

Severity = Literal["error", "warning"]

EMERGENCY_SRC = "emergency.md"
EXCERPT_MARKER = "<!-- more -->"
REQUIRED_SECTIONS = ("Symptoms", "What causes it", "How it is diagnosed", "Treatment", "When to get help")
OPTIONAL_SECTION = "Is it my spine or my foot?"          # between "What causes it" and "How it is diagnosed"
CARE_CARD_SECTION = "When to get help"
TREATMENT_SECTIONS = ("What it is", "Who it may help, and who it won't", "How to prepare", "What happens on the day",
                      "Recovery", "Risks and side effects", "How well it works", "Questions to ask",
                      "When to get help afterwards")
TREATMENT_CARE_SECTION = "When to get help afterwards"
ARTICLE_KINDS = ("post", "condition", "treatment")        # pages with the full set of checks
GENERATED_SECTIONS = ("Sources", "References", "Last reviewed")   # added by the templates
MAX_CARE_CARD_BULLETS = 6                                # "at most 5 bullets plus one catch-all"
EMERGENCY_LINK_TEXT = "when back or leg pain is an emergency"

# Phrases that mean a page talks about red-flag symptoms or nerve compression.
RED_FLAGS = re.compile(
    r"\bcauda\s+equina\b|\bsaddle\s+(?:area|numbness|anaesthesia|anesthesia)\b"
    r"|\b(?:los[est]|losing)\s+(?:of\s+)?(?:the\s+)?control\s+(?:of|over)\s+(?:your\s+|their\s+|the\s+)?(?:bladder|bowels?)\b"
    r"|\b(?:bladder|bowel)\s+control\b"
    r"|\b(?:pinched|trapped|compressed|squeezed)\s+(?:\w+\s+)?nerves?\b|\bnerve\s+compression\b|\bnerve\s+roots?\b",
    re.IGNORECASE,
)

# Raw HTML: elements a page may contain (everything our Markdown extensions produce, plus
# harmless formatting). Anything else is refused; the dangerous ones get a specific reason.
ALLOWED_TAGS = frozenset("""
a abbr article aside b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt
em figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i img input ins kbd label li mark nav ol p picture
pre q rp rt ruby s samp section small source span strong sub summary sup table tbody td tfoot th thead
time tr u ul var wbr
""".split())
_EMBED = ("embedded content can track or harm readers", "remove it and link to the page or file instead")
_FORM = ("forms could collect readers' data", "remove it (the newsletter sign-up comes from the site's templates)")
_ANIMATION = ("it can turn a drawing into a script", "remove it")
DANGEROUS_TAGS: dict[str, tuple[str, str]] = {   # element -> (why it is refused, what to do)
    "script": ("scripts could harm readers", "remove it (the site's own scripts come only from its templates)"),
    "style": ("page styles can hide or change content", "remove it (styles belong in docs/assets/stylesheets/)"),
    "iframe": _EMBED, "frame": _EMBED, "frameset": _EMBED, "object": _EMBED, "embed": _EMBED, "applet": _EMBED,
    "form": _FORM, "input": _FORM, "button": _FORM, "select": _FORM, "textarea": _FORM,
    "base": ("it changes how the whole page behaves", "remove it"),
    "meta": ("it changes how the whole page behaves", "remove it"),
    "link": ("it loads files from elsewhere into the page", "remove it"),
    "cdata-section": ("browsers and these checks read what follows it differently", "remove it"),
    "foreignobject": _ANIMATION, "animate": _ANIMATION, "animatemotion": _ANIMATION,
    "animatetransform": _ANIMATION, "set": _ANIMATION,
}
OTHER_TAG = ("it is not on the list of HTML this site allows", "use Markdown instead")
# Inline SVG (e.g. the clickable leg map): drawing elements only, inside an <svg>. Names are
# lower-case because the HTML parser lower-cases them (clipPath -> clippath).
SVG_TAGS = frozenset("""
svg g path rect circle ellipse line polyline polygon text tspan textpath title desc defs clippath mask
lineargradient radialgradient stop symbol use marker pattern a
""".split())
URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "background",
                  "data", "cite", "longdesc", "ping", "lowsrc", "dynsrc", "manifest", "codebase", "usemap")
UNSAFE_SCHEMES: dict[str, tuple[str, str]] = {    # scheme -> (why it is refused, what to do)
    "javascript": ("javascript: addresses run scripts", "link to a page of this site or an https:// address"),
    "vbscript": ("vbscript: addresses run scripts", "link to a page of this site or an https:// address"),
    "data": ("data: addresses can hide scripts and content", "put the file in docs/assets/ and link to it"),
}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+")

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_ATX = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*(?:\{[^}]*\})?[ \t]*#*[ \t]*$")
_ADMONITION = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+(?P<type>[\w-]+)(?P<rest>.*)$")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_FILE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
STANDARD_ADMONITIONS = frozenset("""note abstract summary tldr info todo tip hint important success check done
question help faq warning caution attention failure fail missing danger error bug example quote cite""".split())


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
    pages: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, problem: Problem) -> None:
        bucket = self.errors if problem.severity == "error" else self.warnings
        if problem not in bucket:
            bucket.append(problem)

    def sort(self) -> None:
        key = lambda p: (p.path, p.line or 0, p.message)  # noqa: E731
        self.errors.sort(key=key)
        self.warnings.sort(key=key)


# --- the site as the checks see it ---------------------------------------------------------

@dataclass
class _Rendered:
    html: str
    soup: BeautifulSoup | None       # None once the page's own checks are done (other pages need only its ids)
    ids: frozenset[str]


class _Site:
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
        self._rendered: dict[str, _Rendered | None] = {}
        self._files: set[str] | None = None
        self.rendered_html: Mapping[str, str] = {}
        self.stop_before_html = False
        self.html_only = False

    def display(self, src: str) -> str:
        return f"{self.prefix}/{src}" if self.prefix else src

    def rules(self, page: Page) -> schema.Rules:
        return schema.Rules(page=page, index=self.index, today=self.today, categories=self.categories,
                            tags=self.tags, authors=self.authors)

    def rendered(self, page: Page) -> _Rendered | None:
        if page.src not in self._rendered:
            try:
                html = self.rendered_html.get(page.src) or _to_html(_as_built(page, self), str(self.config_file))
            except Exception:  # noqa: BLE001 - reported by the caller as a content problem
                self._rendered[page.src] = None
            else:
                from bs4 import BeautifulSoup
                soup = BeautifulSoup(as_browsers_read(html), "html.parser")
                self._rendered[page.src] = _Rendered(html, soup, _ids(soup))
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
def _to_html(markdown_text: str, config_file: str) -> str:
    # Cached by text: `mkdocs serve` re-checks the whole site on every save.
    return render.to_html(markdown_text, Path(config_file))


def _as_built(page: Page, site: _Site) -> str:
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


# --- entry point ---------------------------------------------------------------------------

def validate_site(pages: list[Page], docs_dir: Path, site_config: dict[str, Any], config_file: Path,
                  today: dt.date | None = None, *, rendered_html: Mapping[str, str] | None = None,
                  stop_before_html: bool = False, html_only: bool = False) -> Report:
    """Check every page; return every problem found. Never raises for a content problem.

    `rendered_html` (page src -> HTML) lets the build hand over the HTML it has already made, so
    pages are not rendered twice; pages missing from it are rendered here. `stop_before_html`
    runs only the checks of the files and their front matter (the build does these first, before
    anything else reads the pages, and the rest once every page is rendered); `html_only` then
    runs only the checks of the rendered HTML, for a site whose sources have passed.
    """
    site = _Site(pages, docs_dir, site_config or {}, config_file, today or dt.date.today())
    site.rendered_html = rendered_html or {}
    site.stop_before_html = stop_before_html
    site.html_only = html_only
    report = Report(pages=len(site.pages))
    if site.standard_problem and not html_only:
        report.add(Problem(site.display(triage.STANDARD_FILE), None, None,
                           f"the triage standard cannot be used: {site.standard_problem}; please tell the web team"))
    if site.authors_problem and not html_only and any(p.kind == "post" for p in site.pages):
        report.add(Problem(_display_file(site, site.authors_file), None, "authors", site.authors_problem))
    for page in site.pages:
        checker = _PageChecker(page, site, report)
        try:
            checker.run()
        except Exception as exc:  # noqa: BLE001 - a bug in one check must not hide the other problems
            checker.error(None, None, f"this page could not be fully checked ({type(exc).__name__}: {exc}); "
                                      "please tell the web team, and check the page by eye")
        site.release(page.src)
    if not html_only:
        _check_duplicates(site, report)
    report.sort()
    return report


def _display_file(site: _Site, path: Path) -> str:
    try:
        return Path(os.path.relpath(path.resolve(), site.config_file.resolve().parent)).as_posix()
    except ValueError:
        return path.as_posix()


# --- one page ------------------------------------------------------------------------------

class _PageChecker:
    def __init__(self, page: Page, site: _Site, report: Report) -> None:
        self.page = page
        self.site = site
        self.report = report
        self.path = site.display(page.src)
        self._lines: list[tuple[int, str]] | None = None

    # reporting
    def error(self, line: int | None, field_name: str | None, message: str) -> None:
        self.report.add(Problem(self.path, line, field_name, message, "error"))

    def warning(self, line: int | None, field_name: str | None, message: str) -> None:
        self.report.add(Problem(self.path, line, field_name, message, "warning"))

    # source lines outside fenced code, with their file line numbers
    def lines(self) -> list[tuple[int, str]]:
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

    def find_line(self, pattern: re.Pattern[str] | str) -> int | None:
        for line, text in self.lines():
            if (pattern.search(text) if isinstance(pattern, re.Pattern) else pattern in text):
                return line
        return None

    # the checks
    def run(self) -> None:
        if not self.site.html_only and not self._check_source():
            return
        if self.site.stop_before_html or not self.page.body.strip() or self.page.parse_error is not None:
            return
        # Checks of the rendered HTML.
        page = self.page
        rendered = self.site.rendered(page)
        if rendered is None:
            self.error(None, None, "the page's Markdown could not be turned into HTML; look for an unclosed "
                                   "code block (```) or HTML tag")
            return
        self._check_html(rendered)
        self._check_links(rendered)
        self._check_red_flags(rendered)
        if page.kind in ARTICLE_KINDS:
            self._check_reading_grade(rendered)

    def _check_source(self) -> bool:
        """Checks of the file, its front matter and its Markdown (the build runs these first, before
        anything else reads the pages). False when the page cannot be checked further."""
        page = self.page
        if not self._check_file():
            return False
        meta_ok = self._check_front_matter()
        if not page.body.strip():
            report = self.error if page.kind in ARTICLE_KINDS else self.warning
            report(page.body_start_line if page.has_front_matter else 1, None,
                   "the page has no text after the front matter; write the page, or delete the file")
            return False
        if page.kind in ARTICLE_KINDS and not _FILE_NAME.match(PurePosixPath(page.src).name):
            name = re.sub(r"[^a-z0-9]+", "-", page.slug.lower()).strip("-") or "page-name"
            self.error(1, None, f"rename the file to '{name}.md': the file name becomes the page's web address, "
                                "so use lower-case letters, numbers and hyphens only")
        self._check_headings()
        self._check_care_cards()
        self._check_triage()
        if page.kind == "post":
            self._check_excerpt()
        if page.kind == "condition":
            self._check_sections(REQUIRED_SECTIONS, CARE_CARD_SECTION, "condition pages", OPTIONAL_SECTION)
        elif page.kind == "treatment":
            self._check_sections(TREATMENT_SECTIONS, TREATMENT_CARE_SECTION, "treatment and test pages")
        if meta_ok:
            self._check_review_due()
            self._check_unpublished_references()
        return True

    def _check_file(self) -> bool:
        problem = self.page.raw_problem or ""
        if problem.startswith("not-utf8"):
            line = int(problem.split(":", 1)[1]) if ":" in problem else None
            self.error(line, None, "the file is not saved as UTF-8, so some characters cannot be read; "
                                   "open it in your editor and save it with the 'UTF-8' encoding")
            return False
        if problem == "bom":
            self.warning(1, None, "the file starts with a byte-order mark (BOM); it is handled, but please "
                                  "save the file as 'UTF-8' (without BOM)")
        elif problem == "crlf":
            self.warning(1, None, "the file has Windows line endings (CRLF); they are handled, but please set "
                                  "your editor to save with 'LF' line endings")
        if not self.page.meta and not self.page.body.strip() and self.page.parse_error is None:
            if not self.page.has_front_matter:
                self.error(1, None, "the file is empty; start it with front matter (see CONTRIBUTING.md "
                                    "section 3, or use 'make new-post' / 'make new-condition'), or delete it")
                return False
        return True

    def _check_front_matter(self) -> bool:
        page = self.page
        if page.parse_error is not None:
            self.error(page.parse_error.line, None, page.parse_error.message)
            return False
        if not page.has_front_matter:
            first = page.body.lstrip("\ufeff")
            if first.lstrip(" \t\n").startswith("---") and not first.startswith("---"):
                leading = first[: len(first) - len(first.lstrip(" \t\n"))]
                self.error(leading.count("\n") + 1, None, "the front matter must start on the very first line of the file; "
                                       "remove the blank lines or spaces before the first '---'")
            elif first.startswith("---"):
                self.error(1, None, "the front matter has no closing '---' line; add a line with just '---' "
                                    "after the last field")
            else:
                needs = {"post": "title, description, date, categories, tags, authors and sources",
                         "condition": "title, description, summary, starts_in, last_reviewed and sources",
                         "treatment": "title, description, summary, treatment_type, last_reviewed and sources",
                         "page": "title and description"}[page.kind]
                self.error(1, None, f"the page has no front matter: start the file with a '---' line, then "
                                    f"{needs}, then another '---' line (see CONTRIBUTING.md section 3)")
            return False
        problems = schema.check(page, self.site.rules(page))
        for problem in problems:
            self.error(problem.line, problem.field, problem.message)
        return not problems

    # raw HTML
    def _check_html(self, rendered: _Rendered) -> None:
        reported: set[object] = set()
        refused: set[int] = set()

        def refused_inside(tag: Tag) -> bool:
            parent = tag.parent
            while parent is not None:
                if id(parent) in refused:
                    return True
                parent = parent.parent
            return False

        for tag in rendered.soup.find_all(True):
            name = tag.name.lower()
            in_svg = name == "svg" or _has_ancestor(tag, ("svg",))
            allowed = name in SVG_TAGS if in_svg else name in ALLOWED_TAGS
            if name == "use" and in_svg:
                href = str(tag.get("href") or tag.get("xlink:href") or "")
                if not href.startswith("#") and "<use>" not in reported:
                    reported.add("<use>")
                    self.error(self.find_line(re.compile(r"<\s*use\b", re.I)), None,
                               "a drawing's <use> may only point inside the page (href=\"#id\"); remove it")
            if refused_inside(tag):
                continue                       # removing the refused parent removes this too
            if not allowed or (name == "input" and not _is_task_checkbox(tag)):
                refused.add(id(tag))
                key = f"<{name}>"
                if key not in reported:
                    reported.add(key)
                    why, fix = DANGEROUS_TAGS.get(name, OTHER_TAG)
                    if name == "cdata-section":
                        self.error(self.find_line(re.compile(r"<!\[CDATA\[", re.I)), None,
                                   f"a <![CDATA[ section is not allowed in pages ({why}); remove it")
                    else:
                        self.error(self.find_line(re.compile(rf"<\s*{re.escape(name)}\b", re.I)), None,
                                   f"the HTML element <{name}> is not allowed in pages ({why}); {fix}")
            for attr, value in tag.attrs.items():
                attr_name = attr.lower()
                if attr_name.startswith("on") and attr_name not in reported:
                    reported.add(attr_name)
                    self.error(self.find_line(re.compile(rf"\b{re.escape(attr_name)}\s*=", re.I)), None,
                               f"the '{attr_name}' attribute is not allowed (event handlers run scripts); remove it")
                elif attr_name == "srcdoc" and attr_name not in reported:
                    reported.add(attr_name)
                    self.error(self.find_line(re.compile(r"\bsrcdoc\s*=", re.I)), None,
                               "the 'srcdoc' attribute is not allowed (it embeds a page); remove it")
                elif attr_name in URL_ATTRIBUTES:
                    values = value if isinstance(value, list) else [value]
                    if attr_name == "srcset":
                        values = [part.strip().split(" ")[0] for v in values for part in str(v).split(",")]
                    for url in values:
                        scheme = unsafe_scheme(str(url))
                        if scheme and (scheme, str(url)) not in reported:
                            reported.add((scheme, str(url)))
                            why, fix = UNSAFE_SCHEMES[scheme]
                            self.error(self._url_line(str(url), scheme), None,
                                       f"the address '{_short(str(url))}' is not allowed ({why}); {fix}")

    def _url_line(self, url: str, scheme: str | None = None) -> int | None:
        line = self.find_line(url) if url.strip() else self.find_line(re.compile(r"\]\(\s*\)|href=[\"']\s*[\"']"))
        if line is None and scheme:
            line = self.find_line(re.compile(rf"{scheme}\s*:", re.I))
        return line

    # links and pictures
    def _check_links(self, rendered: _Rendered) -> None:
        seen: dict[tuple[str, str], int] = defaultdict(int)
        links: list[tuple[str, str]] = []
        for tag in rendered.soup.find_all(["a", "img", "source"]):
            if tag.name == "a" and tag.has_attr("href"):
                links.append(("a", str(tag["href"])))
            elif tag.name in ("img", "source") and tag.has_attr("src"):
                links.append(("img", str(tag["src"])))
            if tag.name == "img":
                self._check_alt(tag)
        for kind, url in links:
            seen[(kind, url)] += 1
        for (kind, url), count in seen.items():
            message = self._link_problem(kind, url, rendered)
            if message:
                times = f" (it appears {count} times)" if count > 1 else ""
                self.error(self._url_line(url), None, message + times)

    def _check_alt(self, tag: Tag) -> None:
        src = str(tag.get("src") or "")
        alt = tag.get("alt")
        if alt is None or not str(alt).strip():
            self.error(self._url_line(src), None,
                       f"the picture '{_short(src)}' has no alt text: describe what it shows inside the square "
                       f"brackets, like ![Diagram of the lower spine and its nerve roots]({_short(src)})")

    def _link_problem(self, kind: str, url: str, rendered: _Rendered) -> str | None:
        what = "picture" if kind == "img" else "link"
        if unsafe_scheme(url):
            return None                      # already reported as unsafe HTML
        stripped = url.strip()
        if not stripped:
            return f"a {what} has an empty address; put the page's file name or an https:// address in the brackets"
        try:
            parts = urlsplit(stripped)
        except ValueError:
            return f"the {what} '{_short(url)}' is not a valid address"
        scheme = parts.scheme.lower()
        if scheme in ("mailto", "tel") and kind == "a":
            return None
        if scheme == "http":
            return (f"the {what} '{_short(url)}' must start with https:// (links to other websites must be secure); "
                    "change http:// to https:// and check that the page still opens")
        if scheme == "https":
            return None if parts.netloc else f"the {what} '{_short(url)}' is missing the website's name"
        if scheme or parts.netloc:
            return (f"the {what} '{_short(url)}' must start with https:// (or be a page of this site); "
                    f"'{scheme or '//'}' addresses are not allowed")
        if not parts.path:
            if parts.fragment and kind == "a":
                return self._anchor_problem(url, parts.fragment, self.page.src, rendered.ids)
            return None
        if self.page.src in self.site.rendered_html:
            # HTML from the build: MkDocs has already turned .md links into web addresses and checks
            # them itself (strict mode), so our file-based check only runs in `make check`.
            return None
        return self._internal_problem(kind, url, unquote(parts.path), parts.fragment)

    def _internal_problem(self, kind: str, url: str, path: str, fragment: str) -> str | None:
        what = "picture" if kind == "img" else "link"
        src = self.page.src
        if path.startswith(("/", "\\")):
            target = posixpath.normpath(path.lstrip("/\\"))
        else:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(src), path).lstrip("/"))
        files = self.site.files()
        if target == "." or target.startswith("../") or target not in files or target.endswith("/"):
            return self._not_found(what, url, path, target, fragment)
        if self._written_in_html(url):
            example = f"![what the picture shows]({url})" if kind == "img" else f"[the link text]({url})"
            return (f"the {what} '{_short(url)}' is written in HTML, so MkDocs does not turn it into the page's web "
                    f"address and it would be broken on the site; write it in Markdown: {example}")
        page = self.site.by_src.get(target)
        if page is None:
            return None                       # a picture or another file that exists
        if kind == "a" and self.site.published(self.page) and not self.site.published(page):
            return (f"the link '{_short(url)}' points to {self.site.display(target)}, which is a draft (or dated in "
                    "the future) and is not published; remove the link until that page is published")
        if fragment and kind == "a":
            rendered = self.site.rendered(page)
            if rendered is not None:
                return self._anchor_problem(url, fragment, target, rendered.ids)
        return None

    def _written_in_html(self, url: str) -> bool:
        """Only Markdown links and pictures are rewritten by MkDocs; href="x.md" in raw HTML is not."""
        raw = re.compile(r"\b(?:href|src)\s*=\s*[\"']?" + re.escape(url) + r"(?:[\"'\s>]|$)")
        markdown_form = re.compile(r"\]\(\s*<?" + re.escape(url) + r"|^\s*\[[^\]]+\]:\s*<?" + re.escape(url))
        return self.find_line(raw) is not None and self.find_line(markdown_form) is None

    def _not_found(self, what: str, url: str, path: str, target: str, fragment: str) -> str:
        files = self.site.files()
        here = posixpath.dirname(self.page.src)
        last = posixpath.basename(path.rstrip("/"))
        if "@" in url and "." in url and "/" not in url:
            return f"the {what} '{_short(url)}' looks like an email address; write it as 'mailto:{url}'"
        if not posixpath.splitext(last)[1]:
            for index in ("index.md", "README.md"):
                candidate = posixpath.normpath(posixpath.join(target, index)) if target != "." else index
                if candidate in files:
                    suggested = _relative(candidate, here) + (f"#{fragment}" if fragment else "")
                    return (f"the {what} '{_short(url)}' points to a folder; link to its page file instead: "
                            f"'{suggested}'")
            if target + ".md" in files:
                suggested = _relative(target + ".md", here) + (f"#{fragment}" if fragment else "")
                return (f"the {what} '{_short(url)}' is a web address, not a file; link to the page's file "
                        f"instead: '{suggested}'")
        shown_target = self.site.display(target) if not target.startswith("../") else "a file outside docs/"
        close = _closest_file(target, files, pictures=what == "picture")
        hint = f"; did you mean '{_relative(close[0], here)}'?" if close else \
            "; check the file name and the folder (links are relative to this file)"
        return f"the {what} '{_short(url)}' points to {shown_target}, which does not exist{hint}"

    def _anchor_problem(self, url: str, fragment: str, target: str, ids: frozenset[str]) -> str | None:
        anchor = unquote(fragment)
        if anchor in ids or fragment in ids:
            return None
        close = difflib.get_close_matches(anchor, sorted(ids), n=1, cutoff=0.6)
        hint = f"; did you mean '#{close[0]}'?" if close else "; check the heading's spelling"
        where = "this page" if target == self.page.src else self.site.display(target)
        return f"the link '{_short(url)}' points to a section '#{anchor}' that {where} does not have{hint}"

    # headings, care cards, excerpt, sections
    def headings(self, level: int) -> list[tuple[int, str]]:
        found = []
        for line, text in self.lines():
            match = _ATX.match(text)
            if match and len(match.group(1)) == level:
                found.append((line, match.group(2).strip()))
        return found

    def _check_headings(self) -> None:
        if self.page.kind not in ARTICLE_KINDS:
            return
        for line, text in self.headings(1):
            self.error(line, None, f"remove the heading '# {text}': the page's title comes from 'title' in the "
                                   "front matter; use '## ' for sections")
        for line, text in self.headings(2):
            if _norm(text) in {_norm(s) for s in GENERATED_SECTIONS}:
                self.error(line, None, f"remove the '## {text}' section: the sources and review dates are added "
                                       "for you from the front matter")

    def _check_care_cards(self) -> None:
        lines = self.lines()
        all_lines = self.page.body.split("\n")
        for line, text in lines:
            match = _ADMONITION.match(text)
            if not match:
                continue
            kind = match.group("type")
            if kind not in carecards.CARE_TYPES:
                close = schema.suggestion(kind, list(carecards.CARE_TYPES))
                if close and kind.lower() not in STANDARD_ADMONITIONS:
                    self.error(line, None, f"'!!! {kind}' is not a care card type; did you mean '!!! {close}'? "
                                           "(care cards are see-doctor, urgent and emergency)")
                continue
            title = match.group("rest").strip()
            if not (title.startswith('"') and title.endswith('"') and len(title) > 2):
                self.error(line, None, f"the care card needs a heading in double quotes, with one action, like "
                                       f"!!! {kind} \"{_CARD_EXAMPLES[kind]}\"")
            # its content: the following lines indented deeper than the card
            indent = len(match.group("indent").expandtabs(4))
            content = carecards.content_under(all_lines, line - self.page.body_start_line, indent)
            if not any(c.strip() for c in content):
                self.error(line, None, "the care card is empty: indent its content by four spaces under the "
                                       f"'!!! {kind}' line")
                continue
            bullets = sum(1 for c in content if c.strip() and _BULLET.match(c)
                          and len(c) - len(c.lstrip(" ")) == indent + 4)
            if bullets > MAX_CARE_CARD_BULLETS:
                self.warning(line, None, f"the care card has {bullets} bullet points; keep it to at most 5 plus "
                                         "one catch-all, so readers in a hurry can take it in")

    def _check_triage(self) -> None:
        outside = {line for line, _ in self.lines()}
        code = [self.page.body_start_line + i for i in range(self.page.body.count("\n") + 1)
                if self.page.body_start_line + i not in outside]
        for finding in triage_rules.check_page(self.page, self.site.standard, code):
            self.error(finding.line, finding.field, finding.message)

    def _check_excerpt(self) -> None:
        body = self.page.body
        if EXCERPT_MARKER not in body:
            self.error(None, None, f"the post has no excerpt marker: put {EXCERPT_MARKER} on its own line after "
                                   "the first paragraph or two (they are shown on the blog index)")
            return
        before = body.split(EXCERPT_MARKER, 1)[0]
        if not re.sub(r"<!--.*?-->", "", before, flags=re.S).strip():
            line = self.find_line(EXCERPT_MARKER)
            self.error(line, None, f"the excerpt marker {EXCERPT_MARKER} comes before any text; move it after the "
                                   "first paragraph or two, which must make sense on their own")

    def _check_sections(self, required: tuple[str, ...], care_section: str, kind_name: str,
                        optional: str | None = None) -> None:
        headings = self.headings(2)
        known = {_norm(s): s for s in (*required, *([optional] if optional else []))}
        position: dict[str, tuple[int, int]] = {}        # section -> (index among H2s, line)
        unknown: list[tuple[int, str]] = []
        for index, (line, text) in enumerate(headings):
            name = known.get(_norm(text))
            if name and name not in position:
                position[name] = (index, line)
            elif not name:
                unknown.append((line, text))
        order = "## " + ", ## ".join(required)
        for section in required:
            if section in position:
                continue
            close = difflib.get_close_matches(_norm(section), [_norm(t) for _, t in unknown], n=1, cutoff=0.6)
            if close:
                line, text = next((ln, t) for ln, t in unknown if _norm(t) == close[0])
                self.error(line, None, f"rename '## {text}' to '## {section}': {kind_name} need these "
                                       f"sections, in this order: {order}")
            else:
                self.error(None, None, f"the '## {section}' section is missing: {kind_name} need these "
                                       f"sections, in this order: {order}")
        latest: tuple[int, str] | None = None
        for section in required:
            if section not in position:
                continue
            index, line = position[section]
            if latest and index < latest[0]:
                self.error(line, None, f"'## {section}' must come after '## {latest[1]}' (the order is: {order})")
            else:
                latest = (index, section)
        if optional and optional in position:
            index, line = position[optional]
            after, before = position.get("What causes it"), position.get("How it is diagnosed")
            if (after and index < after[0]) or (before and index > before[0]):
                self.error(line, None, f"'## {optional}' must come between '## What causes it' and "
                                       "'## How it is diagnosed'")
        # the care card, inside "When to get help"
        if not carecards.has_care_card(self.page.body):
            line = position[care_section][1] if care_section in position else None
            self.error(line, None, f"the page has no care card: add one inside '## {care_section}', like "
                                   f"!!! see-doctor \"{_CARD_EXAMPLES['see-doctor']}\" with its content indented "
                                   "by four spaces")
        elif care_section in position:
            start = position[care_section][1]
            following = [ln for ln, _ in headings if ln > start]
            end = following[0] if following else None
            section_text = "\n".join(t for ln, t in self.lines() if ln > start and (end is None or ln < end))
            if not carecards.has_care_card(section_text):
                self.error(start, None, f"the care card must be inside the '## {care_section}' section; move it "
                                        "there")

    # medical rules
    def _check_red_flags(self, rendered: _Rendered) -> None:
        if self.page.src == EMERGENCY_SRC:
            return
        soup = rendered.soup
        if _as_built(self.page, self.site) != self.page.body:    # only what the editor wrote
            from bs4 import BeautifulSoup
            soup = BeautifulSoup(_to_html(self.page.body, str(self.site.config_file)), "html.parser")
        text = _prose_text(soup)
        match = RED_FLAGS.search(text) or self._standard_red_flag(text)
        if not match:
            return
        if self._links_to(rendered, EMERGENCY_SRC):
            return
        phrase = " ".join(match.group(0).split())
        line = self.find_line(re.compile(r"\s+".join(map(re.escape, phrase.split())), re.I))
        link = _relative(EMERGENCY_SRC, posixpath.dirname(self.page.src))
        self.error(line, None, f"the page mentions '{phrase}' (a red-flag symptom or nerve compression) but does not "
                               f"link to the emergency page; add a link like [{EMERGENCY_LINK_TEXT}]({link})")

    def _standard_red_flag(self, text: str) -> re.Match[str] | None:
        """The reader's words for the triage standard's cauda equina signs ("numbness between my legs")."""
        if self.site.standard is None:
            return None
        flat = triage.normalise(text)
        for pattern in self.site.standard.emergency_link_phrases():
            found = pattern.search(flat)
            if found:
                return found
        return None

    def _links_to(self, rendered: _Rendered, target_src: str) -> bool:
        here = posixpath.dirname(self.page.src)
        for tag in rendered.soup.find_all("a", href=True):
            try:
                parts = urlsplit(str(tag["href"]).strip())
            except ValueError:
                continue
            if parts.scheme or parts.netloc or not parts.path:
                continue
            path = unquote(parts.path)
            if self.page.src in self.site.rendered_html:
                # HTML from the build: links are web addresses relative to this page's address.
                address = posixpath.normpath(posixpath.join(self.page.url, path)).strip("/") + "/"
                if address == self.site.by_src[target_src].url if target_src in self.site.by_src else False:
                    return True
                continue
            target = (posixpath.normpath(path.lstrip("/")) if path.startswith("/")
                      else posixpath.normpath(posixpath.join(here, path)))
            if target == target_src:
                return True
        return False

    def _check_reading_grade(self, rendered: _Rendered) -> None:
        from . import readability
        result = readability.measure_text(readability.prose_blocks(rendered.html))
        if result.grade <= readability.GRADE_LIMIT:
            return
        kind = "posts" if self.page.kind == "post" else "condition pages"
        listing = "".join(f"\n    - ({len(s.split())} words{self._sentence_line(s)}) {s}" for s in result.longest)
        self.error(None, None, f"the reading grade is {result.grade:g}, above the limit of "
                               f"{readability.GRADE_LIMIT:g} for {kind}; shorten the longest sentences first:{listing}")

    def _sentence_line(self, sentence: str) -> str:
        words = re.findall(r"[A-Za-z0-9']+", sentence)[:4]
        if len(words) < 2:
            return ""
        pattern = re.compile(r"[^A-Za-z0-9']+(?:\[|\*|_|\(|[^A-Za-z0-9'\s])*".join(map(re.escape, words)), re.I)
        loose = re.compile(r"\W+".join(map(re.escape, words)), re.I)
        line = self.find_line(pattern) or self.find_line(loose)
        return f", line {line}" if line else ""

    def _check_review_due(self) -> None:
        due = self.page.next_review_due
        if due is not None and due < self.site.today:
            self.warning(self.page.line_of("last_reviewed"), "last_reviewed",
                         f"the review is overdue: it was due on {due} (last reviewed {self.page.last_reviewed}); "
                         "check the page against its sources, then update 'last_reviewed'")

    def _check_unpublished_references(self) -> None:
        if not self.site.published(self.page):
            return
        index = self.site.index
        for key in ("related", "conditions", "read_also"):
            refs = self.page.str_list(key) if key != "read_also" else (
                [self.page.meta["read_also"]] if isinstance(self.page.meta.get("read_also"), str) else [])
            for ref in refs:
                src = index.resolve(ref)
                target = self.site.by_src.get(src) if src else None
                if target is not None and not self.site.published(target):
                    self.warning(self.page.line_of(key), key,
                                 f"'{key}' names '{ref}', which is a draft (or dated in the future); it is left out "
                                 "until that page is published")


_CARD_EXAMPLES = {
    "see-doctor": "See a doctor if:",
    "urgent": "Get an appointment today or go to urgent care if:",
    "emergency": "Call 911 or go to the emergency room if:",
}


# --- across pages --------------------------------------------------------------------------

def _check_duplicates(site: _Site, report: Report) -> None:
    def flag(groups: dict[str, list[Page]], what: str, fix: str, field_name: str | None) -> None:
        for value, pages in groups.items():
            if len(pages) < 2:
                continue
            for page in pages:
                others = ", ".join(site.display(p.src) for p in pages if p is not page)
                line = page.line_of(field_name) if field_name and field_name in page.key_lines else None
                report.add(Problem(site.display(page.src), line, field_name,
                                   f"{what} '{value}' is also used by {others}; {fix}"))

    titles: dict[str, list[Page]] = defaultdict(list)
    shown_title: dict[str, str] = {}
    for page in site.pages:
        title = page.meta.get("title")
        if isinstance(title, str) and title.strip():
            key = " ".join(title.casefold().split())
            titles[key].append(page)
            shown_title.setdefault(key, " ".join(title.split()))
    flag({shown_title[k]: v for k, v in titles.items()}, "the title", "give each page its own title", "title")

    slugs: dict[str, list[Page]] = defaultdict(list)
    for page in site.pages:
        if page.kind in ARTICLE_KINDS:
            slugs[page.slug].append(page)
    flag(dict(slugs), "the file name (slug)", "rename one of the files: pages are named by their file name "
         "in 'related', 'conditions' and 'read_also'", None)

    urls: dict[str, list[Page]] = defaultdict(list)
    for page in site.pages:
        urls["/" + page.url].append(page)
    flag(dict(urls), "the web address", "rename or move one of the files so each page has its own address", None)


# --- small helpers -------------------------------------------------------------------------

def unsafe_scheme(url: str) -> str | None:
    """'javascript', 'vbscript' or 'data' if the address would use that scheme in a browser."""
    compact = _INVISIBLE.sub("", url).lower()
    match = _SCHEME.match(compact)
    if match and match.group(1) in UNSAFE_SCHEMES:
        return match.group(1)
    return None


def _is_task_checkbox(tag: Tag) -> bool:
    return str(tag.get("type", "")).lower() == "checkbox" and tag.has_attr("disabled")


def _has_ancestor(node: Any, names: tuple[str, ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.name in names:
            return True
        parent = parent.parent
    return False


def _prose_text(soup: BeautifulSoup) -> str:
    parts = [str(node) for node in soup.find_all(string=True)
             if not _has_ancestor(node, ("pre", "code", "script", "style"))]
    return " ".join(" ".join(parts).split())


def _closest_file(target: str, files: set[str], *, pictures: bool) -> list[str]:
    extension = posixpath.splitext(target)[1]
    pools = [sorted(f for f in files if posixpath.splitext(f)[1] == extension)]
    if pictures:
        pools.append(sorted(f for f in files if posixpath.splitext(f)[1].lower() in _PICTURE_TYPES))
    for pool in pools:
        close = difflib.get_close_matches(target, pool, n=1, cutoff=0.6)
        if close:
            return close
        by_name = {posixpath.basename(f): f for f in pool}
        match = difflib.get_close_matches(posixpath.basename(target), list(by_name), n=1, cutoff=0.75)
        if match:
            return [by_name[match[0]]]
    return []


_PICTURE_TYPES = frozenset({".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"})


def _relative(target: str, from_dir: str) -> str:
    return posixpath.relpath(target, from_dir or ".")


def _norm(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(" .:")


def _short(url: str, limit: int = 80) -> str:
    shown = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in url)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."
