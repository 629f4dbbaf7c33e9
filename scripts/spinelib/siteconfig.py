"""Read mkdocs.yml without MkDocs, for the standalone tools (`make check`, `make report`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class _TolerantLoader(yaml.SafeLoader):
    """Reads MkDocs' custom tags (!ENV, !!python/name:...) as plain values."""


def _unknown_tag(loader: _TolerantLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("!", _unknown_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown_tag)


def load(config_file: Path) -> dict[str, Any]:
    with config_file.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_TolerantLoader) or {}  # noqa: S506 - SafeLoader subclass


def markdown_extensions(config: dict[str, Any]) -> tuple[list[str], dict[str, dict]]:
    names: list[str] = []
    settings: dict[str, dict] = {}
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict):
            for name, options in entry.items():
                names.append(name)
                settings[name] = options or {}
    return names, settings


def plugin_options(config: dict[str, Any], plugin: str) -> dict[str, Any]:
    for entry in config.get("plugins") or []:
        if entry == plugin:
            return {}
        if isinstance(entry, dict) and plugin in entry:
            return entry[plugin] or {}
    return {}
