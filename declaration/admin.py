from django.contrib import admin

from declaration.models import Declaration, IdCounter, Policy, PolicyVersion, ReviewEvent
from portal.admin import HTTPS_URLS
from portal.lib.admin import ReadOnlyAdmin


class ReviewEventInline(admin.TabularInline):
    model = ReviewEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "from_status", "to_status", "actor", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False  # events are written by the services only


@admin.register(Declaration)
class DeclarationAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = [
        "declaration_id",
        "organisation",
        "stars",
        "status",
        "review",
        "declared_on",
        "updated_at",
    ]
    list_filter = ["status", "stars", "review", "purpose"]
    search_fields = ["declaration_id", "organisation__name", "organisation__name_kana", "contact_email"]
    list_select_related = ["organisation"]
    show_full_result_count = False
    # State changes go through the review console, which records them; the admin only reads.
    readonly_fields = [f.name for f in Declaration._meta.fields]
    inlines = [ReviewEventInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReviewEvent)
class ReviewEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "declaration", "action", "from_status", "to_status", "actor"]
    list_filter = ["action"]
    search_fields = ["declaration__declaration_id", "reason"]
    list_select_related = ["declaration__organisation", "actor"]


class PolicyVersionInline(admin.StackedInline):
    model = PolicyVersion
    extra = 0
    readonly_fields = ["number", "title", "preamble", "sections", "closing", "created_at", "created_by"]
    can_delete = False


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ["organisation", "slug", "published_at"]
    search_fields = ["organisation__name", "slug"]
    inlines = [PolicyVersionInline]
    raw_id_fields = ["organisation"]


@admin.register(IdCounter)
class IdCounterAdmin(admin.ModelAdmin):
    list_display = ["last_serial"]

    def has_change_permission(self, request, obj=None):
        return False
