"""Writes of the self-diagnosis: drafts, completed results, peer aggregates, share links.

Invariant kept by every write here: for each organisation that shares its statistics,
exactly its latest completed assessment is counted in the peer aggregates of the groups
recorded on it (`stats_industry`, `stats_size_band`), in the questionnaire version it
answered. Peer groups are per version; an organisation whose latest result answered a newer
version counts there only, not also in the old version's groups (never twice).

A completed result is counted by the worker, seconds later (`STATISTICS_IN_WORKER`, on when
a worker runs): the request only marks its organisation (PendingRecount) and queues one
catch-up for everything marked, which applies the changes of many organisations in one
locked pass over the groups they touch. The busiest rows, the all-organisations group's, are
then written once per batch instead of once per result, and no request waits for their lock.
"""

from datetime import date
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from diagnosis.models import (
    Assessment,
    PeerContributor,
    PeerStatistics,
    PendingRecount,
    Questionnaire,
    ShareLink,
    Status,
)
from diagnosis.scoring import score
from diagnosis.selectors import structure_for
from portal.lib import memo
from portal.lib.fragments import retire_people
from portal.lib.pdf import kept_delete
from portal.lib.queries import insert, writes_in_with
from portal.lib.tasks import later
from portal.models import Organisation, User


def _clean_answers(
    questionnaire: Questionnaire, answers: dict[str, str], *, complete: bool
) -> dict[str, str]:
    structure = structure_for(questionnaire)
    known = {str(number) for number in structure.item_numbers}
    unknown_items = set(answers) - known
    if unknown_items:
        raise ValidationError(_("存在しない設問への回答が含まれています。"))
    bad = [key for key, value in answers.items() if value not in structure.points]
    if bad:
        raise ValidationError(_("回答の値が正しくありません。"))
    if complete and set(answers) != known:
        raise ValidationError(_("すべての設問に回答してください。"))
    return {key: answers[key] for key in sorted(answers, key=int)}


@transaction.atomic
def assessment_save_draft(
    *, questionnaire: Questionnaire, organisation: Organisation, user: User, answers: dict[str, str]
) -> Assessment:
    """Keep the organisation's unfinished answers (one draft per organisation)."""
    answers = _clean_answers(questionnaire, answers, complete=False)
    draft, _created = Assessment.objects.update_or_create(
        organisation=organisation,
        status=Status.DRAFT,
        defaults={"questionnaire": questionnaire, "answers": answers, "created_by": user},
    )
    return draft


def assessment_complete(
    *,
    questionnaire: Questionnaire,
    organisation: Organisation | None,
    user: User | None,
    answers: dict[str, str],
    peer_industry: str = "",
    peer_size_band: str = "",
) -> Assessment:
    """Score a complete set of answers and store the result.

    With an organisation, its draft (if any) becomes the result and the peer aggregates
    are updated; without one (an anonymous visitor) the result feeds no statistics and
    is compared with the industry and size the visitor named, if any.
    """
    answers = _clean_answers(questionnaire, answers, complete=True)
    scores = score(answers, structure_for(questionnaire))
    fields = {
        "questionnaire": questionnaire,
        "answers": answers,
        "status": Status.COMPLETED,
        "total_score": scores.total,
        "part_scores": {str(part): points for part, points in scores.parts.items()},
        "completed_at": timezone.now(),
        "created_by": user if user is not None and user.is_authenticated else None,
        "stats_industry": organisation.industry if organisation else peer_industry,
        "stats_size_band": organisation.size_band if organisation else peer_size_band,
    }
    if organisation is None:
        return insert(Assessment(**fields))
    if settings.STATISTICS_IN_WORKER and writes_in_with():
        assessment = _insert_marked(Assessment(organisation=organisation, **fields))
        if assessment is not None:
            return assessment
    return _complete_in_place_of_draft(organisation, fields)


def _insert_marked(assessment: Assessment) -> Assessment | None:
    """Write the result of an organisation without a draft, and its mark for the worker, in one
    statement: in autocommit, one round trip to PostgreSQL and a transaction of its own, where
    the locked path takes five (BEGIN, the draft's lock, the result, the mark, COMMIT). On a
    busy app server a submission's waits for round trips cost more than its statements
    (README "Load"). None, and nothing written, when the organisation has a draft in the
    statement's snapshot: the locked path then makes that draft the result."""
    organisation = assessment.organisation
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    params = [organisation.pk, Status.DRAFT, now]
    if insert(assessment, within=_RESULT_MARKED, params=params) is None:
        return None
    _catch_up_soon()
    assessment.counted_in_statistics = False  # until the worker counts it
    return assessment


# The columns of diagnosis.models.PendingRecount; SQLite (3.24+) takes ON CONFLICT too.
_MARK_INTO = "INSERT INTO diagnosis_pendingrecount (organisation_id, requested_at)"
_MARK_RENEWED = " ON CONFLICT (organisation_id) DO UPDATE SET requested_at = EXCLUDED.requested_at"
_MARK = _MARK_INTO + " VALUES (%s, %s)" + _MARK_RENEWED
# Only where the database writes in WITH (portal.lib.queries.writes_in_with). Statements from
# this module only: the values go as parameters.
_RESULT_MARKED = (
    "WITH result AS ({insert} WHERE NOT EXISTS"  # noqa: S608
    " (SELECT 1 FROM diagnosis_assessment WHERE organisation_id = %s AND status = %s)"
    " RETURNING id, organisation_id),"
    f" marked AS ({_MARK_INTO} SELECT organisation_id, %s FROM result{_MARK_RENEWED})"
    " SELECT id FROM result"
)


@transaction.atomic
def _complete_in_place_of_draft(organisation: Organisation, fields: dict) -> Assessment:
    """The organisation's draft, if it has one, becomes the result; without one the result is
    a new row. Both are counted, or marked for the worker, in the same transaction."""
    draft = _locked_draft(organisation)
    if draft is not None:
        for name, value in fields.items():
            setattr(draft, name, value)
        draft.save()
        assessment = draft
    else:
        assessment = insert(Assessment(organisation=organisation, **fields))
    if settings.STATISTICS_IN_WORKER:
        statistics_recount_soon(organisation)
        assessment.counted_in_statistics = False  # until the worker counts it
    else:
        _took_count(assessment, statistics_recount(organisation=organisation))
    return assessment


def _locked_draft(organisation: Organisation) -> Assessment | None:
    """The organisation's draft, locked until the caller's transaction ends. The lock is taken
    with written-out SQL that reads only the id, and the row is read by it only when there is a
    draft, which most results have not: built by the ORM (`select_for_update().filter(…)
    .first()`, its ordering above all) the same read cost 0.6 ms more of the app server's CPU,
    and as a raw queryset of the whole row 0.25 ms (README "Load"). The partial unique index of
    drafts serves it, and allows at most one."""
    sql = _DRAFT_LOCKED if connection.features.has_select_for_update else _DRAFT  # SQLite locks the file
    with connection.cursor() as cursor:
        cursor.execute(sql, [organisation.pk, Status.DRAFT])
        row = cursor.fetchone()
    return None if row is None else Assessment.objects.get(pk=row[0])


_DRAFT = "SELECT id FROM diagnosis_assessment WHERE organisation_id = %s AND status = %s"
_DRAFT_LOCKED = _DRAFT + " FOR UPDATE"


@transaction.atomic
def assessment_claim(
    *, assessment: Assessment, organisation: Organisation, user: User | None = None
) -> Assessment:
    """Save an anonymous visitor's result into the organisation they chose after logging in.

    The claiming user becomes the result's author: it counts for their account in the peer
    groups, like a result they completed while logged in.
    """
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.organisation_id is not None or not assessment.is_completed:
        raise ValidationError(_("この診断結果は既に保存されています。"))
    assessment.organisation = organisation
    if assessment.created_by_id is None and user is not None and user.is_authenticated:
        assessment.created_by = user
    assessment.save(update_fields=["organisation", "created_by", "updated_at"])
    _took_count(assessment, statistics_recount(organisation=organisation))
    return assessment


def _took_count(assessment: Assessment, counted: Assessment | None) -> None:
    """Carry what the recount decided onto the caller's copy of the result."""
    if counted is not None and counted.pk == assessment.pk:
        assessment.counted_in_statistics = True
        assessment.stats_industry, assessment.stats_size_band = (
            counted.stats_industry,
            counted.stats_size_band,
        )
        assessment.stats_contributor = counted.stats_contributor
    else:
        assessment.counted_in_statistics = False


def assessments_adopt(*, uuids: list[str], user: User) -> int:
    """Put a visitor's anonymous results (still in no organisation) in the name of the account
    they just signed up for, so that logging in anywhere finds them again. Results already in
    someone's name stay theirs. They feed no statistics until saved into an organisation."""
    if not uuids:
        return 0
    retire_people([user.pk])  # their pages list results waiting to be saved
    return Assessment.objects.filter(
        uuid__in=uuids, organisation__isnull=True, created_by__isnull=True, status=Status.COMPLETED
    ).update(created_by=user, updated_at=timezone.now())


@transaction.atomic
def assessment_delete(*, assessment: Assessment) -> None:
    """Delete a result; the organisation's previous result takes its place in the statistics."""
    organisation = assessment.organisation
    assessment.delete()  # the pre_delete receiver takes it out of the aggregates
    if organisation is not None:
        statistics_recount(organisation=organisation)


@transaction.atomic
def organisation_set_statistics_sharing(*, organisation: Organisation, share: bool) -> None:
    organisation.exclude_from_statistics = not share
    organisation.save(update_fields=["exclude_from_statistics", "updated_at"])
    statistics_recount(organisation=organisation)


# --- Peer aggregates ------------------------------------------------------------------


def statistics_contributor(assessment: Assessment) -> str:
    """The account a result counts for in the privacy thresholds (docs/privacy.md).

    The account that completed (or claimed) it; a result with no known account counts as its
    organisation's own. One place to change if only verified accounts should count.
    """
    if assessment.created_by_id is not None:
        return f"u{assessment.created_by_id}"
    return f"o{assessment.organisation_id}"


def _peer_groups_of(industry: str, size: str) -> set[tuple[str, str]]:
    return {("", ""), (industry, ""), ("", size), (industry, size)}


def statistics_recount(*, organisation: Organisation) -> Assessment | None:
    """Make the organisation's latest completed result (and only it) count, unless it opted out;
    return the one that counts now."""
    # Lock the organisation: two recounts of one organisation queue here. FOR NO KEY UPDATE, so
    # that rows referring to it (a new result, a mark) can still be written meanwhile.
    organisation = Organisation.objects.select_for_update(no_key=True).get(pk=organisation.pk)
    target, changes = _recount_changes(organisation)
    statistics_apply(*changes)
    return target


def _recount_changes(organisation: Organisation) -> tuple[Assessment | None, list[tuple[Assessment, int]]]:
    """The organisation's result that should count, and the changes to the aggregates that
    make it so (its rows marked already); the caller holds the organisation's lock."""
    completed = organisation.assessments.filter(status=Status.COMPLETED).select_related("questionnaire")
    target = (
        None if organisation.exclude_from_statistics else completed.order_by("-completed_at", "-pk").first()
    )
    current = completed.filter(counted_in_statistics=True).first()
    if current is not None and target is not None and current.pk == target.pk:
        return target, []
    changes = []
    # Plain UPDATEs: whether a result counts is bookkeeping no page shows (portal.lib.kept_pages).
    if current is not None:
        changes.append((current, -1))
        current.counted_in_statistics = False
        Assessment.objects.filter(pk=current.pk).update(counted_in_statistics=False)
    if target is not None:
        target.stats_industry = organisation.industry
        target.stats_size_band = organisation.size_band
        target.stats_contributor = statistics_contributor(target)
        changes.append((target, +1))
        target.counted_in_statistics = True
        Assessment.objects.filter(pk=target.pk).update(
            counted_in_statistics=True,
            stats_industry=target.stats_industry,
            stats_size_band=target.stats_size_band,
            stats_contributor=target.stats_contributor,
        )
    return target, changes


# Set when a catch-up is queued, for CATCH_UP_SECONDS: the results of that window wait for one
# catch-up instead of queueing one each, so that a busy minute costs a few batches.
CATCH_UP_QUEUED = "diagnosis:statistics-catch-up-queued"
CATCH_UP_SECONDS = 5
# A process that has just asked does not ask again for this long: under a stream of results,
# asking for every one cost a Redis round trip each, for an answer that moves every 5 seconds.
CATCH_UP_ASKED_SECONDS = 1
CATCH_UP_BATCH = 500


def statistics_recount_soon(organisation: Organisation) -> None:
    """Mark the organisation for the worker's next catch-up (in the caller's transaction), and
    queue a catch-up unless one was queued in the last CATCH_UP_SECONDS. The every-minute
    schedule is the safety net for a mark that no later result's task picks up. A process
    asks at most once a second (CATCH_UP_ASKED_SECONDS), so a mark may wait a second longer.

    The upsert is written out: built by the ORM (`bulk_create(…, update_conflicts=True)`) it
    cost the app server more than twice the CPU of the statement (README "Load")."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(_MARK, [organisation.pk, now])
    _catch_up_soon()


def _catch_up_soon() -> None:
    memo.remember(CATCH_UP_QUEUED, _catch_up_queue, CATCH_UP_ASKED_SECONDS)


def _catch_up_queue() -> None:
    if cache.add(CATCH_UP_QUEUED, True, CATCH_UP_SECONDS):
        later("diagnosis.jobs.statistics_catch_up", group="statistics")


def statistics_catch_up(*, batch: int = CATCH_UP_BATCH) -> int:
    """Recount every organisation marked before this run began, `batch` at a time, each batch's
    changes applied to the peer groups in one locked pass. Returns how many organisations were
    recounted. A mark made (or renewed) after the run began is left for the next run, which the
    first result after the window queues (or the every-minute schedule): while results keep
    arriving, a run that chased them would never end, recounting the same organisations back to
    back beside the web servers."""
    began = timezone.now()
    waiting = PendingRecount.objects.filter(requested_at__lte=began).order_by("requested_at")
    done = 0
    while marked := list(waiting[:batch]):
        with transaction.atomic():
            organisations = (
                Organisation.objects.select_for_update(no_key=True)  # as statistics_recount
                .filter(pk__in=[mark.organisation_id for mark in marked])
                .order_by("pk")  # one lock order for every writer
            )
            changes = []
            for organisation in organisations:
                changes += _recount_changes(organisation)[1]
            statistics_apply(*changes)
            # A mark asked again since it was read stays for the next round (the whole batch's
            # marks go in one deletion, not one per mark).
            PendingRecount.objects.filter(
                reduce(
                    or_, (Q(organisation_id=m.organisation_id, requested_at=m.requested_at) for m in marked)
                )
            ).delete()
        done += len(marked)
    return done


def statistics_apply(*changes: tuple[Assessment, int]) -> None:
    """Add (+1) or remove (-1) results in their peer groups' aggregates, in one locked pass.

    Each result counts in four groups of its own questionnaire version: everyone, its
    industry, its size, and both; and for its account in each (PeerContributor), which keeps
    the groups' distinct-account counts. An organisation's first result on a new version
    leaves the old version's groups (-1 there) and joins the new one's (+1 here).
    """
    by_questionnaire: dict[int, list[tuple[Assessment, int]]] = {}
    for assessment, sign in changes:
        by_questionnaire.setdefault(assessment.questionnaire_id, []).append((assessment, sign))
    # Versions in a fixed order, so that concurrent saves lock their rows in the same order.
    for questionnaire_id in sorted(by_questionnaire):
        _statistics_apply_to_version(by_questionnaire[questionnaire_id])


def _statistics_apply_to_version(changes: list[tuple[Assessment, int]]) -> None:
    changes_by_group: dict[tuple[str, str], list[tuple[int, list[int], int]]] = {}
    contributor_changes: dict[tuple[str, str, str], int] = {}
    item_points: list[int] = []
    for assessment, sign in changes:
        industry, size = assessment.stats_industry, assessment.stats_size_band
        item_points = score(assessment.answers, structure_for(assessment.questionnaire)).item_points
        for group in _peer_groups_of(industry, size):
            changes_by_group.setdefault(group, []).append((assessment.total_score, item_points, sign))
            key = (*group, assessment.stats_contributor)
            contributor_changes[key] = contributor_changes.get(key, 0) + sign
    if not changes_by_group:
        return
    questionnaire = changes[0][0].questionnaire
    # One query locks the rows, always in the same order, so concurrent saves cannot deadlock.
    rows = [
        row
        for row in PeerStatistics.objects.select_for_update()
        .filter(questionnaire=questionnaire, industry__in={g[0] for g in changes_by_group})
        .filter(size_band__in={g[1] for g in changes_by_group})
        .order_by("pk")
        if (row.industry, row.size_band) in changes_by_group
    ]
    missing = changes_by_group.keys() - {(row.industry, row.size_band) for row in rows}
    for industry_key, size_key in missing:  # a group the loader did not create (e.g. a new size band)
        rows.append(
            PeerStatistics.objects.create(
                questionnaire=questionnaire,
                industry=industry_key,
                size_band=size_key,
                histogram={},
                item_sums=[0] * len(item_points),
            )
        )
    accounts_delta = _contributors_apply(questionnaire, contributor_changes)
    for row in rows:
        row.accounts += accounts_delta.get((row.industry, row.size_band), 0)
        for total, item_points, sign in changes_by_group[(row.industry, row.size_band)]:
            row.count += sign
            row.sum_scores += sign * total
            row.sum_squares += sign * total * total
            key = str(total)
            row.histogram[key] = row.histogram.get(key, 0) + sign
            if row.histogram[key] == 0:
                del row.histogram[key]
            row.item_sums = [a + sign * b for a, b in zip(row.item_sums, item_points, strict=True)]
        # Plain UPDATEs: bulk_update's CASE expressions cost 10 ms of Python for four rows.
        fields = ["count", "accounts", "sum_scores", "sum_squares", "histogram", "item_sums"]
        PeerStatistics.objects.filter(pk=row.pk).update(**{name: getattr(row, name) for name in fields})


def _contributors_apply(
    questionnaire: Questionnaire, changes: dict[tuple[str, str, str], int]
) -> dict[tuple[str, str], int]:
    """Apply per-account result changes; return each group's change in distinct accounts.

    Called with the groups' PeerStatistics rows locked, so no other save touches these rows.
    A result moving within one account (a re-save) nets to nothing and costs no query.
    """
    changes = {key: delta for key, delta in changes.items() if delta}
    if not changes:
        return {}
    existing = {
        (row.industry, row.size_band, row.contributor): row
        for row in PeerContributor.objects.filter(
            questionnaire=questionnaire,
            contributor__in={key[2] for key in changes},
            industry__in={key[0] for key in changes},
            size_band__in={key[1] for key in changes},
        )
    }
    accounts: dict[tuple[str, str], int] = {}
    new, emptied = [], []
    for key, delta in changes.items():
        row = existing.get(key)
        before = row.results if row else 0
        after = before + delta
        if before == 0 and after > 0:
            accounts[key[:2]] = accounts.get(key[:2], 0) + 1
        elif before > 0 and after <= 0:
            accounts[key[:2]] = accounts.get(key[:2], 0) - 1
        if row is None:
            if after > 0:
                new.append(
                    PeerContributor(
                        questionnaire=questionnaire,
                        industry=key[0],
                        size_band=key[1],
                        contributor=key[2],
                        results=after,
                    )
                )
        elif after <= 0:
            emptied.append(row.pk)
        else:
            row.results = after
            row.save(update_fields=["results"])
    if new:
        PeerContributor.objects.bulk_create(new)
    if emptied:
        PeerContributor.objects.filter(pk__in=emptied).delete()
    return accounts


# --- Share links ------------------------------------------------------------------------


def share_link_create(*, assessment: Assessment, user: User, expires_on: date | None) -> ShareLink:
    if not assessment.is_completed:
        raise ValidationError(_("回答が完了した診断結果だけを共有できます。"))
    if expires_on is not None and expires_on < timezone.localdate():
        raise ValidationError({"expires_on": _("有効期限には今日以降の日付を指定してください。")})
    return ShareLink.objects.create(assessment=assessment, created_by=user, expires_on=expires_on)


def share_link_revoke(*, link: ShareLink) -> None:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at", "updated_at"])


@transaction.atomic
def statistics_rebuild(*, questionnaire: Questionnaire) -> None:
    """Recount every peer aggregate of a questionnaire from the stored results.

    For bulk loads (the benchmark, a data import) and repairs; the live path keeps the
    aggregates current one result at a time.
    """
    completed = Assessment.objects.filter(status=Status.COMPLETED)
    completed.filter(questionnaire=questionnaire, counted_in_statistics=True).update(
        counted_in_statistics=False
    )
    # The latest completed result of each organisation that shares its statistics, when it
    # answered this version: one whose latest result answered another version counts there.
    seen, latest_pks = set(), []
    for pk, organisation_id, questionnaire_id in (
        completed.filter(organisation__isnull=False, organisation__exclude_from_statistics=False)
        .filter(organisation__in=completed.filter(questionnaire=questionnaire).values("organisation_id"))
        .order_by("organisation_id", "-completed_at", "-pk")
        .values_list("pk", "organisation_id", "questionnaire_id")
        .iterator(chunk_size=10000)
    ):
        if organisation_id not in seen:
            seen.add(organisation_id)
            if questionnaire_id == questionnaire.pk:
                latest_pks.append(pk)
    structure = structure_for(questionnaire)
    groups: dict[tuple[str, str], PeerStatistics] = {
        (row.industry, row.size_band): row
        for row in PeerStatistics.objects.filter(questionnaire=questionnaire)
    }
    contributors: dict[tuple[str, str, str], int] = {}
    for row in groups.values():
        row.count = row.accounts = row.sum_scores = row.sum_squares = 0
        row.histogram = {}
        row.item_sums = [0] * len(structure.item_numbers)
    for chunk_start in range(0, len(latest_pks), 5000):
        chunk = latest_pks[chunk_start : chunk_start + 5000]
        batch = list(Assessment.objects.filter(pk__in=chunk).select_related("organisation"))
        for assessment in batch:
            assessment.counted_in_statistics = True
            assessment.stats_industry = assessment.organisation.industry
            assessment.stats_size_band = assessment.organisation.size_band
            assessment.stats_contributor = statistics_contributor(assessment)
            item_points = score(assessment.answers, structure).item_points
            total = assessment.total_score
            industry, size = assessment.stats_industry, assessment.stats_size_band
            for key in _peer_groups_of(industry, size):
                account_key = (*key, assessment.stats_contributor)
                contributors[account_key] = contributors.get(account_key, 0) + 1
                row = groups.get(key)
                if row is None:
                    row = groups[key] = PeerStatistics(
                        questionnaire=questionnaire,
                        industry=key[0],
                        size_band=key[1],
                        histogram={},
                        item_sums=[0] * len(item_points),
                    )
                row.count += 1
                row.accounts += contributors[account_key] == 1
                row.sum_scores += total
                row.sum_squares += total * total
                row.histogram[str(total)] = row.histogram.get(str(total), 0) + 1
                row.item_sums = [a + b for a, b in zip(row.item_sums, item_points, strict=True)]
        Assessment.objects.bulk_update(
            batch, ["counted_in_statistics", "stats_industry", "stats_size_band", "stats_contributor"]
        )
    PeerStatistics.objects.bulk_create([row for row in groups.values() if row.pk is None])
    PeerStatistics.objects.bulk_update(
        [row for row in groups.values() if row.pk is not None],
        ["count", "accounts", "sum_scores", "sum_squares", "histogram", "item_sums"],
    )
    PeerContributor.objects.filter(questionnaire=questionnaire).delete()
    PeerContributor.objects.bulk_create(
        (
            PeerContributor(
                questionnaire=questionnaire, industry=industry, size_band=size, contributor=who, results=n
            )
            for (industry, size, who), n in contributors.items()
        ),
        batch_size=5000,
    )


def report_pdf_keep_in(uuid, *, with_history: bool = True) -> str:
    """Where render_pdf keeps a result's report (`keep_in`, under generated/): one folder per
    result and kind (the members' report has the history; a shared one has not)."""
    return f"diagnosis-reports/{uuid}/{'members' if with_history else 'shared'}"


def report_pdfs_delete(uuid) -> None:
    """A deleted result's kept reports go with it: they hold its organisation and answers."""
    for with_history in (True, False):
        kept_delete(report_pdf_keep_in(uuid, with_history=with_history))
