"""Split a Markdown file into front matter and body, keeping line numbers for messages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

# Same shape MkDocs accepts: a line of three dashes, YAML, then three dashes or dots.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


@dataclass
class FrontMatterError:
    line: int
    message: str


@dataclass
class Parsed:
    meta: dict[str, Any]
    body: str
    body_start_line: int           # 1-based line of the first body line in the file
    key_lines: dict[str, int] = field(default_factory=dict)   # top-level key -> file line
    error: FrontMatterError | None = None
    # Every value's file line by its path, e.g. ("sources", 1, "url") -> 23, for precise messages.
    value_lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)
    has_front_matter: bool = False


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that also records the line of each top-level key and refuses duplicates."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"'{key}' appears twice in the front matter; keep one", key_node.start_mark
            )
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


def _construct_timestamp(loader: _UniqueKeyLoader, node: yaml.ScalarNode) -> Any:
    """A date-like value that is not a real date (2026-13-01) stays text, so the checks can say so."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, TypeError, AttributeError, OverflowError):
        return loader.construct_scalar(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)

# libyaml parses ~10x faster; same constructors. Its error messages are terser, so a file that
# fails is parsed again with the pure-Python loader to explain the problem.
if yaml.__with_libyaml__:
    class _FastLoader(yaml.CSafeLoader):
        pass

    _FastLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
    _FAST_LOADER: type | None = _FastLoader
    _FAST_COMPOSER: type = yaml.CSafeLoader
else:  # pragma: no cover - depends on how PyYAML was built
    _FAST_LOADER = None
    _FAST_COMPOSER = yaml.SafeLoader

# What a YAML error usually means for an editor, and what to do about it.
_HINTS = (
    ("appears twice", None),                      # our own message is already plain
    ("mapping values are not allowed", "a value contains ': ': put the whole value in double quotes"),
    ("found character '\\t'", "a line is indented with a tab: indent with spaces"),
    ("could not find expected ':'", "a line is not 'name: value': check for a missing colon or an unclosed quote"),
    ("found unexpected end of stream", "a quote is not closed: add the closing quote"),
    ("expected <block end>", "the indentation is uneven: the lines of a list or a source must line up"),
    ("bad indentation", "the indentation is uneven: the lines of a list or a source must line up"),
    ("found undefined alias", "a value starts with '*': put it in double quotes"),
    ("that cannot start any token", "a value starts with a special character: put it in double quotes"),
)

_TYPE_NAMES = {"list": "a list", "str": "a single line of text", "int": "a number", "float": "a number",
               "bool": "true or false", "date": "a date", "datetime": "a date"}


def _yaml_message(problem: str) -> str:
    for needle, hint in _HINTS:
        if needle in problem:
            return problem if hint is None else f"the front matter cannot be read: {hint} (YAML says: {problem})"
    return f"the front matter is not valid YAML ({problem})"


_QUOTED_START = re.compile(r'^(?P<indent>\s*)(?:-\s+)?(?P<key>[\w-]+):\s+"(?P<rest>.*)$')


def _unclosed_quote(yaml_text: str) -> tuple[int, str] | None:
    """(0-based line, key) of the first 'key: "value' line whose double quote is never closed on it."""
    for number, text in enumerate(yaml_text.split("\n")):
        match = _QUOTED_START.match(text)
        if match is None:
            continue
        rest = re.sub(r'\\.', "", match.group("rest"))      # escaped characters cannot close the quote
        if '"' not in rest:
            return number, match.group("key")
    return None


def _key_lines(yaml_text: str, first_line: int) -> tuple[dict[str, int], dict[tuple[str | int, ...], int]]:
    lines: dict[str, int] = {}
    values: dict[tuple[str | int, ...], int] = {}
    try:
        node = yaml.compose(yaml_text, Loader=_FAST_COMPOSER)
    except (yaml.YAMLError, RecursionError):
        return lines, values
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                lines[str(key_node.value)] = first_line + key_node.start_mark.line
    _walk(node, (), first_line, values, depth=0)
    return lines, values


def _walk(node: yaml.Node | None, path: tuple[str | int, ...], first_line: int,
          out: dict[tuple[str | int, ...], int], depth: int) -> None:
    if depth > 20:      # deeper than any real front matter; stop rather than recurse forever
        return
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key_path = path + (str(key_node.value),)
                out.setdefault(key_path, first_line + key_node.start_mark.line)
                _walk(value_node, key_path, first_line, out, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            item_path = path + (index,)
            out.setdefault(item_path, first_line + item.start_mark.line)
            _walk(item, item_path, first_line, out, depth + 1)


def split(text: str) -> Parsed:
    """Parse front matter. Never raises for content problems: they come back in `error`."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return Parsed(meta={}, body=text, body_start_line=1)
    yaml_text = match.group(1) or ""
    body = text[match.end():]
    body_start_line = text[: match.end()].count("\n") + 1
    parsed = Parsed(meta={}, body=body, body_start_line=body_start_line, has_front_matter=True)
    try:
        if _FAST_LOADER is not None:
            try:
                data = yaml.load(yaml_text, Loader=_FAST_LOADER)  # noqa: S506 - CSafeLoader subclass
            except Exception:  # noqa: BLE001 - re-parsed below for a precise, editor-friendly message
                data = yaml.load(yaml_text, Loader=_UniqueKeyLoader)  # noqa: S506 - SafeLoader subclass
        else:
            data = yaml.load(yaml_text, Loader=_UniqueKeyLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        unclosed = _unclosed_quote(yaml_text)
        if unclosed is not None:
            # YAML reads on past the missing quote and reports a later line with another cause.
            line, key = unclosed
            parsed.error = FrontMatterError(2 + line, f"the value of '{key}' starts with a double quote but has no "
                                                      "closing one: add \" at the end of the line")
            return parsed
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        context = getattr(exc, "context", None) or ""
        if "quoted scalar" in context and getattr(exc, "context_mark", None) is not None:
            mark = exc.context_mark          # point at the opening quote, not the end of the block
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        line = 2 + mark.line if mark is not None else 1
        parsed.error = FrontMatterError(line, _yaml_message(problem))
        return parsed
    except (ValueError, TypeError, AttributeError, OverflowError, RecursionError) as exc:
        # A value YAML recognises but cannot build (e.g. '!!float abc'): still a content problem.
        parsed.error = FrontMatterError(1, f"the front matter is not valid YAML ({exc}); "
                                           "put unusual values in double quotes")
        return parsed
    if data is None:
        data = {}
    if not isinstance(data, dict):
        got = _TYPE_NAMES.get(type(data).__name__, type(data).__name__)
        parsed.error = FrontMatterError(
            2, f"the front matter must be 'name: value' lines, like 'title: \"...\"' (got {got})"
        )
        return parsed
    parsed.meta = data
    parsed.key_lines, parsed.value_lines = _key_lines(yaml_text, first_line=2)
    return parsed
