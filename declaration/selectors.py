"""Reads of SECURITY ACTION: the registry, verification, マイページ, review queue, statistics."""

import hashlib
from datetime import datetime

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import TruncMonth

from declaration.models import CURRENT_STATUSES, Declaration, Policy, Review, Status
from portal.lib.fragments import generation


def current_declaration(organisation) -> Declaration | None:
    """The organisation's pending, active or suspended declaration, else its latest withdrawn one."""
    if organisation is None:
        return None
    declarations = Declaration.objects.filter(organisation=organisation).select_related(
        "policy", "assessment"
    )
    return (
        declarations.filter(status__in=CURRENT_STATUSES).first()
        or declarations.order_by("-updated_at", "-pk").first()
    )


def registry_search(
    *, q: str = "", prefecture: str = "", industry: str = "", stars: int | None = None, sort: str = "new"
) -> QuerySet[Declaration]:
    """Active declarations only, matching a name or furigana fragment and the filters."""
    declarations = Declaration.objects.filter(status=Status.ACTIVE).only(
        "declaration_id",
        "stars",
        "status",
        "declared_on",
        "updated_at",
        "organisation_name",
        "organisation_name_kana",
        "prefecture",
        "industry",
    )
    if q:
        declarations = declarations.filter(
            Q(organisation_name__icontains=q) | Q(organisation_name_kana__icontains=q)
        )
    if prefecture:
        declarations = declarations.filter(prefecture=prefecture)
    if industry:
        declarations = declarations.filter(industry=industry)
    if stars:
        declarations = declarations.filter(stars=stars)
    order = ["organisation_name", "pk"] if sort == "name" else ["-declared_on", "-pk"]
    return declarations.order_by(*order)


def declaration_by_id(declaration_id: str) -> Declaration | None:
    return Declaration.objects.select_related("organisation").filter(declaration_id=declaration_id).first()


def review_queue(*, review: str = Review.NEEDED, q: str = "", status: str = "") -> QuerySet[Declaration]:
    declarations = Declaration.objects.select_related("organisation")
    if review:
        declarations = declarations.filter(review=review)
    if status:
        declarations = declarations.filter(status=status)
    if q:
        declarations = declarations.filter(
            Q(declaration_id=q)
            | Q(organisation__name__icontains=q)
            | Q(contact_name__icontains=q)
            | Q(contact_email__iexact=q)
        )
    return declarations.order_by("-updated_at", "-pk")


def review_counts() -> dict[str, int]:
    return dict(Declaration.objects.values_list("review").annotate(n=Count("pk")).values_list("review", "n"))


def published_policy(slug: str) -> Policy | None:
    return (
        Policy.objects.select_related("organisation", "published_version")
        .filter(slug=slug, published_at__isnull=False, published_version__isnull=False)
        .first()
    )


# The registry's statistics and the API's "last modified" are kept until a declaration
# changes (the "registry" generation, portal.lib.fragments) and at most this long.
REGISTRY_FIGURES_SECONDS = 600


def registry_statistics() -> dict:
    """Five aggregates over every active declaration: computed once per change of the registry."""
    key = f"registry-statistics:{generation('registry')}"
    return cache.get_or_set(key, _registry_statistics, REGISTRY_FIGURES_SECONDS)


def registry_last_modified(declarations: QuerySet[Declaration]) -> datetime | None:
    """MAX(updated_at) of a filtered listing, once per filter and change of the registry."""
    sql, params = declarations.query.sql_with_params()
    digest = hashlib.sha256(f"{sql}|{params}".encode()).hexdigest()
    key = f"registry-latest:{generation('registry')}:{digest}"
    return cache.get_or_set(
        key, lambda: declarations.aggregate(latest=Max("updated_at"))["latest"], REGISTRY_FIGURES_SECONDS
    )


def _registry_statistics() -> dict:
    active = Declaration.objects.filter(status=Status.ACTIVE)
    return {
        "total": active.count(),
        "by_stars": list(active.values("stars").annotate(n=Count("pk")).order_by("stars")),
        "by_prefecture": list(active.values("prefecture").annotate(n=Count("pk")).order_by("prefecture")),
        "by_industry": list(active.values("industry").annotate(n=Count("pk")).order_by("industry")),
        "by_month": list(
            active.annotate(month=TruncMonth("declared_on"))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by("month")
        ),
    }
