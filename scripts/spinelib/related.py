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

import contextlib
import datetime as dt
import gc
import math
import operator
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import repeat
from typing import Iterator, NamedTuple

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

_MARKUP = re.compile(r"```.*?```|<[^>]+>|\]\([^)]*\)|\{[^}]*\}|!!!.*?\n", re.DOTALL)
_STOP = frozenset(word.encode() for word in """
about above after again against all also and any are because been before being below between both but
can cannot could did does doing down during each few for from further had has have having her here
hers him his how into its itself just let may more most much must not now off once only other our ours
out over own same she should some such than that the their theirs them then there these they this
those through too under until very was were what when where which while who whom why will with would
you your yours yourself get gets got don doesn didn isn aren wasn won often usually sometimes many one two
like make makes also well even still
""".split())


class Item(NamedTuple):       # a tuple: thousands are made per build, and tuples are made fast
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


# Lower-case ASCII letters stay; every other byte (digits, punctuation, apostrophes, non-ASCII
# letters after encoding) becomes a space, so bytes.split() finds the words - several times
# faster than a regular expression on long texts.
_LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


# Never worth a link: stop words and anything shorter than three letters.
_LETTERS = [bytes([c]) for c in range(97, 123)]
_DROPPED = _STOP | set(_LETTERS) | {a + b for a in _LETTERS for b in _LETTERS}
# Term frequency weight 1 + log(count), looked up: the table covers any count 6,000 characters
# of body (plus title and description) can produce; anything above uses its last entry.
_TF = [0.0] + [1 + math.log(c) for c in range(1, 2048)]


def _words(text: str) -> list[bytes]:
    # Apostrophes split words ("patient's" -> "patient"), so no possessive clean-up is needed.
    return text.lower().encode("ascii", "replace").translate(_LETTERS_ONLY).split()


def _terms(page: Page) -> Counter[bytes]:
    # The opening of the body says what a page is about; reading the first part keeps the cost
    # of very long posts bounded. Title words count 3 times, description words twice.
    body = _MARKUP.sub(" ", page.body[:BODY_CHARS])
    title, description = _words(page.title), _words(page.description)
    counts = Counter(_words(body) + description + description + title + title + title)
    for dropped in counts.keys() & _DROPPED:
        del counts[dropped]
    return counts


def _tfidf_vectors(pages: list[Page]) -> dict[str, dict[bytes, float]]:
    term_counts = {p.src: _terms(p) for p in pages}
    df: Counter[bytes] = Counter()
    for counts in term_counts.values():
        df.update(counts.keys())
    n = len(pages)
    idf = {t: math.log((1 + n) / (1 + f)) for t, f in df.items()}
    vectors: dict[str, dict[bytes, float]] = {}
    for src, counts in term_counts.items():
        # tf x idf for every term, the loops run by map() in C: _TF[min(count, 2047)] * idf[term].
        tf = map(_TF.__getitem__, map(min, counts.values(), repeat(len(_TF) - 1)))
        weights = dict(zip(counts, map(operator.mul, tf, map(idf.__getitem__, counts))))
        # Heaviest terms first; equal weights by term, so the choice never depends on word order.
        top = sorted(sorted(weights), key=weights.__getitem__, reverse=True)[:TOP_TERMS]
        norm = math.sqrt(sum(weights[t] ** 2 for t in top)) or 1.0
        vectors[src] = {t: weights[t] / norm for t in top if weights[t] > 0}
    return vectors


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

    WINDOW = 24

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
        if len(members) <= self.WINDOW:
            return members
        at = self._positions[key].get(number)
        if at is None:     # a page not in this list (a condition page reading its posts): the newest
            return members[:self.WINDOW]
        start = max(0, min(at - self.WINDOW // 2, len(members) - self.WINDOW))
        return members[start:start + self.WINDOW]


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
    vectors = _tfidf_vectors(live)
    vector_of = [vectors[src] for src in src_of]
    topics_of = [frozenset(p.categories) for p in live]
    tags_of = [sorted(set(p.tags)) for p in live]
    topic_members: dict[str, set[int]] = defaultdict(set)
    terms, tags, about, treats = _Postings(), _Postings(), _Postings(), _Postings()
    for i, page in enumerate(live):
        for topic in topics_of[i]:
            topic_members[topic].add(i)
        for term in vector_of[i]:
            terms.add(term, i)
        for tag in tags_of[i]:
            tags.add(tag, i)
        if page.kind == "post":
            for slug in set(page.conditions):
                about.add(slug, i)        # condition slug -> posts about it
        elif page.kind == "treatment":
            for slug in set(page.conditions):
                treats.add(slug, i)       # condition slug -> treatments and tests for it
    for postings in (terms, tags, about, treats):
        postings.freeze()
    tag_idf = {t: math.log((1 + n) / (1 + tags.size(t))) + 0.1 for t in {t for p in live for t in p.tags}}
    condition_number = {slug: number_of[src] for slug, src in index.conditions.items()}
    # A term on over half the pages says nothing.
    common = {t for t in {t for v in vector_of for t in v} if terms.size(t) > (n // 2 if n > 4 else n)}
    near_term, near_about, near_tag, near_treats = terms.near, about.near, tags.near, treats.near

    # When nothing of a kind is related at all: the most-discussed condition pages, the newest posts.
    fallbacks = {
        "condition": sorted(index.conditions.values(), key=lambda s: (-about.size(index.by_src[s].slug), s)),
        "post": [src for src, kind in zip(src_of, kind_of) if kind == "post"],
    }

    relations = Relations()
    for i, page in enumerate(live):
        scores: dict[int, float] = defaultdict(float)
        # Text similarity over shared top terms.
        for term, weight in vector_of[i].items():
            if term in common:
                continue
            for other in near_term(term, i):
                scores[other] += W_TEXT * weight * vector_of[other][term]
        # Conditions: a post about this page, a page this post is about, posts sharing a condition.
        if page.kind == "condition":
            slugs, weight = [page.slug], W_CONDITION_LINK
        else:
            slugs, weight = sorted(set(page.conditions)), W_SHARED_CONDITION
        for slug in slugs:
            if page.kind != "condition" and slug in condition_number:
                scores[condition_number[slug]] += W_CONDITION_LINK
            for other in near_about(slug, i):
                scores[other] += weight
            # Treatments and tests for this condition (or for the conditions this page is about).
            for other in near_treats(slug, i):
                scores[other] += weight
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
        candidates = sorted(scores)
        candidates.sort(key=scores.__getitem__, reverse=True)
        ranked = [(src_of[c], scores[c]) for c in candidates[:RANKED_KEEP]]
        relations.read_also[page.src], relations.related[page.src] = _choose(page, ranked, index, fallbacks)
        if page.kind == "condition":
            relations.articles_about[page.src] = [src_of[k] for k in about.all(page.slug)]
    return relations


def _choose(page: Page, ranked: list[tuple[str, float]], index: Index,
            fallbacks: dict[str, list[str]]) -> tuple[str | None, list[Item]]:
    """The page's "Read also" post and its Related list, from its ranked candidates."""
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

    items = _pinned(page, index)
    chosen = {i.src for i in items} | {page.src}
    if read_also and not read_also_setting:
        chosen.add(read_also)    # don't show the same post twice on one page
    strong = [(s, sc) for s, sc in ranked if sc >= MIN_SCORE and s not in chosen]
    items += [Item(s, round(sc, 3)) for s, sc in strong[: MAX_ITEMS - len(items)]]
    chosen |= {i.src for i in items}
    if len(items) < MIN_ITEMS:
        items += _fallback(ranked, chosen, fallbacks["post"], MIN_ITEMS - len(items))
    return read_also, _mix_kinds(page.src, items, ranked, index, fallbacks)


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
    """Make sure every list offers both a post and a condition page (when the site has both), and a
    treatment or test page when one is related."""
    for kind in ("condition", "post", "treatment"):
        if any(index.by_src[i.src].kind == kind for i in items):
            continue
        present = {i.src for i in items}
        best = next(((s, sc) for s, sc in ranked if sc > 0 and s not in present
                     and index.by_src[s].kind == kind), None)
        if best is None and kind == "treatment":
            continue          # a treatment only when one is related: no filler
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
