from django.urls import path

from declaration import review
from learning import review as certificate_review
from portal.views import audit, statistics
from presenters import review as presenter_review

app_name = "review"

urlpatterns = [
    path("", review.workspace, name="index"),
    path("declarations/", review.queue, name="queue"),
    path("declarations/bulk-confirm/", review.bulk_confirm, name="bulk_confirm"),
    path("audit/", audit.audit_log, name="audit"),
    path("certificates/", certificate_review.queue, name="certificates"),
    path("certificates/<int:pk>/<str:decision>/", certificate_review.decide, name="certificate_decide"),
    path("statistics/", statistics.staff_statistics, name="statistics"),
    path("declarations/<int:pk>/", review.detail, name="detail"),
    path("declarations/<int:pk>/<str:action>/", review.act, name="act"),
    path("presenters/", presenter_review.queue, name="presenters"),
    path("presenters/activity/", presenter_review.activity, name="presenter_activity"),
    path("presenters/<int:pk>/", presenter_review.detail, name="presenter"),
    path("presenters/<int:pk>/<str:action>/", presenter_review.act, name="presenter_act"),
]
