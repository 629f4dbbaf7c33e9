"""Care cards: the three "when to get help" boxes editors type as admonitions.

    !!! emergency "Call 911 or go to the emergency room if:"

Each card gets a visually hidden urgency prefix in its heading, so a screen reader says
"Immediate action required: Call 911 ..." (the NHS care-card pattern), and a role so the
card is announced as a region with that name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

CARE_TYPES: dict[str, str] = {
    "see-doctor": "Non-urgent advice:",
    "urgent": "Urgent advice:",
    "emergency": "Immediate action required:",
}

_CARD = re.compile(
    r'<div class="admonition (?P<type>see-doctor|urgent|emergency)(?P<rest>[^"]*)">\s*'
    r'<p class="admonition-title">(?P<title>.*?)</p>',
    re.DOTALL,
)


def mark_care_cards(html: str) -> str:
    counter = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal counter
        counter += 1
        kind = match.group("type")
        title_id = f"care-card-{counter}"
        return (
            f'<div class="admonition care-card {kind}{match.group("rest")}" role="region" '
            f'aria-labelledby="{title_id}">\n'
            f'<p class="admonition-title" id="{title_id}">'
            f'<span class="visually-hidden">{CARE_TYPES[kind]} </span>{match.group("title")}</p>'
        )

    return _CARD.sub(replace, html)


def has_care_card(markdown: str) -> bool:
    return re.search(r"^\s*!!!\s+(see-doctor|urgent|emergency)\b", markdown, re.MULTILINE) is not None


# --- reading the cards from a page's Markdown (for the checks) ------------------------------

_OPENING = re.compile(r"^(?P<indent>[ \t]*)!!![ \t]+(?P<type>see-doctor|urgent|emergency)\b(?P<rest>.*)$")
_BULLET = re.compile(r"^(?P<indent> *)(?:[-*+]|\d+[.)])[ \t]+(?P<text>.*)$")


@dataclass(frozen=True)
class Card:
    kind: str                                   # see-doctor, urgent or emergency
    title: str                                  # as written, quotes included
    line: int                                   # file line of the "!!!" line
    bullets: tuple[tuple[int, str], ...]        # (file line, text) of each bullet, wrapped lines joined
    content: tuple[str, ...]                    # the indented lines under the card


def content_under(lines: list[str], index: int, indent: int) -> list[str]:
    """The lines after lines[index] that belong to an admonition opened at `indent` (indented
    four spaces deeper, or blank)."""
    content: list[str] = []
    for following in lines[index + 1:]:
        if not following.strip():
            content.append("")
        elif len(following) - len(following.lstrip(" ")) >= indent + 4 or following.startswith("\t"):
            content.append(following)
        else:
            break
    while content and not content[-1]:
        content.pop()
    return content


def parse(body: str, first_line: int, code_lines: Iterable[int] = ()) -> list[Card]:
    """Every care card in a page body whose first line is file line `first_line`; cards inside
    fenced code (the file lines in `code_lines`) are not cards."""
    skip = set(code_lines)
    lines = body.split("\n")
    cards: list[Card] = []
    for index, text in enumerate(lines):
        match = _OPENING.match(text)
        if not match or first_line + index in skip:
            continue
        indent = len(match.group("indent").expandtabs(4))
        content = content_under(lines, index, indent)
        cards.append(Card(match.group("type"), match.group("rest").strip(), first_line + index,
                          tuple(_bullets(content, first_line + index + 1, indent + 4)), tuple(content)))
    return cards


def _bullets(content: list[str], first_line: int, indent: int) -> list[tuple[int, str]]:
    bullets: list[tuple[int, list[str]]] = []
    for offset, text in enumerate(content):
        match = _BULLET.match(text)
        if match and len(match.group("indent")) == indent:
            bullets.append((first_line + offset, [match.group("text").strip()]))
        elif bullets and text.strip() and len(text) - len(text.lstrip(" ")) > indent:
            bullets[-1][1].append(text.strip())         # a wrapped bullet, or one of its own sub-bullets
        elif not text.strip() and bullets:
            continue
        else:
            bullets.append((-1, []))                    # a paragraph: the list before it has ended
    return [(line, " ".join(parts)) for line, parts in bullets if line >= 0]
