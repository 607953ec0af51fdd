"""Presenters' rough edges (issue 16): the requester's copy, what the reviewer sees will be
public, and a search page whose first results show on a phone."""

from django.core import mail
from django.urls import reverse

from presenters import selectors
from presenters.models import Status
from tests.helpers import in_language

PRIVATE_EMAIL = "tanaka-private@example.jp"
REQUEST = {
    "organisation_name": "○○商工会",
    "requester_name": "山本",
    "requester_email": "yamamoto@example.jp",
    "date_wish": "12月の平日午後",
    "place": "○○市民会館",
    "audience": "会員企業 30名",
    "topic": "ランサムウェア対策",
    "message": "よろしくお願いします。",
}


class TestTheRequestersCopy:
    def test_the_requester_gets_a_copy_without_the_presenters_address(
        self, client, make_presenter, django_capture_on_commit_callbacks
    ):
        presenter = make_presenter()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("presenters:contact", args=[presenter.pk]), REQUEST)
        assert [m.to for m in mail.outbox] == [[PRIVATE_EMAIL], ["yamamoto@example.jp"]]
        copy = mail.outbox[1]
        assert "控え" in copy.subject and presenter.name in copy.subject
        for typed in REQUEST.values():
            assert typed in copy.body
        assert PRIVATE_EMAIL not in copy.body and PRIVATE_EMAIL not in copy.alternatives[0][0]
        assert presenter.get_absolute_url() in copy.body

    def test_the_copy_is_in_the_language_the_request_was_written_in(
        self, client, make_presenter, django_capture_on_commit_callbacks
    ):
        presenter = make_presenter()
        with django_capture_on_commit_callbacks(execute=True):
            in_language(client, "en").post(reverse("presenters:contact", args=[presenter.pk]), REQUEST)
        copy = mail.outbox[1]
        assert "Requested by: ○○商工会" in copy.body and "依頼元" not in copy.body

    def test_a_refused_request_sends_no_copy(
        self, client, make_presenter, django_capture_on_commit_callbacks
    ):
        presenter = make_presenter()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("presenters:contact", args=[presenter.pk]), {**REQUEST, "requester_email": "x"}
            )
        assert mail.outbox == []


class TestWhatWillBePublic:
    def public(self, presenter) -> dict[str, bool]:
        return {field.label: field.public for field in selectors.public_fields(presenter)}

    def test_the_presenters_choices_decide_each_field(self, make_presenter):
        presenter = make_presenter(status=Status.PENDING)
        public = self.public(presenter)
        assert public["氏名"] and public["ふりがな"] and public["所属"] and public["活動地域"]
        assert not public["資格"]  # show_qualifications is off
        assert not public["連絡先メールアドレス"] and not public["住所"]

    def test_a_materials_only_registration_shows_nothing(self, make_presenter):
        presenter = make_presenter(status=Status.PENDING, kind="materials")
        assert not any(self.public(presenter).values())

    def test_pending_changes_are_what_goes_public(self, make_presenter):
        presenter = make_presenter()
        presenter.pending_changes = {"affiliation": "新しい所属"}
        fields = {field.label: field.value for field in selectors.public_fields(presenter)}
        assert fields["所属"] == "新しい所属"

    def test_the_reviewer_sees_them_on_the_case_page(
        self, client_for, make_presenter, presenter_reviewer, django_assert_max_num_queries
    ):
        presenter = make_presenter(status=Status.PENDING)
        client = client_for(presenter_reviewer)
        client.get(reverse("review:presenter", args=[presenter.pk]))  # warm the session
        with django_assert_max_num_queries(12):
            page = client.get(reverse("review:presenter", args=[presenter.pk])).content.decode()
        section = page[page.index('data-testid="public-fields"') :]
        section = section[: section.index("</section>")]
        assert "公開" in section and "非公開" in section
        assert "東京都千代田区秘密町1-2-3" in section  # the address, marked 非公開


class TestTheSearchOnAPhone:
    def test_the_conditions_fold_behind_a_summary_that_says_when_they_filter(self, client, make_presenter):
        make_presenter()
        html = client.get(reverse("presenters:search")).content.decode()
        assert '<details class="presenter-filters page-card" open data-fold-on-small>' in html
        assert "presenters/search" in html and "絞り込み中" not in html
        filtered = client.get(reverse("presenters:search"), {"prefecture": "13"}).content.decode()
        assert "絞り込み中" in filtered

    def test_results_come_before_the_register_button_on_a_phone(self, client, make_presenter):
        presenter = make_presenter()
        html = client.get(reverse("presenters:search")).content.decode()
        phone_button = html.index('<p class="d-sm-none mt-3">')
        assert html.index(presenter.get_absolute_url()) < phone_button
