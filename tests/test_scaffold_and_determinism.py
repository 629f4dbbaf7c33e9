"""Scaffolds make pages that build; two builds of the same commit give the same lists."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build_site, copy_site_source

pytestmark = pytest.mark.build


def blocks(site: Path) -> dict[str, str]:
    out = {}
    for path in sorted(site.rglob("index.html")):
        doc = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        parts = [str(n) for n in doc.select("nav.related, .read-also, .articles-about, .recent-posts")]
        out[str(path.relative_to(site))] = "\n".join(parts)
    return out


def test_two_builds_give_the_same_lists(site_dir: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = build_site(ROOT / "mkdocs.yml", again)
    assert result.returncode == 0, result.stderr
    assert blocks(again) == blocks(site_dir)


def test_scaffolds_build_and_are_complete(tmp_path: Path) -> None:
    config = copy_site_source(tmp_path / "src")
    docs = config.parent / "docs"
    for kind, title in (("post", "Can stress make back pain worse?"), ("condition", "Pes anserine bursitis")):
        run = subprocess.run([sys.executable, str(config.parent / "scripts/new_page.py"), kind, title],
                             capture_output=True, text=True, cwd=config.parent)
        assert run.returncode == 0, run.stderr
        assert "Created docs/" in run.stdout
    post = (docs / "blog/posts/can-stress-make-back-pain-worse.md").read_text()
    condition = (docs / "conditions/pes-anserine-bursitis.md").read_text()
    today = dt.date.today().isoformat()
    assert f"date: {today}" in post and "<!-- more -->" in post and "draft: true" in post
    assert f"last_reviewed: {today}" in condition
    for heading in ("## Symptoms", "## What causes it", "## How it is diagnosed", "## Treatment", "## When to get help"):
        assert heading in condition
    # As scaffolded, the TODOs and sample sources stop the build (SH107, SH108) and the draft is named (SH903).
    refused = build_site(config, tmp_path / "refused")
    assert refused.returncode != 0
    log = refused.stdout + refused.stderr
    assert ("docs/blog/posts/can-stress-make-back-pain-worse.md:3: SH107 the scaffold's 'TODO' is still in "
            "'description': replace it with the real text before publishing") in log, log
    assert ("docs/conditions/pes-anserine-bursitis.md:17: SH108 'url' of source 1 is the scaffold's sample address "
            "(https://www.nhs.uk/conditions/); put the address of the page you actually used") in log, log
    check = subprocess.run([sys.executable, str(config.parent / "scripts/check.py")], capture_output=True, text=True,
                           cwd=config.parent)
    assert ("docs/blog/posts/can-stress-make-back-pain-worse.md:22: SH903 the post is a draft: it will not be "
            "published until you remove the line 'draft: true'") in check.stdout, check.stdout
    # Filled in (every TODO replaced, real sources) and, for the post, published: both scaffolds pass.
    for path, text in ((docs / "blog/posts/can-stress-make-back-pain-worse.md", post.replace("draft: true\n", "")),
                       (docs / "conditions/pes-anserine-bursitis.md", condition)):
        text = re.sub(r"TODO[^\"\n]*", "A plain sentence for the test.", text)
        for sample, used in (("https://www.nhs.uk/conditions/\"", "https://www.nhs.uk/conditions/bursitis/\""),
                             ("https://medlineplus.gov/\"", "https://medlineplus.gov/bursitis.html\"")):
            text = text.replace(sample, used)
        path.write_text(text)
    result = build_site(config, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site/conditions/pes-anserine-bursitis/index.html").exists()
    assert (tmp_path / "site/blog/can-stress-make-back-pain-worse/index.html").exists()


def test_scaffold_refuses_missing_or_duplicate_titles(tmp_path: Path) -> None:
    script = ROOT / "scripts/new_page.py"
    docs = tmp_path / "docs"
    empty = subprocess.run([sys.executable, str(script), "post", "", "--docs", str(docs)], capture_output=True, text=True)
    assert empty.returncode == 2 and 'make new-post TITLE="' in empty.stderr
    first = subprocess.run([sys.executable, str(script), "condition", "Pes anserine bursitis", "--docs", str(docs)],
                           capture_output=True, text=True)
    assert first.returncode == 0
    again = subprocess.run([sys.executable, str(script), "condition", "Pes  Anserine  Bursitis", "--docs", str(docs)],
                           capture_output=True, text=True)
    assert again.returncode == 2 and "already exists" in again.stderr
