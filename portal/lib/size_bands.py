"""Company size bands by number of employees, used for peer groups everywhere."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SizeBand(models.TextChoices):
    UP_TO_5 = "1-5", _("1〜5人")
    UP_TO_20 = "6-20", _("6〜20人")
    UP_TO_50 = "21-50", _("21〜50人")
    UP_TO_100 = "51-100", _("51〜100人")
    UP_TO_300 = "101-300", _("101〜300人")
    OVER_300 = "301+", _("301人以上")
