"""Every way to get extra.newsletter wrong stops the build with a message that says what to set."""

from __future__ import annotations

import pytest

from spinelib import newsletter
from spinelib.newsletter import NewsletterConfigError

UUID = "6f1c2a4e-0b7d-4c1e-9a57-3f2d1c0b9e8a"


@pytest.mark.parametrize(("settings", "message"), [
    (None, "extra.newsletter is missing"),
    ("listmonk", "must be a set of name: value lines"),
    ({"provider": "substack"}, "provider must be one of listmonk, mailchimp, buttondown, kit, generic (got 'substack')"),
    ({}, "provider must be one of"),
    ({"provider": "listmonk", "list_id": UUID}, "extra.newsletter.action is missing for provider 'listmonk'"),
    ({"provider": "listmonk", "action": "http://lists.example.org/subscription/form", "list_id": UUID},
     "must be a full https:// address (got 'http://lists.example.org/subscription/form')"),
    ({"provider": "listmonk", "action": "https://lists.example.org/form", "list_id": UUID},
     "must end in /subscription/form"),
    ({"provider": "listmonk", "action": "https://lists.example.org/subscription/form"},
     "extra.newsletter.list_id is missing for provider 'listmonk'"),
    ({"provider": "listmonk", "action": "https://lists.example.org/subscription/form", "list_id": "news"},
     "must be a listmonk list UUID"),
    ({"provider": "mailchimp", "action": "https://x.us21.list-manage.com/subscribe/post", "list_id": "abc"},
     "extra.newsletter.user_id is missing for provider 'mailchimp'"),
    ({"provider": "mailchimp", "action": "https://evil.example.com/subscribe/post", "user_id": "u", "list_id": "l"},
     "must be on list-manage.com"),
    ({"provider": "mailchimp", "action": "https://x.us21.list-manage.com/subscribe/post", "user_id": "u&x=1", "list_id": "l"},
     "extra.newsletter.user_id may contain only letters"),
    ({"provider": "buttondown"}, "extra.newsletter.username is missing for provider 'buttondown'"),
    ({"provider": "buttondown", "username": "a/b"}, "username may contain only letters"),
    ({"provider": "kit"}, "extra.newsletter.form_id is missing for provider 'kit'"),
    ({"provider": "kit", "form_id": "abc"}, "form_id for Kit must be a number (got 'abc')"),
    ({"provider": "generic", "action": "https://n.example.org/s", "provider_name": "N"},
     "extra.newsletter.email_field is missing for provider 'generic'"),
    ({"provider": "generic", "action": "ftp://n.example.org/s", "email_field": "email", "provider_name": "N"},
     "must be a full https:// address"),
    ({"provider": "generic", "action": "https://n.example.org/s", "email_field": "e mail", "provider_name": "N"},
     "field name 'e mail' is not a valid form field name"),
    ({"provider": "listmonk", "action": "https://lists.example.org/subscription/form", "list_id": UUID, "lsit": 1},
     "unknown setting(s) lsit"),
])
def test_bad_configuration_is_refused_with_a_fix(settings: object, message: str) -> None:
    with pytest.raises(NewsletterConfigError) as caught:
        newsletter.from_settings(settings)
    assert message in str(caught.value)
    assert "mkdocs.yml" in str(caught.value)


def test_presets() -> None:
    listmonk = newsletter.from_settings({"provider": "listmonk", "action": "https://l.example.org/subscription/form",
                                        "list_id": UUID})
    assert (listmonk.email_field, listmonk.hidden_fields, listmonk.honeypot_field) == ("email", (("l", UUID),), "nonce")
    mailchimp = newsletter.from_settings({"provider": "mailchimp", "user_id": "abc123", "list_id": "def456",
                                         "action": "https://acct.us21.list-manage.com/subscribe/post"})
    assert mailchimp.action == "https://acct.us21.list-manage.com/subscribe/post?u=abc123&id=def456"
    assert (mailchimp.email_field, mailchimp.honeypot_field) == ("EMAIL", "b_abc123_def456")
    buttondown = newsletter.from_settings({"provider": "buttondown", "username": "spine"})
    assert buttondown.action == "https://buttondown.com/api/emails/embed-subscribe/spine"
    kit = newsletter.from_settings({"provider": "kit", "form_id": 1234567})
    assert (kit.action, kit.email_field) == ("https://app.convertkit.com/forms/1234567/subscriptions", "email_address")
    generic = newsletter.from_settings({"provider": "generic", "action": "https://n.example.org/s", "email_field": "addr",
                                       "provider_name": "Our list", "hidden_fields": {"list": "7"}})
    assert generic.hidden_fields == (("list", "7"),) and generic.provider_name == "Our list"
    assert listmonk.heading == "Join our email newsletter"
    assert "monthly" in listmonk.blurb


def test_switched_off() -> None:
    assert newsletter.from_settings({"enabled": False}) is None
