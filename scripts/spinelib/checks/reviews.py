"""SH9xx: publishing and review dates: overdue reviews, references to pages that are not
published, and drafts (which are not published until 'draft: true' is removed)."""

from __future__ import annotations

from .context import PageContext
from .registry import rule

OVERDUE = rule(
    "SH901", "review-overdue", "warning", "Condition and treatment pages are reviewed when due.",
    why="Medical advice changes; each page says when it was last reviewed, and readers trust that date.",
    fix="Check the page against its sources, then update 'last_reviewed'.",
    wrong="last_reviewed: 2025-06-01   (due a year later)", right="last_reviewed: 2026-11-20",
    you_wrote="`last_reviewed` over a year ago", says="the review is overdue: it was due on …")
REFERENCE_UNPUBLISHED = rule(
    "SH902", "reference-unpublished", "warning", "'related', 'conditions' and 'read_also' name published pages.",
    why="A draft (or a post dated in the future) is left out of the site, so the link to it is left out too.",
    fix="Nothing to do if the page will be published soon; otherwise name another page.",
    wrong="read_also: new-guide   (new-guide.md has draft: true)", right="read_also: staying-active",
    you_wrote="`read_also:` naming a draft", says="'read_also' names '…', which is a draft (or dated in the future)")
DRAFT = rule(
    "SH903", "draft-not-published", "warning", "A post with 'draft: true' is not published.",
    why="The scaffold makes every new post a draft. It shows in `make serve`, but the build leaves it out until "
        "the line is removed, which is easy to forget.",
    fix="When the post is ready, remove the line 'draft: true'.",
    wrong="draft: true", right="(no draft line)",
    you_wrote="`draft: true`", says="the post is a draft: it will not be published until you remove 'draft: true'")


def check_reviews(ctx: PageContext) -> None:
    page, site = ctx.page, ctx.site
    due = page.next_review_due
    if due is not None and due < site.today:
        ctx.add(OVERDUE, page.line_of("last_reviewed"), f"the review is overdue: it was due on {due} (last reviewed "
                                                        f"{page.last_reviewed}); check the page against its sources, "
                                                        "then update 'last_reviewed'", field="last_reviewed")
    if page.kind == "post" and page.meta.get("draft") is True:
        ctx.add(DRAFT, page.line_of("draft"), "the post is a draft: it will not be published until you remove the "
                                              "line 'draft: true'", field="draft")
    if not site.published(page):
        return
    for key in ("related", "conditions", "read_also"):
        refs = page.str_list(key) if key != "read_also" else (
            [page.meta["read_also"]] if isinstance(page.meta.get("read_also"), str) else [])
        for ref in refs:
            src = site.index.resolve(ref)
            target = site.by_src.get(src) if src else None
            if target is not None and not site.published(target):
                ctx.add(REFERENCE_UNPUBLISHED, page.line_of(key), f"'{key}' names '{ref}', which is a draft (or dated "
                                                                  "in the future); it is left out until that page is "
                                                                  "published", field=key)
