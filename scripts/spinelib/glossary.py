"""The glossary: parsed from docs/glossary.md (a Markdown definition list) and turned into
abbreviation definitions, so every term shows its plain definition as a tooltip wherever it
appears (Python-Markdown `abbr` + Material's `content.tooltips`)."""

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


def abbreviation_block(terms: list[Term]) -> str:
    """Definitions in Python-Markdown abbr syntax: `*[Term]: definition`."""
    lines = []
    for item in terms:
        safe = item.definition.replace("\n", " ")
        lines.append(f"*[{item.term}]: {safe}")
        lower = item.term.lower()
        # Match the term at the start of a sentence and mid-sentence (abbr is case-sensitive).
        if item.term[0].isupper() and not item.term.isupper() and lower != item.term:
            lines.append(f"*[{lower}]: {safe}")
    return "\n\n" + "\n".join(lines) + "\n"
