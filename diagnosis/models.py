"""The self-diagnosis: questionnaires as data, assessments, and the peer aggregates.

A published questionnaire version is never edited in a way that changes scores: its
answer scale and items are fixed, and every assessment points at the version it was
taken with, so a later revision never changes a stored result.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.lib.content_loading import LoadedContent
from portal.lib.industries import Industry
from portal.lib.size_bands import SizeBand
from portal.models import TimeStampedModel


class Questionnaire(LoadedContent, TimeStampedModel):
    version = models.CharField(_("版"), max_length=20, unique=True)
    title = models.CharField(_("名称"), max_length=200)
    is_current = models.BooleanField(_("現行版"), default=False)

    class Meta:
        verbose_name = _("設問票")
        verbose_name_plural = pgettext_lazy("plural", "設問票")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="questionnaire_one_current"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.version})"


class Part(LoadedContent):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="parts")
    number = models.PositiveSmallIntegerField(_("番号"))
    title = models.CharField(_("名称"), max_length=100)
    description = models.TextField(_("説明"), blank=True)

    class Meta:
        verbose_name = _("パート")
        verbose_name_plural = pgettext_lazy("plural", "パート")
        ordering = ["questionnaire", "number"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="part_unique_number"),
        ]

    def __str__(self):
        return f"Part {self.number} {self.title}"


class Item(LoadedContent):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="items")
    part = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("番号"))
    topic = models.CharField(_("項目名"), max_length=80)
    question = models.TextField(_("設問"))
    explanation = models.TextField(_("解説"))
    advice_partly = models.TextField(_("「一部実施している」へのアドバイス"))
    advice_no = models.TextField(_("「実施していない」へのアドバイス"))
    advice_unknown = models.TextField(_("「わからない」へのアドバイス"))
    not_applicable = models.TextField(_("当てはまらない場合の答え方"), blank=True)

    class Meta:
        verbose_name = _("設問")
        verbose_name_plural = pgettext_lazy("plural", "設問")
        ordering = ["questionnaire", "number"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="item_unique_number"),
        ]

    def __str__(self):
        return f"{self.number}. {self.topic}"

    @property
    def field_name(self) -> str:
        return f"q{self.number}"

    def advice_for(self, answer: str) -> str:
        return {"partly": self.advice_partly, "no": self.advice_no, "unknown": self.advice_unknown}.get(
            answer, ""
        )


class ItemGuide(LoadedContent):
    """The 解説 page of an item, by its number (the same across questionnaire versions): why it
    matters, how a small company does it, how to check it, common mistakes."""

    number = models.PositiveSmallIntegerField(_("番号"), unique=True)
    why = models.TextField(_("なぜ必要か"))
    how = models.TextField(_("小さな会社での進め方"))
    checking = models.TextField(_("確かめ方"))  # `check` in the file (Model.check is taken)
    mistakes = models.JSONField(_("よくある間違い"), default=list)
    sources = models.JSONField(_("確認した公開情報"), default=list)
    documents = models.JSONField(_("関連する書式"), default=list, blank=True)

    class Meta:
        verbose_name = _("項目の解説")
        verbose_name_plural = pgettext_lazy("plural", "項目の解説")
        ordering = ["number"]

    def __str__(self):
        return str(self.number)

    def get_absolute_url(self):
        return reverse("diagnosis:guide", args=[self.number])


class AnswerOption(LoadedContent):
    """One step of a questionnaire's answer scale (実施している 4 … わからない −1)."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="options")
    value = models.CharField(_("値"), max_length=10)
    label = models.CharField(_("表示"), max_length=40)
    points = models.SmallIntegerField(_("点数"))
    order = models.PositiveSmallIntegerField(_("並び順"))

    class Meta:
        verbose_name = _("回答の選択肢")
        verbose_name_plural = pgettext_lazy("plural", "回答の選択肢")
        ordering = ["questionnaire", "order"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "value"], name="answer_option_unique_value"),
        ]

    def __str__(self):
        return f"{self.label} ({self.points})"


class Band(LoadedContent):
    """A result band: a score range with its headline and advice."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="bands")
    min_score = models.SmallIntegerField(_("下限"))
    max_score = models.SmallIntegerField(_("上限"))
    title = models.CharField(_("見出し"), max_length=100)
    advice = models.TextField(_("アドバイス"))

    class Meta:
        verbose_name = _("評価区分")
        verbose_name_plural = pgettext_lazy("plural", "評価区分")
        ordering = ["questionnaire", "-min_score"]

    def __str__(self):
        return f"{self.min_score}–{self.max_score} {self.title}"


class Status(models.TextChoices):
    DRAFT = "draft", _("下書き")
    COMPLETED = "completed", _("回答済み")


class Assessment(TimeStampedModel):
    """One organisation's (or an anonymous visitor's) answers to one questionnaire version.

    `answers` maps item numbers ("1".."25") to option values. The scores are computed
    once, when the assessment is completed, and stored.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="assessments")
    # No index of its own: the history index below leads with it, and serves every look-up by
    # organisation (one index fewer to write for each result).
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("組織"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assessments",
        db_index=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    answers = models.JSONField(_("回答"), default=dict)
    total_score = models.SmallIntegerField(_("合計点"), null=True, blank=True)
    part_scores = models.JSONField(_("パート別の点数"), default=dict, blank=True)
    completed_at = models.DateTimeField(_("回答日時"), null=True, blank=True)
    # Which peer groups this result was added to. Peers are grouped by the industry and
    # size the organisation had when the result was counted.
    counted_in_statistics = models.BooleanField(default=False, editable=False)
    stats_industry = models.CharField(max_length=1, choices=Industry.choices, blank=True, editable=False)
    stats_size_band = models.CharField(max_length=7, choices=SizeBand.choices, blank=True, editable=False)
    # The account this result counts for in its peer groups (see docs/privacy.md): "u<user id>",
    # or "o<organisation id>" when no account is known. Fixed when counted, like the groups.
    stats_contributor = models.CharField(max_length=24, blank=True, editable=False)

    class Meta:
        verbose_name = _("診断結果")
        verbose_name_plural = pgettext_lazy("plural", "診断結果")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(status="draft"),
                name="assessment_one_draft_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(counted_in_statistics=True),
                name="assessment_one_counted_per_organisation",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | models.Q(total_score__isnull=False, completed_at__isnull=False),
                name="assessment_completed_has_score",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "-completed_at"], name="assessment_history"),
        ]

    def __str__(self):
        return str(self.uuid)

    def get_absolute_url(self):
        return reverse("diagnosis:result", args=[self.uuid])

    @property
    def is_completed(self) -> bool:
        return self.status == Status.COMPLETED


class PeerStatistics(models.Model):
    """Running aggregates of one peer group's counted results, updated on every save.

    A group is all organisations (industry = size_band = ""), one industry, one size band,
    or one industry × size band. `histogram` maps each total score to how many results
    have it; `item_sums` holds the sum of points of each item, in item order.
    """

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="+")
    industry = models.CharField(max_length=1, choices=Industry.choices, blank=True)
    size_band = models.CharField(max_length=7, choices=SizeBand.choices, blank=True)
    count = models.PositiveIntegerField(default=0)
    # Distinct accounts behind the counted results: the privacy thresholds apply to this,
    # so one account with many (dummy) organisations counts once (docs/privacy.md).
    accounts = models.PositiveIntegerField(default=0)
    sum_scores = models.BigIntegerField(default=0)
    sum_squares = models.BigIntegerField(default=0)
    histogram = models.JSONField(default=dict)
    item_sums = models.JSONField(default=list)

    class Meta:
        verbose_name = _("同業比較の集計")
        verbose_name_plural = pgettext_lazy("plural", "同業比較の集計")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "industry", "size_band"], name="peer_statistics_unique_group"
            ),
        ]

    def __str__(self):
        return f"{self.industry or '*'} × {self.size_band or '*'}: {self.count}"


class PeerContributor(models.Model):
    """How many counted results of one peer group come from one account.

    Kept beside PeerStatistics so that `PeerStatistics.accounts` (the number of these rows
    with results > 0) changes in constant time when a result is counted or uncounted.
    """

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="+")
    industry = models.CharField(max_length=1, choices=Industry.choices, blank=True)
    size_band = models.CharField(max_length=7, choices=SizeBand.choices, blank=True)
    contributor = models.CharField(max_length=24)
    results = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("同業比較の集計に含まれるアカウント")
        verbose_name_plural = pgettext_lazy("plural", "同業比較の集計に含まれるアカウント")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "industry", "size_band", "contributor"],
                name="peer_contributor_unique_account_per_group",
            ),
        ]

    def __str__(self):
        return f"{self.industry or '*'} × {self.size_band or '*'}: {self.contributor} ({self.results})"


class PendingRecount(models.Model):
    """An organisation whose results changed since the peer aggregates last counted them: the
    worker's catch-up (diagnosis/jobs.py) recounts it and removes the row, unless it was asked
    again meanwhile (`requested_at` moved)."""

    organisation = models.OneToOneField(
        "portal.Organisation", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    requested_at = models.DateTimeField()

    class Meta:
        verbose_name = _("同業比較の集計待ち")
        verbose_name_plural = pgettext_lazy("plural", "同業比較の集計待ち")

    def __str__(self):
        return f"{self.organisation_id} ({self.requested_at:%Y-%m-%d %H:%M:%S})"


def new_share_token() -> str:
    return secrets.token_urlsafe(24)


class ShareLink(TimeStampedModel):
    """A read-only, unguessable link to one completed result, for a customer, bank or insurer."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="share_links")
    token = models.CharField(max_length=64, unique=True, default=new_share_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_on = models.DateField(_("有効期限"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("取り消し日時"), null=True, blank=True)

    organisation_path = "assessment__organisation"

    class Meta:
        verbose_name = _("共有リンク")
        verbose_name_plural = pgettext_lazy("plural", "共有リンク")

    def __str__(self):
        return f"{self.assessment} ({self.token[:6]}…)"

    def get_absolute_url(self):
        return reverse("diagnosis:shared", args=[self.token])

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and (
            self.expires_on is None or self.expires_on >= timezone.localdate()
        )
