"""The runner shared by `make check` (scripts/check.py) and the build (scripts/mkdocs_hooks.py):
every page through every family's checks, in order, then the checks across pages.

It reads the content model, never writes a file, and never raises for a content problem:
everything an editor can get wrong comes back as a `Problem` in the `Report`, with its code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..content import Page
from . import care_cards, duplicates, emergency, files, front_matter, html, links, reading, reviews, structure, triage
from .context import PageContext, Rendered, Site
from .registry import Report, rule

CHECK_FAILED = rule(
    "SH001", "check-failed", "error", "Every check could run on the page.",
    why="A fault in one of the checks themselves must not hide the page's other problems, nor let the page through "
        "unchecked.",
    fix="Please tell the web team (the message names the fault), and check the page by eye.",
    wrong="(a page that makes a check fail)", right="(the same page, once the check is fixed)",
    fixture_exempt="a fault in the checks, not an editor's mistake; tested by tests/test_validate.py")
NOT_CONVERTED = rule(
    "SH002", "markdown-not-converted", "error", "The page's Markdown can be turned into HTML.",
    why="A page that cannot be turned into HTML cannot be published or checked further.",
    fix="Look for an unclosed code block (```) or HTML tag.",
    wrong="```\nunclosed code block", right="```\nclosed code block\n```",
    fixture_exempt="Python-Markdown turns any text into HTML; only a fault in an extension stops it "
                   "(tested by tests/test_validate.py)")

# The checks of the files, their front matter and their Markdown (the build runs these first,
# before anything else reads the pages), once the file and its front matter are readable.
SOURCE_CHECKS: tuple[Callable[[PageContext], None], ...] = (
    files.check_leftovers, structure.check_headings, care_cards.check_care_cards, emergency.check_emergency_words,
    triage.check_triage, structure.check_excerpt, structure.check_sections,
)
# The checks of the rendered HTML.
HTML_CHECKS: tuple[Callable[[PageContext, Rendered], None], ...] = (
    html.check_html, links.check_links, emergency.check_emergency_link, reading.check_reading,
)


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
    site = Site(pages, docs_dir, site_config or {}, config_file, today or dt.date.today())
    site.rendered_html = rendered_html or {}
    site.stop_before_html = stop_before_html
    site.html_only = html_only
    report = Report(pages=len(site.pages))
    if not html_only:
        emergency.check_standard(site, report)
        front_matter.check_authors_file(site, report)
    for page in site.pages:
        ctx = PageContext(page, site, report)
        _run(ctx, _check_page, ctx)
        site.release(page.src)
    if not html_only:
        duplicates.check_duplicates(site, report)
    report.sort()
    return report


def _run(ctx: PageContext, check: Callable[..., Any], *args: Any) -> Any:
    try:
        return check(*args)
    except Exception as exc:  # noqa: BLE001 - a bug in one check must not hide the other problems
        ctx.add(CHECK_FAILED, None, f"this page could not be fully checked ({type(exc).__name__}: {exc}); "
                                    "please tell the web team, and check the page by eye")
        return None


def _check_page(ctx: PageContext) -> None:
    page, site = ctx.page, ctx.site
    if not site.html_only and not _check_source(ctx):
        return
    if site.stop_before_html or not page.body.strip() or page.parse_error is not None:
        return
    rendered = site.rendered(page)
    if rendered is None:
        ctx.add(NOT_CONVERTED, None, "the page's Markdown could not be turned into HTML; look for an unclosed "
                                     "code block (```) or HTML tag")
        return
    for check in HTML_CHECKS:
        _run(ctx, check, ctx, rendered)


def _check_source(ctx: PageContext) -> bool:
    """False when the page cannot be checked further."""
    if not files.check_file(ctx):
        return False
    meta_ok = front_matter.check_front_matter(ctx)
    if not files.check_text(ctx):
        return False
    for check in SOURCE_CHECKS:
        _run(ctx, check, ctx)
    if meta_ok:
        _run(ctx, reviews.check_reviews, ctx)
    return True
