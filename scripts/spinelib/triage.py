"""The triage standard: one urgency for each red-flag symptom, read from docs/_data/red-flags.yml.

One source of truth for the build, `make check` and `make triage`: each flag has an id, its
standard wording, its urgency (a care-card type) and the phrases a writer might use for it. This
module loads it, says which flags a care-card bullet describes, and writes the standard wording
and the site's emergency words into a page's Markdown. It reports nothing itself: the rules in
`checks/triage.py` and `checks/emergency.py` (codes SH6xx) turn what it finds into messages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

STANDARD_FILE = "_data/red-flags.yml"        # relative to docs/
URGENCIES: tuple[str, ...] = ("emergency", "urgent", "see-doctor")     # most urgent first
URGENCY_LABELS = {
    "emergency": "emergency (call the emergency number or go to the emergency room)",
    "urgent": "urgent (an appointment or urgent care today)",
    "see-doctor": "see a doctor (non-urgent)",
}

# The site's emergency words, written into the Markdown as {{ emergency_number }} and
# {{ emergency_room }} so a hospital elsewhere (999 and A&E) changes one setting, not every page.
TOKEN = re.compile(r"\{\{\s*([A-Za-z_][\w-]*)\s*\}\}")
DEFAULT_WORDS = {"emergency_number": "911", "emergency_room": "the emergency room"}

# A care-card bullet that names a standard flag: "- red-flag: ces-saddle".
FLAG_LINE = re.compile(r"^(?P<lead>[ \t]*[-*+][ \t]+)red-flags?:[ \t]*(?P<id>[^\s]*)[ \t]*$", re.MULTILINE)

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`]+")
_SPACE = re.compile(r"\s+")
_CANNOT = re.compile(r"\bcan(?:'t|not| not)\b")


class StandardError(ValueError):
    """The standard file itself is wrong (a developer's or clinical editor's mistake)."""


@dataclass(frozen=True)
class Flag:
    id: str
    urgency: str
    wording: str
    why: str
    match: tuple[re.Pattern[str], ...]
    with_: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...]
    family: str | None
    sources: tuple[str, ...]

    def names(self, text: str) -> bool:
        """Whether a normalised bullet describes this flag."""
        return (any(p.search(text) for p in self.match) and all(p.search(text) for p in self.with_)
                and not any(p.search(text) for p in self.unless))


@dataclass(frozen=True)
class FlagSet:
    id: str
    name: str
    flags: tuple[str, ...]
    required_on: Mapping[str, str] | None     # page fields that make the set required, e.g. {kind: condition}
    required_when: re.Pattern[str] | None     # page text that makes the set required
    complete: bool                            # a page naming one of its flags names them all
    link_to_emergency_page: bool = False      # pages that mention these signs link to the emergency page
    because: str = ""                         # why required_on requires it, in the editors' words


@dataclass(frozen=True)
class OnsetFamily:
    family: str
    hint: str


@dataclass(frozen=True)
class Standard:
    flags: Mapping[str, Flag]                 # in file order: the first match in a family decides
    sets: tuple[FlagSet, ...]
    onset_families: Mapping[str, OnsetFamily]
    sources: Mapping[str, Mapping[str, str]]

    def named_in(self, bullet: str) -> list[Flag]:
        """The flags one care-card bullet describes (at most one per family)."""
        text = normalise(bullet)
        found: list[Flag] = []
        families: set[str] = set()
        for flag in self.flags.values():
            if flag.family and flag.family in families:
                continue
            if flag.names(text):
                found.append(flag)
                if flag.family:
                    families.add(flag.family)
        return found

    def onset_missing(self, bullet: str) -> OnsetFamily | None:
        """A family whose onset matters, described by the bullet without saying how fast."""
        text = normalise(bullet)
        for name, family in self.onset_families.items():
            members = [f for f in self.flags.values() if f.family == name]
            if any(any(p.search(text) for p in f.match) for f in members) and not any(f.names(text) for f in members):
                return family
        return None

    def emergency_link_phrases(self) -> tuple[re.Pattern[str], ...]:
        """The words for red flags whose mention anywhere on a page needs a link to the emergency page."""
        return tuple(p for s in self.sets if s.link_to_emergency_page for f in s.flags for p in self.flags[f].match)

    def suggestion(self, flag_id: str) -> str | None:
        import difflib
        close = difflib.get_close_matches(flag_id, list(self.flags), n=1, cutoff=0.5)
        return close[0] if close else None


def normalise(text: str) -> str:
    text = _LINK.sub(r"\1", text.replace("\u2019", "'").replace("\u2018", "'"))
    text = _CANNOT.sub("cannot", _MARKUP.sub("", text).lower())
    return _SPACE.sub(" ", text).strip()


# --- loading ---------------------------------------------------------------------------------

def standard_path(docs_dir: Path) -> Path:
    return docs_dir / STANDARD_FILE


def load(docs_dir: Path) -> Standard | None:
    """The site's standard, or None if the site has none (a fixture site may leave it out)."""
    path = standard_path(docs_dir)
    if not path.is_file():
        return None
    return _load_file(path, path.stat().st_mtime_ns)


_cache: dict[tuple[Path, int], Standard] = {}


def _load_file(path: Path, stamp: int) -> Standard:
    key = (path.resolve(), stamp)
    if key not in _cache:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise StandardError(f"{path}: cannot be read ({str(exc).splitlines()[0]})") from None
        _cache.clear()
        _cache[key] = parse(data, str(path))
    return _cache[key]


def parse(data: Any, where: str = STANDARD_FILE) -> Standard:
    if not isinstance(data, dict) or not isinstance(data.get("flags"), list):
        raise StandardError(f"{where}: needs a 'flags:' list")
    sources = data.get("sources") or {}
    flags: dict[str, Flag] = {}
    for number, entry in enumerate(data["flags"], 1):
        flag = _flag(entry, f"{where}: flag {number}", sources)
        if flag.id in flags:
            raise StandardError(f"{where}: the id '{flag.id}' is used twice")
        flags[flag.id] = flag
    sets = tuple(_set(entry, f"{where}: set {n}", flags) for n, entry in enumerate(data.get("sets") or [], 1))
    families = {f.family for f in flags.values() if f.family}
    onset: dict[str, OnsetFamily] = {}
    for entry in data.get("onset_families") or []:
        name = str(entry.get("family", ""))
        if name not in families:
            raise StandardError(f"{where}: onset_families names '{name}', which no flag's 'family' is")
        onset[name] = OnsetFamily(name, str(entry.get("hint", "")))
    return Standard(flags, sets, onset, sources)


def _patterns(value: Any, where: str) -> tuple[re.Pattern[str], ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise StandardError(f"{where}: must be a list of quoted patterns")
    try:
        return tuple(re.compile(v, re.IGNORECASE) for v in value)
    except re.error as exc:
        raise StandardError(f"{where}: a pattern is not a valid regular expression ({exc})") from None


def _flag(entry: Any, where: str, sources: Mapping[str, Any]) -> Flag:
    if not isinstance(entry, dict):
        raise StandardError(f"{where}: must be a mapping with id, urgency, wording, match")
    missing = [k for k in ("id", "urgency", "wording", "match") if not entry.get(k)]
    if missing:
        raise StandardError(f"{where} ({entry.get('id', '?')}): needs {', '.join(missing)}")
    flag_id = str(entry["id"])
    if entry["urgency"] not in URGENCIES:
        raise StandardError(f"{where} ({flag_id}): urgency must be one of {', '.join(URGENCIES)}")
    cited = tuple(str(s) for s in entry.get("sources") or ())
    unknown = [s for s in cited if s not in sources]
    if not cited or unknown:
        raise StandardError(f"{where} ({flag_id}): every flag needs sources listed under 'sources:'"
                            + (f" (unknown: {', '.join(unknown)})" if unknown else ""))
    return Flag(flag_id, entry["urgency"], str(entry["wording"]), str(entry.get("why", "")),
                _patterns(entry["match"], f"{where} ({flag_id}) match"),
                _patterns(entry.get("with"), f"{where} ({flag_id}) with"),
                _patterns(entry.get("unless"), f"{where} ({flag_id}) unless"),
                entry.get("family"), cited)


def _set(entry: Any, where: str, flags: Mapping[str, Flag]) -> FlagSet:
    if not isinstance(entry, dict) or not entry.get("id") or not entry.get("flags"):
        raise StandardError(f"{where}: needs id and flags")
    unknown = [f for f in entry["flags"] if f not in flags]
    if unknown:
        raise StandardError(f"{where} ({entry['id']}): unknown flags {', '.join(unknown)}")
    when = entry.get("required_when")
    return FlagSet(str(entry["id"]), str(entry.get("name") or entry["id"]), tuple(entry["flags"]),
                   entry.get("required_on"), re.compile(when, re.IGNORECASE) if when else None,
                   bool(entry.get("complete")), bool(entry.get("link_to_emergency_page")),
                   str(entry.get("because") or ""))


# --- writing the standard into a page ------------------------------------------------------------

def site_words(extra: Mapping[str, Any] | None) -> dict[str, str]:
    """The emergency words from mkdocs.yml `extra` (911 and the emergency room by default)."""
    extra = extra or {}
    return {key: str(extra.get(key) or default) for key, default in DEFAULT_WORDS.items()}


def expand(markdown: str, standard: Standard | None, words: Mapping[str, str]) -> str:
    """The Markdown as readers get it: `- red-flag: id` bullets in their standard wording, and
    {{ emergency_number }} / {{ emergency_room }} as the site's settings say. Unknown ids and
    names are left as they are (the checks report them)."""
    if "{{" not in markdown and "red-flag" not in markdown:
        return markdown

    def flag_line(match: re.Match[str]) -> str:
        flag = standard.flags.get(match.group("id")) if standard else None
        return f"{match.group('lead')}{flag.wording}" if flag else match.group(0)

    def token(match: re.Match[str]) -> str:
        return words.get(match.group(1), match.group(0))

    return TOKEN.sub(token, FLAG_LINE.sub(flag_line, markdown))
