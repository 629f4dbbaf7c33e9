"""The triage standard (docs/_data/red-flags.yml) and the rules that enforce it.

The standard must agree with itself (each flag's own wording reads as that flag, at its urgency),
the real site must file every red flag at one urgency (`make triage` says so), and the emergency
words must come from the settings, so a hospital elsewhere gets its own number on every page.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import ROOT, build_in_process, make_site
from spinelib import content, triage, triage_rules

STANDARD = triage.load(ROOT / "docs")
assert STANDARD is not None


@pytest.mark.parametrize("flag", list(STANDARD.flags.values()), ids=lambda f: f.id)
def test_each_flags_own_wording_reads_as_that_flag_at_its_urgency(flag: triage.Flag) -> None:
    found = STANDARD.named_in(flag.wording)
    assert flag.id in [f.id for f in found], f"'{flag.wording}' is not recognised as {flag.id}"
    assert {f.urgency for f in found} == {flag.urgency}, [(f.id, f.urgency) for f in found]


def test_every_flag_cites_a_source_with_an_https_address() -> None:
    for flag in STANDARD.flags.values():
        assert flag.sources
        for key in flag.sources:
            assert STANDARD.sources[key]["url"].startswith("https://"), key


@pytest.mark.parametrize("bullet, flag_id", [
    # the words writers and readers use, filed where the standard says
    ("you have numbness between your legs or around your bottom", "ces-saddle"),
    ("you have new trouble starting to pee, or a weak flow", "ces-bladder-early"),
    ("you can't control your bladder or bowels", "ces-bladder-late"),
    ("you have weakness in both legs", "both-legs"),
    ("one calf is swollen, warm and tender", "dvt"),
    ("you suddenly feel short of breath or cough up blood", "pe"),
    ("you have back pain and a throbbing feeling in your belly", "aortic-aneurysm"),
    ("your foot goes numb in your cast", "compartment-syndrome"),
    ("your foot drop came on suddenly, over a few hours", "foot-drop-sudden"),
    ("your foot has started to drag over a few days", "foot-drop-days"),
    ("you have had cancer and your legs feel weak or numb", "cancer-nerve-signs"),
    ("your ankle is red, hot and swollen and you have a fever", "hot-joint-fever"),
    # after a procedure, weaker or numb legs are an emergency even over days (not leg-weakness-days)
    ("after your surgery, your leg is getting weaker over a few days", "nerve-signs-after-procedure"),
    ("your legs feel numb or weak in the days after the injection", "nerve-signs-after-procedure"),
])
def test_writers_words_are_recognised(bullet: str, flag_id: str) -> None:
    named = STANDARD.named_in(bullet)
    assert flag_id in [f.id for f in named]
    assert len({f.urgency for f in named}) == 1, named     # one urgency, whatever else it names


@pytest.mark.parametrize("bullet", [
    "your pain has not improved after a few weeks of self-care",
    "you had an operation on your knee last year",
    "you have numbness or tingling that does not go away",
    "you want help to prevent future attacks",
])
def test_ordinary_bullets_are_not_red_flags(bullet: str) -> None:
    assert STANDARD.named_in(bullet) == [] and STANDARD.onset_missing(bullet) is None


def test_foot_drop_without_onset_is_caught() -> None:
    assert STANDARD.onset_missing("your foot drags when you walk") is not None
    assert STANDARD.onset_missing("your foot drags when you walk, and it came on over days") is None


def test_a_broken_standard_is_refused_with_the_reason() -> None:
    with pytest.raises(triage.StandardError, match="urgency must be one of"):
        triage.parse({"flags": [{"id": "x", "urgency": "soon", "wording": "w", "match": ["a"], "sources": ["s"]}],
                      "sources": {"s": {"url": "https://example.org"}}})
    with pytest.raises(triage.StandardError, match="needs sources"):
        triage.parse({"flags": [{"id": "x", "urgency": "urgent", "wording": "w", "match": ["a"]}]})
    with pytest.raises(triage.StandardError, match="not a valid regular expression"):
        triage.parse({"flags": [{"id": "x", "urgency": "urgent", "wording": "w", "match": ["(a"], "sources": ["s"]}],
                      "sources": {"s": {}}})


def test_expand_writes_standard_wording_and_the_sites_words() -> None:
    markdown = '!!! emergency "Call {{ emergency_number }} or go to {{ emergency_room }} if:"\n\n    - red-flag: pe\n'
    out = triage.expand(markdown, STANDARD, {"emergency_number": "999", "emergency_room": "A&E"})
    assert out == f'!!! emergency "Call 999 or go to A&E if:"\n\n    - {STANDARD.flags["pe"].wording}\n'


def test_the_real_site_files_each_red_flag_at_one_urgency() -> None:
    pages = content.load_site(ROOT / "docs")
    off = [(p.src, flag.id, kind) for p in pages for flag, kind, _ in triage_rules.filed(p, STANDARD)
           if kind != flag.urgency]
    assert off == []
    spine = [p for p in pages if p.kind == "condition" and p.meta.get("starts_in") == "spine"]
    ces = next(s for s in STANDARD.sets if s.id == "cauda-equina").flags
    for page in spine:
        named = {flag.id for flag, _, _ in triage_rules.filed(page, STANDARD)}
        assert set(ces) <= named, (page.src, set(ces) - named)


def test_make_triage_prints_one_urgency_per_flag(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "triage_report.py"), "--out",
                             str(tmp_path / "triage.md")], capture_output=True, text=True, check=False)
    assert "one urgency per red flag across the site: yes" in result.stdout, result.stdout
    assert result.returncode == 0
    matrix = (tmp_path / "triage.md").read_text(encoding="utf-8")
    assert "| **standard** |" in matrix and "| conditions/sciatica.md |" in matrix


@pytest.mark.build
def test_a_hospital_elsewhere_sets_its_own_emergency_words(tmp_path: Path) -> None:
    config = make_site(tmp_path / "site")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('emergency_number: "911"', 'emergency_number: "999"')
                      .replace('emergency_room: "the emergency room"', 'emergency_room: "A&E"'), encoding="utf-8")
    ok, log = build_in_process(config, tmp_path / "out")
    assert ok, log
    pages = {p.relative_to(tmp_path / "out").as_posix(): p.read_text(encoding="utf-8")
             for p in (tmp_path / "out").rglob("*.html")}
    card = pages["conditions/sciatica/index.html"]
    assert "Call 999 or go to A&amp;E if:" in card
    assert STANDARD.flags["ces-saddle"].wording in card and "red-flag:" not in card
    for name, html in pages.items():
        prose = re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", html, flags=re.S))
        assert not re.search(r"(?<![\w/.-])911(?![\w/-])", prose), name
        assert "{{" not in prose and "emergency room" not in prose, name
