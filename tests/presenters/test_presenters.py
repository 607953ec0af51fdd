import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from presenters import services
from presenters.forms import MaterialForm
from presenters.models import Kind, Presenter, PresenterEvent, Status, TalkRequest
from tests.factories import UserFactory
from tests.helpers import minimal_pdf, minimal_pptx
from tests.presenters.conftest import apply_form

SECRET_ADDRESS = "東京都千代田区秘密町1-2-3"
PRIVATE_EMAIL = "tanaka-private@example.jp"


def upload_material():
    """A material as a content editor uploads it (the form checks the file's content)."""
    form = MaterialForm(data={"title": "5か条スライド", "audience": "中小企業"}, files={"file": pdf_upload()})
    assert form.is_valid(), form.errors
    material = form.save(commit=False)
    material.filename, material.size, material.content_type = "guide.pdf", 14, form.sniffed_type
    material.save()
    return material


class TestApply:
    def test_apply_as_public_starts_pending(self, client_for, db):
        user = UserFactory()
        response = client_for(user).post(reverse("presenters:apply"), apply_form())
        assert response["Location"] == reverse("presenters:dashboard")
        presenter = Presenter.objects.get(user=user)
        assert (presenter.status, presenter.kind) == (Status.PENDING, Kind.PUBLIC)
        assert sorted(presenter.areas.values_list("prefecture", flat=True)) == ["13", "14"]
        assert presenter.events.get().action == PresenterEvent.Action.APPLIED

    @pytest.mark.parametrize(
        "overrides,field",
        [
            ({"prefectures": ["48"]}, "prefectures"),
            ({"prefectures": None}, "prefectures"),
            ({"charter": None}, "charter"),
            ({"contact_email": "not-an-email"}, "contact_email"),
            ({"name": "長" * 101}, "name"),
        ],
    )
    def test_bad_input_is_explained_and_nothing_saved(self, client_for, db, overrides, field):
        response = client_for(UserFactory()).post(reverse("presenters:apply"), apply_form(**overrides))
        assert response.status_code == 200
        assert field in response.context["form"].errors
        assert not Presenter.objects.exists()

    def test_anonymous_is_asked_to_log_in(self, client, db):
        assert client.get(reverse("presenters:apply"))["Location"].startswith(reverse("account_login"))


class TestVisibility:
    @pytest.mark.parametrize("status", [s for s in Status.values if s != Status.APPROVED])
    def test_only_approved_public_profiles_are_shown(self, client, make_presenter, status):
        presenter = make_presenter(status=status)
        assert client.get(presenter.get_absolute_url()).status_code == 404
        assert presenter.name not in client.get(reverse("presenters:search")).content.decode()

    def test_materials_only_presenters_have_no_public_profile(self, client, make_presenter):
        presenter = make_presenter(kind=Kind.MATERIALS_ONLY)
        assert client.get(presenter.get_absolute_url()).status_code == 404

    @pytest.mark.parametrize("persona", [None, "member", "staff"])
    def test_the_profile_shows_only_published_fields_and_never_the_address(
        self, request, client_for, make_presenter, persona
    ):
        presenter = make_presenter()
        client = client_for(request.getfixturevalue(persona) if persona else None)
        for url in [presenter.get_absolute_url(), reverse("presenters:search") + "?prefecture=13"]:
            body = client.get(url).content.decode()
            assert SECRET_ADDRESS not in body
            assert PRIVATE_EMAIL not in body
            assert "情報処理安全確保支援士" not in body  # qualifications not published
        body = client.get(presenter.get_absolute_url()).content.decode()
        assert "ひかり情報サービス" in body and "講演を依頼する" in body

    def test_a_field_its_owner_hides_leaves_the_cached_search_at_once(
        self, client, make_presenter, django_capture_on_commit_callbacks
    ):
        presenter = make_presenter(show_affiliation=True)
        search = reverse("presenters:search") + "?prefecture=13"
        assert "ひかり情報サービス" in client.get(search).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            presenter.show_affiliation = False
            presenter.save()
        assert "ひかり情報サービス" not in client.get(search).content.decode()

    def test_a_published_email_replaces_the_contact_form(self, client, make_presenter):
        presenter = make_presenter(show_email=True)
        body = client.get(presenter.get_absolute_url()).content.decode()
        assert PRIVATE_EMAIL in body
        assert "講演を依頼する" not in body
        assert SECRET_ADDRESS not in body

    def test_the_presenter_sees_everything_on_the_dashboard(self, client_for, make_presenter):
        presenter = make_presenter()
        body = client_for(presenter.user).get(reverse("presenters:dashboard")).content.decode()
        assert SECRET_ADDRESS in body and PRIVATE_EMAIL in body


class TestSearch:
    def test_by_prefecture_with_nationwide_presenters(self, client, make_presenter):
        tokyo = make_presenter(name="東京 一郎", prefectures=["13"])
        osaka = make_presenter(name="大阪 二郎", prefectures=["27"])
        everywhere = make_presenter(name="全国 三郎", prefectures=[], nationwide=True)
        names = {
            p.name for p in client.get(reverse("presenters:search"), {"prefecture": "27"}).context["page"]
        }
        assert names == {osaka.name, everywhere.name}
        assert tokyo.name not in names

    def test_by_expertise_and_keyword(self, client, make_presenter):
        make_presenter(name="基本 花子", expertise=",basics,")
        cloud = make_presenter(name="雲 太郎", expertise=",cloud,", affiliation="クラウド研究所")
        assert [
            p.name for p in client.get(reverse("presenters:search"), {"expertise": "cloud"}).context["page"]
        ] == [cloud.name]
        assert [
            p.name for p in client.get(reverse("presenters:search"), {"q": "クラウド研究"}).context["page"]
        ] == [cloud.name]

    def test_a_tampered_prefecture_does_not_break_the_page(self, client, make_presenter):
        make_presenter()
        assert client.get(reverse("presenters:search"), {"prefecture": "99"}).status_code == 200

    @pytest.mark.parametrize("count", [20, 2000])
    def test_search_queries_are_constant(self, client, db, count, django_assert_num_queries):
        owners = UserFactory.create_batch(3)
        bulk_presenters(count)
        assert owners
        with django_assert_num_queries(3 if count > 20 else 2):  # page [+ count] + areas
            client.get(reverse("presenters:search"), {"prefecture": "13"})


def bulk_presenters(count):
    from django.utils import timezone

    from portal.models import User
    from presenters.models import Area

    users = User.objects.bulk_create(User(email=f"bulk{n}@example.jp") for n in range(count))
    presenters = Presenter.objects.bulk_create(
        Presenter(
            user=u,
            kind=Kind.PUBLIC,
            status=Status.APPROVED,
            name=f"講師{n}",
            name_kana=f"こうし{n}",
            contact_email="x@example.jp",
            postal_address="秘密",
            charter_agreed_at=timezone.now(),
            nationwide=n % 10 == 0,
        )
        for n, u in enumerate(users)
    )
    Area.objects.bulk_create(
        Area(presenter=p, prefecture="13" if n % 2 else "27") for n, p in enumerate(presenters)
    )


class TestTalkRequests:
    DATA = {
        "organisation_name": "○○商工会",
        "requester_name": "山本",
        "requester_email": "yamamoto@example.jp",
        "date_wish": "12月の平日午後",
        "place": "○○市民会館",
        "audience": "会員企業 30名",
        "topic": "ランサムウェア対策",
    }

    def test_sent_by_mail_recorded_and_the_address_kept_private(
        self, client, make_presenter, django_capture_on_commit_callbacks
    ):
        presenter = make_presenter()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("presenters:contact", args=[presenter.pk]), self.DATA, follow=True)
        assert "講演の依頼を送りました" in response.content.decode()
        assert PRIVATE_EMAIL not in response.content.decode()
        assert mail.outbox[0].to == [PRIVATE_EMAIL]
        assert "○○商工会" in mail.outbox[0].body
        assert TalkRequest.objects.get().presenter == presenter

    def test_a_flood_is_throttled(self, client, make_presenter, settings):
        presenter = make_presenter()
        codes = [
            client.post(reverse("presenters:contact", args=[presenter.pk]), self.DATA).status_code
            for _ in range(settings.PRESENTER_TALK_REQUESTS_PER_HOUR + 2)
        ]
        assert codes.count(302) == settings.PRESENTER_TALK_REQUESTS_PER_HOUR
        assert codes[-1] == 429
        assert TalkRequest.objects.count() == settings.PRESENTER_TALK_REQUESTS_PER_HOUR

    def test_invalid_requests_keep_what_was_typed(self, client, make_presenter):
        presenter = make_presenter()
        response = client.post(
            reverse("presenters:contact", args=[presenter.pk]), {**self.DATA, "requester_email": "x"}
        )
        assert response.status_code == 400
        assert "○○商工会" in response.content.decode()
        assert not TalkRequest.objects.exists()


def pdf_upload(name="guide.pdf", content=None):
    """A real PDF: materials are checked with a PDF parser (tests/security/test_uploads.py)."""
    return SimpleUploadedFile(name, content or minimal_pdf(), content_type="application/pdf")


def pptx_bytes() -> bytes:
    return minimal_pptx()


class TestMaterials:
    @pytest.fixture
    def material(self, db):
        return upload_material()

    @pytest.mark.parametrize(
        "upload,ok",
        [
            (lambda: pdf_upload(), True),
            (lambda: SimpleUploadedFile("deck.pptx", pptx_bytes()), True),
            (lambda: SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" + b"\x00" * 100), False),
            (lambda: SimpleUploadedFile("fake.pptx", b"PK\x03\x04not-a-zip"), False),
        ],
    )
    def test_uploads_are_checked_by_content(self, db, upload, ok):
        form = MaterialForm(data={"title": "t", "audience": "a"}, files={"file": upload()})
        assert form.is_valid() is ok
        if not ok:
            assert "PDF または PowerPoint" in form.errors["file"][0]

    def test_oversize_uploads_are_refused(self, db, settings):
        settings.PRESENTER_MATERIAL_MAX_BYTES = 10
        form = MaterialForm(data={"title": "t", "audience": "a"}, files={"file": pdf_upload()})
        assert not form.is_valid()
        assert "大きすぎます" in form.errors["file"][0]

    @pytest.mark.parametrize(
        "who,expected",
        [("anonymous", 302), ("outsider", 403), ("pending", 403), ("public", 200), ("materials_only", 200)],
    )
    def test_downloads_are_gated(self, client_for, make_presenter, material, outsider, who, expected):
        user = None
        if who == "outsider":
            user = outsider
        elif who == "pending":
            user = make_presenter(status=Status.PENDING).user
        elif who == "public":
            user = make_presenter().user
        elif who == "materials_only":
            user = make_presenter(kind=Kind.MATERIALS_ONLY).user
        client = client_for(user)
        response = client.get(reverse("presenters:material_download", args=[material.pk]))
        assert response.status_code == expected
        assert client.get(reverse("presenters:materials")).status_code == expected
        material.refresh_from_db()
        assert material.downloads == (1 if expected == 200 else 0)
        if expected == 200:
            assert b"".join(response.streaming_content).startswith(b"%PDF-")

    def test_materials_go_through_the_storage_api_so_object_storage_works(
        self, settings, client_for, make_presenter
    ):
        from django.core.files.storage import default_storage

        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        }
        form = MaterialForm(
            data={"title": "5か条スライド", "audience": "中小企業"}, files={"file": pdf_upload()}
        )
        assert form.is_valid(), form.errors
        material = form.save(commit=False)
        material.filename, material.size, material.content_type = "guide.pdf", 14, form.sniffed_type
        material.save()
        assert default_storage.exists(material.file.name)  # in memory, nothing on the disk
        response = client_for(make_presenter().user).get(
            reverse("presenters:material_download", args=[material.pk])
        )
        assert b"".join(response.streaming_content).startswith(b"%PDF-")

    def test_no_public_url_serves_the_files(self, client, material):
        assert client.get("/media/" + material.file.name).status_code == 404


class TestDashboardAndReview:
    def test_changing_published_fields_flags_the_profile(self, client_for, make_presenter):
        presenter = make_presenter()
        form = apply_form(bio="新しい自己紹介です。")
        form.pop("kind"), form.pop("charter")
        client_for(presenter.user).post(reverse("presenters:dashboard"), form)
        presenter.refresh_from_db()
        assert presenter.changes_to_review
        assert presenter.events.last().action == PresenterEvent.Action.CHANGED
        assert presenter.is_public  # stays public while staff look

    def test_refusals_need_a_reason_approvals_do_not_and_all_write_events(
        self, client_for, make_presenter, presenter_reviewer, django_capture_on_commit_callbacks
    ):
        presenter = make_presenter(status=Status.PENDING)
        client = client_for(presenter_reviewer)
        client.post(reverse("review:presenter_act", args=[presenter.pk, "reject"]), {"reason": " "})
        presenter.refresh_from_db()
        assert presenter.status == Status.PENDING
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("review:presenter_act", args=[presenter.pk, "approve"]), {"reason": ""})
        presenter.refresh_from_db()
        assert presenter.status == Status.APPROVED
        assert mail.outbox[-1].to == [PRIVATE_EMAIL]
        event = presenter.events.last()
        assert (event.action, event.from_status, event.to_status, event.actor) == (
            "approved",
            "pending",
            "approved",
            presenter_reviewer,
        )
        client.post(reverse("review:presenter_act", args=[presenter.pk, "suspend"]), {"reason": "苦情のため"})
        presenter.refresh_from_db()
        assert presenter.status == Status.SUSPENDED

    def test_forbidden_transitions_change_nothing(self, make_presenter, presenter_reviewer):
        from django.core.exceptions import ValidationError

        presenter = make_presenter(status=Status.REJECTED)
        with pytest.raises(ValidationError):
            services.presenter_review(
                presenter=presenter, reviewer=presenter_reviewer, action="suspend", reason="x"
            )
        presenter.refresh_from_db()
        assert presenter.status == Status.REJECTED

    @pytest.mark.parametrize("persona,expected", [("presenter_reviewer", 200), ("member", 403), (None, 302)])
    def test_console_access(self, request, client_for, persona, expected):
        client = client_for(request.getfixturevalue(persona) if persona else None)
        assert client.get(reverse("review:presenters")).status_code == expected

    def test_switch_kind_and_withdraw(self, client_for, make_presenter):
        presenter = make_presenter()
        client = client_for(presenter.user)
        client.post(reverse("presenters:switch_kind"))
        presenter.refresh_from_db()
        assert presenter.kind == Kind.MATERIALS_ONLY
        client.post(reverse("presenters:withdraw"))
        presenter.refresh_from_db()
        assert presenter.status == Status.WITHDRAWN

    def test_activity_reports_show_on_the_profile_and_in_staff_totals(
        self, client_for, make_presenter, presenter_reviewer
    ):
        presenter = make_presenter()
        client_for(presenter.user).post(
            reverse("presenters:report_add"),
            {
                "held_on": "2026-10-01",
                "prefecture": "13",
                "audience_type": "chamber",
                "audience_size": "40",
                "topics": "5か条",
            },
        )
        assert "5か条" in client_for(None).get(presenter.get_absolute_url()).content.decode()
        body = client_for(presenter_reviewer).get(reverse("review:presenter_activity")).content.decode()
        assert "東京都" in body and ">40<" in body


@pytest.mark.parametrize("reports", [1, 15])
def test_profile_page_is_constant(client, make_presenter, reports, django_assert_num_queries):
    from presenters.models import ActivityReport

    presenter = make_presenter()
    ActivityReport.objects.bulk_create(
        ActivityReport(
            presenter=presenter,
            held_on="2026-01-01",
            prefecture="13",
            audience_type="sme",
            audience_size=10,
            topics="基本",
        )
        for _ in range(reports)
    )
    with django_assert_num_queries(3):  # presenter + areas + reports
        client.get(presenter.get_absolute_url())
