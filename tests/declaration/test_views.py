import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from declaration import services
from declaration.models import Declaration, Stars, Status
from declaration.selectors import registry_search
from tests.declaration.conftest import apply_data
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

APPLY = "/declaration/apply/"


class TestApply:
    def test_confirmation_step_then_id_at_once(self, client_for, organisation, admin):
        client = client_for(admin)
        confirm = client.post(APPLY, apply_data(step="confirm"))
        assert confirm.status_code == 200
        body = confirm.content.decode()
        assert "申込み内容の確認" in body
        assert 'name="pledge_3" value="on"' in body
        assert not Declaration.objects.exists()
        response = client.post(APPLY, apply_data(step="submit"))
        declaration = Declaration.objects.get()
        assert response["Location"] == reverse("declaration:mine")
        assert declaration.status == Status.ACTIVE
        mine = client.get(reverse("declaration:mine")).content.decode()
        assert f'data-testid="declaration-id">{declaration.declaration_id}<' in mine

    def test_a_missing_pledge_is_explained_and_the_rest_kept(self, client_for, organisation, admin):
        response = client_for(admin).post(APPLY, apply_data(step="confirm", pledge_4=None))
        assert response.status_code == 200
        assert "5か条のすべてに取り組む" in response.content.decode()
        assert 'value="総務部"' in response.content.decode()
        assert not Declaration.objects.exists()

    def test_a_tampered_stars_value_is_refused(self, client_for, organisation, admin):
        response = client_for(admin).post(APPLY, apply_data(step="submit", stars="3"))
        assert "stars" in response.context["form"].errors
        assert not Declaration.objects.exists()

    def test_two_stars_without_diagnosis_is_explained(self, client_for, organisation, admin):
        response = client_for(admin).post(
            APPLY,
            apply_data(2, step="submit", policy_source="url", policy_url="https://sakura.example.jp/policy"),
        )
        assert "12か月以内の自社診断" in response.content.decode()
        assert not Declaration.objects.exists()

    def test_the_form_says_which_evidence_counts_and_flags_an_old_diagnosis(
        self, client_for, organisation, admin, complete
    ):
        assessment = complete(organisation)
        body = client_for(admin).get(APPLY).content.decode()
        assert (
            "このポータルのセキュリティ健康診断に、この組織として過去12か月の間に最後まで回答していること"
            in body
        )
        assert "自社診断：" in body and "根拠に使えません" not in body
        assessment.completed_at -= timedelta(days=366)
        assessment.save(update_fields=["completed_at"])
        body = client_for(admin).get(APPLY).content.decode()
        assert "根拠に使えません" in body and "自社診断：" not in body

    def test_a_plain_http_policy_url_is_refused(self, client_for, organisation, admin, complete):
        complete(organisation)
        response = client_for(admin).post(
            APPLY,
            apply_data(2, step="submit", policy_source="url", policy_url="http://sakura.example.jp/policy"),
        )
        assert "https://" in response.context["form"].errors["policy_url"][0]
        assert not Declaration.objects.exists()

    def test_members_cannot_declare(self, client_for, organisation, member):
        assert client_for(member).post(APPLY, apply_data(step="submit")).status_code == 403
        assert not Declaration.objects.exists()

    def test_without_organisation_the_way_to_create_one_is_shown(self, client_for, outsider, db):
        from tests.factories import UserFactory

        body = client_for(UserFactory()).get(APPLY).content.decode()
        assert "まず組織を登録してください" in body

    def test_an_existing_declaration_leads_to_mine(self, client_for, organisation, admin, declare):
        declare(organisation)
        assert client_for(admin).get(APPLY)["Location"] == reverse("declaration:mine")


class TestMine:
    def test_members_see_it_admins_act(self, client_for, organisation, admin, member, declare):
        declaration = declare(organisation)
        member_page = client_for(member).get(reverse("declaration:mine")).content.decode()
        assert declaration.declaration_id in member_page
        assert "取り下げる" not in member_page
        client = client_for(admin)
        assert "取り下げる" in client.get(reverse("declaration:mine")).content.decode()

    def test_withdraw_needs_post_and_an_admin(self, client_for, organisation, admin, member, declare):
        declaration = declare(organisation)
        assert client_for(member).post(reverse("declaration:withdraw"), {}).status_code == 403
        client = client_for(admin)
        assert "取り下げ" in client.get(reverse("declaration:withdraw")).content.decode()
        client.post(reverse("declaration:withdraw"), {"reason": ""})
        declaration.refresh_from_db()
        assert declaration.status == Status.WITHDRAWN
        verify = client.get(reverse("registry:verify", args=[declaration.declaration_id])).content.decode()
        assert "取り下げ" in verify

    def test_marks_only_while_active(self, client_for, organisation, member, admin, declare):
        declaration = declare(organisation)
        client = client_for(member)
        svg = client.get(reverse("declaration:mark_svg"))
        assert svg["Content-Type"] == "image/svg+xml"
        png = client.get(reverse("declaration:mark_png", args=[240]))
        assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
        assert client.get(reverse("declaration:mark_png", args=[999])).status_code == 404
        services.declaration_withdraw(declaration=declaration, user=admin)
        assert client.get(reverse("declaration:mark_svg")).status_code == 404

    def test_outsiders_and_anonymous_get_no_marks(self, client_for, organisation, outsider, declare):
        declare(organisation)
        assert client_for(outsider).get(reverse("declaration:mark_svg")).status_code == 404
        client_for(None).logout()

    def test_contact_change_goes_back_to_review(self, client_for, organisation, admin, declare):
        declaration = declare(organisation)
        response = client_for(admin).post(
            reverse("declaration:contact"),
            {
                "contact_name": "新担当",
                "contact_email": "new@sakura.example.jp",
                "contact_phone": "03-1234-5678",
            },
        )
        assert response.status_code == 302
        declaration.refresh_from_db()
        assert (declaration.contact_name, declaration.contact_phone) == ("新担当", "03-1234-5678")  # kept as typed
        assert declaration.events.last().action == "changed"

    def test_upgrade_with_a_built_policy(self, client_for, organisation, admin, declare, complete):
        declaration = declare(organisation)
        complete(organisation)
        client = client_for(admin)
        client.post(reverse("policies:edit"), _policy_form(client))
        client.post(reverse("policies:publish"), {"publish": "1"})
        client.post(reverse("declaration:upgrade"), {"policy_source": "portal"})
        declaration.refresh_from_db()
        assert declaration.stars == Stars.TWO
        assert declaration.policy.is_published


def _policy_form(client) -> dict:
    form = client.get(reverse("policies:edit")).context["form"]
    return {name: form[name].value() for name in form.fields}


class TestPolicies:
    def test_prefilled_versions_publish_public_and_pdf(self, client_for, organisation, admin):
        client = client_for(admin)
        data = _policy_form(client)
        assert "株式会社さくら精機" in data["preamble"]
        assert client.post(reverse("policies:edit"), data).status_code == 302
        data["body_0"] = "経営者は自ら率先して取り組む。"
        client.post(reverse("policies:edit"), data)
        policy = organisation.policies.get()
        assert list(policy.versions.values_list("number", flat=True)) == [2, 1]
        assert client_for(None).get(policy.get_absolute_url()).status_code == 404  # not published yet
        client.post(reverse("policies:publish"), {"publish": "1"})
        from django.test import Client

        public = Client().get(policy.get_absolute_url()).content.decode()
        assert "経営者は自ら率先して取り組む。" in public
        pdf = Client().get(reverse("policies:pdf", args=[policy.slug]))
        assert pdf["Content-Type"] == "application/pdf"
        client.post(reverse("policies:publish"), {"publish": "0"})
        assert Client().get(policy.get_absolute_url()).status_code == 404

    def test_members_cannot_edit_the_policy(self, client_for, organisation, member):
        assert client_for(member).get(reverse("policies:edit")).status_code == 403


@pytest.fixture
def registry(db, admin):
    """Twelve active declarations, one suspended, one withdrawn."""
    made = []
    for n in range(14):
        organisation = OrganisationFactory(
            name=f"登録テスト商事{n:02d}",
            name_kana=f"とうろくてすと{n:02d}",
            prefecture="13" if n % 2 else "27",
            industry="E" if n % 3 else "G",
        )
        MembershipFactory(organisation=organisation, user=admin, role="admin")
        made.append(
            services.declaration_submit(
                organisation=organisation,
                user=admin,
                stars=Stars.ONE,
                contact={
                    "contact_name": "担当",
                    "contact_email": "a@example.jp",
                    "contact_phone": "0312345678",
                },
                purpose="customer",
            )
        )
    services.declaration_withdraw(declaration=made[12], user=admin)
    Declaration.objects.filter(pk=made[13].pk).update(status=Status.SUSPENDED)
    return made


class TestRegistry:
    def test_search_by_name_furigana_and_filters(self, client, registry):
        assert client.get("/registry/", {"q": "テスト商事0"}).context["page"].paginator.count == 10
        assert client.get("/registry/", {"q": "とうろくてすと1"}).context["page"].paginator.count == 2
        tokyo = client.get("/registry/", {"prefecture": "13"}).context["page"]
        assert all(d.organisation.prefecture == "13" for d in tokyo.object_list)
        assert client.get("/registry/", {"stars": "2"}).context["page"].paginator.count == 0

    def test_only_active_declarations_are_listed(self, client, registry):
        page = client.get("/registry/").context["page"]
        assert page.paginator.count == 12
        ids = {d.pk for d in Declaration.objects.filter(status=Status.ACTIVE)}
        assert {d.pk for d in page.object_list} <= ids

    def test_search_pages_come_from_the_cache_until_a_declaration_changes(
        self, client, registry, django_capture_on_commit_callbacks
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        shown = registry[0]
        assert shown.get_absolute_url() in client.get("/registry/").content.decode()
        with CaptureQueriesContext(connection) as queries:
            again = client.get("/registry/").content.decode()
        assert shown.get_absolute_url() in again
        assert not any("declaration_declaration" in q["sql"] for q in queries.captured_queries)
        with django_capture_on_commit_callbacks(execute=True):
            services.declaration_withdraw(declaration=shown, user=shown.events.first().actor)
        assert shown.get_absolute_url() not in client.get("/registry/").content.decode()

    @pytest.mark.parametrize("sort", ["new", "name"])
    def test_a_name_search_lists_the_same_whether_its_matches_are_few_or_many(
        self, client, registry, monkeypatch, sort
    ):
        """Few matches are found in no order and then sorted; more than FEW_MATCHES are filtered
        while the registry is read in order. Both give every match, in the order asked for."""
        active = Declaration.objects.filter(status=Status.ACTIVE, organisation_name__contains="テスト商事")
        order = ["organisation_name", "pk"] if sort == "name" else ["-declared_on", "-pk"]
        for params in ({"q": "テスト商事"}, {"q": "てすと", "prefecture": "13"}):
            expected = active.filter(**({"prefecture": "13"} if "prefecture" in params else {}))
            expected_ids = list(expected.order_by(*order).values_list("pk", flat=True))
            seen = {}
            for few_matches in (2000, 5):  # narrowed through the names first / filtered in order
                monkeypatch.setattr("declaration.selectors.FEW_MATCHES", few_matches)
                found = registry_search(**params, sort=sort)
                seen[few_matches] = list(found.values_list("pk", flat=True))
            assert seen[2000] == seen[5] == expected_ids
        assert len(expected_ids) == 6  # six of the twelve matches are in Tokyo: filtered after
        assert client.get("/registry/", {"q": "テスト商事"}).context["page"].paginator.count == 12

    def test_a_name_that_matches_nothing_finds_nothing(self, client, registry):
        response = client.get("/registry/", {"q": "該当なし"})
        assert response.status_code == 200 and response.context["page"].paginator.count == 0

    def test_a_cached_name_search_reads_no_declaration(self, client_for, admin, registry):
        """A signed-in person's search page is rendered each time (only anonymous ones are kept
        whole), its results come from the cached fragment: the search is not even planned."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client = client_for(admin)
        first = client.get("/registry/", {"q": "とうろくてすと0"}).content.decode()
        with CaptureQueriesContext(connection) as queries:
            again = client.get("/registry/", {"q": "とうろくてすと0"}).content.decode()
        assert registry[0].get_absolute_url() in first and registry[0].get_absolute_url() in again
        assert not any("declaration_declaration" in q["sql"] for q in queries.captured_queries)

    def test_paginated(self, client, registry, monkeypatch):
        monkeypatch.setattr("declaration.registry_views.PAGE_SIZE", 5)
        pages = [client.get("/registry/", {"page": n}).context["page"] for n in (1, 2, 3)]
        assert [len(p.object_list) for p in pages] == [5, 5, 2]
        assert pages[0].paginator.num_pages == 3
        seen = [d.pk for p in pages for d in p.object_list]
        assert len(set(seen)) == 12
        assert client.get("/registry/", {"page": "999"}).context["page"].number == 3

    def test_tampered_filters_do_not_break_the_page(self, client, registry):
        response = client.get("/registry/", {"prefecture": "99", "stars": "x", "sort": "drop"})
        assert response.status_code == 200

    def test_verification_shows_status(self, client, registry):
        assert "この自己宣言は有効です" in client.get(registry[0].get_absolute_url()).content.decode()
        assert "停止中" in client.get(registry[13].get_absolute_url()).content.decode()
        assert "取り下げ" in client.get(registry[12].get_absolute_url()).content.decode()

    @pytest.mark.parametrize("bad", ["12345", "40000000010", "4000000001x"])
    def test_malformed_or_unknown_ids_get_a_clear_not_found(self, client, db, bad):
        response = client.get(f"/registry/{bad}/")
        assert response.status_code == 404
        assert "自己宣言IDが見つかりません" in response.content.decode()

    def test_the_check_box_redirects_to_the_verification_page(self, client, registry):
        response = client.get("/registry/", {"id": registry[0].declaration_id})
        assert response["Location"] == registry[0].get_absolute_url()

    def test_statistics_page(self, client, registry):
        body = client.get("/registry/statistics/").content.decode()
        assert "有効な自己宣言：12件" in body
        assert "<svg" in body


class TestApi:
    def test_json_shape(self, client, registry):
        declaration = registry[0]
        response = client.get(f"/api/v1/declarations/{declaration.declaration_id}")
        assert response.json() == {
            "id": declaration.declaration_id,
            "stars": 1,
            "status": "active",
            "declared_on": declaration.declared_on.isoformat(),
            "reconfirm_by": declaration.reconfirm_by.isoformat(),
            "verified": False,
            "verification": None,
            "superseded": False,
            "organisation": {
                "name": "登録テスト商事00",
                "prefecture": "27",
                "prefecture_name": "大阪府",
                "industry": "G",
                "industry_name": "情報通信業",
            },
        }
        assert response["ETag"]
        assert response["Last-Modified"]
        again = client.get(
            f"/api/v1/declarations/{declaration.declaration_id}", HTTP_IF_NONE_MATCH=response["ETag"]
        )
        assert again.status_code == 304

    def test_unknown_and_malformed_are_404_json(self, client, db):
        for value in ["40000000017", "nonsense"]:
            response = client.get(f"/api/v1/declarations/{value}")
            assert response.status_code == 404
            assert response.json()["error"] == "not_found"

    def test_listing_filters_and_pages(self, client, registry):
        data = client.get("/api/v1/declarations", {"prefecture": "13", "stars": "1"}).json()
        assert data["count"] == len([d for d in registry[:12] if d.organisation.prefecture == "13"])
        assert {r["organisation"]["prefecture"] for r in data["results"]} == {"13"}
        assert (data["page"], data["pages"]) == (1, 1)

    def test_csv(self, client, registry):
        response = client.get("/api/v1/declarations", {"format": "csv"})
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == [
            "id",
            "stars",
            "status",
            "declared_on",
            "organisation_name",
            "prefecture",
            "industry",
            "prefecture_name",
            "industry_name",
            "verified",  # last, so that the earlier columns keep their places
        ]
        assert len(rows) == 1 + 12

    def test_bad_filter_is_400(self, client, db):
        assert client.get("/api/v1/declarations", {"stars": "9"}).status_code == 400

    def test_rate_limited_per_client(self, client, registry, settings):
        settings.API_RATE_LIMIT_PER_MINUTE = 3
        codes = [
            client.get(f"/api/v1/declarations/{registry[0].declaration_id}").status_code for _ in range(5)
        ]
        assert codes == [200, 200, 200, 429, 429]


class TestReviewConsole:
    @pytest.mark.parametrize(
        "persona,expected", [("reviewer", 200), ("admin", 403), ("staff", 200), (None, 302)]
    )
    def test_access(self, request, client_for, persona, expected):
        user = request.getfixturevalue(persona) if persona else None
        assert client_for(user).get("/review/").status_code == expected

    def test_staff_without_the_reviewers_group_is_refused(self, client_for, db):
        from tests.factories import UserFactory

        assert client_for(UserFactory(is_staff=True)).get("/review/").status_code == 403

    def test_new_declarations_appear_and_can_be_suspended_with_a_reason(
        self, client_for, reviewer, organisation, declare, django_capture_on_commit_callbacks
    ):
        from django.core import mail

        declaration = declare(organisation)
        client = client_for(reviewer)
        assert declaration.declaration_id in client.get(reverse("review:queue")).content.decode()
        url = reverse("review:act", args=[declaration.pk, "suspend"])
        client.post(url, {"reason": ""})
        declaration.refresh_from_db()
        assert declaration.status == Status.ACTIVE  # a reason is mandatory
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, {"reason": "連絡が取れないため"})
        declaration.refresh_from_db()
        assert declaration.status == Status.SUSPENDED
        assert mail.outbox[-1].subject.endswith("自己宣言を停止しました")
        detail = client.get(reverse("review:detail", args=[declaration.pk])).content.decode()
        assert "連絡が取れないため" in detail

    def test_correction_request_is_shown_on_mine(self, client_for, reviewer, admin, organisation, declare):
        declaration = declare(organisation)
        client_for(reviewer).post(
            reverse("review:act", args=[declaration.pk, "correction"]), {"reason": "部署名をご記入ください"}
        )
        assert "部署名をご記入ください" in client_for(admin).get(reverse("declaration:mine")).content.decode()

    def test_unknown_action_is_404(self, client_for, reviewer, organisation, declare):
        declaration = declare(organisation)
        assert (
            client_for(reviewer).post(reverse("review:act", args=[declaration.pk, "delete"])).status_code
            == 404
        )


def test_embed_badge_is_public_and_says_when_suspended(client, registry):
    ok = client.get(f"/registry/{registry[0].declaration_id}/badge.svg").content.decode()
    assert registry[0].declaration_id in ok
    assert "停止中" in client.get(f"/registry/{registry[13].declaration_id}/badge.svg").content.decode()
    assert re.search(r"<svg", ok)


def test_csv_export_neutralises_formula_names(client, admin):
    organisation = OrganisationFactory(name='=HYPERLINK("http://evil.example","株式会社")')
    MembershipFactory(organisation=organisation, user=admin, role="admin")
    services.declaration_submit(
        organisation=organisation,
        user=admin,
        stars=Stars.ONE,
        contact={"contact_name": "担当", "contact_email": "a@example.jp", "contact_phone": "0312345678"},
        purpose="customer",
    )
    response = client.get("/api/v1/declarations", {"format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[4] == '\'=HYPERLINK("http://evil.example","株式会社")'


class TestWorkspace:
    def test_one_screen_with_counts_of_every_queue(self, client_for, reviewer, organisation, declare):
        declare(organisation)
        body = client_for(reviewer).get(reverse("review:index")).content.decode()
        assert "自己宣言：確認待ち" in body
        counts = re.findall(r'data-testid="queue-count">(\d+)<', body)
        assert counts[0] == "1"

    def test_bulk_confirm_applies_once_even_when_submitted_twice(self, client_for, reviewer, admin, declare):
        declarations = []
        for n in range(3):
            organisation = OrganisationFactory(name=f"一括{n}")
            MembershipFactory(organisation=organisation, user=admin, role="admin")
            declarations.append(declare(organisation))
        client = client_for(reviewer)
        data = {"declaration": [str(d.pk) for d in declarations[:2]]}
        client.post(reverse("review:bulk_confirm"), data)
        client.post(reverse("review:bulk_confirm"), data)
        for declaration in declarations:
            declaration.refresh_from_db()
        assert [d.review for d in declarations] == ["done", "done", "needed"]
        assert [d.events.filter(action="confirmed").count() for d in declarations] == [1, 1, 0]

    def test_bulk_confirm_needs_the_permission(self, client_for, admin, organisation, declare):
        declaration = declare(organisation)
        response = client_for(admin).post(reverse("review:bulk_confirm"), {"declaration": [declaration.pk]})
        assert response.status_code == 403
        declaration.refresh_from_db()
        assert declaration.review == "needed"


def test_workspace_search_finds_declarations_and_presenters(client_for, reviewer, organisation, declare):
    from django.contrib.auth.models import Permission

    from presenters import services as presenter_services
    from tests.presenters.conftest import PROFILE

    reviewer.groups.first().permissions.add(Permission.objects.get(codename="review_presenter"))
    declaration = declare(organisation)
    presenter_services.presenter_apply(user=UserFactory(), prefectures=["13"], kind="public", **PROFILE)
    client = client_for(reviewer)
    by_id = client.get(reverse("review:index"), {"q": declaration.declaration_id}).context
    assert [d.pk for d in by_id["found_declarations"]] == [declaration.pk]
    by_name = client.get(reverse("review:index"), {"q": "田中"}).context
    assert [p.name for p in by_name["found_presenters"]] == ["田中 誠"]
    assert by_name["found_declarations"] == []
