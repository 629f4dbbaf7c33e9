"""Newsletter signup: provider presets and validation of `extra.newsletter` in mkdocs.yml.

The form is a plain HTML POST to the provider, so it works without JavaScript and nothing is
requested from the provider before the reader presses the button.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

HEADING = "Join our email newsletter"
BLURB = "A monthly email with practical tips on keeping your back healthy, and our newest articles."

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_MAILCHIMP_HOST = re.compile(r"^[a-z0-9-]+\.[a-z0-9]+\.list-manage\.com$")
_SIMPLE_ID = re.compile(r"^[A-Za-z0-9_-]+$")
_FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-\[\]]*$")
PROVIDERS = ("listmonk", "mailchimp", "buttondown", "kit", "generic")


class NewsletterConfigError(ValueError):
    """A mistake in extra.newsletter; the message says what to set."""


@dataclass(frozen=True)
class Newsletter:
    provider: str
    provider_name: str            # shown in the privacy note: where the address goes
    action: str                   # https URL the form posts to
    email_field: str
    hidden_fields: tuple[tuple[str, str], ...] = ()
    honeypot_field: str | None = None
    heading: str = HEADING
    blurb: str = BLURB
    extra_fields: dict[str, str] = field(default_factory=dict)


def _need(settings: dict, key: str, provider: str, example: str) -> str:
    value = settings.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise NewsletterConfigError(
            f"mkdocs.yml: extra.newsletter.{key} is missing for provider '{provider}'. "
            f"Set it, for example: {key}: {example}"
        )
    if not isinstance(value, (str, int)):
        raise NewsletterConfigError(
            f"mkdocs.yml: extra.newsletter.{key} must be text (got {type(value).__name__})."
        )
    return str(value).strip()


def _https(url: str, key: str = "action") -> str:
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc:
        raise NewsletterConfigError(
            f"mkdocs.yml: extra.newsletter.{key} must be a full https:// address "
            f"(got '{url}'). Readers' email addresses must only travel encrypted."
        )
    return url


def _listmonk(s: dict) -> Newsletter:
    base = _https(_need(s, "action", "listmonk", "https://lists.example.org/subscription/form"))
    if not urlsplit(base).path.rstrip("/").endswith("/subscription/form"):
        raise NewsletterConfigError(
            "mkdocs.yml: extra.newsletter.action for listmonk must end in /subscription/form "
            f"(got '{base}'), e.g. https://lists.example.org/subscription/form"
        )
    list_ids = s.get("list_id")
    ids = list_ids if isinstance(list_ids, list) else [list_ids] if list_ids else []
    if not ids:
        raise NewsletterConfigError(
            "mkdocs.yml: extra.newsletter.list_id is missing for provider 'listmonk'. "
            "Set it to your list's UUID from listmonk (Lists > your list), "
            "for example: list_id: 6f1c2a4e-0b7d-4c1e-9a57-3f2d1c0b9e8a"
        )
    for list_id in ids:
        if not _UUID.match(str(list_id)):
            raise NewsletterConfigError(
                f"mkdocs.yml: extra.newsletter.list_id must be a listmonk list UUID like "
                f"6f1c2a4e-0b7d-4c1e-9a57-3f2d1c0b9e8a (got '{list_id}')."
            )
    return Newsletter(
        provider="listmonk", provider_name=s.get("provider_name") or "our own newsletter service (listmonk)",
        action=base, email_field="email",
        hidden_fields=tuple(("l", str(i)) for i in ids), honeypot_field="nonce",
    )


def _mailchimp(s: dict) -> Newsletter:
    action = _https(_need(s, "action", "mailchimp", "https://yourname.us21.list-manage.com/subscribe/post"))
    host = urlsplit(action).netloc
    if not _MAILCHIMP_HOST.match(host):
        raise NewsletterConfigError(
            f"mkdocs.yml: extra.newsletter.action for Mailchimp must be on list-manage.com "
            f"(got '{host}'). Copy it from Mailchimp's embedded form code."
        )
    user = _need(s, "user_id", "mailchimp", "the value of u= in Mailchimp's form code")
    list_id = _need(s, "list_id", "mailchimp", "the value of id= in Mailchimp's form code")
    for key, value in (("user_id", user), ("list_id", list_id)):
        if not _SIMPLE_ID.match(value):
            raise NewsletterConfigError(
                f"mkdocs.yml: extra.newsletter.{key} may contain only letters, digits, '-' and '_' (got '{value}')."
            )
    base = action.split("?")[0]
    return Newsletter(
        provider="mailchimp", provider_name=s.get("provider_name") or "Mailchimp",
        action=f"{base}?{urlencode({'u': user, 'id': list_id})}", email_field="EMAIL",
        honeypot_field=f"b_{user}_{list_id}",
    )


def _buttondown(s: dict) -> Newsletter:
    user = _need(s, "username", "buttondown", "your Buttondown username")
    if not _SIMPLE_ID.match(user):
        raise NewsletterConfigError(
            f"mkdocs.yml: extra.newsletter.username may contain only letters, digits, '-' and '_' (got '{user}')."
        )
    return Newsletter(
        provider="buttondown", provider_name=s.get("provider_name") or "Buttondown",
        action=f"https://buttondown.com/api/emails/embed-subscribe/{user}", email_field="email",
    )


def _kit(s: dict) -> Newsletter:
    form_id = _need(s, "form_id", "kit", "the number in your Kit form's address, e.g. 1234567")
    if not form_id.isdigit():
        raise NewsletterConfigError(f"mkdocs.yml: extra.newsletter.form_id for Kit must be a number (got '{form_id}').")
    return Newsletter(
        provider="kit", provider_name=s.get("provider_name") or "Kit (ConvertKit)",
        action=f"https://app.convertkit.com/forms/{form_id}/subscriptions", email_field="email_address",
    )


def _generic(s: dict) -> Newsletter:
    action = _https(_need(s, "action", "generic", "https://newsletter.example.org/subscribe"))
    email_field = _need(s, "email_field", "generic", "email")
    name = _need(s, "provider_name", "generic", '"our newsletter service"')
    hidden = s.get("hidden_fields") or {}
    if not isinstance(hidden, dict):
        raise NewsletterConfigError("mkdocs.yml: extra.newsletter.hidden_fields must be name: value lines.")
    honeypot = s.get("honeypot_field")
    for field_name in [email_field, *hidden, *([honeypot] if honeypot else [])]:
        if not _FIELD_NAME.match(str(field_name)):
            raise NewsletterConfigError(f"mkdocs.yml: extra.newsletter field name '{field_name}' is not a valid form field name.")
    return Newsletter(
        provider="generic", provider_name=name, action=action, email_field=email_field,
        hidden_fields=tuple((str(k), str(v)) for k, v in hidden.items()),
        honeypot_field=str(honeypot) if honeypot else None,
    )


_BUILDERS = {"listmonk": _listmonk, "mailchimp": _mailchimp, "buttondown": _buttondown, "kit": _kit, "generic": _generic}
_KNOWN_KEYS = {"provider", "provider_name", "action", "list_id", "user_id", "username", "form_id",
               "email_field", "hidden_fields", "honeypot_field", "heading", "blurb", "enabled"}


def from_settings(settings: object) -> Newsletter | None:
    """Validate extra.newsletter; None when the signup is switched off (`enabled: false`)."""
    if settings is None:
        raise NewsletterConfigError(
            "mkdocs.yml: extra.newsletter is missing. Add it (see CONTRIBUTING.md), or set "
            "'newsletter: {enabled: false}' to hide the signup."
        )
    if not isinstance(settings, dict):
        raise NewsletterConfigError("mkdocs.yml: extra.newsletter must be a set of name: value lines.")
    if settings.get("enabled", True) is False:
        return None
    unknown = sorted(set(settings) - _KNOWN_KEYS)
    if unknown:
        raise NewsletterConfigError(
            f"mkdocs.yml: extra.newsletter has unknown setting(s) {', '.join(unknown)}. "
            f"Known settings: {', '.join(sorted(_KNOWN_KEYS))}."
        )
    provider = settings.get("provider")
    if provider not in _BUILDERS:
        raise NewsletterConfigError(
            f"mkdocs.yml: extra.newsletter.provider must be one of {', '.join(PROVIDERS)} (got '{provider}')."
        )
    newsletter = _BUILDERS[provider](settings)
    heading = settings.get("heading") or HEADING
    blurb = settings.get("blurb") or BLURB
    return Newsletter(**{**newsletter.__dict__, "heading": str(heading), "blurb": str(blurb)})
