#!/usr/bin/env python3
"""Benchmarks that print figures (`make bench`). Nothing here asserts a time.

1. Related links: compute time for 1,000 and 10,000 generated posts, and the growth ratio;
   precision of the real library's Related lists against the judged set
   (tests/data/related_judgements.yml), per kind of page, with hub counts and repeats.
2. Build: a 1,000-post corpus built with a stock Material blog configuration and with this
   site's full configuration (hooks, checks, related links, templates), in the same run.
3. Search: index size (raw and gzipped) for the real site and the corpus site, and the time
   from typing to results in headless Chromium once the index is loaded.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench_corpus import generate_pages, write_posts  # noqa: E402
from spinelib import content, related, related_quality  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
STOCK_CONFIG = """site_name: Stock Material blog
site_url: https://example.org/
theme:
  name: material
  font: false
plugins:
  - search
  - blog
"""
SEARCH_QUERIES = ["sciatica", "heel pain morning", "numb outer foot", "slipped disk", "nerve root", "walking",
                  "spinal stenosis", "foot drop", "back pain exercise", "calcium vitamin"]


def bench_related() -> None:
    print("== Related links (pure Python, no MkDocs) ==")
    timings = {}
    for count in (1000, 10000):
        pages = generate_pages(count)
        runs = 5 if count <= 1000 else 3      # best of several: this machine's speed wanders
        best = min(_timed(lambda: related.compute(pages, today=dt.date(2030, 1, 1))) for _ in range(runs))
        timings[count] = best
        print(f"  {count:>6} posts: {best:6.2f} s   (goal: 1,000 <= 0.5 s, 10,000 <= 5 s)")
    print(f"  growth 10x posts -> {timings[10000] / timings[1000]:.1f}x time (linear would be 10x)")
    bench_related_quality()


def bench_related_quality() -> None:
    print("== Related links: precision on the real library (judged set: tests/data/related_judgements.yml) ==")
    pages = content.load_site(ROOT / "docs")
    relations = related.compute(pages, today=dt.date.today())
    judged = related_quality.load(ROOT / "tests/data/related_judgements.yml")
    result = related_quality.precision(relations, {p.src: p.kind for p in pages}, judged)
    print("\n".join(result.lines()))
    pinned = sum(item.pinned for items in relations.related.values() for item in items)
    shown = sum(len(items) for items in relations.related.values())
    # The scoring's own share, without the editors' pins (and without their "Read also" choices).
    unpinned = [dataclasses.replace(p, meta={k: v for k, v in p.meta.items() if k not in ("related", "read_also")})
                for p in pages]
    alone = related_quality.precision(related.compute(unpinned, today=dt.date.today()),
                                      {p.src: p.kind for p in pages}, judged)
    print(f"  pins         : {pinned} of {shown} items are editors' pins; scoring alone (no pins, no chosen "
          f"Read also): overall {alone.of():.1%}, posts {alone.of('post'):.1%}")
    kept, offered, _ = related_quality.read_also_precision(relations, judged)
    print(f"  read also    : {kept} of {offered} wanted ({kept / max(1, offered):.1%}; editors chose "
          f"{sum(1 for p in pages if p.meta.get('read_also'))}, the rest scored)")
    sizes = Counter(len(items) for items in relations.related.values())
    print(f"  list sizes   : {', '.join(f'{n} items: {sizes[n]} lists' for n in sorted(sizes))}")
    cap = int(len(relations.related) * related.HUB_SHARE)
    hubs = ", ".join(f"{src.split('/')[-1][:-3]} {n}" for src, n in related_quality.hub_counts(relations)[:4])
    print(f"  most listed  : {hubs}   (cap: {cap} of {len(relations.related)} lists)")
    print(f"  repeats      : {len(related_quality.duplicates(relations))} (an item twice on one page)")
    if result.unjudged_pages:
        print(f"  pages not judged yet: {', '.join(result.unjudged_pages)}")


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _build(config: Path, site: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                            cwd=config.parent, env=ENV, capture_output=True, text=True)
    spent = time.perf_counter() - start
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-3000:], sep="\n")
        raise SystemExit(f"build failed: {config}")
    return spent


def make_stock_site(folder: Path, posts: int) -> Path:
    docs = folder / "docs"
    (docs / "blog").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(STOCK_CONFIG)
    (docs / "index.md").write_text("# Home\n")
    (docs / "blog/index.md").write_text("# Blog\n")
    shutil.copy(ROOT / "docs/blog/.authors.yml", docs / "blog/.authors.yml")
    shutil.copytree(ROOT / "docs/assets", docs / "assets")
    write_posts(docs / "blog/posts", posts, conditions=False)
    return folder / "mkdocs.yml"


def make_full_site(folder: Path, posts: int) -> Path:
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    write_posts(folder / "docs/blog/posts", posts)   # beside the real posts (names cannot clash)
    return folder / "mkdocs.yml"


def bench_build(work: Path, posts: int, rounds: int) -> Path:
    print(f"== Build: {posts} generated posts, stock Material blog vs this site's full configuration ==")
    stock = make_stock_site(work / "stock", posts)
    full = make_full_site(work / "full", posts)
    # The same site without the hooks file: separates the build script's own cost (checks,
    # related links, metadata) from the cost of the site's theme features and Markdown extensions.
    no_hooks = full.with_name("mkdocs-no-hooks.yml")
    no_hooks.write_text(full.read_text().replace("hooks:\n  - scripts/mkdocs_hooks.py\n", ""))
    times: dict[str, list[float]] = {"stock": [], "no_hooks": [], "full": []}
    for _ in range(rounds):              # interleaved, so all see the same machine load
        times["stock"].append(_build(stock, work / "stock-site"))
        times["no_hooks"].append(_build(no_hooks, work / "no-hooks-site"))
        times["full"].append(_build(full, work / "full-site"))
    best = {name: min(runs) for name, runs in times.items()}
    runs = {name: ", ".join(f"{t:.1f}" for t in values) for name, values in times.items()}
    print(f"  stock Material blog          : {best['stock']:6.1f} s  (runs: {runs['stock']})")
    print(f"  this site without hooks file : {best['no_hooks']:6.1f} s  (runs: {runs['no_hooks']})")
    print(f"  this site, full              : {best['full']:6.1f} s  (runs: {runs['full']})")
    # Each round builds the three back to back, so a round's ratio compares like with like even
    # when the machine's speed wanders between rounds; the median round is the headline figure.
    paired = [f / s for f, s in zip(times["full"], times["stock"])]
    own = [f / n for f, n in zip(times["full"], times["no_hooks"])]
    print(f"  ratio full / stock           : {statistics.median(paired):6.2f}   (median of rounds: "
          f"{', '.join(f'{r:.2f}' for r in paired)}; best times {best['full'] / best['stock']:.2f}; goal <= 1.1)")
    print(f"  ratio full / without hooks   : {statistics.median(own):6.2f}   (the build script's own share)")
    return work / "full-site"


def index_size(site: Path) -> str:
    parts = []
    for name in ("search_index.json", "search_index.full.json"):    # the second only on a large site
        path = site / "search" / name
        if path.is_file():
            raw = path.read_bytes()
            parts.append(f"{name}: {len(raw) / 1024:.1f} KB raw, {len(gzip.compress(raw, 9)) / 1024:.1f} KB gzipped")
    return "; ".join(parts)


def bench_search(real_site: Path, corpus_site: Path | None) -> None:
    print("== Search ==")
    print(f"  index, real site      : {index_size(real_site)}")
    if corpus_site is None:
        return
    print(f"  index, 1,000-post site: {index_size(corpus_site)}")
    from playwright.sync_api import sync_playwright

    from search_probe import open_search, query
    from serve_gzip import serving

    with serving(corpus_site) as httpd:
        _search_latency(httpd.url, sync_playwright, open_search, query)


def _search_latency(base: str, sync_playwright, open_search, query) -> None:
    args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=args)
        page = browser.new_page()
        page.goto(base)
        page.wait_for_load_state("networkidle")
        fetched: list = []
        page.on("requestfinished", lambda request: fetched.append(request))
        start = time.perf_counter()
        open_search(page, base)
        ready = time.perf_counter() - start
        first = query(page, base, SEARCH_QUERIES[0], settle_ms=0)
        # What the reader downloads from opening search to the first results, as sent (gzip).
        before_results = list(fetched)
        sent = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in before_results)
        page.wait_for_timeout(250)
        # A large site's whole index (search_index.py) follows the first results: wait until it
        # answers, so the timings below are the whole index's.
        whole = page.evaluate("document.documentElement.getAttribute('data-search-index')") == "whole" or \
            _wait_whole(page)
        times = [first.milliseconds] + [query(page, base, q, settle_ms=250).milliseconds
                                        for _ in range(3) for q in SEARCH_QUERIES][1:]
        after = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in fetched) - sent
        browser.close()
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"  1,000 posts: downloaded from opening search to first results {sent / 1024:.0f} KB as sent "
          f"(gzip; {len(before_results)} requests; goal <= 300 KB)")
    print(f"  1,000 posts: then, after the first results, {after / 1024:.0f} KB in the background "
          f"({'the whole index, searched from then on' if whole else 'nothing: one index'})")
    print(f"  1,000 posts: index loaded and ready {ready * 1000:.0f} ms after opening search")
    print(f"  1,000 posts: typing to results, {len(times)} queries: median {statistics.median(times):.0f} ms, "
          f"p95 {p95:.0f} ms, max {times[-1]:.0f} ms   (goal: p95 <= 150 ms)")


def _wait_whole(page) -> bool:
    """True once the second worker answers (a split index); False when the site has one index."""
    from pagewait import wait_for

    if not page.evaluate("!!(document.getElementById('__config'))"):
        return False
    try:
        wait_for(page, "document.documentElement.getAttribute('data-search-index') === 'whole'", timeout=20000)
        return True
    except Exception:  # noqa: BLE001 - a site below the budget has one index only
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3, help="builds of each configuration (the best counts)")
    parser.add_argument("--skip-build", action="store_true", help="only the related-links and real-site figures")
    parser.add_argument("--related-only", action="store_true",
                        help="only the related-links figures: timings and precision (no builds)")
    parser.add_argument("--search-only", action="store_true",
                        help="only the search figures: builds the real site, and this site with the corpus once")
    args = parser.parse_args()
    if not args.search_only:
        bench_related()
    if args.related_only:
        return 0
    with tempfile.TemporaryDirectory(prefix="spine-bench-") as tmp:
        work = Path(tmp)
        if args.search_only:
            corpus_site = work / "full-site"
            print(f"== Build: {args.posts} generated posts, this site: "
                  f"{_build(make_full_site(work / 'full', args.posts), corpus_site):.1f} s ==")
        else:
            corpus_site = None if args.skip_build else bench_build(work, args.posts, args.rounds)
        real_site = work / "real-site"
        print(f"== Real site: strict build {_build(ROOT / 'mkdocs.yml', real_site):.1f} s ==")
        bench_search(real_site, corpus_site)
    return 0


if __name__ == "__main__":
    sys.exit(main())
