"""Small pure modules: share links, JSON-LD, care cards, glossary tooltips, A to Z, placement."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import parse_qs, urlsplit

from spinelib import atoz, carecards, content, glossary, metadata, sections, share


def test_share_links_encode_url_and_title() -> None:
    url = "https://example.org/blog/can-foot-pain-come-from-your-spine/?a=1&b=2#x"
    title = "Sciatica & \"foot\" pain: what's 100% true? #spine"
    links = {link.network: link.href for link in share.share_links(url, title)}
    assert set(links) == {"facebook", "x", "linkedin", "email"}
    for network, href in links.items():
        assert " " not in href and '"' not in href and "#" not in href.split("?", 1)[1], network
    assert parse_qs(urlsplit(links["facebook"]).query) == {"u": [url]}
    assert parse_qs(urlsplit(links["x"]).query) == {"text": [title], "url": [url]}
    assert parse_qs(urlsplit(links["linkedin"]).query) == {"url": [url]}
    assert links["email"].startswith("mailto:?")
    assert parse_qs(links["email"][len("mailto:?"):]) == {"subject": [title], "body": [url]}
    assert links["x"].startswith("https://x.com/intent/tweet?")


def condition_page(extra: str = "") -> content.Page:
    return content.page_from_text("conditions/sciatica.md", (
        "---\ntitle: Sciatica\ndescription: Leg pain from the back.\naliases: [Sciatic nerve pain]\n"
        f"last_reviewed: 2026-10-01\n{extra}---\nBody\n"))


def test_medical_web_page_json_ld() -> None:
    data = metadata.medical_web_page(condition_page(), "https://e.org/conditions/sciatica/", {"name": "Org"}, None)
    json.dumps(data)
    assert data["@type"] == "MedicalWebPage"
    assert data["about"] == {"@type": "MedicalCondition", "name": "Sciatica", "alternateName": ["Sciatic nerve pain"]}
    assert data["lastReviewed"] == "2026-10-01"
    assert data["audience"]["audienceType"] == "Patient"
    assert "reviewedBy" not in data                      # never without a real, configured reviewer
    reviewed = metadata.medical_web_page(condition_page(), "u", {"name": "Org"}, {"name": "A Person", "credentials": "MD"})
    assert reviewed["reviewedBy"] == {"@type": "Person", "name": "A Person", "honorificSuffix": "MD"}


def test_blog_posting_and_breadcrumbs() -> None:
    post = content.page_from_text("blog/posts/x.md", "---\ntitle: X?\ndescription: D\ndate: 2026-05-01\ntags: [Sciatica]\n---\nB")
    data = metadata.blog_posting(post, "https://e.org/blog/x/", {"name": "Org"}, ["Editorial team"])
    assert data["@type"] == "BlogPosting" and data["datePublished"] == "2026-05-01"
    assert data["author"] == [{"@type": "Organization", "name": "Editorial team"}]
    crumbs = metadata.breadcrumbs(post, "X?", "blog/x/", "https://e.org/")
    assert crumbs == [("Home", "https://e.org/"), ("Blog", "https://e.org/blog/"), ("X?", "https://e.org/blog/x/")]
    listing = metadata.breadcrumb_list(crumbs)
    assert [i["position"] for i in listing["itemListElement"]] == [1, 2, 3]


def test_care_cards_get_hidden_urgency_and_a_name() -> None:
    html = ('<div class="admonition emergency">\n<p class="admonition-title">Call 911 if:</p>\n<ul><li>x</li></ul></div>'
            '<div class="admonition see-doctor">\n<p class="admonition-title">See a doctor if:</p></div>'
            '<div class="admonition note">\n<p class="admonition-title">Note</p></div>')
    out = carecards.mark_care_cards(html)
    assert '<span class="visually-hidden">Immediate action required: </span>Call 911 if:' in out
    assert '<span class="visually-hidden">Non-urgent advice: </span>See a doctor if:' in out
    assert out.count('role="region"') == 2 and 'aria-labelledby="care-card-1"' in out
    assert '<p class="admonition-title">Note</p>' in out
    assert carecards.has_care_card('## When\n\n!!! urgent "Today if:"\n    - x\n')
    assert not carecards.has_care_card("!!! note\n")


def test_glossary_parse_and_tooltips() -> None:
    text = "## A\n\nAnkle-brachial index\n:   A test that compares blood pressure.\n\nMRI\n:   A scan that uses\n    magnets.\n"
    terms = glossary.parse(text)
    assert terms == [glossary.Term("Ankle-brachial index", "A test that compares blood pressure."),
                     glossary.Term("MRI", "A scan that uses magnets.")]
    found = glossary.abbreviations(terms)
    assert found == {"Ankle-brachial index": "A test that compares blood pressure.",
                     "ankle-brachial index": "A test that compares blood pressure.",
                     "MRI": "A scan that uses magnets."}


def test_a_to_z_groups_by_letter_and_origin() -> None:
    pages = [content.page_from_text(f"conditions/{slug}.md", f"---\ntitle: {title}\nsummary: {summary}\nstarts_in: {start}\n---\n")
             for slug, title, summary, start in [("gout", "Gout", "Hot toe.", "foot-or-leg"),
                                                  ("sciatica", "Sciatica", "Leg pain.", "spine"),
                                                  ("spinal-stenosis", "Spinal stenosis", "Narrow canal.", "spine")]]
    text = atoz.a_to_z_markdown(pages)
    assert "[G](#letter-g) [S](#letter-s)" in text
    assert "### Starts in the spine {#spine}\n\n- [Sciatica](sciatica.md): Leg pain.\n- [Spinal stenosis](spinal-stenosis.md): Narrow canal." in text
    assert "### G {#letter-g}\n\n- [Gout](gout.md): Hot toe." in text


def test_insert_after_second_section() -> None:
    html = "<p>a</p><h2>One</h2><p>1</p><h2>Two</h2><p>2</p><h2>Three</h2><p>3</p>"
    assert sections.insert_after_section(html, "<aside/>") == "<p>a</p><h2>One</h2><p>1</p><h2>Two</h2><p>2</p><aside/><h2>Three</h2><p>3</p>"
    assert sections.insert_after_section("<h2>One</h2><p>1</p>", "<aside/>") == "<h2>One</h2><p>1</p><aside/>"


def test_review_due_dates() -> None:
    page = condition_page()
    assert page.next_review_due == dt.date(2027, 10, 1)
    assert content.add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert condition_page("review_interval_months: 6\n").next_review_due == dt.date(2027, 4, 1)
