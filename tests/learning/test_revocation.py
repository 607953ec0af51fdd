import pytest
from django.urls import reverse

from learning import services
from learning.models import RevocationRequest, Theme
from portal.models import AuditEntry
from tests.helpers import theme_passed


@pytest.fixture
def certificate(member, themes):
    return theme_passed(member, Theme.objects.get(number=1))


def test_the_learner_asks_and_a_reviewer_revokes(client_for, member, reviewer, certificate):
    client_for(member).post(
        reverse("learning:revocation_request", args=[certificate.code]), {"reason": "別人の受講"}
    )
    request = RevocationRequest.objects.get()
    client = client_for(reviewer)
    assert "別人の受講" in client.get(reverse("review:certificates")).content.decode()
    body = client.get(reverse("review:index")).content.decode()
    assert "修了証：取り消し依頼" in body
    client.post(reverse("review:certificate_decide", args=[request.pk, "revoke"]), {"reason": "本人の申し出"})
    certificate.refresh_from_db()
    request.refresh_from_db()
    assert not certificate.is_valid
    assert (request.state, request.decided_by) == ("revoked", reviewer)
    assert AuditEntry.objects.filter(action="certificate.revoke", target=certificate.number).exists()
    # a second decision on the same request changes nothing
    client.post(reverse("review:certificate_decide", args=[request.pk, "decline"]), {"reason": "x"})
    request.refresh_from_db()
    assert request.state == "revoked"


def test_the_employer_may_ask_an_outsider_may_not(client_for, admin, outsider, certificate):
    assert (
        client_for(outsider)
        .post(reverse("learning:revocation_request", args=[certificate.code]), {"reason": "x"})
        .status_code
        == 404
    )
    client_for(admin).post(
        reverse("learning:revocation_request", args=[certificate.code]), {"reason": "退職者の誤登録"}
    )
    assert RevocationRequest.objects.get().requested_by == admin


def test_one_open_request_and_a_reason_are_required(member, certificate):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.revocation_request(certificate=certificate, user=member, reason=" ")
    services.revocation_request(certificate=certificate, user=member, reason="理由")
    with pytest.raises(ValidationError, match="対応待ち"):
        services.revocation_request(certificate=certificate, user=member, reason="もう一度")


def test_declining_keeps_the_certificate(client_for, member, reviewer, certificate):
    request = services.revocation_request(certificate=certificate, user=member, reason="念のため")
    client_for(reviewer).post(
        reverse("review:certificate_decide", args=[request.pk, "decline"]), {"reason": "問題なし"}
    )
    certificate.refresh_from_db()
    assert certificate.is_valid
