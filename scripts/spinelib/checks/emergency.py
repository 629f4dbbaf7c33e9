"""SH6xx (part two): emergency words and the emergency page. Pages take the emergency number and
room from the site's settings, and any page that mentions red-flag symptoms or nerve compression
links to the emergency page. The triage standard must be readable for any of this to work."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from .. import triage
from .context import EMERGENCY_SRC, PageContext, Rendered, Site, as_built, has_ancestor, to_html
from .links import relative
from .registry import Problem, Report, rule

EMERGENCY_LINK_TEXT = "when back or leg pain is an emergency"
# Phrases that mean a page talks about red-flag symptoms or nerve compression (the standard adds
# the reader's own words for the cauda equina signs).
RED_FLAGS = re.compile(
    r"\bcauda\s+equina\b|\bsaddle\s+(?:area|numbness|anaesthesia|anesthesia)\b"
    r"|\b(?:los[est]|losing)\s+(?:of\s+)?(?:the\s+)?control\s+(?:of|over)\s+(?:your\s+|their\s+|the\s+)?(?:bladder|bowels?)\b"
    r"|\b(?:bladder|bowel)\s+control\b"
    r"|\b(?:pinched|trapped|compressed|squeezed)\s+(?:\w+\s+)?nerves?\b|\bnerve\s+compression\b|\bnerve\s+roots?\b",
    re.IGNORECASE,
)
_LITERAL_NUMBER = re.compile(r"(?<![\w/.-])911(?![\w/-])")
_LITERAL_ROOM = re.compile(r"\b(?:[Tt]he\s+)?(?:[Ee]mergency\s+(?:[Rr]oom|[Dd]epartment)|ER)\b")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+")
_FRONT_MATTER_TEXT = ("title", "description", "summary")

NO_EMERGENCY_LINK = rule(
    "SH601", "emergency-link-missing", "error", "A page that mentions red-flag symptoms links to the emergency page.",
    why="A reader who recognises 'numbness between my legs' or 'lost control of my bladder' needs to know, on that "
        "page, that it is an emergency and what to do.",
    fix="Add the link the message suggests.",
    wrong="A trapped nerve can cause pain down the leg.",
    right="A trapped nerve can cause pain down the leg. Know [when back or leg pain is an emergency]"
          "(../../emergency.md).",
    you_wrote='"trapped nerve" with no emergency link', says="the page mentions 'trapped nerve' … but does not link "
                                                             "to the emergency page")
NUMBER_TYPED = rule(
    "SH602", "emergency-number-typed", "error", "The emergency number comes from the site's settings.",
    why="The hospital's country sets the number (extra.emergency_number in mkdocs.yml); typed on a page, it could "
        "be the wrong one for readers.",
    fix="Write {{ emergency_number }} instead.",
    wrong="Call 911 if you cannot feel your bottom.", right="Call {{ emergency_number }} if you cannot feel your "
                                                            "bottom.",
    you_wrote='"call 911"', says="write {{ emergency_number }} instead of '911'")
ROOM_TYPED = rule(
    "SH603", "emergency-room-typed", "error", "The words for the emergency room come from the site's settings.",
    why="'The emergency room', 'A&E' or 'the emergency department' depend on the country (extra.emergency_room "
        "in mkdocs.yml); every page should say the same.",
    fix="Write {{ emergency_room }} instead.",
    wrong="Go to the emergency room.", right="Go to {{ emergency_room }}.",
    you_wrote='"the emergency room"', says="write {{ emergency_room }} instead of 'the emergency room'")
UNKNOWN_WORD = rule(
    "SH604", "unknown-site-word", "error", "Only the site's words {{ emergency_number }} and {{ emergency_room }} "
                                          "are used.",
    why="Any other {{ … }} is shown to readers as it is typed.",
    fix="Write {{ emergency_number }} or {{ emergency_room }}.",
    wrong="Call {{ emergency_phone }}.", right="Call {{ emergency_number }}.",
    you_wrote="`{{ emergency_phone }}`", says="'{{ emergency_phone }}' is not one of the site's words")
NUMBER_IN_FRONT_MATTER = rule(
    "SH605", "emergency-number-in-front-matter", "error", "Titles, descriptions and summaries do not give the "
                                                          "emergency number.",
    why="Front matter cannot use the site's emergency number setting, so a number there could be the wrong one.",
    fix="Write 'emergency help' instead.",
    wrong='description: "When to call 911 for back pain."', right='description: "When back pain needs emergency help."',
    you_wrote="911 in a description", says="write 'emergency help' instead of the emergency number in the "
                                           "description")
STANDARD_UNUSABLE = rule(
    "SH611", "triage-standard-unusable", "error", "The triage standard (docs/_data/red-flags.yml) can be read.",
    why="Every care card is checked against the standard, and its wording is written into the pages; without it "
        "no red flag can be checked.",
    fix="Please tell the web team; the message says what is wrong in the file.",
    wrong="flags:\n  - id: weight-loss\n    urgency: soon", right="flags:\n  - id: weight-loss\n    urgency: urgent",
    you_wrote="a broken docs/_data/red-flags.yml", says="the triage standard cannot be used",
    fixture_exempt="the web team's file, not an editor's page; tested by tests/test_validate.py")


def check_standard(site: Site, report: Report) -> None:
    if site.standard_problem:
        report.add(Problem(site.display(triage.STANDARD_FILE), None, None, f"the triage standard cannot be used: "
                           f"{site.standard_problem}; please tell the web team", "error", STANDARD_UNUSABLE.code))


def check_emergency_words(ctx: PageContext) -> None:
    page = ctx.page
    code = set(ctx.code_lines())
    for line, text in enumerate(page.body.split("\n"), page.body_start_line):
        if line in code:
            continue
        prose = _LINK_TARGET.sub("", text)
        if _LITERAL_NUMBER.search(prose):
            ctx.add(NUMBER_TYPED, line, "write {{ emergency_number }} instead of '911': the number comes from the "
                                        "site's settings (extra.emergency_number in mkdocs.yml), so every page gives "
                                        "the same one")
        room = _LITERAL_ROOM.search(prose)
        if room:
            ctx.add(ROOM_TYPED, line, f"write {{{{ emergency_room }}}} instead of '{room.group(0)}' (it reads "
                                      "'the emergency room'): the words come from the site's settings "
                                      "(extra.emergency_room in mkdocs.yml), so every page says the same")
        for match in triage.TOKEN.finditer(prose):
            if match.group(1) not in triage.DEFAULT_WORDS:
                ctx.add(UNKNOWN_WORD, line, f"'{match.group(0)}' is not one of the site's words; write "
                                            "{{ emergency_number }} or {{ emergency_room }}")
    for key in _FRONT_MATTER_TEXT:
        value = page.meta.get(key)
        if isinstance(value, str) and (_LITERAL_NUMBER.search(value) or triage.TOKEN.search(value)):
            ctx.add(NUMBER_IN_FRONT_MATTER, page.line_of(key), "write 'emergency help' instead of the emergency "
                                                               f"number in the {key}: front matter cannot use the "
                                                               "site's emergency number setting", field=key)


def check_emergency_link(ctx: PageContext, rendered: Rendered) -> None:
    page, site = ctx.page, ctx.site
    if page.src == EMERGENCY_SRC:
        return
    soup = rendered.soup
    if as_built(page, site) != page.body:    # only what the editor wrote
        from bs4 import BeautifulSoup
        soup = BeautifulSoup(to_html(page.body, str(site.config_file)), "html.parser")
    text = _prose_text(soup)
    match = RED_FLAGS.search(text) or _standard_red_flag(site, text)
    if not match or _links_to(ctx, rendered, EMERGENCY_SRC):
        return
    phrase = " ".join(match.group(0).split())
    line = ctx.find_line(re.compile(r"\s+".join(map(re.escape, phrase.split())), re.I))
    link = relative(EMERGENCY_SRC, posixpath.dirname(page.src))
    ctx.add(NO_EMERGENCY_LINK, line, f"the page mentions '{phrase}' (a red-flag symptom or nerve compression) but "
                                     f"does not link to the emergency page; add a link like "
                                     f"[{EMERGENCY_LINK_TEXT}]({link})")


def _standard_red_flag(site: Site, text: str) -> re.Match[str] | None:
    """The reader's words for the triage standard's cauda equina signs ("numbness between my legs")."""
    if site.standard is None:
        return None
    flat = triage.normalise(text)
    for pattern in site.standard.emergency_link_phrases():
        found = pattern.search(flat)
        if found:
            return found
    return None


def _links_to(ctx: PageContext, rendered: Rendered, target_src: str) -> bool:
    page, site = ctx.page, ctx.site
    here = posixpath.dirname(page.src)
    for tag in rendered.soup.find_all("a", href=True):
        try:
            parts = urlsplit(str(tag["href"]).strip())
        except ValueError:
            continue
        if parts.scheme or parts.netloc or not parts.path:
            continue
        path = unquote(parts.path)
        if page.src in site.rendered_html:
            # HTML from the build: links are web addresses relative to this page's address.
            address = posixpath.normpath(posixpath.join(page.url, path)).strip("/") + "/"
            if target_src in site.by_src and address == site.by_src[target_src].url:
                return True
            continue
        target = (posixpath.normpath(path.lstrip("/")) if path.startswith("/")
                  else posixpath.normpath(posixpath.join(here, path)))
        if target == target_src:
            return True
    return False


def _prose_text(soup) -> str:  # noqa: ANN001 - a BeautifulSoup tree
    parts = [str(node) for node in soup.find_all(string=True)
             if not has_ancestor(node, ("pre", "code", "script", "style"))]
    return " ".join(" ".join(parts).split())
