"""The browser editor at /admin/ (Decap CMS), driven in Debian's Chromium against Decap's local
proxy (decap-server) in its git mode, on a throwaway clone of this repository: drafts become
branches there exactly as they become pull requests on GitHub."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from browser_support import DESKTOP, record
from cms_browser_support import CARD_STYLE, Session, changed_lines, free_port, git, passes_the_checks, tiny_png
from conftest import ROOT, build_site
from pagewait import wait_for

pytestmark = pytest.mark.browser

sys.path.insert(0, str(ROOT / "scripts"))
import editor  # noqa: E402
from spinelib import cms, cms_admin  # noqa: E402

NEW_POST = "can-stress-make-back-pain-worse"


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A throwaway clone of the repository's committed state (the proxy commits in it)."""
    if not (ROOT / cms.BUNDLE_DIR / cms.BUNDLE).is_file() or shutil.which("node") is None:
        pytest.fail("the editor's npm packages are missing: run `make test` (npm ci)")
    repo = tmp_path_factory.mktemp("cms") / "repo"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(repo)], check=True)
    git(repo, "config", "user.name", "Editor Test")
    git(repo, "config", "user.email", "editor@example.org")
    return repo


@pytest.fixture(scope="module")
def proxy(clone: Path) -> Iterator[str]:
    port = str(free_port())
    process = subprocess.Popen(["node", str(editor.PROXY)], cwd=clone, env=editor.proxy_env(clone, port),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        assert editor.wait_for(f"http://127.0.0.1:{port}/api/v1"), "decap-server did not start"
        yield f"http://127.0.0.1:{port}/api/v1"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def local_admin(site_dir: Path, proxy: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site with the editor configured as `make editor` serves it."""
    from serve_gzip import serving

    site = tmp_path_factory.mktemp("cms-site") / "site"
    shutil.copytree(site_dir, site)
    cms_admin.write_admin(ROOT, site, cms.site_lists(ROOT), local=proxy)
    with serving(site) as httpd:
        yield httpd.url + "admin/"


def test_a_post_written_in_the_form_becomes_a_branch_with_one_commit_that_passes_the_checks_and_builds(
        browser: Any, local_admin: str, clone: Path, tmp_path: Path) -> None:
    editor_ = Session(browser, local_admin)
    editor_.open("collections/posts/new")
    editor_.field("Title").fill("Can stress make back pain worse?")
    editor_.field("Description").fill("How stress and back pain affect each other, and what you can do to feel better.")
    editor_.choose("Resource topics", "Symptoms")
    editor_.choose("Tags", "Back pain")
    editor_.choose("Authors", "Editorial team")
    editor_.choose("Conditions discussed (optional)", "Sciatica")
    sources = [("Back pain", "NHS", "2023", "https://www.nhs.uk/conditions/back-pain/"),
               ("Stress", "NHS", "2022", "https://www.nhs.uk/mental-health/feelings-symptoms-behaviours/"
                                        "feelings-and-symptoms/stress/")]
    for i, (title, publisher, year, url) in enumerate(sources):
        editor_.page.get_by_role("button", name=re.compile("Add sources")).click()
        editor_.field("Title", i + 1).fill(title)
        editor_.field("Publisher", i).fill(publisher)
        editor_.field("Year (optional)", i).fill(year)
        editor_.field("Web address (https://)", i).fill(url)
    editor_.page.locator("label", has_text=re.compile("^Draft", re.I)).first.click()
    editor_.body().click()
    for line in ("Stress can make back pain feel worse, and back pain can make you feel stressed.",
                 "<!-- more -->",
                 "Gentle exercise, good sleep and a little time each day to relax help with both."):
        editor_.page.keyboard.type(line)
        editor_.page.keyboard.press("Enter")
    editor_.save()
    editor_.page.wait_for_selector("text=Status", timeout=20_000)
    editor_.page.screenshot(path=str(tmp_path / "saved-draft.png"))
    hosts = editor_.hosts()
    editor_.close()

    branch = f"cms/posts/{NEW_POST}"
    assert branch in git(clone, "branch", "--list", "cms/*").split()
    assert git(clone, "rev-list", "--count", f"main..{branch}").strip() == "1"
    changed = git(clone, "diff", "--name-status", "main", branch).splitlines()
    assert changed == [f"A\tdocs/blog/posts/{NEW_POST}.md"], changed
    text = git(clone, "show", f"{branch}:docs/blog/posts/{NEW_POST}.md")
    record("browser editor: the post it wrote", lines=len(text.splitlines()), front_matter=text.split("---")[1].count("\n"))
    assert text.startswith('---\ntitle: "Can stress make back pain worse?"\ndescription: "How stress'), text[:200]
    assert "  - sciatica\n" in text and "draft: true\n" in text and "pin:" not in text, text
    # The branch, checked as CI checks a pull request.
    checkout = tmp_path / "pr"
    subprocess.run(["git", "clone", "--quiet", "--branch", branch, str(clone), str(checkout)], check=True)
    result = subprocess.run([sys.executable, "scripts/check.py"], cwd=checkout, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, f"{text}\n---\n{result.stdout[-3000:]}\n{result.stderr[-2000:]}"
    # ... and built, strictly, as the pull request's CI build does.
    built = build_site(checkout / "mkdocs.yml", tmp_path / "pr-site")
    assert built.returncode == 0, f"{built.stdout[-3000:]}\n{built.stderr[-3000:]}"
    assert hosts == {"127.0.0.1"}, hosts


def test_editing_one_field_of_a_condition_page_changes_one_line(browser: Any, local_admin: str, clone: Path) -> None:
    editor_ = Session(browser, local_admin)
    editor_.open("collections/conditions/entries/sciatica")
    summary = editor_.field("Summary (one line for the A to Z)")
    summary.fill(summary.input_value().rstrip(".") + ", often to the foot.")
    editor_.save()
    editor_.page.wait_for_selector("text=Status", timeout=20_000)
    hosts = editor_.hosts()
    editor_.close()
    branch = "cms/conditions/sciatica"
    diff = git(clone, "diff", "--unified=0", "main", branch, "--", "docs/conditions/sciatica.md")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    record("browser editor: one-field edit", page="conditions/sciatica.md", lines_changed=len(changed))
    assert len(changed) == 2 and changed[0].startswith("-summary: ") and changed[1].startswith('+summary: "'), diff
    assert git(clone, "diff", "--name-only", "main", branch).split() == ["docs/conditions/sciatica.md"]
    assert hosts == {"127.0.0.1"}, hosts


def test_a_form_missing_a_required_field_cannot_be_saved_and_says_why(browser: Any, local_admin: str,
                                                                   clone: Path) -> None:
    before = git(clone, "branch", "--list", "cms/*")
    editor_ = Session(browser, local_admin)
    editor_.open("collections/posts/new")
    editor_.field("Title").fill("A post without a description")
    editor_.field("Description").fill("x" * 161)
    # An allow-list choice cannot be typed free-hand: an unknown tag offers no option.
    editor_.field("Tags").click()
    editor_.page.keyboard.type("Posture")
    assert editor_.page.locator("[id*='-option-']").count() == 0
    editor_.page.keyboard.press("Enter")
    editor_.page.keyboard.press("Escape")
    editor_.save()
    page = editor_.page
    page.wait_for_selector("text=/required field/i", timeout=10_000)
    body = page.inner_text("body")
    editor_.close()
    assert "160 characters at most" in body, body[:2000]
    assert re.search(r"Tags is required", body, re.I), body[:2000]
    assert "Posture" not in body
    assert git(clone, "branch", "--list", "cms/*") == before


def test_the_published_admin_page_loads_only_from_our_origin(browser: Any, server: str) -> None:
    """As deployed (GitHub backend, no local proxy): until an editor signs in, the page asks
    nothing of any other host."""
    context = browser.new_context(viewport=DESKTOP, service_workers="block")
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.add_init_script("""window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective));""")
    page = context.new_page()
    page.goto(server + "admin/", wait_until="load")
    page.get_by_role("button", name=re.compile("Login with GitHub", re.I)).wait_for(timeout=20_000)
    page.wait_for_timeout(500)
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    violations = page.evaluate("window.__cspViolations")
    context.close()
    assert "script-src 'self' 'unsafe-eval'" in policy and "object-src 'none'" in policy, policy
    assert violations == [], violations
    local = urlsplit(server).netloc
    others = [u for u in requests if urlsplit(u).netloc != local and not u.startswith(("data:", "blob:"))]
    record("browser editor: requests to other hosts", page="/admin/ (published)", requests=len(requests),
           other_hosts=len(others))
    assert not others, others


# ---- the page text: our constructs in the Markdown the editors write ---------------------------
def test_a_care_card_inserted_from_the_toolbar_adds_only_its_lines_in_our_syntax(
        browser: Any, local_admin: str, clone: Path, tmp_path: Path) -> None:
    page_file = "docs/conditions/foot-drop.md"
    original = (clone / page_file).read_text(encoding="utf-8")
    flag = next(f for f in cms.site_lists(ROOT).red_flags if f["id"] == "both-feet-slow")
    editor_ = Session(browser, local_admin)
    editor_.open("collections/conditions/entries/foot-drop")
    area = editor_.to_end_of_text()
    page = editor_.page
    page.get_by_role("button", name="Care card…").click()
    page.get_by_role("button", name="Insert care card").click()        # nothing ticked or written yet
    assert "The card is empty" in page.get_by_role("alert").inner_text()
    page.get_by_label("See a doctor (non-urgent)").check()
    assert page.get_by_label("Card heading").input_value() == cms.URGENCIES["see-doctor"]   # the standard heading
    # Only the flags the standard files at this urgency are offered, by their wording.
    offered = page.locator(".spine-panel__group--flags input[type=checkbox]")
    assert sorted(offered.evaluate_all("els => els.map(e => e.value)")) == sorted(
        f["id"] for f in cms.site_lists(ROOT).red_flags if f["urgency"] == "see-doctor")
    page.get_by_label(flag["wording"]).check()
    page.get_by_role("button", name="Insert care card").click()
    inserted = '\n!!! see-doctor "See a doctor if:"\n\n    - red-flag: both-feet-slow\n'
    assert area.input_value() == original.split("---\n", 2)[2] + inserted
    editor_.save()
    page.wait_for_selector("text=Status", timeout=20_000)
    hosts = editor_.hosts()
    editor_.close()

    branch = "cms/conditions/foot-drop"
    assert git(clone, "diff", "--name-only", "main", branch).split() == [page_file]
    changed = changed_lines(clone, branch, page_file)
    record("browser editor: care card inserted", page=page_file, lines_changed=len(changed),
           removed=sum(line.startswith("-") for line in changed))
    assert changed == ["+" + line for line in inserted.split("\n")[:-1]], changed
    assert git(clone, "show", f"{branch}:{page_file}") == original + inserted
    result = passes_the_checks(clone, branch, tmp_path / "pr")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert hosts == {"127.0.0.1"}, hosts


def test_a_picture_from_the_media_library_needs_its_alt_text(browser: Any, local_admin: str, clone: Path,
                                                           tmp_path: Path) -> None:
    page_file = "docs/conditions/plantar-fasciitis.md"
    original = (clone / page_file).read_text(encoding="utf-8")
    picture = tmp_path / "heel-pain-map.png"
    picture.write_bytes(tiny_png())
    editor_ = Session(browser, local_admin)
    editor_.open("collections/conditions/entries/plantar-fasciitis")
    area = editor_.to_end_of_text()
    page = editor_.page
    page.get_by_role("button", name="Picture…").click()                 # opens the media library
    page.locator("input[type=file]").set_input_files(str(picture))
    page.wait_for_selector(f"text={picture.name}", timeout=10_000)
    page.get_by_role("button", name="Choose selected").click()
    page.wait_for_selector(f"text=Picture: /assets/images/{picture.name}", timeout=10_000)
    page.get_by_role("button", name="Insert picture").click()          # no alt text
    message = page.get_by_role("alert").inner_text()
    assert "the alt text is required" in message and "Describe what the picture shows" in message, message
    assert area.input_value() == original.split("---\n", 2)[2], "a picture without alt text was inserted"
    page.get_by_label("What the picture shows (alt text, required)").fill("Where heel pain is felt, under the heel")
    page.get_by_role("button", name="Insert picture").click()
    line = f"![Where heel pain is felt, under the heel](../assets/images/{picture.name})"
    assert area.input_value() == original.split("---\n", 2)[2] + "\n" + line + "\n"
    # The preview shows the picture uploaded with this draft (not yet on the site).
    width = editor_.preview("""doc => { const img = Array.from(doc.images).find(i => i.alt.startsWith('Where heel'));
        return img && img.complete && img.naturalWidth; }""")
    assert width == 8
    editor_.save()
    page.wait_for_selector("text=Status", timeout=20_000)
    editor_.close()

    branch = "cms/conditions/plantar-fasciitis"
    assert sorted(git(clone, "diff", "--name-status", "main", branch).splitlines()) == [
        f"A\tdocs/assets/images/{picture.name}", f"M\t{page_file}"]
    assert changed_lines(clone, branch, page_file) == ["+", "+" + line]
    stored = subprocess.run(["git", "show", f"{branch}:docs/assets/images/{picture.name}"], cwd=clone,
                            capture_output=True, check=True).stdout
    assert stored == picture.read_bytes()
    result = passes_the_checks(clone, branch, tmp_path / "pr")           # the picture's path resolves (SH404)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_limited_fields_count_characters_as_you_type(browser: Any, local_admin: str) -> None:
    editor_ = Session(browser, local_admin)
    editor_.open("collections/conditions/entries/sciatica")
    page = editor_.page
    description, summary = editor_.field("Description"), editor_.field("Summary (one line for the A to Z)")
    counter = {name: page.locator(f"#{field.get_attribute('id')}-count")
               for name, field in (("description", description), ("summary", summary))}
    wait_for(page, "id => document.getElementById(id).value", arg=description.get_attribute("id"))
    start = description.input_value()
    assert counter["description"].inner_text() == f"{len(start)} of 160 characters"
    assert counter["summary"].inner_text() == f"{len(summary.input_value())} of 120 characters"
    calm = counter["description"].evaluate("e => getComputedStyle(e).color")
    description.fill("")
    description.type("Pain down the leg é")          # as typed, one key at a time
    assert counter["description"].inner_text() == "19 of 160 characters"
    description.fill("x" * 160)
    assert counter["description"].inner_text() == "160 of 160 characters"
    description.type("y")
    text = counter["description"].inner_text()
    assert text == "161 of 160 characters: 1 too many, shorten it", text
    warning = counter["description"].evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).fontWeight]")
    assert "spine-count--over" in (counter["description"].get_attribute("class") or "")
    assert warning[0] != calm and int(warning[1]) >= 700, (calm, warning)
    assert counter["description"].get_attribute("aria-live") == "polite"
    editor_.close()


def test_the_section_index_pages_are_not_listed_as_condition_or_treatment_pages(browser: Any,
                                                                                local_admin: str) -> None:
    """They are edited under "Other pages" (cms_backend.js keeps them out of the folder lists)."""
    editor_ = Session(browser, local_admin)
    page = editor_.page
    entries = "els => els.map(a => a.getAttribute('href'))"
    for collection, known in (("conditions", "sciatica"), ("treatments", None)):
        page.goto(editor_.admin + f"#/collections/{collection}")
        page.wait_for_selector(f"a[href*='/collections/{collection}/entries/']", timeout=20_000)
        links = page.locator(f"a[href*='/collections/{collection}/entries/']").evaluate_all(entries)
        slugs = {href.rsplit("/", 1)[-1] for href in links}
        expected = {p.stem for p in (ROOT / "docs" / collection).glob("*.md")} - {"index"}
        assert slugs == expected, slugs ^ expected
        assert known is None or known in slugs
    page.goto(editor_.admin + "#/collections/pages")
    page.wait_for_selector("a[href*='/collections/pages/entries/conditions-index']", timeout=20_000)
    # Nor offered as a condition a post discusses (the relation widget searches all entries).
    index_title = next(t for src, t in cms.site_lists(ROOT).other_pages if src == "conditions/index.md")
    editor_.open("collections/posts/new")
    editor_.field("Conditions discussed (optional)").click()
    page.keyboard.type("Sciatica")
    page.locator("[id*='-option-']", has_text="Sciatica").first.wait_for(timeout=10_000)   # the search works
    for _ in "Sciatica":
        page.keyboard.press("Backspace")
    page.keyboard.type(index_title)
    wait_for(page, """title => document.body.innerText.includes('No options')
        || Array.from(document.querySelectorAll("[id*='-option-']")).some(o => o.textContent.includes(title))""",
             arg=index_title, timeout=10_000)
    options = page.locator("[id*='-option-']").all_inner_texts()
    editor_.close()
    assert index_title not in options, options


def test_the_preview_shows_care_cards_as_the_site_does_with_the_sites_own_css(browser: Any,
                                                                              local_admin: str) -> None:
    site = local_admin.removesuffix("admin/")
    editor_ = Session(browser, local_admin)
    editor_.open("collections/conditions/entries/sciatica")
    card = editor_.preview("doc => !!doc.querySelector('.md-typeset .admonition.care-card.emergency')")
    assert card
    preview = editor_.preview(f"doc => ({CARD_STYLE})(doc.querySelector('.md-typeset .admonition.care-card.emergency'))")
    sheets = editor_.preview("""doc => { const s = Array.from(doc.styleSheets).filter(x => x.href);
        return s.length >= 3 && s.every(x => x.cssRules.length > 0) && s.map(x => x.href); }""")
    in_text = editor_.preview("doc => doc.body.textContent")
    # The same page as the site itself shows it, in the same browser.
    reader = editor_.context.new_page()
    reader.goto(site + "conditions/sciatica/", wait_until="load")
    published = reader.locator(".md-typeset .admonition.care-card.emergency").first.evaluate(CARD_STYLE)
    reader.close()
    editor_.close()
    record("browser editor: preview care card", **{k: v for k, v in preview.items() if k != "items"})
    assert preview == published, (preview, published)
    assert preview["border_top"] == "rgb(179, 38, 30)" and preview["title_background"] == "rgb(179, 38, 30)"
    assert preview["title"] == "Immediate action required: Call 911 or go to the emergency room if:"
    wording = {f["id"]: f["wording"] for f in cms.site_lists(ROOT).red_flags}
    assert preview["items"][0] == wording["ces-saddle"]
    assert "{{" not in in_text and "red-flag:" not in in_text and "!!!" not in in_text
    origin = urlsplit(site)
    assert all(urlsplit(href)[:2] == origin[:2] for href in sheets), sheets
    names = [urlsplit(href).path.rsplit("/", 1)[-1] for href in sheets]
    assert names[0].startswith("main.") and names[1].startswith("palette.") and "site.css" in names, names
