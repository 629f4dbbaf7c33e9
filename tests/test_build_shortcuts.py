"""The build's speed-ups change nothing a reader or an editor sees.

- Blog excerpts rendered from a post's opening only, and the navigation rendered once per
  distinct state and reused (scripts/spinelib/excerpts.py, fragments.py): the site must come
  out byte for byte the same as without them (SPINE_BUILD_SHORTCUTS=off).
- The HTML checks run in a second process on large sites (scripts/spinelib/background.py):
  they must refuse the same pages, with the same messages, and leave no page behind.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_site, copy_site_source

sys.path.insert(0, str(ROOT / "scripts"))
from bench_corpus import write_posts  # noqa: E402
from spinelib import excerpts  # noqa: E402

pytestmark = pytest.mark.build

# Build-time stamps that differ between any two builds.
_STAMPS = re.compile(rb"<(pubDate|lastBuildDate)>[^<]*</\1>")


def _site_files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): _STAMPS.sub(b"", p.read_bytes())
            for p in sorted(site.rglob("*")) if p.is_file() and p.suffix != ".gz"}


def test_shortcuts_leave_every_file_unchanged(tmp_path: Path) -> None:
    # The real site plus 45 generated posts: several blog index pages, archive years and topics;
    # and two pages outside the navigation, in different folders at the same depth: their links to
    # the navigation entries are written differently, so they must not share one navigation.
    config = copy_site_source(tmp_path / "src")
    write_posts(config.parent / "docs/blog/posts", 45)
    for path, title in (("about/press.md", "Press enquiries"), ("support/help.md", "Help with this site")):
        (config.parent / "docs" / path).parent.mkdir(exist_ok=True)
        (config.parent / "docs" / path).write_text(
            f'---\ntitle: "{title}"\ndescription: "Who to contact about the library."\n---\n\n'
            "Write to the web team.\n", encoding="utf-8")
    fast, plain = tmp_path / "fast", tmp_path / "plain"
    assert (result := build_site(config, fast)).returncode == 0, result.stderr
    assert (result := build_site(config, plain, SPINE_BUILD_SHORTCUTS="off")).returncode == 0, result.stderr
    fast_files, plain_files = _site_files(fast), _site_files(plain)
    assert fast_files.keys() == plain_files.keys()
    changed = [name for name in fast_files if fast_files[name] != plain_files[name]]
    assert not changed, f"the shortcuts changed {len(changed)} file(s), e.g. {changed[:5]}"
    # The shortcuts did apply: excerpts with "Continue reading", navigation on every post.
    index = (fast / "blog/index.html").read_text(encoding="utf-8")
    assert index.count("Continue reading") >= 10
    post = (fast / "blog/post-00007/index.html").read_text(encoding="utf-8")
    assert 'class="md-nav md-nav--primary' in post


@pytest.mark.parametrize("markdown, expected", [
    ("Opening.\n\n<!-- more -->\n\nRest of the post.\n", "Opening.\n\n<!-- more -->\n\n…\n\n\n"),
    ("Opening [a][ref].\n\n<!-- more -->\n\nRest.\n\n[ref]: https://example.org/\n*[MRI]: scan\n",
     "Opening [a][ref].\n\n<!-- more -->\n\n…\n\n[ref]: https://example.org/\n*[MRI]: scan\n"),
    ("Opening.\n\n<!-- more -->\n", "Opening.\n\n<!-- more -->\n"),
    ("```\n<!-- more -->\n```\n\nText.\n", None),              # the marker inside code: leave whole
    ("Opening. <!-- more --> inline.\n", None),               # not on a line of its own
    ('<div markdown>\nOpening.\n\n<!-- more -->\n\nMore.\n</div>\n', None),   # inside an HTML block
    ("No marker at all.\n", None),
])
def test_excerpt_source_keeps_what_the_excerpt_needs(markdown: str, expected: str | None) -> None:
    assert excerpts.excerpt_source(markdown, "<!-- more -->") == expected


def _with_mistake(tmp_path: Path, text: str) -> Path:
    config = copy_site_source(tmp_path / "src")
    post = config.parent / "docs/blog/posts/lifting-safely.md"
    post.write_text(post.read_text(encoding="utf-8") + text, encoding="utf-8")
    return config


@pytest.mark.parametrize("mistake, message", [
    ('\nSee <span onclick="steal()">this</span>.\n',
     "the 'onclick' attribute is not allowed (event handlers run scripts); remove it"),
    ("\n<iframe src=\"https://example.org/\"></iframe>\n", "<iframe>"),
])
def test_checks_in_the_background_refuse_and_leave_no_page(tmp_path: Path, mistake: str, message: str) -> None:
    config = _with_mistake(tmp_path, mistake)
    out = tmp_path / "out"
    result = build_site(config, out, SPINE_CHECKS_IN_BACKGROUND="always")
    log = result.stdout + result.stderr
    assert result.returncode != 0, "the build should refuse the page"
    assert "docs/blog/posts/lifting-safely.md:" in log and message in log, log
    assert "Traceback" not in log
    assert not list(out.rglob("*.html")), "a refused build must leave no page behind"


def test_checks_in_the_background_pass_a_clean_site(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build_site(ROOT / "mkdocs.yml", out, SPINE_CHECKS_IN_BACKGROUND="always")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "embed/newsletter.html").is_file() and (out / "blog/lifting-safely/index.html").is_file()
