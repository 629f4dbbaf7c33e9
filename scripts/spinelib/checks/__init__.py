"""The content checks: small rules with stable codes, one module per family of rules.

    registry.py      Rule, Problem, Report; every rule's code, name and explanation
    context.py       the site and the page as the rules see them
    runner.py        validate_site(): every page through every family, for `make check` and the build
    files.py         SH1xx  encoding, file name, empty pages, scaffold leftovers (TODO, sample sources)
    front_matter.py  SH2xx  the front matter, through schema.py
    html.py          SH3xx  unsafe HTML
    links.py         SH4xx  links and pictures
    structure.py     SH5xx  headings, sections, excerpt
    care_cards.py    SH5xx  care cards
    triage.py        SH6xx  red flags filed at the triage standard's urgency
    emergency.py     SH6xx  emergency words and the link to the emergency page
    reading.py       SH7xx  reading grade, long sentences
    duplicates.py    SH8xx  titles, slugs and addresses used twice
    reviews.py       SH9xx  overdue reviews, drafts, references to unpublished pages

A new rule goes into its family's module: declare it with `registry.rule(...)` beside its code,
report with `ctx.add(RULE, line, text)`, add a fixture under tests/fixtures/mistakes/, and run
`python scripts/rules_doc.py` to regenerate the editors' page and CONTRIBUTING's table.
"""

from __future__ import annotations

from .registry import RULES, Problem, Report, Rule, all_rules
from .runner import validate_site

__all__ = ["RULES", "Problem", "Report", "Rule", "all_rules", "load_all", "validate_site"]


def load_all() -> None:
    """Every family module is imported by the runner, so importing this package declares every rule."""
    from . import runner  # noqa: F401
