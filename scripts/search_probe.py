"""Drive the site's real search box in a browser (Playwright page) and read the results.

Shared by the browser tests (hit rate of the query table) and `make bench` (latency).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

SEARCH_INPUT = "[data-md-component=search-query]"

# Resolves when the result list changes after the query is set; returns milliseconds taken.
_TIMED_QUERY = """
async (query) => {
  const input = document.querySelector('[data-md-component=search-query]');
  const list = document.querySelector('.md-search-result__list');
  const meta = document.querySelector('.md-search-result__meta');
  const done = new Promise((resolve) => {
    const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now()); });
    observer.observe(list, { childList: true, subtree: true });
    observer.observe(meta, { childList: true, characterData: true, subtree: true });
  });
  const start = performance.now();
  input.value = query;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new KeyboardEvent('keyup', { bubbles: true, key: query.slice(-1) }));
  const end = await Promise.race([done, new Promise((r) => setTimeout(() => r(NaN), 5000))]);
  return end - start;
}
"""


@dataclass
class Result:
    query: str
    pages: list[str]          # site paths of the result pages, best first
    milliseconds: float


def open_search(page, base_url: str) -> None:
    """Open search like a reader (focus the box) and wait until the index has loaded."""
    page.locator(SEARCH_INPUT).focus()
    page.wait_for_function("document.documentElement.getAttribute('data-search-index') === 'loaded'", timeout=30000)
    # The worker builds its index after the download; a first query tells us when it is ready.
    page.wait_for_function(
        "!/Initializing/i.test(document.querySelector('.md-search-result__meta').textContent)", timeout=30000)


def result_pages(page, base_url: str) -> list[str]:
    hrefs = page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item > a.md-search-result__link",
        "els => els.map(e => e.href)")
    base_path = urlsplit(base_url).path
    pages = []
    for href in hrefs:
        path = urlsplit(href).path
        path = path[len(base_path):] if path.startswith(base_path) else path
        if path not in pages:
            pages.append(path)
    return pages


def query(page, base_url: str, text: str, settle_ms: int = 350) -> Result:
    """Type a whole query as a reader would (ending with a space would mean 'finished'), and read the
    results once the search has settled. `milliseconds` is the time from input to the first update."""
    milliseconds = page.evaluate(_TIMED_QUERY, text)
    page.wait_for_timeout(settle_ms)   # idle again: no update of this query can land on the next one
    return Result(text, result_pages(page, base_url), float(milliseconds))
