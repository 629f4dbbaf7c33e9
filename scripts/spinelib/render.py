"""Render a page body to HTML the way the site does, without running MkDocs.

Used by `make check` and `make report` so the reading grade is measured on the same
rendered prose as in the build, in a fraction of the time.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import markdown

from . import siteconfig


@lru_cache(maxsize=4)
def _renderer_settings(config_file: str) -> tuple[tuple[str, ...], tuple[tuple[str, dict], ...]]:
    names, settings = siteconfig.markdown_extensions(siteconfig.load(Path(config_file)))
    return tuple(names), tuple(settings.items())


@lru_cache(maxsize=4)
def _renderer(config_file: str) -> markdown.Markdown:
    # One instance per config, reset between pages: the same output as a fresh instance
    # (checked by the tests) for a quarter less time on the whole site.
    names, settings = _renderer_settings(config_file)
    return markdown.Markdown(extensions=list(names), extension_configs=dict(settings))


def to_html(body: str, config_file: Path) -> str:
    md = _renderer(str(config_file))
    md.reset()
    return md.convert(body)
