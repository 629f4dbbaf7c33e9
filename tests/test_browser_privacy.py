"""Privacy in a real browser: no page contacts another host, and what the site stores in the
browser is exactly what the privacy page says."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from browser_support import DESKTOP, all_pages, enhance, html_path, page_types, record
from pagewait import wait_for

pytestmark = pytest.mark.browser

STORAGE_WORDS = {"local storage": "localStorage", "session storage": "sessionStorage", "cookie": "cookie"}


def test_no_page_requests_anything_from_another_host(browser: Any, server: str, site_dir: Path) -> None:
    """Every built page, scrolled to the end and with Material's bundle loaded (as after a
    reader's first interaction): fonts, scripts, images, styles, analytics, embeds, share
    widgets all come from the local server. Other hosts are blocked and reported."""
    local = urlsplit(server).netloc
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce", service_workers="block")
    offenders: list[str] = []
    current = {"url": ""}

    def block(route: Any) -> None:
        offenders.append(f"/{current['url']}: {route.request.resource_type} {route.request.url}")
        route.abort()

    # Only requests that do not go to the local server are intercepted (and blocked).
    context.route(re.compile(r"^(?!(data|blob|about):|https?://" + re.escape(local) + "/)"), block)
    page = context.new_page()
    pages = all_pages(site_dir)
    for url in pages:
        current["url"] = url
        page.goto(server + url, wait_until="load")
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")   # lazy images
        enhance(page, settle_ms=50)
    # The guard really sees requests to other hosts (so an empty list means something). On a page
    # of its own: the site's Content-Security-Policy would refuse the picture before it is requested.
    current["url"] = "(self-check)"
    page.goto("about:blank")
    page.set_content("<!doctype html><title>probe</title><img alt='' src='https://fonts.example.net/probe.png'>")
    page.wait_for_timeout(300)
    context.close()
    assert offenders[-1:] == ["/(self-check): image https://fonts.example.net/probe.png"], offenders[-3:]
    offenders.pop()
    record("privacy: requests to other hosts", pages_loaded=len(pages), other_hosts=len(offenders))
    assert len(pages) >= 40
    assert not offenders, "\n".join(offenders[:30])


def promised_storage(site_dir: Path) -> tuple[set[tuple[str, str]], bool]:
    """What the privacy page says the browser keeps: {(storage, name suffix)}, cookies allowed?"""
    doc = BeautifulSoup(html_path(site_dir, "about/privacy/").read_text(encoding="utf-8"), "lxml")
    heading = next((h for h in doc.select("h2") if "browser stores" in h.get_text().lower()), None)
    assert heading is not None, "the privacy page has no 'What your browser stores' section"
    items: set[tuple[str, str]] = set()
    prose = []
    for node in heading.find_next_siblings():
        if node.name in ("h2", "h1"):
            break
        prose.append(node.get_text(" "))
        for li in node.select("li") if node.name in ("ul", "ol") else []:
            text = li.get_text(" ").lower()
            kinds = [kind for word, kind in STORAGE_WORDS.items() if word in text]
            names = [code.get_text().strip() for code in li.select("code")]
            assert kinds and names, f"cannot tell where or under what name this is stored: {li.get_text()!r}"
            items |= {(kind, name) for kind in kinds for name in names}
    text = " ".join(prose).lower()
    assert "nothing else" in text, "the privacy page should say that nothing else is stored"
    cookies_allowed = not re.search(r"\bno cookies\b", text)
    return items, cookies_allowed


def browser_storage(context: Any, page: Any) -> dict[str, Any]:
    state = page.evaluate("""async () => ({
        local: Object.keys(localStorage),
        session: Object.keys(sessionStorage),
        documentCookie: document.cookie,
        indexedDB: (await indexedDB.databases()).map(d => d.name),
        caches: 'caches' in window ? await caches.keys() : [],
        serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
    })""")
    state["cookies"] = [c["name"] for c in context.cookies()]
    return state


def stored_items(state: dict[str, Any]) -> set[tuple[str, str]]:
    """Storage keys as (storage, name): Material prefixes keys with the site path ('/.__palette')."""
    items = {("localStorage", key.rsplit(".", 1)[-1] if key.startswith("/") else key) for key in state["local"]}
    items |= {("sessionStorage", key.rsplit(".", 1)[-1] if key.startswith("/") else key) for key in state["session"]}
    items |= {("cookie", name) for name in state["cookies"]}
    return items


def visit_like_a_reader(page: Any, server: str, site_dir: Path, *, use_switch: bool) -> None:
    types = page_types(site_dir)
    for name in ("home", "condition", "post", "symptom guide", "blog index", "404"):
        page.goto(server + types[name], wait_until="load")
        enhance(page)
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    # Search (loads the index and runs it in a web worker).
    page.goto(server + types["condition"], wait_until="load")
    page.click("input.md-search__input")
    page.keyboard.type("sciatica")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    page.keyboard.press("Escape")
    if use_switch:
        page.locator("form[data-md-component=palette] label:not([hidden])").click()
        wait_for(page, "document.body.dataset.mdColorScheme === 'slate'")
        page.goto(server + types["post"], wait_until="load")
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate", "the choice was not kept"
        enhance(page)


def test_browser_storage_matches_the_privacy_page(browser: Any, server: str, site_dir: Path) -> None:
    promised, cookies_allowed = promised_storage(site_dir)
    assert promised == {("localStorage", "__palette")}, \
        f"the privacy page now promises {promised}: update this test's reader journey to exercise it"
    context = browser.new_context(viewport=DESKTOP, color_scheme="light", reduced_motion="reduce")
    page = context.new_page()
    visit_like_a_reader(page, server, site_dir, use_switch=True)
    state = browser_storage(context, page)
    context.close()
    found = stored_items(state)
    record("privacy: what the browser stores after a visit", visit="read, search, use the colour switch",
           local_storage=", ".join(state["local"]) or "-", session_storage=", ".join(state["session"]) or "-",
           cookies=len(state["cookies"]), indexeddb_caches_sw=len(state["indexedDB"]) + len(state["caches"])
           + state["serviceWorkers"])
    assert found == promised, f"the site stores {found}, the privacy page lists {promised}"
    assert all(key.startswith("/") for key in state["local"]), state["local"]
    if not cookies_allowed:
        assert not state["cookies"] and not state["documentCookie"], state["cookies"]
    assert not state["indexedDB"] and not state["caches"] and not state["serviceWorkers"], state


def test_nothing_is_stored_unless_the_reader_uses_the_colour_switch(browser: Any, server: str,
                                                                   site_dir: Path) -> None:
    """The privacy page says the scheme is kept 'if you use the switch': a visit without it
    leaves the browser's storage empty."""
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport=DESKTOP, color_scheme=scheme, reduced_motion="reduce")
        page = context.new_page()
        visit_like_a_reader(page, server, site_dir, use_switch=False)
        state = browser_storage(context, page)
        context.close()
        record("privacy: what the browser stores after a visit", visit=f"read and search ({scheme} system setting)",
               local_storage=", ".join(state["local"]) or "-", session_storage=", ".join(state["session"]) or "-",
               cookies=len(state["cookies"]), indexeddb_caches_sw=len(state["indexedDB"]) + len(state["caches"])
               + state["serviceWorkers"])
        assert not stored_items(state), f"{scheme}: stored without the reader's choice: {stored_items(state)}"
