"""The rules' registry: every rule's code, name, severity and explanation, and the problems it reports.

Like ruff's rule registry and markdownlint's rule objects: each rule is declared once, beside the
small unit of code that checks it, with a stable code (`SH204`), a short kebab-case name, a
one-line summary, why it matters, how to fix it, and a wrong and a right example. The editors'
page (docs/about/content-checks.md) and the messages table in CONTRIBUTING.md are generated from
these declarations (`scripts/rules_doc.py`), so they cannot go stale.

Codes are never reused: a retired rule keeps its code out of use. The hundreds are families:
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]

FAMILIES: dict[str, str] = {          # the code's first digit -> the family's title
    "0": "The checks themselves",
    "1": "The file: encoding, name, text and scaffold leftovers",
    "2": "Front matter",
    "3": "Unsafe HTML",
    "4": "Links and pictures",
    "5": "Page structure and care cards",
    "6": "Red flags and triage",
    "7": "Reading level",
    "8": "Duplicates across the site",
    "9": "Publishing and review dates",
}
__doc__ += "".join(f"\n    SH{digit}xx  {title}" for digit, title in FAMILIES.items()) + "\n"


@dataclass(frozen=True)
class Rule:
    code: str                 # "SH204": never changes once published
    name: str                 # "text-too-long": short, kebab-case
    severity: Severity        # the usual severity ("error" stops the page being published)
    summary: str              # one line: what the rule checks
    why: str                  # why this matters, for readers and for the site
    fix: str                  # how to fix it
    wrong: str                # an example that breaks the rule (Markdown or front matter)
    right: str                # the same example, fixed
    you_wrote: str = ""       # CONTRIBUTING's table: what an editor typed, shortened
    says: str = ""            # CONTRIBUTING's table: what the check says, shortened
    fixture_exempt: str = ""  # why no mistake fixture can show it (internal faults only)

    @property
    def anchor(self) -> str:
        return self.code.lower()

    @property
    def family(self) -> str:
        return FAMILIES[self.code[2]]


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity, summary: str, *, why: str, fix: str, wrong: str, right: str,
         you_wrote: str = "", says: str = "", fixture_exempt: str = "") -> Rule:
    """Declare a rule. Codes and names are unique; a duplicate is a programming error."""
    if code in RULES or any(r.name == name for r in RULES.values()):
        raise ValueError(f"rule {code} {name} is declared twice")
    if not (len(code) == 5 and code.startswith("SH") and code[2:].isdigit()):
        raise ValueError(f"rule code {code!r} must look like SH204")
    declared = Rule(code, name, severity, summary, why.strip(), fix.strip(), wrong.strip("\n"), right.strip("\n"),
                    you_wrote, says, fixture_exempt)
    RULES[code] = declared
    return declared


def all_rules() -> list[Rule]:
    from . import load_all      # every family module declares its rules when imported
    load_all()
    return [RULES[code] for code in sorted(RULES)]


# --- what the rules report -----------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    path: str                 # as the editor sees it, e.g. "docs/blog/posts/foot-pain.md"
    line: int | None
    field: str | None
    text: str                 # what is wrong and how to fix it, without the code
    severity: Severity = "error"
    code: str = ""

    @property
    def message(self) -> str:
        """The message as printed: its code, then what is wrong and the fix."""
        return f"{self.code} {self.text}" if self.code else self.text

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class Report:
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    pages: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, problem: Problem) -> None:
        bucket = self.errors if problem.severity == "error" else self.warnings
        if problem not in bucket:
            bucket.append(problem)

    def sort(self) -> None:
        key = lambda p: (p.path, p.line or 0, p.text)  # noqa: E731
        self.errors.sort(key=key)
        self.warnings.sort(key=key)
