"""SH8xx: duplicates across the site: titles, file names (slugs) and web addresses."""

from __future__ import annotations

from collections import defaultdict

from ..content import Page
from .context import ARTICLE_KINDS, Site
from .registry import Problem, Report, Rule, rule

TITLE = rule(
    "SH801", "duplicate-title", "error", "Every page has its own title.",
    why="Two pages with one title look the same in search results, the A to Z and browser tabs.",
    fix="Give each page its own title.",
    wrong='title: "Staying active with back pain"   (in two files)',
    right='title: "Staying active with back pain"\ntitle: "Exercises for back pain at work"',
    you_wrote="a title another page has", says="the title '…' is also used by …")
SLUG = rule(
    "SH802", "duplicate-slug", "error", "Every article has its own file name.",
    why="Pages are named by their file name in 'related', 'conditions' and 'read_also'; two with one name cannot "
        "be told apart.",
    fix="Rename one of the files.",
    wrong="docs/blog/posts/sciatica.md and docs/conditions/sciatica.md",
    right="docs/blog/posts/living-with-sciatica.md and docs/conditions/sciatica.md",
    you_wrote="a post named like a condition page", says="the file name (slug) '…' is also used by …")
ADDRESS = rule(
    "SH803", "duplicate-address", "error", "Every page has its own web address.",
    why="Two files that become the same address overwrite each other on the site.",
    fix="Rename or move one of the files.",
    wrong="docs/conditions/sciatica.md and docs/conditions/sciatica/index.md",
    right="docs/conditions/sciatica.md",
    you_wrote="sciatica.md and sciatica/index.md", says="the web address '/conditions/sciatica/' is also used by …")


def check_duplicates(site: Site, report: Report) -> None:
    def flag(groups: dict[str, list[Page]], declared: Rule, what: str, fix: str, field_name: str | None) -> None:
        for value, pages in groups.items():
            if len(pages) < 2:
                continue
            for page in pages:
                others = ", ".join(site.display(p.src) for p in pages if p is not page)
                line = page.line_of(field_name) if field_name and field_name in page.key_lines else None
                report.add(Problem(site.display(page.src), line, field_name,
                                   f"{what} '{value}' is also used by {others}; {fix}", "error", declared.code))

    titles: dict[str, list[Page]] = defaultdict(list)
    shown_title: dict[str, str] = {}
    for page in site.pages:
        title = page.meta.get("title")
        if isinstance(title, str) and title.strip():
            key = " ".join(title.casefold().split())
            titles[key].append(page)
            shown_title.setdefault(key, " ".join(title.split()))
    flag({shown_title[k]: v for k, v in titles.items()}, TITLE, "the title", "give each page its own title", "title")

    slugs: dict[str, list[Page]] = defaultdict(list)
    for page in site.pages:
        if page.kind in ARTICLE_KINDS:
            slugs[page.slug].append(page)
    flag(dict(slugs), SLUG, "the file name (slug)", "rename one of the files: pages are named by their file name "
         "in 'related', 'conditions' and 'read_also'", None)

    urls: dict[str, list[Page]] = defaultdict(list)
    for page in site.pages:
        urls["/" + page.url].append(page)
    flag(dict(urls), ADDRESS, "the web address", "rename or move one of the files so each page has its own address",
         None)
