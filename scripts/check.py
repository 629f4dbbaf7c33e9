#!/usr/bin/env python3
"""Check every page for mistakes, without building the site (`make check`).

    python scripts/check.py                              # the whole site, in a few seconds
    python scripts/check.py --docs DIR --config FILE     # another docs folder (tests use this)

Prints every error, then every warning, then a count. Exits 1 if there is any error, 0 if
there are only warnings (or nothing), 2 if the check itself cannot start. Never changes a file.
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()      # the figure printed includes loading the tools

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from spinelib import content, siteconfig, validate  # noqa: E402


RULES_PAGE = "docs/about/content-checks.md"     # written from the rules by scripts/rules_doc.py


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _annotation(problem: validate.Problem) -> str:
    """A GitHub Actions annotation, so CI shows the message on the line of the pull request."""
    kind = "error" if problem.severity == "error" else "warning"
    where = f"file={problem.path}" + (f",line={problem.line}" if problem.line else "")
    text = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{kind} {where}::{text}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=Path, default=None, help="the docs folder (default: docs_dir of --config)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="mkdocs.yml to read (default: ours)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                        help="check as if today were this date (YYYY-MM-DD); for tests and previews")
    args = parser.parse_args(argv)

    config_file: Path = args.config
    if not config_file.is_file():
        print(f"check: cannot find the site configuration {config_file}", file=sys.stderr)
        return 2
    try:
        site_config = siteconfig.load(config_file)
    except Exception as exc:  # noqa: BLE001 - a broken mkdocs.yml is reported, not a traceback
        print(f"check: cannot read {config_file}: {exc}", file=sys.stderr)
        return 2
    docs_dir: Path = args.docs or (config_file.parent / str(site_config.get("docs_dir") or "docs"))
    if not docs_dir.is_dir():
        print(f"check: cannot find the docs folder {docs_dir}", file=sys.stderr)
        return 2

    pages = content.load_site(docs_dir)
    report = validate.validate_site(pages, docs_dir, site_config, config_file, today=args.today)
    elapsed = time.perf_counter() - _STARTED

    if report.errors:
        print(f"Errors ({len(report.errors)}) - these stop the page being published:")
        for problem in report.errors:
            print(f"  {problem}")
        print()
    if report.warnings:
        print(f"Warnings ({len(report.warnings)}) - please fix, but they do not stop the build:")
        for problem in report.warnings:
            print(f"  {problem}")
        print()
    if report.errors or report.warnings:
        codes = sorted({p.code for p in report.errors + report.warnings if p.code})
        example = codes[0].lower() if codes else "sh101"
        print(f"What each code means, why it matters and how to fix it: {RULES_PAGE} "
              f"(for example {RULES_PAGE}#{example})")
        print()
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in report.errors + report.warnings:
            print(_annotation(problem))
    verdict = "" if report.errors else " - all good" if not report.warnings else " - no errors"
    print(f"{_plural(len(report.errors), 'error')}, {_plural(len(report.warnings), 'warning')} "
          f"in {_plural(report.pages, 'page')} ({elapsed:.1f} s){verdict}")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
