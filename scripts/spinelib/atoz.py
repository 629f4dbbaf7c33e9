"""The Conditions A to Z, generated from the condition pages' front matter so it never
goes out of date: by letter, and by where the problem starts."""

from __future__ import annotations

from collections import defaultdict

from .content import Page

MARKER = "<!-- conditions-a-to-z -->"
INDEX_SRC = "conditions/index.md"
STARTS_IN = {"spine": "Starts in the spine", "foot-or-leg": "Starts in the foot or leg"}
TREATMENTS_MARKER = "<!-- treatments-a-to-z -->"
TREATMENTS_INDEX_SRC = "treatments/index.md"
TREATMENT_TYPES = {"test": "Tests and scans", "therapy": "Treatments without surgery",
                   "procedure": "Injections, surgery and other procedures"}


def _line(page: Page, link_prefix: str) -> str:
    summary = str(page.meta.get("summary") or page.description).strip()
    return f"- [{page.title}]({link_prefix}{page.src.split('/')[-1]}): {summary}"


def a_to_z_markdown(conditions: list[Page], link_prefix: str = "", *, what: str = "Conditions",
                    group_field: str = "starts_in", groups: dict[str, str] = STARTS_IN,
                    groups_heading: str = "Where the problem starts") -> str:
    pages = sorted(conditions, key=lambda p: (p.title.lower(), p.src))
    by_letter: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        by_letter[page.title[0].upper()].append(page)
    letters = sorted(by_letter)
    out = [f'<nav class="a-to-z-letters" aria-label="{what} by first letter" markdown>',
           " ".join(f"[{letter}](#letter-{letter.lower()})" for letter in letters), "</nav>", "",
           f"## {groups_heading}", ""]
    for key, heading in groups.items():
        group = [p for p in pages if p.meta.get(group_field) == key]
        out += [f"### {heading} {{#{key}}}", ""] + [_line(p, link_prefix) for p in group] + [""]
    out += [f"## All {what.lower()} from A to Z", ""]
    for letter in letters:
        out += [f"### {letter} {{#letter-{letter.lower()}}}", ""]
        out += [_line(p, link_prefix) for p in by_letter[letter]] + [""]
    return "\n".join(out)


def expand(src: str, markdown: str, pages: list[Page]) -> str:
    """The Markdown the site renders for a page: the A to Z indexes get their generated lists."""
    if src == INDEX_SRC and MARKER in markdown:
        conditions = [p for p in pages if p.kind == "condition" and not p.draft]
        return markdown.replace(MARKER, a_to_z_markdown(conditions))
    if src == TREATMENTS_INDEX_SRC and TREATMENTS_MARKER in markdown:
        treatments = [p for p in pages if p.kind == "treatment" and not p.draft]
        return markdown.replace(TREATMENTS_MARKER, a_to_z_markdown(
            treatments, what="Treatments and tests", group_field="treatment_type", groups=TREATMENT_TYPES,
            groups_heading="By kind"))
    return markdown
