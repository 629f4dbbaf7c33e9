"""Drive the site's real search box in a browser (Playwright page) and read the results.

Shared by the browser tests (hit rate of the query table) and `make bench` (latency).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from pagewait import wait_for

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
    wait_for(page, "document.documentElement.getAttribute('data-search-index') === 'loaded'", timeout=30000)
    # The worker builds its index after the download; a first query tells us when it is ready.
    wait_for(
        page, "!/Initializing/i.test(document.querySelector('.md-search-result__meta').textContent)", timeout=30000)


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


@dataclass
class Scores:
    """How well a query table does: the expected first page's rank for each query."""
    ranks: dict[str, int]          # query -> 1-based rank of the expected page (0: not listed)
    results: dict[str, list[str]]  # query -> the result pages, best first

    @property
    def count(self) -> int:
        return len(self.ranks)

    def share(self, within: int) -> float:
        return sum(1 for r in self.ranks.values() if 0 < r <= within) / max(1, self.count)

    @property
    def mrr(self) -> float:
        return sum(1 / r for r in self.ranks.values() if r) / max(1, self.count)

    def summary(self) -> str:
        return (f"top-1 {self.share(1):.1%}, top-3 {self.share(3):.1%}, MRR {self.mrr:.3f} "
                f"({self.count} queries)")


def score_table(page, base_url: str, table, settle_ms: int = 350) -> Scores:
    """Run every (query, expected pages) row through the search box; the first expected page is
    the one that should come first."""
    ranks, results = {}, {}
    for text, wanted in table:
        pages = query(page, base_url, text, settle_ms=settle_ms).pages
        results[text] = pages
        ranks[text] = pages.index(wanted[0]) + 1 if wanted[0] in pages else 0
    return Scores(ranks, results)
