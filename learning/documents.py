"""The certificate PDF, the same whoever asks: a request, or the job that renders it ahead.

Its links (the verification page printed beside its QR code, the look-up page) are on
SITE_URL, never on the host a request came in on: a printed certificate outlives the request,
and the same HTML gives the same kept file (portal.lib.pdf), so a PDF rendered by the worker
right after the quiz is the one the learner downloads.
"""

from functools import lru_cache

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from learning.models import Certificate
from learning.services import certificate_pdf_keep_in
from portal.lib.pdf import render_pdf


def certificate_context(certificate: Certificate, verify_url: str, lookup_url: str = "") -> dict:
    return {
        "certificate": certificate,
        "verify_url": verify_url,
        "lookup_url": lookup_url,
        "qr": qr_code(verify_url),
    }


@lru_cache(maxsize=512)
def qr_code(url: str) -> str:
    """The QR code of a certificate's verification URL, as an SVG data URI. Encoding it is most
    of what a download costs (about 5 ms of choosing the best mask), and a certificate's URL
    never changes, so each process keeps the latest few hundred."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate in the active language, from the kept copy when there is one."""
    return render_pdf(
        "learning/pdf/certificate.html",
        certificate_context(
            certificate,
            settings.SITE_URL + certificate.get_absolute_url(),
            settings.SITE_URL + reverse("certificates:lookup"),
        ),
        # One folder per certificate, so that its files can be deleted with it.
        keep_in=certificate_pdf_keep_in(certificate.code),
    )


def certificate_pdf_prerender(certificate: Certificate) -> None:
    """Render the certificate in every language, so that its first download is a file read."""
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            certificate_pdf(certificate)
