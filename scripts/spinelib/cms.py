"""The browser editor (Decap CMS) at /admin/: its configuration, generated from the content schema.

The editor's form is data (Decap's `config.yml`). It is made here from the pydantic models in
`schema.py` and the site's allow-lists (mkdocs.yml `categories_allowed` and `tags_allowed`,
`docs/blog/.authors.yml`, the red flags in `docs/_data/red-flags.yml`), so the form and the
checks cannot disagree: a field added to a model, or a tag added to the allow-list, appears in
the editor at the next build with no other change (tests/test_cms_config.py proves it).

No MkDocs import. `write_admin()` writes site/admin/ (config.yml, index.html, the editor's
components and, when `node_modules/decap-cms` is installed, the CMS bundle itself, copied so it
is served from the site's own origin).
"""

from __future__ import annotations

import json
import re
import shutil
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
    "body": "Do not start with a heading: the title is shown for you. Use the + button for care cards and pictures.",
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
    return SiteLists(
        repo=repo_from_url(str(config.get("repo_url") or "")), branch=branch,
        categories=tuple(_plugin(config, "blog").get("categories_allowed") or ()),
        tags=tuple(_plugin(config, "tags").get("tags_allowed") or ()),
        authors=authors, posts=posts, related=related, other_pages=others, red_flags=flags,
        auth={k: str(v) for k, v in ((config.get("extra") or {}).get("cms") or {}).items()
              if k in ("base_url", "auth_endpoint") and v})


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
        spec["pattern"] = [f"^[\\s\\S]{{0,{max_len}}}$", f"{max_len} characters at most: shorten it"]
    return spec


def model_fields(model: type[BaseModel], kind: str, lists: SiteLists, *, nested: bool = False) -> list[dict[str, Any]]:
    names = [n for n in model.model_fields if n not in NOT_IN_FORM.get(kind, set())]
    order = FIELD_ORDER.get(model.__name__ if nested else kind, [])
    names = [n for n in order if n in names] + [n for n in names if n not in order]
    return [widget_for(n, model.model_fields[n], kind, lists, nested=nested) for n in names]


BODY = {"label": LABELS["body"], "name": "body", "widget": "markdown", "hint": HINTS["body"],
        # Raw Markdown first: what is typed is what is saved (the rich-text mode rewrites Markdown
        # it does not know, such as our care-card boxes' indentation). Care cards and pictures
        # are inserted as blocks from the + menu in both modes.
        "modes": ["raw", "rich_text"], "buttons": ["bold", "italic", "link", "heading-two", "heading-three",
                                                   "bulleted-list", "numbered-list"],
        "editor_components": ["care-card", "picture"]}


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
            collection("posts", "Blog posts", POSTS_DIR, "post", lists, preview="blog/{{slug}}/"),
            collection("conditions", "Condition pages", CONDITIONS_DIR, "condition", lists,
                       preview="conditions/{{slug}}/"),
            collection("treatments", "Treatments and tests", TREATMENTS_DIR, "treatment", lists,
                       preview="treatments/{{slug}}/"),
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


# --- the admin page ---------------------------------------------------------------------------

INSTALL_HINT = "on a computer with Node.js 20, run `make editor` (or `npm ci` before `make build`)"
NOT_INSTALLED = ("The browser editor is not part of this build: on a computer with Node.js 20, run "
                 "<code>make editor</code> (or <code>npm ci</code> before <code>make build</code>).")


# The admin page's own Content-Security-Policy (the site's pages have theirs, spinelib/csp.py).
# Decap's bundle builds its form validators at run time ('unsafe-eval') and injects its styles
# ('unsafe-inline' for styles only); it talks to GitHub's API, shows GitHub avatars, and previews
# in a frame of its own. Scripts come only from this origin: nothing inline.
ADMIN_CSP = ("default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
             "img-src 'self' data: blob: https://avatars.githubusercontent.com; font-src 'self' data:; "
             "connect-src 'self' https://api.github.com{local}; frame-src 'self' blob:; child-src 'self' blob:; "
             "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; manifest-src 'self'")


def admin_csp(local: bool | str = False) -> str:
    origin = ""
    if local:
        url = local if isinstance(local, str) else LOCAL_PROXY_URL
        parts = url.split("/")
        origin = " " + "/".join(parts[:3])
    return ADMIN_CSP.format(local=origin)


def init_js(preview_css: list[str]) -> str:
    """What the admin page runs after the bundle: preview styles, Markdown mode, start."""
    # Page text opens in Markdown mode: the rich-text mode rewrites a whole page's Markdown
    # on any edit (list markers, our care-card boxes); an editor may still switch to it.
    return ("/* Generated by scripts/spinelib/cms.py. */\n"
            'if (localStorage.getItem("cms.md-mode") === null) localStorage.setItem("cms.md-mode", "raw");\n'
            f"for (const href of {json.dumps(preview_css)}) CMS.registerPreviewStyle(href);\nCMS.init();\n")


def index_html(*, installed: bool, preview_css: list[str], local: bool | str = False) -> str:
    if not installed:
        body = f"<p>{NOT_INSTALLED}</p>"
        scripts = ""
    else:
        body = "<noscript>The editor needs JavaScript.</noscript>"
        scripts = ('<script src="manual-init.js"></script>\n'
                   f'<script src="{BUNDLE}"></script>\n'
                   '<script src="js-yaml.min.js"></script>\n'
                   '<script src="cms-format.js"></script>\n'
                   '<script src="editor-components.js"></script>\n'
                   '<script src="admin-init.js"></script>\n')
    return ("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{admin_csp(local)}\">\n"
            "<meta name=\"referrer\" content=\"no-referrer\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"robots\" content=\"noindex\">\n"
            "<link rel=\"icon\" href=\"../assets/images/favicon.svg\">\n"
            + ("<link rel=\"cms-config-url\" type=\"text/yaml\" href=\"config.yml\">\n" if installed else "") +
            "<title>Editor · Spine Health Library</title>\n</head>\n<body>\n"
            f"{body}\n{scripts}</body>\n</html>\n")


def components_js(lists: SiteLists) -> str:
    """Decap editor components for our Markdown constructs: care cards and pictures with alt text."""
    data = {"urgencies": URGENCIES, "flags": list(lists.red_flags)}
    return "/* Generated by scripts/spinelib/cms.py. */\nconst SPINE = " + json.dumps(data, indent=1, ensure_ascii=False) \
        + ";\n" + _COMPONENTS_JS


_COMPONENTS_JS = r"""
(function () {
  const kinds = Object.keys(SPINE.urgencies);
  const card = /^!!! (see-doctor|urgent|emergency) "([^"\n]*)"\n\n((?:    .*\n?|\n(?=    ))+)/m;
  CMS.registerEditorComponent({
    id: "care-card",
    label: "Care card (when to get help)",
    fields: [
      {name: "urgency", label: "Urgency", widget: "select", required: true,
       options: [{label: "See a doctor (routine)", value: "see-doctor"},
                 {label: "Urgent appointment today", value: "urgent"},
                 {label: "Emergency", value: "emergency"}], default: "see-doctor"},
      {name: "heading", label: "Heading (leave empty for the standard one)", widget: "string", required: false},
      {name: "flags", label: "Standard red flags (their wording is shown for you)", widget: "select",
       multiple: true, required: false,
       options: SPINE.flags.map(f => ({label: `${f.urgency}: ${f.wording}`, value: f.id}))},
      {name: "items", label: "Your own bullets", widget: "list", required: false,
       field: {name: "item", label: "Bullet", widget: "string"}},
      {name: "after", label: "Text after the bullets", widget: "text", required: false},
    ],
    pattern: card,
    fromBlock(match) {
      const lines = match[3].split("\n").map(l => l.replace(/^    /, ""));
      const bullets = lines.filter(l => l.startsWith("- ")).map(l => l.slice(2));
      const rest = lines.filter(l => !l.startsWith("- ")).join("\n").trim();
      return {urgency: match[1], heading: match[2],
              flags: bullets.filter(b => b.startsWith("red-flag: ")).map(b => b.slice(10).trim()),
              items: bullets.filter(b => !b.startsWith("red-flag: ")), after: rest};
    },
    toBlock(d) {
      const kind = kinds.includes(d.urgency) ? d.urgency : "see-doctor";
      const heading = (d.heading || "").trim() || SPINE.urgencies[kind];
      const bullets = [...(d.flags || []).map(id => `red-flag: ${id}`), ...(d.items || [])];
      let out = `!!! ${kind} "${heading}"\n\n` + bullets.map(b => `    - ${b}`).join("\n") + "\n";
      if ((d.after || "").trim()) out += "\n" + d.after.trim().split("\n").map(l => l ? "    " + l : "").join("\n") + "\n";
      return out;
    },
    toPreview(d) {
      const byId = Object.fromEntries(SPINE.flags.map(f => [f.id, f.wording]));
      const items = [...(d.flags || []).map(id => byId[id] || id), ...(d.items || [])];
      const esc = s => String(s).replace(/[&<>"]/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]));
      return `<div class="admonition care-card ${esc(d.urgency)}"><p class="admonition-title">${esc(d.heading || SPINE.urgencies[d.urgency] || "")}</p>`
        + `<ul>${items.map(i => `<li>${esc(i)}</li>`).join("")}</ul></div>`;
    },
  });
  // The preview pane, dressed like a page of the site (Material's and our CSS are registered
  // as preview styles in index.html).
  const Preview = createClass({
    render() {
      const entry = this.props.entry;
      return h("div", {className: "md-container"},
        h("main", {className: "md-main"}, h("div", {className: "md-content"},
          h("article", {className: "md-content__inner md-typeset"},
            h("h1", {}, entry.getIn(["data", "title"])),
            h("p", {className: "page-description"}, entry.getIn(["data", "description"])),
            this.props.widgetFor("body")))));
    },
  });
  for (const name of ["posts", "conditions", "treatments", "pages"]) CMS.registerPreviewTemplate(name, Preview);

  CMS.registerEditorComponent({
    id: "picture",
    label: "Picture (with a description)",
    fields: [
      {name: "src", label: "Picture", widget: "image", required: true},
      {name: "alt", label: "What the picture shows (read out to blind readers)", widget: "string", required: true,
       pattern: ["\\S.{4,}", "Describe the picture in a few words"]},
    ],
    pattern: /^!\[([^\]\n]+)\]\(([^)\s]+)\)$/m,
    fromBlock: m => ({alt: m[1], src: m[2]}),
    toBlock: d => `![${(d.alt || "").replace(/[\[\]]/g, "")}](${d.src || ""})`,
    toPreview: (d, getAsset) => `<img src="${d.src || ""}" alt="${String(d.alt || "").replace(/"/g, "&quot;")}">`,
  });
})();
"""


def _write_if_changed(path: Path, text: str) -> None:
    """Rewritten only when different, so `mkdocs serve` sees no change and does not loop."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def copy_bundle(root: Path, admin: Path) -> bool:
    """Copy the CMS bundle (main file and its chunks, no source maps) from node_modules."""
    source = root / BUNDLE_DIR
    if not (source / BUNDLE).is_file():
        return False
    for path in sorted(source.glob("*.js")):
        if not path.name.endswith("decap-cms.js"):
            continue
        target = admin / path.name
        stat = path.stat()
        if target.exists() and target.stat().st_size == stat.st_size and target.stat().st_mtime == stat.st_mtime:
            continue
        shutil.copy2(path, target)
    return True


def write_admin(root: Path, site_dir: Path, lists: SiteLists, *, local: bool | str = False) -> bool:
    """Write site/admin/. Returns whether the editor itself (the bundle) is there."""
    admin = site_dir / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    installed = copy_bundle(root, admin)
    if installed:
        _write_if_changed(admin / "js-yaml.min.js", (root / YAML_PARSER).read_text(encoding="utf-8"))
    _write_if_changed(admin / "cms-format.js", FORMAT_JS.read_text(encoding="utf-8"))
    css = sorted(p.relative_to(site_dir).as_posix() for p in (site_dir / "assets" / "stylesheets").glob("main.*.min.css"))
    css += ["assets/stylesheets/site.css"]
    _write_if_changed(admin / "config.yml", config_yaml(lists, local=local))
    _write_if_changed(admin / "editor-components.js", components_js(lists))
    _write_if_changed(admin / "manual-init.js", "window.CMS_MANUAL_INIT = true;\n")
    _write_if_changed(admin / "admin-init.js", init_js(["/" + c for c in css]))
    _write_if_changed(admin / "index.html", index_html(installed=installed, preview_css=["/" + c for c in css],
                                                       local=local))
    return installed
