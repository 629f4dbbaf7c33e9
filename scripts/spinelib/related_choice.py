"""Choosing each page's Related list from its ranked candidates (spinelib/related.py scores them).

The editor's pins first; then candidates while they are strongly related, stopping at the first
that is not; at least MIN_ITEMS, topped up from the page's own weaker candidates, then from pages
strongly related to those already listed, then a fallback; a kind of page is added for variety
only when one is fairly related; no page in more than HUB_SHARE of all lists (pins apart).
Thresholds were set against the independent editor's judged set (tests/data/related_judgements.yml).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .related import Index, _Postings

MIN_ITEMS, MAX_ITEMS = 3, 5
FAIR_SCORE = 2.0           # topping a short list up: this page's own candidates from this score
STRONG_SCORE = 8.0         # "strongly related": at least this score ...
STRONG_SHARE = 0.4         # ... and at least this share of the page's best candidate
HUB_SHARE = 1 / 3          # no page in more than this share of all Related lists


class Item(NamedTuple):       # a tuple: thousands are made per build, and tuples are made fast
    src: str
    score: float
    pinned: bool = False


class _Entry(NamedTuple):
    number: int
    src: str
    pins: list[Item]
    ranked: list[tuple[str, float]]     # best first, without the page itself, its pins and what it shows elsewhere
    excluded: frozenset[str]
    all_ranked: list[tuple[str, float]]  # best first, everything (for pages that list this one)


def _choose_all(entries: list[_Entry], index: Index, kind_of: list[str], src_of: list[str],
                about: _Postings, read_also_of: dict[str, str | None]) -> dict[str, list[Item]]:
    """Every page's Related list: pins, then strong candidates, hubs capped, then topped up."""
    cap = max(1, int(len(entries) * HUB_SHARE))
    kind_by_src = dict(zip(src_of, kind_of))
    lists: dict[str, list[Item]] = {}
    for entry in entries:
        items = list(entry.pins)
        best = entry.ranked[0][1] if entry.ranked else 0.0
        floor = max(STRONG_SCORE, STRONG_SHARE * best)
        for src, score in entry.ranked:
            if len(items) >= MAX_ITEMS or score < floor:
                break                      # stop at the first item that is not strongly related
            items.append(Item(src, round(score, 3)))
        lists[entry.src] = items

    # Hubs: a page in more than `cap` lists leaves the lists where it is weakest (pins stay).
    counts: Counter[str] = Counter(item.src for items in lists.values() for item in items)
    number = {entry.src: entry.number for entry in entries}
    for target in sorted(s for s, c in counts.items() if c > cap):
        where = sorted(((item.score, -number[src], src) for src, items in lists.items()
                        for item in items if item.src == target and not item.pinned))
        for _score, _num, src in where[: counts[target] - cap]:
            lists[src] = [item for item in lists[src] if item.src != target]
            counts[target] -= 1

    # "Sensible fallbacks": the most-discussed condition pages, the newest posts.
    fallbacks = {
        "condition": sorted(index.conditions.values(), key=lambda s: (-about.size(index.by_src[s].slug), s)),
        "post": [src for src, kind in zip(src_of, kind_of) if kind == "post"],
        "treatment": [],
    }
    ranked_of = {entry.src: entry.all_ranked for entry in entries}
    read_alsos = {src for src in read_also_of.values() if src}
    has_kind = {kind for kind in kind_of}

    def pick(entry: _Entry, items: list[Item], kind: str | None, min_score: float,
             fallback: bool = True) -> Item | None:
        present = entry.excluded | {item.src for item in items}

        def usable(src: str, ignore_cap: bool = False) -> bool:
            return src not in present and (kind is None or kind_by_src[src] == kind) and (ignore_cap or counts[src] < cap)
        fair = max(min_score, FAIR_SCORE)
        # 1. this page's candidates that are fairly related; 2. pages strongly related to the
        # ones this page already shows (its pins, its "Read also" post), summed over them;
        # 3. this page's weaker candidates; 4. the fallback lists. The hub cap is given up only
        # when nothing else is left.
        for src, score in entry.ranked:
            if score < fair:
                break
            if usable(src):
                return Item(src, round(score, 3))
        if kind != "treatment" and fallback:
            seeds = [item.src for item in items] + [s for s in entry.excluded if s != entry.src and s in read_alsos]
            votes: dict[str, float] = defaultdict(float)
            for seed in seeds:
                for src, score in ranked_of.get(seed, ()):
                    if score < STRONG_SCORE:
                        break
                    if usable(src):
                        votes[src] += score
            if votes:
                best = max(votes.values())
                return Item(next(src for src in sorted(votes) if votes[src] == best), 0.0)
        for src, score in entry.ranked:
            if score < min_score:
                break
            if usable(src):
                return Item(src, round(score, 3))
        if not fallback:
            return None
        for ignore_cap in (False, True):
            for src in fallbacks[kind] if kind else fallbacks["post"] + fallbacks["condition"]:
                if usable(src, ignore_cap):
                    return Item(src, 0.0)
        return None

    for entry in entries:
        items = lists[entry.src]
        # A post already offered beside the list ("Read also", "Articles about this condition")
        # counts: the list need not repeat the kind with a weaker post.
        offered = {kind_by_src[s] for s in entry.excluded if s != entry.src and s in kind_by_src} & {"post"}
        # At least MIN_ITEMS; the last places go to a kind the list still lacks (below), so
        # mixing kinds does not make a short list longer than it needs to be.
        while len(items) < MIN_ITEMS:
            missing = [k for k in ("condition", "post") if k in has_kind and k not in offered
                       and k not in {kind_by_src[i.src] for i in items}]
            item = None
            if missing and len(items) + len(missing) >= MIN_ITEMS:
                item = pick(entry, items, missing[0], STRONG_SCORE, fallback=False)
            # This page's own candidates, however weak, before any page-independent fallback.
            item = item or pick(entry, items, None, 1e-9, fallback=False) or pick(entry, items, None, 1e-9)
            if item is None:
                break
            items.append(item)
            counts[item.src] += 1
        # Every list offers a condition page and a post (when the site has both), and a
        # treatment or test page when one is strongly related.
        for kind in ("condition", "post", "treatment"):
            if kind not in has_kind or kind in offered or any(kind_by_src[i.src] == kind for i in items):
                continue
            # Only a fairly related page of the kind: a filler of the right kind is still a filler.
            item = pick(entry, items, kind, STRONG_SCORE, fallback=False)
            if item is None:
                continue
            if len(items) >= MAX_ITEMS:
                # Replace the last unpinned item whose kind the list has twice or more, or (for a
                # required kind) a treatment, which is only ever a bonus.
                replace_at = max((k for k, i in enumerate(items) if not i.pinned and (
                                  sum(kind_by_src[j.src] == kind_by_src[i.src] for j in items) > 1
                                  or (kind != "treatment" and kind_by_src[i.src] == "treatment"))), default=None)
                if replace_at is None:
                    continue
                counts[items[replace_at].src] -= 1
                del items[replace_at]
            items.append(item)
            counts[item.src] += 1
        lists[entry.src] = items
    return lists
