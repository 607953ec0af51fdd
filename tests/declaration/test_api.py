"""The open-data API against its OpenAPI description (declaration/openapi.json): every kind
of answer is validated with jsonschema, the labels beside the codes, the language, and the
documentation page /api/ that is built from the same description."""

import csv
import io
import json

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator

from declaration import api_views
from declaration.api_views import OPENAPI_FILE, openapi
from tests.factories import MembershipFactory, OrganisationFactory

SPEC = json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))


def schema_of(path: str, status: int, content_type: str = "application/json") -> dict | None:
    responses = SPEC["paths"][path]["get"]["responses"]
    documented = responses[str(status)]
    content = documented.get("content")
    if content is None:
        return None
    # A schema that refers into the description: validate against the whole document.
    return {**SPEC, **content[content_type]["schema"]}


def assert_valid(response, path: str) -> None:
    """The response is one the description documents, and its body matches the schema."""
    status = response.status_code
    assert str(status) in SPEC["paths"][path]["get"]["responses"], f"{path}: {status} is not documented"
    schema = schema_of(path, status)
    if schema is None:
        assert not response.content
        return
    assert response["Content-Type"].startswith("application/json")
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(response.json())


def test_the_description_is_valid_json_schema_and_its_examples_match():
    assert SPEC["openapi"].startswith("3.1")
    for name, schema in SPEC["components"]["schemas"].items():
        Draft202012Validator.check_schema(schema)
        assert schema["type"] == "object", name
    for item in SPEC["paths"].values():
        for response in item["get"]["responses"].values():
            for content in response.get("content", {}).values():
                for example in content.get("examples", {}).values():
                    Draft202012Validator({**SPEC, **content["schema"]}).validate(example["value"])


def test_the_description_is_served_as_stored(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json() == SPEC == openapi()


@pytest.fixture
def aichi(db, admin):
    organisation = OrganisationFactory(name="株式会社さくら精機", prefecture="23", industry="E")
    MembershipFactory(organisation=organisation, user=admin, role="admin")
    from declaration import services

    return services.declaration_submit(
        organisation=organisation,
        user=admin,
        stars=1,
        contact={"contact_name": "担当", "contact_email": "a@example.jp", "contact_phone": "0312345678"},
        purpose="customer",
    )


class TestAnswersMatchTheDescription:
    def test_one_declaration_with_labels_beside_the_codes(self, client, aichi):
        response = client.get(f"/api/v1/declarations/{aichi.declaration_id}")
        assert_valid(response, "/declarations/{id}")
        organisation = response.json()["organisation"]
        assert organisation["prefecture"] == "23" and organisation["prefecture_name"] == "愛知県"
        assert organisation["industry"] == "E" and organisation["industry_name"] == "製造業"
        assert response["Content-Language"] == "ja"
        assert "Accept-Language" in response["Vary"]
        again = client.get(
            f"/api/v1/declarations/{aichi.declaration_id}", HTTP_IF_NONE_MATCH=response["ETag"]
        )
        assert again.status_code == 304
        assert_valid(again, "/declarations/{id}")

    @pytest.mark.parametrize(
        ("query", "header"),
        [({"lang": "en"}, ""), ({}, "en-GB,en;q=0.9,ja;q=0.5"), ({"lang": "en"}, "ja")],
    )
    def test_english_labels(self, client, aichi, query, header):
        response = client.get(
            f"/api/v1/declarations/{aichi.declaration_id}", query, HTTP_ACCEPT_LANGUAGE=header
        )
        assert_valid(response, "/declarations/{id}")
        organisation = response.json()["organisation"]
        assert (organisation["prefecture_name"], organisation["industry_name"]) == ("Aichi", "Manufacturing")
        assert organisation["name"] == "株式会社さくら精機"  # names stay as registered
        assert response["Content-Language"] == "en"

    @pytest.mark.parametrize("header", ["", "ja,en;q=0.8", "fr", "en;q=0, ja", "de;q=x, en;q=nonsense"])
    def test_japanese_unless_english_is_preferred(self, client, aichi, header):
        response = client.get(f"/api/v1/declarations/{aichi.declaration_id}", HTTP_ACCEPT_LANGUAGE=header)
        assert response.json()["organisation"]["prefecture_name"] == "愛知県"

    def test_the_etag_differs_by_language(self, client, aichi):
        url = f"/api/v1/declarations/{aichi.declaration_id}"
        japanese = client.get(url)
        english = client.get(url, {"lang": "en"})
        assert japanese["ETag"] != english["ETag"]
        assert client.get(url, {"lang": "en"}, HTTP_IF_NONE_MATCH=japanese["ETag"]).status_code == 200
        listing = [client.get("/api/v1/declarations", HTTP_ACCEPT_LANGUAGE=h) for h in ("ja", "en")]
        assert listing[0]["ETag"] != listing[1]["ETag"]

    def test_the_listing(self, client, aichi):
        response = client.get("/api/v1/declarations", {"prefecture": "23", "stars": "1"})
        assert_valid(response, "/declarations")
        assert response.json()["results"][0]["organisation"]["prefecture_name"] == "愛知県"
        english = client.get("/api/v1/declarations", {"lang": "en"})
        assert_valid(english, "/declarations")
        assert english.json()["results"][0]["organisation"]["industry_name"] == "Manufacturing"
        assert_valid(client.get("/api/v1/declarations", HTTP_IF_NONE_MATCH=response["ETag"]), "/declarations")

    def test_an_empty_listing(self, client, db):
        response = client.get("/api/v1/declarations")
        assert_valid(response, "/declarations")
        assert response.json()["count"] == 0

    def test_errors(self, client, aichi, settings):
        assert_valid(client.get("/api/v1/declarations", {"stars": "9"}), "/declarations")
        assert_valid(client.get("/api/v1/declarations", {"prefecture": "99"}), "/declarations")
        assert_valid(client.get("/api/v1/declarations/40000000017"), "/declarations/{id}")
        assert_valid(client.get("/api/v1/declarations/nonsense"), "/declarations/{id}")
        settings.API_RATE_LIMIT_PER_MINUTE = 1
        client.get("/api/v1/declarations")
        limited = client.get(f"/api/v1/declarations/{aichi.declaration_id}")
        assert limited.status_code == 429
        assert_valid(limited, "/declarations/{id}")
        assert_valid(client.get("/api/v1/declarations"), "/declarations")

    def test_the_csv_has_the_documented_columns_and_the_labels(self, client, aichi):
        response = client.get("/api/v1/declarations", {"format": "csv", "lang": "en"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
        columns = SPEC["paths"]["/declarations"]["get"]["responses"]["200"]["content"]["text/csv"][
            "x-columns"
        ]
        assert rows[0] == columns
        row = dict(zip(columns, rows[1], strict=True))
        assert (row["prefecture"], row["prefecture_name"], row["industry_name"]) == (
            "23",
            "Aichi",
            "Manufacturing",
        )
        assert set(columns) >= {"id", "stars", "status", "declared_on"}


class TestDocumentationPage:
    @pytest.mark.parametrize(
        ("url", "language", "description"),
        [
            ("/api/", "ja", "都道府県名（応答の言語で表示）。"),
            ("/en/api/", "en", "The prefecture's name in the response's language."),
        ],
    )
    def test_both_languages_with_every_field_and_an_example(self, client, db, url, language, description):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        assert f'<html lang="{language}"' in body
        assert description.replace("'", "&#x27;") in body  # the field list, from the description
        for name in SPEC["components"]["schemas"]["Declaration"]["properties"]:
            assert f"<code>{name}</code>" in body
        for name in ["organisation.prefecture_name", "organisation.industry_name"]:
            assert f"<code>{name}</code>" in body
        assert "/api/v1/openapi.json" in body
        assert "curl" in body and "40000000238" in body
        assert ("Aichi" in body) is (language == "en")  # the example in the page's language

    def test_the_page_describes_the_fields_in_its_language(self, db):
        from django.utils import translation

        japanese = {
            row["name"]: row["description"]
            for row in api_views._fields(SPEC["components"]["schemas"]["Declaration"], "ja")
        }
        english = {
            row["name"]: row["description"]
            for row in api_views._fields(SPEC["components"]["schemas"]["Declaration"], "en")
        }
        assert japanese.keys() == english.keys()
        assert all(japanese.values()) and all(english.values())
        assert japanese["organisation.prefecture_name"] != english["organisation.prefecture_name"]
        with translation.override("en"):
            assert reverse("api_docs:index").endswith("/api/")

    def test_the_page_reads_no_database(self, client, db, django_assert_max_num_queries):
        with django_assert_max_num_queries(2):
            assert client.get("/api/").status_code == 200
