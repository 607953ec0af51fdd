from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from portal.lib import outbox
from portal.lib.audit import audit
from portal.models import AuditEntry, Invitation, Membership, Organisation, OutboxMessage, User


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


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "corporate_number",
        "prefecture",
        "industry",
        "size_band",
        "member_count",
        "created_at",
    ]
    list_filter = ["prefecture", "industry", "size_band", "is_sole_proprietor"]
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


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Staff see what the portal sent, and what failed, and can queue a failed message again."""

    list_display = ["created_at", "subject", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject", "to"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("選んだメールを再送する"))
    def retry(self, request, queryset):
        for message in queryset.exclude(status=OutboxMessage.Status.SENT):
            outbox.retry(message)
            audit("outbox.retry", request=request, target=message.subject)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read only: the audit log is append-only."""

    list_display = ["created_at", "action", "actor_email", "target", "ip_address"]
    list_filter = ["action"]
    search_fields = ["actor_email", "target", "action"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
