"""Related links, "Read also" and "Articles about this condition".

Scoring (highest first), after the editor's pins:
- a post or treatment that names a condition page in `conditions` (weighted down when it names
  many), or two pages sharing conditions (cosine of their condition sets);
- a link in the page's own text to another page, or from it (weighted down for pages many
  pages link to, and for pages with many links);
- shared tags, weighted down when a tag is common (idf);
- text similarity: TF-IDF over title (x3), description (x2) and body, top terms only;
- a small bonus for a shared topic (category), only for pages already related otherwise.
Care cards (`!!! emergency/urgent/see-doctor` boxes) and boilerplate (a line found on several
pages: template headings, the standard "when to get help" lines) are left out of the text and
the links, and a condition a page names only inside a care card is not one it is "about".

Choosing (`related_choice.py`): the editor's pins first; then candidates while they are strongly
related (an absolute score and a share of the page's best), stopping at the first that is not;
at least 3 items, topped up from this page's own weaker candidates first, then from pages
strongly related to those already listed, then a fallback; a kind of page (condition, post,
treatment) is added for variety only when one is fairly related, never as filler; never an item
the page already shows as "Read also" or under "Articles about this condition"; and no page in
more than a third of all Related lists (pins apart). The thresholds were set against an
independent editor's judged set (tests/data/related_judgements.yml; `make bench` prints it).

Candidates come from inverted indexes (conditions, tags, top terms), never from an all-pairs
loop over full texts, so the work grows close to linearly with the number of pages.
Ties break by score, then date (newest first), then path, so the same commit gives the
same lists.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import heapq
import math
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import islice
from typing import Iterator

from .content import Page
# Re-exported: callers read the list limits and Item from here.
from .related_choice import HUB_SHARE, MAX_ITEMS, MIN_ITEMS, STRONG_SCORE, Item, _choose_all, _Entry  # noqa: F401
from .related_text import BODY_CHARS, _clean_texts, _condition_names, _links, _tfidf_vectors

READ_ALSO_MIN_SCORE = 4.0  # "Read also" needs a strong link
RANKED_KEEP = 40          # candidates kept per page, best first
W_CONDITION_LINK = 4.0     # a post about this condition page, or a condition page this post is about
W_SHARED_CONDITION = 6.0   # x cosine of two pages' condition sets
W_LINK = 3.0               # this page links to the other in its own text
W_BACKLINK = 5.0           # the other page links to this one
W_PINNED_BY = 2.0          # the other page pins this one in its `related`
OUTWARD_POWER = 0.25 # a link from a page of k links counts k ** -this
W_TAG = 0.75
W_TOPIC = 0.5
POST_TO_POST = 0.3         # on a post page, other posts' scores count this much
W_TEXT = 14.0

@dataclass
class Relations:
    related: dict[str, list[Item]] = field(default_factory=dict)
    read_also: dict[str, str | None] = field(default_factory=dict)
    articles_about: dict[str, list[str]] = field(default_factory=dict)


def _date_key(page: Page) -> int:
    day = page.date or page.last_reviewed
    return day.toordinal() if day else 0


def is_published(page: Page, today: dt.date) -> bool:
    if page.draft or page.parse_error is not None:
        return False
    return not (page.kind == "post" and page.date is not None and page.date > today)


class Index:
    """Lookups shared by scoring and by the validator (does this reference exist?)."""

    def __init__(self, pages: list[Page]):
        self.by_src = {p.src: p for p in pages}
        self.conditions = {p.slug: p.src for p in pages if p.kind == "condition"}
        self.posts = {p.slug: p.src for p in pages if p.kind == "post"}
        self.treatments = {p.slug: p.src for p in pages if p.kind == "treatment"}

    def of_kind(self, kind: str) -> dict[str, str]:
        """slug -> src of the pages of one kind."""
        return {"condition": self.conditions, "post": self.posts, "treatment": self.treatments}.get(kind, {})

    def resolve(self, ref: object) -> str | None:
        """A `related`/`read_also`/`conditions` reference: a slug, or a path under docs/."""
        if not isinstance(ref, str) or not ref.strip():
            return None
        ref = ref.strip().removeprefix("/").removeprefix("docs/")
        if ref in self.by_src:
            return ref
        if ref + ".md" in self.by_src:
            return ref + ".md"
        slug = ref.rstrip("/").split("/")[-1].removesuffix(".md")
        return self.conditions.get(slug) or self.posts.get(slug) or self.treatments.get(slug)


class _Postings:
    """Pages per key (term, tag or condition), as page numbers, newest first.

    Small lists are used whole. A long list (a tag or condition on hundreds of pages) is read
    only in a window of its pages nearest in date to the page being scored, so the work per
    page stays bounded however large the site grows (no all-pairs loop).
    """

    WINDOW = 20

    def __init__(self) -> None:
        self._lists: dict[object, list[int]] = defaultdict(list)
        self._positions: dict[object, dict[int, int]] = {}

    def add(self, key: object, number: int) -> None:
        self._lists[key].append(number)

    def freeze(self) -> None:
        for key, members in self._lists.items():
            members.sort()
            if len(members) > self.WINDOW:
                self._positions[key] = {number: i for i, number in enumerate(members)}

    def size(self, key: object) -> int:
        return len(self._lists.get(key, ()))

    def all(self, key: object) -> list[int]:
        return self._lists.get(key, [])

    def near(self, key: object, number: int) -> list[int]:
        members = self._lists.get(key, [])
        return members if len(members) <= self.WINDOW else members[self._window(key, number, len(members))]

    def _window(self, key: object, number: int, length: int) -> slice:
        """The WINDOW places of a long list nearest to `number` (its neighbours in date)."""
        at = self._positions[key].get(number)
        if at is None:     # a page not in this list (a condition page reading its posts): the newest
            return slice(0, self.WINDOW)
        start = max(0, min(at - self.WINDOW // 2, length - self.WINDOW))
        return slice(start, start + self.WINDOW)


class _WeightedPostings(_Postings):
    """Pages per term with the term's weight on each page: the text-similarity loop reads
    (page, weight) pairs from one list instead of looking each weight up (the hot loop)."""

    def __init__(self) -> None:
        super().__init__()
        self._weights: dict[object, list[float]] = defaultdict(list)
        self._pairs: dict[object, list[tuple[int, float]]] = {}

    def add_weighted(self, key: object, number: int, weight: float) -> None:
        self._lists[key].append(number)
        self._weights[key].append(weight)

    def freeze(self) -> None:
        for key, members in self._lists.items():
            pairs = sorted(zip(members, self._weights[key]))
            members[:] = [number for number, _ in pairs]
            self._pairs[key] = pairs
        super().freeze()

    def near_pairs(self, key: object, number: int) -> list[tuple[int, float]]:
        pairs = self._pairs.get(key, [])
        return pairs if len(pairs) <= self.WINDOW else pairs[self._window(key, number, len(pairs))]


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cycle collector: scoring makes many short-lived dicts and lists (no cycles),
    and on a large site each collection would re-scan every page already loaded."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def compute(pages: list[Page], today: dt.date | None = None) -> Relations:
    with _no_cyclic_gc():
        return _compute(pages, today or dt.date.today())


def _about(page: Page, full_body: str, cleaned: str, index: Index, names: dict[str, list[str]]) -> list[str]:
    """The conditions a post or treatment is about: those in its `conditions`, less any it names
    (by link or name) only inside a care card or in boilerplate."""
    full, text = full_body.lower(), cleaned.lower()
    kept = []
    for slug in sorted(set(page.conditions)):
        marks = [f"{slug}.md", f"{slug}/"] + names.get(slug, [])
        if not any(m in text for m in marks) and any(m in full for m in marks):
            continue                      # only in a warning box or boilerplate: not what the page is about
        kept.append(slug)
    return kept


def _compute(pages: list[Page], today: dt.date) -> Relations:
    # Pages are numbered newest first (then by path): a smaller number wins a tie, and the
    # inner loops work on small integers rather than paths.
    live = sorted((p for p in pages if is_published(p, today) and p.kind in ("post", "condition", "treatment")),
                  key=lambda p: (-_date_key(p), p.src))
    index = Index(live)
    n = len(live)
    src_of = [p.src for p in live]
    number_of = {src: i for i, src in enumerate(src_of)}
    kind_of = [p.kind for p in live]
    uncarded, cleaned = _clean_texts(live)
    vectors = _tfidf_vectors(live, cleaned)
    vector_of = [vectors[src] for src in src_of]
    topics_of = [frozenset(p.categories) for p in live]
    tags_of = [sorted(set(p.tags)) for p in live]
    names = {p.slug: _condition_names(p) for p in live if p.kind == "condition"}
    about_of = [_about(p, p.body[:BODY_CHARS], cleaned[p.src], index, names) if p.kind != "condition" else []
                for p in live]
    links_of = [[number_of[s] for s in _links(p.src, cleaned[p.src], index.by_src)] for p in live]
    topic_members: dict[str, set[int]] = defaultdict(set)
    terms = _WeightedPostings()
    tags, about, treats, linked_from = _Postings(), _Postings(), _Postings(), _Postings()
    for i, page in enumerate(live):
        for topic in topics_of[i]:
            topic_members[topic].add(i)
        for term, weight in vector_of[i].items():
            terms.add_weighted(term, i, weight)
        for tag in tags_of[i]:
            tags.add(tag, i)
        for other in links_of[i]:
            linked_from.add(other, i)
        if page.kind == "post":
            for slug in about_of[i]:
                about.add(slug, i)        # condition slug -> posts about it
        elif page.kind == "treatment":
            for slug in about_of[i]:
                treats.add(slug, i)       # condition slug -> treatments and tests for it
    for postings in (terms, tags, about, treats, linked_from):
        postings.freeze()
    # Tag idf among the pages that have tags (posts): a tag on half the posts says little, even
    # though condition and treatment pages have none.
    tagged = sum(1 for p in live if p.tags) or 1
    tag_idf = {t: math.log((1 + tagged) / (1 + tags.size(t))) + 0.1 for t in {t for p in live for t in p.tags}}
    condition_number = {slug: number_of[src] for slug, src in index.conditions.items()}
    # A page that names many conditions is about each of them less; sharing a condition many
    # pages name (sciatica) says less than sharing a rare one: cosine of idf-weighted sets.
    naming = about.size, treats.size
    condition_idf = {slug: math.log((1 + n) / (1 + naming[0](slug) + naming[1](slug)))
                     for slug in {slug for a in about_of for slug in a}}
    # Each side's weight is its cosine share times the square root of the condition's idf
    # relative to the rarest, so one shared common condition is worth less than one rare one.
    top_condition_idf = math.log((1 + n) / 2) or 1.0
    shared_weight = []
    for conditions in about_of:
        norm = math.sqrt(sum(condition_idf[c] ** 2 for c in conditions)) or 1.0
        shared_weight.append({c: condition_idf[c] / norm * math.sqrt(condition_idf[c] / top_condition_idf)
                              for c in conditions})
    specific = [len(a) ** -0.25 if a else 0.0 for a in about_of]
    # A link to a page that many pages link to says less; so does a link from a page of many links.
    top_idf = math.log((1 + n) / 2) or 1.0
    link_weight = [0.5 + 0.5 * math.log((1 + n) / (1 + linked_from.size(i))) / top_idf for i in range(n)]
    outward = [len(links) ** -OUTWARD_POWER if links else 0.0 for links in links_of]
    # A term on over half the pages says nothing.
    common = {t for t in {t for v in vector_of for t in v} if terms.size(t) > (n // 2 if n > 4 else n)}
    near_term, near_about, near_tag, near_treats = terms.near_pairs, about.near, tags.near, treats.near
    near_linked_from = linked_from.near
    post_numbers = {i for i, kind in enumerate(kind_of) if kind == "post"}
    pins_of = [_pinned(page, index) for page in live]
    pinned_by: dict[int, list[int]] = defaultdict(list)
    for i, page in enumerate(live):
        for item in pins_of[i]:
            if len(pinned_by[number_of[item.src]]) < _Postings.WINDOW:
                pinned_by[number_of[item.src]].append(i)

    relations = Relations()
    for page in live:
        if page.kind == "condition":
            relations.articles_about[page.src] = [src_of[k] for k in about.all(page.slug)]
    entries: list[_Entry] = []
    for i, page in enumerate(live):
        scores: dict[int, float] = defaultdict(float)
        # Text similarity over shared top terms.
        for term, weight in vector_of[i].items():
            if term in common:
                continue
            scaled = W_TEXT * weight
            for other, theirs in near_term(term, i):
                scores[other] += scaled * theirs
        # Conditions: a post or treatment about this page, a page this post is about, pages sharing conditions.
        if page.kind == "condition":
            for other in near_about(page.slug, i):
                scores[other] += W_CONDITION_LINK * specific[other]
            for other in near_treats(page.slug, i):
                scores[other] += W_CONDITION_LINK * specific[other]
        else:
            for slug, mine in shared_weight[i].items():
                if slug in condition_number:
                    scores[condition_number[slug]] += W_CONDITION_LINK * specific[i]
                for other in near_about(slug, i):
                    scores[other] += W_SHARED_CONDITION * mine * shared_weight[other][slug]
                for other in near_treats(slug, i):
                    scores[other] += W_SHARED_CONDITION * mine * shared_weight[other][slug]
        # Links in the page's own words (care cards and boilerplate left out), both ways.
        for other in links_of[i]:
            scores[other] += W_LINK * link_weight[other]
        for other in near_linked_from(i, i):
            scores[other] += W_BACKLINK * outward[other]
        # An editor who pinned this page on another page said the two belong together.
        for other in pinned_by.get(i, ()):
            scores[other] += W_PINNED_BY
        # Tags, down-weighted when common (idf).
        for tag in tags_of[i]:
            tag_weight = W_TAG * tag_idf[tag]
            for other in near_tag(tag, i):
                scores[other] += tag_weight
        # Shared topic only counts for pages already related in another way.
        boosted: set[int] = set()
        for topic in topics_of[i]:
            boosted |= scores.keys() & topic_members[topic]
        for other in boosted:
            scores[other] += W_TOPIC
        scores.pop(i, None)

        # Best first; equal scores by page number (newest, then path): a sort of integers, then a
        # stable sort by score, both in C. Scores are summed in a fixed order, so equal inputs
        # give equal floats.
        if page.kind == "post":
            # Posts relate to each other mostly through generic tags and topics, and a post page
            # already offers a "Read also" post and the recent posts: another post counts in full
            # (x POST_TO_POST otherwise) only when this post links to it. Scaling keeps the order
            # among those posts, so both groups are sorted in C and only their heads are merged.
            full = (scores.keys() - post_numbers).union(scores.keys() & set(links_of[i]))
            scaled = scores.keys() - full
            heads = []
            for group, factor in ((full, 1.0), (scaled, POST_TO_POST)):
                members = sorted(group)
                members.sort(key=scores.__getitem__, reverse=True)
                heads.append([(-(scores[c] * factor if factor != 1.0 else scores[c]), c) for c in members[:RANKED_KEEP]])
            ranked = [(src_of[c], -neg) for neg, c in islice(heapq.merge(*heads), RANKED_KEEP)]
        else:
            candidates = sorted(scores)
            candidates.sort(key=scores.__getitem__, reverse=True)
            ranked = [(src_of[c], scores[c]) for c in candidates[:RANKED_KEEP]]
        shown = relations.articles_about.get(page.src, [])
        read_also = _read_also(page, ranked, index, shown, pins_of[i])
        relations.read_also[page.src] = read_also
        excluded = frozenset([page.src, *shown] + ([read_also] if read_also else []))
        pins = [item for item in pins_of[i] if item.src not in excluded]
        taken = excluded | {item.src for item in pins}
        entries.append(_Entry(i, page.src, pins, [(s, sc) for s, sc in ranked if s not in taken], excluded, ranked))
    relations.related = _choose_all(entries, index, kind_of, src_of, about, relations.read_also)
    return relations


def _read_also(page: Page, ranked: list[tuple[str, float]], index: Index, shown: list[str],
               pins: list[Item]) -> str | None:
    """The page's "Read also" post: the editor's choice, none, or the strongest related post
    that is neither pinned in Related nor listed under "Articles about this condition"."""
    setting = page.meta.get("read_also")
    if setting is False:
        return None
    if setting:
        return index.resolve(setting)
    avoid = set(shown) | {i.src for i in pins}
    return next((src for src, score in ranked if score >= READ_ALSO_MIN_SCORE
                 and index.by_src[src].kind == "post" and src not in avoid), None)


def _pinned(page: Page, index: Index) -> list[Item]:
    items: list[Item] = []
    for ref in page.str_list("related"):
        src = index.resolve(ref)
        if src and src != page.src and src not in {i.src for i in items}:
            items.append(Item(src, math.inf, pinned=True))
    return items[:MAX_ITEMS]


def recent_posts(pages: list[Page], today: dt.date | None = None, limit: int = 5) -> list[str]:
    today = today or dt.date.today()
    posts = [p for p in pages if p.kind == "post" and is_published(p, today)]
    return [p.src for p in sorted(posts, key=lambda p: (-_date_key(p), p.src))[:limit]]
