"""SH5xx (part one): page structure: headings, the sections of condition and treatment pages, and
a post's excerpt. Care cards are in `care_cards.py`."""

from __future__ import annotations

import difflib
import re

from .. import carecards
from .care_cards import CARD_EXAMPLES
from .context import PageContext, norm
from .registry import rule

EXCERPT_MARKER = "<!-- more -->"
REQUIRED_SECTIONS = ("Symptoms", "What causes it", "How it is diagnosed", "Treatment", "When to get help")
OPTIONAL_SECTION = "Is it my spine or my foot?"          # between "What causes it" and "How it is diagnosed"
CARE_CARD_SECTION = "When to get help"
TREATMENT_SECTIONS = ("What it is", "Who it may help, and who it won't", "How to prepare", "What happens on the day",
                      "Recovery", "Risks and side effects", "How well it works", "Questions to ask",
                      "When to get help afterwards")
TREATMENT_CARE_SECTION = "When to get help afterwards"
GENERATED_SECTIONS = ("Sources", "References", "Last reviewed")   # added by the templates

HEADING_ONE = rule(
    "SH501", "heading-one", "error", "Articles have no '# ' heading in their text.",
    why="The page's one main heading comes from 'title' in the front matter; a second one confuses screen "
        "readers and search engines.",
    fix="Use '## ' for sections.",
    wrong="# Staying well", right="## Staying well",
    you_wrote="`# Staying well` in a post", says="remove the heading '# Staying well'")
GENERATED_SECTION = rule(
    "SH502", "generated-section", "error", "Articles do not type their own Sources or review section.",
    why="The sources list and review dates are added for you from the front matter, so a typed copy would show "
        "twice and go stale.",
    fix="Remove the section; put the sources in the front matter.",
    wrong="## Sources\n\n- NHS: Sciatica", right='sources:\n  - title: "Sciatica"\n    publisher: "NHS"  (front matter)',
    you_wrote="`## Sources` in the text", says="remove the '## Sources' section")
SECTION_MISSING = rule(
    "SH503", "section-missing", "error", "Condition and treatment pages have every required section.",
    why="Readers find the same things in the same place on every condition page (and every treatment page); "
        "the symptom guide and care cards depend on it.",
    fix="Add the section (or rename the one the message names), in order.",
    wrong="## Symptoms\n## What causes it\n## Treatment\n## When to get help",
    right="## Symptoms\n## What causes it\n## How it is diagnosed\n## Treatment\n## When to get help",
    you_wrote="a condition page without `## Treatment`", says="the '## Treatment' section is missing")
SECTION_ORDER = rule(
    "SH504", "section-order", "error", "Required sections come in their order.",
    why="Readers who know one condition page can find their way around all of them.",
    fix="Move the section as the message says.",
    wrong="## Treatment\n## How it is diagnosed", right="## How it is diagnosed\n## Treatment",
    you_wrote="`## Treatment` before `## How it is diagnosed`", says="'## Treatment' must come after '## How it is "
                                                                     "diagnosed'")
NO_CARE_CARD = rule(
    "SH505", "no-care-card", "error", "Condition and treatment pages have a care card.",
    why="Every page about a condition or treatment tells readers when to get help, in the same boxes.",
    fix="Add a care card inside the '## When to get help' section.",
    wrong="## When to get help\n\nSee a doctor if your pain does not get better.",
    right='## When to get help\n\n!!! see-doctor "See a doctor if:"\n\n    - your pain does not get better',
    you_wrote="no care card", says="the page has no care card")
CARD_OUTSIDE = rule(
    "SH506", "care-card-outside-section", "error", "The care card is inside the 'When to get help' section.",
    why="Readers in a hurry look for the care cards under 'When to get help'.",
    fix="Move the card there.",
    wrong='## Symptoms\n\n!!! urgent "Get an appointment today or go to urgent care if:"\n...\n## When to get help',
    right='## When to get help\n\n!!! urgent "Get an appointment today or go to urgent care if:"\n...',
    you_wrote="a care card under `## Symptoms`", says="the care card must be inside the '## When to get help' "
                                                     "section")
NO_EXCERPT = rule(
    "SH511", "no-excerpt-marker", "error", "Posts mark the end of their opening with <!-- more -->.",
    why="The opening, up to the marker, is shown on the blog index; without it the whole post would be.",
    fix="Put <!-- more --> on its own line after the first paragraph or two.",
    wrong="Most back pain gets better.\n\n## What you can do",
    right="Most back pain gets better.\n\n<!-- more -->\n\n## What you can do",
    you_wrote="no `<!-- more -->` in a post", says="the post has no excerpt marker")
EXCERPT_FIRST = rule(
    "SH512", "excerpt-marker-first", "error", "The excerpt marker comes after some text.",
    why="The blog index shows the text before the marker; with none, the post has an empty excerpt.",
    fix="Move the marker after the first paragraph or two, which must make sense on their own.",
    wrong="<!-- more -->\n\nMost back pain gets better.", right="Most back pain gets better.\n\n<!-- more -->",
    you_wrote="`<!-- more -->` before any text", says="the excerpt marker <!-- more --> comes before any text")


def check_headings(ctx: PageContext) -> None:
    if not ctx.is_article:
        return
    for line, text in ctx.headings(1):
        ctx.add(HEADING_ONE, line, f"remove the heading '# {text}': the page's title comes from 'title' in the "
                                   "front matter; use '## ' for sections")
    for line, text in ctx.headings(2):
        if norm(text) in {norm(s) for s in GENERATED_SECTIONS}:
            ctx.add(GENERATED_SECTION, line, f"remove the '## {text}' section: the sources and review dates are "
                                             "added for you from the front matter")


def check_excerpt(ctx: PageContext) -> None:
    if ctx.page.kind != "post":
        return
    body = ctx.page.body
    if EXCERPT_MARKER not in body:
        ctx.add(NO_EXCERPT, None, f"the post has no excerpt marker: put {EXCERPT_MARKER} on its own line after the "
                                  "first paragraph or two (they are shown on the blog index)")
        return
    before = body.split(EXCERPT_MARKER, 1)[0]
    if not re.sub(r"<!--.*?-->", "", before, flags=re.S).strip():
        ctx.add(EXCERPT_FIRST, ctx.find_line(EXCERPT_MARKER), f"the excerpt marker {EXCERPT_MARKER} comes before "
                                                              "any text; move it after the first paragraph or two, "
                                                              "which must make sense on their own")


def check_sections(ctx: PageContext) -> None:
    if ctx.page.kind == "condition":
        _sections(ctx, REQUIRED_SECTIONS, CARE_CARD_SECTION, "condition pages", OPTIONAL_SECTION)
    elif ctx.page.kind == "treatment":
        _sections(ctx, TREATMENT_SECTIONS, TREATMENT_CARE_SECTION, "treatment and test pages")


def _sections(ctx: PageContext, required: tuple[str, ...], care_section: str, kind_name: str,
              optional: str | None = None) -> None:
    headings = ctx.headings(2)
    known = {norm(s): s for s in (*required, *([optional] if optional else []))}
    position: dict[str, tuple[int, int]] = {}        # section -> (index among H2s, line)
    unknown: list[tuple[int, str]] = []
    for index, (line, text) in enumerate(headings):
        name = known.get(norm(text))
        if name and name not in position:
            position[name] = (index, line)
        elif not name:
            unknown.append((line, text))
    order = "## " + ", ## ".join(required)
    for section in required:
        if section in position:
            continue
        close = difflib.get_close_matches(norm(section), [norm(t) for _, t in unknown], n=1, cutoff=0.6)
        if close:
            line, text = next((ln, t) for ln, t in unknown if norm(t) == close[0])
            ctx.add(SECTION_MISSING, line, f"rename '## {text}' to '## {section}': {kind_name} need these "
                                           f"sections, in this order: {order}")
        else:
            ctx.add(SECTION_MISSING, None, f"the '## {section}' section is missing: {kind_name} need these "
                                           f"sections, in this order: {order}")
    latest: tuple[int, str] | None = None
    for section in required:
        if section not in position:
            continue
        index, line = position[section]
        if latest and index < latest[0]:
            ctx.add(SECTION_ORDER, line, f"'## {section}' must come after '## {latest[1]}' (the order is: {order})")
        else:
            latest = (index, section)
    if optional and optional in position:
        index, line = position[optional]
        after, before = position.get("What causes it"), position.get("How it is diagnosed")
        if (after and index < after[0]) or (before and index > before[0]):
            ctx.add(SECTION_ORDER, line, f"'## {optional}' must come between '## What causes it' and "
                                         "'## How it is diagnosed'")
    # the care card, inside "When to get help"
    if not carecards.has_care_card(ctx.page.body):
        line = position[care_section][1] if care_section in position else None
        ctx.add(NO_CARE_CARD, line, f"the page has no care card: add one inside '## {care_section}', like "
                                    f"!!! see-doctor \"{CARD_EXAMPLES['see-doctor']}\" with its content indented "
                                    "by four spaces")
    elif care_section in position:
        start = position[care_section][1]
        following = [ln for ln, _ in headings if ln > start]
        end = following[0] if following else None
        section_text = "\n".join(t for ln, t in ctx.lines() if ln > start and (end is None or ln < end))
        if not carecards.has_care_card(section_text):
            ctx.add(CARD_OUTSIDE, start, f"the care card must be inside the '## {care_section}' section; move it "
                                         "there")
