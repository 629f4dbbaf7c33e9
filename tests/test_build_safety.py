"""`make build` (scripts/build.py): site/ is replaced only by a successful build, and nothing
unsafe ever reaches the built HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitekit import build_cli, build_in_process, files_containing, make_site, snapshot
from test_validate import UNSAFE_MISTAKES

pytestmark = pytest.mark.build


def _old_site(site_dir: Path) -> dict[str, str]:
    (site_dir / "blog").mkdir(parents=True)
    (site_dir / "index.html").write_text("<p>the previous site</p>", encoding="utf-8")
    (site_dir / "blog" / "stale.html").write_text("<p>a page that no longer exists</p>", encoding="utf-8")
    return snapshot(site_dir)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site-"))


def test_a_successful_build_replaces_the_site(tmp_path: Path) -> None:
    config = make_site(tmp_path / "project")
    site_dir = tmp_path / "project" / "site"
    _old_site(site_dir)
    result = build_cli(config, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the previous site" not in (site_dir / "index.html").read_text(encoding="utf-8")
    assert not (site_dir / "blog" / "stale.html").exists()
    assert (site_dir / "conditions" / "sciatica" / "index.html").exists()
    assert _leftovers(site_dir.parent) == []


def test_a_failed_build_leaves_the_site_untouched(tmp_path: Path) -> None:
    config = make_site(tmp_path / "project", "blog/posts/date-not-a-date.md")
    site_dir = tmp_path / "project" / "site"
    before = _old_site(site_dir)
    result = build_cli(config, site_dir)
    assert result.returncode != 0
    assert snapshot(site_dir) == before
    assert _leftovers(site_dir.parent) == []
    assert ("docs/blog/posts/date-not-a-date.md:4: SH208 'date' must be a date like 2026-05-01 (got '2026-13-01')"
            in result.stderr)
    assert "site/ was left as it was" in result.stderr and "Traceback" not in result.stderr


def test_a_failed_first_build_creates_no_site(tmp_path: Path) -> None:
    config = make_site(tmp_path / "project", "conditions/section-missing.md")
    result = build_cli(config, tmp_path / "project" / "site")
    assert result.returncode != 0
    assert not (tmp_path / "project" / "site").exists()
    assert _leftovers(tmp_path / "project") == []


def test_unsafe_fixtures_are_live_payloads_without_the_checks(tmp_path: Path) -> None:
    """Built with the same theme and plugins but without our hooks, every unsafe fixture's payload is
    published: so it is the checks, not luck, that keep them out (next test)."""
    config = make_site(tmp_path / "project", *(m.file for m in UNSAFE_MISTAKES))
    config.write_text(re.sub(r"^hooks:\n(?:  - .*\n)+", "", config.read_text(encoding="utf-8"), flags=re.M),
                      encoding="utf-8")
    assert "mkdocs_hooks" not in config.read_text(encoding="utf-8")
    ok, log = build_in_process(config, tmp_path / "out")
    assert ok, log
    for mistake in UNSAFE_MISTAKES:
        assert files_containing(tmp_path / "out", mistake.unsafe.encode()), mistake.file


def test_no_unsafe_fixture_reaches_the_built_html(tmp_path: Path) -> None:
    config = make_site(tmp_path / "project", *(m.file for m in UNSAFE_MISTAKES))
    site_dir = tmp_path / "project" / "site"
    before = _old_site(site_dir)
    result = build_cli(config, site_dir)
    assert result.returncode != 0
    for mistake in UNSAFE_MISTAKES:
        assert f"docs/{mistake.file}" in result.stderr, mistake.file
        assert files_containing(tmp_path / "project", mistake.unsafe.encode()) == [f"docs/{mistake.file}"]
    assert snapshot(site_dir) == before
