"""Plain messages for front-matter mistakes: `check()` validates one page's front matter against
its kind's model (schema.py) and turns every pydantic error into one message an editor can act
on, naming the field and the file line of the value at fault, and saying what to write instead.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from . import schema
from .content import Page
from .schema import KIND_NAMES, LITERALS, FieldProblem, Rules, Search, Source, _did_you_mean, _Model, shown, suggestion

HOW_TO_ADD = {      # what to write when a field is missing
    "title": 'add a line like title: "Sciatica"',
    "description": 'add a line like description: "One sentence about the page, 160 characters at most."',
    "summary": 'add a line like summary: "One plain line for the A to Z, 120 characters at most."',
    "starts_in": "add a line starts_in: spine (or starts_in: foot-or-leg)",
    "treatment_type": "add a line treatment_type: procedure (or test, or therapy)",
    "last_reviewed": "add a line like last_reviewed: {today}",
    "date": "add a line like date: {today}",
    "categories": "add a 'categories:' line, then 1 or 2 topics, each on its own line like '  - Symptoms'",
    "tags": "add a 'tags:' line, then 1 to 6 tags, each on its own line like '  - Back pain'",
    "authors": "add an 'authors:' line, then a line '  - editorial'",
    "sources": "add a 'sources:' line, then at least 2 sources, each with title, publisher, year and url",
    "title_of_source": 'add a line like title: "Sciatica"',
    "publisher": 'add a line like publisher: "NHS"',
    "url": 'add a line like url: "https://www.nhs.uk/conditions/sciatica/"',
}


def check(page: Page, rules: Rules) -> list[FieldProblem]:
    """Validate the page's front matter against its type's schema; one problem per mistake."""
    model = schema.MODELS[page.kind]   # read at call time (tests swap a model in)
    data = {str(k): v for k, v in page.meta.items()}
    try:
        model.model_validate(data, context={"rules": rules})
    except ValidationError as exc:
        problems = [_problem(page, model, rules, err) for err in exc.errors(include_url=False)]
        return sorted(set(problems), key=lambda p: (p.line, p.message))
    return []


def _label(loc: tuple[str | int, ...]) -> str:
    if not loc:
        return "the front matter"
    if loc[0] == "sources" and len(loc) >= 2 and isinstance(loc[1], int):
        return f"'{loc[2]}' of source {loc[1] + 1}" if len(loc) > 2 else f"source {loc[1] + 1}"
    names = [str(part) for part in loc if not isinstance(part, int)]
    return "'" + ": ".join(names) + "'"


def _problem(page: Page, model: type[_Model], rules: Rules, err: Any) -> FieldProblem:
    loc: tuple[str | int, ...] = tuple(err["loc"])
    kind: str = err["type"]
    ctx: dict[str, Any] = err.get("ctx") or {}
    value = err.get("input")
    field = str(loc[0]) if loc else ""
    line = page.line_at(loc) if loc else 1
    label = _label(loc)
    today = rules.today.isoformat()

    if kind == "missing":
        name = str(loc[-1])
        key = "title_of_source" if len(loc) > 1 and name == "title" else name
        how = HOW_TO_ADD.get(key, f"add a line like {name}: ...").format(today=today)
        where = f"'{name}' is missing" if len(loc) == 1 else f"{_label(loc[:-1])} is missing '{name}'"
        return FieldProblem(line, field, f"{where}: {how}", kind)
    if kind == "extra_forbidden":
        return FieldProblem(line, field, _unknown_field(page, model, loc), kind)
    if "phrase" in ctx:
        phrase = ctx["phrase"]
    elif value is None and len(loc) == 1:
        phrase = "is empty: write the value after the colon, or remove the line"
    elif kind in ("string_type", "str_type"):
        phrase = f"must be text (got {shown(value)}); put it in double quotes"
    elif kind == "list_type":
        phrase = f"must be a list, one item per line starting with '- ' (got {shown(value)})"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        if loc and loc[0] == "sources":
            phrase = f"must have 'title', 'publisher', 'year' and 'url' lines (got {shown(value)})"
        else:
            phrase = f"must be a set of 'name: value' lines (got {shown(value)})"
    elif kind in ("bool_type", "bool_parsing"):
        phrase = f"must be true or false (got {shown(value)})"
    elif kind in ("int_type", "int_parsing", "int_from_float", "float_type", "float_parsing"):
        phrase = f"must be a number (got {shown(value)})"
    elif kind == "too_short":
        if field == "sources":
            phrase = (f"needs at least {ctx.get('min_length')} sources (got {ctx.get('actual_length')}); "
                      "add the trusted sources you used")
        else:
            phrase = f"needs at least {ctx.get('min_length')} item(s) (got {ctx.get('actual_length')})"
    elif kind == "too_long" and not isinstance(value, str):
        phrase = f"has {ctx.get('actual_length')} items; use at most {ctx.get('max_length')}"
    elif kind in ("string_too_long", "too_long"):
        phrase = (f"is {len(value)} characters long; shorten it to {ctx.get('max_length')} or fewer"
                  if isinstance(value, str) else f"is too long (at most {ctx.get('max_length')} characters)")
    elif kind == "string_too_short":
        phrase = "is empty"
    elif kind in ("greater_than_equal", "greater_than"):
        phrase = f"must be at least {ctx.get('ge', ctx.get('gt'))} (got {shown(value)})"
    elif kind in ("less_than_equal", "less_than"):
        phrase = f"must be at most {ctx.get('le', ctx.get('lt'))} (got {shown(value)})"
    elif kind == "literal_error":
        options = LITERALS.get(field, ())
        listed = ", ".join(options) if options else ctx.get("expected", "")
        if isinstance(loc[-1], int):
            phrase = f"contains {shown(value)}, which is not one of: {listed}{_did_you_mean(value, options)}"
        else:
            phrase = f"must be one of: {listed} (got {shown(value)}){_did_you_mean(value, options)}"
    else:
        phrase = f"is not valid ({err.get('msg', kind)})"
    if kind == "too_long" and isinstance(value, str):
        kind = "string_too_long"
    elif kind == "too_short" and loc == ("sources",):
        kind = "too_few_sources"
    return FieldProblem(line, field, f"{label} {phrase}", kind)


def _unknown_field(page: Page, model: type[_Model], loc: tuple[str | int, ...]) -> str:
    name = str(loc[-1])
    parent: type[BaseModel] = model
    if len(loc) > 1 and loc[0] == "sources":
        parent = Source
    elif len(loc) > 1 and loc[0] == "search":
        parent = Search
    fields = list(parent.model_fields)
    where = "" if len(loc) == 1 else f" in {_label(loc[:-1])}"
    close = suggestion(name, fields)
    if close and close != name:
        return f"unknown field '{name}'{where}: did you mean '{close}'?"
    if len(loc) == 1:
        used_on = [KIND_NAMES[k] for k, other in schema.MODELS.items() if other is not model and name in other.model_fields]
        if used_on:
            return f"'{name}' is not used on {KIND_NAMES[page.kind]} (only on {' and '.join(used_on)}); remove it"
    return f"unknown field '{name}'{where}: remove it, or check the spelling (allowed: {', '.join(fields)})"
