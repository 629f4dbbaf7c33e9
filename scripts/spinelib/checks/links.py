"""SH4xx: links and pictures. Internal links and #anchors resolve as MkDocs resolves them;
pictures exist and have alt text; other websites over https only."""

from __future__ import annotations

import difflib
import posixpath
import re
from collections import defaultdict
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from .context import PageContext, Rendered, short
from .html import unsafe_scheme
from .registry import Rule, rule

if TYPE_CHECKING:
    from bs4 import Tag

_PICTURE_TYPES = frozenset({".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"})

LINK_NOT_FOUND = rule(
    "SH401", "link-not-found", "error", "Links to pages of this site point to files that exist.",
    why="A broken link is a dead end for a reader looking for help.",
    fix="Fix the file name (the message suggests the closest); links are relative to the file they are in, and "
        "name the page's .md file, not its web address or folder.",
    wrong="[sciatica](../../conditions/sciatca.md)", right="[sciatica](../../conditions/sciatica.md)",
    you_wrote="`[sciatica](../../conditions/sciatca.md)`", says="points to … which does not exist; did you mean "
                                                               "'…/sciatica.md'?")
ANCHOR_NOT_FOUND = rule(
    "SH402", "anchor-not-found", "error", "Links to a section (#...) name a section the page has.",
    why="A link to a missing section opens the page at the top, not where the reader was sent.",
    fix="Use the section's id: its heading in lower case, with hyphens for spaces.",
    wrong="[the symptoms](../../conditions/sciatica.md#symtoms)",
    right="[the symptoms](../../conditions/sciatica.md#symptoms)",
    you_wrote="`…/sciatica.md#symtoms`", says="points to a section '#symtoms' that … does not have")
NOT_HTTPS = rule(
    "SH403", "link-not-https", "error", "Links to other websites use https://.",
    why="An http:// page can be changed on its way to the reader, and browsers warn about it.",
    fix="Change http:// to https:// and check that the page still opens.",
    wrong="[NHS](http://www.nhs.uk/conditions/back-pain/)", right="[NHS](https://www.nhs.uk/conditions/back-pain/)",
    you_wrote="`[NHS](http://…)`", says="must start with https://")
PICTURE_NOT_FOUND = rule(
    "SH404", "picture-not-found", "error", "Pictures point to files that exist.",
    why="A missing picture shows as a broken box, or as nothing, to readers.",
    fix="Fix the file name (the message suggests the closest) or add the picture to docs/assets/images/.",
    wrong="![The lower spine](../../assets/images/spine.png)", right="![The lower spine](../../assets/images/"
                                                                     "lower-spine.svg)",
    you_wrote="`![…](../../assets/images/spine.png)`", says="the picture … points to …, which does not exist")
NO_ALT = rule(
    "SH405", "picture-no-alt", "error", "Every picture has alt text.",
    why="Alt text is what screen readers say instead of the picture, and what shows if it cannot load.",
    fix="Describe what the picture shows inside the square brackets.",
    wrong="![](../../assets/images/lower-spine.svg)",
    right="![Diagram of the lower spine and its nerve roots](../../assets/images/lower-spine.svg)",
    you_wrote="`![](../../assets/images/x.svg)`", says="the picture has no alt text")
EMPTY = rule(
    "SH406", "address-empty", "error", "Links and pictures have an address, and it is a valid one.",
    why="A link with no address goes nowhere.",
    fix="Put the page's file name or an https:// address in the brackets.",
    wrong="[sciatica]()", right="[sciatica](../../conditions/sciatica.md)",
    you_wrote="`[sciatica]()`", says="a link has an empty address")
IN_HTML = rule(
    "SH407", "link-in-html", "error", "Links and pictures to this site's files are written in Markdown.",
    why="MkDocs turns Markdown links into the page's web address; an href=\"x.md\" in raw HTML is left as it is, "
        "so it is broken on the site.",
    fix="Write it in Markdown, as the message shows.",
    wrong='<a href="../../emergency.md">emergency</a>', right="[emergency](../../emergency.md)",
    you_wrote='`<a href="../emergency.md">`', says="is written in HTML, so MkDocs does not turn it into the page's "
                                                   "web address")
TO_DRAFT = rule(
    "SH408", "link-to-draft", "error", "Published pages do not link to drafts.",
    why="A draft (or a post dated in the future) is not published, so the link would be broken on the site.",
    fix="Remove the link until that page is published.",
    wrong="[our new guide](new-guide.md)   (new-guide.md has draft: true)", right="(no link until it is published)",
    you_wrote="a link to a post with `draft: true`", says="points to …, which is a draft … and is not published")


def check_links(ctx: PageContext, rendered: Rendered) -> None:
    seen: dict[tuple[str, str], int] = defaultdict(int)
    for tag in rendered.soup.find_all(["a", "img", "source"]):
        if tag.name == "a" and tag.has_attr("href"):
            seen[("a", str(tag["href"]))] += 1
        elif tag.name in ("img", "source") and tag.has_attr("src"):
            seen[("img", str(tag["src"]))] += 1
        if tag.name == "img":
            _check_alt(ctx, tag)
    for (kind, url), count in seen.items():
        found = _link_problem(ctx, kind, url, rendered)
        if found:
            times = f" (it appears {count} times)" if count > 1 else ""
            shown = found[2] if len(found) > 2 else url     # the link as written, if the build changed it
            ctx.add(found[0], ctx.url_line(shown), found[1] + times)


def _check_alt(ctx: PageContext, tag: Tag) -> None:
    src = str(tag.get("src") or "")
    alt = tag.get("alt")
    if alt is None or not str(alt).strip():
        ctx.add(NO_ALT, ctx.url_line(src), f"the picture '{short(src)}' has no alt text: describe what it shows "
                                           "inside the square brackets, like ![Diagram of the lower spine and its "
                                           f"nerve roots]({short(src)})")


def _link_problem(ctx: PageContext, kind: str, url: str,
                  rendered: Rendered) -> tuple[Rule, str] | tuple[Rule, str, str] | None:
    what = "picture" if kind == "img" else "link"
    if unsafe_scheme(url):
        return None                      # already reported as unsafe HTML
    stripped = url.strip()
    if not stripped:
        return EMPTY, f"a {what} has an empty address; put the page's file name or an https:// address in the brackets"
    try:
        parts = urlsplit(stripped)
    except ValueError:
        return EMPTY, f"the {what} '{short(url)}' is not a valid address"
    scheme = parts.scheme.lower()
    if scheme in ("mailto", "tel") and kind == "a":
        return None
    if scheme == "http":
        return NOT_HTTPS, (f"the {what} '{short(url)}' must start with https:// (links to other websites must be "
                           "secure); change http:// to https:// and check that the page still opens")
    if scheme == "https":
        return None if parts.netloc else (NOT_HTTPS, f"the {what} '{short(url)}' is missing the website's name")
    if scheme or parts.netloc:
        return NOT_HTTPS, (f"the {what} '{short(url)}' must start with https:// (or be a page of this site); "
                           f"'{scheme or '//'}' addresses are not allowed")
    if not parts.path:
        if parts.fragment and kind == "a":
            return _anchor_problem(ctx, url, parts.fragment, ctx.page.src, rendered.ids)
        return None
    if ctx.page.src in ctx.site.rendered_html:
        # HTML from the build: MkDocs has already turned .md links into web addresses and checks
        # them itself (strict mode), so our file-based check only runs in `make check`. A link to a
        # .md file is still there only if MkDocs left it alone: written in raw HTML, or to a page
        # the build leaves out (a draft), which MkDocs mentions only as information.
        if parts.path.endswith(".md") and _written_in_html(ctx, url):
            return IN_HTML, _in_html(kind, url)
        return _built_link_to_draft(ctx, kind, url, unquote(parts.path))
    return _internal_problem(ctx, kind, url, unquote(parts.path), parts.fragment)


def _internal_problem(ctx: PageContext, kind: str, url: str, path: str, fragment: str) -> tuple[Rule, str] | None:
    what = "picture" if kind == "img" else "link"
    src = ctx.page.src
    if path.startswith(("/", "\\")):
        target = posixpath.normpath(path.lstrip("/\\"))
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src), path).lstrip("/"))
    files = ctx.site.files()
    if target == "." or target.startswith("../") or target not in files or target.endswith("/"):
        return PICTURE_NOT_FOUND if kind == "img" else LINK_NOT_FOUND, _not_found(ctx, what, url, path, target,
                                                                                   fragment)
    if _written_in_html(ctx, url):
        return IN_HTML, _in_html(kind, url)
    page = ctx.site.by_src.get(target)
    if page is None:
        return None                       # a picture or another file that exists
    if kind == "a" and ctx.site.published(ctx.page) and not ctx.site.published(page):
        return TO_DRAFT, _draft_message(ctx, url, target)
    if fragment and kind == "a":
        rendered = ctx.site.rendered(page)
        if rendered is not None:
            return _anchor_problem(ctx, url, fragment, target, rendered.ids)
    return None


def _built_link_to_draft(ctx: PageContext, kind: str, url: str, path: str) -> tuple[Rule, str, str] | None:
    """In the build's HTML a link to a draft is a web address (MkDocs only mentions it, as information)."""
    if kind != "a" or not ctx.site.published(ctx.page):
        return None
    address = posixpath.normpath(posixpath.join(ctx.page.url, path)).strip("/") + "/"
    target = next((p for p in ctx.site.pages if p.kind == "post" and p.url == address), None)
    if target is None or ctx.site.published(target):
        return None
    here = posixpath.dirname(ctx.page.src)
    written = next((link for _, text in ctx.lines() for link in _MARKDOWN_LINK.findall(text)
                    if posixpath.normpath(posixpath.join(here, link.split("#")[0])) == target.src), url)
    return TO_DRAFT, _draft_message(ctx, written, target.src), written


def _draft_message(ctx: PageContext, url: str, target: str) -> str:
    return (f"the link '{short(url)}' points to {ctx.site.display(target)}, which is a draft (or dated in the future) "
            "and is not published; remove the link until that page is published")


_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")


def _in_html(kind: str, url: str) -> str:
    what = "picture" if kind == "img" else "link"
    example = f"![what the picture shows]({url})" if kind == "img" else f"[the link text]({url})"
    return (f"the {what} '{short(url)}' is written in HTML, so MkDocs does not turn it into the page's web address "
            f"and it would be broken on the site; write it in Markdown: {example}")


def _written_in_html(ctx: PageContext, url: str) -> bool:
    """Only Markdown links and pictures are rewritten by MkDocs; href="x.md" in raw HTML is not."""
    raw = re.compile(r"\b(?:href|src)\s*=\s*[\"']?" + re.escape(url) + r"(?:[\"'\s>]|$)")
    markdown_form = re.compile(r"\]\(\s*<?" + re.escape(url) + r"|^\s*\[[^\]]+\]:\s*<?" + re.escape(url))
    return ctx.find_line(raw) is not None and ctx.find_line(markdown_form) is None


def _not_found(ctx: PageContext, what: str, url: str, path: str, target: str, fragment: str) -> str:
    files = ctx.site.files()
    here = posixpath.dirname(ctx.page.src)
    last = posixpath.basename(path.rstrip("/"))
    if "@" in url and "." in url and "/" not in url:
        return f"the {what} '{short(url)}' looks like an email address; write it as 'mailto:{url}'"
    if not posixpath.splitext(last)[1]:
        for index in ("index.md", "README.md"):
            candidate = posixpath.normpath(posixpath.join(target, index)) if target != "." else index
            if candidate in files:
                suggested = relative(candidate, here) + (f"#{fragment}" if fragment else "")
                return f"the {what} '{short(url)}' points to a folder; link to its page file instead: '{suggested}'"
        if target + ".md" in files:
            suggested = relative(target + ".md", here) + (f"#{fragment}" if fragment else "")
            return (f"the {what} '{short(url)}' is a web address, not a file; link to the page's file "
                    f"instead: '{suggested}'")
    shown_target = ctx.site.display(target) if not target.startswith("../") else "a file outside docs/"
    close = _closest_file(target, files, pictures=what == "picture")
    hint = f"; did you mean '{relative(close[0], here)}'?" if close else \
        "; check the file name and the folder (links are relative to this file)"
    return f"the {what} '{short(url)}' points to {shown_target}, which does not exist{hint}"


def _anchor_problem(ctx: PageContext, url: str, fragment: str, target: str,
                    ids: frozenset[str]) -> tuple[Rule, str] | None:
    anchor = unquote(fragment)
    if anchor in ids or fragment in ids:
        return None
    close = difflib.get_close_matches(anchor, sorted(ids), n=1, cutoff=0.6)
    hint = f"; did you mean '#{close[0]}'?" if close else "; check the heading's spelling"
    where = "this page" if target == ctx.page.src else ctx.site.display(target)
    return ANCHOR_NOT_FOUND, f"the link '{short(url)}' points to a section '#{anchor}' that {where} does not have{hint}"


def _closest_file(target: str, files: set[str], *, pictures: bool) -> list[str]:
    extension = posixpath.splitext(target)[1]
    pools = [sorted(f for f in files if posixpath.splitext(f)[1] == extension)]
    if pictures:
        pools.append(sorted(f for f in files if posixpath.splitext(f)[1].lower() in _PICTURE_TYPES))
    for pool in pools:
        close = difflib.get_close_matches(target, pool, n=1, cutoff=0.6)
        if close:
            return close
        by_name = {posixpath.basename(f): f for f in pool}
        match = difflib.get_close_matches(posixpath.basename(target), list(by_name), n=1, cutoff=0.75)
        if match:
            return [by_name[match[0]]]
    return []


def relative(target: str, from_dir: str) -> str:
    return posixpath.relpath(target, from_dir or ".")
