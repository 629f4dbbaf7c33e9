"""Condition pages and posts print as clean handouts: headless Chromium prints them to PDF and
the PDF's text is checked (pypdf), together with the page's print styles."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from browser_support import DESKTOP, enhance, normalise, page_types, record

pypdf = pytest.importorskip("pypdf", reason="pypdf is in requirements-dev.txt: run make test")

pytestmark = pytest.mark.browser

CARE_PREFIXES = {"see-doctor": "Non-urgent advice:", "urgent": "Urgent advice:",
                 "emergency": "Immediate action required:"}
# Page furniture a handout leaves out: CSS selector -> text that must not be printed.
LEFT_OUT = {
    ".md-header": None, ".md-tabs": "Conditions (A to Z)", ".md-sidebar--primary": None,
    ".md-sidebar--secondary": "Table of contents", ".md-search": "Initializing search",
    ".site-skip": "Skip to main content", ".share": "Share or print this page",
    ".newsletter": "When you press Subscribe", ".site-footer": "Report an error",
    ".related": None, ".recent-posts": None, ".articles-about": "Articles about this condition",
    ".md-footer": None, ".md-top": None, ".md-path": None,
}


def print_to_pdf(page: Any) -> tuple[str, int]:
    data = page.pdf(format="A4", print_background=True, margin={"top": "15mm", "bottom": "15mm",
                                                               "left": "15mm", "right": "15mm"})
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(p.extract_text() or "" for p in reader.pages), len(reader.pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def printer(browser: Any) -> Any:
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark")   # dark on screen: paper is still black on white
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("page_type", ["condition", "post", "emergency"])
def test_pages_print_as_clean_handouts(printer: Any, server: str, site_dir: Path, page_type: str) -> None:
    url = page_types(site_dir)[page_type]
    page = printer
    page.goto(server + url, wait_until="load")
    enhance(page)
    # What the handout must keep, read from the page itself.
    title = normalise(page.inner_text("article h1"))
    canonical = page.get_attribute("link[rel=canonical]", "href")
    date_line = page.locator(".review-line, .post-date").first
    assert date_line.count() == 1, f"/{url}: no review or publication date on the page"
    date_text = normalise(date_line.text_content())
    sources = page.eval_on_selector_all(".page-sources li a", "as => as.map(a => [a.textContent.trim(), a.href])")
    cards = {kind: page.locator(f".care-card.{kind}").count() for kind in CARE_PREFIXES}
    card_titles = page.eval_on_selector_all(".care-card .admonition-title", "ts => ts.map(t => t.textContent)")
    left_out_text = {sel: text for sel, text in LEFT_OUT.items() if text and page.locator(sel).count()}

    # Print styles, as the printer sees them.
    page.emulate_media(media="print")
    shown = page.evaluate("""sels => sels.filter(s => [...document.querySelectorAll(s)].some(e => {
        const r = e.getBoundingClientRect(); return getComputedStyle(e).display !== 'none' && r.width > 0 && r.height > 0; }))""",
                          list(LEFT_OUT))
    assert not shown, f"/{url}: printed although it is page furniture: {shown}"
    colours = page.eval_on_selector_all(".care-card", """cards => cards.map(c => {
        const t = c.querySelector('.admonition-title'), hidden = t.querySelector('.visually-hidden');
        return [getComputedStyle(c).borderLeftColor, getComputedStyle(t).color,
                hidden.getBoundingClientRect().width > 1]; })""")
    for border, text_colour, prefix_shown in colours:
        assert border == "rgb(0, 0, 0)" and text_colour == "rgb(0, 0, 0)", \
            f"/{url}: care cards should print in black, not rely on colour ({border}, {text_colour})"
        assert prefix_shown, f"/{url}: the urgency words are not printed on the care card"
    page.emulate_media(media="null")          # back to normal: page.pdf() then prints with print CSS

    text, pages = print_to_pdf(page)
    flat = normalise(text)
    record("print: PDF handouts", page_type=page_type, page="/" + url, pdf_pages=pages, sources=len(sources),
           care_cards=sum(cards.values()))
    assert title in flat, f"/{url}: the title is not printed"
    assert squash(date_text) in squash(text), f"/{url}: '{date_text}' is not printed"
    assert squash("This page: " + canonical) in squash(text), f"/{url}: the page address is not printed"
    if page_type in ("condition", "post"):
        assert sources, f"/{url}: no sources to print"
    if sources:
        assert "Sources" in flat
        for name, href in sources:
            assert squash(name) in squash(text), f"/{url}: source '{name}' is not printed"
            # The care cards' headings hold positioned text, which Chromium paints after the page's
            # flow: in the PDF's text they can land inside a long address that wraps onto a new page.
            unpositioned = squash(text)
            for heading in sorted(card_titles, key=len, reverse=True):
                unpositioned = unpositioned.replace(squash(heading), "")
            for prefix in CARE_PREFIXES.values():
                unpositioned = unpositioned.replace(squash(prefix), "")
            assert squash(href) in unpositioned, f"/{url}: the address of source '{name}' is not printed"
    for kind, count in cards.items():
        if count:
            assert flat.count(CARE_PREFIXES[kind]) >= count, f"/{url}: '{CARE_PREFIXES[kind]}' is not printed"
    for selector, words in left_out_text.items():
        assert words not in flat, f"/{url}: '{words}' ({selector}) is printed"
    assert pages <= 12, f"/{url}: {pages} pages is not a handout"


def test_the_print_check_catches_furniture(printer: Any, server: str, site_dir: Path) -> None:
    """If the print styles stopped hiding the share box, the PDF text would show it."""
    page = printer
    page.goto(server + page_types(site_dir)["condition"], wait_until="load")
    # A constructed style sheet: an added <style> would be refused by the page's Content-Security-Policy.
    page.evaluate("css => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css); "
                  "document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }",
                  "@media print { .share { display: block !important; } }")
    text, _ = print_to_pdf(page)
    assert "Share or print this page" in normalise(text)
