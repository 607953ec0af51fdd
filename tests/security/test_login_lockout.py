"""Finding 2 (Medium): five failures locked victim@v.test, but Victim@v.test still logged in,
and 80 guesses over 20 case variants never locked. An address is one identity however typed."""

import itertools

from django.contrib.auth import get_user
from django.urls import reverse

from portal.models import User
from tests.factories import PASSWORD, UserFactory


def case_variants(email: str, count: int) -> list[str]:
    local, domain = email.split("@")
    variants = []
    for mask in itertools.count():
        variant = "".join(c.upper() if mask >> i & 1 else c for i, c in enumerate(local)) + "@" + domain
        if mask and variant not in variants:
            variants.append(variant)
        if len(variants) == count:
            return variants
    raise AssertionError


def test_a_locked_address_stays_locked_in_any_case(client, db):
    victim = UserFactory(email="victim@v.test")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "victim@v.test", "password": "guess"})
    client.post(reverse("account_login"), {"login": "Victim@v.test", "password": PASSWORD})
    assert get_user(client) != victim
    assert not get_user(client).is_authenticated


def test_guesses_spread_over_case_variants_lock_the_address(client, db):
    UserFactory(email="victim@v.test")
    variants = case_variants("victim@v.test", 20)
    responses = [
        client.post(reverse("account_login"), {"login": variant, "password": f"guess-{n}"})
        for n, variant in enumerate(variants * 4)
    ]
    refused = [
        r for r in responses if r.status_code == 429 or "ログイン失敗が連続しています" in r.content.decode()
    ]
    assert len(refused) == 80 - 5
    client.post(reverse("account_login"), {"login": variants[7], "password": PASSWORD})
    assert not get_user(client).is_authenticated


def test_sign_up_in_another_case_is_the_same_identity(client, db):
    UserFactory(email="victim@v.test")
    client.post(reverse("account_signup"), {"email": "VICTIM@V.TEST", "password1": PASSWORD, "password2": PASSWORD})
    assert User.objects.filter(email__iexact="victim@v.test").count() == 1


def test_addresses_are_stored_in_one_form(db):
    user = User.objects.create_user("Mixed.Case@Example.JP", PASSWORD)
    assert user.email == "mixed.case@example.jp"
    assert user.emailaddress_set.get().email == "mixed.case@example.jp"
