"""The browser editor (Decap CMS) at /admin/: its configuration, generated from the content schema.

The editor's form is data (Decap's `config.yml`). It is made here from the pydantic models in
`schema.py` and the site's allow-lists (mkdocs.yml `categories_allowed` and `tags_allowed`,
`docs/blog/.authors.yml`, the red flags in `docs/_data/red-flags.yml`), so the form and the
checks cannot disagree: a field added to a model, or a tag added to the allow-list, appears in
the editor at the next build with no other change (tests/test_cms_config.py proves it).

No MkDocs import. `cms_admin.write_admin()` writes site/admin/ from it.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Union
from urllib.parse import urlsplit

import annotated_types
import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import schema
from .content import CONDITIONS_DIR, POSTS_DIR, TREATMENTS_DIR, Page
from .triage import site_words

BUNDLE_DIR = Path("node_modules") / "decap-cms" / "dist"
BUNDLE = "decap-cms.js"
YAML_PARSER = Path("node_modules") / "js-yaml" / "dist" / "js-yaml.min.js"   # a dependency of the CMS
FORMAT_JS = Path(__file__).with_name("cms_format.js")
FORMAT = "spine-md"           # our front-matter format (cms_format.js): house style, unchanged lines kept
LOCAL_PROXY_URL = "http://127.0.0.1:8081/api/v1"
MEDIA_FOLDER = "docs/assets/images"
PUBLIC_FOLDER = "/assets/images"          # MkDocs resolves absolute links relative to docs/ (validation.links)
DATE_FIELDS = {"date", "last_reviewed"}
# Fields an editor never needs in the form (Material's experimental manual links). Decap keeps
# values it has no field for, so a page that uses them keeps them.
NOT_IN_FORM = {"post": {"links"}}
# The order fields are shown and written in: our pages' usual order (see CONTRIBUTING.md
# section 3). Any schema field not listed here follows, in the schema's own order.
FIELD_ORDER = {
    "post": ["title", "description", "date", "categories", "tags", "authors", "conditions", "sources",
             "related", "read_also", "draft"],
    "condition": ["title", "description", "summary", "starts_in", "aliases", "search_terms", "last_reviewed",
                  "review_interval_months", "related", "sources"],
    "treatment": ["title", "description", "summary", "treatment_type", "aliases", "search_terms",
                  "last_reviewed", "review_interval_months", "conditions", "related", "sources"],
    "page": ["title", "description"],
    "Source": ["title", "publisher", "year", "url"],
}
LABELS = {
    "title": "Title", "description": "Description", "date": "Publishing date", "categories": "Resource topics",
    "tags": "Tags", "authors": "Authors", "conditions": "Conditions discussed", "sources": "Sources",
    "related": "Related pages (shown first)", "read_also": "Read also (a post)", "draft": "Draft (never published)",
    "summary": "Summary (one line for the A to Z)", "starts_in": "Starts in", "aliases": "Also called",
    "search_terms": "Search terms (never shown)", "last_reviewed": "Last reviewed",
    "review_interval_months": "Months between reviews", "treatment_type": "Kind of page", "body": "Page text",
    "publisher": "Publisher", "year": "Year", "url": "Web address (https://)",
}
HINTS = {
    "title": "The everyday name first, the medical name after in brackets.",
    "description": f"One plain sentence for search results, {schema.DESCRIPTION_MAX} characters at most.",
    "summary": f"One plain line, {schema.SUMMARY_MAX} characters at most.",
    "date": "Not in the future, unless the post is a draft.",
    "sources": f"At least {schema.MIN_SOURCES}: every medical fact must come from one of them.",
    "related": f"At most {schema.MAX_PINNED}; the build adds the rest.",
    "search_terms": "Misspellings and the words readers type. Found by search, never shown.",
    "last_reviewed": "The date a reviewer last checked the page.",
    "draft": "A draft is previewed but never published.",
    "body": "Do not start with a heading: the title is shown for you. The Care card and Picture buttons insert "
            "them at the cursor.",
}
# Our own widgets (cms_components.js): the page text as a plain Markdown textarea with a toolbar
# for our constructs, and a text field with a live character count.
BODY_WIDGET = "spine-markdown"
COUNTED_WIDGET = "spine-string"
# The folder collections: name -> (page kind, folder under docs/, label, preview path).
FOLDER_COLLECTIONS = {
    "posts": ("post", POSTS_DIR, "Blog posts", "blog/{{slug}}/"),
    "conditions": ("condition", CONDITIONS_DIR, "Condition pages", "conditions/{{slug}}/"),
    "treatments": ("treatment", TREATMENTS_DIR, "Treatments and tests", "treatments/{{slug}}/"),
}
URGENCIES = {   # care card kind -> its standard heading (CONTRIBUTING.md section 4)
    "see-doctor": "See a doctor if:",
    "urgent": "Get an urgent appointment today if:",
    "emergency": "Call {{ emergency_number }} or go to {{ emergency_room }} if:",
}


@dataclass(frozen=True)
class SiteLists:
    """What the form offers as choices, read from the site's own files."""

    repo: str
    branch: str
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    authors: dict[str, str]                          # id -> name
    posts: dict[str, str] = field(default_factory=dict)   # slug -> title, for read_also / related
    related: dict[str, str] = field(default_factory=dict)  # slug -> "Kind: title"
    other_pages: tuple[tuple[str, str], ...] = ()    # (src, title) of every other page
    red_flags: tuple[dict[str, str], ...] = ()      # {id, urgency, wording}
    auth: dict[str, str] = field(default_factory=dict)    # mkdocs.yml extra.cms: base_url, auth_endpoint
    words: dict[str, str] = field(default_factory=lambda: site_words(None))  # {{ emergency_number }} ...
    palette: dict[str, str] = field(default_factory=dict)  # the theme's first palette: scheme, primary, accent
    # Pages in a folder collection's folder that are not of its kind (the section index pages):
    # kept out of that collection's list (cms_backend.js), edited under "Other pages".
    excluded: tuple[str, ...] = ()
    extra_css: tuple[str, ...] = ("assets/stylesheets/site.css",)   # mkdocs.yml extra_css, for the preview


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name or !ENV tags: read them as plain values."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def repo_from_url(url: str) -> str:
    parts = urlsplit(url or "")
    path = parts.path.strip("/").removesuffix(".git")
    if parts.netloc.lower() not in ("github.com", "www.github.com") or path.count("/") != 1:
        raise ValueError(f"repo_url must be a GitHub address like https://github.com/owner/name (got {url!r})")
    return path


def _plugin(config: dict[str, Any], name: str) -> dict[str, Any]:
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    return {}


def site_lists(root: Path, pages: list[Page] | None = None, mkdocs_config: dict[str, Any] | None = None) -> SiteLists:
    """The allow-lists and existing pages, from mkdocs.yml, .authors.yml, red-flags.yml and docs/."""
    config = mkdocs_config if mkdocs_config is not None else yaml.load(
        (root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    docs = root / (config.get("docs_dir") or "docs")
    edit_uri = str(config.get("edit_uri") or "edit/main/docs/")
    branch = edit_uri.strip("/").split("/")[1] if edit_uri.count("/") >= 2 else "main"
    authors_file = docs / "blog" / ".authors.yml"
    authors_data = yaml.safe_load(authors_file.read_text(encoding="utf-8")) if authors_file.exists() else {}
    authors = {str(k): str((v or {}).get("name", k)) for k, v in ((authors_data or {}).get("authors") or {}).items()}
    flags_file = docs / "_data" / "red-flags.yml"
    flags_data = yaml.safe_load(flags_file.read_text(encoding="utf-8")) if flags_file.exists() else {}
    flags = tuple({"id": str(f["id"]), "urgency": str(f["urgency"]), "wording": str(f["wording"])}
                  for f in (flags_data or {}).get("flags") or [])
    if pages is None:
        from .content import load_site
        pages = load_site(docs)
    kind_word = {"condition": "Condition", "treatment": "Treatment or test", "post": "Post"}
    posts = {p.slug: p.title for p in sorted(pages, key=lambda p: p.slug) if p.kind == "post"}
    related = {p.slug: f"{kind_word[p.kind]}: {p.title}"
               for p in sorted(pages, key=lambda p: (p.kind, p.title.casefold(), p.slug)) if p.kind in kind_word}
    others = tuple((p.src, p.title) for p in sorted(pages, key=lambda p: p.src) if p.kind == "page")
    excluded = tuple(f"docs/{p.src}" for p in sorted(pages, key=lambda p: p.src)
                     for kind, folder, _label, _preview in FOLDER_COLLECTIONS.values()
                     if p.src.startswith(folder) and "/" not in p.src[len(folder):] and p.kind != kind)
    theme_palette = (config.get("theme") or {}).get("palette") or {}
    first = (theme_palette[0] if isinstance(theme_palette, list) and theme_palette else theme_palette) or {}
    palette = {k: str(first[k]) for k in ("scheme", "primary", "accent") if isinstance(first, dict) and first.get(k)}
    return SiteLists(
        repo=repo_from_url(str(config.get("repo_url") or "")), branch=branch,
        categories=tuple(_plugin(config, "blog").get("categories_allowed") or ()),
        tags=tuple(_plugin(config, "tags").get("tags_allowed") or ()),
        authors=authors, posts=posts, related=related, other_pages=others, red_flags=flags,
        auth={k: str(v) for k, v in ((config.get("extra") or {}).get("cms") or {}).items()
              if k in ("base_url", "auth_endpoint") and v},
        words=site_words(config.get("extra")), palette=palette, excluded=excluded,
        extra_css=tuple(str(c) for c in config.get("extra_css") or () if isinstance(c, str)))


# --- from a pydantic field to a Decap widget ------------------------------------------------------

def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """(type without Optional/Annotated, metadata found on the way)."""
    meta: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            args = typing.get_args(annotation)
            annotation, meta = args[0], meta + list(args[1:])
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, meta
            annotation = args[0]
        else:
            return annotation, meta


def _limit(meta: list[Any], kind: type) -> int | None:
    for item in meta:
        if isinstance(item, kind):
            return int(getattr(item, "max_length", None) or getattr(item, "min_length", None) or 0) or None
        inner = getattr(item, "metadata", None)          # pydantic FieldInfo inside Annotated
        if inner:
            found = _limit(list(inner), kind)
            if found:
                return found
    return None


def _choices(values: typing.Iterable[str] | dict[str, str]) -> list[Any]:
    if isinstance(values, dict):
        return [{"label": label, "value": value} for value, label in values.items()]
    return list(values)


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def widget_for(name: str, info: FieldInfo, kind: str, lists: SiteLists, *, nested: bool = False) -> dict[str, Any]:
    """One Decap field for one schema field."""
    tp, meta = _unwrap(info.annotation)
    meta += list(info.metadata)
    spec: dict[str, Any] = {"label": LABELS.get(name, name.replace("_", " ").capitalize()), "name": name}
    if name in HINTS and not nested:
        spec["hint"] = HINTS[name]
    spec["required"] = info.is_required()
    max_len = _limit(meta, annotated_types.MaxLen)
    min_len = _limit(meta, annotated_types.MinLen)
    origin = typing.get_origin(tp)
    item_tp, item_meta = _unwrap(typing.get_args(tp)[0]) if origin is list else (None, [])

    if name in DATE_FIELDS:
        spec.update(widget="datetime", date_format="YYYY-MM-DD", time_format=False, format="YYYY-MM-DD",
                    picker_utc=True)
        if name == "date":
            spec["default"] = "{{now}}"
    elif name in ("categories", "tags", "authors") and origin is list:
        options = {"categories": lists.categories, "tags": lists.tags, "authors": lists.authors}[name]
        spec.update(widget="select", multiple=True, options=_choices(options))
    elif name == "conditions" and origin is list:
        spec.update(widget="relation", collection="conditions", value_field="{{slug}}",
                    search_fields=["title"], display_fields=["title"], multiple=True)
    elif name == "related" and origin is list:
        spec.update(widget="select", multiple=True, options=_choices(lists.related))
    elif name == "read_also":
        spec.update(widget="select", options=_choices(lists.posts))
    elif name == "url":
        spec.update(widget="string", pattern=["^https://[^\\s\"<>`]+$", "A full web address starting with https://"])
    elif name == "year":
        spec.update(widget="number", value_type="int", min=1800)
    elif origin is Literal:
        spec.update(widget="select", options=list(typing.get_args(tp)))
    elif origin is list and typing.get_origin(item_tp) is Literal:
        spec.update(widget="select", multiple=True, options=list(typing.get_args(item_tp)))
    elif origin is list and _is_model(item_tp):
        spec.update(widget="list", fields=model_fields(item_tp, kind, lists, nested=True),
                    summary="{{fields.title}}")
    elif origin is list:
        spec.update(widget="list", field={"label": spec["label"], "name": name, "widget": "string"})
    elif _is_model(tp):
        spec.update(widget="object", collapsed=True, fields=model_fields(tp, kind, lists, nested=True))
    elif tp is bool:
        spec.update(widget="boolean", default=info.default if isinstance(info.default, bool) else False)
    elif tp is int or tp is float:
        spec.update(widget="number", value_type="int" if tp is int else "float")
    else:
        spec["widget"] = "string"
    if origin is list and spec["widget"] in ("list", "select"):
        if min_len:
            spec["min"] = min_len
        if max_len:
            spec["max"] = max_len
    elif max_len and spec["widget"] == "string":
        # A live "142 of 160 characters" count as you type; the pattern refuses a longer one on Save.
        spec.update(widget=COUNTED_WIDGET, max_length=max_len)
        spec["pattern"] = [f"^[\\s\\S]{{0,{max_len}}}$", f"{max_len} characters at most: shorten it"]
    return spec


def model_fields(model: type[BaseModel], kind: str, lists: SiteLists, *, nested: bool = False) -> list[dict[str, Any]]:
    names = [n for n in model.model_fields if n not in NOT_IN_FORM.get(kind, set())]
    order = FIELD_ORDER.get(model.__name__ if nested else kind, [])
    names = [n for n in order if n in names] + [n for n in names if n not in order]
    return [widget_for(n, model.model_fields[n], kind, lists, nested=nested) for n in names]


# The page text: our Markdown textarea (what is typed is what is saved; Decap's rich-text mode
# rewrote a whole page's Markdown on any edit), with its toolbar of basic formatting, care cards
# and pictures (cms_components.js).
BODY = {"label": LABELS["body"], "name": "body", "widget": BODY_WIDGET, "hint": HINTS["body"]}


def collection(name: str, label: str, folder: str, kind: str, lists: SiteLists, *, preview: str,
               create: bool = True, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "name": name, "label": label, "label_singular": label.rstrip("s"), "folder": f"docs/{folder.rstrip('/')}",
        "extension": "md", "format": FORMAT, "create": create, "slug": "{{slug}}",
        "identifier_field": "title", "summary": "{{title}}", "preview_path": preview,
        "fields": model_fields(schema.MODELS[kind], kind, lists) + [dict(BODY)],
    }
    spec.update(extra or {})
    return spec


def config(lists: SiteLists, *, local: bool | str = False) -> dict[str, Any]:
    """The whole Decap configuration. `local`: work against this computer's repository through
    decap-server (make editor; a string is the proxy's API address); never in the published site."""
    cfg: dict[str, Any] = {
        "backend": {"name": "github", "repo": lists.repo, "branch": lists.branch, **lists.auth,
                    "squash_merges": True, "commit_messages": {
                        "create": "Add {{collection}} “{{slug}}”", "update": "Edit {{collection}} “{{slug}}”",
                        "delete": "Delete {{collection}} “{{slug}}”", "uploadMedia": "Add picture “{{path}}”",
                        "deleteMedia": "Delete picture “{{path}}”"}},
        "publish_mode": "editorial_workflow",
        "media_folder": MEDIA_FOLDER,
        "public_folder": PUBLIC_FOLDER,
        "site_url": "/",
        "logo_url": "/assets/images/logo.svg",
        "show_preview_links": True,
        "collections": [
            *(collection(name, label, folder, kind, lists, preview=preview)
              for name, (kind, folder, label, preview) in FOLDER_COLLECTIONS.items()),
            {"name": "pages", "label": "Other pages", "format": FORMAT, "editor": {"preview": True},
             "files": [{"name": re.sub(r"[^a-z0-9]+", "-", src.removesuffix(".md").lower()).strip("-"),
                        "label": title, "file": f"docs/{src}",
                        "fields": model_fields(schema.OtherPage, "page", lists) + [dict(BODY)]}
                       for src, title in lists.other_pages]},
        ],
    }
    if local:
        cfg["local_backend"] = {"url": local if isinstance(local, str) else LOCAL_PROXY_URL}
    return cfg


def config_yaml(lists: SiteLists, *, local: bool | str = False) -> str:
    head = ("# Generated by scripts/spinelib/cms.py from scripts/spinelib/schema.py, mkdocs.yml and\n"
            "# docs/blog/.authors.yml at each build. Do not edit: change the schema instead.\n")
    return head + yaml.safe_dump(config(lists, local=local), sort_keys=False, allow_unicode=True, width=120)
