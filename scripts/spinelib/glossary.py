"""The glossary: parsed from docs/glossary.md (a Markdown definition list) and handed to
Python-Markdown's `abbr` extension as its glossary, so every term shows its plain definition as
a tooltip wherever it appears (with Material's `content.tooltips`). Nothing is added to pages'
Markdown, so excerpts and large blogs render as fast as without it."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ENTRY = re.compile(r"^(?P<term>[^\s:#!<>\-*\[][^\n:\[\]]*?)\s*\n(?::[ \t]+(?P<definition>.+?))(?=\n\s*\n|\n\S|\Z)",
                    re.MULTILINE | re.DOTALL)
_SPACE = re.compile(r"\s+")
_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


@dataclass(frozen=True)
class Term:
    term: str
    definition: str


def parse(markdown: str) -> list[Term]:
    terms = []
    for match in _ENTRY.finditer(markdown):
        definition = _MARKDOWN_LINK.sub(r"\1", _SPACE.sub(" ", match.group("definition")).strip())
        term = match.group("term").strip()
        if term and definition:
            terms.append(Term(term, definition))
    return terms


def abbreviations(terms: list[Term]) -> dict[str, str]:
    """Term -> definition for the `abbr` extension's `glossary` setting (it is case-sensitive, so
    a capitalised term is also listed in lower case, for mid-sentence use)."""
    found: dict[str, str] = {}
    for item in terms:
        definition = " ".join(item.definition.split())
        found[item.term] = definition
        lower = item.term.lower()
        if item.term[0].isupper() and not item.term.isupper() and lower != item.term:
            found.setdefault(lower, definition)
    return found
