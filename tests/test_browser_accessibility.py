"""Accessibility in a real browser (WCAG 2.2 AA): axe-core on every page type in both colour
schemes, keyboard use with a visible focus indicator, care cards, images and the leg map."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from browser_support import (DESKTOP, MISSING_URL, all_pages, describe, enhance, html_path, normalise,
                             page_types, record, run_axe)
from pagewait import wait_for

pytestmark = pytest.mark.browser

SCHEMES = {"light": "default", "dark": "slate"}
# Not WCAG success criteria but checked too: the axe best-practice rules Lighthouse scores, and
# the landmark and heading rules (every part of the page in a landmark, one main, one h1...).
# Left out: landmark-unique (Material names its sidebar navigation and its breadcrumb both
# "Navigation"), and aria-dialog-name, checked on its own below until the search dialog has a name.
EXTRA_RULES = ["aria-allowed-role", "heading-order", "image-redundant-alt", "tabindex", "empty-heading",
               "empty-table-header", "landmark-one-main", "page-has-heading-one", "region", "skip-link",
               "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo", "landmark-no-duplicate-main",
               "landmark-banner-is-top-level", "landmark-contentinfo-is-top-level", "landmark-main-is-top-level",
               "landmark-complementary-is-top-level", "presentation-role-conflict", "aria-text",
               "table-duplicate-name", "scope-attr-valid", "label-title-only"]
CARE_PREFIXES = {"see-doctor": "Non-urgent advice:", "urgent": "Urgent advice:",
                 "emergency": "Immediate action required:"}


@pytest.fixture(scope="module")
def types(site_dir: Path) -> dict[str, str]:
    return page_types(site_dir)


def new_page(browser: Any, scheme: str = "light", **options: Any) -> Any:
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme, reduced_motion="reduce", **options)
    return context.new_page()


# ---- axe-core ------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_axe_finds_no_wcag_violations_on_any_page_type(browser: Any, server: str, types: dict[str, str],
                                                       scheme: str) -> None:
    """WCAG 2.0/2.1/2.2 A and AA rules, as the page first appears and once Material's bundle
    has loaded (after the reader's first interaction): 0 violations on every page type."""
    page = new_page(browser, scheme)
    failures = []
    for name, url in types.items():
        response = page.goto(server + url, wait_until="load")
        assert response is not None and response.status == (404 if url == MISSING_URL else 200), url
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme], \
            f"{name}: the {scheme} scheme is not applied before any interaction"
        # The first view is checked in the light scheme; colours are CSS only, so the dark scheme
        # is checked once Material's bundle has added its parts (tooltips, buttons, states).
        first_view = run_axe(page) if scheme == "light" else []
        enhance(page)
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
        enhanced = run_axe(page)
        extra = run_axe(page, rules=EXTRA_RULES) if scheme == "light" else []
        record("axe-core WCAG 2.0/2.1/2.2 A+AA violations", page_type=name, url="/" + url, scheme=scheme,
               first_view=sum(len(v["nodes"]) for v in first_view) if scheme == "light" else "-",
               after_interaction=sum(len(v["nodes"]) for v in enhanced),
               best_practice=sum(len(v["nodes"]) for v in extra) if scheme == "light" else "-")
        for state, violations in (("first view", first_view), ("after interaction", enhanced),
                                  ("best-practice and landmark rules", extra)):
            if violations:
                failures.append(f"{name} (/{url}, {scheme}, {state}):\n{describe(violations)}")
    page.context.close()
    assert not failures, "\n".join(failures)


def test_the_search_dialog_has_a_name(browser: Any, server: str) -> None:
    page = new_page(browser)
    page.goto(server, wait_until="load")
    violations = run_axe(page, rules=["aria-dialog-name"])
    page.context.close()
    assert not violations, describe(violations)


def test_the_axe_harness_reports_real_violations(browser: Any, server: str) -> None:
    """The check above would fail on a real problem: break a page on purpose and look."""
    page = new_page(browser)
    page.goto(server, wait_until="load")
    page.evaluate("""() => {
        const main = document.getElementById('main-content');
        main.insertAdjacentHTML('afterbegin', '<p id="pale">Pale text</p><img src="x.png"><button></button>');
        // The page's CSP refuses style attributes in HTML; styles set through the CSSOM are allowed.
        const pale = document.getElementById('pale');
        pale.style.color = '#bbb';
        pale.style.background = '#fff';
    }""")
    found = {v["id"] for v in run_axe(page)}
    assert {"color-contrast", "image-alt", "button-name"} <= found, found
    page.context.close()


# ---- keyboard ------------------------------------------------------------------------------

FOCUS_INFO = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                               return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const background = node => {
    for (; node && node.nodeType === 1; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) return c.slice(0, 3);
    }
    return parse(getComputedStyle(document.body).backgroundColor).slice(0, 3);
  };
  // Where the indicator is drawn: the element itself, the label of Material's hidden palette
  // radio, or the shaded region of a leg-map link.
  let shown = el;
  if (el.matches('input.md-option') && el.nextElementSibling) shown = el.nextElementSibling;
  if (el.matches('input.md-option') && el.nextElementSibling && el.nextElementSibling.hidden) {
    const label = document.querySelector(`label[for="${el.id}"]`); if (label) shown = label;
  }
  const s = getComputedStyle(shown);
  const rect = shown.getBoundingClientRect();
  const info = {
    tag: el.tagName.toLowerCase(), id: el.id, cls: String(el.className.baseVal ?? el.className).slice(0, 60),
    name: (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 50),
    width: rect.width, height: rect.height, opacity: Number(s.opacity),
    inViewport: rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth,
    outline: s.outlineStyle !== 'none' ? parseFloat(s.outlineWidth) : 0,
    outlineContrast: s.outlineStyle !== 'none' ? contrast(parse(s.outlineColor), background(shown.parentElement)) : 0,
    shadow: s.boxShadow !== 'none', stroke: 0, strokeContrast: 0, obscured: false,
  };
  const region = el.closest('svg') ? el.querySelector('.leg-map__region') : null;
  if (region) {
    const r = getComputedStyle(region);
    info.stroke = r.stroke !== 'none' ? parseFloat(r.strokeWidth) : 0;
    info.strokeContrast = contrast(parse(r.stroke), background(el.closest('figure')));
  }
  // WCAG 2.4.11: the focused element is not entirely hidden by other content (the sticky
  // header, an overlay): at least one of five points inside it is really on top.
  const svg = el.closest('svg');
  const mine = hit => !!hit && (shown.contains(hit) || hit.contains(shown) || el.contains(hit) ||
                                (svg && svg.contains(hit)) || (hit.tagName === 'LABEL' && hit.control === el));
  const points = [[0.5, 0.5], [0.25, 0.25], [0.75, 0.25], [0.25, 0.75], [0.75, 0.75]];
  info.obscured = !points.some(([fx, fy]) => {
    const x = rect.left + rect.width * fx, y = rect.top + rect.height * fy;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
    return mine(document.elementFromPoint(x, y));
  });
  return info;
}"""


def indicator_problem(info: dict[str, Any]) -> str | None:
    if info["width"] < 1 or info["height"] < 1 or info["opacity"] < 0.5 or not info["inViewport"]:
        return "focused but not visible"
    if info["obscured"]:
        return "hidden behind another element (the sticky header?)"
    if info["stroke"] >= 3 and info["strokeContrast"] >= 3:
        return None
    if info["outline"] >= 2 and info["outlineContrast"] >= 3:
        return None
    if info["outline"] >= 2:
        return f"focus outline contrast {info['outlineContrast']:.2f}:1 < 3:1 with its background"
    return "no focus indicator (outline or shaded region)"


def tab_through(page: Any, limit: int = 400) -> list[dict[str, Any]]:
    """Press Tab until focus comes back round; the focus info at each stop."""
    stops: list[dict[str, Any]] = []
    seen = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_INFO)
        if info is None:
            continue
        if indicator_problem(info):        # give fading tooltips and transitions time to finish
            page.wait_for_timeout(400)
            info = page.evaluate(FOCUS_INFO)
        key = page.evaluate("() => { const e = document.activeElement; return e.outerHTML.slice(0, 200) + '|' + "
                            "[...document.querySelectorAll('*')].indexOf(e); }")
        if key in seen:
            break
        seen.add(key)
        stops.append(info)
    return stops


@pytest.mark.parametrize(("page_type", "scheme"), [("home", "light"), ("home", "dark"), ("condition", "dark"),
                                                  ("symptom guide", "light"), ("post", "dark"), ("404", "light")])
def test_every_tab_stop_shows_a_visible_focus_indicator(browser: Any, server: str, types: dict[str, str],
                                                        page_type: str, scheme: str) -> None:
    page = new_page(browser, scheme)
    page.goto(server + types[page_type], wait_until="load")
    enhance(page)
    stops = tab_through(page)
    problems = [f"  <{s['tag']} id={s['id']!r} class={s['cls']!r}> {s['name']!r}: {indicator_problem(s)}"
                for s in stops if indicator_problem(s)]
    record("keyboard: tab stops with a visible, unobscured focus indicator", page_type=page_type, scheme=scheme,
           tab_stops=len(stops), problems=len(problems))
    page.context.close()
    assert len(stops) >= 20, f"only {len(stops)} tab stops: is the page keyboard-usable?"
    assert not problems, "\n".join(problems)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_article(browser: Any, server: str,
                                                                        types: dict[str, str]) -> None:
    for page_type in ("condition", "blog index", "404"):      # content.html, blog.html, 404.html
        page = new_page(browser)
        page.goto(server + types[page_type], wait_until="load")
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.className, document.activeElement.textContent.trim(),"
                                " document.activeElement.getAttribute('href')]")
        assert "site-skip" in focused[0] and focused[1] == "Skip to main content", (page_type, focused)
        info = page.evaluate(FOCUS_INFO)
        assert indicator_problem(info) is None, (page_type, indicator_problem(info), info)
        page.keyboard.press("Enter")
        page.wait_for_timeout(100)
        assert page.evaluate("document.activeElement.id") == "main-content", page_type
        top = page.evaluate("document.getElementById('main-content').getBoundingClientRect().top")
        assert 0 <= top < 300, f"{page_type}: the article start is not brought into view ({top})"
        page.keyboard.press("Tab")        # the next stop is inside the article, not back in the header
        assert page.evaluate("!!document.activeElement.closest('#main-content, .md-content')"), page_type
        page.context.close()


def focus_by_tab(page: Any, selector: str, limit: int = 400) -> None:
    """Press Tab until an element matching `selector` has focus (fails if none does)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_search_works_from_the_keyboard(browser: Any, server: str, types: dict[str, str]) -> None:
    page = new_page(browser)
    index_requests: list[str] = []
    page.on("request", lambda r: index_requests.append(r.url) if "search_index.json" in r.url else None)
    page.goto(server + types["condition"], wait_until="load")
    page.keyboard.press("Tab")                                     # the skip link
    assert not index_requests, "the search index loaded before the reader went to search"
    focus_by_tab(page, "input.md-search__input", limit=20)
    assert indicator_problem(page.evaluate(FOCUS_INFO)) is None
    page.keyboard.type("sciatica")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    assert index_requests, "searching did not load the index"
    status = normalise(page.inner_text(".md-search-result__meta"))
    assert re.search(r"\d+ matching documents?", status), status
    page.keyboard.press("ArrowDown")
    assert page.evaluate("!!document.activeElement.closest('.md-search-result__item')"), \
        "ArrowDown does not move to the first result"
    target = page.evaluate("document.activeElement.closest('a').href")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(target.split("#")[0])))
    page.context.close()


def test_search_opens_with_the_slash_shortcut_before_any_other_interaction(browser: Any, server: str) -> None:
    page = new_page(browser)
    page.goto(server, wait_until="load")
    page.keyboard.press("/")                       # first interaction: loads Material, then opens search
    wait_for(page, "document.activeElement && document.activeElement.matches('input.md-search__input')",
             timeout=10_000)
    page.keyboard.type("foot")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    assert page.input_value("input.md-search__input") == "foot"
    page.context.close()


def test_symptom_map_is_named_and_usable_from_the_keyboard(browser: Any, server: str, types: dict[str, str]) -> None:
    page = new_page(browser)
    page.goto(server + types["symptom guide"], wait_until="load")
    svg = page.locator("figure.leg-map svg")
    assert svg.get_attribute("role") == "group"
    title = page.evaluate("document.getElementById(document.querySelector('figure.leg-map svg')"
                          ".getAttribute('aria-labelledby')).textContent")
    assert page.get_by_role("group", name=title).count() == 1, "the map has no accessible name"
    links = page.locator("figure.leg-map svg a")
    count = links.count()
    assert count >= 5
    names = []
    for i in range(count):
        link = links.nth(i)
        name = link.get_attribute("aria-label") or ""
        assert len(name.split()) >= 3, f"map link {i} has no useful name: {name!r}"
        assert page.get_by_role("link", name=name, exact=True).count() >= 1
        href = link.get_attribute("href")
        assert href.startswith("#") and page.locator(href).count() == 1, f"{name}: no section {href}"
        names.append(name)
    # Keyboard: every map link is a tab stop with a visible indicator; Enter follows it.
    focus_by_tab(page, "figure.leg-map svg a")
    reached = 0
    while page.evaluate("!!document.activeElement.closest('figure.leg-map svg')"):
        info = page.evaluate(FOCUS_INFO)
        assert indicator_problem(info) is None, (info["name"], indicator_problem(info))
        reached += 1
        page.keyboard.press("Tab")
    assert reached == count, f"{reached} of {count} map links reachable by Tab"
    page.keyboard.press("Shift+Tab")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    wait_for(page, "h => location.hash === h", arg=href)
    top = page.evaluate("h => document.querySelector(h).getBoundingClientRect().top", href)
    assert 0 <= top < 400, "following a map link does not bring its section into view"
    page.context.close()


def test_newsletter_form_works_from_the_keyboard(browser: Any, server: str, types: dict[str, str]) -> None:
    page = new_page(browser)
    posted: list[str] = []

    def provider(route: Any) -> None:
        posted.append(route.request.post_data or "")
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>Thanks</title><p>Thanks")

    page.goto(server + types["post"], wait_until="load")
    action = page.get_attribute("form.newsletter__form", "action")
    page.route(action, provider)
    focus_by_tab(page, "input.newsletter__input")
    assert indicator_problem(page.evaluate(FOCUS_INFO)) is None
    hint = page.evaluate("[...document.activeElement.labels].map(l => l.textContent.trim())")
    assert hint == ["Your email address"], hint
    page.keyboard.type("not-an-email")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert not posted, "an invalid address was sent"
    assert page.evaluate("!document.querySelector('input.newsletter__input').validity.valid")
    page.fill("input.newsletter__input", "")
    page.focus("input.newsletter__input")
    page.keyboard.type("reader@example.com")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('button.newsletter__button')"), \
        "Subscribe is not the next tab stop (is the honeypot focusable?)"
    assert indicator_problem(page.evaluate(FOCUS_INFO)) is None
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    assert posted and "reader%40example.com" in posted[0], posted
    page.context.close()


def test_share_links_copy_and_print_work_from_the_keyboard(browser: Any, server: str, types: dict[str, str]) -> None:
    page = new_page(browser, permissions=["clipboard-read", "clipboard-write"])
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    page.goto(server + types["condition"], wait_until="load")
    labels = page.eval_on_selector_all(".share__link", "links => links.map(l => l.textContent.trim())")
    assert len(labels) >= 3, labels
    reached = []
    focus_by_tab(page, ".share__link")
    while page.evaluate("document.activeElement.matches('.share__link')"):
        assert indicator_problem(page.evaluate(FOCUS_INFO)) is None
        reached.append(page.evaluate("document.activeElement.textContent.trim()"))
        page.keyboard.press("Tab")
    assert reached == labels
    assert page.evaluate("document.activeElement.matches('.share__copy')"), "Copy link is not reachable by Tab"
    assert indicator_problem(page.evaluate(FOCUS_INFO)) is None
    page.keyboard.press("Enter")
    wait_for(page, "document.querySelector('.share__status').textContent.includes('copied')")
    canonical = page.get_attribute("link[rel=canonical]", "href")
    assert page.evaluate("navigator.clipboard.readText()") == canonical
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.share__print')"), "Print is not reachable by Tab"
    assert indicator_problem(page.evaluate(FOCUS_INFO)) is None
    page.keyboard.press("Enter")
    assert page.evaluate("window.__printed") == 1
    page.keyboard.press("Space")
    assert page.evaluate("window.__printed") == 2
    page.context.close()


def test_colour_switch_works_from_the_keyboard_before_and_after_material_loads(browser: Any, server: str) -> None:
    page = new_page(browser)
    page.goto(server, wait_until="load")
    focus_by_tab(page, "input.md-option")
    assert indicator_problem(page.evaluate(FOCUS_INFO)) is None
    page.keyboard.press("Enter")
    wait_for(page, "document.body.dataset.mdColorScheme === 'slate'")
    enhance(page)
    page.keyboard.press("Enter")
    wait_for(page, "document.body.dataset.mdColorScheme === 'default'")
    page.reload(wait_until="load")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    page.context.close()


# ---- names and alternatives ----------------------------------------------------------------

def test_every_care_card_is_marked_up_to_announce_its_urgency(site_dir: Path) -> None:
    """Every care card on every built page: a region named by its title, and the title starts
    with the visually hidden urgency words that match the card's kind."""
    cards = {kind: 0 for kind in CARE_PREFIXES}
    problems = []
    for url in all_pages(site_dir):
        doc = BeautifulSoup(html_path(site_dir, url).read_text(encoding="utf-8"), "lxml")
        for card in doc.select(".admonition.care-card"):
            kinds = [k for k in CARE_PREFIXES if k in card["class"]]
            title = card.select_one(".admonition-title")
            prefix = title.select_one(".visually-hidden") if title else None
            if len(kinds) != 1 or title is None or prefix is None:
                problems.append(f"/{url}: care card {card.get('class')} lacks a kind, title or urgency words")
                continue
            cards[kinds[0]] += 1
            if card.get("role") != "region" or card.get("aria-labelledby") != title.get("id"):
                problems.append(f"/{url}: {kinds[0]} card is not a region labelled by its title")
            if normalise(prefix.get_text()) != CARE_PREFIXES[kinds[0]] or title.contents[0] is not prefix:
                problems.append(f"/{url}: {kinds[0]} card title does not start with '{CARE_PREFIXES[kinds[0]]}'")
    record("care cards announced with their urgency (every built page)", **cards)
    assert all(cards.values()), cards
    assert not problems, "\n".join(problems)


def test_screen_readers_hear_the_urgency_of_care_cards(browser: Any, server: str, site_dir: Path) -> None:
    """Chromium's accessibility tree: each card's accessible name starts with its urgency, and the
    urgency words are not shown on screen. Pages chosen to cover every kind of card."""
    wanted = set(CARE_PREFIXES)
    pages = [MISSING_URL]
    for url in all_pages(site_dir):
        html = html_path(site_dir, url).read_text(encoding="utf-8")
        if any(f"care-card {kind}" in html for kind in wanted):
            pages.append(url)
            wanted -= {kind for kind in wanted if f"care-card {kind}" in html}
        if not wanted:
            break
    assert not wanted, f"no page has a {wanted} care card"
    page = new_page(browser)
    for url in pages:
        page.goto(server + url, wait_until="load")
        for kind, prefix in CARE_PREFIXES.items():
            cards = page.locator(f".admonition.care-card.{kind}").count()
            named = page.get_by_role("region", name=re.compile("^" + re.escape(prefix))).count()
            assert named == cards, f"/{url}: {cards} {kind} card(s) but {named} region(s) named '{prefix} …'"
        hidden = page.eval_on_selector_all(
            ".care-card .admonition-title .visually-hidden",
            "els => els.map(e => e.getBoundingClientRect().width <= 1 && e.textContent.trim().length > 0)")
        assert hidden and all(hidden), f"/{url}: the urgency words should be visually hidden (they are read out)"
    page.context.close()


GENERIC_ALT = {"image", "img", "picture", "photo", "logo", "icon", "graphic", "diagram", "figure", "spacer"}


def test_images_have_meaningful_alternatives(site_dir: Path) -> None:
    """Every <img> on every built page: a real description, or alt="" where it is decorative
    (inside a link or button that has its own name). Inline <svg role=img> must be named."""
    problems = []
    images = 0
    for url in all_pages(site_dir):
        doc = BeautifulSoup(html_path(site_dir, url).read_text(encoding="utf-8"), "lxml")
        for img in doc.find_all("img"):
            images += 1
            alt = img.get("alt")
            src = img.get("src", "")
            if alt is None:
                problems.append(f"/{url}: <img src={src}> has no alt")
            elif not alt.strip():
                holder = img.find_parent(["a", "button"])
                named = holder is not None and (holder.get("aria-label") or holder.get_text(strip=True))
                if not (named or img.get("aria-hidden") == "true" or img.get("role") == "presentation"):
                    problems.append(f"/{url}: <img src={src}> has an empty alt but is not decorative")
            elif alt.strip().lower() in GENERIC_ALT or re.search(r"\.(svg|png|jpe?g|gif|webp)$", alt.strip(), re.I):
                problems.append(f"/{url}: <img src={src}> alt {alt!r} says nothing")
        for svg in doc.find_all("svg", attrs={"role": "img"}):
            if not (svg.get("aria-label") or svg.get("aria-labelledby") or svg.find("title")):
                problems.append(f"/{url}: <svg role=img> without a name")
    assert images > 0
    assert not problems, "\n".join(problems[:30])
