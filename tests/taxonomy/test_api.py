"""The JSON API: /api/v1/taxonomy/occupations and /api/v1/taxonomy/skills."""

import pytest
from django.test import Client

from jobbro.organisations.models import Role
from jobbro.taxonomy.models import Occupation
from tests.factories import SkillFactory, UserFactory, staff

OCCUPATIONS = "/api/v1/taxonomy/occupations"
SKILLS = "/api/v1/taxonomy/skills"

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client_for):
    return client_for(staff(Role.JOB_CONSULTANT))


def test_occupations_best_first(esco, api):
    response = api.get(OCCUPATIONS, {"q": "tømrersvend", "limit": 3})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    rows = response.json()
    carpenter = Occupation.objects.get(label_en="carpenter")
    assert rows[0] == {
        "uri": carpenter.uri,
        "label_da": "tømrer",
        "label_en": "carpenter",
        "score": rows[0]["score"],
    }
    assert 1 <= len(rows) <= 3
    scores = [row["score"] for row in rows]
    assert scores == sorted(scores, reverse=True)
    assert api.get(OCCUPATIONS, {"q": "forklift driver"}).json()[0]["label_en"] == (
        "forklift operator"
    )


def test_skills_include_certificates_with_their_kind(esco, api):
    rows = api.get(SKILLS, {"q": "lagermedarbejder m. truckcert"}).json()
    assert rows[0]["kind"] == "qualification"
    assert rows[0]["uri"] in {"qualification:truck-a", "qualification:truck-b"}
    assert set(rows[0]) == {"uri", "label_da", "label_en", "score", "kind"}
    rows = api.get(SKILLS, {"q": "operate forklift", "limit": 50}).json()
    assert {"skill", "knowledge"} & {row["kind"] for row in rows}
    assert len(rows) <= 50


def test_empty_or_short_text_gives_an_empty_list(api):
    SkillFactory(label_en="welding")
    for params in ({}, {"q": ""}, {"q": "w"}, {"q": "  "}):
        assert api.get(SKILLS, params).json() == []
        assert api.get(OCCUPATIONS, params).json() == []


@pytest.mark.parametrize("limit", ["0", "51", "-1", "ten"])
def test_a_bad_limit_is_a_clear_422(api, limit):
    response = api.get(OCCUPATIONS, {"q": "tømrer", "limit": limit})
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    (error,) = response.json()["errors"]
    assert error["field"] == "limit"
    assert error["message"]


def test_limit_caps_the_answer(api):
    for n in range(20):
        SkillFactory(label_en=f"welding technique {n}")
    assert len(api.get(SKILLS, {"q": "welding", "limit": 5}).json()) == 5
    assert len(api.get(SKILLS, {"q": "welding"}).json()) == 10


@pytest.mark.parametrize("url", [OCCUPATIONS, SKILLS, "/api/v1/openapi.json"])
def test_anonymous_users_get_401_json_not_a_redirect(url):
    response = Client().get(url, {"q": "tømrer"})
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["type"] == "urn:jobbro:problem:unauthorized"


def test_signed_in_without_a_role_is_403(client_for):
    client = client_for(UserFactory())
    assert client.get(SKILLS, {"q": "truck"}).status_code == 403
    assert client.get("/api/v1/openapi.json").status_code == 403


def test_openapi_schema_documents_the_contract(api):
    schema = api.get("/api/v1/openapi.json").json()
    skills = schema["paths"]["/api/v1/taxonomy/skills"]["get"]
    names = {p["name"] for p in skills["parameters"]}
    assert names == {"q", "limit"}
    limit = next(p for p in skills["parameters"] if p["name"] == "limit")
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 50)
