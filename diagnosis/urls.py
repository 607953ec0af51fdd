from django.urls import path

from diagnosis import checklist, views

app_name = "diagnosis"

urlpatterns = [
    path("take/", views.take, name="take"),
    path("take/draft/", views.take_draft, name="take_draft"),
    path("checklist.pdf", checklist.checklist_pdf, name="checklist"),
    path("items/", views.guides, name="guides"),
    path("items/<int:number>/", views.guide, name="guide"),
    path("results/<uuid:uuid>/", views.result, name="result"),
    path("results/<uuid:uuid>/report.pdf", views.report_pdf, name="report_pdf"),
    path("results/<uuid:uuid>/save/", views.save, name="save"),
    path("results/<uuid:uuid>/share/", views.share_create, name="share_create"),
    path("shares/<int:pk>/revoke/", views.share_revoke, name="share_revoke"),
    path("history/", views.history, name="history"),
    path("history/statistics/", views.statistics_sharing, name="statistics_sharing"),
    path("shared/<str:token>/", views.shared, name="shared"),
    path("shared/<str:token>/report.pdf", views.shared_pdf, name="shared_pdf"),
]
