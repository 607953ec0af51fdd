from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from portal.lib import outbox
from portal.lib.admin import ReadOnlyAdmin
from portal.lib.audit import audit
from portal.models import (
    AuditEntry,
    CorporateImport,
    CorporateRecord,
    Invitation,
    Membership,
    Organisation,
    OutboxMessage,
    User,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "organisation"]
    fields = ["user", "organisation", "role", "created_at"]
    readonly_fields = ["created_at"]


class PortalUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class PortalUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
        field_classes = {"email": forms.EmailField}


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = PortalUserChangeForm
    add_form = PortalUserCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "date_joined", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser", "groups"]
    search_fields = ["email", "full_name", "full_name_kana"]
    readonly_fields = ["date_joined", "last_login"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("個人情報"), {"fields": ["full_name", "full_name_kana", "current_organisation"]}),
        (_("権限"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("日時"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "usable_password", "password1", "password2"]})
    ]
    raw_id_fields = ["current_organisation"]
    inlines = [MembershipInline]


class SharedCorporateNumberFilter(admin.SimpleListFilter):
    """Organisations whose 法人番号 another organisation also gave: a claim staff may check."""

    title = _("法人番号の重複")
    parameter_name = "shared_number"

    def lookups(self, request, model_admin):
        return [("yes", _("他の組織と同じ法人番号"))]

    def queryset(self, request, queryset):
        if self.value() != "yes":
            return queryset
        shared = (
            Organisation.objects.filter(corporate_number__isnull=False)
            .values("corporate_number")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
            .values("corporate_number")
        )
        return queryset.filter(corporate_number__in=shared).order_by("corporate_number", "created_at")


# Addresses typed without a scheme are https ones (Django 6's default, chosen now).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = [
        "name",
        "corporate_number",
        "prefecture",
        "industry",
        "size_band",
        "member_count",
        "created_at",
    ]
    list_filter = [
        SharedCorporateNumberFilter,
        "verified_by",
        "prefecture",
        "industry",
        "size_band",
        "is_sole_proprietor",
    ]
    # Verification is written by portal.services only (the console's verify and revoke pages,
    # with a reason and an audit entry): shown here, never edited.
    readonly_fields = [
        "same_corporate_number",
        "verified_at",
        "verified_by",
        "verification_note",
        "superseded_by",
        "superseded_at",
    ]
    search_fields = ["name", "name_kana", "corporate_number", "memberships__user__email"]
    date_hierarchy = "created_at"
    inlines = [MembershipInline]
    show_full_result_count = False
    view_on_site = False  # the organisation page is for its members only

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("memberships"))

    @admin.display(description=_("メンバー数"), ordering="member_count")
    def member_count(self, organisation):
        return organisation.member_count

    @admin.display(description=_("同じ法人番号の組織"))
    def same_corporate_number(self, organisation):
        if not organisation.corporate_number:
            return "—"
        others = Organisation.objects.filter(corporate_number=organisation.corporate_number).exclude(
            pk=organisation.pk
        )
        return _("、").join(f"{other.name} (#{other.pk})" for other in others[:20]) or "—"


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "invited_by", "expires_at", "accepted_at"]
    list_filter = ["role", ("accepted_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation", "invited_by"]
    raw_id_fields = ["organisation", "invited_by"]
    readonly_fields = ["token"]


OUTBOX_BODY_FIELDS = {"body_text", "body_html"}


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Staff see what the portal sent, and what failed, and can queue a failed message again.

    Metadata only, for every role: a body may hold a live sign-up, reset or invitation link
    (until it is redacted after sending), and reading it would let staff act as the recipient.
    Every look at the outbox is in the audit log.
    """

    list_display = ["created_at", "subject", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject", "to"]
    fields = [f.name for f in OutboxMessage._meta.fields if f.name not in OUTBOX_BODY_FIELDS | {"id"}]
    readonly_fields = fields
    actions = ["retry"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer(*OUTBOX_BODY_FIELDS)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        audit("outbox.list", request=request, target=request.GET.urlencode()[:200])
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        audit("outbox.view", request=request, target=str(object_id)[:40])
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=_("選んだメールを再送する"))
    def retry(self, request, queryset):
        for message in queryset.exclude(status=OutboxMessage.Status.SENT):
            outbox.retry(message, actor=request.user)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read only: the audit log is append-only."""

    list_display = ["created_at", "action", "actor_email", "target", "ip_address"]
    list_filter = ["action"]
    search_fields = ["actor_email", "target", "action"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]


@admin.register(CorporateRecord)
class CorporateRecordAdmin(ReadOnlyAdmin):
    list_display = ["number", "name", "prefecture", "city", "closed_on", "hidden", "updated_on"]
    list_filter = ["hidden", "prefecture"]
    # An exact number, or part of a name (a trigram index on PostgreSQL).
    search_fields = ["=number", "name"]
    # Five million rows: no full count under every search.
    show_full_result_count = False
    ordering = ["number"]


@admin.register(CorporateImport)
class CorporateImportAdmin(ReadOnlyAdmin):
    list_display = [
        "file_name",
        "kind",
        "rows_done",
        "inserted",
        "updated",
        "skipped",
        "created_at",
        "finished_at",
    ]
    list_filter = ["kind"]
