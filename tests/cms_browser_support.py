"""Helpers for the browser editor's tests (tests/test_browser_cms.py): one signed-in editor in
the real admin, git on the throwaway clone, what CI runs on a draft's branch."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from browser_support import DESKTOP
from pagewait import wait_for


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def changed_lines(clone: Path, branch: str, path: str) -> list[str]:
    """The +/- lines of a branch's diff to one file (no context)."""
    diff = git(clone, "diff", "--unified=0", "main", branch, "--", path)
    return [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def passes_the_checks(clone: Path, branch: str, where: Path) -> subprocess.CompletedProcess[str]:
    """scripts/check.py on a fresh clone of the branch, as CI checks its pull request."""
    subprocess.run(["git", "clone", "--quiet", "--branch", branch, str(clone), str(where)], check=True)
    return subprocess.run([sys.executable, "scripts/check.py"], cwd=where, capture_output=True, text=True, timeout=300)


def tiny_png(width: int = 8, height: int = 6) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes([179, 38, 30]) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


CARD_STYLE = """card => { const s = getComputedStyle(card), t = getComputedStyle(card.querySelector('.admonition-title'));
    return {border_top: s.borderTopColor, border_left: s.borderLeftColor, border_style: s.borderTopStyle,
            background: s.backgroundColor, title_background: t.backgroundColor, title_colour: t.color,
            title: card.querySelector('.admonition-title').textContent.trim(),
            // where the bullets start inside the card, in the card's own font size (the lists' indent)
            indent: Math.round((card.querySelector('li').getBoundingClientRect().left
                                - card.getBoundingClientRect().left) / parseFloat(s.fontSize) * 10) / 10,
            items: Array.from(card.querySelectorAll('li')).map(li => li.textContent.trim())}; }"""


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

    def body(self) -> Any:
        """The page text: our Markdown textarea (spine-markdown), once the page's text is in it."""
        area = self.field("Page text")
        area.wait_for(timeout=20_000)
        return area

    def loaded_body(self) -> Any:
        area = self.body()
        wait_for(self.page, "id => (document.getElementById(id) || {}).value", arg=area.get_attribute("id"))
        return area

    def to_end_of_text(self) -> Any:
        area = self.loaded_body()
        area.click()
        self.page.keyboard.press("Control+End")
        return area

    def preview(self, expression: str) -> Any:
        """Evaluate `expression` (a function of the preview frame's document) once it is truthy."""
        return wait_for(self.page, f"""() => {{ const frame = document.getElementById('preview-pane');
            const doc = frame && frame.contentDocument; return doc && doc.body && ({expression})(doc); }}""")

    def save(self) -> None:
        self.page.get_by_role("button", name="Save", exact=True).click()

    def hosts(self) -> set[str]:
        return {urlsplit(u).hostname or u for u in self.requests if not u.startswith(("data:", "blob:", "about:"))}

    def csp_violations(self) -> list[str]:
        return self.page.evaluate("window.__cspViolations || []")

    def close(self) -> None:
        assert self.csp_violations() == [], self.csp_violations()
        self.context.close()
