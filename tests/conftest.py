"""Shared fixtures: the real site built once per session, served on 127.0.0.1, and a browser."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def build_site(config: Path, site_dir: Path, **env_vars: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env_vars}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site_dir)],
        cwd=config.parent, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built strictly once for the whole test session."""
    target = tmp_path_factory.mktemp("site") / "site"
    result = build_site(ROOT / "mkdocs.yml", target)
    assert result.returncode == 0, f"the real site does not build:\n{result.stdout}\n{result.stderr}"
    return target


@pytest.fixture(scope="session")
def server(site_dir: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 like a CDN would (gzip, 404 page); yields the base
    URL ending in '/'. Same server as `make audit` (scripts/serve_gzip.py)."""
    from serve_gzip import serving

    with serving(site_dir) as httpd:
        yield httpd.url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (it installs it) or set CHROMIUM.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()


def copy_site_source(destination: Path) -> Path:
    """A copy of the real site's sources (for tests that change something and rebuild)."""
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    return destination / "mkdocs.yml"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the figures the browser tests measured (axe, page weight, tap targets...)."""
    support = sys.modules.get("browser_support")
    figures = getattr(support, "FIGURES", None)
    if not figures:
        return
    terminalreporter.section("reader experience figures (browser tests)")
    for table, rows in figures.items():
        columns = list(dict.fromkeys(key for row in rows for key in row))
        cells = [[str(row.get(col, "")) for col in columns] for row in rows]
        widths = [max(len(col), *(len(r[i]) for r in cells)) for i, col in enumerate(columns)]
        terminalreporter.write_line("")
        terminalreporter.write_line(table)
        terminalreporter.write_line("  " + "  ".join(col.ljust(w) for col, w in zip(columns, widths)))
        for r in cells:
            terminalreporter.write_line("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)))
