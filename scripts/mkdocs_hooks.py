"""The one thin adapter between MkDocs and the site's own logic in `scripts/spinelib/`.

Each event only gathers what MkDocs knows, calls a plain function, and hands the result to
the templates in `overrides/`. Nothing here decides anything about content; if the site
generator changed, only this file would.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

from jinja2 import Environment
from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page as MkPage

sys.path.insert(0, str(Path(__file__).resolve().parent))

from spinelib import (  # noqa: E402
    atoz, background, carecards, content, csp, excerpts, fragments, glossary, metadata, minify, newsletter, preview,
    related, search_index, searchterms, sections, share, siteconfig, triage, validate,
)

log = logging.getLogger("mkdocs.hooks.spine")
# The build's two shortcuts (blog excerpts from the opening only; the navigation rendered once and
# reused) must not change a byte of the site: the tests build with SPINE_BUILD_SHORTCUTS=off
# and compare.
SHORTCUTS = os.environ.get("SPINE_BUILD_SHORTCUTS", "on").strip().lower() != "off"
GLOSSARY_SRC = "glossary.md"
CONDITIONS_SECTION = "Conditions (A to Z)"
TREATMENTS_SECTION = "Treatments and tests"
# Each library's pages are listed under its tab, A to Z, so editors never touch the nav.
LIBRARY_SECTIONS = ((CONDITIONS_SECTION, content.CONDITIONS_DIR, "condition"),
                    (TREATMENTS_SECTION, content.TREATMENTS_DIR, "treatment"))

_state = SimpleNamespace(command="build", pages={}, relations=None, recent=[], newsletter=None,
                         html={}, env=None, today=dt.date.today(), worker=None, html_checks=None,
                         checked_in_full=False, fragments=fragments.FragmentCache(), links={}, nav_states=None,
                         standard=None, words=dict(triage.DEFAULT_WORDS), csp={},
                         preview=None, preview_dir=None, search_kinds={})


def on_startup(*, command: str, dirty: bool) -> None:
    _state.command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    gc.unfreeze()        # a preview's new build: what the last one froze (on_env) may be freed now
    docs_dir = Path(config.docs_dir)
    try:
        _state.newsletter = newsletter.from_settings(config.extra.get("newsletter"))
    except newsletter.NewsletterConfigError as exc:
        raise PluginError(str(exc)) from None

    pages = content.load_site(docs_dir)
    _state.words = triage.site_words(config.extra)
    try:
        _state.standard = triage.load(docs_dir)
    except triage.StandardError:
        _state.standard = None           # reported by the checks below, which stop the build
    # Files, front matter and Markdown first, before the blog plugin reads posts (its own errors
    # are less clear). If anything is wrong, check the rendered pages too, so every problem is
    # listed at once; otherwise the HTML checks wait for the build's own HTML (on_env).
    source_report = _validate(pages, config, stop_before_html=True)
    _state.checked_in_full = bool(source_report.errors)
    report = _validate(pages, config) if source_report.errors else source_report
    # A preview shows each page's problems at its top (spinelib/preview.py); a build has none.
    _state.preview = preview.Preview(report, pages, docs_dir, Path(config.config_file_path)) \
        if _state.command == "serve" else None
    _report(report, warnings=True)    # stops a build; a preview goes on
    _close_worker()
    if background.wanted(len(pages)) and _state.preview is None:    # a preview needs them before pages are written
        _state.worker = background.Worker()

    _state.pages = {p.src: p for p in pages}
    _state.html, _state.links, _state.nav_states, _state.search_kinds = {}, {}, None, {}
    _state.relations = related.compute(pages, today=_state.today)
    # (A preview may have posts without a valid date: they are left out of the recent posts.)
    listed = pages if _state.preview is None else [p for p in pages if p.kind != "post" or isinstance(p.date, dt.date)]
    _state.recent = related.recent_posts(listed, today=_state.today, limit=6)
    glossary_page = _state.pages.get(GLOSSARY_SRC)
    if glossary_page is not None:
        # Tooltips for every glossary term, through the abbr extension's own glossary setting.
        config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary.abbreviations(glossary.parse(glossary_page.body))
    return config


def _validate(pages: list[content.Page], config: MkDocsConfig, **options: Any) -> validate.Report:
    return validate.validate_site(*_validate_args(pages, config), today=_state.today, **options)


def _validate_args(pages: list[content.Page], config: MkDocsConfig) -> tuple[Any, ...]:
    config_file = Path(config.config_file_path)
    return pages, Path(config.docs_dir), siteconfig.load(config_file), config_file


def _check_html_here(config: MkDocsConfig) -> validate.Report:
    """The HTML checks in this process, on the HTML the build made."""
    return _validate(list(_state.pages.values()), config, rendered_html=_state.html, html_only=True)


def _report(report: validate.Report, *, warnings: bool) -> None:
    if warnings:
        for problem in report.warnings:
            log.info("content warning: %s", problem)
    if report.errors:
        listing = "\n".join(f"  {p}" for p in report.errors)
        message = f"{len(report.errors)} content problem(s) to fix:\n{listing}"
        if _state.command == "serve":
            log.error(message)    # keep the preview running so the editor can see and fix it
        else:
            raise PluginError(message)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Every page is rendered by now and none is written yet: check the HTML the build made
    (links, anchors, unsafe HTML, reading grade) without rendering anything twice. On a large
    site they run in a second process while this one writes the pages; on_post_build collects
    them and, if anything is refused, removes what was written."""
    _state.env = env
    _state.csp = {}
    # Every page, its Markdown and its HTML now lives until the build ends: leave them out of the
    # cycle collector's full scans while pages are put into templates (a large blog's build spent
    # seconds re-scanning them).
    gc.freeze()
    _use_fragment_cache(env)
    if _state.checked_in_full:       # a preview with problems: all were listed in on_config
        _withhold_refused_pages(files, config)
        return env
    if _state.worker is not None:
        try:
            _state.html_checks = _state.worker.submit(
                validate.validate_site, *_validate_args(list(_state.pages.values()), config),
                today=_state.today, rendered_html=_state.html, html_only=True)
            return env
        except Exception as exc:  # noqa: BLE001 - the helper could not start: check here instead
            log.info("content checks could not start in the background (%s); running them here", exc)
            _close_worker()
    report = _check_html_here(config)
    _report(report, warnings=True)
    if _state.preview is not None:
        _state.preview.add(report)
        _withhold_refused_pages(files, config)
    return env


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """In a preview, a post with problems is read by the blog plugin (which runs after this) from a
    copy with its refused front matter values left out, so the plugin does not stop the whole
    preview and the post can show its problems."""
    if _state.preview is None:
        return files
    blog = getattr(config.plugins.get("material/blog"), "config", None)
    tags = getattr(config.plugins.get("material/tags"), "config", None)
    authors = getattr(config.plugins.get("material/blog"), "authors", None)
    allowed_tags = [getattr(t, "name", str(t)) for t in getattr(tags, "tags_allowed", None) or ()] or None
    for file in files.documentation_pages():
        record = _state.pages.get(file.src_uri)
        if record is None or record.kind != "post" or not _state.preview.has_errors(record.src):
            continue
        if _state.preview_dir is None:
            _state.preview_dir = Path(tempfile.mkdtemp(prefix="spine-preview-"))
        copy = _state.preview_dir / file.src_uri
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(preview.stand_in_post(
            record, today=_state.today, categories=getattr(blog, "categories_allowed", None) or None,
            tags=allowed_tags, authors=list(authors) if authors is not None else None,
            separator=getattr(blog, "post_excerpt_separator", None), withheld=_state.preview.withheld(record.src)),
            encoding="utf-8")
        file.abs_src_path = str(copy)
    return files


def _withhold_refused_pages(files: Files, config: MkDocsConfig) -> None:
    """In a preview, a page whose HTML is refused (or could not be checked) is never shown:
    its body, and its blog excerpt, become a notice; the problems show above it."""
    if _state.preview is None:
        return
    blog = getattr(config.plugins.get("material/blog"), "config", None)
    for file in files.documentation_pages():
        page = file.page
        if page is not None and _state.preview.withheld(file.src_uri):
            page.content = f"<p>{preview.WITHHELD_TEXT}</p>"
            page.markdown = preview.withheld_markdown(getattr(blog, "post_excerpt_separator", None))


# Partials that come out the same on many pages, and which pages share a copy: the key comes
# from our page context (None: render as usual). Navigation and tabs: see spinelib/fragments.py.
# The others link only to pages outside the blog's posts, so every post (all in one folder)
# gets the same relative links; the recent posts also depend on which posts are listed.
_SHARED_PARTIALS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "partials/nav.html": lambda spine: spine.get("nav_key"),
    "partials/tabs.html": lambda spine: spine.get("tabs_key"),
    "partials/search.html": lambda spine: spine.get("post_key"),
    "partials/site-footer.html": lambda spine: spine.get("post_key"),
    "partials/newsletter.html": lambda spine: spine.get("post_key"),
    "partials/recent-posts.html": lambda spine: spine.get("post_key") and (
        spine["post_key"], tuple(link["src"] for link in spine.get("recent") or () if link)),
}


def _use_fragment_cache(env: Environment) -> None:
    """Render the shared partials once per key and reuse them. Templates include a partial
    through its compiled render function, so that function is wrapped; the templates
    themselves are unchanged."""
    _state.fragments.clear()
    if not SHORTCUTS:
        return
    for name, key_of in _SHARED_PARTIALS.items():
        template = env.get_template(name)
        if getattr(template.root_render_func, "wrapped", None) is None:
            template.root_render_func = _state.fragments.wrap(
                name, template.root_render_func, lambda context, key_of=key_of: _fragment_key(context, key_of))


def _fragment_key(context: Any, key_of: Callable[[dict[str, Any]], Any]) -> Any:
    spine = context.get("spine")
    return key_of(spine) if isinstance(spine, dict) else None


def _close_worker() -> None:
    if _state.worker is not None:
        _state.worker.close()
    _state.worker, _state.html_checks = None, None


@event_priority(-100)
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """List every condition page under the Conditions tab, and every treatment or test page under
    the Treatments tab, A to Z, so editors never touch the nav."""
    # Every page's record and front matter now lives until the build ends: spare them the cycle
    # collector's full scans while the pages are rendered (see on_env).
    gc.freeze()
    for title, folder, kind in LIBRARY_SECTIONS:
        section = next((i for i in nav.items if isinstance(i, Section) and i.title == title), None)
        if section is not None:
            _list_library(section, files, folder, kind)
    return nav


def _list_library(section: Section, files: Files, folder: str, kind: str) -> None:
    listed = {getattr(child, "file", None) and child.file.src_uri for child in section.children}
    extra = sorted(
        (f.page for f in files.documentation_pages()
         if f.src_uri.startswith(folder) and f.src_uri not in listed and f.page is not None
         and content.kind_of(f.src_uri) == kind),
        key=lambda page: (_record(page).title.lower() if _record(page) else page.file.src_uri),
    )
    for page in extra:
        record = _record(page)
        if record is not None:
            page.title = record.title
        page.parent = section
        section.children.append(page)


def _record(page: MkPage) -> content.Page | None:
    return _state.pages.get(page.file.src_uri)


def on_page_markdown(markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
    src = page.file.src_uri
    record = _record(page)
    if record is not None and "search" not in page.meta:
        page.meta["search"] = {"boost": searchterms.LIBRARY_BOOST}
    markdown = atoz.expand(src, markdown, list(_state.pages.values()))
    return triage.expand(markdown, _state.standard, _state.words)


def on_page_content(html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
    _state.html[page.file.src_uri] = html           # for the checks in on_env
    html = carecards.mark_care_cards(html)
    record = _record(page)
    if record is not None:
        if record.kind == "post" and SHORTCUTS:
            _cut_for_excerpts(page, config)
    return html


def _cut_for_excerpts(post: MkPage, config: MkDocsConfig) -> None:
    """The post page is rendered: its blog excerpts only need the Markdown up to the marker."""
    blog = config.plugins.get("material/blog")
    separator = getattr(getattr(blog, "config", None), "post_excerpt_separator", None)
    if separator and post.markdown:
        post.markdown = excerpts.excerpt_source(post.markdown, separator) or post.markdown


def _link(src: str) -> dict[str, Any] | None:
    if src not in _state.links:      # the same few pages are linked from many: build each once
        record = _state.pages.get(src)
        _state.links[src] = None if record is None else {
            "title": record.title, "url": record.url, "kind": record.kind, "description": record.description,
            "date": record.date, "src": src}
    return _state.links[src]


def _add_search_keywords(page: MkPage, record: content.Page, config: MkDocsConfig) -> None:
    terms = record.aliases + record.str_list("search_terms")
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None)
    if not terms or index is None or (page.meta.get("search") or {}).get("exclude"):
        return
    fields = getattr(getattr(search, "config", None), "fields", None)
    if isinstance(fields, dict):
        # mkdocs.yml weights the field; a site that does not list it (a test copy) still indexes it.
        fields.setdefault(searchterms.FIELD, {"boost": 1.0})
    searchterms.attach(index.entries, page.url, terms)


def _navigation_states(nav: Navigation) -> fragments.NavigationStates:
    """Read once per build (the navigation is final by the time pages are put in templates)."""
    if _state.nav_states is None or _state.nav_states[0] is not nav:
        _state.nav_states = (nav, fragments.NavigationStates(nav.items))
    return _state.nav_states[1]


@event_priority(-200)   # after search (0) has indexed page.content and the blog (-100) has rendered views
def on_page_context(context: dict[str, Any], *, page: MkPage, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    record = _record(page)
    if record is not None:
        _state.search_kinds[page.url] = record.kind      # for splitting a large index (on_post_build)
        # Readers' other words for this page, matched by search but never shown: a field of the
        # page's own index entry, which search (priority 0) has just added (spinelib/searchterms.py).
        _add_search_keywords(page, record, config)
    site_url = config.site_url or ""
    page_url = page.canonical_url or (site_url + page.url)
    relations = _state.relations
    spine: dict[str, Any] = {
        "kind": record.kind if record else "view",
        "record": record,
        "share": share.share_links(page_url, page.title or config.site_name),
        "newsletter": _state.newsletter,
        "recent": [_link(s) for s in _state.recent if not record or s != record.src][:5],
        "related": [], "articles_about": [], "read_also": None,
        "nav_key": _navigation_states(nav).key(page),
        "tabs_key": _navigation_states(nav).key(page, with_contents=False),
        "post_key": ("post", record.url.rsplit("/", 2)[0]) if record and record.kind == "post" else None,
        "preview": _state.preview.notice(page.file.src_uri) if _state.preview is not None else None,
    }
    if record is not None and relations is not None:
        spine["related"] = [dict(_link(i.src), pinned=i.pinned) for i in relations.related.get(record.src, [])]
        spine["articles_about"] = [_link(s) for s in relations.articles_about.get(record.src, [])]
        read_also = relations.read_also.get(record.src)
        spine["read_also"] = _link(read_also) if read_also else None
    org = config.extra.get("organisation") or {}
    crumbs = metadata.breadcrumbs(record, page.title or "", page.url, site_url)
    jsonld = [metadata.breadcrumb_list(crumbs)]
    if record is not None and record.kind == "post":
        authors = [a.name for a in getattr(page, "authors", [])]
        jsonld.append(metadata.blog_posting(record, page_url, org, authors))
    elif record is not None and record.kind in ("condition", "treatment"):
        jsonld.append(metadata.medical_web_page(record, page_url, org, config.extra.get("reviewer")))
    else:
        jsonld.append(metadata.web_page(page.title or config.site_name, (record.description if record else "")
                                        or config.site_description or "", page_url, org))
    spine["jsonld"] = jsonld

    # "Read also" goes inside the article, after its second section. It is inserted here,
    # after search has read page.content, so it is never indexed or used in an excerpt.
    if spine["read_also"] and _state.env is not None and page.content:
        snippet = _state.env.get_template("partials/read-also.html").render(
            item=spine["read_also"], page=page, base_url=context.get("base_url", ""), config=config)
        page.content = sections.insert_after_section(page.content, snippet, section=2)
    context["spine"] = spine
    _add_security_policy(context, config)
    return context


def on_template_context(context: dict[str, Any], *, template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """Theme pages without a Markdown source (404.html) get the same policy as every page."""
    _add_security_policy(context, config)
    return context


# Where every inline script of the theme lives (Material's and ours). The policy allows each one
# by the hash of its text, computed by rendering these partials: never from a built page, so
# a script that reached a page's content is not allowed by its own presence.
INLINE_SCRIPT_PARTIALS = "partials/javascripts/"


def _add_security_policy(context: dict[str, Any], config: MkDocsConfig) -> None:
    env = _state.env
    if env is None:
        return
    base_url = context.get("base_url", "")
    if base_url not in _state.csp:      # the scripts differ only by base_url (Material's __md_scope)
        names = sorted({f"{INLINE_SCRIPT_PARTIALS}{path.name}" for folder in config.theme.dirs
                        for path in Path(folder, INLINE_SCRIPT_PARTIALS).glob("*.html")})
        scripts_context = {**context, "features": config.theme.get("features") or []}
        html = "".join(env.get_template(name).render(scripts_context) for name in names)
        forms = [_state.newsletter.action] if _state.newsletter is not None else []
        try:
            # (`mkdocs serve` writes its live-reload script into each page: see csp.policy.)
            _state.csp[base_url] = csp.page_policy(html, form_targets=forms, preview=_state.command == "serve")
        except csp.CspError as exc:
            raise PluginError(f"Content-Security-Policy: {exc}") from None
    context["spine_csp"] = _state.csp[base_url]
    context["spine_referrer"] = csp.REFERRER_POLICY


def on_post_build(*, config: MkDocsConfig) -> None:
    """Collect the HTML checks run in the background, and write the newsletter form as a
    standalone snippet for the hospital's other websites."""
    checks = _state.html_checks
    if checks is not None:
        try:
            waited = time.perf_counter()
            report = checks.result()
            log.debug("content checks: waited %.1f s for the background process", time.perf_counter() - waited)
        except Exception as exc:  # noqa: BLE001 - the helper process died: check here instead
            log.warning("content checks could not run in the background (%s); running them here", exc)
            report = _check_html_here(config)
        finally:
            _close_worker()
        if report.errors and _state.command != "serve":
            # The pages were written while the checks ran: a refused build must leave nothing
            # behind that could be published (the same clean-up MkDocs does before a build).
            utils.clean_directory(config.site_dir)
        _report(report, warnings=True)
    # Our JavaScript without its comments: the first view's weight (minify.py).
    minify.minify_scripts(Path(config.docs_dir), Path(config.site_dir))
    # A large blog's index in two parts: the first results from a small first part (search_index.py).
    split = search_index.split(Path(config.site_dir) / "search", _state.search_kinds, search_index.budget(os.environ))
    if split is not None:
        log.info("search index in two parts: %d of %d entries first (%d KB of %d KB gzipped)", split.first_docs,
                 split.all_docs, split.first_gzip // 1024, split.all_gzip // 1024)
    # The browser editor at /admin/: its form generated from the schema (spinelib/cms.py).
    from spinelib import cms, cms_admin  # noqa: PLC0415
    root = Path(config.config_file_path).parent
    cms_admin.write_admin(root, Path(config.site_dir), cms.site_lists(root, list(_state.pages.values())),
                          local=os.environ.get("SPINE_CMS_LOCAL") == "1")
    if _state.newsletter is None or _state.env is None:
        return
    html = _state.env.get_template("newsletter-embed.html").render(newsletter=_state.newsletter, config=config)
    target = Path(config.site_dir) / "embed" / "newsletter.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")


def on_build_error(*, error: Exception) -> None:
    _close_worker()


def on_shutdown() -> None:
    # The process ends next. Without this, Python's last cycle collection scans every object the
    # build made (seconds on a large blog) only for the operating system to free it all anyway.
    _close_worker()
    if _state.preview_dir is not None:
        shutil.rmtree(_state.preview_dir, ignore_errors=True)
        _state.preview_dir = None
    gc.freeze()
