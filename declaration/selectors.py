"""Reads of SECURITY ACTION: the registry, verification, マイページ, review queue, statistics."""

import hashlib
from datetime import datetime, timedelta

from django.core.cache import cache, caches
from django.db.models import Case, Count, Max, Q, QuerySet, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from declaration.models import (
    CURRENT_STATUSES,
    Declaration,
    Policy,
    PolicyVersion,
    Purpose,
    Review,
    ReviewEvent,
    Stars,
    Status,
)
from portal.lib.fragments import generation
from portal.lib.industries import Industry
from portal.lib.json_export import rows
from portal.lib.prefectures import Prefecture
from portal.lib.queries import unique_or_none


def _current_first(declarations: QuerySet[Declaration]) -> QuerySet[Declaration]:
    """The current declaration (there is at most one) first, then the latest withdrawn."""
    return declarations.annotate(
        current=Case(When(status__in=CURRENT_STATUSES, then=True), default=False)
    ).order_by("-current", "-updated_at", "-pk")


# What a summary of the declaration shows (the signed-in home, the offer of the next one).
SUMMARY_FIELDS = ("declaration_id", "status", "stars", "requested_stars", "policy_url")


def current_declaration_summary(organisation) -> Declaration | None:
    """`current_declaration` with only its ID, level and state, in one query: what the signed-in
    home shows. Compiling the full row with its policy and assessment cost more than the query."""
    if organisation is None:
        return None
    return _current_first(Declaration.objects.filter(organisation=organisation).only(*SUMMARY_FIELDS)).first()


def current_declaration(organisation) -> Declaration | None:
    """The organisation's pending, active or suspended declaration, else its latest withdrawn one."""
    if organisation is None:
        return None
    return _current_first(
        Declaration.objects.filter(organisation=organisation).select_related("policy", "assessment")
    ).first()


def registry_search(
    *,
    q: str = "",
    prefecture: str = "",
    industry: str = "",
    stars: int | None = None,
    verified: bool | str = False,
    sort: str = "new",
    lapsed: bool = False,
) -> QuerySet[Declaration]:
    """Active declarations (with `lapsed`, also those waiting for their yearly re-confirmation),
    matching a name or furigana fragment and the filters. Those of an organisation superseded by
    a verified one with its 法人番号 are not listed: the listing shows one company once, and
    never the squatter (their ID still answers on its verification page and in the API, marked
    "superseded", so that whoever checks it learns why).

    With a fragment it runs one query when called (`_matching_name`), so a page that may come
    from a cache calls it only when the page is built."""
    statuses = [Status.ACTIVE, Status.LAPSED] if lapsed else [Status.ACTIVE]
    declarations = Declaration.objects.filter(status__in=statuses, organisation_superseded=False).only(
        "declaration_id",
        "stars",
        "status",
        "declared_on",
        "reconfirm_by",
        "updated_at",
        "organisation_name",
        "organisation_name_kana",
        "prefecture",
        "industry",
        "organisation_verified",
        "organisation_verified_by",
        "organisation_verified_at",
        "organisation_superseded",
    )
    if q:  # before the filters: it asks the names' indexes alone (`_matching_name`)
        declarations = _matching_name(declarations, q)
    if verified:
        declarations = declarations.filter(organisation_verified=True)
    if prefecture:
        declarations = declarations.filter(prefecture=prefecture)
    if industry:
        declarations = declarations.filter(industry=industry)
    if stars:
        declarations = declarations.filter(stars=stars)
    order = ["organisation_name", "pk"] if sort == "name" else ["-declared_on", "-pk"]
    return declarations.order_by(*order)


# A fragment most names share (株式会社) is found fastest by reading the registry in its order
# and keeping the matches; one that few share (part of a company's own name, the usual search)
# is found fastest through the names' trigram indexes, then sorted. PostgreSQL cannot tell the
# two apart from its statistics: it expected 5,051 matches for a fragment that had 207, walked
# the order and read 66,064 rows (207 ms). So a search first asks for its matches in no order, at
# most this many: when that is all of them, only they are filtered and sorted. The filters are
# left out of that first query, or PostgreSQL may read a filter's index beside the names' (a
# star level's 125,000 entries, 27 ms, to keep 20 of 84 matches).
FEW_MATCHES = 1000


def _matching_name(declarations: QuerySet[Declaration], q: str) -> QuerySet[Declaration]:
    """`declarations` whose name or furigana contains `q`. Costs one query when it is called."""
    matching = declarations.filter(Q(organisation_name__icontains=q) | Q(organisation_name_kana__icontains=q))
    few = list(matching.order_by().values_list("pk", flat=True)[: FEW_MATCHES + 1])
    return matching if len(few) > FEW_MATCHES else declarations.filter(pk__in=few)


# Entries of the public registry looked up by ID (the verification page, its badge, the API),
# kept in each process until the registry's generation moves: the API answers every look-up
# after the first without a query. Each process keeps a bounded number (settings.CACHES).
REGISTRY_ENTRIES = "registry_entries"
_NOT_FOUND = "not-found"


def declaration_by_id(declaration_id: str) -> Declaration | None:
    store = caches[REGISTRY_ENTRIES]
    key = f"{generation('registry')}:{declaration_id}"
    found = store.get(key)
    if found is None:
        found = unique_or_none(
            Declaration.objects.select_related("organisation").filter(declaration_id=declaration_id)
        )
        store.set(key, found or _NOT_FOUND)
    return None if found == _NOT_FOUND else found


# A reviewer acts on pending and active declarations only. A suspended or withdrawn one waits
# for nobody, whatever review state it was left in: it leaves 確認待ち and 修正依頼中 (and their
# counts) and is still found under すべて or by its status.
OPEN_REVIEW_STATES = [Review.NEEDED, Review.CORRECTION]
REVIEWABLE_STATUSES = [Status.PENDING, Status.ACTIVE]


def review_queue(*, review: str = Review.NEEDED, q: str = "", status: str = "") -> QuerySet[Declaration]:
    declarations = Declaration.objects.select_related("organisation")
    if review:
        declarations = declarations.filter(review=review)
        if review in OPEN_REVIEW_STATES:
            declarations = declarations.filter(status__in=REVIEWABLE_STATUSES)
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
    """How many declarations each review tab lists (the same rule as review_queue)."""
    counted = Declaration.objects.filter(
        ~Q(review__in=OPEN_REVIEW_STATES) | Q(status__in=REVIEWABLE_STATUSES)
    )
    return dict(counted.values_list("review").annotate(n=Count("pk")).values_list("review", "n"))


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
        "reconfirmation": _reconfirmation_rates(),
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


def _reconfirmation_rates() -> dict:
    """The last 12 months of yearly re-confirmation, from the review events (one indexed query):
    how many came due and were re-confirmed in time, how many lapsed, and how many of those
    were re-confirmed afterwards."""
    since = timezone.now() - timedelta(days=365)
    counts = {
        (row["action"], row["from_status"]): row["n"]
        for row in ReviewEvent.objects.filter(
            action__in=[ReviewEvent.Action.RECONFIRMED, ReviewEvent.Action.LAPSED], created_at__gte=since
        )
        .values("action", "from_status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    in_time = counts.get((ReviewEvent.Action.RECONFIRMED, Status.ACTIVE), 0)
    lapsed = counts.get((ReviewEvent.Action.LAPSED, Status.ACTIVE), 0)
    restored = counts.get((ReviewEvent.Action.RECONFIRMED, Status.LAPSED), 0)
    due = in_time + lapsed
    return {
        "due": due,
        "in_time": in_time,
        "lapsed": lapsed,
        "restored": restored,
        "in_time_rate": round(100 * in_time / due, 1) if due else None,
        "restored_rate": round(100 * restored / lapsed, 1) if lapsed else None,
        "lapsed_now": Declaration.objects.filter(status=Status.LAPSED).count(),
    }


# --- What the staff console reads (console/views/declarations.py) ------------------------
# The vocabulary of review states comes with the reads, so the console needs no models.
REVIEW_STATES = Review
DECLARATION_STATES = Status


def declarations_for_review() -> QuerySet[Declaration]:
    """Every declaration, with what its review page shows (the console picks one by pk)."""
    return Declaration.objects.select_related("organisation", "policy", "assessment")


def declaration_events(declaration: Declaration):
    return declaration.events.select_related("actor")


def declarations_awaiting_bulk_confirm(ids: list[int]) -> QuerySet[Declaration]:
    """Of `ids`, the ★ declarations still waiting for a first look (a resubmitted form finds none)."""
    return Declaration.objects.filter(pk__in=ids, stars=1, review=Review.NEEDED, status=Status.ACTIVE)


# --- What the console assembles: statistics sections, personal and organisation data ------


def statistics_sections() -> dict:
    """The staff statistics' declaration sections: name → function returning (header, rows),
    each one indexed GROUP BY over the active declarations (console.statistics caches them)."""
    return {
        "declarations_by_month": _declarations_by_month,
        "declarations_by_prefecture": _declarations_by_prefecture,
        "declarations_by_industry": _declarations_by_industry,
        "declarations_by_level": _declarations_by_level,
        "declarations_by_purpose": _declarations_by_purpose,
    }


def _declarations_by_month():
    counts = (
        Declaration.objects.filter(status=Status.ACTIVE, declared_on__isnull=False)
        .annotate(month=TruncMonth("declared_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    return ["month", "declarations"], [(row["month"].strftime("%Y-%m"), row["n"]) for row in counts]


def _active_declarations_by(field: str, choices) -> list[tuple]:
    labels = {value: str(label) for value, label in choices}
    counts = (
        Declaration.objects.filter(status=Status.ACTIVE).values(field).annotate(n=Count("pk")).order_by(field)
    )
    return [(labels.get(row[field], row[field]), row["n"]) for row in counts]


def _declarations_by_prefecture():
    return ["prefecture", "declarations"], _active_declarations_by("prefecture", Prefecture.choices)


def _declarations_by_industry():
    return ["industry", "declarations"], _active_declarations_by("industry", Industry.choices)


def _declarations_by_level():
    return ["level", "declarations"], _active_declarations_by("stars", Stars.choices)


def _declarations_by_purpose():
    return ["purpose", "declarations"], _active_declarations_by("purpose", Purpose.choices)


def personal_data(user) -> dict:
    """The declarations that name `user` as their contact (services.person_erase clears them)."""
    return {
        "declaration_contacts": rows(
            Declaration.objects.filter(contact_email__iexact=user.email),
            "declaration_id",
            "organisation_name",
            "contact_name",
            "contact_department",
            "contact_email",
            "contact_phone",
        ),
    }


def organisation_data(organisation) -> dict:
    """An organisation's declarations, their review events and its policy's versions."""
    return {
        "declarations": rows(
            Declaration.objects.filter(organisation=organisation),
            "declaration_id",
            "stars",
            "status",
            "declared_on",
            "contact_name",
            "contact_email",
            "contact_phone",
            "purpose",
            "policy_url",
        ),
        "declaration_events": rows(
            ReviewEvent.objects.filter(declaration__organisation=organisation),
            "declaration__declaration_id",
            "action",
            "from_status",
            "to_status",
            "reason",
            "created_at",
        ),
        "policy_versions": rows(
            PolicyVersion.objects.filter(policy__organisation=organisation),
            "number",
            "title",
            "preamble",
            "sections",
            "closing",
            "created_at",
        ),
    }


def active_declaration_count() -> int:
    """How many declarations are active (the demo data tops the registry up to a number)."""
    return Declaration.objects.filter(status=Status.ACTIVE).count()


# --- What the signed-in home reads (console/home.py) ---------------------------------------
STAR_LEVELS = Stars


def organisation_policy(organisation) -> Policy | None:
    """The organisation's basic policy (published or still a draft), or None: one query."""
    if organisation is None:
        return None
    return Policy.objects.filter(organisation=organisation).first()


def declaration_offer_facts(organisation) -> tuple[Declaration | None, bool]:
    """What the offer of the next declaration reads: the current (else latest) declaration's
    ID, level and state only, and whether the organisation's basic policy is published. The
    pages that show the offer are kept whole (portal.lib.kept_pages) until either changes."""
    published = Policy.objects.filter(organisation=organisation, published_at__isnull=False).exists()
    return current_declaration_summary(organisation), published


def two_star_needs(
    *, declaration: Declaration | None, policy_published: bool, diagnosis_accepted: bool
) -> list[str]:
    """What ★★ still needs, as codes: "diagnosis" (a result of the last 12 months, which
    `declaration.services.accepts_as_evidence` judges) and "policy" (a published basic policy,
    the portal's or one at the organisation's own https:// address). Empty once ★★ is held or
    requested: nothing is left for the organisation to do."""
    if (
        declaration is not None
        and declaration.is_current
        and (declaration.stars == Stars.TWO or declaration.requested_stars)
    ):
        return []
    needs = []
    if not diagnosis_accepted:
        needs.append("diagnosis")
    if not policy_published and not (declaration and declaration.policy_url):
        needs.append("policy")
    return needs
