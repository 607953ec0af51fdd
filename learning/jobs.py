"""Point learning's jobs (portal/lib/tasks.py)."""

from learning import documents
from learning.models import Certificate


def certificate_prerender(pk: int) -> bool:
    """Render a new (or renamed) certificate's PDFs ahead of their first download. Idempotent:
    a kept PDF of the same content is not rendered again. False when there is nothing to print
    (revoked, or its holder deleted their account, since it was queued)."""
    certificate = Certificate.objects.select_related("theme").filter(pk=pk, holder_deleted_at__isnull=True).first()
    if certificate is None or certificate.revoked_at is not None:
        return False
    documents.certificate_pdf_prerender(certificate)
    return True
