"""Small HTML placement helpers for blocks added to rendered articles."""

from __future__ import annotations

import re

_H2 = re.compile(r"<h2\b")


def insert_after_section(html: str, snippet: str, section: int = 2) -> str:
    """Insert `snippet` after the article's `section`-th H2 section, i.e. before the next H2.

    A short article without that many sections gets the snippet at the end.
    """
    starts = [m.start() for m in _H2.finditer(html)]
    if len(starts) > section:
        at = starts[section]
        return html[:at] + snippet + html[at:]
    return html + snippet
