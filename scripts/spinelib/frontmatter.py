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
    has_front_matter: bool = False


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that also records the line of each top-level key and refuses duplicates."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the name '{key}' appears twice; keep one", key_node.start_mark
            )
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _key_lines(yaml_text: str, first_line: int) -> dict[str, int]:
    lines: dict[str, int] = {}
    try:
        node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return lines
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                lines[str(key_node.value)] = first_line + key_node.start_mark.line
    return lines


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
        data = yaml.load(yaml_text, Loader=_UniqueKeyLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = 2 + mark.line if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        parsed.error = FrontMatterError(line, f"the front matter is not valid YAML ({problem})")
        return parsed
    if data is None:
        data = {}
    if not isinstance(data, dict):
        parsed.error = FrontMatterError(
            2, "the front matter must be a list of 'name: value' lines "
               f"(got a {type(data).__name__})"
        )
        return parsed
    parsed.meta = data
    parsed.key_lines = _key_lines(yaml_text, first_line=2)
    return parsed
