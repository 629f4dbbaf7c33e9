"""A large blog's search index in two parts, so a reader's first results come quickly.

Material downloads the whole search/search_index.json when the reader opens search. On a blog
of a thousand posts that is about a megabyte (gzipped) before the first result. When the index
is larger than BUDGET (gzipped), the build writes it in two parts:

- search/search_index.json, which Material fetches: every page in full, except blog posts, which
  keep only their own first entry (title, opening paragraph, tags and search terms). The blog's
  listing pages (its index, archive, topic pages and their page 2, 3 ...) are left out: they
  only repeat the posts' openings.
- search/search_index.full.json: the whole index as Material wrote it. lazy-search.js fetches it
  after the reader's first results are on screen, builds it in a second search worker, and
  searches it from then on, so typing never waits for it.

A site below the budget (this hospital's today) keeps Material's single index untouched.
Plain functions, no MkDocs; the hooks pass the kind of every page by its URL.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Gzipped bytes of the part fetched first. The goal (issue 17) is 300 KB from opening search to
# the first results, of which Material's search worker script is about 12 KB.
BUDGET = 250 * 1024
INDEX_NAME = "search_index.json"
FULL_NAME = "search_index.full.json"
CONFIG_KEY = "full_index"        # in the first part's config: where the whole index is


BUDGET_VARIABLE = "SPINE_SEARCH_FIRST_PART_KB"    # tests split the small real site with a tiny budget


def budget(environ: Mapping[str, str]) -> int:
    """The budget in bytes: BUDGET, or the environment's SPINE_SEARCH_FIRST_PART_KB (whole KB)."""
    value = environ.get(BUDGET_VARIABLE, "").strip()
    return int(value) * 1024 if value.isdigit() else BUDGET


@dataclass(frozen=True)
class Split:
    first_docs: int
    all_docs: int
    first_gzip: int
    all_gzip: int


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def first_part(index: Mapping[str, Any], kinds: Mapping[str, str]) -> dict[str, Any]:
    """The index without posts' sections and without pages the site's files did not make.

    kinds: page URL (as in an index entry's location before '#') -> kind of page."""
    docs = []
    for doc in index.get("docs", []):
        location = str(doc.get("location", ""))
        url, _, section = location.partition("#")
        kind = kinds.get(url)
        if kind is None or (kind == "post" and section):
            continue
        docs.append(doc)
    return {**index, "config": {**index.get("config", {}), CONFIG_KEY: FULL_NAME}, "docs": docs}


def split(search_dir: Path, kinds: Mapping[str, str], budget: int = BUDGET) -> Split | None:
    """Write the two parts when the index is over budget; None when it is left as it is."""
    path = search_dir / INDEX_NAME
    if not path.is_file():
        return None
    raw = path.read_bytes()
    whole = gzipped_size(raw)
    if whole <= budget:
        (search_dir / FULL_NAME).unlink(missing_ok=True)     # left over from a bigger build
        return None
    index = json.loads(raw)
    part = first_part(index, kinds)
    first = json.dumps(part, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    (search_dir / FULL_NAME).write_bytes(raw)
    path.write_bytes(first)
    return Split(len(part["docs"]), len(index.get("docs", [])), gzipped_size(first), whole)
