"""SECURITY ACTION self-declarations, their review events, basic policies and issued IDs.

A declaration is a self-declaration: the portal records it and makes it verifiable; it
certifies nothing.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.lib.industries import Industry
from portal.lib.prefectures import Prefecture
from portal.models import ReviewEventBase, TimeStampedModel


class Stars(models.IntegerChoices):
    ONE = 1, _("★ 一つ星")
    TWO = 2, _("★★ 二つ星")


class Status(models.TextChoices):
    PENDING = "pending", _("審査中")  # ★★ when review comes before issuing
    ACTIVE = "active", _("有効")
    SUSPENDED = "suspended", _("停止中")
    # Not re-confirmed by its due date and the grace period after it; re-confirming restores
    # it, with the same ID (declaration/reconfirmation.py).
    LAPSED = "lapsed", _("要再確認")
    WITHDRAWN = "withdrawn", _("取り下げ")


# A declaration in one of these states belongs to its organisation: at most one at a time.
CURRENT_STATUSES = [Status.PENDING, Status.ACTIVE, Status.SUSPENDED, Status.LAPSED]
# States that hold an issued ID.
ISSUED_STATUSES = [Status.ACTIVE, Status.SUSPENDED, Status.LAPSED]


class Review(models.TextChoices):
    NEEDED = "needed", _("確認待ち")
    CORRECTION = "correction", _("修正依頼中")
    DONE = "done", _("確認済み")


class Purpose(models.TextChoices):
    SUBSIDY = "subsidy", _("補助金の申請")
    CUSTOMER = "customer", _("取引先からの要請")
    IMPROVEMENT = "improvement", _("自社の対策の向上")
    OTHER = "other", _("その他")


class Declaration(TimeStampedModel):
    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("組織"), on_delete=models.CASCADE, related_name="declarations"
    )
    declaration_id = models.CharField(_("自己宣言ID"), max_length=11, unique=True, null=True, blank=True)
    stars = models.PositiveSmallIntegerField(_("宣言の段階"), choices=Stars.choices)
    # While review comes before issuing, an upgrade waits here until a reviewer confirms it.
    requested_stars = models.PositiveSmallIntegerField(
        _("申請中の段階"), choices=Stars.choices, null=True, blank=True
    )
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices)
    review = models.CharField(_("審査"), max_length=12, choices=Review.choices, default=Review.NEEDED)
    correction_request = models.TextField(_("修正のお願い"), blank=True)
    declared_on = models.DateField(_("宣言日"), null=True, blank=True)
    contact_name = models.CharField(_("担当者名"), max_length=100)
    contact_department = models.CharField(_("部署"), max_length=100, blank=True)
    contact_email = models.EmailField(_("担当者のメールアドレス"))
    contact_phone = models.CharField(_("電話番号"), max_length=20)
    purpose = models.CharField(_("宣言の目的"), max_length=12, choices=Purpose.choices)
    purpose_other = models.CharField(_("目的（その他）"), max_length=200, blank=True)
    # The applicant's language: e-mails about the declaration are written in it.
    language = models.CharField(_("連絡の言語"), max_length=8, choices=settings.LANGUAGES, default="ja")
    # ★★ evidence
    assessment = models.ForeignKey(
        "diagnosis.Assessment",
        verbose_name=_("自社診断の結果"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    policy = models.ForeignKey(
        "Policy",
        verbose_name=_("基本方針"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    policy_url = models.URLField(_("公開している基本方針のURL"), blank=True)
    # The yearly re-confirmation (DECLARATION_RECONFIRM_MONTHS; none when it is turned off).
    reconfirm_by = models.DateField(_("再確認の期限"), null=True, blank=True)
    reconfirmed_on = models.DateField(_("最後に再確認した日"), null=True, blank=True)
    # What the public registry shows and filters on, copied from the organisation (kept in
    # step by declaration.receivers) so that a search touches one table with its own indexes.
    organisation_name = models.CharField(_("組織名"), max_length=200, editable=False)
    organisation_name_kana = models.CharField(
        _("組織名（ふりがな）"), max_length=200, blank=True, editable=False
    )
    prefecture = models.CharField(_("都道府県"), max_length=2, choices=Prefecture.choices, editable=False)
    industry = models.CharField(_("業種"), max_length=1, choices=Industry.choices, editable=False)
    # The organisation's verification (portal.models.Organisation.verified_*), copied likewise:
    # the registry filters on it and the API shows it without a join.
    organisation_verified = models.BooleanField(_("組織の本人確認"), default=False, editable=False)
    organisation_verified_by = models.CharField(_("組織の本人確認の方法"), max_length=40, blank=True, editable=False)
    organisation_verified_at = models.DateTimeField(_("組織の本人確認の日時"), null=True, blank=True, editable=False)
    # The organisation gave the 法人番号 of a verified one: its declarations leave the listing.
    organisation_superseded = models.BooleanField(_("法人番号が本人確認済みの組織と重複"), default=False, editable=False)

    class Meta:
        verbose_name = _("自己宣言")
        verbose_name_plural = pgettext_lazy("plural", "自己宣言")
        constraints = [
            # Double clicks and two admins applying at once still give one declaration.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(status__in=CURRENT_STATUSES),
                name="declaration_one_current_per_organisation",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=ISSUED_STATUSES)
                | models.Q(declaration_id__isnull=False, declared_on__isnull=False),
                name="declaration_issued_has_id",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-declared_on", "-id"], name="declaration_registry"),
            models.Index(
                fields=["status", "stars", "-declared_on", "-id"], name="declaration_registry_stars"
            ),
            models.Index(
                fields=["status", "prefecture", "stars", "-declared_on", "-id"],
                name="declaration_registry_pref",
            ),
            models.Index(
                fields=["status", "industry", "-declared_on", "-id"], name="declaration_registry_industry"
            ),
            models.Index(fields=["status", "organisation_name", "id"], name="declaration_registry_name"),
            models.Index(
                fields=["status", "organisation_verified", "-declared_on", "-id"],
                name="declaration_registry_verified",
            ),
            models.Index(fields=["review", "-updated_at"], name="declaration_review_queue"),
            models.Index(fields=["status", "reconfirm_by"], name="declaration_reconfirm_due"),
        ]
        permissions = [("review_declaration", _("自己宣言を審査できる"))]

    def __str__(self):
        return f"{self.declaration_id or '—'} {self.organisation} ({self.get_stars_display()})"

    def get_absolute_url(self):
        return reverse("registry:verify", args=[self.declaration_id]) if self.declaration_id else ""

    @property
    def is_current(self) -> bool:
        return self.status in CURRENT_STATUSES

    def copy_organisation(self, organisation) -> None:
        """Refresh the registry's copy of the organisation's public facts."""
        self.organisation_name = organisation.name
        self.organisation_name_kana = organisation.name_kana
        self.prefecture = organisation.prefecture
        self.industry = organisation.industry
        self.organisation_verified = organisation.is_verified
        self.organisation_verified_by = organisation.verified_by
        self.organisation_verified_at = organisation.verified_at
        self.organisation_superseded = organisation.superseded_by_id is not None

    @property
    def verification_method(self) -> str:
        """"gbizid" (a provider's id) or "staff"; "" when the organisation is not verified."""
        return self.organisation_verified_by.removeprefix("oidc:")


class ReviewEvent(ReviewEventBase):
    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("申込み")
        UPGRADED = "upgraded", _("二つ星への変更")
        CHANGED = "changed", _("内容の変更")
        CONFIRMED = "confirmed", _("確認")
        CORRECTION_REQUESTED = "correction", _("修正依頼")
        SUSPENDED = "suspended", _("停止")
        REINSTATED = "reinstated", _("再開")
        WITHDRAWN = "withdrawn", _("取り下げ")
        RECONFIRMED = "reconfirmed", _("再確認")
        REMINDED = "reminded", _("再確認のお知らせ")
        LAPSED = "lapsed", _("再確認の期限切れ")

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=12, choices=Action.choices)
    from_status = models.CharField(_("変更前"), max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(_("変更後"), max_length=10, choices=Status.choices)

    class Meta(ReviewEventBase.Meta):
        verbose_name = _("審査履歴")
        verbose_name_plural = pgettext_lazy("plural", "審査履歴")
        # The statistics count re-confirmations and lapses of the last 12 months.
        indexes = [models.Index(fields=["action", "created_at"], name="review_event_action_time")]


class ReconfirmationReminder(models.Model):
    """One reminder sent for one due date: the unique key makes each reminder go out once,
    however often the daily job runs or retries."""

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField(_("再確認の期限"))
    days_before = models.PositiveSmallIntegerField(_("期限の何日前"))
    sent_at = models.DateTimeField(_("送信日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("再確認のお知らせ")
        verbose_name_plural = pgettext_lazy("plural", "再確認のお知らせ")
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "due_on", "days_before"], name="reminder_once_per_due_date"
            )
        ]

    def __str__(self):
        return f"{self.declaration_id} {self.due_on} −{self.days_before}"


class IdCounter(models.Model):
    """The last serial used for a 自己宣言ID. One row; locked while an ID is issued, so IDs
    are unique and never reused, even when declarations are deleted."""

    last_serial = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("自己宣言IDの採番")
        verbose_name_plural = pgettext_lazy("plural", "自己宣言IDの採番")

    def __str__(self):
        return str(self.last_serial)


def new_policy_slug() -> str:
    return secrets.token_urlsafe(9).replace("_", "x").replace("-", "y").lower()


class Policy(TimeStampedModel):
    """An organisation's basic security policy (情報セキュリティ基本方針) built on the portal."""

    organisation = models.ForeignKey(
        "portal.Organisation", verbose_name=_("組織"), on_delete=models.CASCADE, related_name="policies"
    )
    slug = models.SlugField(max_length=40, unique=True, default=new_policy_slug)
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)
    # The version the public page shows. Saving makes a new version, a draft until published.
    published_version = models.ForeignKey(
        "PolicyVersion",
        verbose_name=_("公開中の版"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("基本方針")
        verbose_name_plural = pgettext_lazy("plural", "基本方針")
        constraints = [models.UniqueConstraint(fields=["organisation"], name="policy_one_per_organisation")]

    def __str__(self):
        return f"{self.organisation} ({self.slug})"

    def get_absolute_url(self):
        return reverse("policies:public", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class PolicyVersion(models.Model):
    """Every saved text of a policy is kept; the published one (Policy.published_version) is shown."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(_("表題"), max_length=100)
    preamble = models.TextField(_("前文"))
    sections = models.JSONField(_("各項目"))  # [{"heading": ..., "body": ...}]
    closing = models.TextField(_("結び（日付・組織名・代表者）"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("基本方針の版")
        verbose_name_plural = pgettext_lazy("plural", "基本方針の版")
        ordering = ["policy", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="policy_version_unique_number")
        ]

    def __str__(self):
        return f"{self.policy} v{self.number}"
