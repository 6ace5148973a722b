"""The htmx suggestion endpoints the pickers of the CV and job order pages use."""

import pytest
from django.test import Client
from django.urls import reverse

from jobbro.organisations.models import Role
from jobbro.taxonomy.models import Occupation, Qualification, Skill
from jobbro.taxonomy.selectors import suggest_skills
from tests.factories import OccupationFactory, OccupationSkillFactory, SkillFactory, staff

OCCUPATIONS = reverse("taxonomy:suggest_occupations")
SKILLS = reverse("taxonomy:suggest_skills")

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client_for):
    return client_for(staff(Role.BUSINESS_CONSULTANT))


def _ask(client, url, text, **params):
    """The picker's matches for the field `pick`, as a search box asks."""
    return client.get(url, {"q": text, "field": "pick", "multiple": "0", **params}).content.decode()


def _first_pick(html: str) -> str:
    start = html.index('name="pick" value="') + len('name="pick" value="')
    return html[start : html.index('"', start)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tømrersvend", "carpenter"),
        ("Tømrer", "carpenter"),
        ("lagermedarbejder m. truckcert", "warehouse worker"),
        ("forklift driver", "forklift operator"),
        ("murer", "bricklayer"),
    ],
)
def test_job_titles_suggest_the_right_occupation_first(esco, client, text, expected):
    html = _ask(client, OCCUPATIONS, text)
    assert _first_pick(html) == str(Occupation.objects.get(label_en=expected).pk)
    assert 'type="radio"' in html and "<html" not in html


def test_the_title_input_asks_under_its_own_name(esco, client):
    # htmx sends the input's own name and says which one it was.
    response = client.get(
        OCCUPATIONS,
        {"title": "tømrersvend", "field": "occupation", "multiple": "0", "limit": "5"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TRIGGER_NAME="title",
    )
    html = response.content.decode()
    carpenter = Occupation.objects.get(label_en="carpenter")
    assert f'name="occupation" value="{carpenter.pk}"' in html
    assert html.count('name="occupation"') <= 5


def test_short_or_empty_text_suggests_nothing(esco, client):
    for text in ("", " ", "t", "svend"):
        assert 'name="pick"' not in _ask(client, OCCUPATIONS, text)


def test_skills_come_with_certificates_marked_as_such(esco, client):
    truck = Qualification.objects.get(code="truck-b")
    # One choice: the certificate is an alternative in the field itself, marked.
    html = _ask(client, SKILLS, "truckcert", qualification_field="pick")
    assert f'name="pick" value="q{truck.pk}"' in html
    assert "Truckcertifikat B" in html and "Certifikat" in html  # the kind, in Danish
    html = _ask(client, SKILLS, "operate forklift")
    assert 'name="pick" value="' in html


def test_the_occupations_own_skills_come_first(client):
    occupation = OccupationFactory(label_da="tagdækker", label_en="roofer")
    SkillFactory(label_en="install roof tiles")
    roofing = SkillFactory(label_en="roof maintenance")
    OccupationSkillFactory(occupation=occupation, skill=roofing, relation="essential")
    assert suggest_skills("install roof tiles")[0].label_en == "install roof tiles"
    lifted = suggest_skills("roof", occupation=occupation)
    assert lifted[0].pk == roofing.pk
    html = _ask(client, SKILLS, "roof", occupation=occupation.pk)
    assert _first_pick(html) == str(roofing.pk)
    # A clearly better stranger still wins over a weak own skill.
    assert suggest_skills("install roof tiles", occupation=occupation)[0].label_en == (
        "install roof tiles"
    )


def test_the_real_roofer_gets_its_own_skills_first(esco):
    roofer = Occupation.objects.get(label_en="roofer")
    own = set(roofer.skills.values_list("uri", flat=True))
    plain = suggest_skills("roof", limit=5)
    lifted = suggest_skills("roof", limit=5, occupation=roofer)
    assert lifted[0].uri in own
    assert sum(s.uri in own for s in lifted) >= sum(s.uri in own for s in plain)


# Choices kept and offered.


def test_occupation_options_are_radios_for_one_choice(client):
    carpenter = OccupationFactory(label_da="tømrer", label_en="carpenter")
    OccupationFactory(label_da="murer", label_en="bricklayer")
    html = client.get(
        OCCUPATIONS,
        {"q": "tømrer", "widget": "options", "field": "experiences-0-occupation", "multiple": "0"},
    ).content.decode()
    assert 'type="radio"' in html and 'name="experiences-0-occupation"' in html
    # "murer" shares a few letters only: far below the best, left out.
    assert f'value="{carpenter.pk}"' in html and "murer" not in html


def test_skill_options_keep_the_chosen_ones_and_offer_certificates(client):
    chosen = SkillFactory(label_en="forklift driving")
    SkillFactory(label_en="welding")
    truck = Qualification.objects.get(code="truck-b")
    params = {
        "q": "weld",
        "widget": "options",
        "field": "skills",
        "multiple": "1",
        "skills": [str(chosen.pk)],
        "qualification_field": "picked_qualifications",
        "picked_qualifications": [str(truck.pk)],
    }
    html = client.get(SKILLS, params).content.decode()
    assert "forklift driving" in html and html.count("checked") == 2
    assert f'name="picked_qualifications" value="{truck.pk}"' in html
    assert "welding" in html and 'type="checkbox"' in html
    html = client.get(SKILLS, {**params, "q": "truckcert", "picked_qualifications": []}).content
    assert b'name="picked_qualifications"' in html
    # Without a field to keep them, certificates are not offered.
    del params["qualification_field"]
    html = client.get(SKILLS, {**params, "q": "truckcert"}).content
    assert b'name="picked_qualifications"' not in html


def test_a_marked_certificate_stays_the_one_choice(client):
    truck = Qualification.objects.get(code="truck-b")
    SkillFactory(label_en="welding")
    params = {"field": "req-0-skill", "qualification_field": "req-0-skill", "multiple": "0"}
    html = client.get(SKILLS, {**params, "q": "weld", "req-0-skill": f"q{truck.pk}"}).content
    html = html.decode()
    assert f'name="req-0-skill" value="q{truck.pk}" id="req-0-skill_q{truck.pk}" checked' in html
    assert 'type="radio"' in html and "welding" in html
    assert html.count("checked") == 1


def test_options_refuse_odd_field_names(client):
    SkillFactory(label_en="welding")
    response = client.get(SKILLS, {"q": "weld", "widget": "options", "field": '"><script>'})
    assert response.status_code == 200 and response.content == b""
    response = client.get(
        SKILLS,
        {
            "q": "truckcert",
            "widget": "options",
            "field": "skills",
            "multiple": "1",
            "qualification_field": '"><script>',
        },
    )
    assert b"<script>" not in response.content and b"picked" not in response.content


def test_every_role_may_ask_and_anonymous_users_are_sent_to_login(client_for):
    for role in Role:
        assert client_for(staff(role)).get(OCCUPATIONS, {"q": "tømrer"}).status_code == 200
    response = Client().get(SKILLS, {"q": "truck"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_limit_is_kept_within_bounds(client):
    for n in range(60):
        SkillFactory(label_en=f"welding technique {n}")
    every = {"qualification_field": "pick"}  # certificates count too
    assert _ask(client, SKILLS, "welding", limit="3", **every).count('name="pick"') == 3
    assert _ask(client, SKILLS, "welding", limit="999", **every).count('name="pick"') == 50
    assert _ask(client, SKILLS, "welding", **every).count('name="pick"') == 10
    assert Skill.objects.count() >= 60


def test_pages_leave_out_suggestions_far_below_the_best(esco, client):
    html = _ask(client, OCCUPATIONS, "tømrersvend")
    assert html.count('name="pick"') == 1 and "tømrer" in html
    # The API still ranks them all.
    assert len(client.get("/api/v1/taxonomy/occupations", {"q": "tømrersvend"}).json()) > 1


def test_matches_say_choose_one_or_tick_as_the_picker_takes(esco, client):
    one = _ask(client, OCCUPATIONS, "tømrer")
    several = _ask(client, OCCUPATIONS, "tømrer", multiple="1")

    assert 'type="radio"' in one and "vælg én" in one and "flueben" not in one
    assert 'type="checkbox"' in several and "sæt flueben" in several
