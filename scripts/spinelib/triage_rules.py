"""The triage rules: every page files each red flag at the standard's urgency, carries the sets
of flags it needs, and takes its emergency words from the site's settings.

Run by `validate.py` on each page's Markdown (no rendering needed, so it is part of the fast
source checks). The standard itself lives in docs/_data/red-flags.yml (`triage.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import carecards, triage
from .content import Page

_LITERAL_NUMBER = re.compile(r"(?<![\w/.-])911(?![\w/-])")
_LITERAL_ROOM = re.compile(r"\b(?:[Tt]he\s+)?(?:[Ee]mergency\s+(?:[Rr]oom|[Dd]epartment)|ER)\b")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+")
_FRONT_MATTER_TEXT = ("title", "description", "summary")


@dataclass(frozen=True)
class Finding:
    line: int | None
    field: str | None
    message: str


def check_page(page: Page, standard: triage.Standard | None, code_lines: Iterable[int] = ()) -> list[Finding]:
    code = set(code_lines)
    lines = [(page.body_start_line + i, text) for i, text in enumerate(page.body.split("\n"))
             if page.body_start_line + i not in code]
    findings = list(_emergency_words(page, lines))
    cards = carecards.parse(page.body, page.body_start_line, code)
    if standard is None:
        return findings
    findings += _flag_lines(lines, cards, standard)
    named: dict[str, int] = {}                   # flag id -> line where a card names it
    for card in cards:
        for line, bullet in card.bullets:
            findings += _bullet(card, line, bullet, standard, named)
    findings += _sets(page, cards, named, standard)
    return findings


# --- {{ emergency_number }} and {{ emergency_room }} ----------------------------------------

def _emergency_words(page: Page, lines: list[tuple[int, str]]) -> Iterable[Finding]:
    for line, text in lines:
        prose = _LINK_TARGET.sub("", text)
        if _LITERAL_NUMBER.search(prose):
            yield Finding(line, None, "write {{ emergency_number }} instead of '911': the number comes from the site's "
                                      "settings (extra.emergency_number in mkdocs.yml), so every page gives the same one")
        room = _LITERAL_ROOM.search(prose)
        if room:
            yield Finding(line, None, f"write {{{{ emergency_room }}}} instead of '{room.group(0)}' (it reads "
                                      "'the emergency room'): the words come from the site's settings "
                                      "(extra.emergency_room in mkdocs.yml), so every page says the same")
        for match in triage.TOKEN.finditer(prose):
            if match.group(1) not in triage.DEFAULT_WORDS:
                yield Finding(line, None, f"'{match.group(0)}' is not one of the site's words; write "
                                          "{{ emergency_number }} or {{ emergency_room }}")
    for key in _FRONT_MATTER_TEXT:
        value = page.meta.get(key)
        if isinstance(value, str) and (_LITERAL_NUMBER.search(value) or triage.TOKEN.search(value)):
            yield Finding(page.line_of(key), key, f"write 'emergency help' instead of the emergency number in the "
                                                  f"{key}: front matter cannot use the site's emergency number setting")


# --- "- red-flag: id" lines ---------------------------------------------------------------

def _flag_lines(lines: list[tuple[int, str]], cards: list[carecards.Card],
                standard: triage.Standard) -> Iterable[Finding]:
    in_cards = {line for card in cards for line, _ in card.bullets}
    for line, text in lines:
        match = triage.FLAG_LINE.match(text)
        if not match:
            continue
        flag_id = match.group("id")
        if flag_id not in standard.flags:
            close = standard.suggestion(flag_id)
            hint = f"did you mean 'red-flag: {close}'? " if close else ""
            yield Finding(line, None, f"'red-flag: {flag_id}' is not a flag of the triage standard; {hint}"
                                      f"the flags and their ids are listed in docs/{triage.STANDARD_FILE}")
        elif line not in in_cards:
            yield Finding(line, None, f"'red-flag: {flag_id}' works only as a bullet inside a care card; indent it "
                                      "under a '!!! emergency', '!!! urgent' or '!!! see-doctor' line")


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


def _bullet(card: carecards.Card, line: int, bullet: str, standard: triage.Standard,
            named: dict[str, int]) -> list[Finding]:
    flags = flags_of(bullet, standard)
    if not flags and not bullet.strip().startswith("red-flag"):
        family = standard.onset_missing(bullet)
        if family is not None:
            return [Finding(line, None, f"'{_short(bullet)}' describes {family.family.replace('-', ' ')} but not how "
                                        f"fast it came on; {family.hint} (or use the standard bullets: "
                                        + ", ".join(f"'- red-flag: {f.id}'" for f in standard.flags.values()
                                                    if f.family == family.family) + ")")]
    findings = []
    for flag in flags:
        named.setdefault(flag.id, line)
        if flag.urgency != card.kind:
            findings.append(Finding(line, None, f"'{_short(bullet)}' is the red flag '{flag.id}' ({flag.why}); the "
                                                f"triage standard files it as {triage.URGENCY_LABELS[flag.urgency]}, "
                                                f"not {triage.URGENCY_LABELS[card.kind]}: move it to a "
                                                f"'!!! {flag.urgency}' card as '- red-flag: {flag.id}' (standard "
                                                f"wording: \"{flag.wording}\")"))
    return findings


# --- the sets of flags a page needs ------------------------------------------------------------

def _sets(page: Page, cards: list[carecards.Card], named: dict[str, int],
          standard: triage.Standard) -> Iterable[Finding]:
    prose = triage.normalise(page.body) if page.kind in ("condition", "post") or cards else ""
    line = cards[0].line if cards else None
    for flag_set in standard.sets:
        reason = _why_required(page, flag_set, named, prose)
        if reason is None:
            continue
        missing = [f for f in flag_set.flags if f not in named]
        if missing:
            where = "; ".join(f"'- red-flag: {f}' in a '!!! {standard.flags[f].urgency}' card" for f in missing)
            yield Finding(line, None, f"the care cards leave out {flag_set.name} ({reason}): add {where}")


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
