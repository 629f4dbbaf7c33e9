"""Template fragments that come out the same on many pages are rendered once and reused.

The theme renders the whole site navigation into every page. On a blog with a thousand posts
that is a thousand identical copies (posts are not in the navigation, so nothing in it is
"current" except the Blog section), and it was the largest single cost of the build. A fragment
is reused only when everything the navigation template reads from the page is the same: the
folder of the page's address (links are relative to it) and which entries are active. A page
that is itself in the navigation gets its own copy, because its entry also shows its table of
contents.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator
from typing import Any


class FragmentCache:
    """Rendered fragments by key, for one build."""

    def __init__(self) -> None:
        self._store: dict[Any, str] = {}
        self.hits = 0

    def clear(self) -> None:
        self._store.clear()
        self.hits = 0

    def wrap(self, name: str, render: Callable[[Any], Iterator[str]],
             key_of: Callable[[Any], Any]) -> Callable[[Any], Iterator[str]]:
        """A template's render function (context -> pieces of text) that renders once per key
        and repeats the stored text after that; a key of None always renders."""
        def render_once(context: Any) -> Iterator[str]:
            key = key_of(context)
            if key is None:
                yield from render(context)
                return
            key = (name, key)
            if key in self._store:
                self.hits += 1
                yield self._store[key]
            else:
                rendered = self._store[key] = "".join(render(context))
                yield rendered
        render_once.wrapped = render  # type: ignore[attr-defined]
        return render_once


class NavigationStates:
    """The site navigation's entries, read once per build, and the key of a page's navigation."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.entries: list[Any] = []
        stack = list(items)[::-1]
        while stack:
            item = stack.pop()
            self.entries.append(item)
            stack.extend(reversed(getattr(item, "children", None) or ()))
        # Pages that are entries themselves, or one of an entry's pages (a blog list's later
        # pages): the theme shows their table of contents in the navigation.
        self._own = {id(item) for item in self.entries}
        self._own |= {id(p) for item in self.entries for p in (getattr(item, "pages", None) or ())}
        self._urls = [url for item in self.entries if isinstance(url := getattr(item, "url", None), str)]

    def key(self, page: Any, *, with_contents: bool = True) -> tuple[Any, ...] | None:
        """Everything the navigation template reads from the page, or None when the page needs a
        navigation of its own. `with_contents=False` is for templates that never show a page's
        table of contents (the tabs): a blog list's later pages can then share them.

        Links are written relative to the page: two pages in the same folder get the same
        relative links to every entry, except to entries inside the page's own address."""
        if with_contents and id(page) in self._own:
            return None
        url = str(getattr(page, "url", "") or "")
        if not url or any(entry.startswith(url) for entry in self._urls):
            return None
        folder = posixpath.dirname(url.rstrip("/"))
        active = tuple(bool(getattr(item, "active", False)) for item in self.entries)
        return ("navigation" if with_contents else "tabs", folder, active)
