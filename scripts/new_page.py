#!/usr/bin/env python3
"""Scaffold a new blog post or condition page with every required field (make new-post / new-condition).

    python scripts/new_page.py post "Can stress make back pain worse?"
    python scripts/new_page.py condition "Pes anserine bursitis"
    python scripts/new_page.py treatment "Spinal cord stimulator"
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

# The triage standard's cauda equina set, which every spine page's emergency card carries (a
# template: doubled braces survive str.format as the site's words).
_SPINE_EMERGENCY_CARD = '''!!! emergency "Call {{{{ emergency_number }}}} or go to {{{{ emergency_room }}}} if:"

    - red-flag: ces-saddle
    - red-flag: ces-bladder-early
    - red-flag: ces-bladder-late
    - red-flag: ces-sex
    - red-flag: both-legs
'''

POST_TEMPLATE = '''---
title: "{title}"
description: "TODO: one or two plain sentences, 160 characters at most, saying what the reader will learn."
date: {today}
categories:
  - Symptoms
tags:
  - Back pain
authors:
  - editorial
conditions:
  - sciatica
sources:
  - title: "TODO: the title of the page you used"
    publisher: "TODO: e.g. NHS, MedlinePlus, NICE"
    year: {year}
    url: "https://www.nhs.uk/conditions/back-pain/"
  - title: "TODO: a second source"
    publisher: "TODO"
    year: {year}
    url: "https://medlineplus.gov/backpain.html"
draft: true
---

TODO: Answer the reader's question in one or two short paragraphs. This opening is shown on
the blog index, so it must make sense on its own.

<!-- more -->

## TODO: a first subheading

TODO: Short paragraphs. Link the condition pages you discuss, for example
[sciatica](../../conditions/sciatica.md).

## When to get help

''' + _SPINE_EMERGENCY_CARD + '''
    Read more about [when back or leg pain is an emergency](../../emergency.md).
'''

CONDITION_TEMPLATE = '''---
title: "{title}"
description: "TODO: what {title} is, in one plain sentence of 160 characters at most."
summary: "TODO: one plain line for the A to Z list."
starts_in: spine
aliases:
  - TODO other name
search_terms:
  - TODO common misspelling
last_reviewed: {today}
related:
  - sciatica
sources:
  - title: "TODO: the title of the page you used"
    publisher: "TODO: e.g. NHS, MedlinePlus, NICE"
    year: {year}
    url: "https://www.nhs.uk/conditions/"
  - title: "TODO: a second source"
    publisher: "TODO"
    year: {year}
    url: "https://medlineplus.gov/"
---

TODO: A short summary: what it is, how common or serious it is, and whether it usually gets better.

## Symptoms

- TODO

## What causes it

TODO

## Is it my spine or my foot?

TODO (delete this section if there is no look-alike). See the
[foot and leg pain guide](../foot-and-leg-pain.md).

## How it is diagnosed

TODO

## Treatment

### Self-care

TODO

### Non-surgical treatment

TODO

## When to get help

!!! see-doctor "See a doctor if:"

    - your symptoms have not improved after a few weeks
    - the pain stops you sleeping or working

''' + _SPINE_EMERGENCY_CARD + '''
    Read more about [when back or leg pain is an emergency](../emergency.md).
'''


TREATMENT_TEMPLATE = '''---
title: "{title}"
description: "TODO: what {title} is and who it is for, in one plain sentence of 160 characters at most."
summary: "TODO: one plain line for the A to Z list."
treatment_type: procedure
aliases:
  - TODO other name
search_terms:
  - TODO common misspelling
last_reviewed: {today}
conditions:
  - sciatica
sources:
  - title: "TODO: the title of the page you used"
    publisher: "TODO: e.g. AAOS OrthoInfo, MedlinePlus, NICE"
    year: {year}
    url: "https://orthoinfo.aaos.org/"
  - title: "TODO: a second source"
    publisher: "TODO"
    year: {year}
    url: "https://medlineplus.gov/"
---

TODO: A short summary: what it is, who it is for, and what to expect.

## What it is

TODO

## Who it may help, and who it won't

TODO

## How to prepare

TODO

## What happens on the day

TODO

## Recovery

TODO: a realistic timeline for walking, work, driving, lifting and sport.

## Risks and side effects

TODO: figures only from your sources.

## How well it works

TODO: what the evidence says, plainly, including when it is no better than not having it.

## Questions to ask

- TODO

## When to get help afterwards

!!! urgent "Call your care team today or go to urgent care if:"

    - red-flag: back-pain-fever
    - red-flag: dvt

!!! emergency "Call {{{{ emergency_number }}}} or go to {{{{ emergency_room }}}} if:"

    - red-flag: pe
    - red-flag: ces-saddle
    - red-flag: ces-bladder-early
    - red-flag: ces-bladder-late
    - red-flag: ces-sex
    - red-flag: both-legs

    Read more about [when back or leg pain is an emergency](../emergency.md).
'''


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def scaffold(kind: str, title: str, docs_dir: Path = DOCS, today: dt.date | None = None) -> Path:
    """Write the new page and return its path. Raises ValueError with an editor-friendly message."""
    title = " ".join(title.split())
    if not title:
        what = "TITLE" if kind == "post" else "NAME"
        example = {"post": 'make new-post TITLE="Can stress make back pain worse?"',
                   "condition": 'make new-condition NAME="Pes anserine bursitis"',
                   "treatment": 'make new-treatment NAME="Spinal cord stimulator"'}[kind]
        raise ValueError(f"Please give the page a {what.lower()}, for example: {example}")
    if '"' in title or "\\" in title:
        raise ValueError("Please leave double quotes and backslashes out of the title.")
    slug = slugify(title)
    if not slug:
        raise ValueError(f"The title '{title}' has no letters or digits to make a file name from.")
    today = today or dt.date.today()
    folder = docs_dir / {"post": "blog/posts", "condition": "conditions", "treatment": "treatments"}[kind]
    target = folder / f"{slug}.md"
    if target.exists():
        raise ValueError(f"{target.relative_to(docs_dir.parent)} already exists. Choose another title, or edit that file.")
    template = {"post": POST_TEMPLATE, "condition": CONDITION_TEMPLATE, "treatment": TREATMENT_TEMPLATE}[kind]
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(template.format(title=title, today=today.isoformat(), year=today.year), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["post", "condition", "treatment"])
    parser.add_argument("title", nargs="?", default="")
    parser.add_argument("--docs", type=Path, default=DOCS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        path = scaffold(args.kind, args.title, args.docs)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    shown = path.relative_to(args.docs.parent) if path.is_relative_to(args.docs.parent) else path
    print(f"Created {shown}")
    if args.kind == "post":
        print("It is a draft (draft: true): it shows in `make serve` but is not published until you remove that line.")
    print("Open it, replace every TODO, then run `make check`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
