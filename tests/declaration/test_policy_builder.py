"""The policy builder's 「ひな形に反映する」 never overwrites edits without asking, and the page
warns before it is left with unsaved changes (issue 16, "nothing typed is lost")."""

import pytest
from django.urls import reverse

from declaration.models import Policy


def _page(client, **data):
    response = client.post(reverse("policies:edit"), data) if data else client.get(reverse("policies:edit"))
    return response, response.context["form"]


def _as_posted(response, form, **changes) -> dict:
    """What a browser sends back: the text in the fields, the representative and the digest."""
    data = {name: form[name].value() for name in form.fields}
    data["filled_digest"] = response.context["filled_digest"]
    data.update(changes)
    return data


@pytest.fixture
def client(client_for, admin):
    return client_for(admin)


def test_the_template_is_applied_at_once_while_nothing_was_edited(client):
    response, form = _page(client)
    data = _as_posted(response, form, action="template", representative_name="鈴木 次郎")
    response, form = _page(client, **data)
    assert "鈴木 次郎" in form["closing"].value()
    assert b'data-testid="policy-overwrite-confirm"' not in response.content
    assert not Policy.objects.exists()  # applying the template saves nothing


def test_edited_text_is_kept_and_the_page_asks_before_overwriting_it(client):
    response, form = _page(client)
    data = _as_posted(
        response, form, action="template", representative_name="鈴木 次郎", body_0="社長が自ら旗を振ります。"
    )
    response, form = _page(client, **data)
    page = response.content.decode()
    assert 'data-testid="policy-overwrite-confirm"' in page
    assert "これまでの編集を上書きします" in page
    assert 'value="overwrite"' in page and 'value="keep"' in page
    assert form["body_0"].value() == "社長が自ら旗を振ります。"  # still there while asking
    assert "鈴木 次郎" not in form["closing"].value()
    assert 'value="鈴木 次郎"' in page  # and the representative typed, for when they confirm
    assert "data-unsaved" in page  # leaving now would lose the edit: forms.js warns


def test_keeping_the_edits_leaves_the_text_as_typed(client):
    response, form = _page(client)
    data = _as_posted(response, form, action="keep", body_0="社長が自ら旗を振ります。")
    response, form = _page(client, **data)
    assert form["body_0"].value() == "社長が自ら旗を振ります。"
    assert b'data-testid="policy-overwrite-confirm"' not in response.content


def test_confirming_overwrites_with_the_template(client):
    response, form = _page(client)
    template_body = form["body_0"].value()
    data = _as_posted(
        response, form, action="overwrite", representative_name="鈴木 次郎", body_0="社長が自ら旗を振ります。"
    )
    response, form = _page(client, **data)
    assert form["body_0"].value() == template_body
    assert "鈴木 次郎" in form["closing"].value()
    # The text is the template's again: the next 「ひな形に反映する」 needs no question.
    data = _as_posted(response, form, action="template", representative_name="佐藤 一郎")
    response, form = _page(client, **data)
    assert "佐藤 一郎" in form["closing"].value()


def test_text_areas_sent_with_crlf_are_not_an_edit(client):
    response, form = _page(client)
    data = _as_posted(response, form, action="template", representative_name="鈴木 次郎")
    data["preamble"] = data["preamble"].replace("\n", "\r\n")
    response, form = _page(client, **data)
    assert b'data-testid="policy-overwrite-confirm"' not in response.content


def test_a_forged_digest_only_makes_the_page_ask(client):
    response, form = _page(client)
    data = _as_posted(response, form, action="template", filled_digest="0" * 64)
    response, _form = _page(client, **data)
    assert b'data-testid="policy-overwrite-confirm"' in response.content


def test_the_builder_is_marked_for_the_unsaved_changes_warning(client):
    response, _form = _page(client)
    page = response.content.decode()
    assert "data-warn-unsaved" in page
    assert "portal/js/forms.js" in page
    # Enter in a text box saves: the first submit button of the form is 保存する.
    form_html = page[page.index('id="policy-form"') :]
    assert form_html.index('value="save"') < form_html.index('value="template"')


def test_saving_still_works_and_the_saved_text_is_what_was_typed(client, organisation):
    response, form = _page(client)
    data = _as_posted(response, form, action="save", body_0="社長が自ら旗を振ります。")
    assert client.post(reverse("policies:edit"), data).status_code == 302
    version = organisation.policies.get().versions.get()
    assert version.sections[0]["body"] == "社長が自ら旗を振ります。"


def test_a_save_with_errors_keeps_the_text_and_lists_the_errors(client):
    response, form = _page(client)
    data = _as_posted(response, form, action="save", title="", body_0="社長が自ら旗を振ります。")
    response = client.post(reverse("policies:edit"), data)
    page = response.content.decode()
    assert 'data-testid="error-summary"' in page
    assert 'href="#id_title"' in page
    assert "表題を入力してください。" in page
    assert response.context["form"]["body_0"].value() == "社長が自ら旗を振ります。"
