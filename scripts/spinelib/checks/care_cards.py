"""SH5xx (part two): care cards, the "when to get help" boxes typed as admonitions
(`!!! see-doctor`, `!!! urgent`, `!!! emergency`). What they file is checked in `triage.py`."""

from __future__ import annotations

import re

from .. import carecards, schema
from .context import PageContext
from .registry import rule

MAX_CARE_CARD_BULLETS = 6                                # "at most 5 bullets plus one catch-all"
CARD_EXAMPLES = {
    "see-doctor": "See a doctor if:",
    "urgent": "Get an appointment today or go to urgent care if:",
    "emergency": "Call 911 or go to the emergency room if:",
}
_ADMONITION = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+(?P<type>[\w-]+)(?P<rest>.*)$")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
STANDARD_ADMONITIONS = frozenset("""note abstract summary tldr info todo tip hint important success check done
question help faq warning caution attention failure fail missing danger error bug example quote cite""".split())

TYPE_MISSPELT = rule(
    "SH507", "care-card-type", "error", "Care cards are see-doctor, urgent or emergency, spelt right.",
    why="A misspelt card type is shown as a plain grey box, without the colour and the words screen readers "
        "announce for its urgency.",
    fix="Fix the spelling.",
    wrong='!!! emergancy "Call {{ emergency_number }} or go to {{ emergency_room }} if:"',
    right='!!! emergency "Call {{ emergency_number }} or go to {{ emergency_room }} if:"',
    you_wrote="`!!! emergancy`", says="not a care card type; did you mean '!!! emergency'?")
NO_HEADING = rule(
    "SH508", "care-card-heading", "error", "Each care card has a heading in double quotes, with one action.",
    why="The heading is what readers in a hurry read first: what to do, now.",
    fix="Add the heading in double quotes after the card type.",
    wrong="!!! urgent\n\n    - your pain is getting worse",
    right='!!! urgent "Get an appointment today or go to urgent care if:"\n\n    - your pain is getting worse',
    you_wrote="`!!! urgent` with no heading", says="the care card needs a heading in double quotes")
EMPTY_CARD = rule(
    "SH509", "care-card-empty", "error", "A care card's content is indented under it.",
    why="Content that is not indented by four spaces falls out of the card, which is then shown empty.",
    fix="Indent the card's content by four spaces under its '!!!' line.",
    wrong='!!! see-doctor "See a doctor if:"\n\n- your pain does not get better',
    right='!!! see-doctor "See a doctor if:"\n\n    - your pain does not get better',
    you_wrote="bullets not indented under the card", says="the care card is empty: indent its content by four "
                                                          "spaces")
TOO_MANY_BULLETS = rule(
    "SH510", "care-card-too-many-bullets", "warning", "A care card has at most 5 bullet points plus one catch-all.",
    why="Readers in a hurry cannot take in a long list; the most important signs get lost.",
    fix="Keep the most important signs; move the others to the page's text or another card.",
    wrong='!!! see-doctor "See a doctor if:"\n\n    - one\n    - two\n    - three\n    - four\n    - five\n'
          '    - six\n    - seven',
    right='!!! see-doctor "See a doctor if:"\n\n    - one\n    - two\n    - three\n    - four\n    - five\n'
          '    - you are worried about your symptoms',
    you_wrote="a care card with 7 bullets", says="the care card has 7 bullet points; keep it to at most 5 plus one "
                                                 "catch-all")


def check_care_cards(ctx: PageContext) -> None:
    all_lines = ctx.page.body.split("\n")
    for line, text in ctx.lines():
        match = _ADMONITION.match(text)
        if not match:
            continue
        kind = match.group("type")
        if kind not in carecards.CARE_TYPES:
            close = schema.suggestion(kind, list(carecards.CARE_TYPES))
            if close and kind.lower() not in STANDARD_ADMONITIONS:
                ctx.add(TYPE_MISSPELT, line, f"'!!! {kind}' is not a care card type; did you mean '!!! {close}'? "
                                             "(care cards are see-doctor, urgent and emergency)")
            continue
        title = match.group("rest").strip()
        if not (title.startswith('"') and title.endswith('"') and len(title) > 2):
            ctx.add(NO_HEADING, line, f"the care card needs a heading in double quotes, with one action, like "
                                      f"!!! {kind} \"{CARD_EXAMPLES[kind]}\"")
        # its content: the following lines indented deeper than the card
        indent = len(match.group("indent").expandtabs(4))
        content = carecards.content_under(all_lines, line - ctx.page.body_start_line, indent)
        if not any(c.strip() for c in content):
            ctx.add(EMPTY_CARD, line, "the care card is empty: indent its content by four spaces under the "
                                      f"'!!! {kind}' line")
            continue
        bullets = sum(1 for c in content if c.strip() and _BULLET.match(c)
                      and len(c) - len(c.lstrip(" ")) == indent + 4)
        if bullets > MAX_CARE_CARD_BULLETS:
            ctx.add(TOO_MANY_BULLETS, line, f"the care card has {bullets} bullet points; keep it to at most 5 plus "
                                            "one catch-all, so readers in a hurry can take it in")
