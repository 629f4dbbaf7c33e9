#!/usr/bin/env python3
"""Build the site safely (`make build`).

    python scripts/build.py                                  # mkdocs.yml -> site/
    python scripts/build.py --config FILE --site-dir DIR     # tests use this

Runs `mkdocs build --strict` into a new temporary folder next to the site folder. Only when the
build succeeds is the old site moved aside, the new one moved into place, and the old one
deleted, so a failed or interrupted build never leaves a half-written site. On failure the
site folder is untouched, the temporary folder is removed, MkDocs' messages are printed and the
exit status is non-zero.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(config_file: Path, site_dir: Path, *, quiet: bool = False) -> int:
    config_file = config_file.resolve()
    site_dir = site_dir.resolve()
    if not config_file.is_file():
        print(f"build: cannot find the site configuration {config_file}", file=sys.stderr)
        return 2
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Next to site/ (same file system, so the final renames are atomic); '.site-*' is git-ignored.
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site_dir.parent))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config_file),
               "--site-dir", str(staging)]
    started = time.perf_counter()
    try:
        result = subprocess.run(command, env=env, cwd=config_file.parent, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, check=False)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)     # interrupted (Ctrl-C): leave no half-built folder
        raise
    output = (result.stdout or "").rstrip()
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(output, file=sys.stderr)
        print(f"\nbuild failed: {site_dir.name}/ was left as it was. Fix the problems above "
              "(`make check` lists content problems in a few seconds).", file=sys.stderr)
        return result.returncode or 1
    if not quiet and output:
        print(output)
    _swap_in(staging, site_dir)
    print(f"built {site_dir.name}/ in {time.perf_counter() - started:.1f} s")
    return 0


def _swap_in(staging: Path, site_dir: Path) -> None:
    """Replace site_dir by staging: move the old one aside, move the new one in, delete the old."""
    old: Path | None = None
    if site_dir.exists() or site_dir.is_symlink():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site_dir.parent))
        old.rmdir()                           # we only wanted a unique name
        os.replace(site_dir, old)
    try:
        os.replace(staging, site_dir)
    except OSError:
        if old is not None:
            os.replace(old, site_dir)         # put the previous site back
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if old is not None:
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="mkdocs.yml (default: ours)")
    parser.add_argument("--site-dir", type=Path, default=None,
                        help="where the built site goes (default: site/ next to the config file)")
    parser.add_argument("--quiet", action="store_true", help="print MkDocs' messages only if the build fails")
    args = parser.parse_args(argv)
    site_dir = args.site_dir or args.config.resolve().parent / "site"
    return build(args.config, site_dir, quiet=args.quiet)


if __name__ == "__main__":
    sys.exit(main())
