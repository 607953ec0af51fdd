"""Every form lists all its errors at the top, each linked to its field, says what to do in
words of its own, and gives back what was typed (issue 16, "nothing typed is lost").

The walk posts each form of the portal empty (and once with something typed), then reads the
page as a person would: the summary (role=alert, one link per error to an element that exists),
no bare 「このフィールドは必須です。」, and the typed values in the fields."""

import lxml.html
import pytest
from django.urls import reverse

from portal.lib.forms import SpecificErrors, error_summary, required_message
from presenters import services as presenter_services
from presenters.models import Kind, Presenter, Status
from tests.factories import UserFactory
from tests.presenters.conftest import PROFILE

GENERIC = "このフィールドは必須です。"


def summary_of(response) -> tuple[list[tuple[str, str]], lxml.html.HtmlElement]:
    """The (link target, text) of each error in the page's error summary, and the page."""
    page = lxml.html.fromstring(response.content.decode())
    summaries = page.xpath("//*[@data-error-summary]")
    assert summaries, "no error summary on the page"
    summary = summaries[0]
    assert summary.get("role") == "alert"
    assert summary.get("tabindex") == "-1"  # forms.js moves the focus there
    items = []
    for item in summary.xpath(".//li"):
        links = item.xpath(".//a")
        items.append((links[0].get("href") if links else "", item.text_content().strip()))
    for href, _text in items:
        if href:
            assert href.startswith("#")
            assert page.get_element_by_id(href[1:]) is not None, f"{href} links to nothing"
    return items, page


def assert_specific(items) -> None:
    assert items
    for _href, text in items:
        assert GENERIC not in text
        assert "This field is required" not in text


def value_of(page, name: str) -> str:
    element = page.xpath(f'//*[@name="{name}"]')[0]
    if element.tag == "textarea":  # a browser drops the newline Django writes after <textarea>
        return element.text_content().removeprefix("\n")
    return element.get("value", "")


@pytest.fixture
def presenter(db):
    presenter = presenter_services.presenter_apply(
        user=UserFactory(email="presenter@example.jp"), prefectures=["23"], kind=Kind.PUBLIC, **PROFILE
    )
    Presenter.objects.filter(pk=presenter.pk).update(status=Status.APPROVED)
    presenter.refresh_from_db()
    return presenter


# (name, persona, url, data typed, fields whose errors must be linked)
def forms_to_walk(organisation, presenter):
    return [
        ("login", None, reverse("account_login"), {}, ["login", "password"]),
        ("signup", None, reverse("account_signup"), {"full_name": "佐藤 花子"}, ["email", "password1"]),
        ("password reset", None, reverse("account_reset_password"), {}, ["email"]),
        ("account delete", "member", reverse("data:account_delete"), {}, ["password"]),
        (
            "organisation",
            "admin",
            reverse("organisations:edit", args=[organisation.pk]),
            {"address": "名古屋市中区1-2-3", "corporate_number": "１１８０３０１０１８７７１"},
            ["name", "prefecture", "industry", "size_band"],
        ),
        (
            "new organisation",
            "admin",
            reverse("organisations:new"),
            {"name_kana": "さくら"},
            ["name", "prefecture", "industry", "size_band"],
        ),
        (
            "invitation",
            "admin",
            reverse("organisations:invite", args=[organisation.pk]),
            {"email": "not-an-address"},
            ["email"],
        ),
        (
            "declaration",
            "admin",
            reverse("declaration:apply"),
            {"contact_phone": "052-000-1234", "contact_department": "総務部"},
            ["stars", "contact_name", "contact_email", "purpose", "agree"],
        ),
        ("policy", "admin", reverse("policies:edit"), {"action": "save", "preamble": "私たちは"}, ["title"]),
        (
            "presenter application",
            "admin",
            reverse("presenters:apply"),
            {"bio": "研修をしています。", "postal_address": "名古屋市"},
            ["kind", "name", "contact_email", "charter"],
        ),
        (
            "talk request",
            None,
            reverse("presenters:contact", args=[presenter.pk]),
            {"message": "7月に社内研修をお願いできますか。"},
            ["organisation_name", "requester_name", "requester_email"],
        ),
    ]


def test_every_form_posted_empty_lists_all_its_errors_on_top_with_links_and_keeps_the_typed_text(
    client, organisation, admin, member, presenter
):
    for name, persona, url, typed, fields in forms_to_walk(organisation, presenter):
        client.logout()
        if persona:
            client.force_login({"admin": admin, "member": member}[persona])
        # A browser always sends the CSRF token: an "empty" form is never an empty POST.
        response = client.post(url, {"csrfmiddlewaretoken": "x", **typed})
        assert response.status_code in (200, 400), name
        items, page = summary_of(response)
        assert_specific(items)
        targets = {href for href, _text in items}
        for field in fields:
            assert any(href in (f"#id_{field}", f"#id_{field}_0") for href in targets), (name, field, items)
        for field, value in typed.items():
            if field in ("action",):
                continue
            assert value_of(page, field) == value, (name, field)


def test_a_presenter_s_activity_report_with_errors_comes_back_with_what_was_typed(client, presenter):
    client.force_login(presenter.user)
    response = client.post(reverse("presenters:report_add"), {"topics": "フィッシング", "audience_size": "0"})
    assert response.status_code == 400
    items, page = summary_of(response)
    assert_specific(items)
    assert value_of(page, "topics") == "フィッシング"
    assert {"#id_held_on", "#id_audience_size"} <= {href for href, _text in items}


def test_the_messages_name_the_field_and_what_to_do(client, organisation, admin):
    client.force_login(admin)
    response = client.post(
        reverse("organisations:edit", args=[organisation.pk]), {"csrfmiddlewaretoken": "x"}
    )
    text = " ".join(text for _href, text in summary_of(response)[0])
    assert "組織名を入力してください。" in text
    assert "都道府県を選んでください。" in text
    response = client.post(reverse("declaration:apply"), {"csrfmiddlewaretoken": "x"})
    text = " ".join(text for _href, text in summary_of(response)[0])
    assert "「上記の同意事項に同意します」にチェックを入れてください。" in text


def test_english_messages_name_the_field_too(client, organisation, admin):
    from django import forms
    from django.utils import translation

    class Form(SpecificErrors, forms.Form):
        organisation_name = forms.CharField(label="Organisation name")
        url = forms.CharField(label="URL")
        kind = forms.ChoiceField(label="Kind", choices=[("a", "A")])

    with translation.override("en"):
        form = Form({})
        assert not form.is_valid()
        assert form.errors["url"] == [required_message(form.fields["url"])]
        assert "organisation name" in form.errors["organisation_name"][0]
        assert "URL" in form.errors["url"][0]


def test_messages_a_form_sets_itself_are_kept():
    from django import forms

    class Form(SpecificErrors, forms.Form):
        reason = forms.CharField(label="理由", error_messages={"required": "理由を書いてください。"})

    form = Form({})
    assert form.errors["reason"] == ["理由を書いてください。"]


def test_the_summary_lists_the_form_s_own_errors_first_and_links_radios_to_their_first_option():
    from django import forms

    class Form(SpecificErrors, forms.Form):
        name = forms.CharField(label="氏名")
        level = forms.ChoiceField(label="段階", choices=[("1", "一つ星")], widget=forms.RadioSelect)

        def clean(self):
            raise forms.ValidationError("組み合わせが正しくありません。")

    summary = error_summary(Form({}))
    assert [(error.anchor, error.message) for error in summary] == [
        ("", "組み合わせが正しくありません。"),
        ("id_name", "氏名を入力してください。"),
        ("id_level_0", "段階を選んでください。"),
    ]
    assert error_summary(Form()) == []  # an unbound form has no errors to show


def test_a_phone_number_is_stored_and_shown_as_typed(client_for, organisation, admin, declare):
    declaration = declare(organisation)
    client = client_for(admin)
    data = {
        "contact_name": "佐藤",
        "contact_email": "a@sakura.example.jp",
        "contact_phone": "０５２ー０００ー１２３４",
    }
    assert client.post(reverse("declaration:contact"), data).status_code == 302
    declaration.refresh_from_db()
    assert declaration.contact_phone == "052-000-1234"
    page = lxml.html.fromstring(client.get(reverse("declaration:contact")).content.decode())
    assert value_of(page, "contact_phone") == "052-000-1234"


@pytest.mark.parametrize("phone", ["052-000-123", "052-000-1234-5678", "052-abc-1234", "〇五二"])
def test_a_phone_number_without_10_or_11_digits_is_refused_and_kept(client_for, organisation, admin, phone):
    client = client_for(admin)
    response = client.post(reverse("declaration:apply"), {"contact_phone": phone})
    items, page = summary_of(response)
    assert any(href == "#id_contact_phone" and "10桁または11桁" in text for href, text in items)
    assert value_of(page, "contact_phone") == phone
