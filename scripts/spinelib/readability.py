"""Reading-grade measurement on rendered prose.

We measure what a reader reads: the text of paragraphs and list items in the rendered
page body, not navigation, headings, code, tables or the source list. Each block counts as
at least one sentence, so a bullet list without full stops is not merged into one giant
"sentence" that would inflate the grade.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

import textstat
from bs4 import BeautifulSoup, Tag

GRADE_LIMIT = 8.0
LIBRARY_MEDIAN_LIMIT = 6.0

# Blocks that are not running prose for a reader.
_SKIPPED_ANCESTORS = ("pre", "code", "table", "nav", "figure", "svg", "script", "style")
_SKIPPED_CLASSES = frozenset({"headerlink", "md-source-list", "twemoji"})
_SENTENCE_END = re.compile(r"[.!?…:;]['\")\]]*$")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])['\")\]]*\s+(?=[A-Z0-9\"'(])")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Readability:
    grade: float
    words: int
    sentences: int
    longest: tuple[str, ...]

    @property
    def average_sentence_length(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0


def _is_prose(block: Tag) -> bool:
    parent = block.parent            # a plain walk: bs4's find_parent is slow on whole pages
    while parent is not None:
        if parent.name in _SKIPPED_ANCESTORS:
            return False
        parent = parent.parent
    # Admonition titles are headings in all but name.
    classes = block.get("class") or []
    return "admonition-title" not in classes


def prose_blocks(html: str) -> list[str]:
    """Text of each paragraph and list item (nested lists counted once, as their own items)."""
    soup = BeautifulSoup(html, "lxml")   # fast C parser: the build measures every page
    skipped = [node for node in soup.find_all(True)
               if node.has_attr("data-search-exclude") or _SKIPPED_CLASSES.intersection(node.get("class") or ())]
    for node in skipped:
        node.decompose()
    blocks: list[str] = []
    for block in soup.find_all(["p", "li", "dd"]):
        if not _is_prose(block):
            continue
        # Read a list item's own text, not the text of a list nested inside it.
        parts = []
        for child in block.children:
            if isinstance(child, Tag) and child.name in ("ul", "ol", "p", "dl"):
                continue
            parts.append(child.get_text(" ") if isinstance(child, Tag) else str(child))
        text = _SPACE.sub(" ", "".join(parts)).strip()
        if text:
            blocks.append(text)
    return blocks


def sentences_of(blocks: list[str]) -> list[str]:
    sentences: list[str] = []
    for block in blocks:
        sentences.extend(s.strip() for s in _SENTENCE_SPLIT.split(block) if s.strip())
    return sentences


def measure_text(blocks: list[str]) -> Readability:
    """Flesch-Kincaid grade of the given prose blocks."""
    if not blocks:
        return Readability(grade=0.0, words=0, sentences=0, longest=())
    closed = [b if _SENTENCE_END.search(b) else b + "." for b in blocks]
    text = " ".join(closed)
    sentences = sentences_of(closed)
    words = textstat.lexicon_count(text)
    grade = float(textstat.flesch_kincaid_grade(text))
    longest = tuple(sorted(sentences, key=lambda s: (-len(s.split()), s))[:3])
    return Readability(grade=round(grade, 1), words=words, sentences=len(sentences), longest=longest)


def measure_html(html: str) -> Readability:
    return measure_text(prose_blocks(html))


def library_median(grades: list[float]) -> float:
    return round(median(grades), 1) if grades else 0.0
