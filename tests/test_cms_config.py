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
from spinelib import cms, cms_admin, content, schema

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
    assert form["body"]["widget"] == "markdown"


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
    assert srcs == ["manual-init.js", "decap-cms.js", "js-yaml.min.js", "cms-format.js", "editor-components.js",
                    "admin-init.js"]
    assert all((tmp_path / "admin" / s).is_file() for s in srcs)
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
