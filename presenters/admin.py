from django.contrib import admin

from portal.lib.admin import ReadOnlyAdmin
from presenters.forms import MaterialForm
from presenters.models import ActivityReport, Area, Material, Presenter, PresenterEvent, TalkRequest


class AreaInline(admin.TabularInline):
    model = Area
    extra = 0


@admin.register(Presenter)
class PresenterAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status", "nationwide", "changes_to_review", "updated_at"]
    list_filter = ["status", "kind", "nationwide", "changes_to_review"]
    search_fields = ["name", "name_kana", "user__email", "affiliation"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = ["status", "charter_agreed_at"]  # status changes go through the review console
    inlines = [AreaInline]


@admin.register(PresenterEvent)
class PresenterEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "presenter", "action", "from_status", "to_status", "actor"]
    list_filter = ["action"]
    list_select_related = ["presenter", "actor"]


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    form = MaterialForm
    list_display = ["title", "audience", "filename", "size", "downloads", "created_at"]
    readonly_fields = ["downloads"]

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("file")
        if upload is not None and hasattr(form, "sniffed_type"):
            obj.filename = upload.name
            obj.size = upload.size
            obj.content_type = form.sniffed_type
        super().save_model(request, obj, form, change)


@admin.register(TalkRequest)
class TalkRequestAdmin(admin.ModelAdmin):
    list_display = ["created_at", "presenter", "organisation_name", "requester_email"]
    list_select_related = ["presenter"]
    search_fields = ["organisation_name", "requester_email"]


@admin.register(ActivityReport)
class ActivityReportAdmin(admin.ModelAdmin):
    list_display = ["held_on", "presenter", "prefecture", "audience_type", "audience_size"]
    list_filter = ["prefecture", "audience_type"]
    list_select_related = ["presenter"]
