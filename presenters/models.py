"""Security presenters: profiles, their review, activity areas, materials, talk requests, reports.

Private data (the contact e-mail unless published, the postal address always) lives here
and is shown only to the presenter and staff.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.lib.prefectures import Prefecture
from portal.models import ReviewEventBase, TimeStampedModel


class Kind(models.TextChoices):
    PUBLIC = "public", pgettext_lazy("presenter kind", "公開")
    MATERIALS_ONLY = "materials", _("コンテンツ利用のみ")


class Status(models.TextChoices):
    PENDING = "pending", _("審査中")
    APPROVED = "approved", _("承認")
    CHANGES = "changes", _("修正依頼中")
    REJECTED = "rejected", _("不承認")
    SUSPENDED = "suspended", _("停止中")
    WITHDRAWN = "withdrawn", _("退会")


class Expertise(models.TextChoices):
    BASICS = "basics", _("情報セキュリティの基本")
    SME_MANAGEMENT = "management", _("経営者向けの対策")
    MALWARE = "malware", _("ウイルス・ランサムウェア")
    PHISHING = "phishing", _("標的型攻撃・フィッシング")
    PASSWORDS = "passwords", _("パスワード・認証")
    CLOUD = "cloud", _("クラウド・テレワーク")
    PERSONAL_DATA = "personal", _("個人情報保護")
    INCIDENT = "incident", _("事故対応")
    SNS = "sns", _("SNS・情報モラル")
    SECURITY_ACTION = "security_action", _("SECURITY ACTION・自社診断")


class Presenter(TimeStampedModel):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="presenter")
    kind = models.CharField(_("登録の種類"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices, default=Status.PENDING)
    name = models.CharField(_("氏名"), max_length=100)
    name_kana = models.CharField(_("ふりがな"), max_length=100)
    nationwide = models.BooleanField(_("全国で活動"), default=False)
    affiliation = models.CharField(pgettext_lazy("affiliation", "所属"), max_length=200, blank=True)
    # Codes as ",basics,phishing," so that one LIKE finds a code on every database.
    expertise = models.CharField(_("得意分野"), max_length=300, blank=True)
    expertise_other = models.CharField(_("得意分野（その他）"), max_length=200, blank=True)
    bio = models.TextField(_("自己紹介"), max_length=1000, blank=True)
    qualifications = models.CharField(_("資格"), max_length=300, blank=True)
    contact_email = models.EmailField(_("連絡先メールアドレス"))
    postal_address = models.CharField(_("住所"), max_length=300)
    show_name_kana = models.BooleanField(_("ふりがなを公開する"), default=True)
    show_affiliation = models.BooleanField(_("所属を公開する"), default=True)
    show_expertise = models.BooleanField(_("得意分野を公開する"), default=True)
    show_bio = models.BooleanField(_("自己紹介を公開する"), default=True)
    show_qualifications = models.BooleanField(_("資格を公開する"), default=True)
    show_email = models.BooleanField(_("メールアドレスを公開する"), default=False)
    charter_agreed_at = models.DateTimeField(_("憲章への同意"))
    # A change to published fields of an approved profile waits for a look from staff.
    changes_to_review = models.BooleanField(_("変更の確認待ち"), default=False)
    # What waits for that look: the changed public fields (and "kind": "public" for a switch to
    # a public profile), as {field: new value}. The approved values above stay public meanwhile.
    pending_changes = models.JSONField(_("確認待ちの変更"), default=dict, blank=True, editable=False)
    review_note = models.TextField(_("運営者からの連絡"), blank=True)

    class Meta:
        verbose_name = _("セキュリティプレゼンター")
        verbose_name_plural = pgettext_lazy("plural", "セキュリティプレゼンター")
        indexes = [
            models.Index(fields=["status", "kind", "nationwide"], name="presenter_public"),
            models.Index(fields=["status", "changes_to_review"], name="presenter_review_queue"),
        ]
        permissions = [("review_presenter", _("プレゼンターを審査できる"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("presenters:profile", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status == Status.APPROVED and self.kind == Kind.PUBLIC

    @property
    def proposed(self) -> dict:
        """The public fields as the presenter last saved them: approved values with pending changes."""
        from presenters.services import PUBLISHED_FIELDS

        return {name: self.pending_changes.get(name, getattr(self, name)) for name in PUBLISHED_FIELDS}

    @property
    def can_download(self) -> bool:
        return self.status == Status.APPROVED

    @property
    def expertise_codes(self) -> list[str]:
        return [code for code in self.expertise.split(",") if code in Expertise.values]

    def expertise_labels(self) -> list[str]:
        return [str(Expertise(code).label) for code in self.expertise_codes]

    @staticmethod
    def join_expertise(codes: list[str]) -> str:
        return f",{','.join(codes)}," if codes else ""


class Area(models.Model):
    """One prefecture a presenter is active in (全国 is the presenter's `nationwide` flag)."""

    presenter = models.ForeignKey(Presenter, on_delete=models.CASCADE, related_name="areas")
    prefecture = models.CharField(_("都道府県"), max_length=2, choices=Prefecture.choices)

    class Meta:
        verbose_name = _("活動地域")
        verbose_name_plural = pgettext_lazy("plural", "活動地域")
        constraints = [models.UniqueConstraint(fields=["presenter", "prefecture"], name="area_unique")]
        indexes = [models.Index(fields=["prefecture", "presenter"], name="area_by_prefecture")]

    def __str__(self):
        return self.get_prefecture_display()


class PresenterEvent(ReviewEventBase):
    class Action(models.TextChoices):
        APPLIED = "applied", _("申請")
        CHANGED = "changed", _("公開内容の変更")
        APPROVED = "approved", _("承認")
        REJECTED = "rejected", _("不承認")
        CHANGES_REQUESTED = "changes", _("修正依頼")
        CHANGES_DECLINED = "declined", _("変更を不承認")
        SUSPENDED = "suspended", _("停止")
        REINSTATED = "reinstated", _("再開")
        WITHDRAWN = "withdrawn", _("退会")
        KIND_CHANGED = "kind", _("登録の種類の変更")

    presenter = models.ForeignKey(Presenter, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=12, choices=Action.choices)
    from_status = models.CharField(_("変更前"), max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(_("変更後"), max_length=10, choices=Status.choices)

    class Meta(ReviewEventBase.Meta):
        verbose_name = _("プレゼンター審査履歴")
        verbose_name_plural = pgettext_lazy("plural", "プレゼンター審査履歴")


class Material(TimeStampedModel):
    """An awareness material for presenters. Stored privately; served only through a checked view."""

    title = models.CharField(_("表題"), max_length=200)
    description = models.TextField(_("説明"), blank=True)
    audience = models.CharField(_("対象"), max_length=100)
    file = models.FileField(_("ファイル"), upload_to="materials/")
    filename = models.CharField(_("ファイル名"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("サイズ（バイト）"))
    downloads = models.PositiveIntegerField(_("ダウンロード数"), default=0)

    class Meta:
        verbose_name = _("啓発資料")
        verbose_name_plural = pgettext_lazy("plural", "啓発資料")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class TalkRequest(models.Model):
    presenter = models.ForeignKey(Presenter, on_delete=models.CASCADE, related_name="talk_requests")
    organisation_name = models.CharField(_("依頼元の団体・会社名"), max_length=200)
    requester_name = models.CharField(_("ご担当者名"), max_length=100)
    requester_email = models.EmailField(_("ご担当者のメールアドレス"))
    date_wish = models.CharField(_("希望の日時"), max_length=200)
    place = models.CharField(_("場所"), max_length=200)
    audience = models.CharField(_("対象者と人数"), max_length=200)
    topic = models.CharField(_("テーマ"), max_length=200)
    message = models.TextField(_("メッセージ"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("講演依頼")
        verbose_name_plural = pgettext_lazy("plural", "講演依頼")

    def __str__(self):
        return f"{self.organisation_name} → {self.presenter}"


class ActivityReport(models.Model):
    class AudienceType(models.TextChoices):
        SME = "sme", _("中小企業")
        CHAMBER = "chamber", _("商工会・商工会議所")
        SCHOOL = "school", _("学校")
        PUBLIC = "public", _("一般・地域")
        OTHER = "other", _("その他")

    presenter = models.ForeignKey(Presenter, on_delete=models.CASCADE, related_name="reports")
    held_on = models.DateField(_("開催日"))
    prefecture = models.CharField(_("都道府県"), max_length=2, choices=Prefecture.choices)
    audience_type = models.CharField(_("対象"), max_length=10, choices=AudienceType.choices)
    audience_size = models.PositiveIntegerField(_("参加人数"))
    topics = models.CharField(_("テーマ"), max_length=300)

    class Meta:
        verbose_name = _("活動報告")
        verbose_name_plural = pgettext_lazy("plural", "活動報告")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["prefecture"], name="report_by_prefecture")]

    def __str__(self):
        return f"{self.held_on} {self.presenter}"
