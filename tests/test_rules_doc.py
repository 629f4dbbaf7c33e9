"""The rules' registry and the documentation generated from it (scripts/rules_doc.py): every rule
is fully explained, and the editors' page and CONTRIBUTING's table match the rules, like a
lockfile check."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from sitekit import ROOT, check, make_site
from spinelib import checks

sys.path.insert(0, str(ROOT / "scripts"))
import rules_doc  # noqa: E402

RULES = checks.all_rules()


def test_every_rule_has_a_code_a_name_and_an_explanation() -> None:
    assert len(RULES) >= 60
    for rule in RULES:
        assert re.fullmatch(r"SH\d{3}", rule.code), rule
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule.name), rule
        assert rule.severity in ("error", "warning"), rule
        assert rule.summary.endswith(".") and rule.why and rule.fix and rule.wrong and rule.right, rule
        assert rule.wrong != rule.right, rule
        assert rule.fixture_exempt or (rule.you_wrote and rule.says), rule
    assert len({r.name for r in RULES}) == len(RULES)


def test_the_generated_page_and_table_are_up_to_date() -> None:
    for path, text in rules_doc.wanted().items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.relative_to(ROOT)} is out of date: run `python scripts/rules_doc.py`")
    result = subprocess.run([sys.executable, str(ROOT / "scripts/rules_doc.py"), "--check"], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr


def test_the_page_lists_every_rule_with_its_anchor_and_examples() -> None:
    page = rules_doc.PAGE.read_text(encoding="utf-8")
    for rule in RULES:
        assert f"### {rule.code} {rule.name} {{#{rule.anchor}}}" in page
        assert f"[{rule.code}](#{rule.anchor})" in page
    assert page.count("<pre><code>") == 2 * len(RULES)
    contributing = rules_doc.CONTRIBUTING.read_text(encoding="utf-8")
    for rule in RULES:
        if rule.you_wrote:
            assert f"[{rule.code}](docs/about/content-checks.md#{rule.anchor})" in contributing


def test_the_page_passes_the_sites_own_checks(tmp_path: Path) -> None:
    config = make_site(tmp_path / "site")
    target = config.parent / "docs/about/content-checks.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(rules_doc.PAGE, target)
    report = check(config)
    assert [str(p) for p in report.errors + report.warnings] == []


def test_the_page_is_in_the_about_section() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    about = config.split("  - About:", 1)[1].split("\n  - ", 1)[0]
    assert "about/content-checks.md" in about
