"""Share links: plain links with the URL and title encoded, no third-party script."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class ShareLink:
    network: str
    label: str
    href: str


def share_links(page_url: str, title: str) -> list[ShareLink]:
    def q(params: dict[str, str]) -> str:
        return urlencode(params, quote_via=quote)

    return [
        ShareLink("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?" + q({"u": page_url})),
        ShareLink("x", "X", "https://x.com/intent/tweet?" + q({"text": title, "url": page_url})),
        ShareLink("linkedin", "LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + q({"url": page_url})),
        ShareLink("email", "Email", "mailto:?" + q({"subject": title, "body": page_url})),
    ]
