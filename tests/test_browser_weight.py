"""Page weight, measured from the browser's own network log over a gzipping local server:
the first view of every article transfers at most 100 KB in total, and the search index is
only downloaded when the reader opens search."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from browser_support import PHONE, all_pages, html_path, record
from pagewait import wait_for

pytestmark = pytest.mark.browser

BUDGET_BYTES = 100 * 1000          # "100 KB", counted strictly: bytes on the wire, headers included
INDEX = "search/search_index.json"


def articles(site_dir: Path) -> list[str]:
    """Condition pages, blog posts and the symptom guide: the pages readers land on."""
    found = []
    for url in all_pages(site_dir):
        html = html_path(site_dir, url).read_text(encoding="utf-8")
        if ("md-content--post" in html and url.startswith("blog/") and "/page/" not in url
                and "/topic/" not in url and "/archive/" not in url and url != "blog/"):
            found.append(url)
        elif url.startswith("conditions/") and url != "conditions/":
            found.append(url)
        elif "leg-map" in html:
            found.append(url)
    return found


class NetworkLog:
    """Bytes received per request, as Chromium's DevTools network log reports them
    (Network.loadingFinished encodedDataLength: compressed body plus headers)."""

    def __init__(self, context: Any, page: Any) -> None:
        self.cdp = context.new_cdp_session(page)
        self.urls: dict[str, str] = {}
        self.bytes: dict[str, int] = {}
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})

    def _sent(self, event: dict[str, Any]) -> None:
        self.urls[event["requestId"]] = event["request"]["url"]

    def _finished(self, event: dict[str, Any]) -> None:
        self.bytes[event["requestId"]] = int(event["encodedDataLength"])

    def reset(self) -> None:
        self.urls.clear()
        self.bytes.clear()

    def total(self) -> int:
        return sum(self.bytes.values())

    def by_url(self) -> dict[str, int]:
        return {self.urls.get(rid, rid): size for rid, size in self.bytes.items()}


@pytest.fixture(scope="module")
def phone(browser: Any) -> Any:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    log = NetworkLog(context, page)
    yield page, log
    context.close()


def load(page: Any, log: NetworkLog, url: str) -> None:
    log.reset()
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)        # anything started just after the load event


def test_first_view_of_every_article_is_within_budget(phone: Any, server: str, site_dir: Path) -> None:
    page, log = phone
    pages = articles(site_dir)
    assert len(pages) >= 25, pages
    over = []
    heaviest = (0, "")
    for url in pages:
        load(page, log, server + url)
        total = log.total()
        requested = log.by_url()
        assert any(u.rstrip("/").endswith(url.rstrip("/")) for u in requested), f"/{url}: the page itself was not logged"
        assert not any(INDEX in u for u in requested), f"/{url}: the search index loaded without search being opened"
        heaviest = max(heaviest, (total, url))
        files = {"html": 0, "css": 0, "js": 0, "images": 0}
        for u, size in requested.items():
            kind = ("css" if u.endswith(".css") else "js" if u.endswith(".js") else
                    "images" if u.endswith((".svg", ".png", ".jpg", ".webp", ".avif")) else "html")
            files[kind] += size
        record("page weight: first view of an article (gzip, bytes on the wire)", page="/" + url,
               requests=len(requested), total_kb=f"{total / 1000:.1f}",
               **{f"{k}_kb": f"{v / 1000:.1f}" for k, v in files.items()})
        if total > BUDGET_BYTES:
            detail = ", ".join(f"{u.rsplit('/', 2)[-2:]}={s}" for u, s in sorted(requested.items(), key=lambda x: -x[1]))
            over.append(f"/{url}: {total} bytes > {BUDGET_BYTES} ({detail})")
    assert not over, "\n".join(over)


def test_reading_on_stays_within_budget_until_search_is_opened(phone: Any, server: str, site_dir: Path) -> None:
    """Once the reader interacts, Material's bundle and search worker arrive; the index still
    waits until search is opened, and first view plus enhancement stays within the budget."""
    page, log = phone
    url = max(articles(site_dir), key=lambda u: html_path(site_dir, u).stat().st_size)
    load(page, log, server + url)
    first_view = log.total()
    page.evaluate("window.scrollBy(0, 400)")                  # the reader starts reading
    wait_for(page, "document.documentElement.hasAttribute('data-md-enhanced')")
    page.wait_for_timeout(500)
    enhanced = log.total()
    names = list(log.by_url())
    assert any("bundle." in u for u in names), "Material's bundle did not load on interaction"
    assert not any(INDEX in u for u in names), "the search index loaded before search was opened"
    page.click("label[for=__search]")                          # the search icon (phone layout)
    wait_for(page, "document.documentElement.dataset.searchIndex === 'loaded'", timeout=15_000)
    index = sum(size for u, size in log.by_url().items() if INDEX in u)
    record("page weight: heaviest article, step by step (bytes on the wire)", page="/" + url,
           first_view_kb=f"{first_view / 1000:.1f}", after_first_interaction_kb=f"{enhanced / 1000:.1f}",
           search_index_kb_when_opened=f"{index / 1000:.1f}")
    assert index > 0, "opening search did not load the index"
    assert enhanced <= BUDGET_BYTES, f"first view plus Material's enhancements: {enhanced} bytes > {BUDGET_BYTES}"


def test_the_server_compresses_like_a_cdn(phone: Any, server: str) -> None:
    """The figures above assume gzip: make sure the HTML, CSS and JS really arrive compressed."""
    page, _ = phone
    response = page.goto(server, wait_until="load")
    assert response.headers.get("content-encoding") == "gzip"
    for selector, attr in (("link[rel=stylesheet]", "href"), ("script[src]", "src")):
        href = page.eval_on_selector(selector, f"e => e.{attr}")
        headers = page.request.get(href, headers={"Accept-Encoding": "gzip"}).headers
        assert headers.get("content-encoding") == "gzip", href
