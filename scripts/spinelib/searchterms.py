"""Patients' words for search: a page's aliases and `search_terms` (misspellings, variants,
symptom phrases) help search find the page but are never shown, neither on the page nor under
a search result.

They go into the search index as a field of their own, `keywords` (weighted in mkdocs.yml's
search `fields`, like `text`), on the page's first index entry. Material's search matches every
configured field but shows only a result's title and `text` (the page's own words), so a
reader never meets a misspelling or a run of synonyms in a snippet. Nothing is added to
`page.content`.
"""

from __future__ import annotations

import re
from collections.abc import MutableSequence
from typing import Any

# Every page of the library (conditions, treatments, posts, the guide, the glossary) has the same
# weight as the emergency page's own (`search: {boost: 3}` in its front matter), so the page
# whose words match best comes first: red-flag phrases find the emergency page by its words, and
# ordinary leg pain ("pain down my leg") is no longer pulled to it by weight alone. Judged on the
# whole query table in tests/test_browser_search.py (heavier condition pages, or a heavier
# emergency page, both scored lower there).
LIBRARY_BOOST = 3.0
FIELD = "keywords"      # must be listed under plugins.search.fields in mkdocs.yml
_WORD = re.compile(r"[\w']+")


def keywords(terms: list[str]) -> str:
    """The page's other words, each word once, in the order first written. Once: a page with many
    phrases around one everyday word ("numb outer thigh", "numbness on the side of my thigh")
    would otherwise outrank, for that word alone, the page a reader's whole query is about."""
    seen: dict[str, None] = {}
    for term in terms:
        for word in _WORD.findall(str(term).lower()):
            seen.setdefault(word, None)
    return " ".join(seen)


def attach(entries: MutableSequence[dict[str, Any]], url: str, terms: list[str]) -> bool:
    """Put `terms` on the page's own index entry (location == url; else its first entry).
    `entries` is the search index being built, the page's entries last; returns whether
    an entry was found (a page excluded from search has none)."""
    words = keywords(terms)
    if not words:
        return False
    mine = []
    for entry in reversed(entries):               # this page's entries are the newest
        location = str(entry.get("location", ""))
        if location == url or location.startswith(url + "#"):
            mine.append(entry)
        elif mine:
            break
    if not mine:
        return False
    target = next((e for e in mine if e.get("location") == url), mine[-1])
    target[FIELD] = words
    return True
