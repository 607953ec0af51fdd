"""The one user and organisation model that every service of the portal shares."""

import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.lib.corporate_number import validate_corporate_number
from portal.lib.industries import Industry
from portal.lib.prefectures import Prefecture
from portal.lib.size_bands import SizeBand


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        abstract = True


class ReviewEventBase(models.Model):
    """One transition of something staff review: who, when, from, to, why. Never changed once
    written. Concrete events add the reviewed object and their own action and status choices."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("理由"), blank=True)
    created_at = models.DateTimeField(_("日時"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Review events are immutable.")
        super().save(*args, **kwargs)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)

    def create_user(self, email, password=None, **extra_fields):
        """An account made by trusted code (admin, commands): its address counts as verified.
        People who sign up themselves go through allauth, which verifies the address."""
        from allauth.account.models import EmailAddress

        if not email:
            raise ValueError("A user needs an e-mail address.")
        user = self.model(email=normalise_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        EmailAddress.objects.using(self._db).create(user=user, email=user.email, primary=True, verified=True)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("is_active", True)
        return self.create_user(email, password, **extra_fields)


def normalise_email(email: str) -> str:
    """E-mail addresses are compared case-insensitively, so they are stored in lower case."""
    return email.strip().lower()


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(
        _("メールアドレス"),
        max_length=254,
        unique=True,
        error_messages={"unique": _("このメールアドレスは既に登録されています。")},
    )
    full_name = models.CharField(_("氏名"), max_length=100, blank=True)
    full_name_kana = models.CharField(_("氏名（ふりがな）"), max_length=100, blank=True)
    is_staff = models.BooleanField(
        _("スタッフ"), default=False, help_text=_("管理サイトとスタッフ用画面にアクセスできます。")
    )
    # A new account stays inactive until its e-mail address is verified.
    is_active = models.BooleanField(_("有効"), default=True)
    date_joined = models.DateTimeField(_("登録日時"), default=timezone.now)
    current_organisation = models.ForeignKey(
        "Organisation",
        verbose_name=_("選択中の組織"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The language the person last chose: e-mails to them are written in it.
    language = models.CharField(_("表示言語"), max_length=8, choices=settings.LANGUAGES, default="ja")

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("利用者")
        verbose_name_plural = pgettext_lazy("plural", "利用者")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ci",
                violation_error_message=_("このメールアドレスは既に登録されています。"),
            ),
        ]

    def __str__(self):
        return self.email

    def clean(self):
        super().clean()
        self.email = normalise_email(self.email)

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name or self.email.split("@")[0]

    @property
    def display_name(self) -> str:
        return self.get_short_name()


class Organisation(TimeStampedModel):
    name = models.CharField(_("組織名"), max_length=200)
    name_kana = models.CharField(_("組織名（ふりがな）"), max_length=200, blank=True)
    corporate_number = models.CharField(
        _("法人番号"),
        max_length=13,
        null=True,
        blank=True,
        # Not unique: a number is no lock. Anyone may type any company's number, so a first
        # claimant must not block the real company, nor may the form reveal who is registered.
        # Staff see organisations that share a number in the admin.
        db_index=True,
        validators=[validate_corporate_number],
        help_text=_("13桁の数字。個人事業主の方は空欄のままにしてください。"),
    )
    is_sole_proprietor = models.BooleanField(_("個人事業主"), default=False)
    prefecture = models.CharField(_("都道府県"), max_length=2, choices=Prefecture.choices)
    address = models.CharField(_("所在地（市区町村以下）"), max_length=200, blank=True)
    industry = models.CharField(_("業種"), max_length=1, choices=Industry.choices)
    size_band = models.CharField(_("従業員数"), max_length=7, choices=SizeBand.choices)
    website = models.URLField(_("ウェブサイト"), max_length=200, blank=True)
    exclude_from_statistics = models.BooleanField(
        _("同業比較の統計に含めない"),
        default=False,
        help_text=_("オンにすると、この組織の診断結果は他社との比較の集計に使われません。"),
    )
    # Verified: the 法人番号 and the name came in the claims of a configured OpenID Connect
    # provider (GビズID) for a person who is a member, or staff checked them by hand. Written
    # only by portal.services (organisation_verify / organisation_revoke_verification).
    verified_at = models.DateTimeField(_("本人確認の日時"), null=True, blank=True, editable=False)
    verified_by = models.CharField(
        _("本人確認の方法"),
        max_length=40,
        blank=True,
        editable=False,
        help_text=_("oidc:<プロバイダー>（例: oidc:gbizid）または staff"),
    )
    verification_note = models.TextField(_("本人確認の記録"), blank=True, editable=False)
    # An unverified organisation that gave the 法人番号 of a verified one: kept (nothing is
    # deleted or hidden silently), but its declarations leave the public registry and its
    # members are told. Staff see the case in the console.
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("法人番号が重複する本人確認済みの組織"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="superseded",
    )
    superseded_at = models.DateTimeField(_("重複が見つかった日時"), null=True, blank=True, editable=False)

    # Read by portal.access: an organisation belongs to itself.
    organisation_path = ""

    class Meta:
        verbose_name = _("組織")
        verbose_name_plural = pgettext_lazy("plural", "組織")
        constraints = [
            # Sole proprietors (個人事業主) are not given a corporate number.
            models.CheckConstraint(
                condition=models.Q(is_sole_proprietor=False) | models.Q(corporate_number__isnull=True),
                name="organisation_sole_proprietor_has_no_corporate_number",
            ),
            models.CheckConstraint(
                condition=~models.Q(corporate_number=""),
                name="organisation_corporate_number_null_not_blank",
            ),
            models.CheckConstraint(
                condition=models.Q(verified_at__isnull=True, verified_by="")
                | models.Q(verified_at__isnull=False, superseded_by__isnull=True) & ~models.Q(verified_by=""),
                name="organisation_verified_has_method_and_is_not_superseded",
            ),
        ]
        indexes = [models.Index(fields=["prefecture", "industry", "size_band"])]
        permissions = [("verify_organisation", _("組織の本人確認を行える"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:edit", args=[self.pk])

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def verification_method(self) -> str:
        """"gbizid" (or another provider's id) for a provider's claims, "staff" by hand, else ""."""
        return self.verified_by.removeprefix("oidc:")


class Role(models.TextChoices):
    ADMIN = "admin", _("管理者")
    MEMBER = "member", _("メンバー")


class Membership(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("利用者"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("組織"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("役割"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("所属")
        verbose_name_plural = pgettext_lazy("plural", "所属")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_unique_user_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


class AuditEntry(models.Model):
    """One staff action or security-relevant event. Written once, never changed or deleted
    through the application (the admin only reads)."""

    created_at = models.DateTimeField(_("日時"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_email = models.CharField(_("操作した人"), max_length=254, blank=True)
    action = models.CharField(_("操作"), max_length=60, db_index=True)
    target = models.CharField(_("対象"), max_length=200, blank=True)
    details = models.JSONField(_("詳細"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IPアドレス"), null=True, blank=True)

    class Meta:
        verbose_name = _("監査ログ")
        verbose_name_plural = pgettext_lazy("plural", "監査ログ")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["actor_email", "-created_at"], name="audit_by_actor")]
        # Not about audit entries as such: the portal-wide permission to see the staff statistics.
        permissions = [("view_statistics", _("運営の統計を見られる"))]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit entries are append-only.")


class OutboxMessage(TimeStampedModel):
    """An e-mail waiting to be sent, written in the same transaction as the change it reports."""

    class Status(models.TextChoices):
        PENDING = "pending", _("送信待ち")
        # Claimed by a worker until `next_attempt_at` (its lease): if the worker dies, the
        # message is due again once the lease has passed.
        SENDING = "sending", _("送信中")
        SENT = "sent", _("送信済み")
        FAILED = "failed", _("送信失敗")

    to = models.JSONField(_("宛先"))
    subject = models.CharField(_("件名"), max_length=300)
    body_text = models.TextField(_("本文"))
    body_html = models.TextField(_("本文（HTML）"), blank=True)
    status = models.CharField(_("状態"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("試行回数"), default=0)
    next_attempt_at = models.DateTimeField(_("次の送信"), default=timezone.now)
    last_error = models.TextField(_("最後のエラー"), blank=True)
    sent_at = models.DateTimeField(_("送信日時"), null=True, blank=True)
    # The body holds a link or code that acts for the recipient (sign-up, reset, invitation):
    # it is redacted once the message has been sent or has finally failed.
    carries_secret = models.BooleanField(_("秘密のリンクを含む"), default=False)

    class Meta:
        verbose_name = _("送信メール")
        verbose_name_plural = pgettext_lazy("plural", "送信メール")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"


def new_invitation_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("組織"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("メールアドレス"))
    role = models.CharField(_("役割"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("招待した人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("有効期限"))
    accepted_at = models.DateTimeField(_("承諾日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("招待")
        verbose_name_plural = pgettext_lazy("plural", "招待")
        constraints = [
            # One open invitation per address and organisation; a new one replaces the old.
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=models.Q(accepted_at__isnull=True),
                name="invitation_one_open_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    def get_absolute_url(self):
        return reverse("organisations:invitation", args=[self.token])

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class CorporateRecord(models.Model):
    """One corporation of the National Tax Agency's 法人番号 register, as its published files
    last described it (portal.lib.corporate_register imports them). Organisation forms read it
    to fill in a company's name and address; nothing here says who registered with the portal.

    A record is never deleted by an import: a closed corporation keeps its row with its close
    date, and one the NTA deleted (処理区分 99) or excludes from search (検索対象除外) is kept
    `hidden`, so that an older file imported later cannot bring it back."""

    number = models.CharField(_("法人番号"), max_length=13, primary_key=True)
    name = models.CharField(_("商号又は名称"), max_length=300)
    furigana = models.CharField(_("フリガナ"), max_length=500, blank=True)
    kind = models.CharField(_("法人種別"), max_length=3, blank=True)
    prefecture = models.CharField(_("都道府県"), max_length=2, choices=Prefecture.choices, blank=True)
    city = models.CharField(_("市区町村"), max_length=100, blank=True)
    street = models.CharField(_("丁目番地等"), max_length=300, blank=True)
    post_code = models.CharField(_("郵便番号"), max_length=7, blank=True)
    process = models.CharField(_("処理区分"), max_length=2)
    closed_on = models.DateField(_("登記記録の閉鎖等年月日"), null=True, blank=True)
    close_cause = models.CharField(_("登記記録の閉鎖等の事由"), max_length=2, blank=True)
    hidden = models.BooleanField(_("検索対象外"), default=False)
    # Which published row this is: an import overwrites a record only with a row updated on
    # the same day or later, so that files may come in any order and twice.
    updated_on = models.DateField(_("更新年月日"))
    sequence = models.PositiveIntegerField(_("一連番号"), default=0)

    class Meta:
        verbose_name = _("法人番号データ")
        verbose_name_plural = pgettext_lazy("plural", "法人番号データ")
        # The name search's trigram index on PostgreSQL is made in migration 0014.

    def __str__(self):
        return f"{self.number} {self.name}"

    @property
    def address(self) -> str:
        """What the organisation form calls 所在地（市区町村以下）."""
        return f"{self.city}{self.street}"


class CorporateImport(TimeStampedModel):
    """One published file being imported or imported: where an interrupted import resumes."""

    class Kind(models.TextChoices):
        FULL = "full", _("全件データ")
        DIFF = "diff", _("差分データ")

    file_name = models.CharField(_("ファイル名"), max_length=255)
    size = models.BigIntegerField(_("サイズ（バイト）"))
    digest = models.CharField(_("SHA-256"), max_length=64, unique=True)
    kind = models.CharField(_("種類"), max_length=4, choices=Kind.choices)
    # Rows of the file (from its start) whose batch has been committed.
    rows_done = models.BigIntegerField(_("取り込み済みの行"), default=0)
    inserted = models.BigIntegerField(_("追加"), default=0)
    updated = models.BigIntegerField(_("更新"), default=0)
    unchanged = models.BigIntegerField(_("変更なし"), default=0)
    skipped = models.BigIntegerField(_("スキップ"), default=0)
    finished_at = models.DateTimeField(_("完了日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("法人番号データの取り込み")
        verbose_name_plural = pgettext_lazy("plural", "法人番号データの取り込み")
        ordering = ["-created_at"]

    def __str__(self):
        return self.file_name
