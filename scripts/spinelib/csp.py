"""The pages' Content-Security-Policy: the browser's second wall behind the content checks.

The checks refuse unsafe HTML before it is published; if one ever missed, this policy still
keeps the browser from running it. Static hosts cannot set headers, so the policy is delivered
in a `<meta http-equiv="Content-Security-Policy">` (overrides/main.html). What that means:

- Only the site's own files may run or style the page (`'self'`), plus the inline scripts the
  theme's templates write, each allowed by its sha256 hash. Those hashes come from the
  templates (`partials/javascripts/*.html`), never from a built page, so a script that got
  into a page's content is not allowed by its own presence.
- No plugins, no frames, no `<base>` pointing elsewhere; forms post only to this site and the
  configured newsletter provider.
- `frame-ancestors`, `report-uri`/`report-to` and `sandbox` are ignored in a meta policy (the
  browser says so in the console), so they are left out: framing of *our* pages by other sites
  can only be refused by a response header, which the host would have to set.

Plain functions, no MkDocs import: the hooks file calls them.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

# Kept on the page's own <meta name="referrer">: other sites learn at most our origin, never
# which page (condition) the reader was on. Stricter policies ("same-origin", "no-referrer")
# would also make the newsletter POST carry `Origin: null`, which providers may refuse.
REFERRER_POLICY = "strict-origin-when-cross-origin"

# <script> types a browser executes; anything else (application/json, application/ld+json) is data.
_EXECUTABLE_TYPES = frozenset({
    "", "module", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript",
    "application/x-javascript", "application/x-ecmascript", "text/jscript", "text/livescript",
    "text/x-javascript", "text/x-ecmascript", "text/javascript1.0", "text/javascript1.1",
    "text/javascript1.2", "text/javascript1.3", "text/javascript1.4", "text/javascript1.5",
})
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


class CspError(ValueError):
    """A source that cannot go into the policy (the message says which and why)."""


def script_hash(text: str) -> str:
    """The CSP source that allows exactly this inline script: 'sha256-<base64>' of its UTF-8 text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _attributes(raw: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTR.finditer(raw):
        name = match.group(1).lower()
        value = next((g for g in match.groups()[1:] if g is not None), "")
        found.setdefault(name, value)
    return found


def inline_scripts(html: str) -> list[str]:
    """The text of every inline <script> in `html` that a browser would execute (no src, and a
    JavaScript type or none), in order. Data blocks (JSON, JSON-LD) are not scripts."""
    scripts = []
    for match in _SCRIPT.finditer(html):
        attributes = _attributes(match.group(1))
        if "src" in attributes:
            continue
        if attributes.get("type", "").strip().lower() not in _EXECUTABLE_TYPES:
            continue
        scripts.append(match.group(2))
    return scripts


def origin(url: str) -> str:
    """The origin a form-action needs for `url` ('https://host[:port]'); only https is allowed."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise CspError(f"form target '{url}' must be a full https:// address")
    host = parts.hostname
    if not re.fullmatch(r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?", host):
        raise CspError(f"form target '{url}' has a host name a policy cannot hold (use its punycode form)")
    port = f":{parts.port}" if parts.port and parts.port != 443 else ""
    return f"https://{host}{port}"


def policy(*, script_hashes: Iterable[str] = (), form_origins: Iterable[str] = (), preview: bool = False) -> str:
    """The policy string, directives in a fixed order, sources sorted (the same site builds the
    same bytes). `script_hashes` are 'sha256-...' sources (script_hash); `form_origins` are the
    https origins forms may post to besides the site itself (the newsletter provider).

    `preview` is for `mkdocs serve` only: its live-reload script is written into every page as it
    is served, different on every request, so no hash can allow it; the preview allows inline
    scripts instead (everything else is the same). A build never uses it."""
    hashes = sorted(set(script_hashes))
    for source in hashes:
        if not re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", source):
            raise CspError(f"not a sha256 script source: {source}")
    forms = sorted(set(form_origins))
    for source in forms:
        if source != origin(source):
            raise CspError(f"form target must be an origin like https://lists.example.org (got '{source}')")
    directives = (
        ("default-src", ["'none'"]),
        ("script-src", ["'self'", "'unsafe-inline'"] if preview else ["'self'", *hashes]),
        ("style-src", ["'self'"]),
        ("img-src", ["'self'", "data:"]),        # Material's icons are data: SVGs in its CSS
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),             # the search index
        ("worker-src", ["'self'"]),              # Material's search worker, a file on this site
        ("manifest-src", ["'self'"]),
        ("media-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("frame-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'", *forms]),
    )
    text = "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives)
    # Safe to write unescaped into a double-quoted attribute (the template does).
    assert re.fullmatch(r"[A-Za-z0-9 ;:'/+=.*-]+", text), text
    return text


def page_policy(template_html: str, *, form_targets: Iterable[str] = (), preview: bool = False) -> str:
    """The policy for a page whose templates' inline scripts are in `template_html` (the rendered
    partials that hold them), posting forms to `form_targets` (full URLs)."""
    return policy(script_hashes=[script_hash(s) for s in inline_scripts(template_html)],
                  form_origins=[origin(url) for url in form_targets], preview=preview)
