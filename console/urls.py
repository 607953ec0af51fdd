"""The staff console at /review/ (namespace "review"): every queue, the audit log, statistics."""

from django.urls import path

from console.views import audit, certificates, declarations, organisations, presenters, statistics, workspace

app_name = "review"

urlpatterns = [
    path("", workspace.workspace, name="index"),
    path("declarations/", declarations.queue, name="queue"),
    path("declarations/bulk-confirm/", declarations.bulk_confirm, name="bulk_confirm"),
    path("audit/", audit.audit_log, name="audit"),
    path("certificates/", certificates.queue, name="certificates"),
    path("certificates/<int:pk>/<str:decision>/", certificates.decide, name="certificate_decide"),
    path("statistics/", statistics.staff_statistics, name="statistics"),
    path("declarations/<int:pk>/", declarations.detail, name="detail"),
    path("declarations/<int:pk>/diagnosis/", declarations.diagnosis, name="declaration_diagnosis"),
    path("declarations/id/<str:declaration_id>/", declarations.by_id, name="declaration_by_id"),
    path("declarations/<int:pk>/<str:action>/", declarations.act, name="act"),
    path("organisations/", organisations.collisions, name="organisations"),
    path("organisations/<int:pk>/<str:action>/", organisations.act, name="organisation_act"),
    path("presenters/", presenters.queue, name="presenters"),
    path("presenters/activity/", presenters.activity, name="presenter_activity"),
    path("presenters/<int:pk>/", presenters.detail, name="presenter"),
    path("presenters/<int:pk>/<str:action>/", presenters.act, name="presenter_act"),
]
