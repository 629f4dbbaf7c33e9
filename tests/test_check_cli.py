"""`make check` (scripts/check.py): every problem at once, errors then warnings, a count, the exit
status; never a traceback and never a changed file."""

from __future__ import annotations

import os
import re
from pathlib import Path

from sitekit import MISTAKES, ROOT, TODAY, check_cli, make_site, snapshot
from test_validate import MISTAKES_TABLE

COUNT_LINE = re.compile(r"^(\d+) errors?, (\d+) warnings? in (\d+) pages? \((\d+\.\d) s\)")


def _count(output: str) -> tuple[int, int, int]:
    match = next(m for m in map(COUNT_LINE.match, output.splitlines()) if m)
    return int(match.group(1)), int(match.group(2)), int(match.group(3))


def test_a_clean_site_passes(tmp_path: Path) -> None:
    result = check_cli(make_site(tmp_path / "site"), "--today", TODAY.isoformat())
    assert result.returncode == 0, result.stdout + result.stderr
    assert COUNT_LINE.match(result.stdout.strip())
    assert result.stdout.strip().endswith("- all good")
    assert _count(result.stdout) == (0, 0, 6)


def test_errors_then_warnings_then_a_count_and_a_failing_status(tmp_path: Path) -> None:
    config = make_site(tmp_path / "site", "blog/posts/date-not-a-date.md", "blog/posts/script-element.md",
                       "blog/posts/windows-line-endings.md")
    result = check_cli(config, "--today", TODAY.isoformat())
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "Errors (2) - these stop the page being published:",
        "  docs/blog/posts/date-not-a-date.md:4: SH208 'date' must be a date like 2026-05-01 (got '2026-13-01')",
        "  docs/blog/posts/script-element.md:32: SH301 the HTML element <script> is not allowed in pages (scripts could "
        "harm readers); remove it (the site's own scripts come only from its templates)",
    ]
    assert lines[4:6] == [
        "Warnings (1) - please fix, but they do not stop the build:",
        "  docs/blog/posts/windows-line-endings.md:1: SH103 the file has Windows line endings (CRLF); they are handled, "
        "but please set your editor to save with 'LF' line endings",
    ]
    assert _count(result.stdout) == (2, 1, 9)
    assert result.stderr == ""


def test_warnings_alone_do_not_fail(tmp_path: Path) -> None:
    config = make_site(tmp_path / "site", "conditions/review-overdue.md", "blog/posts/byte-order-mark.md")
    result = check_cli(config, "--today", TODAY.isoformat())
    assert result.returncode == 0
    assert _count(result.stdout) == (0, 2, 8)


def test_every_mistake_at_once_is_reported_in_one_run_without_a_traceback_or_a_changed_file(tmp_path: Path) -> None:
    files = [f for m in MISTAKES_TABLE for f in (m.file, *m.also)]
    config = make_site(tmp_path / "site", *files)
    before = snapshot(tmp_path / "site")
    result = check_cli(config, "--today", TODAY.isoformat())
    assert snapshot(tmp_path / "site") == before, "the check must never change a file"
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for mistake in MISTAKES_TABLE:
        for message in [*mistake.expected_errors(TODAY), *mistake.warnings]:
            # Messages about one page only do not depend on the other mistakes' pages.
            if "is also used by" not in message:
                assert f"  {message}" in result.stdout, message
    errors, warnings, pages = _count(result.stdout)
    assert pages == 6 + len(files) and warnings >= 3 and errors >= len([m for m in MISTAKES_TABLE if m.errors])


def test_github_actions_gets_annotations_on_the_right_line(tmp_path: Path) -> None:
    config = make_site(tmp_path / "site", "blog/posts/date-not-a-date.md")
    result = check_cli(config, "--today", TODAY.isoformat(), env={**os.environ, "GITHUB_ACTIONS": "true"})
    assert ("::error file=docs/blog/posts/date-not-a-date.md,line=4::SH208 'date' must be a date like 2026-05-01 "
            "(got '2026-13-01')") in result.stdout.splitlines()


def test_a_missing_folder_is_a_plain_message(tmp_path: Path) -> None:
    config = make_site(tmp_path / "site")
    result = check_cli(config, "--docs", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "cannot find the docs folder" in result.stderr and "Traceback" not in result.stderr


def test_the_real_site_is_checked_in_one_run() -> None:
    result = check_cli(ROOT / "mkdocs.yml")
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    errors, _, pages = _count(result.stdout)
    assert pages == len(list((ROOT / "docs").rglob("*.md")))
    assert (errors == 0) == (result.returncode == 0)


def test_the_fixtures_are_not_changed_by_the_tests() -> None:
    # Encoding fixtures must stay byte-exact (a CRLF or BOM file "fixed" by an editor would stop testing it).
    assert (MISTAKES / "blog/posts/windows-line-endings.md").read_bytes().count(b"\r\n") > 20
    assert (MISTAKES / "blog/posts/byte-order-mark.md").read_bytes().startswith(b"\xef\xbb\xbf")
    assert b"caf\xe9" in (MISTAKES / "blog/posts/not-utf8.md").read_bytes()
