"""Sending the portal's e-mails: every message is a subject/text/html template triplet, and
every message goes through the outbox (portal/lib/outbox.py), so it is sent only if the
surrounding transaction commits and is retried when the mail server is down.
"""

from django.conf import settings
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation

from portal.lib import outbox


def current_language() -> str:
    """The active language as one of settings.LANGUAGES ("ja" outside any request)."""
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def render_subject(template_name: str, context: dict) -> str:
    """A subject line is plain text: rendered without HTML escaping ("A & B", not "A &amp; B")."""
    template = get_template(template_name).template
    return " ".join(template.render(Context(context, autoescape=False)).split())


def send_templated_email(
    *, template: str, to: list[str], context: dict, language: str | None = None, secret: bool = False
) -> None:
    """Render templates/emails/<template>_{subject.txt,body.txt,body.html} and put it in the outbox.

    `secret=True` when the mail carries a link that acts for the recipient (see outbox).
    """
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language or translation.get_language()):
        subject = render_subject(f"emails/{template}_subject.txt", context)
        text = render_to_string(f"emails/{template}_body.txt", context)
        html = render_to_string(f"emails/{template}_body.html", context)
    outbox.enqueue(to=to, subject=subject, text=text, html=html, secret=secret)
