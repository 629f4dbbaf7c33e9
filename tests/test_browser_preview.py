"""The live preview (`make serve`) in a real browser: each page shows its own content problems at
its top, and a page with refused HTML is never rendered there (spinelib/preview.py).

Starts `mkdocs serve` on a copy of the fixture site with two editor mistakes (an <iframe> pasted
into a post; a resource topic that is not in the list, which the blog plugin used to refuse
before the preview could show anything), opens both posts, then stops the server.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import sitekit
from browser_support import DESKTOP, normalise

pytestmark = pytest.mark.browser

IFRAME = "blog/posts/iframe-element.md"
CATEGORY = "blog/posts/category-not-allowed.md"
START_TIMEOUT = 20          # seconds for `mkdocs serve` to build the tiny site and answer


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_served(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"mkdocs serve stopped (exit {process.returncode}):\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    pytest.fail(f"mkdocs serve did not answer {url} within {START_TIMEOUT} s:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`mkdocs serve` (what `make serve` runs) on the fixture site plus the two mistakes; yields
    its base URL and the site's mkdocs.yml."""
    folder = tmp_path_factory.mktemp("preview")
    config = sitekit.make_site(folder / "site", IFRAME, CATEGORY)
    port = _free_port()
    log = folder / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "-f", str(config)],
            cwd=config.parent, stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_served(base + "blog/iframe-element/", process, log)
        yield base, config
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _expected(config: Path, mistake: str) -> list[str]:
    """The checks' own messages for that file (what `make check` prints), with today's date."""
    report = sitekit.check(config, today=None)
    return [str(p) for p in report.errors if p.path.endswith(mistake)]


def _banner(page: Any) -> tuple[str, list[str]]:
    banner = page.locator("[role=alert].preview-problems")
    assert banner.count() == 1, "the preview shows no problems banner"
    heading = banner.locator("h2")
    assert heading.count() == 1 and heading.is_visible()
    assert banner.get_attribute("aria-labelledby") == heading.get_attribute("id")
    items = [normalise(t) for t in banner.locator(".preview-problems__list--errors li").all_text_contents()]
    return normalise(heading.inner_text()), items


def test_a_pasted_iframe_is_not_rendered_and_its_message_is_shown(browser: Any, preview: tuple[str, Path]) -> None:
    base, config = preview
    expected = _expected(config, IFRAME)
    assert expected and any("<iframe>" in m for m in expected)
    context = browser.new_context(viewport=DESKTOP, service_workers="block")
    outside: list[str] = []
    context.route("https://**/*", lambda route: (outside.append(route.request.url), route.abort()))
    try:
        page = context.new_page()
        page.goto(base + "blog/iframe-element/", wait_until="load", timeout=10_000)
        heading, items = _banner(page)
        assert heading.startswith(f"{len(expected)} problem"), heading
        assert items == expected
        assert page.locator("iframe").count() == 0, "the refused <iframe> is in the preview's page"
        assert page.evaluate("document.querySelectorAll('iframe, embed, object').length") == 0
        body = normalise(page.locator(".page-body").inner_text())
        assert "not shown in the preview" in body and "Watch this video" not in body
        assert not [u for u in outside if "UNSAFE-MARKER" in u], outside
        # The blog index lists the post's excerpt: it must not carry the refused HTML either.
        page.goto(base + "blog/", wait_until="load", timeout=10_000)
        assert page.locator("iframe").count() == 0
    finally:
        context.close()


def test_a_topic_not_in_the_list_still_previews_the_post_with_its_message(browser: Any, preview: tuple[str, Path]) -> None:
    base, config = preview
    expected = _expected(config, CATEGORY)
    assert expected and any("'Symptom'" in m for m in expected)
    context = browser.new_context(viewport=DESKTOP, service_workers="block")
    try:
        page = context.new_page()
        page.goto(base + "blog/category-not-allowed/", wait_until="load", timeout=10_000)
        _, items = _banner(page)
        assert items == expected
        # Nothing refused in this page: its body is shown under the banner.
        assert "Walk a little each day" in page.locator(".page-body").inner_text()
        # A page without problems has no banner (the other problems are on other pages).
        page.goto(base + "emergency/", wait_until="load", timeout=10_000)
        assert page.locator("[role=alert].preview-problems .preview-problems__list--errors li").count() == 0
    finally:
        context.close()
