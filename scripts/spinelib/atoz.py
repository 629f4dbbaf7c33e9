"""The Conditions A to Z, generated from the condition pages' front matter so it never
goes out of date: by letter, and by where the problem starts."""

from __future__ import annotations

from collections import defaultdict

from .content import Page

MARKER = "<!-- conditions-a-to-z -->"
INDEX_SRC = "conditions/index.md"
STARTS_IN = {"spine": "Starts in the spine", "foot-or-leg": "Starts in the foot or leg"}


def _line(page: Page, link_prefix: str) -> str:
    summary = str(page.meta.get("summary") or page.description).strip()
    return f"- [{page.title}]({link_prefix}{page.src.split('/')[-1]}): {summary}"


def a_to_z_markdown(conditions: list[Page], link_prefix: str = "") -> str:
    pages = sorted(conditions, key=lambda p: (p.title.lower(), p.src))
    by_letter: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        by_letter[page.title[0].upper()].append(page)
    letters = sorted(by_letter)
    out = ['<nav class="a-to-z-letters" aria-label="Conditions by first letter" markdown>',
           " ".join(f"[{letter}](#letter-{letter.lower()})" for letter in letters), "</nav>", "",
           "## Where the problem starts", ""]
    for key, heading in STARTS_IN.items():
        group = [p for p in pages if p.meta.get("starts_in") == key]
        out += [f"### {heading} {{#{key}}}", ""] + [_line(p, link_prefix) for p in group] + [""]
    out += ["## All conditions from A to Z", ""]
    for letter in letters:
        out += [f"### {letter} {{#letter-{letter.lower()}}}", ""]
        out += [_line(p, link_prefix) for p in by_letter[letter]] + [""]
    return "\n".join(out)


def expand(src: str, markdown: str, pages: list[Page]) -> str:
    """The Markdown the site renders for a page: the A to Z index gets its generated list."""
    if src != INDEX_SRC or MARKER not in markdown:
        return markdown
    conditions = [p for p in pages if p.kind == "condition" and not p.draft]
    return markdown.replace(MARKER, a_to_z_markdown(conditions))
