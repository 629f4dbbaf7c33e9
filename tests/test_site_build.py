"""The real site, built strictly: pages, feed, blocks added by the build script, metadata, privacy."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

pytestmark = pytest.mark.build

SITE_HOST = "spine-health.example.org"
POSTS = sorted(p.stem for p in (ROOT / "docs/blog/posts").glob("*.md"))
CONDITIONS = sorted(p.stem for p in (ROOT / "docs/conditions").glob("*.md") if p.stem != "index")


def soup(site_dir: Path, url: str) -> BeautifulSoup:
    path = site_dir / url / "index.html" if not url.endswith(".html") else site_dir / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def article(doc: BeautifulSoup) -> BeautifulSoup:
    return doc.select_one("article.md-content__inner") or doc.select_one(".md-content__inner")


@pytest.mark.parametrize("url", ["", "blog/", "blog/can-foot-pain-come-from-your-spine/", "conditions/",
                                 "conditions/sciatica/", "foot-and-leg-pain/", "emergency/", "glossary/", "about/",
                                 "about/editorial-policy/", "about/medical-disclaimer/", "about/privacy/",
                                 "about/accessibility/", "blog/archive/2026/", "blog/topic/symptoms/"])
def test_page_exists_with_title_and_description(site_dir: Path, url: str) -> None:
    doc = soup(site_dir, url)
    assert doc.title and doc.title.string.strip()
    description = doc.select_one('meta[name="description"]')
    assert description and 0 < len(description["content"]) <= 200
    assert doc.select_one("h1")


def test_home_page_title_is_the_site_name_once(site_dir: Path) -> None:
    """Not "Spine Health Library - Spine Health Library" (overrides/main.html, block htmltitle)."""
    doc = soup(site_dir, "")
    assert [t.get_text() for t in doc.find_all("title")] == ["Spine Health Library"]
    other = soup(site_dir, "emergency/").title.get_text()
    assert other.endswith(" - Spine Health Library") and other != "Spine Health Library", other


def test_404_page_helps(site_dir: Path) -> None:
    doc = soup(site_dir, "404.html")
    text = doc.get_text(" ")
    assert "can't find that page" in text
    hrefs = [a["href"] for a in article(doc).select("a[href]")]
    assert any(h.endswith("conditions/") for h in hrefs) and any("emergency" in h for h in hrefs)
    assert doc.select_one('form[name="search"]'), "404 page must offer search"


def test_every_post_and_condition_is_built(site_dir: Path) -> None:
    for slug in POSTS:
        assert (site_dir / "blog" / slug / "index.html").exists(), slug
    for slug in CONDITIONS:
        assert (site_dir / "conditions" / slug / "index.html").exists(), slug
    assert len(POSTS) >= 12 and len(CONDITIONS) >= 16


def test_feed_has_every_post_and_is_linked_from_the_head(site_dir: Path) -> None:
    feed = ET.parse(site_dir / "feed_rss_created.xml").getroot()
    links = {item.findtext("link") for item in feed.iter("item")}
    for slug in POSTS:
        assert f"https://{SITE_HOST}/blog/{slug}/" in links, slug
    head_links = soup(site_dir, "").select('head link[rel="alternate"][type="application/rss+xml"]')
    assert any(link["href"].endswith("feed_rss_created.xml") for link in head_links)


def test_sitemap_lists_pages(site_dir: Path) -> None:
    sitemap = (site_dir / "sitemap.xml").read_text()
    assert f"https://{SITE_HOST}/conditions/sciatica/" in sitemap
    assert f"https://{SITE_HOST}/blog/can-foot-pain-come-from-your-spine/" in sitemap


def test_tabs(site_dir: Path) -> None:
    tabs = [a.get_text(strip=True) for a in soup(site_dir, "").select(".md-tabs__link")]
    assert tabs == ["Home", "Conditions (A to Z)", "Treatments and tests", "Foot and leg pain", "Blog", "About"]


def test_treatment_pages_are_listed_under_their_tab_with_their_schema_type(site_dir: Path) -> None:
    index = soup(site_dir, "treatments/")
    listed = {a["href"].strip("./").split("/")[0] for a in index.select("article a[href]")
              if not a["href"].startswith(("#", "http", ".."))}
    pages = sorted(p.stem for p in (ROOT / "docs" / "treatments").glob("*.md") if p.stem != "index")
    assert len(pages) >= 12 and set(pages) <= listed
    for slug, expected in (("microdiscectomy", "MedicalProcedure"), ("mri-scan-of-the-lower-back", "MedicalTest"),
                           ("physical-therapy-for-back-and-leg-pain", "MedicalTherapy")):
        doc = soup(site_dir, f"treatments/{slug}/")
        about = [json.loads(s.string)["about"]["@type"] for s in doc.select('script[type="application/ld+json"]')
                 if '"MedicalWebPage"' in s.string]
        assert about == [expected], slug
        assert doc.select_one(".review-line") is not None, slug


def all_html(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*.html") if "embed" not in p.parts)


def test_no_page_loads_anything_from_another_host(site_dir: Path) -> None:
    """Fonts, scripts, styles, images, frames: everything from the site itself."""
    offenders = []
    for path in all_html(site_dir):
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
                          ("source", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data")):
            for node in doc.find_all(tag):
                value = node.get(attr)
                if not value:
                    continue
                if tag == "link" and not set(node.get("rel", [])) & {"stylesheet", "preload", "icon", "modulepreload", "prefetch", "preconnect", "dns-prefetch"}:
                    continue
                host = urlsplit(value).netloc
                if host and host != SITE_HOST:
                    offenders.append(f"{path.relative_to(site_dir)}: <{tag} {attr}={value}>")
        assert not doc.find("iframe"), path
    css = "\n".join(p.read_text(errors="ignore") for p in site_dir.rglob("*.css"))
    external = {u for u in re.findall(r"url\((['\"]?)(https?:)?//([^)'\"]+)", css)}
    assert not offenders, "\n".join(offenders[:20])
    assert not external, external


# ---- blocks added by the build script ----------------------------------------------------


def related_items(doc: BeautifulSoup) -> list[BeautifulSoup]:
    return doc.select("nav.related li")


@pytest.mark.parametrize("url", [f"blog/{s}/" for s in POSTS] + [f"conditions/{s}/" for s in CONDITIONS])
def test_related_has_three_to_five_items_of_library_kinds(site_dir: Path, url: str) -> None:
    doc = soup(site_dir, url)
    items = related_items(doc)
    assert 3 <= len(items) <= 5, url
    # Kinds mix only as far as each is related (spinelib/related.py): no kind is padded in.
    kinds = {next(c for c in li["class"] if c.startswith("related__item--")) for li in items}
    assert kinds <= {"related__item--post", "related__item--condition", "related__item--treatment"}, url
    own = urlsplit(doc.select_one('link[rel="canonical"]')["href"]).path
    for li in items:
        href = li.a["href"]
        target = (site_dir / url / href).resolve()
        assert (target / "index.html").exists(), (url, href)
        assert not str(target).endswith(own.rstrip("/")), "a page never lists itself"
    # Nothing added by the build goes into the search index's copy of the page.
    assert doc.select_one("nav.related")["data-search-exclude"] is not None


def test_condition_pages_list_articles_about_them(site_dir: Path) -> None:
    doc = soup(site_dir, "conditions/sciatica/")
    titles = [a.get_text(strip=True) for a in doc.select(".articles-about a")]
    assert "Can foot pain come from your spine?" in titles


def test_read_also_sits_after_the_second_section(site_dir: Path) -> None:
    doc = soup(site_dir, "blog/can-foot-pain-come-from-your-spine/")
    body = doc.select_one(".page-body")
    callout = body.select_one("aside.read-also")
    assert callout is not None and callout.a and callout.a["href"]
    h2_before = callout.find_all_previous("h2")
    h2_before_in_body = [h for h in h2_before if body in h.parents]
    assert len(h2_before_in_body) == 2
    assert callout.find_next_sibling("h2") is not None


def test_recent_posts_on_home_and_posts(site_dir: Path) -> None:
    home = soup(site_dir, "")
    recent = [a.get_text(strip=True) for a in home.select(".recent-posts li a")]
    assert len(recent) == 5
    newest = sorted(POSTS, key=lambda s: re.search(r"^date: (.+)$", (ROOT / f"docs/blog/posts/{s}.md").read_text(), re.M).group(1), reverse=True)
    assert home.select(".recent-posts li a")[0]["href"].rstrip("/").endswith(newest[0])
    post = soup(site_dir, f"blog/{newest[0]}/")
    links = [a["href"] for a in post.select(".recent-posts li a")]
    assert len(links) == 5 and not any(h.rstrip("/").endswith(newest[0]) for h in links)


@pytest.mark.parametrize("url", ["", "blog/", "blog/lifting-safely/"])
def test_newsletter_form(site_dir: Path, url: str) -> None:
    doc = soup(site_dir, url)
    form = doc.select_one(".newsletter form")
    assert form is not None, url
    assert doc.select_one(".newsletter h2").get_text(strip=True) == "Join our email newsletter"
    assert "monthly" in doc.select_one(".newsletter__blurb").get_text()
    assert form["method"] == "post" and form["action"].startswith("https://")
    email = form.select_one('input[type="email"]')
    assert email["autocomplete"] == "email" and email.has_attr("required")
    label = form.select_one(f'label[for="{email["id"]}"]')
    assert label and label.get_text(strip=True)
    for described in email["aria-describedby"].split():
        assert doc.select_one(f"#{described}") is not None
    honeypot = form.select_one(".newsletter__honeypot")
    assert honeypot["aria-hidden"] == "true" and honeypot.input["tabindex"] == "-1"
    privacy = doc.select_one(".newsletter__privacy a")
    assert privacy["href"].rstrip("/").endswith("about/privacy")


def test_newsletter_embed_snippet(site_dir: Path) -> None:
    html = (site_dir / "embed" / "newsletter.html").read_text()
    doc = BeautifulSoup(html, "lxml")
    assert doc.select_one('form input[type="email"][required]')
    assert not doc.find("script") and "http://" not in html
    assert f"https://{SITE_HOST}/about/privacy/" in html


def test_share_links_are_plain_encoded_links(site_dir: Path) -> None:
    doc = soup(site_dir, "blog/can-foot-pain-come-from-your-spine/")
    hrefs = {a.get_text(" ", strip=True).split(" (")[0]: a["href"] for a in doc.select(".share a")}
    url = f"https://{SITE_HOST}/blog/can-foot-pain-come-from-your-spine/"
    assert parse_qs(urlsplit(hrefs["Facebook"]).query)["u"] == [url]
    assert parse_qs(urlsplit(hrefs["X"]).query) == {"text": ["Can foot pain come from your spine?"], "url": [url]}
    assert parse_qs(urlsplit(hrefs["LinkedIn"]).query)["url"] == [url]
    assert hrefs["Email"].startswith("mailto:?subject=Can%20foot%20pain")
    assert doc.select_one(".share [data-copy-url]")["data-copy-url"] == url
    assert doc.select_one(".share [data-print]") is not None


def json_ld(doc: BeautifulSoup) -> dict[str, dict]:
    blocks = [json.loads(s.string) for s in doc.select('script[type="application/ld+json"]')]
    return {b["@type"]: b for b in blocks}


def test_json_ld_and_social_metadata(site_dir: Path) -> None:
    post = soup(site_dir, "blog/can-foot-pain-come-from-your-spine/")
    data = json_ld(post)
    assert data["BlogPosting"]["headline"] == "Can foot pain come from your spine?"
    assert data["BlogPosting"]["datePublished"] and data["BlogPosting"]["author"][0]["name"] == "Editorial team"
    assert [i["name"] for i in data["BreadcrumbList"]["itemListElement"]] == ["Home", "Blog", "Can foot pain come from your spine?"]
    assert post.select_one('meta[property="og:type"]')["content"] == "article"
    assert post.select_one('meta[name="twitter:card"]')["content"] == "summary"
    assert post.select_one('link[rel="canonical"]')["href"] == f"https://{SITE_HOST}/blog/can-foot-pain-come-from-your-spine/"

    condition = soup(site_dir, "conditions/herniated-disc/")
    page = json_ld(condition)["MedicalWebPage"]
    assert page["about"]["@type"] == "MedicalCondition" and page["about"]["alternateName"]
    assert page["lastReviewed"] and page["audience"]["audienceType"] == "Patient"
    assert "reviewedBy" not in page          # no reviewer is configured
    assert json_ld(soup(site_dir, ""))["BreadcrumbList"]


@pytest.mark.parametrize("slug", CONDITIONS)
def test_condition_page_intro_and_sources(site_dir: Path, slug: str) -> None:
    doc = soup(site_dir, f"conditions/{slug}/")
    body = article(doc)
    assert body.select_one(".also-called").get_text(strip=True).startswith("Also called:")
    review = body.select_one(".review-line").get_text(" ", strip=True)
    assert re.search(r"Page last reviewed: \d+ \w+ \d{4} · Next review due: \d+ \w+ \d{4}", review), review
    assert "Reviewed by" not in review
    assert len(body.select(".page-sources li")) >= 2
    assert body.select(".care-card .visually-hidden")


def test_conditions_a_to_z_lists_every_condition(site_dir: Path) -> None:
    doc = soup(site_dir, "conditions/")
    body = article(doc)
    hrefs = {a["href"].strip("/").split("/")[-1] for a in body.select(".page-body li a")}
    assert set(CONDITIONS) <= hrefs
    assert body.select_one("#spine") and body.select_one("#foot-or-leg")
    assert [a.get_text() for a in body.select(".a-to-z-letters a")]


def test_every_condition_is_in_the_conditions_tab(site_dir: Path) -> None:
    nav = soup(site_dir, "conditions/gout/").select(".md-nav--primary .md-nav__link--active")
    assert any("Gout" in n.get_text() for n in nav)


@pytest.mark.parametrize("slug", POSTS)
def test_post_shows_date_reading_time_author_topics_and_tags(site_dir: Path, slug: str) -> None:
    doc = soup(site_dir, f"blog/{slug}/")
    meta = doc.select_one(".md-post__meta").get_text(" ", strip=True)
    assert doc.select_one(".md-post__meta time[datetime]"), slug
    assert re.search(r"\d+ min read", meta), meta
    assert "Editorial team" in doc.select_one(".md-post__authors").get_text(" ", strip=True)
    assert doc.select(".md-post__meta a[href*='topic/']"), "topics (categories) are linked"
    assert doc.select(".md-tags .md-tag"), "tags are shown"


def test_index_archive_and_topic_pages_list_every_post(site_dir: Path) -> None:
    def listed(pattern: str) -> set[str]:
        found = set()
        for path in site_dir.glob(pattern):
            doc = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
            found |= {a["href"].rstrip("/").split("/")[-1] for a in doc.select(".md-post--excerpt .md-post__action a")}
        return found

    assert listed("blog/index.html") | listed("blog/page/*/index.html") >= set(POSTS)
    assert listed("blog/archive/*/index.html") | listed("blog/archive/*/page/*/index.html") >= set(POSTS)
    assert listed("blog/topic/*/index.html") | listed("blog/topic/*/page/*/index.html") >= set(POSTS)


def test_our_javascript_ships_without_its_comments(site_dir: Path) -> None:
    for name in ("lazy-search.js", "search-worker.js", "site.js"):
        source = (ROOT / "docs/assets/javascripts" / name).read_text(encoding="utf-8")
        built = (site_dir / "assets/javascripts" / name).read_text(encoding="utf-8")
        assert "/*" in source and "/*" not in built, name
        assert len(built) < 0.8 * len(source), name
