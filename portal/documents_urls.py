from django.urls import path

from portal.views import documents

urlpatterns = [
    path("", documents.index, name="documents"),
    path("<slug:slug>.docx", documents.document_docx, name="document_docx"),
    path("<slug:slug>.pdf", documents.document_pdf, name="document_pdf"),
]
