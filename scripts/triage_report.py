#!/usr/bin/env python3
"""The triage report (`make triage`): which page files which red flag at which urgency.

A clinical reviewer signs the library off from it: every red flag of the standard
(docs/_data/red-flags.yml), its standard urgency, and the pages whose care cards file it, grouped
by the urgency they give it. It ends with one line saying whether every flag has one urgency
across the site, and writes the full page x flag matrix to reports/triage.md.

    python scripts/triage_report.py             # the summary and reports/triage.md
    python scripts/triage_report.py --pages     # also each page's flags, line by line
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from spinelib import content, triage, triage_rules  # noqa: E402

DOCS = ROOT / "docs"
SHORT = {"emergency": "E", "urgent": "U", "see-doctor": "S"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", action="store_true", help="list each page's flags too")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "triage.md")
    args = parser.parse_args(argv)
    standard = triage.load(DOCS)
    if standard is None:
        print(f"no triage standard at docs/{triage.STANDARD_FILE}")
        return 1
    pages = [p for p in content.load_site(DOCS) if p.parse_error is None]
    matrix: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))    # flag -> page -> urgencies
    per_page: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for page in pages:
        for flag, urgency, line in triage_rules.filed(page, standard):
            matrix[flag.id][page.src].add(urgency)
            per_page[page.src].append((line, flag.id, urgency))

    print(f"{'red flag':<24} {'standard':<11} {'pages':>5}  {'filed as':<28} off-standard pages")
    off = 0
    for flag in standard.flags.values():
        filed = matrix.get(flag.id, {})
        counts: dict[str, int] = defaultdict(int)
        wrong: list[str] = []
        for src, urgencies in sorted(filed.items()):
            for urgency in urgencies:
                counts[urgency] += 1
            if urgencies != {flag.urgency}:
                wrong.append(f"{src} ({'/'.join(sorted(urgencies))})")
        off += len(wrong)
        spread = ", ".join(f"{u} {counts[u]}" for u in triage.URGENCIES if counts.get(u))
        print(f"{flag.id:<24} {flag.urgency:<11} {len(filed):>5}  {spread or '-':<28} {'; '.join(wrong) or '-'}")
    named = sum(1 for f in standard.flags if matrix.get(f))
    print()
    print(f"{len(standard.flags)} red flags in the standard, {named} filed on {len(per_page)} of {len(pages)} pages")
    print(f"one urgency per red flag across the site: {'yes' if off == 0 else f'NO ({off} page(s) off the standard)'}")
    if args.pages:
        for src in sorted(per_page):
            print(f"\n{src}")
            for line, flag_id, urgency in sorted(per_page[src]):
                print(f"  {line:>4}  {urgency:<11} {flag_id}")
    _write_matrix(args.out, standard, matrix, sorted(per_page))
    print(f"\nthe page x flag matrix: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0 if off == 0 else 1


def _write_matrix(out: Path, standard: triage.Standard, matrix: dict[str, dict[str, set[str]]],
                  pages: list[str]) -> None:
    flags = [f for f in standard.flags.values() if matrix.get(f.id)]
    lines = ["# Triage matrix: page x red flag", "",
             "E = emergency card, U = urgent card, S = see-doctor card; the second row is the standard.", "",
             "| page | " + " | ".join(f.id for f in flags) + " |",
             "|---|" + "---|" * len(flags),
             "| **standard** | " + " | ".join(SHORT[f.urgency] for f in flags) + " |"]
    for src in pages:
        cells = ["".join(SHORT[u] for u in sorted(matrix[f.id].get(src, ()))) for f in flags]
        lines.append(f"| {src} | " + " | ".join(cells) + " |")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
