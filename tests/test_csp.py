"""The Content-Security-Policy (the second wall behind the content checks): the policy builder
in spinelib/csp.py, and the policy and referrer policy on every built page.
The browser side is in test_browser_csp.py."""

from __future__ import annotations

import hashlib
import base64
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from spinelib import csp, newsletter

NOT_PAGES = ("embed", "admin")
HASH = "'sha256-" + "A" * 43 + "='"


def directives(text: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for part in text.split(";"):
        name, *sources = part.split()
        assert name not in parsed, f"{name} appears twice"
        parsed[name] = sources
    return parsed


# ---- the policy builder (no build needed) ---------------------------------------------------

def test_policy_allows_only_the_sites_own_files_and_the_given_scripts_and_form_targets() -> None:
    other = "'sha256-" + "B" * 43 + "='"
    text = csp.policy(script_hashes=[other, HASH, HASH], form_origins=["https://lists.example.org"])
    assert directives(text) == {
        "default-src": ["'none'"],
        "script-src": ["'self'", HASH, other],           # sorted, each once
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'", "https://lists.example.org"],
    }
    for loophole in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "https:", "blob:"):
        assert loophole not in text.split(), loophole
    # frame-ancestors, report-uri and sandbox are ignored in a <meta> policy: not written at all.
    assert not {"frame-ancestors", "report-uri", "report-to", "sandbox"} & set(directives(text))
    assert csp.policy() == csp.policy(script_hashes=[], form_origins=[])
    assert directives(csp.policy())["form-action"] == ["'self'"]


def test_the_preview_allows_its_live_reload_script_and_nothing_else_more() -> None:
    """`mkdocs serve` injects a different live-reload script into every response: no hash can
    allow it, so the preview (only) allows inline scripts; every other directive is the same."""
    built = directives(csp.policy(script_hashes=[HASH], form_origins=["https://lists.example.org"]))
    preview = directives(csp.policy(script_hashes=[HASH], form_origins=["https://lists.example.org"], preview=True))
    assert preview.pop("script-src") == ["'self'", "'unsafe-inline'"]
    assert built.pop("script-src") == ["'self'", HASH]
    assert preview == built


def test_script_hash_is_the_csp_sha256_of_the_exact_text() -> None:
    # The example of the CSP specification / MDN: <script>alert('Hello, world.');</script>
    assert csp.script_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    text = "\n  document.body.hidden = false;\n"          # whitespace counts, UTF-8 bytes are hashed
    expected = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    assert csp.script_hash(text) == f"'sha256-{expected}'"
    assert csp.script_hash(text) != csp.script_hash(text.strip())


def test_inline_scripts_are_the_executable_ones_only() -> None:
    html = """
      <script>one()</script>
      <script type="text/javascript">two()</script>
      <SCRIPT type='module'>three()</SCRIPT>
      <script src="a.js"></script>
      <script id="__enhance" data-src="b.js">four()</script>
      <script type="application/json" id="__config">{"x": 1}</script>
      <script type="application/ld+json">{"@type": "WebPage"}</script>
      <script type="text/template"><p>not run</p></script>
    """
    assert csp.inline_scripts(html) == ["one()", "two()", "three()", "four()"]
    assert csp.inline_scripts("<p>no scripts</p>") == []


def test_form_origins_come_from_the_newsletter_action_of_every_provider() -> None:
    settings = {
        "listmonk": {"provider": "listmonk", "action": "https://lists.example.org/subscription/form",
                     "list_id": "00000000-0000-4000-8000-000000000000"},
        "mailchimp": {"provider": "mailchimp", "action": "https://acme.us21.list-manage.com/subscribe/post",
                      "user_id": "abc123", "list_id": "def456"},
        "buttondown": {"provider": "buttondown", "username": "acme"},
        "kit": {"provider": "kit", "form_id": "1234567"},
        "generic": {"provider": "generic", "action": "https://news.example.org:8443/join?x=1",
                    "email_field": "email", "provider_name": "us"},
    }
    expected = {
        "listmonk": "https://lists.example.org", "mailchimp": "https://acme.us21.list-manage.com",
        "buttondown": "https://buttondown.com", "kit": "https://app.convertkit.com",
        "generic": "https://news.example.org:8443",
    }
    for provider, value in settings.items():
        action = newsletter.from_settings(value).action
        text = csp.page_policy("<script>x()</script>", form_targets=[action])
        assert directives(text)["form-action"] == ["'self'", expected[provider]], provider
        assert directives(text)["script-src"] == ["'self'", csp.script_hash("x()")]


def test_sources_that_would_weaken_or_break_the_policy_are_refused() -> None:
    with pytest.raises(csp.CspError, match="https"):
        csp.origin("http://lists.example.org/subscribe")
    with pytest.raises(csp.CspError):
        csp.origin("https://lists.example.org\"; script-src *")
    with pytest.raises(csp.CspError, match="origin"):
        csp.policy(form_origins=["https://lists.example.org/path"])
    with pytest.raises(csp.CspError, match="sha256"):
        csp.policy(script_hashes=["'unsafe-inline'"])
    assert csp.origin("https://Lists.Example.org:443/x?y") == "https://lists.example.org"


# ---- on the built site -----------------------------------------------------------------------

def built_pages(site_dir: Path) -> list[Path]:
    """Every page of the site. Not: embed/newsletter.html, a snippet for other sites (their policy
    applies), and admin/, the browser editor (Decap CMS), which is not a Material page and has its own policy."""
    pages = sorted(p for p in site_dir.rglob("*.html") if p.relative_to(site_dir).parts[0] not in NOT_PAGES)
    assert len(pages) >= 40
    return pages


@pytest.mark.build
def test_every_page_has_the_policy_before_any_script(site_dir: Path) -> None:
    for path in built_pages(site_dir):
        name = path.relative_to(site_dir).as_posix()
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        metas = doc.select('meta[http-equiv="Content-Security-Policy"]')
        assert len(metas) == 1, f"{name}: {len(metas)} policies"
        assert metas[0].parent.name == "head", name
        referrer = doc.select('meta[name="referrer"]')
        assert [m["content"] for m in referrer] == [csp.REFERRER_POLICY], name
        head = list(doc.head.find_all(True))
        first_script = next(i for i, el in enumerate(head) if el.name == "script")
        assert head.index(metas[0]) < first_script, f"{name}: a script comes before the policy"
        assert head.index(referrer[0]) < first_script, f"{name}: a script comes before the referrer policy"


@pytest.mark.build
def test_every_inline_script_is_allowed_by_hash_and_none_is_inside_the_content(site_dir: Path) -> None:
    """The hashes come from the templates: each inline script a page runs is allowed, and no
    script inside the content area (where Markdown ends up) is an inline one."""
    seen: set[str] = set()
    for path in built_pages(site_dir):
        name = path.relative_to(site_dir).as_posix()
        html = path.read_text(encoding="utf-8")
        doc = BeautifulSoup(html, "lxml")
        policy = directives(doc.select_one('meta[http-equiv="Content-Security-Policy"]')["content"])
        allowed = set(policy["script-src"])
        assert "'unsafe-inline'" not in allowed, f"{name}: the preview's policy was published"
        for script in csp.inline_scripts(html):
            assert csp.script_hash(script) in allowed, f"{name}: inline script not allowed: {script[:80]!r}"
            seen.add(csp.script_hash(script))
        content = doc.select_one(".md-content")
        if content is not None:
            assert not csp.inline_scripts(str(content)), f"{name}: an inline script inside the content"
        # Every form on the page posts somewhere the policy allows.
        for form in doc.select("form[action]"):
            target = form["action"]
            if target.startswith("https://"):
                assert csp.origin(target) in policy["form-action"], f"{name}: form to {target} not allowed"
    assert len(seen) >= 4, seen          # Material's __md_scope (per folder depth), location hash, palette, ours


@pytest.mark.build
def test_the_newsletter_provider_is_the_only_other_form_target(site_dir: Path) -> None:
    import yaml

    from conftest import ROOT

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)   # mkdocs.yml's !!python tags
    settings = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    action = newsletter.from_settings(settings["extra"]["newsletter"]).action
    doc = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "lxml")
    policy = directives(doc.select_one('meta[http-equiv="Content-Security-Policy"]')["content"])
    assert policy["form-action"] == ["'self'", csp.origin(action)]


@pytest.mark.build
def test_source_links_send_no_referrer(site_dir: Path) -> None:
    links = []
    for path in sorted(site_dir.glob("conditions/*/index.html")):
        links += BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").select(".page-sources li a")
    assert len(links) >= 10
    assert all("noreferrer" in (a.get("rel") or []) for a in links), [str(a) for a in links if "noreferrer" not in (a.get("rel") or [])][:3]
