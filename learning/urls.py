from django.urls import path, register_converter

from learning import views


class ThemeNumber:
    """1–25 only: anything else is a 404 before a view runs."""

    regex = "[1-9]|1[0-9]|2[0-5]"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(ThemeNumber, "theme")

app_name = "learning"

urlpatterns = [
    path("", views.index, name="index"),
    path("progress/", views.progress, name="progress"),
    path("team/", views.team, name="team"),
    path("<theme:number>/", views.theme, name="theme"),
    path("<theme:number>/quiz/", views.quiz, name="quiz"),
    path("<theme:number>/attempts/<int:pk>/", views.attempt, name="attempt"),
    path("certificates/<str:code>/name/", views.certificate_name, name="certificate_name"),
    path("certificates/<str:code>/revocation/", views.revocation_request, name="revocation_request"),
]
