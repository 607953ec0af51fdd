"""The blank paper form of the current questionnaire, for owners who fill it in on paper
first and enter the answers on the web later."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from diagnosis.selectors import content_for, current_questionnaire
from portal.lib.pdf import pdf_response, render_pdf


def checklist_pdf(request: HttpRequest) -> HttpResponse:
    content = content_for(current_questionnaire())
    best = max(option.points for option in content.options)
    parts = [(part, items, best * len(items)) for part, items in content.parts]
    pdf = render_pdf(
        "diagnosis/pdf/checklist.html",
        {
            "content": content,
            "parts": parts,
            "maximum": best * len(content.items),
            "take_url": request.build_absolute_uri(reverse("diagnosis:take")),
        },
        # The same form for everyone (per language and version): render it once, keep it.
        keep_in="diagnosis-checklist",
    )
    return pdf_response(pdf, filename=_("セキュリティ健康診断 記入用紙.pdf"), download=True)
