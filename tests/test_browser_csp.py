"""The Content-Security-Policy in a real browser: every page type loads without a single
violation, everything the site's scripts do still works under it, and a script slipped into a
built page afterwards does not run. (The policy itself: spinelib/csp.py, test_csp.py.)"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser_support import DESKTOP, MISSING_URL, all_pages, enhance, html_path, page_types, record
from pagewait import wait_for
from test_csp import NOT_PAGES

pytestmark = pytest.mark.browser

# Collects every violation the page reports, from before its first byte is parsed.
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push({
  directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, line: e.lineNumber,
  source: e.sourceFile}), true);
"""
# The one console error a reader also sees: the 404 page is answered with status 404.
EXPECTED_CONSOLE = re.compile(r"Failed to load resource: the server responded with a status of 404")


class Watch:
    """Violations, console errors and uncaught exceptions on one page."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        page.add_init_script(LISTEN)
        page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"exception: {e}"))

    def violations(self) -> list[dict[str, Any]]:
        return self.page.evaluate("window.__csp || []")

    def problems(self, *, allow_404: bool = False) -> list[str]:
        errors = [e for e in self.errors if not (allow_404 and EXPECTED_CONSOLE.search(e))]
        return [f"violation: {v}" for v in self.violations()] + errors


def treatment_page(site_dir: Path) -> str | None:
    for path in sorted(site_dir.glob("treatments/*/index.html")):
        if "md-content" in path.read_text(encoding="utf-8"):
            return path.relative_to(site_dir).parent.as_posix() + "/"
    return None


def test_every_page_type_loads_without_a_violation(browser: Any, server: str, site_dir: Path) -> None:
    """Loaded, scrolled to the end and enhanced (Material's bundle, as after a reader's first
    interaction), every page type: no violation, no console error, no exception."""
    types = page_types(site_dir)
    treatment = treatment_page(site_dir)
    if treatment:
        types["treatment"] = treatment
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    page = context.new_page()
    watch = Watch(page)
    failures: list[str] = []
    for name, url in types.items():
        watch.errors.clear()
        page.goto(server + url, wait_until="load")
        assert page.evaluate("!!document.querySelector('meta[http-equiv=Content-Security-Policy]')"), url
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        enhance(page, settle_ms=100)
        assert page.evaluate("document.documentElement.classList.contains('js')"), f"/{url}: inline script did not run"
        failures += [f"{name} (/{url}): {p}" for p in watch.problems(allow_404=url == MISSING_URL)]
        record("CSP: violations per page type", page_type=name, page="/" + url, violations=len(watch.violations()))
    context.close()
    assert {"home", "condition", "post", "blog index", "emergency", "404"} <= set(types)
    assert not failures, "\n".join(failures[:20])


def test_every_built_page_loads_without_a_violation(browser: Any, server: str, site_dir: Path) -> None:
    """The quick sweep: every built page, loaded and enhanced (not the embed snippet or the
    browser editor under admin/, see test_csp.built_pages)."""
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    page = context.new_page()
    watch = Watch(page)
    failures: list[str] = []
    pages = [u for u in all_pages(site_dir) if u.split("/", 1)[0] not in NOT_PAGES]
    for url in pages:
        watch.errors.clear()
        page.goto(server + url, wait_until="load")
        enhance(page, settle_ms=30)
        failures += [f"/{url}: {p}" for p in watch.problems(allow_404=url == "404.html")]
    context.close()
    record("CSP: all pages", pages=len(pages), problems=len(failures))
    assert not failures, "\n".join(failures[:20])


def test_the_sites_features_work_under_the_policy(browser: Any, server: str, site_dir: Path) -> None:
    """On a post: the deferred bundle, the colour switch, copy link, print, search (in its web
    worker) and the newsletter form (posted to its provider, intercepted here)."""
    url = page_types(site_dir)["post"]
    context = browser.new_context(viewport=DESKTOP, color_scheme="light", reduced_motion="reduce",
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    watch = Watch(page)
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    posted: list[str] = []
    page.goto(server + url, wait_until="load")
    action = page.get_attribute("form.newsletter__form", "action")
    assert action and action.startswith("https://"), action

    def provider(route: Any) -> None:
        posted.append(route.request.post_data or "")
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>Thanks</title><p>Thanks")

    page.route(action, provider)

    # The deferred bundle loads on the first interaction and mounts.
    enhance(page)
    assert page.evaluate("typeof window.component$ === 'object' || typeof window.component$ === 'function'")

    # The colour switch (our inline palette script, then Material's bundle).
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    wait_for(page, "document.body.dataset.mdColorScheme === 'slate'")
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    wait_for(page, "document.body.dataset.mdColorScheme === 'default'")

    # Copy link and print (site.js).
    copy = page.locator("[data-copy-url]").first
    copy.click()
    wait_for(page, "document.querySelector('.share__status').textContent.includes('copied')")
    assert page.evaluate("navigator.clipboard.readText()") == copy.get_attribute("data-copy-url")
    page.locator("[data-print]").first.click()
    assert page.evaluate("window.__printed") == 1

    # Search: the index is fetched, the worker runs, results appear.
    page.click("input.md-search__input")
    page.keyboard.type("sciatica")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    results = page.locator(".md-search-result__item").count()
    page.keyboard.press("Escape")
    problems_before_submit = watch.problems()

    # The newsletter form posts to its provider.
    page.fill("input.newsletter__input", "reader@example.com")
    page.click("button.newsletter__button")
    page.wait_for_url(re.compile(re.escape(action.split("?")[0])), timeout=10_000)
    context.close()
    record("CSP: features under the policy", page="/" + url, search_results=results, newsletter_posts=len(posted),
           problems=len(problems_before_submit))
    assert posted and "reader%40example.com" in posted[0], posted
    assert not problems_before_submit, "\n".join(problems_before_submit)


@pytest.fixture()
def tampered_page(site_dir: Path) -> Iterator[str]:
    """A copy of a built condition page, next to it (so its relative links still work), into
    which scripts, an event handler and a frame are written after the build. Removed afterwards."""
    source = html_path(site_dir, page_types(site_dir)["condition"])
    target = source.parent.parent / "zz-csp-tampered" / "index.html"
    target.parent.mkdir()
    html = source.read_text(encoding="utf-8")
    injected = {
        "</head>": '<script>window.__injectedHead = 1</script></head>',
        '<div class="md-content"': '<script>window.__injectedContent = 1</script>'
                                   '<img src="missing-picture.png" alt="" onerror="window.__injectedHandler = 1">'
                                   '<iframe src="https://frames.example.net/" title="x"></iframe>'
                                   '<object data="https://plugins.example.net/x.swf"></object>'
                                   '<div class="md-content"',
        "</body>": '<script type="module">window.__injectedModule = 1</script></body>',
    }
    for marker, replacement in injected.items():
        assert marker in html, marker
        html = html.replace(marker, replacement, 1)
    target.write_text(html, encoding="utf-8")
    try:
        yield target.parent.relative_to(site_dir).as_posix() + "/"
    finally:
        shutil.rmtree(target.parent)


def test_a_script_added_to_a_built_page_does_not_run(browser: Any, server: str, tampered_page: str) -> None:
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    page = context.new_page()
    watch = Watch(page)
    other_hosts: list[str] = []
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: (other_hosts.append(route.request.url),
                                                                          route.abort()))
    page.goto(server + tampered_page, wait_until="load")
    enhance(page)
    page.wait_for_timeout(300)
    ran = page.evaluate("['__injectedHead', '__injectedContent', '__injectedHandler', '__injectedModule']"
                        ".filter(name => window[name] !== undefined)")
    # Strings are not run as code either (no 'unsafe-eval'). Tried from a timer, as the page's own
    # code would: code the DevTools protocol runs directly is exempt from the page's policy.
    page.evaluate("""() => setTimeout(() => { window.__evals = [() => eval('1'), () => new Function('return 1')()]
        .map(f => { try { f(); return 'ran'; } catch (e) { return e.name; } }); })""")
    evals = wait_for(page, "window.__evals", timeout=5_000)
    blocked = sorted({v["directive"] for v in watch.violations()})
    # The page's own scripts still ran: the template's inline scripts (by hash) and the bundle.
    own = page.evaluate("document.documentElement.classList.contains('js') && "
                        "document.documentElement.hasAttribute('data-md-enhanced')")
    context.close()
    record("CSP: a page tampered with after the build", injected="2 scripts, 1 module, 1 onerror, iframe, object, eval",
           ran=len(ran), violations=", ".join(blocked))
    assert ran == [], f"injected code ran: {ran}"
    assert evals == ["EvalError", "EvalError"], evals
    assert own, "the page's own scripts stopped working"
    assert {"script-src-elem", "script-src-attr", "frame-src", "object-src"} <= set(blocked), blocked
    assert not other_hosts, other_hosts
