"""Each signed-in person's own pages, kept (portal/lib/kept_pages.py): served without rendering
again, never to anyone else, rendered afresh when a session holds more than who they are, and
retired the moment anything they show changes, whoever changed it."""

import re

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from declaration import services as declaration_services
from declaration.models import IdCounter, ReconfirmationReminder
from diagnosis import services as diagnosis_services
from diagnosis import visitors
from diagnosis.models import PeerContributor, PeerStatistics, PendingRecount
from learning.models import Attempt, Choice
from portal import services as portal_services
from portal.lib import fragments
from portal.lib.content_loading import LoadedContent
from portal.lib.kept_pages import followed_models
from portal.models import AuditEntry, CorporateImport, CorporateRecord, Membership, OutboxMessage, Role
from presenters import services as presenter_services
from presenters.models import Material
from tests.factories import PASSWORD
from tests.helpers import called, presenter_for, record_cache_calls, theme_passed

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')
PAGES = ["/my/", "/diagnosis/take/", "/diagnosis/history/", "/declaration/mine/", "/learning/", "/learning/progress/"]


def visit(client, path) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), len(queries.captured_queries)


@pytest.fixture
def signed_in(client, admin, themes, questionnaire):
    client.force_login(admin)
    return client


@pytest.mark.parametrize("path", PAGES)
def test_the_second_visit_is_served_kept(signed_in, complete, organisation, admin, path):
    complete(organisation, user=admin)
    first, rendering = visit(signed_in, path)
    again, queries = visit(signed_in, path)
    # The session and the user are all that is read; the page is not rendered again.
    assert queries <= 2 < rendering
    assert TOKEN.sub("", again) == TOKEN.sub("", first)
    assert "__csrf_token__" not in again


@pytest.fixture
def organisations_not_read_again(monkeypatch):
    """Fails the test if anything looks up a person's organisations in their own cache entry."""

    def not_read(user_ids):
        raise AssertionError("the requester's organisations were read again")

    return lambda: monkeypatch.setattr(fragments, "organisations_of", not_read)


def test_a_kept_page_is_keyed_by_the_organisations_of_the_account_the_request_holds(
    signed_in, organisation, organisations_not_read_again
):
    """The account the request holds names the person's organisations: no second cache of them."""
    visit(signed_in, "/my/")
    organisations_not_read_again()
    visit(signed_in, "/my/")


def test_a_quiz_retires_the_teams_of_the_organisations_the_requests_account_holds(
    signed_in, admin, organisation, theme1, organisations_not_read_again, django_capture_on_commit_callbacks
):
    """A learner's quiz moves their teams' pages, and takes the teams from the account the
    request holds, as their own kept pages do: no second cache of them is read."""
    from tests.learning.conftest import wrong_answers

    quiz = reverse("learning:quiz", args=[1])
    signed_in.post(quiz, wrong_answers(theme1))  # the first attempt makes the progress row
    team = fragments.organisation_generation_name(organisation.pk)
    before = fragments.generation(team)
    organisations_not_read_again()
    with django_capture_on_commit_callbacks(execute=True):
        assert signed_in.post(quiz, wrong_answers(theme1)).status_code == 302
    assert fragments.generation(team) != before


def test_a_person_who_signed_in_through_the_form_is_served_kept_pages(client, admin, themes, questionnaire):
    """Signing in leaves allauth's records of how, and whose they are, in the session: who the
    person is, not something of the session's own, so their pages are still kept."""
    response = client.post(reverse("account_login"), {"login": admin.email, "password": PASSWORD})
    assert response.status_code == 302
    client.get("/my/")  # shows, and so spends, the "signed in" message
    first, rendering = visit(client, "/my/")
    again, queries = visit(client, "/my/")
    assert queries <= 2 < rendering
    assert TOKEN.sub("", again) == TOKEN.sub("", first)


def test_the_result_page_is_kept_too(signed_in, complete, organisation, admin):
    result = complete(organisation, user=admin).get_absolute_url()
    first, rendering = visit(signed_in, result)
    again, queries = visit(signed_in, result)
    assert queries <= 2 < rendering
    assert TOKEN.sub("", again) == TOKEN.sub("", first)


def test_each_visit_carries_its_own_working_token(admin, organisation, themes):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(admin)
    second.force_login(admin)  # the same person in another browser
    token_one = TOKEN.search(first.get("/my/").content.decode()).group(1)
    token_two = TOKEN.search(second.get("/my/").content.decode()).group(1)
    assert token_one != token_two
    response = second.post("/accounts/logout/", {"csrfmiddlewaretoken": token_two})
    assert response.status_code == 302


def test_a_session_holding_more_than_the_person_is_rendered(signed_in, complete):
    signed_in.get("/my/")
    anonymous_result = complete()
    session = signed_in.session
    session[visitors.SESSION_RESULTS] = [str(anonymous_result.uuid)]
    session.save()
    _page, queries = visit(signed_in, "/my/")
    assert queries > 2


def test_staff_pages_are_always_rendered(client, reviewer):
    client.force_login(reviewer)
    client.get("/healthz")
    client.get("/my/")
    _page, queries = visit(client, "/my/")
    assert queries > 2


def test_a_waiting_message_is_shown(signed_in, organisation):
    signed_in.get("/diagnosis/take/")
    response = signed_in.post("/diagnosis/take/", {"action": "draft", "q1": "yes", "questionnaire": "2026.1"})
    assert response.status_code == 302
    assert "一時保存しました" in signed_in.get("/diagnosis/take/").content.decode()


class TestRetiredOnWrites:
    """Each write below is made by someone else, or by a service, not by a request of the person
    whose page is kept, and runs its commit callbacks as a real commit would."""

    def test_a_new_result(self, signed_in, complete, organisation, member, django_capture_on_commit_callbacks):
        assert "合計" not in signed_in.get("/diagnosis/history/").content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            complete(organisation, user=member)  # a colleague answers
        assert "合計" in signed_in.get("/diagnosis/history/").content.decode()

    def test_the_declaration_and_its_review(
        self, signed_in, organisation, declare, reviewer, django_capture_on_commit_callbacks
    ):
        assert "確認のため" not in signed_in.get("/declaration/mine/").content.decode()  # kept, empty
        with django_capture_on_commit_callbacks(execute=True):
            declaration = declare(organisation)
        page = signed_in.get("/declaration/mine/").content.decode()
        assert declaration.declaration_id in page
        with django_capture_on_commit_callbacks(execute=True):
            declaration_services.declaration_suspend(declaration=declaration, reviewer=reviewer, reason="確認のため")
        assert "確認のため" in signed_in.get("/declaration/mine/").content.decode()

    def test_updates_that_send_no_signal_retire_pages_themselves(
        self, organisation, admin, declare, complete
    ):
        def generation():
            return fragments.generations(fragments.person_generation_names(admin.pk))

        declare(organisation)
        before = generation()
        declaration_services.contacts_forget(email="soumu@sakura.example.jp")
        assert generation() != before
        before = generation()
        diagnosis_services.assessments_adopt(uuids=[str(complete().uuid)], user=admin)
        assert generation() != before

    def test_the_policy(self, signed_in, organisation, admin, django_capture_on_commit_callbacks):
        signed_in.get("/my/")
        before = signed_in.get("/my/").content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            version = declaration_services.policy_save(
                organisation=organisation,
                user=admin,
                title="情報セキュリティ基本方針",
                preamble="前文",
                sections=[{"heading": "目的", "body": "守ります。"}],
                closing="以上",
            )
            declaration_services.policy_publish(policy=version.policy, publish=True)
        assert signed_in.get("/my/").content.decode() != before

    def test_the_organisation_renamed(self, signed_in, organisation, django_capture_on_commit_callbacks):
        signed_in.get("/my/")
        with django_capture_on_commit_callbacks(execute=True):
            portal_services.organisation_update(organisation=organisation, name="株式会社さくら精機ホールディングス")
        assert "株式会社さくら精機ホールディングス" in signed_in.get("/my/").content.decode()

    def test_a_teammates_learning(self, signed_in, member, theme1, django_capture_on_commit_callbacks):
        before = signed_in.get("/my/").content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            theme_passed(member, theme1)
        assert signed_in.get("/my/").content.decode() != before

    def test_removal_from_the_organisation(self, client, member, organisation, admin, django_capture_on_commit_callbacks):
        client.force_login(member)
        assert "株式会社さくら精機" in client.get("/my/").content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            portal_services.membership_remove(membership=Membership.objects.get(user=member), actor=admin)
        assert "株式会社さくら精機" not in client.get("/my/").content.decode()

    def test_a_talk_request_to_a_presenter(self, client, db, themes, django_capture_on_commit_callbacks):
        presenter = presenter_for()
        client.force_login(presenter.user)
        before = client.get("/my/").content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            presenter_services.talk_request_send(
                presenter=presenter,
                organisation_name="山田商店",
                requester_name="山田 太郎",
                requester_email="yamada@example.jp",
                date_wish="来月の平日午後",
                place="本社会議室",
                audience="社員 20 名",
                topic="標的型メールへの備え",
            )
        assert client.get("/my/").content.decode() != before

    def test_a_role_change(self, client, member, organisation, admin, django_capture_on_commit_callbacks):
        client.force_login(member)
        before = client.get("/my/").content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            portal_services.membership_change_role(
                membership=Membership.objects.get(user=member), role=Role.ADMIN, actor=admin
            )
        assert client.get("/my/").content.decode() != before


# Rows that no kept page shows, each with why; every other model of ours must be followed.
NOT_ON_ANY_KEPT_PAGE = {
    AuditEntry: "the audit log is the console's, and staff pages are never kept",
    OutboxMessage: "mail waiting to go",
    IdCounter: "the next declaration ID",
    ReconfirmationReminder: "which reminders went out: pages show their review events, which are followed",
    PeerStatistics: "peer figures: the result page is kept no longer than its report (5 minutes)",
    PeerContributor: "the same",
    PendingRecount: "which organisations the worker has yet to count in the peer figures",
    Choice: "quiz content, written only by load_content, which retires the content generation",
    Attempt: "quiz attempts: their feedback pages and the next draw read them, neither kept; the "
    "progress row saved with each (followed) is what kept pages show",
    Material: "the presenters' downloads page, which is not kept",
    CorporateRecord: "the 法人番号 register: read by the organisation form's JSON look-up only, never kept",
    CorporateImport: "bookkeeping of the register's imports, shown in the admin only",
}


def test_every_model_a_kept_page_may_show_retires_it():
    ours = [
        model
        for name in ("portal", "diagnosis", "declaration", "learning", "presenters", "console")
        for model in apps.get_app_config(name).get_models()
    ]
    unaccounted = [
        model.__name__
        for model in ours
        if model not in followed_models()
        and model not in NOT_ON_ANY_KEPT_PAGE
        and not issubclass(model, LoadedContent)
    ]
    assert unaccounted == []


def test_generations_never_repeat_when_the_shared_cache_forgets_them(db):
    first = fragments.generation("registry")
    cache.clear()  # a restarted Redis
    assert fragments.generation("registry") != first
    assert fragments.generation("registry") == fragments.generation("registry")


def test_a_persons_generation_expires_instead_of_piling_up(db, admin):
    fragments.generation(fragments.person_generation_name(admin.pk))
    key = f"generation:{fragments.person_generation_name(admin.pk)}"
    assert cache._expire_info[cache.make_key(key)] is not None  # locmem's expiry of the key



def test_a_write_moves_the_generation_again_when_it_commits(db, admin, django_capture_on_commit_callbacks):
    """At once, so that the writer's own transaction reads its change; again after the commit,
    so that a page another request rendered from the old rows meanwhile (and kept under the
    generation of that moment) is never served."""
    name = fragments.person_generation_name(admin.pk)
    before = fragments.generation(name)
    with django_capture_on_commit_callbacks(execute=True):
        fragments.retire_people([admin.pk])
        during = fragments.generation(name)
    assert before != during != fragments.generation(name)


def test_a_write_that_its_transaction_does_not_read_again_moves_the_generation_once(
    db, admin, monkeypatch, django_capture_on_commit_callbacks
):
    """A form writes and redirects: the shared cache is written once, after the commit, and
    until then every other request keeps serving the committed rows' pages."""
    name = fragments.person_generation_name(admin.pk)
    before = fragments.generation(name)
    calls = record_cache_calls(monkeypatch)  # a generation move is one `set_many`
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        fragments.retire_people([admin.pk])
        assert called(calls, "set_many") == []
        assert cache.get(fragments.generation_key(name)) == before  # as another request reads it
    assert len(callbacks) == 1
    assert called(calls, "set_many") == [{fragments.generation_key(name)}]
    assert fragments.generation(name) != before


def test_a_retire_that_is_rolled_back_moves_nothing(transactional_db, admin):
    name = fragments.person_generation_name(admin.pk)
    before = fragments.generation(name)

    def retire_and_fail():
        with transaction.atomic():
            fragments.retire_people([admin.pk])
            raise RuntimeError

    with pytest.raises(RuntimeError):
        retire_and_fail()
    assert fragments.generation(name) == before
    assert not connection.unmoved_generations  # what the rollback left is dropped by that read
    fragments.retire_people([admin.pk])  # outside a transaction: at once
    assert fragments.generation(name) != before


def test_an_account_read_by_the_writers_transaction_is_read_afresh(db, admin, django_capture_on_commit_callbacks):
    """The account and the organisations' list read their generation without `generations`:
    a transaction that changed the account and reads it again sees its change."""
    from portal.lib.accounts import kept_user

    assert kept_user(admin.pk).full_name == admin.full_name  # kept
    with django_capture_on_commit_callbacks(execute=True):
        admin.full_name = "山田 花子"
        admin.save()
        assert kept_user(admin.pk).full_name == "山田 花子"


def test_bookkeeping_that_no_page_shows_retires_nothing(db, admin, organisation, complete):
    result = complete(organisation, user=admin)
    names = fragments.person_generation_names(admin.pk)
    before = fragments.generations(names)
    result.counted_in_statistics = not result.counted_in_statistics
    result.save(update_fields=["counted_in_statistics"])
    assert fragments.generations(names) == before
    result.save(update_fields=["answers"])
    assert fragments.generations(names) != before




def generation_keys(person, organisation) -> set[str]:
    """The cache keys of a person's own generation and of their organisation's."""
    return {
        fragments.generation_key(fragments.person_generation_name(person.pk)),
        fragments.generation_key(fragments.organisation_generation_name(organisation.pk)),
    }


class TestOrganisationGenerations:
    """An organisation's write retires its members' pages through one key of its own: no
    member is read from the database, and each person's pages are kept under the generations
    of every organisation they belong to, the current one or not."""

    def test_a_write_in_an_organisation_reads_no_member(self, db, organisation, admin, member):
        names = [fragments.person_generation_names(person.pk) for person in (admin, member)]
        before = [fragments.generations(n) for n in names]
        with CaptureQueriesContext(connection) as queries:
            fragments.retire_organisations([organisation.pk])
        assert queries.captured_queries == []
        assert all(fragments.generations(n) != b for n, b in zip(names, before, strict=True))

    def test_pages_follow_an_organisation_that_is_not_the_current_one(
        self, signed_in, admin, organisation, django_capture_on_commit_callbacks
    ):
        portal_services.organisation_create(  # now the current one
            user=admin, name="株式会社もみじ商会", prefecture="13", industry="E", size_band="1-5"
        )
        assert "株式会社さくら精機" in signed_in.get("/my/").content.decode()  # in the header's switcher
        with django_capture_on_commit_callbacks(execute=True):
            organisation.name = "株式会社さくら精機ホールディングス"
            organisation.save()
        assert "株式会社さくら精機ホールディングス" in signed_in.get("/my/").content.decode()

    def test_joining_an_organisation_is_seen_at_once(self, db, admin, organisation, django_capture_on_commit_callbacks):
        before = fragments.person_generation_names(admin.pk)
        with django_capture_on_commit_callbacks(execute=True):
            other = portal_services.organisation_create(
                user=admin, name="株式会社もみじ商会", prefecture="13", industry="E", size_band="1-5"
            )
        after = fragments.person_generation_names(admin.pk)
        assert fragments.organisation_generation_name(other.pk) in after
        assert set(after) - set(before) == {fragments.organisation_generation_name(other.pk)}

    def test_memberships_a_reader_read_during_a_change_are_not_used_after_it(
        self, db, admin, organisation, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            other = portal_services.organisation_create(
                user=admin, name="株式会社もみじ商会", prefecture="13", industry="E", size_band="1-5"
            )
            # Another request, while the joining is not yet committed, reads the old memberships
            # (only the first organisation) and keeps them under the generation of that moment.
            seen = fragments.generation(fragments.account_generation_name(admin.pk))
            cache.set(fragments._organisations_key(admin.pk), (seen, [organisation.pk]))
            assert fragments.organisations_of([admin.pk])[admin.pk] == [organisation.pk]
        assert fragments.organisations_of([admin.pk])[admin.pk] == sorted([organisation.pk, other.pk])

    def test_memberships_kept_late_by_a_slow_reader_are_not_used(
        self, db, admin, organisation, django_capture_on_commit_callbacks
    ):
        """The reader read the generation and the old memberships before the commit, and only
        keeps them after it: the list names a generation that has moved, so it is read again."""
        with django_capture_on_commit_callbacks(execute=True):
            other = portal_services.organisation_create(
                user=admin, name="株式会社もみじ商会", prefecture="13", industry="E", size_band="1-5"
            )
            seen = fragments.generation(fragments.account_generation_name(admin.pk))
        cache.set(fragments._organisations_key(admin.pk), (seen, [organisation.pk]))
        assert fragments.organisations_of([admin.pk])[admin.pk] == sorted([organisation.pk, other.pk])

    def test_a_quiz_moves_the_learner_and_their_teams_in_one_round_trip(
        self, member, organisation, theme1, monkeypatch, django_capture_on_commit_callbacks
    ):
        """An attempt and its progress row move the same pages: one write to the cache, after
        the commit, not one per row (nor one before the commit that nothing reads)."""
        from learning import services as learning_services
        from learning.selectors import quiz_questions

        questions = quiz_questions(theme1)[:3]
        wrong = {q.pk: next(c.pk for c in q.choices.all() if not c.is_correct) for q in questions}

        def attempt():
            learning_services.attempt_record(
                user=member, theme=theme1, graded=learning_services.quiz_grade(questions=questions, answers=wrong)
            )

        attempt()  # the first makes the progress row; the next ones, measured, update it
        calls = record_cache_calls(monkeypatch)  # a generation move is one `set_many`
        with django_capture_on_commit_callbacks(execute=True):
            attempt()
        moved = generation_keys(member, organisation)
        assert [keys for keys in called(calls, "set_many") if keys & moved] == [moved]

    def test_a_persons_own_writes_do_not_make_their_organisations_be_read_again(
        self, db, admin, organisation, django_capture_on_commit_callbacks
    ):
        """A quiz or a result moves the person's pages, not their list of organisations: the
        next write that retires their teams finds it kept, and reads no membership."""
        assert fragments.organisations_of([admin.pk])[admin.pk] == [organisation.pk]
        pages = fragments.generation(fragments.person_generation_name(admin.pk))
        with django_capture_on_commit_callbacks(execute=True):
            fragments.retire_people([admin.pk])
        assert fragments.generation(fragments.person_generation_name(admin.pk)) != pages
        with CaptureQueriesContext(connection) as queries:
            assert fragments.teams_names([admin.pk]) == {
                fragments.person_generation_name(admin.pk),
                fragments.organisation_generation_name(organisation.pk),
            }
        assert queries.captured_queries == []

    def test_leaving_an_organisation_is_seen_at_once(
        self, db, admin, member, organisation, django_capture_on_commit_callbacks
    ):
        assert fragments.organisations_of([member.pk])[member.pk] == [organisation.pk]
        with django_capture_on_commit_callbacks(execute=True):
            portal_services.membership_remove(
                membership=Membership.objects.get(user=member, organisation=organisation), actor=admin
            )
        assert fragments.organisations_of([member.pk])[member.pk] == []
        assert fragments.person_generation_names(member.pk) == (fragments.person_generation_name(member.pk),)

    def test_a_result_moves_its_author_and_its_organisation_in_one_round_trip(
        self, admin, organisation, complete, monkeypatch, django_capture_on_commit_callbacks
    ):
        """A submitted result retires its author's pages and the organisation's: both keys in
        one write to the cache, and once more after the commit, not one write per key."""
        calls = record_cache_calls(monkeypatch)  # a generation move is one `set_many`
        with django_capture_on_commit_callbacks(execute=True):
            complete(organisation, user=admin)
        moved = generation_keys(admin, organisation)
        assert [keys for keys in called(calls, "set_many") if keys & moved] == [moved]
