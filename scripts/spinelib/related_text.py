"""Text for related links: a page's words and top terms (TF-IDF), its links to other pages, and
its body without care cards and boilerplate (what a page is about, not what every page says).

Bytes and C-level loops throughout: the build scores thousands of posts (see `make bench`)."""

from __future__ import annotations

import math
import operator
import posixpath
import re
from collections import Counter
from itertools import repeat

from .content import Page

BOILERPLATE_PAGES = 4      # a paragraph found on this many pages is boilerplate, not content
TOP_TERMS = 30
BODY_CHARS = 6000         # of each body, for text similarity

_MARKUP = re.compile(r"```.*?```|<[^>]+>|\]\([^)]*\)|\{[^}]*\}|!!!.*?\n", re.DOTALL)
# A care card: its opening line and every indented or blank line after it.
_CARE_CARD = re.compile(r"^(?P<indent>[ \t]*)!!![ \t]+(?:see-doctor|urgent|emergency)\b.*\n?"
                        r"(?:(?:(?P=indent)[ \t]+.*|[ \t]*)(?:\n|$))*", re.MULTILINE)
_LINK = re.compile(r"\]\(\s*([^)\s#?]+\.md)")
_STOP = frozenset(word.encode() for word in """
about above after again against all also and any are because been before being below between both but
can cannot could did does doing down during each few for from further had has have having her here
hers him his how into its itself just let may more most much must not now off once only other our ours
out over own same she should some such than that the their theirs them then there these they this
those through too under until very was were what when where which while who whom why will with would
you your yours yourself get gets got don doesn didn isn aren wasn won often usually sometimes many one two
like make makes also well even still
""".split())


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


def _terms(page: Page, text: str) -> Counter[bytes]:
    # The opening of the body says what a page is about; reading the first part keeps the cost
    # of very long posts bounded. Title words count 3 times, description words twice.
    body = _MARKUP.sub(" ", text)
    title, description = _words(page.title), _words(page.description)
    counts = Counter(_words(body) + description + description + title + title + title)
    for dropped in counts.keys() & _DROPPED:
        del counts[dropped]
    return counts


def _tfidf_vectors(pages: list[Page], texts: dict[str, str]) -> dict[str, dict[bytes, float]]:
    term_counts = {p.src: _terms(p, texts[p.src]) for p in pages}
    df: Counter[bytes] = Counter()
    for counts in term_counts.values():
        df.update(counts.keys())
    n = len(pages)
    # A word on one page only can match nothing: it would only take a top-term place and
    # dilute the others (weight 0, so it is dropped below).
    idf = {t: math.log((1 + n) / (1 + f)) if f > 1 or n < 3 else 0.0 for t, f in df.items()}
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


def _clean_texts(live: list[Page]) -> tuple[dict[str, str], dict[str, str]]:
    """Each page's body opening without care cards, and then without boilerplate lines too.

    A paragraph (or heading) found on BOILERPLATE_PAGES pages or more is template text: shared
    headings, the standard "when to get help" lines. Counting them is linear in the text."""
    uncarded = {}
    for p in live:
        body = p.body[:BODY_CHARS]
        uncarded[p.src] = _CARE_CARD.sub("\n", body) if "!!!" in body else body
    lines_of = {src: set(body.split("\n\n")) for src, body in uncarded.items()}
    seen: Counter[str] = Counter()
    for lines in lines_of.values():
        seen.update(lines)
    boiler = {line for line, count in seen.items() if count >= BOILERPLATE_PAGES and line.strip()}
    if not boiler:
        return uncarded, uncarded
    cleaned = {}
    for src, body in uncarded.items():
        # Longest first, so a boilerplate line inside a longer one goes with it.
        for line in sorted(lines_of[src] & boiler, key=lambda text: (-len(text), text)):
            body = body.replace(line, "")
        cleaned[src] = body
    return uncarded, cleaned


def _links(src: str, text: str, by_src: dict[str, Page]) -> list[str]:
    """Pages this text links to (Markdown links to .md files), in order, each once."""
    base = posixpath.dirname(src)
    out: list[str] = []
    for target in _LINK.findall(text):
        if "://" in target:
            continue
        path = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(base, target))
        if path != src and path in by_src and path not in out:
            out.append(path)
    return out


def _condition_names(page: Page) -> list[str]:
    """"Slipped disc (herniated disc)" -> ["slipped disc", "herniated disc"]."""
    title = page.title.lower()
    names = [re.sub(r"\s*\(.*?\)", "", title).strip()]
    for inside in re.findall(r"\(([^)]*)\)", title):
        names += [n.strip() for n in re.split(r",| and ", inside)]
    return [n for n in names if len(n) >= 4]
