"""Every condition page and post reads at grade 8 or lower; the condition library's median is 6
or lower (Flesch-Kincaid on the rendered prose: paragraphs and list items only)."""

from __future__ import annotations

import pytest

from conftest import ROOT
from spinelib import content, readability, render

DOCS = ROOT / "docs"
PAGES = [p for p in content.load_site(DOCS) if p.kind in ("post", "condition")]


def grade_of(page: content.Page) -> readability.Readability:
    return readability.measure_html(render.to_html(page.body, ROOT / "mkdocs.yml"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.src)
def test_page_reads_at_grade_eight_or_lower(page: content.Page) -> None:
    result = grade_of(page)
    print(f"{page.src}: grade {result.grade}, {result.words} words")
    assert result.words > 300, "a thin page fails the reader"
    assert result.grade <= readability.GRADE_LIMIT, f"grade {result.grade}; longest: {result.longest}"


def test_condition_library_median() -> None:
    grades = [grade_of(p).grade for p in PAGES if p.kind == "condition"]
    assert len(grades) >= 16
    assert readability.library_median(grades) <= readability.LIBRARY_MEDIAN_LIMIT
    assert max(grades) <= readability.GRADE_LIMIT


def test_measure_counts_prose_only() -> None:
    html = ("<h2>Symptoms of lumbosacral radiculopathy</h2><p>Your leg hurts.</p>"
            "<nav><p>Interdisciplinary multidisciplinary navigation.</p></nav>"
            "<table><tr><td>Electrodiagnostic</td></tr></table><ul><li>numb toes</li></ul>"
            '<section data-search-exclude><p>Extraordinarily complicated sources.</p></section>')
    blocks = readability.prose_blocks(html)
    assert blocks == ["Your leg hurts.", "numb toes"]
    assert readability.measure_text(blocks).sentences == 2
