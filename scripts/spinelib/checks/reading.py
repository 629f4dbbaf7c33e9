"""SH7xx: reading level. Posts, condition and treatment pages are written for a reading grade of 8
or below, and no single sentence runs far past the content guide's 20 words."""

from __future__ import annotations

import re

from .context import PageContext, Rendered
from .registry import rule

GUIDE_SENTENCE_WORDS = 20      # the content guide's limit (docs/guide: "20 words or fewer")
LONG_SENTENCE_WORDS = 30       # warn above this: long enough that the current site has only a few

GRADE = rule(
    "SH701", "reading-grade", "error", "Articles read at grade 8 or below (Flesch-Kincaid).",
    why="Many readers are in pain, worried, or reading in a second language; short sentences and everyday words "
        "are understood by more of them.",
    fix="Shorten the longest sentences first (the message lists them, with their lines); use everyday words.",
    wrong="Musculoskeletal conditions affecting the lumbosacral spine frequently necessitate comprehensive "
          "multidisciplinary evaluation.",
    right="Low back problems often need checks by more than one kind of expert.",
    you_wrote="long sentences", says="the reading grade is 9.4, above the limit of 8 …, then your three longest "
                                     "sentences")
LONG_SENTENCE = rule(
    "SH702", "sentence-too-long", "warning", f"No sentence is over {LONG_SENTENCE_WORDS} words.",
    why=f"The content guide asks for sentences of {GUIDE_SENTENCE_WORDS} words or fewer. A page's grade is an "
        "average, so one very long sentence can hide among short ones, and it is the one readers lose their way in. "
        f"This check warns above {LONG_SENTENCE_WORDS} words, so it points at the sentences most worth splitting.",
    fix="Split the sentence in two, or make a list of its parts.",
    wrong="If your pain spreads down both legs, or you notice numbness around your bottom, or you have trouble "
          "peeing, you should not wait to see whether it gets better by itself but get help at once.",
    right="Get help at once if:\n\n- your pain spreads down both legs\n- you notice numbness around your bottom\n"
          "- you have trouble peeing",
    you_wrote="a sentence of 55 words", says="this sentence has 55 words; … split it")


def check_reading(ctx: PageContext, rendered: Rendered) -> None:
    if not ctx.is_article:
        return
    from .. import readability
    blocks = readability.prose_blocks(rendered.html)
    result = readability.measure_text(blocks)
    if result.grade > readability.GRADE_LIMIT:
        kind = "posts" if ctx.page.kind == "post" else "condition pages"
        listing = "".join(f"\n    - ({len(s.split())} words{_line_note(ctx, s)}) {s}" for s in result.longest)
        ctx.add(GRADE, None, f"the reading grade is {result.grade:g}, above the limit of "
                             f"{readability.GRADE_LIMIT:g} for {kind}; shorten the longest sentences first:{listing}")
    if not ctx.page.has_front_matter:
        return                 # the front matter would be read as one long sentence: SH202 says so first
    for sentence in readability.closed_sentences(blocks):
        words = len(sentence.split())
        if words > LONG_SENTENCE_WORDS:
            opening = " ".join(sentence.split()[:8])
            ctx.add(LONG_SENTENCE, sentence_line(ctx, sentence),
                    f"this sentence has {words} words ('{opening} …'); the content guide asks for "
                    f"{GUIDE_SENTENCE_WORDS} or fewer: split it in two, or make a list")


def sentence_line(ctx: PageContext, sentence: str) -> int | None:
    words = re.findall(r"[A-Za-z0-9']+", sentence)[:4]
    if len(words) < 2:
        return None
    pattern = re.compile(r"[^A-Za-z0-9']+(?:\[|\*|_|\(|[^A-Za-z0-9'\s])*".join(map(re.escape, words)), re.I)
    loose = re.compile(r"\W+".join(map(re.escape, words)), re.I)
    return ctx.find_line(pattern) or ctx.find_line(loose)


def _line_note(ctx: PageContext, sentence: str) -> str:
    line = sentence_line(ctx, sentence)
    return f", line {line}" if line else ""
