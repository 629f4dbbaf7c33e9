"""SH6xx (part one): the triage rules. Every page files each red flag at the standard's urgency,
names only the standard's flags, and carries the sets of flags it needs. The standard itself is
docs/_data/red-flags.yml, modelled by `spinelib/triage.py`. Emergency words and the link to the
emergency page are in `emergency.py`."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .. import carecards, triage
from ..content import Page
from .context import PageContext
from .registry import rule

FLAG_UNKNOWN = rule(
    "SH606", "red-flag-id-unknown", "error", "'red-flag:' lines name a flag of the triage standard.",
    why="The standard's wording is written in for each id; an unknown id would show nothing, or the wrong sign.",
    fix="Fix the id (the message suggests the closest); the flags and their ids are in docs/_data/red-flags.yml.",
    wrong="    - red-flag: wieght-loss", right="    - red-flag: weight-loss",
    you_wrote="`- red-flag: wieght-loss`", says="is not a flag of the triage standard; did you mean 'red-flag: "
                                               "weight-loss'?")
FLAG_OUTSIDE_CARD = rule(
    "SH607", "red-flag-outside-card", "error", "'red-flag:' lines are bullets inside a care card.",
    why="The card's type says how urgent the sign is; outside a card the line has no urgency and shows as code.",
    fix="Indent it under a '!!! emergency', '!!! urgent' or '!!! see-doctor' line.",
    wrong="- red-flag: weight-loss",
    right='!!! urgent "Get an appointment today or go to urgent care if:"\n\n    - red-flag: weight-loss',
    you_wrote="`- red-flag: weight-loss` outside a card", says="works only as a bullet inside a care card")
ONSET_MISSING = rule(
    "SH608", "onset-missing", "error", "Signs whose urgency depends on how fast they came on say how fast.",
    why="Foot drop that came on over hours is an emergency; over days it is urgent. Without the speed, readers "
        "cannot tell which they have.",
    fix="Say how fast it came on, or use the standard bullets the message lists.",
    wrong="    - your foot drags when you walk", right="    - red-flag: foot-drop-sudden",
    you_wrote='"your foot drags when you walk"', says="describes foot drop but not how fast it came on")
WRONG_URGENCY = rule(
    "SH609", "red-flag-wrong-urgency", "error", "Each red flag is in the card of the urgency the standard gives it.",
    why="The same sign must get the same advice on every page; a reader told 'see a doctor' for an urgent sign "
        "may wait too long, and one sent to the emergency room for a non-emergency waits for hours.",
    fix="Move the bullet to the card the message names, as its '- red-flag:' line.",
    wrong='!!! see-doctor "See a doctor if:"\n\n    - you are losing weight without trying',
    right='!!! urgent "Get an appointment today or go to urgent care if:"\n\n    - red-flag: weight-loss',
    you_wrote='"you are losing weight without trying" in a see-doctor card',
    says="… is the red flag 'weight-loss' …; the triage standard files it as urgent …: move it to a '!!! urgent' "
         "card")
SET_INCOMPLETE = rule(
    "SH610", "red-flag-set-incomplete", "error", "Pages carry every flag of the sets they need.",
    why="Some signs belong together: a spine page that lists the late signs of cauda equina syndrome but not the "
        "early ones leaves readers waiting until the damage may be lasting.",
    fix="Add the 'red-flag:' lines the message lists, in the cards it names.",
    wrong='!!! emergency "Call {{ emergency_number }} or go to {{ emergency_room }} if:"\n\n'
          "    - red-flag: ces-bladder-late",
    right='!!! emergency "Call {{ emergency_number }} or go to {{ emergency_room }} if:"\n\n'
          "    - red-flag: ces-saddle\n    - red-flag: ces-bladder-early\n    - red-flag: ces-bladder-late\n"
          "    - red-flag: ces-sex\n    - red-flag: both-legs",
    you_wrote="a spine page with only some cauda equina signs", says="the care cards leave out the early and late "
                                                                    "signs of cauda equina syndrome")


def check_triage(ctx: PageContext) -> None:
    standard = ctx.site.standard
    if standard is None:
        return
    page = ctx.page
    code = set(ctx.code_lines())
    lines = [(line, text) for line, text in enumerate(page.body.split("\n"), page.body_start_line)
             if line not in code]
    cards = carecards.parse(page.body, page.body_start_line, code)
    _flag_lines(ctx, lines, cards, standard)
    named: dict[str, int] = {}                   # flag id -> line where a card names it
    for card in cards:
        for line, bullet in card.bullets:
            _bullet(ctx, card, line, bullet, standard, named)
    _sets(ctx, cards, named, standard)


# --- "- red-flag: id" lines ---------------------------------------------------------------

def _flag_lines(ctx: PageContext, lines: list[tuple[int, str]], cards: list[carecards.Card],
                standard: triage.Standard) -> None:
    in_cards = {line for card in cards for line, _ in card.bullets}
    for line, text in lines:
        match = triage.FLAG_LINE.match(text)
        if not match:
            continue
        flag_id = match.group("id")
        if flag_id not in standard.flags:
            close = standard.suggestion(flag_id)
            hint = f"did you mean 'red-flag: {close}'? " if close else ""
            ctx.add(FLAG_UNKNOWN, line, f"'red-flag: {flag_id}' is not a flag of the triage standard; {hint}"
                                        f"the flags and their ids are listed in docs/{triage.STANDARD_FILE}")
        elif line not in in_cards:
            ctx.add(FLAG_OUTSIDE_CARD, line, f"'red-flag: {flag_id}' works only as a bullet inside a care card; "
                                             "indent it under a '!!! emergency', '!!! urgent' or '!!! see-doctor' "
                                             "line")


# --- one bullet: the urgency its flags need --------------------------------------------------

def flags_of(bullet: str, standard: triage.Standard) -> list[triage.Flag]:
    """The standard flags one care-card bullet files: the one it names ('red-flag: id'), or those
    its words describe."""
    direct = re.fullmatch(r"red-flags?:\s*(\S+)", bullet.strip())
    if direct:
        flag = standard.flags.get(direct.group(1))
        return [flag] if flag else []
    return standard.named_in(triage.expand(bullet, None, triage.DEFAULT_WORDS))


def filed(page: Page, standard: triage.Standard, code_lines: Iterable[int] = ()) -> list[tuple[triage.Flag, str, int]]:
    """(flag, the urgency of the card it is in, line) for every flag the page's care cards file."""
    return [(flag, card.kind, line) for card in carecards.parse(page.body, page.body_start_line, set(code_lines))
            for line, bullet in card.bullets for flag in flags_of(bullet, standard)]


def _bullet(ctx: PageContext, card: carecards.Card, line: int, bullet: str, standard: triage.Standard,
            named: dict[str, int]) -> None:
    flags = flags_of(bullet, standard)
    if not flags and not bullet.strip().startswith("red-flag"):
        family = standard.onset_missing(bullet)
        if family is not None:
            ctx.add(ONSET_MISSING, line, f"'{_short(bullet)}' describes {family.family.replace('-', ' ')} but not how "
                                         f"fast it came on; {family.hint} (or use the standard bullets: "
                                         + ", ".join(f"'- red-flag: {f.id}'" for f in standard.flags.values()
                                                     if f.family == family.family) + ")")
            return
    for flag in flags:
        named.setdefault(flag.id, line)
        if flag.urgency != card.kind:
            ctx.add(WRONG_URGENCY, line, f"'{_short(bullet)}' is the red flag '{flag.id}' ({flag.why}); the triage "
                                         f"standard files it as {triage.URGENCY_LABELS[flag.urgency]}, not "
                                         f"{triage.URGENCY_LABELS[card.kind]}: move it to a '!!! {flag.urgency}' "
                                         f"card as '- red-flag: {flag.id}' (standard wording: \"{flag.wording}\")")


# --- the sets of flags a page needs ------------------------------------------------------------

def _sets(ctx: PageContext, cards: list[carecards.Card], named: dict[str, int], standard: triage.Standard) -> None:
    page = ctx.page
    prose = triage.normalise(page.body) if page.kind in ("condition", "post") or cards else ""
    line = cards[0].line if cards else None
    for flag_set in standard.sets:
        reason = _why_required(page, flag_set, named, prose)
        if reason is None:
            continue
        missing = [f for f in flag_set.flags if f not in named]
        if missing:
            where = "; ".join(f"'- red-flag: {f}' in a '!!! {standard.flags[f].urgency}' card" for f in missing)
            ctx.add(SET_INCOMPLETE, line, f"the care cards leave out {flag_set.name} ({reason}): add {where}")


def _why_required(page: Page, flag_set: triage.FlagSet, named: dict[str, int], prose: str) -> str | None:
    if flag_set.required_on and all(str(page.meta.get(k) if k != "kind" else page.kind) == str(v)
                                    for k, v in flag_set.required_on.items()):
        described = ", ".join(f"{k}: {v}" for k, v in flag_set.required_on.items())
        return flag_set.because or f"every page with {described} carries them all"
    if flag_set.required_when is not None and prose:
        match = flag_set.required_when.search(prose)
        if match:
            return f"the page mentions '{match.group(0)}'"
    if flag_set.complete and any(f in named for f in flag_set.flags):
        return "a page that lists one of them lists them all"
    return None


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
