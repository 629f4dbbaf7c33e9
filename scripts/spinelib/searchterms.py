"""Patients' words for search: a page's aliases and `search_terms` (misspellings, variants,
symptom phrases) go into the search index but are never shown on the page.

The build adds a hidden block at the top of the page body just before search reads it, and
removes it again right after, so readers (and screen readers) never meet a misspelling.
"""

from __future__ import annotations

import html
import re

CONDITION_BOOST = 2.0   # a condition page outranks passing mentions of its name in posts
_BLOCK = re.compile(r'<p class="search-only-terms"[^>]*>.*?</p>\n?', re.DOTALL)


def hidden_block(terms: list[str]) -> str:
    cleaned = [" ".join(str(t).split()) for t in terms if str(t).strip()]
    if not cleaned:
        return ""
    return f'<p class="search-only-terms" hidden>{html.escape(". ".join(cleaned))}.</p>\n'


def add(content: str, terms: list[str]) -> str:
    return hidden_block(terms) + content


def remove(content: str) -> str:
    return _BLOCK.sub("", content, count=1)
