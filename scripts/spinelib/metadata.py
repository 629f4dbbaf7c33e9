"""Page metadata: JSON-LD (schema.org) and breadcrumbs, as plain dictionaries."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .content import Page

_ABOUT_SECTION = re.compile(r"^about/")


def breadcrumbs(page: Page | None, title: str, url: str, site_url: str) -> list[tuple[str, str]]:
    """(name, absolute URL) from the home page down to this page."""
    crumbs = [("Home", site_url)]
    src = page.src if page else ""
    if page is None and url.startswith("blog/") and url != "blog/":
        crumbs.append(("Blog", site_url + "blog/"))
    elif page is not None and page.kind == "post":
        crumbs.append(("Blog", site_url + "blog/"))
    elif page is not None and page.kind == "condition":
        crumbs.append(("Conditions A to Z", site_url + "conditions/"))
    elif page is not None and page.kind == "treatment":
        crumbs.append(("Treatments and tests", site_url + "treatments/"))
    elif _ABOUT_SECTION.match(src) and url != "about/":
        crumbs.append(("About", site_url + "about/"))
    if url:
        crumbs.append((title, site_url + url))
    return crumbs


def breadcrumb_list(crumbs: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": url}
            for i, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def _organisation(org: dict[str, Any]) -> dict[str, Any]:
    data = {"@type": "Organization", "name": org.get("name", "")}
    if org.get("url"):
        data["url"] = org["url"]
    return data


def blog_posting(page: Page, url: str, org: dict[str, Any], author_names: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": page.title,
        "description": page.description,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "en",
        "author": [{"@type": "Organization", "name": name} for name in author_names] or [_organisation(org)],
        "publisher": _organisation(org),
        "keywords": ", ".join(page.tags),
    }
    if page.date:
        data["datePublished"] = page.date.isoformat()
    updated = page.meta.get("date", {}).get("updated") if isinstance(page.meta.get("date"), dict) else None
    if isinstance(updated, (dt.date, dt.datetime)):
        data["dateModified"] = updated.isoformat()
    elif page.date:
        data["dateModified"] = page.date.isoformat()
    return data


# What a treatment page is about, by its treatment_type (schema.org types).
TREATMENT_TYPES = {"procedure": "MedicalProcedure", "test": "MedicalTest", "therapy": "MedicalTherapy"}


def medical_web_page(page: Page, url: str, org: dict[str, Any], reviewer: dict[str, Any] | None) -> dict[str, Any]:
    kind = TREATMENT_TYPES.get(str(page.meta.get("treatment_type")), "MedicalTherapy") \
        if page.kind == "treatment" else "MedicalCondition"
    condition: dict[str, Any] = {"@type": kind, "name": page.title}
    if page.aliases:
        condition["alternateName"] = page.aliases
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "headline": page.title,
        "description": page.description,
        "url": url,
        "inLanguage": "en",
        "about": condition,
        "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "publisher": _organisation(org),
    }
    if page.last_reviewed:
        data["lastReviewed"] = page.last_reviewed.isoformat()
    if reviewer and reviewer.get("name"):
        person: dict[str, Any] = {"@type": "Person", "name": reviewer["name"]}
        if reviewer.get("credentials"):
            person["honorificSuffix"] = reviewer["credentials"]
        if reviewer.get("url"):
            person["url"] = reviewer["url"]
        data["reviewedBy"] = person
    return data


def web_page(title: str, description: str, url: str, org: dict[str, Any]) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": title,
        "description": description,
        "url": url,
        "inLanguage": "en",
        "publisher": _organisation(org),
    }
