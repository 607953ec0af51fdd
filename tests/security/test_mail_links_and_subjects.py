"""Finding 17 (Info): e-mail subjects were HTML-escaped (&amp;) and reset links took their host
from the request instead of SITE_URL."""

import re

from django.core import mail
from django.urls import reverse

from portal.lib.email import send_templated_email


def test_reset_links_use_site_url_not_the_request_host(client, admin, settings, django_capture_on_commit_callbacks):
    settings.ALLOWED_HOSTS = ["portal.example.jp", "attacker.example.net"]
    settings.SITE_URL = "https://portal.example.jp"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": admin.email}, HTTP_HOST="attacker.example.net")
    body = mail.outbox[-1].body
    assert re.search(r"https://portal\.example\.jp/accounts/password/reset/key/\S+", body)
    assert "attacker" not in body


def test_subjects_are_plain_text(db, organisation, admin, django_capture_on_commit_callbacks):
    organisation.name = "山田 & 佐藤 <商会>"
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_email(
            template="invitation",
            to=["new@example.jp"],
            context={"invitation": {"organisation": organisation}, "link": "https://x/", "inviter": admin},
        )
    assert "&amp;" not in mail.outbox[-1].subject and "&lt;" not in mail.outbox[-1].subject
