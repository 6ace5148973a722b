import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from jobbro.candidates.models import ConsentScope
from jobbro.organisations.models import Role
from jobbro.taxonomy.models import Qualification
from tests.factories import (
    CandidateFactory,
    JobOrderFactory,
    LanguageFactory,
    OccupationFactory,
    ReferralFactory,
    SkillFactory,
    staff,
)

pytestmark = pytest.mark.django_db

LIST = reverse("candidates:list")


def _detail(candidate):
    return reverse("candidates:detail", args=[candidate.pk])


def _cv_edit(candidate):
    return reverse("candidates:cv_edit", args=[candidate.pk])


# --- permissions -------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        lambda c: LIST,
        _detail,
        _cv_edit,
        lambda c: reverse("candidates:edit", args=[c.pk]),
    ],
)
def test_anonymous_users_are_sent_to_login(url, own_candidate):
    response = Client().get(url(own_candidate))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_roles_outside_candidate_work_are_refused(client_for, job_centre, own_candidate):
    manager = client_for(staff(Role.MANAGER, job_centre))
    assert manager.get(LIST).status_code == 403
    assert manager.get(_detail(own_candidate)).status_code == 403


def test_onboarding_consultant_reads_but_does_not_edit(client_for, job_centre, own_candidate):
    client = client_for(staff(Role.ONBOARDING_CONSULTANT, job_centre))
    response = client.get(_detail(own_candidate))
    assert response.status_code == 200
    assert b'data-testid="edit-cv"' not in response.content
    assert client.get(_cv_edit(own_candidate)).status_code == 403


def test_other_job_centre_reads_a_consenting_candidate_without_cpr(
    client_for, other_editor, job_centre, own_candidate
):
    own_candidate.consent_scope = ConsentScope.COOPERATION
    own_candidate.consent_given_on = dt.date(2026, 1, 5)
    own_candidate.save()
    client = client_for(other_editor)
    response = client.get(_detail(own_candidate))
    assert response.status_code == 200
    html = response.content.decode()
    assert own_candidate.full_name in html
    assert "120385" not in html and "1234" not in html
    assert 'data-testid="personal-data"' not in html
    assert 'data-testid="read-only"' in html
    assert 'data-testid="edit-cv"' not in html
    # Reading does not make an editor of another job centre an editor of this candidate.
    assert client.get(_cv_edit(own_candidate)).status_code == 403
    assert client.post(_cv_edit(own_candidate), {}).status_code == 403


def test_non_consenting_and_foreign_candidates_are_404(
    client_for, editor, private_candidate, foreign_candidate
):
    client = client_for(editor)
    for candidate in (private_candidate, foreign_candidate):
        assert client.get(_detail(candidate)).status_code == 404
        assert client.get(_cv_edit(candidate)).status_code == 404


def test_owner_sees_cpr_on_request_but_never_in_the_title(client_for, editor, own_candidate):
    client = client_for(editor)
    html = client.get(_detail(own_candidate)).content.decode()
    # The page offers the number; showing it is a separate, logged action (jobbro.privacy).
    assert "120385" not in html and 'data-testid="show-cpr"' in html
    assert 'data-testid="edit-cv"' in html
    response = client.post(reverse("candidates:cpr", args=[own_candidate.pk]))
    html = response.content.decode()
    assert 'data-testid="cpr-value">120385-1234<' in html
    title = html.split("<title>")[1].split("</title>")[0]
    assert "120385" not in title and own_candidate.full_name in title


# --- list --------------------------------------------------------------------------


def test_list_shows_the_visible_candidates(
    client_for, editor, own_candidate, shared_candidate, private_candidate, foreign_candidate
):
    html = client_for(editor).get(LIST).content.decode()
    assert own_candidate.full_name in html and shared_candidate.full_name in html
    assert private_candidate.full_name not in html
    assert foreign_candidate.full_name not in html
    assert 'data-testid="consent-shared"' in html and 'data-testid="consent-own"' in html


def test_list_offers_the_own_job_centre_filter_to_owners(client_for, editor, own_candidate):
    response = client_for(editor).get(LIST, {"mine": "on"})
    html = response.content.decode()
    assert "Dit eget jobcenters kandidater" in html
    assert 'name="mine"' in html and "Kun mit jobcenters kandidater" in html
    assert list(response.context["candidates"]) == [own_candidate]


def test_the_secretariat_owns_no_candidates_and_is_not_told_so(
    client_for, job_centre, own_candidate, shared_candidate
):
    """The secretariat sits at a job centre but owns none of its candidates: the list says
    what it shows them, and offers no "mine only" that would always find none."""
    client = client_for(staff(Role.SECRETARIAT, job_centre))
    response = client.get(LIST)
    html = response.content.decode()
    assert "Dit eget jobcenters" not in html
    assert "Kandidaterne fra samarbejdets jobcentre, der har givet samtykke til deling." in html
    assert 'name="mine"' not in html and "Kun mit jobcenters kandidater" not in html
    assert list(response.context["candidates"]) == [shared_candidate]
    # An old link with the filter still shows what the secretariat may see.
    assert list(client.get(LIST, {"mine": "on"}).context["candidates"]) == [shared_candidate]


def test_list_search_answers_htmx_with_the_results_only(
    client_for, editor, own_candidate, shared_candidate
):
    response = client_for(editor).get(LIST, {"q": "øster"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert own_candidate.full_name in html and shared_candidate.full_name not in html
    assert "HX-Request" in response["Vary"]


def test_list_is_paginated(client_for, editor, job_centre):
    for _ in range(27):
        CandidateFactory(job_centre=job_centre)
    client = client_for(editor)
    assert client.get(LIST).context["page"].paginator.num_pages == 2
    assert len(client.get(LIST, {"page": 2}).context["candidates"]) == 2


def test_list_ignores_a_bogus_filter(client_for, editor, own_candidate):
    response = client_for(editor).get(LIST, {"job_centre": "nonsense"})
    assert response.status_code == 200


# --- detail ------------------------------------------------------------------------


def test_detail_shows_the_cv_in_the_active_language(client_for, editor, own_candidate):
    cv = own_candidate.cv
    cv.experiences.create(
        occupation=OccupationFactory(label_da="tømrer", label_en="carpenter"),
        title="Tømrer hos Byg",
        start_date=dt.date(2016, 1, 1),
        end_date=dt.date(2020, 1, 1),
    )
    cv.languages.create(language=LanguageFactory(), level="C2")
    client = client_for(editor)
    html = client.get(_detail(own_candidate)).content.decode()
    assert 'data-testid="profile-shown">Erfaren tømrer' in html
    assert "Experienced carpenter" in html  # the other language, folded away
    assert "tømrer" in html and "4,0" in html
    client.cookies["django_language"] = "en"
    html = client.get(_detail(own_candidate)).content.decode()
    assert 'data-testid="profile-shown">Experienced carpenter' in html
    assert "carpenter" in html and "C2 – proficient" in html


def test_detail_lists_referrals(client_for, editor, job_centre, own_candidate):
    order = JobOrderFactory(job_centre=job_centre, title="Tømrer til metroen")
    ReferralFactory(job_order=order, candidate=own_candidate)
    html = client_for(editor).get(_detail(own_candidate)).content.decode()
    assert "Tømrer til metroen" in html


def test_detail_of_a_candidate_without_cv(client_for, editor, job_centre):
    candidate = CandidateFactory(job_centre=job_centre, cv=None)
    response = client_for(editor).get(_detail(candidate))
    assert response.status_code == 200


# --- CV edit -----------------------------------------------------------------------


def _cv_post(cv, **extra):
    data = {
        "profile_da": "Ny profil",
        "profile_en": "New profile",
        "max_commute_km": "25",
    }
    for prefix in ("experiences", "educations", "qualifications", "languages"):
        data[f"{prefix}-TOTAL_FORMS"] = "1"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    data.update(extra)
    return data


def test_cv_edit_page_renders_pickers_not_giant_selects(client_for, editor, own_candidate):
    for _ in range(30):
        OccupationFactory()
    chosen = OccupationFactory(label_da="snedker")
    own_candidate.cv.wished_occupations.add(chosen)
    html = client_for(editor).get(_cv_edit(own_candidate)).content.decode()
    assert 'name="wished_occupations"' in html and "snedker" in html
    assert html.count('name="wished_occupations"') == 1  # only the chosen one
    assert reverse("taxonomy:suggest_occupations") in html
    assert reverse("taxonomy:suggest_skills") in html


def test_cv_edit_saves_everything(client_for, editor, own_candidate):
    occupation, skill = OccupationFactory(), SkillFactory()
    danish = LanguageFactory()
    data = _cv_post(
        own_candidate.cv,
        wished_occupations=[str(occupation.pk)],
        skills=[str(skill.pk)],
        **{
            "experiences-0-occupation": str(occupation.pk),
            "experiences-0-title": "Tømrer",
            "experiences-0-start_date": "2018-01-01",
            "languages-0-language": str(danish.pk),
            "languages-0-level": "C2",
        },
    )
    response = client_for(editor).post(_cv_edit(own_candidate), data)
    assert response.status_code == 302
    assert response["Location"] == _detail(own_candidate)
    cv = own_candidate.cv
    cv.refresh_from_db()
    assert cv.profile_da == "Ny profil" and cv.max_commute_km == 25
    assert cv.experiences.get().occupation == occupation
    assert cv.languages.get().language == danish
    assert list(cv.skills.all()) == [skill]


def test_certificates_ticked_among_the_skills_become_qualification_rows(
    client_for, editor, own_candidate
):
    truck = Qualification.objects.get(code="truck-b")
    first_aid = Qualification.objects.get(code="first-aid")
    skill = SkillFactory()
    data = _cv_post(
        own_candidate.cv,
        skills=[str(skill.pk)],
        picked_qualifications=[str(truck.pk), str(first_aid.pk)],
        # Already on the CV with a date: the ticked duplicate adds nothing.
        **{"qualifications-0-qualification": str(first_aid.pk)},
        **{"qualifications-0-obtained_on": "2024-05-01"},
    )
    response = client_for(editor).post(_cv_edit(own_candidate), data)
    assert response.status_code == 302
    cv = own_candidate.cv
    assert list(cv.skills.all()) == [skill]
    held = {h.qualification.code: h.obtained_on for h in cv.qualifications.all()}
    assert held == {"truck-b": None, "first-aid": dt.date(2024, 5, 1)}


def test_ticked_certificates_stay_ticked_when_the_cv_has_errors(client_for, editor, own_candidate):
    truck = Qualification.objects.get(code="truck-b")
    data = _cv_post(
        own_candidate.cv,
        max_commute_km="-5",
        picked_qualifications=[str(truck.pk)],
    )
    response = client_for(editor).post(_cv_edit(own_candidate), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'name="picked_qualifications" value="{truck.pk}"' in html
    assert not own_candidate.cv.qualifications.exists()


def test_cv_edit_with_a_bad_row_shows_errors_and_writes_nothing(client_for, editor, own_candidate):
    occupation = OccupationFactory()
    data = _cv_post(
        own_candidate.cv,
        **{
            "experiences-0-occupation": str(occupation.pk),
            "experiences-0-title": "Tømrer",
            "experiences-0-start_date": "2020-01-01",
            "experiences-0-end_date": "2019-01-01",
        },
    )
    client = client_for(editor)
    client.cookies["django_language"] = "en"
    response = client.post(_cv_edit(own_candidate), data)
    assert response.status_code == 200
    assert "The end date must not be before the start date." in response.content.decode()
    cv = own_candidate.cv
    cv.refresh_from_db()
    assert cv.profile_da == "Erfaren tømrer med svendebrev."
    assert not cv.experiences.exists()


def test_cv_edit_removes_rows_marked_for_deletion(client_for, editor, own_candidate):
    cv = own_candidate.cv
    row = cv.experiences.create(
        occupation=OccupationFactory(), title="Old job", start_date=dt.date(2010, 1, 1)
    )
    data = _cv_post(
        cv,
        **{
            "experiences-TOTAL_FORMS": "2",
            "experiences-INITIAL_FORMS": "1",
            "experiences-0-id": str(row.pk),
            "experiences-0-cv": str(cv.pk),
            "experiences-0-occupation": str(row.occupation_id),
            "experiences-0-title": "Old job",
            "experiences-0-start_date": "2010-01-01",
            "experiences-0-DELETE": "on",
        },
    )
    response = client_for(editor).post(_cv_edit(own_candidate), data)
    assert response.status_code == 302
    assert not cv.experiences.exists()


def test_candidate_edit_dates_the_consent(client_for, editor, own_candidate):
    response = client_for(editor).post(
        reverse("candidates:edit", args=[own_candidate.pk]),
        {
            "first_name": own_candidate.first_name,
            "last_name": own_candidate.last_name,
            "email": "ny@example.dk",
            "phone": "",
            "street": "",
            "postcode": "",
            "municipality": str(own_candidate.municipality_id),
            "available_from": "2026-03-01",
            "status": "active",
            "consent_scope": "cooperation",
            "consent_given_on": "",
        },
    )
    assert response.status_code == 302
    own_candidate.refresh_from_db()
    assert own_candidate.consent_scope == "cooperation"
    assert own_candidate.consent_given_on is not None
