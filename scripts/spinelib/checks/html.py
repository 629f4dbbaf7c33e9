"""SH3xx: unsafe HTML. Raw HTML in a page may use an allow-list of elements; no scripts, styles,
embeds, forms, event handlers, or javascript:/vbscript:/data: addresses."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .context import PageContext, Rendered, has_ancestor, short
from .registry import rule

if TYPE_CHECKING:
    from bs4 import Tag

# Elements a page may contain (everything our Markdown extensions produce, plus harmless
# formatting). Anything else is refused; the dangerous ones get a specific reason.
ALLOWED_TAGS = frozenset("""
a abbr article aside b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt
em figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i img input ins kbd label li mark nav ol p picture
pre q rp rt ruby s samp section small source span strong sub summary sup table tbody td tfoot th thead
time tr u ul var wbr
""".split())
_EMBED = ("embedded content can track or harm readers", "remove it and link to the page or file instead")
_FORM = ("forms could collect readers' data", "remove it (the newsletter sign-up comes from the site's templates)")
_ANIMATION = ("it can turn a drawing into a script", "remove it")
DANGEROUS_TAGS: dict[str, tuple[str, str]] = {   # element -> (why it is refused, what to do)
    "script": ("scripts could harm readers", "remove it (the site's own scripts come only from its templates)"),
    "style": ("page styles can hide or change content", "remove it (styles belong in docs/assets/stylesheets/)"),
    "iframe": _EMBED, "frame": _EMBED, "frameset": _EMBED, "object": _EMBED, "embed": _EMBED, "applet": _EMBED,
    "form": _FORM, "input": _FORM, "button": _FORM, "select": _FORM, "textarea": _FORM,
    "base": ("it changes how the whole page behaves", "remove it"),
    "meta": ("it changes how the whole page behaves", "remove it"),
    "link": ("it loads files from elsewhere into the page", "remove it"),
    "cdata-section": ("browsers and these checks read what follows it differently", "remove it"),
    "foreignobject": _ANIMATION, "animate": _ANIMATION, "animatemotion": _ANIMATION,
    "animatetransform": _ANIMATION, "set": _ANIMATION,
}
OTHER_TAG = ("it is not on the list of HTML this site allows", "use Markdown instead")
# Inline SVG (e.g. the clickable leg map): drawing elements only, inside an <svg>. Names are
# lower-case because the HTML parser lower-cases them (clipPath -> clippath).
SVG_TAGS = frozenset("""
svg g path rect circle ellipse line polyline polygon text tspan textpath title desc defs clippath mask
lineargradient radialgradient stop symbol use marker pattern a
""".split())
URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "background",
                  "data", "cite", "longdesc", "ping", "lowsrc", "dynsrc", "manifest", "codebase", "usemap")
UNSAFE_SCHEMES: dict[str, tuple[str, str]] = {    # scheme -> (why it is refused, what to do)
    "javascript": ("javascript: addresses run scripts", "link to a page of this site or an https:// address"),
    "vbscript": ("vbscript: addresses run scripts", "link to a page of this site or an https:// address"),
    "data": ("data: addresses can hide scripts and content", "put the file in docs/assets/ and link to it"),
}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+")

ELEMENT = rule(
    "SH301", "element-not-allowed", "error", "Raw HTML uses only the elements this site allows.",
    why="Scripts, styles, embedded frames, forms and similar elements could track or harm readers, or change what "
        "the page shows; the site's own scripts and forms come only from its templates.",
    fix="Remove the element; write the content in Markdown, or ask the web team.",
    wrong='<iframe src="https://www.youtube.com/embed/abc"></iframe>',
    right="[Watch the exercise video on the NHS website](https://www.nhs.uk/live-well/exercise/)",
    you_wrote="`<script>`, `<iframe>`, `<form>`", says="the HTML element <…> is not allowed in pages")
ATTRIBUTE = rule(
    "SH302", "attribute-not-allowed", "error", "No event handlers (onclick=, onerror=, …) or srcdoc= in raw HTML.",
    why="Event handlers run scripts in readers' browsers; srcdoc embeds a whole page.",
    fix="Remove the attribute.",
    wrong='<span onclick="alert(1)">Sciatica</span>', right="Sciatica",
    you_wrote="`onclick=`", says="the 'onclick' attribute is not allowed (event handlers run scripts)")
ADDRESS = rule(
    "SH303", "unsafe-address", "error", "No javascript:, vbscript: or data: addresses in links and pictures.",
    why="These addresses run scripts or hide content inside the page, where the checks cannot see it.",
    fix="Link to a page of this site or an https:// address; put files in docs/assets/ and link to them.",
    wrong="[click here](javascript:alert(1))", right="[sciatica](../conditions/sciatica.md)",
    you_wrote="`[x](javascript:…)`", says="the address 'javascript:…' is not allowed")
SVG_USE = rule(
    "SH304", "svg-use-outside", "error", "A drawing's <use> points only inside the page.",
    why="<use> can pull a drawing, and scripts inside it, from another file or website.",
    fix="Remove it, or point it at an id in the same drawing (href=\"#id\").",
    wrong='<svg><use href="https://example.org/icons.svg#a"></use></svg>', right='<svg><use href="#a"></use></svg>',
    you_wrote="`<use href=\"https://…\">`", says="a drawing's <use> may only point inside the page")


def unsafe_scheme(url: str) -> str | None:
    """'javascript', 'vbscript' or 'data' if the address would use that scheme in a browser."""
    compact = _INVISIBLE.sub("", url).lower()
    match = _SCHEME.match(compact)
    if match and match.group(1) in UNSAFE_SCHEMES:
        return match.group(1)
    return None


def _is_task_checkbox(tag: Tag) -> bool:
    return str(tag.get("type", "")).lower() == "checkbox" and tag.has_attr("disabled")


def check_html(ctx: PageContext, rendered: Rendered) -> None:
    reported: set[object] = set()
    refused: set[int] = set()

    def refused_inside(tag: Tag) -> bool:
        parent = tag.parent
        while parent is not None:
            if id(parent) in refused:
                return True
            parent = parent.parent
        return False

    for tag in rendered.soup.find_all(True):
        name = tag.name.lower()
        in_svg = name == "svg" or has_ancestor(tag, ("svg",))
        allowed = name in SVG_TAGS if in_svg else name in ALLOWED_TAGS
        if name == "use" and in_svg:
            href = str(tag.get("href") or tag.get("xlink:href") or "")
            if not href.startswith("#") and "<use>" not in reported:
                reported.add("<use>")
                ctx.add(SVG_USE, ctx.find_line(re.compile(r"<\s*use\b", re.I)),
                        "a drawing's <use> may only point inside the page (href=\"#id\"); remove it")
        if refused_inside(tag):
            continue                       # removing the refused parent removes this too
        if not allowed or (name == "input" and not _is_task_checkbox(tag)):
            refused.add(id(tag))
            key = f"<{name}>"
            if key not in reported:
                reported.add(key)
                why, fix = DANGEROUS_TAGS.get(name, OTHER_TAG)
                if name == "cdata-section":
                    ctx.add(ELEMENT, ctx.find_line(re.compile(r"<!\[CDATA\[", re.I)),
                            f"a <![CDATA[ section is not allowed in pages ({why}); remove it")
                else:
                    ctx.add(ELEMENT, ctx.find_line(re.compile(rf"<\s*{re.escape(name)}\b", re.I)),
                            f"the HTML element <{name}> is not allowed in pages ({why}); {fix}")
        for attr, value in tag.attrs.items():
            attr_name = attr.lower()
            if attr_name.startswith("on") and attr_name not in reported:
                reported.add(attr_name)
                ctx.add(ATTRIBUTE, ctx.find_line(re.compile(rf"\b{re.escape(attr_name)}\s*=", re.I)),
                        f"the '{attr_name}' attribute is not allowed (event handlers run scripts); remove it")
            elif attr_name == "srcdoc" and attr_name not in reported:
                reported.add(attr_name)
                ctx.add(ATTRIBUTE, ctx.find_line(re.compile(r"\bsrcdoc\s*=", re.I)),
                        "the 'srcdoc' attribute is not allowed (it embeds a page); remove it")
            elif attr_name in URL_ATTRIBUTES:
                values = value if isinstance(value, list) else [value]
                if attr_name == "srcset":
                    values = [part.strip().split(" ")[0] for v in values for part in str(v).split(",")]
                for url in values:
                    scheme = unsafe_scheme(str(url))
                    if scheme and (scheme, str(url)) not in reported:
                        reported.add((scheme, str(url)))
                        why, fix = UNSAFE_SCHEMES[scheme]
                        ctx.add(ADDRESS, ctx.url_line(str(url), scheme),
                                f"the address '{short(str(url))}' is not allowed ({why}); {fix}")
