from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from learning import services
from learning.models import Attempt, Certificate, Choice, Progress, Question, RevocationRequest, Theme


class ChoiceInline(TranslationTabularInline):
    model = Choice
    extra = 0
    fields = ["number", "text", "is_correct"]


@admin.register(Theme)
class ThemeAdmin(TranslationAdmin):
    list_display = ["number", "title", "retired_at"]
    search_fields = ["title_ja", "title_en", "scenario_body_ja", "scenario_body_en"]


@admin.register(Question)
class QuestionAdmin(TranslationAdmin):
    list_display = ["theme", "number", "kind", "prompt"]
    list_filter = ["kind", "theme"]
    list_select_related = ["theme"]
    inlines = [ChoiceInline]


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ["user", "theme", "correct", "total", "passed", "created_at"]
    list_filter = ["passed", "theme"]
    search_fields = ["user__email"]
    list_select_related = ["user", "theme"]
    readonly_fields = ["user", "theme", "answers", "correct", "total", "passed", "created_at"]


@admin.register(Progress)
class ProgressAdmin(admin.ModelAdmin):
    list_display = ["user", "theme", "attempts", "best_correct", "passed_at"]
    list_select_related = ["user", "theme"]
    search_fields = ["user__email"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "user", "theme", "name_printed", "completed_on", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "theme"]
    search_fields = ["code", "user__email", "name_printed"]
    list_select_related = ["user", "theme"]
    readonly_fields = ["code", "user", "theme", "completed_on", "revoked_at"]
    actions = ["revoke"]

    @admin.action(
        description=_("選んだ修了証を取り消す（理由：運営者による取り消し）"), permissions=["revoke"]
    )
    def revoke(self, request, queryset):
        for certificate in queryset.filter(revoked_at__isnull=True):
            try:
                services.certificate_revoke(
                    certificate=certificate, reason=gettext("運営者による取り消し"), actor=request.user
                )
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)

    def has_revoke_permission(self, request):
        return request.user.has_perm("learning.revoke_certificate")


@admin.register(RevocationRequest)
class RevocationRequestAdmin(admin.ModelAdmin):
    list_display = ["created_at", "certificate", "requested_by", "state", "decided_by", "decided_at"]
    list_filter = ["state"]
    list_select_related = ["certificate", "requested_by", "decided_by"]
    readonly_fields = [f.name for f in RevocationRequest._meta.fields]

    def has_add_permission(self, request):
        return False
