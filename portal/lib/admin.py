"""What the admin pages of every app share."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by the application (audit entries, review events, the 法人番号
    register): staff read them in the admin, nobody adds, edits or deletes them there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
