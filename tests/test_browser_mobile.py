"""A 360 px wide phone: no sideways scrolling, tap targets of at least 24 x 24 px, text that is
readable without zooming, on every page type."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from browser_support import PHONE, describe, enhance, page_types, record, run_axe

pytestmark = pytest.mark.browser

MIN_TARGET = 24          # WCAG 2.2 SC 2.5.8 Target Size (Minimum), CSS px
MIN_TEXT_PX = 12         # Lighthouse's "legible font sizes" threshold
MIN_BODY_PX = 16         # article paragraphs and list items


@pytest.fixture(scope="module")
def phone(browser: Any) -> Any:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2,
                                  reduced_motion="reduce")
    page = context.new_page()
    yield page
    context.close()


OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  // Anything reaching past the right edge, unless an ancestor scrolls or clips it (a wide table
  // in its own scroll box is allowed: WCAG 1.4.10 exempts data tables).
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1 || r.left >= width) continue;
    let clipped = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o !== 'visible') { clipped = true; break; }
    }
    if (!clipped && getComputedStyle(el).position !== 'fixed') wide.push(el.tagName.toLowerCase() + '.' + String(el.className.baseVal ?? el.className).split(' ')[0] + ' → ' + Math.round(r.right) + 'px');
  }
  return {scrollWidth: document.documentElement.scrollWidth, bodyScrollWidth: document.body.scrollWidth,
          width, wide: wide.slice(0, 10)};
}"""

TARGETS = """min => {
  const visible = el => {
    const s = getComputedStyle(el), r = el.getBoundingClientRect();
    return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0 && r.width > 0 && r.height > 0
      && r.right > 0 && r.left < innerWidth && !el.closest('[hidden], [aria-hidden="true"]');
  };
  // A link inside a sentence may be as small as its text (WCAG 2.5.8 "inline" exception).
  const inline = el => {
    if (el.tagName !== 'A') return false;
    const block = el.parentElement.closest('p, li, td, th, dd, dt, figcaption, blockquote, label, .admonition-title');
    if (!block) return false;
    const own = el.textContent.trim().length, all = block.textContent.trim().length;
    return getComputedStyle(el).display === 'inline' && all > own + 3;
  };
  const seen = new Set(), small = [];
  let count = 0;
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], [role=button], [tabindex="0"]';
  for (const el of document.querySelectorAll(selector)) {
    let target = el;
    if (el.matches('input.md-option, input[type=checkbox][disabled]')) continue;  // drawn by their labels / not interactive
    if (el.matches('input.md-toggle')) continue;                                   // CSS toggles, operated by their labels
    if (!visible(target) || seen.has(target)) continue;
    seen.add(target);
    count++;
    if (inline(target)) continue;
    const r = target.getBoundingClientRect();
    if (r.width + 0.5 < min || r.height + 0.5 < min) {
      small.push(`${target.tagName.toLowerCase()}.${String(target.className.baseVal ?? target.className).split(' ')[0]} "${(target.getAttribute('aria-label') || target.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
  }
  return {count, small};
}"""

TEXT = """([minAll, minBody]) => {
  const tiny = [], smallBody = [];
  let smallest = Infinity;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || el.closest('[hidden], [aria-hidden="true"], .visually-hidden, .md-search, script, style, svg, .md-tooltip, .md-tooltip2')) continue;
    const s = getComputedStyle(el), r = el.getBoundingClientRect();
    if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0 || r.width === 0 || r.height === 0) continue;
    const size = parseFloat(s.fontSize);
    smallest = Math.min(smallest, size);
    if (size < minAll) tiny.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} ${size}px "${node.textContent.trim().slice(0, 30)}"`);
  }
  for (const el of document.querySelectorAll('#main-content > p, #main-content > ul > li, #main-content > ol > li')) {
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < minBody) smallBody.push(`${el.tagName.toLowerCase()} ${size}px "${el.textContent.trim().slice(0, 30)}"`);
  }
  const meta = document.querySelector('meta[name=viewport]');
  return {tiny: tiny.slice(0, 10), tinyCount: tiny.length, smallest, smallBody: smallBody.slice(0, 5),
          viewport: meta ? meta.content : null,
          bodySize: parseFloat(getComputedStyle(document.querySelector('#main-content') || document.body).fontSize)};
}"""


@pytest.mark.parametrize("page_type", ["home", "condition", "symptom guide", "emergency", "post", "post (checklist)",
                                       "blog index", "topic", "archive", "A to Z", "glossary", "about", "privacy",
                                       "404"])
def test_phone_layout(phone: Any, server: str, site_dir: Path, page_type: str) -> None:
    page = phone
    url = page_types(site_dir)[page_type]
    page.goto(server + url, wait_until="load")
    enhance(page)
    overflow = page.evaluate(OVERFLOW)
    targets = page.evaluate(TARGETS, MIN_TARGET)
    text = page.evaluate(TEXT, [MIN_TEXT_PX, MIN_BODY_PX])
    axe_targets = run_axe(page, rules=["target-size", "meta-viewport"])
    # The menu (drawer) has its own links: open it and check those too.
    page.click("label.md-header__button[for=__drawer]")
    page.wait_for_timeout(300)
    drawer = page.evaluate(TARGETS, MIN_TARGET)
    drawer_overflow = page.evaluate(OVERFLOW)
    page.keyboard.press("Escape")
    page.evaluate("document.getElementById('__drawer').checked = false")
    record("phone (360 px): layout, tap targets, text", page_type=page_type, page_width=overflow["scrollWidth"],
           targets=targets["count"] + drawer["count"], under_24px=len(targets["small"]) + len(drawer["small"]),
           axe_target_size=sum(len(v["nodes"]) for v in axe_targets),
           smallest_text_px=round(text["smallest"], 1),
           body_text_px=text["bodySize"])
    assert overflow["scrollWidth"] <= PHONE["width"] and overflow["bodyScrollWidth"] <= PHONE["width"], \
        f"/{url}: the page scrolls sideways ({overflow['scrollWidth']}px): {overflow['wide']}"
    assert not overflow["wide"], f"/{url}: content sticks out past the screen: {overflow['wide']}"
    assert drawer_overflow["scrollWidth"] <= PHONE["width"], f"/{url}: the open menu scrolls sideways"
    assert not targets["small"], f"/{url}: tap targets under {MIN_TARGET}px: {targets['small']}"
    assert not drawer["small"], f"/{url}: menu tap targets under {MIN_TARGET}px: {drawer['small']}"
    assert not axe_targets, f"/{url}:\n{describe(axe_targets)}"
    viewport = text["viewport"] or ""
    assert "width=device-width" in viewport and "user-scalable=no" not in viewport \
        and "maximum-scale=1" not in viewport, f"/{url}: zoom must stay possible ({viewport!r})"
    assert not text["tiny"], f"/{url}: {text['tinyCount']} bits of text under {MIN_TEXT_PX}px: {text['tiny']}"
    assert not text["smallBody"], f"/{url}: article text under {MIN_BODY_PX}px: {text['smallBody']}"
