"""Related links, "Read also" and "Articles about this condition".

Scoring (highest first), after the editor's pins:
- a post that names a condition page in `conditions`, or two pages sharing a condition;
- shared tags, weighted down when a tag is common (idf);
- text similarity: TF-IDF over title (x3), description (x2) and body, top terms only;
- a small bonus for a shared topic (category), only for pages already related otherwise.

Candidates come from inverted indexes (conditions, tags, top terms), never from an all-pairs
loop over full texts, so the work grows close to linearly with the number of pages.
Ties break by score, then date (newest first), then path, so the same commit gives the
same lists.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .content import Page

MIN_ITEMS, MAX_ITEMS = 3, 5
MIN_SCORE = 1.0            # below this a candidate is not "related", only a fallback
READ_ALSO_MIN_SCORE = 3.0  # "Read also" needs a strong link
TOP_TERMS = 20
RANKED_KEEP = 40          # candidates kept per page, best first
BODY_CHARS = 6000         # of each body, for text similarity
W_CONDITION_LINK = 4.0     # a post about this condition page, or a condition page this post is about
W_SHARED_CONDITION = 3.0
W_TAG = 1.5
W_TOPIC = 0.5
W_TEXT = 5.0

_WORD = re.compile(r"[a-z][a-z'’]{2,}")
_MARKUP = re.compile(r"```.*?```|<[^>]+>|\]\([^)]*\)|\{[^}]*\}|!!!.*?\n", re.DOTALL)
_STOP = frozenset("""
about above after again against all also and any are because been before being below between both but
can cannot could did does doing down during each few for from further had has have having her here
hers him his how into its itself just let may more most much must not now off once only other our ours
out over own same she should some such than that the their theirs them then there these they this
those through too under until very was were what when where which while who whom why will with would
you your yours yourself get gets got can't don't it's you're you'll often usually sometimes many one two
like make makes also well even still
""".split())


@dataclass(frozen=True)
class Item:
    src: str
    score: float
    pinned: bool = False


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


def _terms(page: Page) -> Counter[str]:
    counts: Counter[str] = Counter()
    # The opening of the body says what a page is about; reading the first part keeps the cost
    # of very long posts bounded.
    body = _MARKUP.sub(" ", page.body[:BODY_CHARS])
    for text, weight in ((page.title, 3), (page.description, 2), (body, 1)):
        found = Counter(_WORD.findall(text.lower()))
        for word, count in found.items():
            if word.endswith(("'s", "’s")):
                word = word[:-2]
            if word not in _STOP:
                counts[word] += weight * count
    return counts


def _tfidf_vectors(pages: list[Page]) -> dict[str, dict[str, float]]:
    term_counts = {p.src: _terms(p) for p in pages}
    df: Counter[str] = Counter()
    for counts in term_counts.values():
        df.update(counts.keys())
    n = len(pages)
    idf = {t: math.log((1 + n) / (1 + f)) for t, f in df.items()}
    tf = [0.0] + [1 + math.log(c) for c in range(1, 64)]      # 1 + log(count), looked up
    vectors: dict[str, dict[str, float]] = {}
    for src, counts in term_counts.items():
        weights = {t: (tf[c] if c < 64 else 1 + math.log(c)) * idf[t] for t, c in counts.items()}
        top = heapq.nsmallest(TOP_TERMS, weights.items(), key=lambda kv: (-kv[1], kv[0]))
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        vectors[src] = {t: w / norm for t, w in top if w > 0}
    return vectors


class Index:
    """Lookups shared by scoring and by the validator (does this reference exist?)."""

    def __init__(self, pages: list[Page]):
        self.by_src = {p.src: p for p in pages}
        self.conditions = {p.slug: p.src for p in pages if p.kind == "condition"}
        self.posts = {p.slug: p.src for p in pages if p.kind == "post"}

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
        return self.conditions.get(slug) or self.posts.get(slug)


class _Postings:
    """Pages per key (term, tag or condition), ordered by date then path.

    Small lists are used whole. A long list (a tag or condition on hundreds of pages) is read
    only in a window of its pages nearest in date to the page being scored, so the work per
    page stays bounded however large the site grows (no all-pairs loop).
    """

    WINDOW = 24

    def __init__(self, date_of: dict[str, int]):
        self._date_of = date_of
        self._lists: dict[str, list[str]] = defaultdict(list)
        self._positions: dict[str, dict[str, int]] = {}

    def add(self, key: str, src: str) -> None:
        self._lists[key].append(src)

    def freeze(self) -> None:
        for key, members in self._lists.items():
            members.sort(key=lambda s: (self._date_of[s], s))
            if len(members) > self.WINDOW:
                self._positions[key] = {src: i for i, src in enumerate(members)}

    def size(self, key: str) -> int:
        return len(self._lists.get(key, ()))

    def all(self, key: str) -> list[str]:
        return self._lists.get(key, [])

    def near(self, key: str, src: str) -> list[str]:
        members = self._lists.get(key, [])
        if len(members) <= self.WINDOW:
            return members
        at = self._positions[key].get(src)
        if at is None:     # a page not in this list (a condition page reading its posts): the newest
            return members[-self.WINDOW:]
        start = max(0, min(at - self.WINDOW // 2, len(members) - self.WINDOW))
        return members[start:start + self.WINDOW]


def compute(pages: list[Page], today: dt.date | None = None) -> Relations:
    today = today or dt.date.today()
    live = sorted((p for p in pages if is_published(p, today) and p.kind in ("post", "condition")),
                  key=lambda p: p.src)
    index = Index(live)
    n = len(live)
    vectors = _tfidf_vectors(live)
    date_of = {p.src: _date_key(p) for p in live}
    topics_of = {p.src: frozenset(p.categories) for p in live}

    terms, tags, about = _Postings(date_of), _Postings(date_of), _Postings(date_of)
    for page in live:
        for term in vectors[page.src]:
            terms.add(term, page.src)
        for tag in set(page.tags):
            tags.add(tag, page.src)
        if page.kind == "post":
            for slug in set(page.conditions):
                about.add(slug, page.src)        # condition slug -> posts about it
    for postings in (terms, tags, about):
        postings.freeze()
    tag_idf = {t: math.log((1 + n) / (1 + tags.size(t))) + 0.1 for t in {t for p in live for t in p.tags}}

    def condition_slugs(page: Page) -> set[str]:
        return {page.slug} if page.kind == "condition" else set(page.conditions)

    # When nothing of a kind is related at all: the most-discussed condition pages, the newest posts.
    fallbacks = {
        "condition": sorted(index.conditions.values(), key=lambda s: (-about.size(index.by_src[s].slug), s)),
        "post": [p.src for p in sorted((p for p in live if p.kind == "post"), key=lambda p: (-date_of[p.src], p.src))],
    }

    relations = Relations()
    for page in live:
        scores: dict[str, float] = defaultdict(float)
        # Text similarity over shared top terms (a term on over half the pages says nothing).
        own = vectors[page.src]
        for term, weight in own.items():
            if terms.size(term) > n // 2 and n > 4:
                continue
            for other in terms.near(term, page.src):
                scores[other] += W_TEXT * weight * vectors[other][term]
        # Conditions: a post about this page, a page this post is about, posts sharing a condition.
        for slug in condition_slugs(page):
            if page.kind == "post" and slug in index.conditions:
                scores[index.conditions[slug]] += W_CONDITION_LINK
            weight = W_CONDITION_LINK if page.kind == "condition" else W_SHARED_CONDITION
            for other in about.near(slug, page.src):
                scores[other] += weight
        # Tags, down-weighted when common (idf).
        for tag in set(page.tags):
            for other in tags.near(tag, page.src):
                scores[other] += W_TAG * tag_idf[tag]
        # Shared topic only counts for pages already related in another way.
        topics = topics_of[page.src]
        if topics:
            for other in scores:
                if not topics.isdisjoint(topics_of[other]):
                    scores[other] += W_TOPIC
        scores.pop(page.src, None)

        # Only the best few can be shown: pick them without sorting every candidate. (Scores are
        # summed in a fixed order - pages sorted by path - so equal inputs give equal floats.)
        best = heapq.nsmallest(RANKED_KEEP, [(-score, -date_of[src], src) for src, score in scores.items()])
        ranked = [(src, -negative) for negative, _, src in best]

        # "Read also": the editor's choice, none, or the strongest related post.
        read_also_setting = page.meta.get("read_also")
        read_also: str | None = None
        if read_also_setting is False:
            read_also = None
        elif read_also_setting:
            read_also = index.resolve(read_also_setting)
        else:
            read_also = next((src for src, score in ranked if score >= READ_ALSO_MIN_SCORE
                              and index.by_src[src].kind == "post"), None)
        relations.read_also[page.src] = read_also

        items = _pinned(page, index)
        chosen = {i.src for i in items} | {page.src}
        if read_also and not read_also_setting:
            chosen.add(read_also)    # don't show the same post twice on one page
        strong = [(s, sc) for s, sc in ranked if sc >= MIN_SCORE and s not in chosen]
        items += [Item(s, round(sc, 3)) for s, sc in strong[: MAX_ITEMS - len(items)]]
        chosen |= {i.src for i in items}
        if len(items) < MIN_ITEMS:
            items += _fallback(ranked, chosen, fallbacks["post"], MIN_ITEMS - len(items))
        relations.related[page.src] = _mix_kinds(page.src, items, ranked, index, fallbacks)
        if page.kind == "condition":
            relations.articles_about[page.src] = sorted(about.all(page.slug), key=lambda s: (-date_of[s], s))
    return relations


def _pinned(page: Page, index: Index) -> list[Item]:
    items: list[Item] = []
    for ref in page.str_list("related"):
        src = index.resolve(ref)
        if src and src != page.src and src not in {i.src for i in items}:
            items.append(Item(src, math.inf, pinned=True))
    return items[:MAX_ITEMS]


def _fallback(ranked: list[tuple[str, float]], chosen: set[str], newest_posts: list[str], needed: int) -> list[Item]:
    """Weakly related pages first, then the newest posts, so the list is never empty."""
    extra = [Item(s, round(sc, 3)) for s, sc in ranked if s not in chosen][:needed]
    taken = chosen | {i.src for i in extra}
    for src in newest_posts:
        if len(extra) >= needed:
            break
        if src not in taken:
            extra.append(Item(src, 0.0))
    return extra


def _mix_kinds(own_src: str, items: list[Item], ranked: list[tuple[str, float]], index: Index,
               fallbacks: dict[str, list[str]]) -> list[Item]:
    """Make sure every list offers both a post and a condition page (when the site has both)."""
    for kind in ("condition", "post"):
        if any(index.by_src[i.src].kind == kind for i in items):
            continue
        present = {i.src for i in items}
        best = next(((s, sc) for s, sc in ranked if sc > 0 and s not in present
                     and index.by_src[s].kind == kind), None)
        if best is None:
            fallback = next((s for s in fallbacks[kind] if s not in present and s != own_src), None)
            if fallback is None:
                continue
            best = (fallback, 0.0)
        if len(items) < MAX_ITEMS:
            items = items + [Item(best[0], round(best[1], 3))]
        else:
            replace_at = max((k for k, i in enumerate(items) if not i.pinned), default=None)
            if replace_at is not None:
                items = items[:replace_at] + [Item(best[0], round(best[1], 3))] + items[replace_at + 1:]
    return items


def recent_posts(pages: list[Page], today: dt.date | None = None, limit: int = 5) -> list[str]:
    today = today or dt.date.today()
    posts = [p for p in pages if p.kind == "post" and is_published(p, today)]
    return [p.src for p in sorted(posts, key=lambda p: (-_date_key(p), p.src))[:limit]]
