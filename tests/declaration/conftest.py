import pytest

from declaration import services
from declaration.models import Stars
from tests.factories import UserFactory
from tests.helpers import reviewers_group

CONTACT = {
    "contact_name": "佐藤 花子",
    "contact_department": "総務部",
    "contact_email": "soumu@sakura.example.jp",
    "contact_phone": "0312345678",
}


@pytest.fixture
def reviewer(db):
    user = UserFactory(email="reviewer@portal.example.jp", is_staff=True)
    user.groups.add(reviewers_group())
    return user


@pytest.fixture
def declare(admin):
    def make(organisation, stars=Stars.ONE, **kwargs):
        return services.declaration_submit(
            organisation=organisation,
            user=admin,
            stars=stars,
            contact=CONTACT,
            purpose="subsidy",
            **kwargs,
        )

    return make


def apply_data(stars=1, **overrides) -> dict:
    data = {
        "stars": str(stars),
        "purpose": "subsidy",
        "agree": "on",
        **CONTACT,
        **{f"pledge_{n}": "on" for n in range(1, 6)},
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
