"""Sending the portal's e-mails: every message is a subject/text/html template triplet.

Mail is sent only after the surrounding transaction commits, so a rolled-back change
never tells anyone about something that did not happen.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_email(*, template: str, to: list[str], context: dict, language: str | None = None) -> None:
    """Render templates/emails/<template>_{subject.txt,body.txt,body.html} and send after commit."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language or translation.get_language()):
        subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
        text = render_to_string(f"emails/{template}_body.txt", context)
        html = render_to_string(f"emails/{template}_body.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to)
    message.attach_alternative(html, "text/html")
    transaction.on_commit(message.send)
