#!/usr/bin/env python3
"""Reading grade, words, sentence length and review dates for pages (`make report`).

    python scripts/report.py                 # every page, one table, plus the library median
    python scripts/report.py docs/x.md ...   # only these pages, with their longest sentences
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from spinelib import content, readability, render, siteconfig, triage  # noqa: E402

DOCS = ROOT / "docs"
CONFIG = ROOT / "mkdocs.yml"


def _row(page: content.Page, result: readability.Readability) -> str:
    limit = " " if page.kind == "page" or result.grade <= readability.GRADE_LIMIT else "!"
    reviewed = page.last_reviewed.isoformat() if page.last_reviewed else "-"
    due = page.next_review_due.isoformat() if page.next_review_due else "-"
    return (f"{page.src:<58} {page.kind:<9} {result.grade:>5.1f}{limit} {result.words:>6} "
            f"{result.average_sentence_length:>6.1f} {reviewed:>12} {due:>12}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.files] if args.files else content.markdown_files(DOCS)
    print(f"{'page':<58} {'type':<9} {'grade':>6} {'words':>6} {'w/sent':>6} {'reviewed':>12} {'review due':>12}")
    condition_grades: list[float] = []
    treatment_grades: list[float] = []
    post_grades: list[float] = []
    over = 0
    standard, words = triage.load(DOCS), triage.site_words(siteconfig.load(CONFIG).get("extra"))
    for path in paths:
        page = content.load_page(DOCS, path)
        result = readability.measure_html(render.to_html(triage.expand(page.body, standard, words), CONFIG))
        print(_row(page, result))
        if page.kind != "page" and result.grade > readability.GRADE_LIMIT:
            over += 1
        if args.files:
            for sentence in result.longest:
                print(f"    longest: ({len(sentence.split())} words) {sentence}")
        if page.kind == "condition":
            condition_grades.append(result.grade)
        elif page.kind == "treatment":
            treatment_grades.append(result.grade)
        elif page.kind == "post":
            post_grades.append(result.grade)
    print()
    if condition_grades:
        print(f"condition pages: {len(condition_grades)}, median grade "
              f"{readability.library_median(condition_grades)} (limit {readability.LIBRARY_MEDIAN_LIMIT}), "
              f"max {max(condition_grades)} (limit {readability.GRADE_LIMIT})")
    if treatment_grades:
        print(f"treatment and test pages: {len(treatment_grades)}, median grade "
              f"{readability.library_median(treatment_grades)} (limit {readability.TREATMENT_MEDIAN_LIMIT}), "
              f"max {max(treatment_grades)} (limit {readability.GRADE_LIMIT})")
    if post_grades:
        print(f"posts: {len(post_grades)}, median grade {readability.library_median(post_grades)}, "
              f"max {max(post_grades)} (limit {readability.GRADE_LIMIT})")
    print(f"pages over grade {readability.GRADE_LIMIT:g}: {over}  ('!' marks them)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
