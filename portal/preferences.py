"""Display preferences a visitor chooses in the header, kept in cookies."""

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

TEXT_SIZE_COOKIE = "text_size"


class TextSize(models.TextChoices):
    STANDARD = "standard", _("標準")
    LARGE = "large", _("大きく")


def text_size(request: HttpRequest) -> str:
    value = request.COOKIES.get(TEXT_SIZE_COOKIE)
    return value if value in TextSize.values else TextSize.STANDARD
