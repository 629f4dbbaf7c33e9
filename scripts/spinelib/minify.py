"""Our own JavaScript, shipped without its comments and spare spaces (rjsmin).

The sources in docs/assets/javascripts/ keep their comments for editors and reviewers; the
copies in the built site are what readers download, and every byte of a first view counts
(tests/test_browser_weight.py holds it to 100 KB). Material's files are already minified.
Plain functions, no MkDocs.
"""

from __future__ import annotations

from pathlib import Path

import rjsmin

FOLDER = "assets/javascripts"


def minify_scripts(docs_dir: Path, site_dir: Path) -> int:
    """Minify the built copy of every .js file in docs/assets/javascripts/; returns bytes saved."""
    saved = 0
    for source in sorted((docs_dir / FOLDER).glob("*.js")):
        built = site_dir / FOLDER / source.name
        if not built.is_file():
            continue
        text = built.read_text(encoding="utf-8")
        small = rjsmin.jsmin(text, keep_bang_comments=False).strip() + "\n"
        if len(small) < len(text):
            built.write_text(small, encoding="utf-8")
            saved += len(text) - len(small)
    return saved
