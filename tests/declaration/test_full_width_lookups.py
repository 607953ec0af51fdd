"""Numbers typed with full-width digits and Japanese hyphens find what their ASCII form finds:
the registry's ID box and verification page, and the 法人番号 of the organisation form."""

import pytest
from django.urls import reverse

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.fixture
def declaration(organisation, declare):
    declaration = declare(organisation)
    assert declaration.declaration_id
    return declaration


@pytest.mark.parametrize("hyphen", ["", "ー", "－", "−", "‐", "―"])
def test_the_registry_id_box_finds_a_declaration_typed_full_width(client, declaration, hyphen):
    number = declaration.declaration_id
    typed = (number[:4] + hyphen + number[4:]).translate(FULL_WIDTH)
    response = client.get(reverse("registry:search"), {"id": typed})
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:verify", args=[number])


def test_the_verification_page_accepts_a_full_width_id(client, declaration):
    typed = declaration.declaration_id.translate(FULL_WIDTH)
    response = client.get(reverse("registry:verify", args=[typed]))
    assert response.status_code == 200
    assert response.context["declaration"] == declaration


def test_the_organisation_form_takes_a_full_width_corporate_number_with_japanese_hyphens(
    client_for, organisation, admin
):
    client = client_for(admin)
    data = {
        "name": organisation.name,
        "prefecture": "23",
        "industry": organisation.industry,
        "size_band": organisation.size_band,
        "corporate_number": "１ー１８０３ー０１０１ー８７７１",
    }
    response = client.post(reverse("organisations:edit", args=[organisation.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    organisation.refresh_from_db()
    assert organisation.corporate_number == "1180301018771"
