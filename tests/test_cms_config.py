"""The browser editor's form (Decap CMS config.yml) is generated from the content schema and the
site's allow-lists, so the two cannot drift; and what the editor writes back keeps our files'
form (scripts/spinelib/cms_format.js, run under Node on every page)."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT
from spinelib import carecards, cms, cms_admin, content, schema
from spinelib.checks.care_cards import MAX_CARE_CARD_BULLETS

DOCS = ROOT / "docs"
COLLECTIONS = {"post": "posts", "condition": "conditions", "treatment": "treatments"}


@pytest.fixture(scope="module")
def pages() -> list[content.Page]:
    return content.load_site(DOCS)


@pytest.fixture(scope="module")
def lists(pages: list[content.Page]) -> cms.SiteLists:
    return cms.site_lists(ROOT, pages)


def fields_of(cfg: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    if kind == "page":
        pages = next(c for c in cfg["collections"] if c["name"] == "pages")
        return {f["name"]: f for f in pages["files"][0]["fields"]}
    coll = next(c for c in cfg["collections"] if c["name"] == COLLECTIONS[kind])
    return {f["name"]: f for f in coll["fields"]}


def mkdocs_yml() -> dict[str, Any]:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=cms._AnyTagLoader)


def plugin(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(e[name] for e in config["plugins"] if isinstance(e, dict) and name in e)


@pytest.mark.parametrize("kind", ["post", "condition", "treatment", "page"])
def test_every_schema_field_is_in_the_form_with_its_required_flag(lists: cms.SiteLists, kind: str) -> None:
    cfg = cms.config(lists)
    form = fields_of(cfg, kind)
    model = schema.MODELS[kind]
    expected = [n for n in model.model_fields if n not in cms.NOT_IN_FORM.get(kind, set())]
    assert set(form) == set(expected) | {"body"}, set(form) ^ (set(expected) | {"body"})
    for name in expected:
        assert form[name]["required"] is model.model_fields[name].is_required(), name
    assert form["body"]["widget"] == cms.BODY_WIDGET == "spine-markdown"


def test_widgets_fit_the_fields(lists: cms.SiteLists) -> None:
    cfg = cms.config(lists)
    post, condition, treatment = (fields_of(cfg, k) for k in ("post", "condition", "treatment"))
    assert post["title"]["widget"] == "string"
    assert post["description"]["pattern"][0] == "^[\\s\\S]{0,160}$" and "160" in post["description"]["hint"]
    assert condition["summary"]["pattern"][0] == f"^[\\s\\S]{{0,{schema.SUMMARY_MAX}}}$"
    for field in (post["date"], condition["last_reviewed"], treatment["last_reviewed"]):
        assert field["widget"] == "datetime" and field["format"] == "YYYY-MM-DD" and field["time_format"] is False
    assert (post["categories"]["min"], post["categories"]["max"]) == (1, 2)
    assert (post["tags"]["min"], post["tags"]["max"]) == (1, 6)
    assert post["conditions"]["widget"] == "relation" and post["conditions"]["collection"] == "conditions"
    assert post["conditions"]["multiple"] is True and post["conditions"]["value_field"] == "{{slug}}"
    assert post["related"]["widget"] == "select" and post["related"]["max"] == schema.MAX_PINNED
    assert {o["value"] for o in post["related"]["options"]} == set(lists.related)
    assert condition["starts_in"] == {**condition["starts_in"], "widget": "select", "options": list(schema.STARTS_IN)}
    assert treatment["treatment_type"]["options"] == list(schema.TREATMENT_TYPES)
    sources = post["sources"]
    assert sources["widget"] == "list" and sources["min"] == schema.MIN_SOURCES
    sub = {f["name"]: f for f in sources["fields"]}
    assert list(sub) == ["title", "publisher", "year", "url"]
    assert [sub[n]["required"] for n in sub] == [True, True, False, True]
    assert sub["url"]["pattern"][0].startswith("^https://") and sub["year"]["value_type"] == "int"
    assert post["draft"]["widget"] == "boolean" and post["draft"]["required"] is False


def test_choices_come_from_the_allow_lists(lists: cms.SiteLists) -> None:
    config = mkdocs_yml()
    post = fields_of(cms.config(lists), "post")
    assert post["categories"]["options"] == plugin(config, "blog")["categories_allowed"]
    assert post["tags"]["options"] == plugin(config, "tags")["tags_allowed"]
    authors = yaml.safe_load((DOCS / "blog" / ".authors.yml").read_text(encoding="utf-8"))["authors"]
    assert [o["value"] for o in post["authors"]["options"]] == list(authors)


def test_a_new_tag_or_schema_field_appears_with_no_other_change(pages: list[content.Page],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    config = copy.deepcopy(mkdocs_yml())
    plugin(config, "tags")["tags_allowed"].append("Posture")
    lists = cms.site_lists(ROOT, pages, mkdocs_config=config)

    class Post(schema.Post):
        shoe_size: int | None = None
        reviewer_note: str

    monkeypatch.setitem(schema.MODELS, "post", Post)
    form = fields_of(cms.config(lists), "post")
    assert "Posture" in form["tags"]["options"]
    config.setdefault("extra", {})["cms"] = {"base_url": "https://cms-auth.example.org", "auth_endpoint": "auth"}
    backend = cms.config(cms.site_lists(ROOT, pages, mkdocs_config=config))["backend"]
    assert (backend["base_url"], backend["auth_endpoint"]) == ("https://cms-auth.example.org", "auth")
    assert form["shoe_size"] == {**form["shoe_size"], "widget": "number", "required": False}
    assert form["reviewer_note"] == {**form["reviewer_note"], "widget": "string", "required": True}


def test_the_published_config_has_the_github_workflow_and_no_local_proxy(lists: cms.SiteLists) -> None:
    cfg = yaml.safe_load(cms.config_yaml(lists))
    assert cfg["publish_mode"] == "editorial_workflow"
    assert cfg["backend"]["name"] == "github"
    assert cfg["backend"]["repo"] == cms.repo_from_url(mkdocs_yml()["repo_url"])
    assert cfg["media_folder"] == "docs/assets/images"
    assert {c["name"]: c.get("folder") for c in cfg["collections"]} == {
        "posts": "docs/blog/posts", "conditions": "docs/conditions", "treatments": "docs/treatments", "pages": None}
    assert "local_backend" not in cfg
    assert yaml.safe_load(cms.config_yaml(lists, local=True))["local_backend"] == {"url": cms.LOCAL_PROXY_URL}
    others = {f["file"] for f in next(c for c in cfg["collections"] if c["name"] == "pages")["files"]}
    assert "docs/about/privacy.md" in others and "docs/conditions/index.md" in others


def test_without_node_modules_the_admin_page_says_how_to_get_the_editor(tmp_path: Path,
                                                                       lists: cms.SiteLists) -> None:
    installed = cms_admin.write_admin(tmp_path / "bare-root", tmp_path / "site", lists)
    html = (tmp_path / "site" / "admin" / "index.html").read_text(encoding="utf-8")
    assert not installed and "make editor" in html and "<script" not in html
    assert html.count("<p>") == 1


def test_with_node_modules_the_bundle_is_served_from_our_origin(tmp_path: Path, lists: cms.SiteLists) -> None:
    if not (ROOT / cms.BUNDLE_DIR / cms.BUNDLE).is_file():
        pytest.skip("npm packages not installed (npm ci)")
    assert cms_admin.write_admin(ROOT, tmp_path, lists)
    html = (tmp_path / "admin" / "index.html").read_text(encoding="utf-8")
    srcs = [part.split('"')[0] for part in html.split('src="')[1:]]
    assert srcs == cms_admin.scripts() == ["manual-init.js", "decap-cms.js", "js-yaml.min.js", "marked.js",
                                           "spine-data.js", "cms-format.js", "cms-text.js", "cms-preview.js",
                                           "cms-backend.js", "editor-components.js", "admin-init.js"]
    assert all((tmp_path / "admin" / s).is_file() for s in srcs)
    assert '<link rel="stylesheet" href="editor.css">' in html and (tmp_path / "admin" / "editor.css").is_file()
    assert "style=" not in html
    assert "<script>" not in html, "no inline script: the admin page's policy allows scripts from this origin only"
    policy = html.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
    assert policy == cms_admin.admin_csp() and "'unsafe-inline'" not in policy.split("style-src")[0]
    links = html.replace(policy, "").replace('http-equiv="Content-Security-Policy"', "")
    assert "http" not in links


# ---- what the editor writes back --------------------------------------------------------------

NODE_SCRIPT = r"""
const fs = require('fs');
const fmt = require(process.argv[1]);
const job = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = {};
for (const [file, order] of Object.entries(job.files)) {
  const text = fs.readFileSync(file, 'utf8');
  const data = fmt.fromFile(text);
  const unchanged = fmt.toFile(JSON.parse(JSON.stringify(data)), order);
  fmt.forget();
  const fresh = fmt.toFile(JSON.parse(JSON.stringify(data)), order);
  fmt.fromFile(text);
  const edited = fmt.toFile({...data, description: 'A new description of the page.'}, order);
  out[file] = {text, unchanged, fresh, edited};
}
out.__new__ = fmt.toFile(job.new_post, job.post_order);
process.stdout.write(JSON.stringify(out));
"""


def run_format(files: dict[str, list[str]], new_post: dict[str, Any], post_order: list[str]) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None or not (ROOT / cms.YAML_PARSER).is_file():
        pytest.skip("Node.js or the npm packages are missing")
    result = subprocess.run([node, "-e", NODE_SCRIPT, str(cms.FORMAT_JS)], cwd=ROOT, capture_output=True, text=True,
                            input=json.dumps({"files": files, "new_post": new_post, "post_order": post_order}),
                            env={"NODE_PATH": str(ROOT / "node_modules"), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def changed_lines(a: str, b: str) -> list[tuple[str, str]]:
    old, new = a.splitlines(), b.splitlines()
    assert len(old) == len(new), "lines were added or removed"
    return [(x, y) for x, y in zip(old, new) if x != y]


def test_every_page_saved_unchanged_is_byte_identical_and_one_edit_is_one_line(pages: list[content.Page],
                                                                             lists: cms.SiteLists) -> None:
    """Decap passes the form's field order to the format; the same order is used here."""
    cfg = cms.config(lists)
    order = {kind: [n for n in fields_of(cfg, kind) if n != "body"] for kind in ("post", "condition", "treatment", "page")}
    files = [DOCS / p.src for p in pages]
    new_post = {"draft": True, "pin": False, "search": {"exclude": False}, "authors": ["editorial"],
                "title": "Can stress make back pain worse?", "description": "How stress and back pain affect each other.",
                "date": "2026-11-30", "categories": ["Symptoms"], "tags": ["Back pain"], "authors": ["editorial"],
                "conditions": [], "sources": [{"title": "Back pain", "publisher": "NHS", "year": 2023,
                                               "url": "https://www.nhs.uk/conditions/back-pain/"}],
                "body": "Text.\n"}
    out = run_format({str(DOCS / p.src): order[p.kind] for p in pages}, new_post, order["post"])
    identical = fresh_identical = 0
    for file in files:
        got = out[str(file)]
        text = got["text"]             # as Node read it (other people may be editing the pages now)
        identical += got["unchanged"] == text
        fresh_identical += sorted(got["fresh"].splitlines()) == sorted(text.splitlines())
        assert got["unchanged"] == text, f"{file}: saving unchanged rewrites the file"
        meta = yaml.safe_load(text.split("---\n")[1])
        if "description" in meta and isinstance(meta["description"], str):
            diff = changed_lines(text, got["edited"])
            assert diff == [(f"description: {diff[0][0].split(': ', 1)[1]}",
                             'description: "A new description of the page."')], f"{file}: {diff}"
    assert identical == len(files)
    # The house style on its own (every field written afresh, nothing remembered) gives the same
    # lines as most pages (57 of 74 on 2026-12-01): the rest differ by unquoted titles, comments,
    # folded descriptions and `conditions: []`, which are kept verbatim while unchanged.
    assert fresh_identical >= len(files) * 3 // 4, fresh_identical
    post = out["__new__"]
    assert post.startswith('---\ntitle: "Can stress make back pain worse?"\ndescription: "How stress')
    assert "pin:" not in post and "search:" not in post and post.index("\ndate:") < post.index("\ncategories:")
    assert "date: 2026-11-30\n" in post and "  - title: \"Back pain\"\n    publisher: \"NHS\"\n    year: 2023\n" in post
    assert "\nconditions:" not in post and "draft: true\n" in post
    assert yaml.safe_load(post.split("---\n")[1])["sources"][0]["url"] == "https://www.nhs.uk/conditions/back-pain/"


# ---- our widgets: every limited field counts, every body is our editor, index pages kept out ----

def all_fields(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for f in fields:
        out.append(f)
        out += all_fields(f.get("fields") or ([f["field"]] if "field" in f else []))
    return out


def test_every_limited_text_field_counts_characters_and_every_body_is_our_editor(lists: cms.SiteLists) -> None:
    cfg = cms.config(lists)
    forms = [c["fields"] for c in cfg["collections"] if "fields" in c]
    forms += [f["fields"] for c in cfg["collections"] for f in c.get("files", [])]
    assert len(forms) == 3 + len(lists.other_pages)
    limited = set()
    for kind, model in schema.MODELS.items():
        for name, info in model.model_fields.items():
            tp, meta = cms._unwrap(info.annotation)
            max_len = cms._limit(meta + list(info.metadata), cms.annotated_types.MaxLen)
            if max_len and tp is str:
                limited.add((name, max_len))
    assert ("description", schema.DESCRIPTION_MAX) in limited and ("summary", schema.SUMMARY_MAX) in limited
    for fields in forms:
        every = all_fields(fields)
        bodies = [f for f in every if f["name"] == "body"]
        assert [b["widget"] for b in bodies] == [cms.BODY_WIDGET] and "modes" not in bodies[0]
        for f in every:
            if (f["name"], f.get("max_length")) in limited:
                assert f["widget"] == cms.COUNTED_WIDGET, f
            if f.get("widget") == cms.COUNTED_WIDGET:
                assert (f["name"], f["max_length"]) in limited, f
                assert f["pattern"][0] == f"^[\\s\\S]{{0,{f['max_length']}}}$"     # and Save refuses a longer one
    counted = {f["name"]: f["max_length"] for fields in forms for f in all_fields(fields)
               if f.get("widget") == cms.COUNTED_WIDGET}
    assert counted == {"description": schema.DESCRIPTION_MAX, "summary": schema.SUMMARY_MAX}


def test_a_new_limit_in_the_schema_gets_a_counter(pages: list[content.Page], monkeypatch: pytest.MonkeyPatch) -> None:
    from typing import Annotated
    from pydantic import Field

    class Post(schema.Post):
        subtitle: Annotated[str, Field(max_length=70)] | None = None

    monkeypatch.setitem(schema.MODELS, "post", Post)
    form = fields_of(cms.config(cms.site_lists(ROOT, pages)), "post")
    assert (form["subtitle"]["widget"], form["subtitle"]["max_length"]) == (cms.COUNTED_WIDGET, 70)


def test_the_section_index_pages_are_kept_out_of_the_folder_collections(lists: cms.SiteLists,
                                                                        pages: list[content.Page]) -> None:
    """Decap 3.16's collection `filter` matches one field value only (no path pattern), so
    cms_backend.js leaves these paths out of the folder listings; they stay under "Other pages"."""
    assert lists.excluded == ("docs/conditions/index.md", "docs/treatments/index.md")
    folders = {kind: folder for kind, folder, _l, _p in cms.FOLDER_COLLECTIONS.values()}
    for page in pages:                  # every page in a folder collection's folder is either its kind or excluded
        for kind, folder in folders.items():
            if page.src.startswith(folder) and "/" not in page.src[len(folder):]:
                assert (page.kind == kind) != (f"docs/{page.src}" in lists.excluded), page.src
    data = cms_admin.spine_data(lists)
    assert data["exclude"] == list(lists.excluded)
    cfg = cms.config(lists)
    others = {f["file"] for c in cfg["collections"] if c["name"] == "pages" for f in c["files"]}
    assert set(lists.excluded) <= others
    core = ROOT / "node_modules" / "decap-cms-core" / "src"
    if core.is_dir():                   # the reason, checked against the installed Decap
        types = (core / "types" / "redux.ts").read_text(encoding="utf-8")
        assert "filter?: { field: string; value: unknown };" in types
        assert "fieldValue === filterRule.get('value')" in (core / "backend.ts").read_text(encoding="utf-8")


# ---- the page-text toolbar and the preview, under Node ----------------------------------------

def run_js(script: str) -> Any:
    node = shutil.which("node")
    if node is None or not (ROOT / cms_admin.MARKED).is_file():
        pytest.skip("Node.js or the npm packages are missing")
    head = (f"const T = require({json.dumps(str(cms_admin.HERE / 'cms_text.js'))});\n"
            f"const P = require({json.dumps(str(cms_admin.HERE / 'cms_preview.js'))});\n"
            "const marked = require('marked');\n")
    result = subprocess.run([node, "-e", head + script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={"NODE_PATH": str(ROOT / "node_modules"), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_inserts_add_whole_lines_of_our_syntax_and_change_no_other_line(lists: cms.SiteLists) -> None:
    out = run_js("""
const U = %s;
const M = %d;   // the checks' bullet limit, as SPINE.max_card_bullets carries it
const card = T.careCard({urgency: 'emergency', heading: '', flags: ['ces-saddle', 'pe'],
                         own: 'you feel faint\\n\\n- you are confused', after: 'Go now.\\nDo not wait.'}, U, M);
const cases = {};
for (const [name, text, pos] of [['between paragraphs', 'A\\n\\nB\\n', 2], ['start of a paragraph', 'A\\n\\nB\\n', 3],
    ['mid-line', 'One line here.\\nTwo\\n', 5], ['end', 'A\\n', 2], ['no final newline', 'A', 1], ['empty', '', 0]])
  cases[name] = T.insertBlock(text, pos, 'X\\nY\\n').text;
process.stdout.write(JSON.stringify({card, cases,
  empty: T.careCard({urgency: 'urgent', flags: [], own: ' '}, U, M),
  many: T.careCard({urgency: 'urgent', own: '1\\n2\\n3\\n4\\n5\\n6\\n7'}, U, M),
  quoted: T.careCard({urgency: 'see-doctor', heading: 'See a "doctor" if:', own: 'x'}, U, M).text,
  pic: T.picture({src: '/assets/images/heel map.png', alt: ' Where [heel] pain is felt ', pageDir: ['docs', 'blog', 'posts'],
                  mediaFolder: 'docs/assets/images', publicFolder: '/assets/images'}),
  pic_page: T.picture({src: '/assets/images/x.png', alt: 'A drawing of the spine', pageDir: ['docs', 'conditions'],
                       mediaFolder: 'docs/assets/images', publicFolder: '/assets/images'}),
  no_alt: T.picture({src: '/assets/images/x.png', alt: '  ', pageDir: ['docs']}),
  short_alt: T.picture({src: '/assets/images/x.png', alt: 'x', pageDir: ['docs']}),
  no_src: T.picture({src: '', alt: 'A drawing', pageDir: ['docs']}),
  bold: T.format('say hi', 4, 6, 'bold'), link: T.format('see NHS', 4, 7, 'link'),
  list: T.format('a\\nb\\n\\nc', 0, 3, 'bullets'), numbers: T.format('a\\nb', 0, 3, 'numbers'),
  h2: T.format('Intro\\n### Old', 7, 7, 'h2'),
  len: T.length('é😀'),
}));
""" % (json.dumps(cms.URGENCIES), MAX_CARE_CARD_BULLETS))
    assert out["card"]["text"] == (
        '!!! emergency "Call {{ emergency_number }} or go to {{ emergency_room }} if:"\n\n'
        "    - red-flag: ces-saddle\n    - red-flag: pe\n    - you feel faint\n    - you are confused\n\n"
        "    Go now.\n    Do not wait.\n")
    assert out["cases"] == {
        "between paragraphs": "A\n\nX\nY\n\nB\n", "start of a paragraph": "A\n\nX\nY\n\nB\n",
        "mid-line": "One line here.\n\nX\nY\n\nTwo\n", "end": "A\n\nX\nY\n", "no final newline": "A\n\nX\nY\n",
        "empty": "X\nY\n"}
    assert "empty" in out["empty"]["error"] and "at most 5 plus one catch-all" in out["many"]["error"]
    assert out["quoted"].startswith("!!! see-doctor \"See a 'doctor' if:\"\n")
    assert out["pic"] == {"text": "![Where heel pain is felt](../../assets/images/heel%20map.png)\n"}
    assert out["pic_page"] == {"text": "![A drawing of the spine](../assets/images/x.png)\n"}
    assert "alt text is required" in out["no_alt"]["error"] and "a few words" in out["short_alt"]["error"]
    assert "Choose or upload a picture" in out["no_src"]["error"]
    assert out["bold"] == {"text": "say **hi**", "start": 6, "end": 8}
    assert out["link"]["text"] == "see [NHS](https://)" and out["link"]["text"][out["link"]["start"]:out["link"]["end"]] == "https://"
    assert out["list"]["text"] == "- a\n- b\n\nc" and out["numbers"]["text"] == "1. a\n2. b"
    assert out["h2"]["text"] == "Intro\n## Old"
    assert out["len"] == 2                       # as Python counts them (the checks)


def test_an_inserted_card_is_read_back_by_the_checks_as_that_card(tmp_path: Path, lists: cms.SiteLists) -> None:
    """What the toolbar writes is what the content checks accept: a card with standard flags of
    its urgency is read back as that card, its flags expanded to their standard wording."""
    from spinelib import triage

    out = run_js("""process.stdout.write(JSON.stringify(T.careCard({urgency: 'urgent', flags: ['numbness-spreading'],
        own: 'your pain is much worse'}, %s, %d).text));""" % (json.dumps(cms.URGENCIES), MAX_CARE_CARD_BULLETS))
    cards = carecards.parse(out, 1)
    assert [(c.kind, c.title, [b for _, b in c.bullets]) for c in cards] == [
        ("urgent", '"Get an urgent appointment today if:"', ["red-flag: numbness-spreading", "your pain is much worse"])]
    expanded = triage.expand(out, triage.load(DOCS), lists.words)
    assert "red-flag" not in expanded and "{{" not in expanded and "numbness or tingling" in expanded


def test_the_preview_renders_our_blocks_as_the_site_does(lists: cms.SiteLists) -> None:
    spine = cms_admin.spine_data(lists) | {"words": {"emergency_number": "999", "emergency_room": "A&E"}}
    html = run_js("""
const spine = %s;
const md = 'Intro <b onclick="x()">hi</b> [x](javascript:alert(1)) [y](sciatica.md).\\n\\n<!-- more -->\\n\\n'
  + '<div>raw</div>\\n\\n!!! emergency "Call {{ emergency_number }} or go to {{ emergency_room }} if:"\\n\\n'
  + '    - red-flag: ces-saddle\\n    - red-flag: not-a-flag\\n    - your own words\\n\\n    After **that**.\\n\\n'
  + '!!! note\\n\\n    Plain note.\\n\\n![A spine](../assets/images/lower-spine.svg)\\n';
process.stdout.write(JSON.stringify(P.render(md, spine, marked, {entryPath: 'docs/conditions/sciatica.md'})));
""" % json.dumps(spine))
    wording = {f["id"]: f["wording"] for f in lists.red_flags}
    assert ('<div class="admonition care-card emergency" role="region" aria-labelledby="care-card-1">\n'
            '<p class="admonition-title" id="care-card-1"><span class="visually-hidden">Immediate action required: '
            "</span>Call 999 or go to A&amp;E if:</p>") in html
    assert f"<li>{wording['ces-saddle']}</li>" in html and "<li>red-flag: not-a-flag</li>" in html
    assert "<li>your own words</li>" in html and "<p>After <strong>that</strong>.</p>\n</div>" in html
    assert '<div class="admonition note">\n<p class="admonition-title">Note</p>\n<p>Plain note.</p>\n</div>' in html
    assert '<img src="/assets/images/lower-spine.svg" alt="A spine">' in html
    assert "<b" not in html and "onclick" not in html.replace("&lt;b onclick", "") and "javascript:" not in html
    assert "<div>raw" not in html and "more" not in html and 'href="sciatica.md"' in html
    assert spine["care_words"] == carecards.CARE_TYPES and spine["max_card_bullets"] == MAX_CARE_CARD_BULLETS
