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
import lxml.html
from lxml import etree

GRADE_LIMIT = 8.0
LIBRARY_MEDIAN_LIMIT = 6.0
TREATMENT_MEDIAN_LIMIT = 6.5      # the treatments and tests library's median (its procedure names run long)

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


def _excluded(element: etree._Element) -> bool:
    if element.get("data-search-exclude") is not None:
        return True
    classes = (element.get("class") or "").split()
    return bool(_SKIPPED_CLASSES.intersection(classes))


def _own_text(element: etree._Element) -> str:
    """The element's text without nested lists or paragraphs (they count as blocks of their own)
    and without excluded parts."""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):          # a comment: skip it but keep the text after it
            parts.append(child.tail or "")
            continue
        if child.tag not in ("ul", "ol", "p", "dl") and not _excluded(child):
            parts.append(" ".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def prose_blocks(html: str) -> list[str]:
    """Text of each paragraph and list item (nested lists counted once, as their own items)."""
    if not html.strip():
        return []
    # lxml directly, not BeautifulSoup: the build measures every page, and this is ten times faster.
    root = lxml.html.fromstring(f"<div>{html}</div>")
    blocks: list[str] = []
    for block in root.iter("p", "li", "dd"):
        if _excluded(block) or "admonition-title" in (block.get("class") or "").split():
            continue
        if any(a.tag in _SKIPPED_ANCESTORS or _excluded(a) for a in block.iterancestors()):
            continue
        text = _SPACE.sub(" ", _own_text(block)).strip()
        if text:
            blocks.append(text)
    return blocks


def sentences_of(blocks: list[str]) -> list[str]:
    sentences: list[str] = []
    for block in blocks:
        sentences.extend(s.strip() for s in _SENTENCE_SPLIT.split(block) if s.strip())
    return sentences


def closed_sentences(blocks: list[str]) -> list[str]:
    """The sentences of the blocks, as the grade counts them (a block without an end mark is one)."""
    return sentences_of([b if _SENTENCE_END.search(b) else b + "." for b in blocks])


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
