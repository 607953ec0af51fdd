from django.urls import path

from declaration import review

app_name = "review"

urlpatterns = [
    path("", review.queue, name="queue"),
    path("declarations/<int:pk>/", review.detail, name="detail"),
    path("declarations/<int:pk>/<str:action>/", review.act, name="act"),
]
