"""A large site's search index in two parts (spinelib/search_index.py, lazy-search.js).

The real site is small enough for one index, so these tests build it with a tiny budget
(SPINE_SEARCH_FIRST_PART_KB=1) to force the split, and compare it with the normal build.
"""

from __future__ import annotations

import json

import pytest

from conftest import build_site, copy_site_source
from pagewait import wait_for
from search_probe import open_search, query, score_table
from test_browser_search import QUERIES

# Words found only in a section of this post, not in its opening: the whole index finds it.
SECTION_ONLY = "blog/lifting-safely/"
WHOLE = "document.documentElement.getAttribute('data-search-index') === 'whole'"


@pytest.fixture(scope="module")
def split_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("split")
    site = folder / "site"
    result = build_site(copy_site_source(folder / "src"), site, SPINE_SEARCH_FIRST_PART_KB="1")
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def split_server(split_site):
    from serve_gzip import serving

    with serving(split_site) as httpd:
        yield httpd.url


def _index(site, name="search_index.json"):
    return json.loads((site / "search" / name).read_text(encoding="utf-8"))


def test_a_small_site_keeps_one_index(site_dir) -> None:
    assert not (site_dir / "search/search_index.full.json").exists()
    assert "full_index" not in _index(site_dir)["config"]


def test_first_part_has_every_page_but_only_the_posts_openings(site_dir, split_site) -> None:
    whole, first = _index(split_site, "search_index.full.json"), _index(split_site)
    assert whole == _index(site_dir)                       # the whole index is Material's, untouched
    assert first["config"]["full_index"] == "search_index.full.json"
    locations = [d["location"] for d in first["docs"]]
    posts = {d["location"].split("#")[0] for d in whole["docs"]
             if d["location"].startswith("blog/") and d["location"].count("/") == 2 and "#" not in d["location"]
             and not d["location"].startswith(("blog/archive/", "blog/topic/", "blog/category/", "blog/page/"))}
    assert posts and posts <= set(locations)               # every post is findable by its opening ...
    assert not [loc for loc in locations if loc.split("#")[0] in posts and "#" in loc]   # ... not its sections
    assert not [loc for loc in locations if loc.startswith(("blog/archive/", "blog/topic/", "blog/page/"))]
    library = [d for d in whole["docs"] if d["location"].startswith(("conditions/", "treatments/", "emergency/"))]
    assert library and all(d in first["docs"] for d in library)    # library pages in full, keywords too
    assert any("keywords" in d for d in first["docs"])
    assert len(json.dumps(first)) < len(json.dumps(whole))


def test_whole_index_follows_the_first_results_and_answers_like_one_index(browser, server, split_server) -> None:
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(split_server + "conditions/sciatica/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "search_index" in u]          # lazy as before
    open_search(page, split_server)
    assert [u for u in requested if u.endswith("search_index.json")]
    assert not [u for u in requested if "search_index.full" in u]     # not before the first results
    query(page, split_server, "heel pain", settle_ms=0)
    wait_for(page, WHOLE, timeout=20000)
    assert [u for u in requested if u.endswith("search_index.full.json")]
    # From now on the split site answers exactly as the one-index site does.
    sample = QUERIES[::6]
    normal = browser.new_context().new_page()
    normal.goto(server)
    open_search(normal, server)
    for text, _ in sample:
        assert query(page, split_server, text).pages == query(normal, server, text).pages, text
    # A word only in a post's section (not its opening) is found through the whole index.
    assert query(page, split_server, "laundry baskets").pages[:1] == [SECTION_ONLY]
    normal.context.close()
    context.close()


def test_first_part_alone_still_finds_the_right_pages(browser, split_server) -> None:
    """The reader's first query is answered by the first part: measured on the whole query table
    with the whole index held back (as on a slow connection)."""
    context = browser.new_context()
    page = context.new_page()
    page.route("**/search_index.full.json", lambda route: route.abort())
    page.goto(split_server)
    open_search(page, split_server)
    assert SECTION_ONLY not in query(page, split_server, "laundry baskets").pages
    scores = score_table(page, split_server, QUERIES)
    print(f"\nsearch quality, first part only: {scores.summary()}")
    assert scores.share(1) >= 0.80 and scores.share(3) >= 0.90, scores.summary()
    context.close()
