from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from diagnosis import services
from diagnosis.models import (
    AnswerOption,
    Assessment,
    Band,
    Item,
    Part,
    PeerStatistics,
    Questionnaire,
    ShareLink,
)


class PartInline(TranslationTabularInline):
    model = Part
    extra = 0


class BandInline(TranslationTabularInline):
    model = Band
    extra = 0


class AnswerOptionInline(TranslationTabularInline):
    model = AnswerOption
    extra = 0
    # The scale of a published version decides stored scores: it is not edited here.
    readonly_fields = ["value", "points"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(TranslationAdmin):
    list_display = ["version", "title", "is_current", "created_at"]
    inlines = [PartInline, AnswerOptionInline, BandInline]


@admin.register(Item)
class ItemAdmin(TranslationAdmin):
    list_display = ["number", "topic", "part", "questionnaire"]
    list_filter = ["questionnaire", "part__number"]
    search_fields = ["topic_ja", "topic_en", "question_ja", "question_en"]
    readonly_fields = ["questionnaire", "part", "number"]
    list_select_related = ["part", "questionnaire"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["uuid", "organisation", "status", "total_score", "completed_at", "counted_in_statistics"]
    list_filter = ["status", "counted_in_statistics", "questionnaire"]
    search_fields = ["uuid", "organisation__name"]
    list_select_related = ["organisation"]
    raw_id_fields = ["organisation", "created_by"]
    readonly_fields = [
        "uuid",
        "questionnaire",
        "answers",
        "total_score",
        "part_scores",
        "completed_at",
        "status",
    ]
    show_full_result_count = False

    def delete_model(self, request, obj):
        services.assessment_delete(assessment=obj)

    def delete_queryset(self, request, queryset):
        for assessment in queryset.select_related("organisation", "questionnaire"):
            services.assessment_delete(assessment=assessment)


@admin.register(PeerStatistics)
class PeerStatisticsAdmin(admin.ModelAdmin):
    list_display = ["questionnaire", "industry", "size_band", "count", "sum_scores"]
    list_filter = ["questionnaire", "industry", "size_band"]

    def has_change_permission(self, request, obj=None):
        return False  # derived numbers, kept by the services

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    list_display = ["assessment", "created_by", "expires_on", "revoked_at", "created_at"]
    raw_id_fields = ["assessment", "created_by"]
    readonly_fields = ["token"]
