"""Helpers shared by the browser tests (tests/test_browser_*.py).

- which built page stands for each page type (found from the built site, so renaming a post
  does not break the tests);
- axe-core from node_modules, run inside the page;
- `enhance(page)`: make the page load Material's bundle the way a reader does (main.html loads
  it on the first pointer/key/focus/scroll), and wait until it has mounted;
- FIGURES: numbers the tests measure, printed as tables at the end of the run (conftest.py).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from conftest import ROOT
from pagewait import wait_for

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
MISSING_URL = "this-page-does-not-exist/"       # answered with the site's 404 page

# name -> list of row dicts; conftest.pytest_terminal_summary prints them.
FIGURES: dict[str, list[dict[str, Any]]] = defaultdict(list)


def record(table: str, **row: Any) -> None:
    FIGURES[table].append(row)


# ---- pages ---------------------------------------------------------------------------------

def url_of(site_dir: Path, path: Path) -> str:
    rel = path.relative_to(site_dir).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def html_path(site_dir: Path, url: str) -> Path:
    """The built file behind a URL path from all_pages()."""
    return site_dir / url if url.endswith(".html") else site_dir / url / "index.html"


def all_pages(site_dir: Path) -> list[str]:
    """Every built HTML page, as a URL path relative to the site root ('' is the home page)."""
    return sorted(url_of(site_dir, p) for p in site_dir.rglob("*.html"))


def _first(site_dir: Path, pattern: str, *needles: str) -> str:
    """The first built page (in path order) matching `pattern` whose HTML contains every needle."""
    for path in sorted(site_dir.glob(pattern)):
        if path.parent.name == "page":            # blog pagination, not a page type
            continue
        html = path.read_text(encoding="utf-8")
        if all(n in html for n in needles):
            return url_of(site_dir, path)
    raise AssertionError(f"no built page matches {pattern} containing {needles}: has the site changed shape?")


def page_types(site_dir: Path) -> dict[str, str]:
    """One representative page per page type the issue lists (plus the checklist post)."""
    return {
        "home": "",
        "condition": _first(site_dir, "conditions/*/index.html", "care-card", '<img alt="', "page-sources", "share__list"),
        "symptom guide": _first(site_dir, "*/index.html", "leg-map"),
        "emergency": _first(site_dir, "emergency/index.html"),
        "post": _first(site_dir, "blog/*/index.html", "md-content--post", "newsletter", "share__list"),
        "post (checklist)": _first(site_dir, "blog/*/index.html", "md-content--post", "task-list"),
        "blog index": "blog/",
        "topic": _first(site_dir, "blog/topic/*/index.html"),
        "archive": _first(site_dir, "blog/archive/*/index.html"),
        "A to Z": "conditions/",
        "glossary": "glossary/",
        "about": "about/",
        "editorial policy": "about/editorial-policy/",
        "medical disclaimer": "about/medical-disclaimer/",
        "privacy": "about/privacy/",
        "accessibility statement": "about/accessibility/",
        "404": MISSING_URL,
    }


# ---- in the browser ------------------------------------------------------------------------

def enhance(page: Any, settle_ms: int = 150) -> None:
    """Do what a reader's first interaction does: main.html then loads Material's bundle."""
    if page.evaluate("document.documentElement.hasAttribute('data-md-enhanced') || !document.getElementById('__enhance')"):
        return                                   # already enhanced, or not a full page (the embed snippet)
    page.mouse.move(5, 300)
    page.mouse.move(10, 310)
    wait_for(page, "document.documentElement.hasAttribute('data-md-enhanced') && !!window.component$",
             timeout=10_000)
    page.wait_for_timeout(settle_ms)        # let Material's first animation frames settle


def run_axe(page: Any, tags: list[str] | None = None, rules: list[str] | None = None) -> list[dict[str, Any]]:
    """axe-core violations on the current page (WCAG 2.0/2.1/2.2 A and AA by default)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        # Through the DevTools protocol: an added inline <script> would be refused by the page's
        # Content-Security-Policy (as it should be).
        session = page.context.new_cdp_session(page)
        session.send("Runtime.evaluate", {"expression": AXE_JS.read_text(encoding="utf-8")})
        session.detach()
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    else:
        options["runOnly"] = {"type": "tag", "values": tags or WCAG_TAGS}
    result = page.evaluate("options => axe.run(document, options)", options)
    return result["violations"]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} element(s)")
        for node in v["nodes"][:3]:
            lines.append(f"      {node['target']}: {node['failureSummary'].splitlines()[-1].strip()[:160]}")
    return "\n".join(lines)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
