"""SH1xx: the file as a whole: its encoding, its name, whether it has any text, and what the
scaffold (`make new-post`, `make new-condition`, `make new-treatment`) left in it."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

from .context import PageContext
from .registry import rule

_FILE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.md$")
_TODO = re.compile(r"\bTODO\b")
# The sample sources of scripts/new_page.py's scaffolds: a website's front page, never the page used.
SCAFFOLD_SAMPLE_URLS = frozenset({"https://www.nhs.uk/conditions/", "https://medlineplus.gov/",
                                  "https://orthoinfo.aaos.org/"})

NOT_UTF8 = rule(
    "SH101", "not-utf8", "error", "The file is saved as UTF-8.",
    why="Characters saved in another encoding (an old Windows one, say) cannot be read, so the page would show "
        "garbled letters or stop the build.",
    fix="Open the file in your editor and save it with the 'UTF-8' encoding.",
    wrong="A file saved as 'Western (Windows 1252)': caf\\xe9", right="The same file saved as 'UTF-8': café",
    you_wrote="a file saved as Windows-1252", says="the file is not saved as UTF-8")
BYTE_ORDER_MARK = rule(
    "SH102", "byte-order-mark", "warning", "The file does not start with a byte-order mark.",
    why="Some editors put an invisible mark (BOM) at the start of the file. It is handled, but other tools can "
        "read it as text and fail to see the front matter.",
    fix="Save the file as 'UTF-8' (without BOM).",
    wrong="(an invisible \\ufeff before the first ---)", right="---  (the first three characters of the file)",
    you_wrote="a file saved as 'UTF-8 with BOM'", says="the file starts with a byte-order mark (BOM)")
WINDOWS_LINE_ENDINGS = rule(
    "SH103", "windows-line-endings", "warning", "Lines end with LF, not Windows' CRLF.",
    why="Windows line endings are handled, but they make every line look changed in the history of the file.",
    fix="Set your editor to save with 'LF' line endings.",
    wrong="title: \"Sciatica\"\\r\\n", right="title: \"Sciatica\"\\n",
    you_wrote="a file saved with Windows line endings", says="the file has Windows line endings (CRLF)")
EMPTY_FILE = rule(
    "SH104", "empty-file", "error", "The file is not empty.",
    why="An empty file becomes an empty page with no title on the site.",
    fix="Start it with front matter (see CONTRIBUTING.md section 3, or use 'make new-post' / 'make new-condition'), "
        "or delete it.",
    wrong="(nothing, or only spaces)", right='---\ntitle: "Sciatica"\ndescription: "..."\n---\n\nThe page\'s text.',
    you_wrote="an empty file", says="the file is empty")
NO_TEXT = rule(
    "SH105", "no-text", "error", "The page has text after its front matter.",
    why="A page with only front matter is published as a title and nothing else. (On pages other than posts, "
        "condition and treatment pages this is a warning.)",
    fix="Write the page, or delete the file.",
    wrong='---\ntitle: "Sciatica"\n...\n---\n', right='---\ntitle: "Sciatica"\n...\n---\n\nSciatica is pain ...',
    you_wrote="front matter and nothing after it", says="the page has no text after the front matter")
FILE_NAME = rule(
    "SH106", "file-name", "error", "Article file names use lower-case letters, numbers and hyphens.",
    why="The file name becomes the page's web address, and capitals, spaces and underscores make addresses that "
        "are hard to type and share.",
    fix="Rename the file as the message suggests.",
    wrong="docs/blog/posts/Back_Pain_Tips.md", right="docs/blog/posts/back-pain-tips.md",
    you_wrote="Back_Pain_Tips.md", says="rename the file to 'back-pain-tips.md'")
TODO_LEFT = rule(
    "SH107", "todo-left", "error", "No 'TODO' from the scaffold is left in the page.",
    why="The scaffold marks every place that needs your words with TODO. Left in, readers would see "
        "'TODO: one plain line' in search results, the A to Z list or the page itself.",
    fix="Replace each TODO with the real text, or delete the line.",
    wrong='description: "TODO: what sciatica is, in one plain sentence."',
    right='description: "What sciatica is, what causes it and how long it usually lasts."',
    you_wrote="'TODO' left from `make new-post`", says="the scaffold's 'TODO' is still here")
SAMPLE_VALUE = rule(
    "SH108", "scaffold-sample-value", "error", "Sources are not the scaffold's sample addresses.",
    why="The scaffold fills in a website's front page as a sample source. A source must be the page you "
        "actually used, so readers and reviewers can check the facts.",
    fix="Put the address of the page you used.",
    wrong='    url: "https://www.nhs.uk/conditions/"', right='    url: "https://www.nhs.uk/conditions/sciatica/"',
    you_wrote="the scaffold's `url: https://medlineplus.gov/`", says="is the scaffold's sample address")


def check_file(ctx: PageContext) -> bool:
    """The file's encoding and emptiness. False when the page cannot be checked further."""
    page = ctx.page
    problem = page.raw_problem or ""
    if problem.startswith("not-utf8"):
        line = int(problem.split(":", 1)[1]) if ":" in problem else None
        ctx.add(NOT_UTF8, line, "the file is not saved as UTF-8, so some characters cannot be read; "
                                "open it in your editor and save it with the 'UTF-8' encoding")
        return False
    if problem == "bom":
        ctx.add(BYTE_ORDER_MARK, 1, "the file starts with a byte-order mark (BOM); it is handled, but please "
                                    "save the file as 'UTF-8' (without BOM)")
    elif problem == "crlf":
        ctx.add(WINDOWS_LINE_ENDINGS, 1, "the file has Windows line endings (CRLF); they are handled, but please "
                                         "set your editor to save with 'LF' line endings")
    if not page.meta and not page.body.strip() and page.parse_error is None and not page.has_front_matter:
        ctx.add(EMPTY_FILE, 1, "the file is empty; start it with front matter (see CONTRIBUTING.md section 3, or use "
                               "'make new-post' / 'make new-condition'), or delete it")
        return False
    return True


def check_text(ctx: PageContext) -> bool:
    """The page has text, and an article's file name makes a good web address."""
    page = ctx.page
    if not page.body.strip():
        ctx.add(NO_TEXT, page.body_start_line if page.has_front_matter else 1,
                "the page has no text after the front matter; write the page, or delete the file",
                severity="error" if ctx.is_article else "warning")
        return False
    if ctx.is_article and not _FILE_NAME.match(PurePosixPath(page.src).name):
        name = re.sub(r"[^a-z0-9]+", "-", page.slug.lower()).strip("-") or "page-name"
        ctx.add(FILE_NAME, 1, f"rename the file to '{name}.md': the file name becomes the page's web address, "
                              "so use lower-case letters, numbers and hyphens only")
    return True


def check_leftovers(ctx: PageContext) -> None:
    """What the scaffold left: TODO in the front matter or the text, and its sample sources."""
    page = ctx.page
    for path, value in _values(page.meta, ()):
        if isinstance(value, str) and _TODO.search(value):
            ctx.add(TODO_LEFT, page.line_at(path), f"the scaffold's 'TODO' is still in {_label(path)}: replace it "
                                                   "with the real text before publishing", field=str(path[0]))
        if len(path) == 3 and path[0] == "sources" and path[2] == "url" and isinstance(value, str) \
                and value.strip() in SCAFFOLD_SAMPLE_URLS:
            ctx.add(SAMPLE_VALUE, page.line_at(path), f"{_label(path)} is the scaffold's sample address "
                                                      f"({value.strip()}); put the address of the page you actually "
                                                      "used", field="sources")
    for line, text in ctx.lines():
        if _TODO.search(text):
            ctx.add(TODO_LEFT, line, "the scaffold's 'TODO' is still here: replace it with your own words, or "
                                     "delete the line, before publishing")


def _values(value: Any, path: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], Any]]:
    if isinstance(value, dict):
        return [item for key, inner in value.items() for item in _values(inner, (*path, str(key)))]
    if isinstance(value, list):
        return [item for index, inner in enumerate(value) for item in _values(inner, (*path, index))]
    return [(path, value)] if path else []


def _label(path: tuple[str | int, ...]) -> str:
    if path[0] == "sources" and len(path) > 2 and isinstance(path[1], int):
        return f"'{path[2]}' of source {path[1] + 1}"
    return "'" + ": ".join(str(p) for p in path if not isinstance(p, int)) + "'"
