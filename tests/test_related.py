"""Related links, "Read also", articles about a condition and recent posts, on a fixture corpus."""

from __future__ import annotations

import datetime as dt
import random
import time

from spinelib import content, related

TODAY = dt.date(2026, 11, 25)


def post(slug: str, *, date: str, title: str, body: str = "", tags=(), categories=("Symptoms",), conditions=(),
         extra: str = "") -> content.Page:
    text = (f"---\ntitle: \"{title}\"\ndescription: \"{title}\"\ndate: {date}\n"
            f"tags: {list(tags)}\ncategories: {list(categories)}\nconditions: {list(conditions)}\n{extra}---\n\n{body}\n")
    return content.page_from_text(f"blog/posts/{slug}.md", text)


def condition(slug: str, *, title: str, body: str = "", extra: str = "") -> content.Page:
    text = f"---\ntitle: \"{title}\"\ndescription: \"{title}\"\nlast_reviewed: 2026-10-01\n{extra}---\n\n{body}\n"
    return content.page_from_text(f"conditions/{slug}.md", text)


def corpus() -> list[content.Page]:
    return [
        condition("sciatica", title="Sciatica", body="Pain down the leg from a pinched sciatic nerve root."),
        condition("plantar-fasciitis", title="Heel pain (plantar fasciitis)", body="Heel pain with first steps in the morning."),
        condition("gout", title="Gout", body="A hot swollen big toe joint from uric acid crystals."),
        post("foot-pain-spine", date="2026-11-01", title="Can foot pain come from your spine?",
             body="Sciatica and nerve root pain can reach the foot. Heel pain may be plantar fasciitis.",
             tags=["Foot pain", "Sciatica"], conditions=["sciatica", "plantar-fasciitis"]),
        post("sciatica-or-heel", date="2026-10-01", title="Sciatica or plantar fasciitis?",
             body="Telling sciatica from plantar fasciitis heel pain.", tags=["Heel pain", "Sciatica"],
             conditions=["sciatica", "plantar-fasciitis"]),
        post("gout-diet", date="2026-09-01", title="Gout and diet", body="Uric acid, diet and gout flares.",
             tags=["Nutrition"], categories=["Prevention and wellness"], conditions=["gout"]),
        post("lifting", date="2026-08-01", title="Lifting safely", body="Bend your knees and keep the load close.",
             tags=["Work and daily life"], categories=["Prevention and wellness"]),
        post("draft-post", date="2026-11-10", title="Sciatica draft", body="Sciatica sciatica sciatica.",
             tags=["Sciatica"], conditions=["sciatica"], extra="draft: true\n"),
        post("future-post", date="2027-01-10", title="Sciatica in the future", body="Sciatica.",
             tags=["Sciatica"], conditions=["sciatica"]),
    ]


def srcs(items: list[related.Item]) -> list[str]:
    return [i.src for i in items]


def test_posts_about_the_same_conditions_rank_first() -> None:
    rel = related.compute(corpus(), today=TODAY)
    top = srcs(rel.related["blog/posts/foot-pain-spine.md"])
    assert top[:2] == ["conditions/sciatica.md", "conditions/plantar-fasciitis.md"] or \
        set(top[:3]) >= {"conditions/sciatica.md", "conditions/plantar-fasciitis.md"}
    assert "blog/posts/foot-pain-spine.md" not in top          # never the page itself


def test_lists_have_three_to_five_items_and_mix_kinds() -> None:
    rel = related.compute(corpus(), today=TODAY)
    for src, items in rel.related.items():
        assert 3 <= len(items) <= 5, src
        kinds = {item.src.split("/")[0] for item in items}
        assert kinds == {"blog", "conditions"}, (src, items)


def test_drafts_and_future_posts_never_appear() -> None:
    rel = related.compute(corpus(), today=TODAY)
    everywhere = {s for items in rel.related.values() for s in srcs(items)} | set(rel.read_also.values())
    assert "blog/posts/draft-post.md" not in everywhere
    assert "blog/posts/future-post.md" not in everywhere
    assert "blog/posts/draft-post.md" not in rel.related       # drafts get no list either


def test_condition_pages_list_articles_about_them_newest_first() -> None:
    rel = related.compute(corpus(), today=TODAY)
    assert rel.articles_about["conditions/sciatica.md"] == ["blog/posts/foot-pain-spine.md", "blog/posts/sciatica-or-heel.md"]
    assert rel.articles_about["conditions/gout.md"] == ["blog/posts/gout-diet.md"]


def test_editor_pins_come_first_in_their_order() -> None:
    pages = corpus()
    pages[3] = post("foot-pain-spine", date="2026-11-01", title="Can foot pain come from your spine?",
                    body="Sciatica.", tags=["Sciatica"], conditions=["sciatica"],
                    extra="related: [lifting, gout]\n")
    rel = related.compute(pages, today=TODAY)
    items = rel.related["blog/posts/foot-pain-spine.md"]
    assert srcs(items)[:2] == ["blog/posts/lifting.md", "conditions/gout.md"]
    assert items[0].pinned and items[1].pinned


def test_read_also_is_strong_post_pinned_or_off() -> None:
    rel = related.compute(corpus(), today=TODAY)
    assert rel.read_also["blog/posts/foot-pain-spine.md"] == "blog/posts/sciatica-or-heel.md"
    assert "blog/posts/sciatica-or-heel.md" not in srcs(rel.related["blog/posts/foot-pain-spine.md"])
    pages = corpus()
    pages[3] = post("foot-pain-spine", date="2026-11-01", title="Can foot pain come from your spine?",
                    body="x", tags=["Sciatica"], conditions=["sciatica"], extra="read_also: false\n")
    pages[4] = post("sciatica-or-heel", date="2026-10-01", title="Sciatica or plantar fasciitis?",
                    body="x", tags=["Sciatica"], conditions=["sciatica"], extra="read_also: lifting\n")
    rel = related.compute(pages, today=TODAY)
    assert rel.read_also["blog/posts/foot-pain-spine.md"] is None
    assert rel.read_also["blog/posts/sciatica-or-heel.md"] == "blog/posts/lifting.md"


def test_fallback_means_never_empty() -> None:
    pages = [
        post("a", date="2026-01-01", title="Alpha", body="zebra", tags=["Nutrition"]),
        post("b", date="2026-02-01", title="Bravo", body="yak", tags=["Surgery"]),
        post("c", date="2026-03-01", title="Charlie", body="walrus", tags=["Self-care"]),
        post("d", date="2026-04-01", title="Delta", body="ibex", tags=["Weakness"]),
    ]
    rel = related.compute(pages, today=TODAY)
    assert srcs(rel.related["blog/posts/a.md"]) == ["blog/posts/d.md", "blog/posts/c.md", "blog/posts/b.md"]


def test_deterministic_whatever_the_input_order() -> None:
    first = related.compute(corpus(), today=TODAY)
    shuffled = corpus()
    random.Random(7).shuffle(shuffled)
    second = related.compute(shuffled, today=TODAY)
    assert first.related == second.related
    assert first.read_also == second.read_also


def test_ties_break_by_date_then_path() -> None:
    pages = [
        post("hub", date="2026-05-01", title="Hub", body="", tags=["Sciatica"]),
        post("b-old", date="2026-01-01", title="B", body="", tags=["Sciatica"]),
        post("a-new", date="2026-03-01", title="A", body="", tags=["Sciatica"]),
        post("c-new", date="2026-03-01", title="C", body="", tags=["Sciatica"]),
    ]
    rel = related.compute(pages, today=TODAY)
    assert srcs(rel.related["blog/posts/hub.md"]) == ["blog/posts/a-new.md", "blog/posts/c-new.md", "blog/posts/b-old.md"]


def test_recent_posts_newest_first_without_drafts_or_future() -> None:
    assert related.recent_posts(corpus(), today=TODAY, limit=5) == [
        "blog/posts/foot-pain-spine.md", "blog/posts/sciatica-or-heel.md", "blog/posts/gout-diet.md",
        "blog/posts/lifting.md"]


def test_thousand_posts_is_fast_enough_to_build_every_time() -> None:
    """Not a timing assertion (see `make bench` for figures): a guard against an all-pairs loop."""
    from bench_corpus import generate_pages

    pages = generate_pages(1000)
    start = time.process_time()
    rel = related.compute(pages, today=TODAY)
    spent = time.process_time() - start
    assert len(rel.related) == 1000 and all(3 <= len(v) <= 5 for v in rel.related.values())
    assert spent < 20, f"related links for 1,000 posts took {spent:.1f}s of CPU: look for an all-pairs loop"
