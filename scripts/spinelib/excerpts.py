"""Keep only what a blog excerpt needs from a post's Markdown, once the post itself is rendered.

Material's blog renders each post's excerpt for every list it appears in (the blog index, the
archive, each topic page) by converting the *whole* post again and then cutting the HTML at the
excerpt marker. Everything after the marker is thrown away, except for one thing: whether
anything came after it (that decides the "Continue reading" link). So after the post page has
been rendered, the post's Markdown can be cut at the marker, keeping the definitions the opening
may use (link references, footnotes, abbreviations) and a stand-in for the rest. The excerpts
come out the same; on a large blog this removes most of the build's Markdown work.
"""

from __future__ import annotations

import re

# Definitions that text before the marker may refer to: link references "[id]: url",
# footnotes "[^1]: text" (with indented continuation lines) and abbreviations "*[HTML]: ...".
_DEFINITION = re.compile(r"^ {0,3}(?:\*?\[[^\]\n]+\]:.*(?:\n(?: {4}|\t).*)*)$", re.MULTILINE)
# Stands in for the rest of the post, so the excerpt still knows there is more to read.
REST_STAND_IN = "…"


def excerpt_source(markdown: str, separator: str) -> str | None:
    """The post's Markdown cut after the excerpt marker, or None to leave it whole.

    Only a marker on a line of its own, outside fenced code and HTML blocks, is trusted; anything unusual
    keeps the whole post (slower, never wrong).
    """
    match = re.search(rf"^{re.escape(separator)}[ \t]*$", markdown, re.MULTILINE)
    if match is None:
        return None
    head, rest = markdown[:match.start()], markdown[match.end():]
    if _open_fence(head) or _open_html_block(head):
        return None
    if not rest.strip():
        return head + separator + "\n"
    definitions = "\n".join(m.group(0) for m in _DEFINITION.finditer(rest))
    return f"{head}{separator}\n\n{REST_STAND_IN}\n\n{definitions}\n"


_BLOCK_TAGS = ("div", "details", "section", "aside", "figure", "table", "blockquote")


def _open_html_block(text: str) -> bool:
    """True when the text leaves an HTML block open (the marker inside <div markdown>...)."""
    lowered = text.lower()
    return any(len(re.findall(rf"<{tag}\b", lowered)) > lowered.count(f"</{tag}>") for tag in _BLOCK_TAGS)


def _open_fence(text: str) -> bool:
    """True when the text ends inside a fenced code block (``` or ~~~)."""
    fences = re.findall(r"^ {0,3}(`{3,}|~{3,})", text, re.MULTILINE)
    return len(fences) % 2 == 1
