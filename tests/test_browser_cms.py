"""The browser editor at /admin/ (Decap CMS), driven in Debian's Chromium against Decap's local
proxy (decap-server) in its git mode, on a throwaway clone of this repository: drafts become
branches there exactly as they become pull requests on GitHub."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from browser_support import DESKTOP, record
from conftest import ROOT

pytestmark = pytest.mark.browser

sys.path.insert(0, str(ROOT / "scripts"))
import editor  # noqa: E402
from spinelib import cms, cms_admin  # noqa: E402

NEW_POST = "can-stress-make-back-pain-worse"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


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


class Session:
    """One signed-in editor: a browser page on /admin/, every request it makes recorded."""

    def __init__(self, browser: Any, admin: str) -> None:
        self.context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce", service_workers="block")
        self.requests: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        # The admin page's own Content-Security-Policy: record anything it refuses.
        self.context.add_init_script("""window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation',
              e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));""")
        self.page = self.context.new_page()
        self.admin = admin
        self.page.goto(admin, wait_until="load")
        self.page.get_by_role("button", name="Login").click()
        self.page.wait_for_selector("text=Blog posts", timeout=20_000)

    def open(self, fragment: str) -> None:
        self.page.goto(self.admin + "#/" + fragment)
        self.page.wait_for_selector("label", timeout=20_000)

    def field(self, label: str, n: int = 0) -> Any:
        found = self.page.locator("label", has_text=re.compile("^" + re.escape(label) + "$", re.I)).nth(n)
        return self.page.locator("#" + found.get_attribute("for"))

    def choose(self, label: str, text: str) -> None:
        self.field(label).click()
        self.page.keyboard.type(text)
        self.page.locator("[id*='-option-']", has_text=text).first.click(timeout=10_000)

    def save(self) -> None:
        self.page.get_by_role("button", name="Save", exact=True).click()

    def hosts(self) -> set[str]:
        return {urlsplit(u).hostname or u for u in self.requests if not u.startswith(("data:", "blob:", "about:"))}

    def csp_violations(self) -> list[str]:
        return self.page.evaluate("window.__cspViolations || []")

    def close(self) -> None:
        assert self.csp_violations() == [], self.csp_violations()
        self.context.close()


def test_a_post_written_in_the_form_becomes_a_branch_with_one_commit_that_passes_the_checks(
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
    editor_.page.locator("[data-slate-editor]").first.click()
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
