"""SH2xx: front matter. `schema.py` declares each content type's fields and
`schema_messages.py` words their errors; these rules run them and give each kind of mistake its
code. (The scaffold's TODO and sample values are SH107, SH108.)"""

from __future__ import annotations

from .. import schema_messages
from .context import PageContext, Site
from .registry import Problem, Report, Rule, rule

_SOURCE = '''sources:
  - title: "Sciatica"
    publisher: "NHS"
    year: 2023
    url: "https://www.nhs.uk/conditions/sciatica/"'''

UNREADABLE = rule(
    "SH201", "front-matter-unreadable", "error", "The front matter can be read as 'name: value' lines (YAML).",
    why="If the front matter cannot be read, the page has no title, description or sources, and nothing else "
        "about it can be checked.",
    fix="Follow the message: most often a value with ': ' in it needs double quotes around the whole value.",
    wrong="title: Sciatica: a guide", right='title: "Sciatica: a guide"',
    you_wrote="`title: Sciatica: a guide`", says="a value contains ': ': put the whole value in double quotes")
NOT_FOUND = rule(
    "SH202", "front-matter-missing", "error", "The file starts with front matter between two '---' lines.",
    why="The title, description, dates and sources of every page come from its front matter.",
    fix="Start the file with a '---' line on the very first line, then the fields, then another '---' line.",
    wrong='title: "Sciatica"\n\nSciatica is ...', right='---\ntitle: "Sciatica"\n---\n\nSciatica is ...',
    you_wrote="no '---' lines", says="the page has no front matter")
FIELD_MISSING = rule(
    "SH203", "field-missing", "error", "Every required field of the page's type is there.",
    why="Required fields feed the page's heading, search results, the A to Z, the review date and the sources "
        "list; without one the page is incomplete.",
    fix="Add the field, as the message shows.",
    wrong='title: "Sciatica"\ndate: 2026-05-01',
    right='title: "Sciatica"\ndescription: "What sciatica is and how long it lasts."\ndate: 2026-05-01',
    you_wrote="no `description:`", says="'description' is missing")
TOO_LONG = rule(
    "SH204", "text-too-long", "error", "Descriptions and summaries fit their length limits.",
    why="Search engines and the A to Z cut longer text off in the middle of a sentence: 160 characters for a "
        "description, 120 for a summary.",
    fix="Shorten it.",
    wrong='description: "A very long description that goes on and on ... (208 characters)"',
    right='description: "What sciatica is, what causes it and how long it usually lasts."',
    you_wrote="a description of 200 characters", says="'description' is 208 characters long; shorten it to 160 "
                                                      "or fewer")
UNKNOWN_FIELD = rule(
    "SH205", "unknown-field", "error", "Every field is one the page's type uses, spelt right.",
    why="A misspelt field is ignored by the site, so what you wrote in it never shows.",
    fix="Fix the spelling, or remove the field.",
    wrong="categores:\n  - Symptoms", right="categories:\n  - Symptoms",
    you_wrote="`categores:`", says="unknown field 'categores': did you mean 'categories'?")
WRONG_TYPE = rule(
    "SH206", "wrong-type", "error", "Each field holds the kind of value it takes (text, list, number, true/false).",
    why="A value of the wrong kind (one tag typed on the same line instead of a list, say) is read differently "
        "by the site than you meant.",
    fix="Write the value as the message shows.",
    wrong="tags: Back pain", right="tags:\n  - Back pain",
    you_wrote="`tags: Back pain`", says="'tags' must be a list, one item per line starting with '- '")
PLAIN_TEXT = rule(
    "SH207", "not-plain-text", "error", "Titles and descriptions are plain text: no HTML, no straight double quotes.",
    why="Titles and descriptions are put into the page's HTML, search results and feeds as they are; HTML in them "
        "could run in readers' browsers, and a straight double quote breaks the page's HTML.",
    fix="Remove the HTML tag; use single or curly quotes inside the text.",
    wrong='title: "Sciatica <b>now</b>"', right='title: "Sciatica"',
    you_wrote="`title: \"<b>Sciatica</b>\"`", says="'title' must be plain text, without HTML")
DATE_INVALID = rule(
    "SH208", "date-invalid", "error", "Dates are real dates, written YYYY-MM-DD without quotes.",
    why="Posts are ordered, and reviews fall due, by their dates; text that only looks like a date is not one.",
    fix="Write a real date like 2026-05-01, without quotes.",
    wrong="date: 2026-13-01", right="date: 2026-01-13",
    you_wrote="`date: 2026-13-01`", says="'date' must be a date like 2026-05-01")
DATE_IN_FUTURE = rule(
    "SH209", "date-in-future", "error", "Dates are not in the future (except a draft's).",
    why="A review date in the future is not true; a post dated in the future is left out of the site until that "
        "date and a new build.",
    fix="Use today's date or earlier, or add 'draft: true' to a post that is not ready and set its date on the day "
        "you publish it: nothing publishes a post on its date by itself.",
    wrong="date: 2099-01-01", right="date: 2026-05-01",
    you_wrote="`date: 2099-01-01`", says="'date' is in the future: nothing publishes a post on its date by itself")
NOT_ALLOWED = rule(
    "SH210", "value-not-allowed", "error", "Categories, tags, authors and other fixed choices come from their lists.",
    why="Topics and tags group pages for readers; a new spelling makes a group with one page in it, and an "
        "author must be listed to be shown.",
    fix="Use a name from the list (the message suggests the closest).",
    wrong="categories:\n  - Symptom", right="categories:\n  - Symptoms",
    you_wrote="`- Symptom` under categories", says="'Symptom' is not an allowed resource topic; did you mean "
                                                    "'Symptoms'?")
UNKNOWN_PAGE = rule(
    "SH211", "unknown-page", "error", "'conditions', 'related' and 'read_also' name pages that exist.",
    why="These fields make the related links and boxes under the page; a name that is not a page gives no link.",
    fix="Use the page's file name without '.md' (the message suggests the closest).",
    wrong="conditions:\n  - sciatca", right="conditions:\n  - sciatica",
    you_wrote="`- sciatca` under conditions", says="'conditions' names 'sciatca', which is not a condition page")
TOO_FEW_SOURCES = rule(
    "SH212", "too-few-sources", "error", "Articles list at least 2 trusted sources.",
    why="Medical facts are checked against more than one trusted source, and readers can follow them.",
    fix="Add the other trusted source you used.",
    wrong=_SOURCE, right=_SOURCE + '\n  - title: "Low back pain and sciatica in over 16s (NG59)"\n'
                                   '    publisher: "NICE"\n    year: 2020\n'
                                   '    url: "https://www.nice.org.uk/guidance/ng59"',
    you_wrote="one source", says="'sources' needs at least 2 sources")
SOURCE_URL = rule(
    "SH213", "source-url", "error", "Each source's address is a full https:// web address.",
    why="Readers follow sources to check the facts; an http:// address can be changed on the way.",
    fix="Use the page's https address.",
    wrong='    url: "http://www.nhs.uk/conditions/sciatica/"', right='    url: "https://www.nhs.uk/conditions/sciatica/"',
    you_wrote="`url: http://…`", says="must start with https://")
AUTHORS_FILE = rule(
    "SH214", "authors-file-unreadable", "error", "docs/blog/.authors.yml can be read.",
    why="Every post's 'authors' are checked against this file, and the blog shows their names from it.",
    fix="Fix the file as the message says; each author is an 'id:' entry under 'authors:'.",
    wrong="authors:\n  - editorial", right="authors:\n  editorial:\n    name: \"Editorial team\"",
    you_wrote="a broken docs/blog/.authors.yml", says="cannot be read; every post's 'authors' depends on it",
    fixture_exempt="a site file, not a page; tested by tests/test_validate.py")

CURLY_QUOTES = rule(
    "SH215", "curly-quotes-around-value", "error", "Titles, descriptions and summaries are not wrapped in curly quotes.",
    why="Curly quotes pasted from a word processor are not YAML's quotes: they become part of the text and show in "
        "the published heading, search results and feeds.",
    fix="Replace the curly quotes at the start and end with straight double quotes (\").",
    wrong="title: \u201cSciatica\u201d", right='title: "Sciatica"',
    you_wrote="`title: \u201cSciatica\u201d`", says="'title' is wrapped in curly quotes")
_CURLY_OPEN, _CURLY_CLOSE = ("\u201c", "\u2018", "\u201e"), ("\u201d", "\u2019")

_CODES: dict[str, Rule] = {
    "missing": FIELD_MISSING, "extra_forbidden": UNKNOWN_FIELD, "string_too_long": TOO_LONG,
    "empty": PLAIN_TEXT, "html": PLAIN_TEXT, "double_quote": PLAIN_TEXT,
    "date": DATE_INVALID, "quoted_date": DATE_INVALID, "date_key": DATE_INVALID, "date_created": DATE_INVALID,
    "date_order": DATE_INVALID, "year": DATE_INVALID, "future": DATE_IN_FUTURE,
    "not_allowed": NOT_ALLOWED, "literal_error": NOT_ALLOWED,
    "unknown_page": UNKNOWN_PAGE, "self_ref": UNKNOWN_PAGE, "read_also": UNKNOWN_PAGE,
    "too_few_sources": TOO_FEW_SOURCES, "http": SOURCE_URL, "not_url": SOURCE_URL, "bad_url": SOURCE_URL,
}

_NEEDS = {"post": "title, description, date, categories, tags, authors and sources",
          "condition": "title, description, summary, starts_in, last_reviewed and sources",
          "treatment": "title, description, summary, treatment_type, last_reviewed and sources",
          "page": "title and description"}


def check_front_matter(ctx: PageContext) -> bool:
    """True when the front matter was read and follows its schema."""
    page = ctx.page
    if page.parse_error is not None:
        ctx.add(UNREADABLE, page.parse_error.line, page.parse_error.message)
        return False
    if not page.has_front_matter:
        first = page.body.lstrip("\ufeff")
        if first.lstrip(" \t\n").startswith("---") and not first.startswith("---"):
            leading = first[: len(first) - len(first.lstrip(" \t\n"))]
            ctx.add(NOT_FOUND, leading.count("\n") + 1, "the front matter must start on the very first line of the "
                                                        "file; remove the blank lines or spaces before the first '---'")
        elif first.startswith("---"):
            ctx.add(NOT_FOUND, 1, "the front matter has no closing '---' line; add a line with just '---' after the "
                                  "last field")
        else:
            ctx.add(NOT_FOUND, 1, f"the page has no front matter: start the file with a '---' line, then "
                                  f"{_NEEDS[page.kind]}, then another '---' line (see CONTRIBUTING.md section 3)")
        return False
    problems = schema_messages.check(page, ctx.site.rules(page))
    for problem in problems:
        ctx.add(_CODES.get(problem.kind, WRONG_TYPE), problem.line, problem.message, field=problem.field)
    curly = [key for key in ("title", "description", "summary") if isinstance(page.meta.get(key), str)
             and page.meta[key].strip().startswith(_CURLY_OPEN) and page.meta[key].strip().endswith(_CURLY_CLOSE)]
    for key in curly:
        ctx.add(CURLY_QUOTES, page.line_of(key), f"'{key}' is wrapped in curly quotes pasted from a word processor, "
                                                 "which would show in the published text; replace them with straight "
                                                 'double quotes (")', field=key)
    return not problems and not curly


def check_authors_file(site: Site, report: Report) -> None:
    if site.authors_problem and any(p.kind == "post" for p in site.pages):
        report.add(Problem(site.display_file(site.authors_file), None, "authors", site.authors_problem, "error",
                           AUTHORS_FILE.code))
