"""A tiny site to break on purpose: the fixture site plus one or more editor mistakes.

tests/fixtures/site/      a small valid site (index, emergency page, a condition page, a post, the
                          A to Z and blog indexes) using the real overrides, hooks and plugins
tests/fixtures/mistakes/  one file per kind of editor mistake, laid out like docs/: a file
                          mistakes/blog/posts/x.md is copied to docs/blog/posts/x.md
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SITE = FIXTURES / "site"
MISTAKES = FIXTURES / "mistakes"
TODAY = dt.date(2026, 11, 25)           # the checks' "today" in unit tests; builds use the real date

sys.path.insert(0, str(ROOT / "scripts"))

from spinelib import content, siteconfig, triage, validate  # noqa: E402


def make_site(destination: Path, *mistakes: str) -> Path:
    """Copy the fixture site to `destination`, add the named mistake files; return its mkdocs.yml."""
    shutil.copytree(SITE, destination, ignore=shutil.ignore_patterns(".cache", "site", "__pycache__"))
    config = destination / "mkdocs.yml"
    # The fixture's paths to the real overrides and hooks are relative to tests/fixtures/site/.
    config.write_text(config.read_text(encoding="utf-8").replace("../../../", f"{ROOT.as_posix()}/"),
                      encoding="utf-8")
    # The real triage standard, so the fixtures are checked against the one the site uses.
    standard = destination / "docs" / triage.STANDARD_FILE
    standard.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "docs" / triage.STANDARD_FILE, standard)
    for name in mistakes:
        target = destination / "docs" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(MISTAKES / name, target)      # byte for byte: BOM, CRLF and cp1252 stay as they are
    return config


def check(config: Path, today: dt.date | None = TODAY) -> validate.Report:
    docs = config.parent / "docs"
    return validate.validate_site(content.load_site(docs), docs, siteconfig.load(config), config, today=today)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def build_in_process(config: Path, site_dir: Path) -> tuple[bool, str]:
    """`mkdocs build --strict` in this process (the same code path, ten times faster than a new
    Python for a build the hooks refuse). Returns (succeeded, everything MkDocs logged)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        # What `mkdocs build --strict` does (mkdocs/__main__.py): load, start up, build, shut down.
        loaded = load_config(str(config), strict=True, site_dir=str(site_dir))
        loaded.plugins.on_startup(command="build", dirty=False)
        build(loaded)
        loaded.plugins.on_shutdown()
        ok = True
    except (MkDocsException, SystemExit) as exc:
        handler.lines.append(f"{type(exc).__name__}: {exc}")
        ok = False
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return ok, "\n".join(handler.lines)


def build_cli(config: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """`make build`'s command, scripts/build.py, in a new process."""
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--config", str(config),
                           "--site-dir", str(site_dir), "--quiet"],
                          capture_output=True, text=True, timeout=300, check=False)


def check_cli(config: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`make check`'s command, scripts/check.py, in a new process."""
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--config", str(config), *extra],
                          capture_output=True, text=True, timeout=120, check=False, env=env)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` and a hash of its bytes."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def files_containing(folder: Path, needle: bytes) -> list[str]:
    if not folder.exists():
        return []
    return [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]
