"""Care cards: the three "when to get help" boxes editors type as admonitions.

    !!! emergency "Call 911 or go to the emergency room if:"

Each card gets a visually hidden urgency prefix in its heading, so a screen reader says
"Immediate action required: Call 911 ..." (the NHS care-card pattern), and a role so the
card is announced as a region with that name.
"""

from __future__ import annotations

import re

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
