"""Finding 10 (Low): anyone could claim a company's 法人番号 first, blocking the real company and
revealing who is registered. A number is no lock: a second organisation may give the same
number, nothing tells a stranger whether it is registered, and staff see the collision."""

from django.urls import reverse

from portal.models import Organisation
from tests.factories import OrganisationFactory, UserFactory

NUMBER = "7000012050002"  # a published corporate number with a valid check digit


def create(client, name):
    return client.post(
        reverse("organisations:new"),
        {
            "name": name,
            "corporate_number": NUMBER,
            "prefecture": "13",
            "industry": "E",
            "size_band": "6-20",
        },
    )


def test_a_squatter_does_not_block_the_real_company(client, db):
    squatter, real = UserFactory(), UserFactory()
    client.force_login(squatter)
    create(client, "なりすまし株式会社")
    client.force_login(real)
    response = create(client, "本物株式会社")
    assert response.status_code == 302
    assert Organisation.objects.filter(corporate_number=NUMBER).count() == 2


def test_the_answer_does_not_reveal_a_registration(client, db):
    OrganisationFactory(corporate_number=NUMBER)
    client.force_login(UserFactory())
    body = create(client, "調べる人").content.decode()
    assert "既に登録されています" not in body


def test_staff_see_organisations_that_share_a_number(client_for, staff):
    first = OrganisationFactory(name="先に登録した組織", corporate_number=NUMBER)
    OrganisationFactory(name="後から登録した組織", corporate_number=NUMBER)
    OrganisationFactory(name="無関係の組織")
    client = client_for(staff)
    listing = client.get(reverse("admin:portal_organisation_changelist"), {"shared_number": "yes"}).content.decode()
    assert "先に登録した組織" in listing and "後から登録した組織" in listing and "無関係の組織" not in listing
    detail = client.get(reverse("admin:portal_organisation_change", args=[first.pk])).content.decode()
    assert "後から登録した組織" in detail
