"""How good the Related lists are, against a judged set (tests/data/related_judgements.yml).

A judged set says, for each page (by slug), which items a strict health editor wants in its
Related list and some they would reject. Precision is the share of shown Related items that
were judged wanted; an item nobody judged counts as rejected. Plain functions, no MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from .related import Relations

KINDS = ("condition", "post", "treatment")


@dataclass
class Judgements:
    want: dict[str, frozenset[str]]
    reject: dict[str, frozenset[str]]
    rule: str = ""


@dataclass
class Precision:
    kept: dict[str, int] = field(default_factory=dict)       # per kind of the page the list is on
    shown: dict[str, int] = field(default_factory=dict)
    misses: list[tuple[str, str, str]] = field(default_factory=list)   # (page, item, "rejected"/"unjudged")
    unjudged_pages: list[str] = field(default_factory=list)

    def of(self, kind: str | None = None) -> float:
        kept = sum(self.kept.values()) if kind is None else self.kept.get(kind, 0)
        shown = sum(self.shown.values()) if kind is None else self.shown.get(kind, 0)
        return kept / shown if shown else 1.0

    def lines(self) -> list[str]:
        out = [f"  {kind + 's':<11}: {self.of(kind):6.1%}  ({self.kept.get(kind, 0)} of {self.shown.get(kind, 0)} items wanted)"
               for kind in KINDS if self.shown.get(kind)]
        out.append(f"  {'overall':<11}: {self.of():6.1%}  ({sum(self.kept.values())} of {sum(self.shown.values())})"
                   f"   (goal: overall >= 90 %, posts >= 85 %)")
        return out


def slug(src: str) -> str:
    return PurePosixPath(src).stem


def load(path: Path) -> Judgements:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    pages = data.get("pages") or {}
    return Judgements(want={k: frozenset(v.get("want") or ()) for k, v in pages.items()},
                      reject={k: frozenset(v.get("reject") or ()) for k, v in pages.items()},
                      rule=str(data.get("rule", "")))


def precision(relations: Relations, kinds: dict[str, str], judged: Judgements) -> Precision:
    """kinds: src -> kind of every page with a Related list."""
    result = Precision()
    for src in sorted(relations.related):
        kind = kinds.get(src, "page")
        page = slug(src)
        if page not in judged.want:
            result.unjudged_pages.append(src)
        for item in relations.related[src]:
            result.shown[kind] = result.shown.get(kind, 0) + 1
            if slug(item.src) in judged.want.get(page, ()):
                result.kept[kind] = result.kept.get(kind, 0) + 1
            else:
                verdict = "rejected" if slug(item.src) in judged.reject.get(page, ()) else "unjudged"
                result.misses.append((src, item.src, verdict))
    return result


def read_also_precision(relations: Relations, judged: Judgements) -> tuple[int, int, list[tuple[str, str]]]:
    """(wanted, shown, misses) of the "Read also" posts, against the same judged set."""
    shown = [(src, item) for src, item in sorted(relations.read_also.items()) if item]
    misses = [(src, item) for src, item in shown if slug(item) not in judged.want.get(slug(src), ())]
    return len(shown) - len(misses), len(shown), misses


def hub_counts(relations: Relations) -> list[tuple[str, int]]:
    """How many Related lists each page appears in, most first."""
    counts: dict[str, int] = {}
    for items in relations.related.values():
        for item in items:
            counts[item.src] = counts.get(item.src, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def duplicates(relations: Relations) -> list[tuple[str, str]]:
    """(page, item) pairs shown twice on one page across Read also, Articles about and Related."""
    found = []
    for src, items in relations.related.items():
        seen: list[str] = [s for s in (relations.read_also.get(src),) if s] + list(relations.articles_about.get(src, []))
        seen += [i.src for i in items]
        for s in sorted({s for s in seen if seen.count(s) > 1}):
            found.append((src, s))
    return found
