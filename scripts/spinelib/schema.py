"""The declared front-matter schema of each content type.

One pydantic model per kind of page (`Post`, `ConditionPage`, `TreatmentPage`, `OtherPage`) says
which fields exist, which are required and what each may hold. Rules that need the site (allowed
categories, tags and authors, pages that exist, today's date) read a `Rules` object passed as
validation context. `schema_messages.check()` validates a page against its model and turns every
pydantic error into one message an editor can act on.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from .content import Page
from .related import Index

DESCRIPTION_MAX = 160
SUMMARY_MAX = 120
MIN_SOURCES = 2
MAX_PINNED = 4          # editors' Related picks: room is left for the build to add an article or a condition
HIDE_OPTIONS = ("navigation", "toc", "footer", "path", "tags", "feedback")
STARTS_IN = ("spine", "foot-or-leg")
TREATMENT_TYPES = ("procedure", "test", "therapy")     # schema.org MedicalProcedure, MedicalTest, MedicalTherapy
DATE_KEYS = ("created", "updated")

_HTML_TAG = re.compile(r"<\s*[A-Za-z!/?]")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO_DATE = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}")


@dataclass(frozen=True)
class Rules:
    """What the schema needs to know about the site. None for an allow-list means "anything"."""

    page: Page
    index: Index
    today: dt.date
    categories: tuple[str, ...] | None = None
    tags: tuple[str, ...] | None = None
    authors: tuple[str, ...] | None = None


@dataclass(frozen=True)
class FieldProblem:
    line: int
    field: str
    message: str
    kind: str = ""          # pydantic's error type, or ours ("future", "not_allowed"): the checks give it a code


# --- helpers -----------------------------------------------------------------------------------

def _fail(kind: str, phrase: str) -> PydanticCustomError:
    """An error whose `phrase` follows the field's name: "'date' <phrase>"."""
    return PydanticCustomError(kind, "{phrase}", {"phrase": phrase})


def _rules(info: ValidationInfo) -> Rules:
    return info.context["rules"]  # type: ignore[index]


def shown(value: Any) -> str:
    """A value as the editor typed it, short enough for a message."""
    if value is None:
        return "nothing"
    if value is True or value is False:
        return str(value).lower()
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return f"'{text}'"
    if isinstance(value, (dt.date, int, float)):
        return str(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of 'name: value' lines"
    return type(value).__name__


def suggestion(value: object, choices: list[str] | tuple[str, ...]) -> str | None:
    if not isinstance(value, str) or not choices:
        return None
    folded = {c.casefold(): c for c in choices}
    if value.casefold() in folded:
        return folded[value.casefold()]
    match = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None


def _did_you_mean(value: object, choices: list[str] | tuple[str, ...]) -> str:
    close = suggestion(value, choices)
    return f"; did you mean '{close}'?" if close else ""


# --- value types ---------------------------------------------------------------------------

def _plain_text(value: str) -> str:
    if not value.strip():
        raise _fail("empty", "is empty: write the text after the colon")
    found = _HTML_TAG.search(value)
    if found:
        snippet = value[found.start(): found.start() + 12]
        raise _fail("html", f"must be plain text, without HTML (found '{snippet}'); remove the tag")
    return value


def _no_double_quotes(value: str) -> str:
    if '"' in value:
        raise _fail("double_quote", "contains a straight double quote (\"), which breaks the page's HTML; "
                                    "use single quotes (') or curly quotes (“ ”) inside the text")
    return value


PlainText = Annotated[StrictStr, AfterValidator(_plain_text)]
HeadingText = Annotated[StrictStr, AfterValidator(_plain_text), AfterValidator(_no_double_quotes)]
Description = Annotated[StrictStr, AfterValidator(_plain_text), AfterValidator(_no_double_quotes),
                        Field(max_length=DESCRIPTION_MAX)]
Summary = Annotated[StrictStr, AfterValidator(_plain_text), Field(max_length=SUMMARY_MAX)]


def _https_url(value: str) -> str:
    text = value.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() == "http":
        raise _fail("http", f"must start with https:// (got {shown(value)}); use the page's https address")
    if parts.scheme.lower() != "https" or not parts.netloc:
        raise _fail("not_url", f"must be a full web address starting with https:// (got {shown(value)})")
    if any(ch in text for ch in ' "<>`'):
        raise _fail("bad_url", f"contains a space or a character a web address cannot have (got {shown(value)})")
    return text


HttpsUrl = Annotated[StrictStr, AfterValidator(_https_url)]


def _year(value: int, info: ValidationInfo) -> int:
    today = _rules(info).today
    if not 1800 <= value <= today.year:
        raise _fail("year", f"must be a year like {today.year} (got {value})")
    return value


Year = Annotated[int, Field(strict=False), AfterValidator(_year)]


def as_date_value(value: Any) -> dt.date:
    """A YAML date (or date and time); anything else is an error with an example."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None:
        raise _fail("empty", "is empty: write a date like 2026-05-01")
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            raise _fail("quoted_date", f"must be a date without quotes, like 2026-05-01 (got the text '{value}')")
    raise _fail("date", f"must be a date like 2026-05-01 (got {shown(value)})")


def _reviewed(value: Any, info: ValidationInfo) -> dt.date:
    day = as_date_value(value)
    today = _rules(info).today
    if day > today:
        raise _fail("future", f"is in the future ({day}); use the date the page was actually reviewed "
                              f"({today} or earlier)")
    return day


ReviewDate = Annotated[Any, AfterValidator(_reviewed)]


def _post_date(value: Any, info: ValidationInfo) -> Any:
    rules = _rules(info)
    if isinstance(value, dict):
        unknown = [k for k in value if k not in DATE_KEYS]
        if unknown:
            raise _fail("date_key", f"has an unknown part '{unknown[0]}'{_did_you_mean(str(unknown[0]), DATE_KEYS)} "
                                    "(a post's date is a date, or 'created:' and 'updated:' dates)")
        if "created" not in value:
            raise _fail("date_created", "needs a 'created:' date when it has more than one date")
        try:
            created = as_date_value(value["created"])
        except PydanticCustomError as exc:
            raise _fail("date", f"'created' {exc.context['phrase']}") from None  # type: ignore[index]
        if "updated" in value:
            try:
                updated = as_date_value(value["updated"])
            except PydanticCustomError as exc:
                raise _fail("date", f"'updated' {exc.context['phrase']}") from None  # type: ignore[index]
            if updated < created:
                raise _fail("date_order", f"'updated' ({updated}) is before 'created' ({created})")
            if updated > rules.today:
                raise _fail("future", f"'updated' is in the future ({updated}); use today's date or earlier")
    else:
        created = as_date_value(value)
    if created > rules.today and rules.page.meta.get("draft") is not True:
        raise _fail("future", f"is in the future ({created}): nothing publishes a post on its date by itself (it "
                              "would stay hidden until the site is next rebuilt after that day); use today's date "
                              f"({rules.today}) or earlier, or add 'draft: true' and set the date when you publish")
    return value


PostDate = Annotated[Any, AfterValidator(_post_date)]


def _allowed(kind: str, what: str, where: str) -> Any:
    def check(value: str, info: ValidationInfo) -> str:
        allowed = getattr(_rules(info), kind)
        if allowed is None or value in allowed:
            return value
        close = suggestion(value, allowed)
        hint = f"; did you mean '{close}'?" if close else f" ({where.format(allowed=', '.join(allowed))})"
        raise _fail("not_allowed", f"contains '{value}', which is not {what}{hint}")
    return AfterValidator(check)


Category = Annotated[StrictStr, _allowed(
    "categories", "an allowed resource topic",
    "the topics are: {allowed}")]
Tag = Annotated[StrictStr, _allowed(
    "tags", "an allowed tag", "see the tag list in CONTRIBUTING.md section 3, or mkdocs.yml under tags: tags_allowed")]
Author = Annotated[StrictStr, _allowed(
    "authors", "an author listed in docs/blog/.authors.yml", "add the author there first, or use 'editorial'")]


def _page_ref(kinds: tuple[str, ...], what: str) -> Any:
    def check(value: str, info: ValidationInfo) -> str:
        rules = _rules(info)
        src = rules.index.resolve(value)
        target = rules.index.by_src.get(src) if src else None
        if target is None or target.kind not in kinds:
            names = sorted(slug for kind in kinds for slug in rules.index.of_kind(kind))
            close = suggestion(str(value).strip().removesuffix(".md").split("/")[-1], names)
            hint = f"; did you mean '{close}'?" if close else " (use the file name without '.md')"
            raise _fail("unknown_page", f"names '{value}', which is not {what}{hint}")
        if target.src == rules.page.src:
            raise _fail("self_ref", f"names '{value}', which is this page itself; remove it")
        return value
    return AfterValidator(check)


ConditionRef = Annotated[StrictStr, _page_ref(("condition",), "a condition page")]
RelatedRef = Annotated[StrictStr, _page_ref(("condition", "post", "treatment"),
                                            "a condition page, a treatment or test page, or a post")]
_POST_REF = _page_ref(("post",), "a post")


def _read_also(value: Any, info: ValidationInfo) -> Any:
    if value is None or value is False:
        return value
    if not isinstance(value, str):
        raise _fail("read_also", f"must be a post's file name (without '.md'), or false to turn the box off "
                                 f"(got {shown(value)})")
    return _POST_REF.func(value, info)


ReadAlso = Annotated[Any, AfterValidator(_read_also)]


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise _fail("slug", f"must be lower-case words joined by hyphens, like 'lifting-safely' (got {shown(value)})")
    return value


def _template(value: str) -> str:
    if not value.endswith(".html") or ".." in value or value.startswith("/"):
        raise _fail("template", f"must name a template in overrides/, like 'blog.html' (got {shown(value)})")
    return value


Hide = Literal[HIDE_OPTIONS]  # type: ignore[valid-type]


# --- the models --------------------------------------------------------------------------

class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Source(_Model):
    title: PlainText
    publisher: PlainText
    url: HttpsUrl
    year: Year | None = None


class Search(_Model):
    exclude: StrictBool | None = None
    boost: Annotated[float, Field(strict=False, gt=0)] | None = None


class _Common(_Model):
    title: HeadingText
    description: Description
    hide: list[Hide] | None = None
    search: Search | None = None
    search_terms: list[PlainText] | None = None      # readers' words for search, never shown


class _LibraryPage(_Common):
    """The fields condition pages and treatment pages share: a reviewed, sourced library entry."""

    summary: Summary
    last_reviewed: ReviewDate
    sources: Annotated[list[Source], Field(min_length=MIN_SOURCES)]
    aliases: list[PlainText] | None = None
    related: Annotated[list[RelatedRef], Field(max_length=MAX_PINNED)] | None = None
    review_interval_months: Annotated[StrictInt, Field(ge=1, le=36)] | None = None


class ConditionPage(_LibraryPage):
    """docs/conditions/*.md (not index.md)."""

    starts_in: Literal[STARTS_IN]  # type: ignore[valid-type]


class TreatmentPage(_LibraryPage):
    """docs/treatments/*.md (not index.md): a treatment, procedure or test."""

    treatment_type: Literal[TREATMENT_TYPES]  # type: ignore[valid-type]
    conditions: list[ConditionRef] | None = None


class Post(_Common):
    """docs/blog/posts/*.md."""

    date: PostDate
    categories: Annotated[list[Category], Field(min_length=1, max_length=2)]
    tags: Annotated[list[Tag], Field(min_length=1, max_length=6)]
    authors: Annotated[list[Author], Field(min_length=1)]
    sources: Annotated[list[Source], Field(min_length=MIN_SOURCES)]
    conditions: list[ConditionRef] | None = None
    related: Annotated[list[RelatedRef], Field(max_length=MAX_PINNED)] | None = None
    read_also: ReadAlso = None
    draft: StrictBool = False
    slug: Annotated[StrictStr, AfterValidator(_slug)] | None = None
    pin: StrictBool = False
    readtime: Annotated[StrictInt, Field(ge=0)] | None = None
    links: list[Any] | None = None


class OtherPage(_Common):
    """Every other page: home, about, guides, the glossary, the emergency page, section indexes."""

    template: Annotated[StrictStr, AfterValidator(_template)] | None = None
    sources: list[Source] | None = None
    last_reviewed: ReviewDate | None = None
    review_interval_months: Annotated[StrictInt, Field(ge=1, le=36)] | None = None
    tags: list[Tag] | None = None
    icon: StrictStr | None = None
    status: StrictStr | None = None
    subtitle: PlainText | None = None


MODELS: dict[str, type[_Model]] = {"post": Post, "condition": ConditionPage, "treatment": TreatmentPage,
                                   "page": OtherPage}
KIND_NAMES = {"post": "blog posts", "condition": "condition pages", "treatment": "treatment and test pages",
              "page": "other pages"}
LITERALS: dict[str, tuple[str, ...]] = {"hide": HIDE_OPTIONS, "starts_in": STARTS_IN, "treatment_type": TREATMENT_TYPES}
