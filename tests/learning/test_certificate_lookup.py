"""Certificates name the organisation and their verification URL; /certificates/ finds one by
its printed number and name (issue 16)."""

import subprocess

from django.conf import settings
from django.urls import reverse

from learning import services
from tests.helpers import theme_passed


def full_width(text: str) -> str:
    """`text` as a Japanese input method may type it: digits, letters and "-" full-width."""
    return text.translate(str.maketrans("0123456789-L", "０１２３４５６７８９ーＬ"))


class TestLookup:
    def test_a_full_width_number_and_the_printed_name_find_the_certificate(self, client, member, theme1):
        certificate = theme_passed(member, theme1)
        certificate.name_printed = "鈴木 一郎"
        certificate.save()
        response = client.get(
            reverse("certificates:lookup"), {"number": full_width(certificate.number), "name": "鈴木　一郎"}
        )
        assert response.status_code == 302 and response["Location"] == certificate.get_absolute_url()

    def test_the_number_without_its_letter_or_leading_zeros_also_finds_it(self, client, member, theme1):
        certificate = theme_passed(member, theme1)
        year, serial = certificate.number[1:].split("-")
        response = client.get(
            reverse("certificates:lookup"),
            {"number": f"{year}-{int(serial)}", "name": certificate.name_printed},
        )
        assert response.status_code == 302

    def test_the_number_alone_finds_nothing_so_names_cannot_be_listed(self, client, member, theme1):
        certificate = theme_passed(member, theme1)
        response = client.get(
            reverse("certificates:lookup"), {"number": certificate.number, "name": "山田 花子"}
        )
        assert response.status_code == 404
        assert certificate.name_printed not in response.content.decode()
        assert "見つかりませんでした" in response.content.decode()

    def test_a_malformed_number_says_how_to_type_it(self, client, db):
        response = client.get(reverse("certificates:lookup"), {"number": "abc", "name": "鈴木"})
        assert response.status_code == 400
        assert "L2025-0000123" in response.content.decode()

    def test_an_empty_form_is_a_plain_page(self, client, db, django_assert_num_queries):
        with django_assert_num_queries(0):
            response = client.get(reverse("certificates:lookup"))
        assert response.status_code == 200 and 'data-testid="certificate-lookup"' in response.content.decode()

    def test_a_lookup_reads_one_row(self, client, member, theme1, django_assert_num_queries):
        certificate = theme_passed(member, theme1)
        with django_assert_num_queries(1):
            client.get(
                reverse("certificates:lookup"),
                {"number": certificate.number, "name": certificate.name_printed},
            )

    def test_a_withdrawn_certificate_is_not_found(self, client, member, theme1):
        certificate = theme_passed(member, theme1)
        name = certificate.name_printed
        services.certificates_withdraw_for_erasure(user=member)
        response = client.get(reverse("certificates:lookup"), {"number": certificate.number, "name": name})
        assert response.status_code == 404


class TestTheOrganisation:
    def test_a_certificate_names_the_learners_organisation(self, client, member, organisation, theme1):
        certificate = theme_passed(member, theme1)
        assert certificate.organisation_name == organisation.name
        assert organisation.name in client.get(certificate.get_absolute_url()).content.decode()

    def test_a_learner_without_an_organisation_gets_none(self, db, theme1):
        from tests.factories import UserFactory

        assert theme_passed(UserFactory(), theme1).organisation_name == ""

    def test_erasure_removes_it_with_the_name(self, member, theme1):
        certificate = theme_passed(member, theme1)
        services.certificates_withdraw_for_erasure(user=member)
        certificate.refresh_from_db()
        assert certificate.organisation_name == "" and certificate.name_printed == ""

    def test_the_pdf_prints_the_organisation_and_the_verification_url(
        self, client, member, organisation, theme1, tmp_path
    ):
        certificate = theme_passed(member, theme1)
        pdf = tmp_path / "certificate.pdf"
        pdf.write_bytes(client.get(reverse("certificates:pdf", args=[certificate.code])).content)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert organisation.name in text
        assert f"{settings.SITE_URL}{certificate.get_absolute_url()}" in text.replace("\n", "")
        assert f"{settings.SITE_URL}/certificates/" in text
