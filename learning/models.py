"""Point learning: 25 themes (one per diagnosis item), quizzes, attempts, progress, certificates."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.lib.content_loading import LoadedContent
from portal.lib.links import reverse_once
from portal.models import TimeStampedModel


class Theme(LoadedContent):
    number = models.PositiveSmallIntegerField(_("番号"), unique=True)  # = the diagnosis item it belongs to
    title = models.CharField(_("テーマ"), max_length=60)
    summary = models.TextField(_("学習のねらい"))
    scenario_title = models.CharField(_("場面"), max_length=100)
    scenario_characters = models.JSONField(_("登場人物"), default=list)
    scenario_body = models.TextField(_("場面の本文"))
    scene_alt = models.TextField(_("場面のイラストの説明"), blank=True)
    explanation_body = models.TextField(_("解説"))
    points = models.JSONField(_("ポイント"), default=list)
    dos = models.JSONField(_("すべきこと"), default=list)
    donts = models.JSONField(_("してはいけないこと"), default=list)
    sources = models.JSONField(_("確認した公開情報"), default=list)
    documents = models.JSONField(_("関連する書式"), default=list, blank=True)
    # Set when the theme left the files after learners studied it (see learning.content).
    retired_at = models.DateTimeField(_("公開終了日時"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("学習テーマ")
        verbose_name_plural = pgettext_lazy("plural", "学習テーマ")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse_once("learning:theme", self.number)

    @property
    def scene_image(self) -> str:
        """The scene's drawing, a static file (one per theme, drawn for this portal)."""
        return f"learning/scenes/{self.number:02d}.svg"


class Question(LoadedContent):
    class Kind(models.TextChoices):
        NOT_APPROPRIATE = "not_appropriate", _("不適切なものを選ぶ")
        APPROPRIATE = "appropriate", _("適切なものを選ぶ")

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField(_("番号"))
    kind = models.CharField(_("形式"), max_length=16, choices=Kind.choices)
    prompt = models.TextField(_("問題"))
    explanation = models.TextField(_("解説"))

    class Meta:
        verbose_name = _("確認テストの問題")
        verbose_name_plural = pgettext_lazy("plural", "確認テストの問題")
        ordering = ["theme", "number"]
        constraints = [models.UniqueConstraint(fields=["theme", "number"], name="question_unique_number")]

    def __str__(self):
        return f"{self.theme.number}-{self.number}"


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    number = models.PositiveSmallIntegerField(_("番号"))
    text = models.TextField(_("選択肢"))
    is_correct = models.BooleanField(_("正答"), default=False)

    class Meta:
        verbose_name = _("選択肢")
        verbose_name_plural = pgettext_lazy("plural", "選択肢")
        ordering = ["question", "number"]
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="choice_unique_number"),
            models.UniqueConstraint(
                fields=["question"],
                condition=models.Q(is_correct=True),
                name="choice_one_correct_per_question",
            ),
        ]

    def __str__(self):
        return self.text[:40]


class Attempt(models.Model):
    """One submitted quiz of a signed-in learner. `answers` maps question ids to choice ids."""

    # No index of its own: attempt_by_learner leads with it (one index fewer to write per attempt).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts", db_index=False
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="attempts")
    answers = models.JSONField(_("回答"))
    correct = models.PositiveSmallIntegerField(_("正解数"))
    total = models.PositiveSmallIntegerField(_("問題数"))
    passed = models.BooleanField(_("合格"))
    created_at = models.DateTimeField(_("受験日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("受験記録")
        verbose_name_plural = pgettext_lazy("plural", "受験記録")
        indexes = [models.Index(fields=["user", "theme", "-created_at"], name="attempt_by_learner")]

    def __str__(self):
        return f"{self.user} {self.theme.number} {self.correct}/{self.total}"

    def get_absolute_url(self):
        return reverse("learning:attempt", args=[self.theme.number, self.pk])


class Progress(TimeStampedModel):
    """A learner's standing on one theme, kept by the services so the progress table reads one row each."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_progress"
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="+")
    attempts = models.PositiveIntegerField(_("受験回数"), default=0)
    best_correct = models.PositiveSmallIntegerField(_("最高正解数"), default=0)
    total = models.PositiveSmallIntegerField(_("問題数"), default=0)
    passed_at = models.DateTimeField(_("合格日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("学習状況")
        verbose_name_plural = pgettext_lazy("plural", "学習状況")
        constraints = [models.UniqueConstraint(fields=["user", "theme"], name="progress_unique_user_theme")]

    def __str__(self):
        return f"{self.user} {self.theme.number}"


def new_certificate_code() -> str:
    return secrets.token_urlsafe(18)


class Certificate(TimeStampedModel):
    """A 修了証: for one passed theme, or (theme empty) for all 25."""

    code = models.CharField(max_length=40, unique=True, default=new_certificate_code, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="certificates"
    )
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name_printed = models.CharField(_("修了証に印字する氏名"), max_length=100)
    # The learner's organisation when the certificate was issued, as printed (an employer reads
    # it; a later change of job does not rewrite a record of past learning).
    organisation_name = models.CharField(_("修了証に印字する所属"), max_length=200, blank=True)
    completed_on = models.DateField(_("修了日"))
    revoked_at = models.DateTimeField(_("取り消し日時"), null=True, blank=True)
    revoked_reason = models.TextField(_("取り消しの理由"), blank=True)
    # Set when the holder deleted their account: the certificate is withdrawn, without a name.
    holder_deleted_at = models.DateTimeField(
        _("本人のアカウント削除日時"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("修了証")
        verbose_name_plural = pgettext_lazy("plural", "修了証")
        constraints = [
            models.UniqueConstraint(fields=["user", "theme"], name="certificate_once_per_theme"),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(theme__isnull=True),
                name="certificate_once_for_all_themes",
            ),
        ]
        permissions = [("revoke_certificate", _("修了証を取り消せる"))]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("certificates:verify", args=[self.code])

    @property
    def number(self) -> str:
        """The number printed on the certificate (the unguessable code is what proves it)."""
        return f"L{self.created_at:%Y}-{self.pk:07d}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


class RevocationRequest(models.Model):
    """A learner (or their employer) asks staff to revoke a certificate."""

    class State(models.TextChoices):
        OPEN = "open", _("対応待ち")
        REVOKED = "revoked", _("取り消し済み")
        DECLINED = "declined", _("取り消さない")

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="revocation_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("依頼の理由"), max_length=2000)
    state = models.CharField(_("状態"), max_length=10, choices=State.choices, default=State.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(_("判断の理由"), blank=True)
    created_at = models.DateTimeField(_("依頼日時"), auto_now_add=True)
    decided_at = models.DateTimeField(_("判断日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("修了証の取り消し依頼")
        verbose_name_plural = pgettext_lazy("plural", "修了証の取り消し依頼")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate"],
                condition=models.Q(state="open"),
                name="revocation_one_open_per_certificate",
            ),
        ]
        indexes = [models.Index(fields=["state", "created_at"], name="revocation_queue")]

    def __str__(self):
        return f"{self.certificate} ({self.get_state_display()})"
