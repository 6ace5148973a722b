"""Views: who may do what, htmx partials, and form errors that write nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobbro.joborders.models import (
    FollowUpStep,
    JobOrder,
    JobOrderStatus,
    Placement,
    Referral,
    ReferralState,
    Requirement,
)
from jobbro.organisations.models import Role
from tests.factories import (
    CompanyFactory,
    FollowUpFactory,
    JobOrderFactory,
    LanguageFactory,
    PlacementFactory,
    QualificationFactory,
    ReferralFactory,
    RequirementFactory,
    SkillFactory,
    staff,
)
from tests.html_forms import form_data, form_index

from .conftest import future, make_candidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_en(client_for):
    def make(user) -> Client:
        client = client_for(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


@pytest.fixture
def referral(job_order, candidate, partner):
    referral = ReferralFactory(job_order=job_order, candidate=candidate, proposed_by=partner)
    referral.transitions.create(to_state="proposed", by=partner, at=timezone.now())
    return referral


@pytest.fixture
def follow_up(referral, onboarding):
    placement = PlacementFactory(
        referral=referral,
        start_date=timezone.localdate() - dt.timedelta(days=10),
        hours_per_week=37,
        recorded_by=onboarding,
        onboarding_consultant=onboarding,
        created_at=timezone.now(),
    )
    return FollowUpFactory(
        placement=placement, step=FollowUpStep.WEEK, due_on=timezone.localdate() - dt.timedelta(3)
    )


@pytest.fixture
def foreign_job_order(foreign_job_centre):
    company = CompanyFactory(cooperation=foreign_job_centre.cooperation)
    return JobOrderFactory(company=company, job_centre=foreign_job_centre)


# --- permissions ------------------------------------------------------------------------

# (url name, needs a pk of, allowed role, refused role)
GET_VIEWS = [
    ("joborders:list", None, Role.MANAGER, Role.DATA_PROTECTION_OFFICER),
    ("joborders:detail", "job_order", Role.ONBOARDING_CONSULTANT, Role.DATA_PROTECTION_OFFICER),
    ("joborders:edit", "job_order", Role.BUSINESS_CONSULTANT, Role.JOB_CONSULTANT),
    ("sharing:ranked", "job_order", Role.JOB_CONSULTANT, Role.MANAGER),
    ("joborders:hire", "referral", Role.BUSINESS_CONSULTANT, Role.SECRETARIAT),
    ("joborders:follow_ups", None, Role.ONBOARDING_CONSULTANT, Role.MANAGER),
    ("joborders:follow_up", "follow_up", Role.ONBOARDING_CONSULTANT, Role.SECRETARIAT),
]


def _url(name, key, objects):
    return reverse(name, args=[objects[key].pk]) if key else reverse(name)


@pytest.mark.parametrize(("name", "key", "allowed_role", "refused_role"), GET_VIEWS)
def test_get_view_permissions(
    name, key, allowed_role, refused_role, job_centre, job_order, referral, follow_up, client_for
):
    objects = {"job_order": job_order, "referral": referral, "follow_up": follow_up}
    url = _url(name, key, objects)
    anonymous = Client().get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))
    assert client_for(staff(allowed_role, job_centre)).get(url).status_code == 200
    assert client_for(staff(refused_role, job_centre)).get(url).status_code == 403


def test_create_permissions(company, job_centre, client_for):
    url = reverse("joborders:create") + f"?company={company.pk}"
    assert Client().get(url).status_code == 302
    assert client_for(staff(Role.SECRETARIAT, job_centre)).get(url).status_code == 200
    assert client_for(staff(Role.JOB_CONSULTANT, job_centre)).get(url).status_code == 403


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("joborders:detail", "job_order"),
        ("joborders:edit", "job_order"),
        ("sharing:ranked", "job_order"),
        ("joborders:hire", "referral"),
    ],
)
def test_other_cooperations_job_orders_are_not_found(
    name, key, foreign_job_order, foreign_job_centre, client_for, consultant
):
    foreign_referral = ReferralFactory(
        job_order=foreign_job_order, candidate=make_candidate(foreign_job_centre)
    )
    objects = {"job_order": foreign_job_order, "referral": foreign_referral}
    assert client_for(consultant).get(_url(name, key, objects)).status_code == 404


def test_other_cooperation_post_views_are_not_found(
    foreign_job_order, foreign_job_centre, client_for, consultant, candidate
):
    client = client_for(consultant)
    foreign_referral = ReferralFactory(
        job_order=foreign_job_order, candidate=make_candidate(foreign_job_centre)
    )
    propose = reverse("sharing:propose", args=[foreign_job_order.pk])
    assert client.post(propose, {"candidate": candidate.pk}).status_code == 404
    answer = reverse("joborders:referral_transition", args=[foreign_referral.pk])
    assert client.post(answer, {"to_state": "declined"}).status_code == 404
    company = CompanyFactory(cooperation=foreign_job_centre.cooperation)
    create = reverse("joborders:create") + f"?company={company.pk}"
    assert client.get(create).status_code == 404


def test_follow_up_of_another_job_centre_is_not_found(follow_up, other_job_centre, client_for):
    stranger = staff(Role.ONBOARDING_CONSULTANT, other_job_centre)
    url = reverse("joborders:follow_up", args=[follow_up.pk])
    assert client_for(stranger).get(url).status_code == 404


def test_edit_is_for_the_responsible_job_centre(job_order, other_job_centre, client_for):
    elsewhere = staff(Role.BUSINESS_CONSULTANT, other_job_centre)
    url = reverse("joborders:edit", args=[job_order.pk])
    assert client_for(elsewhere).get(url).status_code == 403
    # The secretariat edits the orders it runs, not a job centre's.
    secretariat = staff(Role.SECRETARIAT, other_job_centre)
    assert client_for(secretariat).get(url).status_code == 403
    job_order.by_secretariat = True
    job_order.save(update_fields=["by_secretariat"])
    assert client_for(secretariat).get(url).status_code == 200


def test_post_views_refuse_roles_and_anonymous(job_order, referral, candidate, manager, client_for):
    for url in (
        reverse("sharing:propose", args=[job_order.pk]),
        reverse("joborders:referral_transition", args=[referral.pk]),
    ):
        assert Client().post(url).status_code == 302
        assert client_for(manager).post(url, {"candidate": candidate.pk}).status_code == 403
    assert Referral.objects.get(pk=referral.pk).state == ReferralState.PROPOSED


# --- list and detail ----------------------------------------------------------------------


def test_list_filters_and_htmx_partial(job_order, company, manager, client_en):
    JobOrderFactory(company=company, job_centre=job_order.job_centre, title="Lagerarbejder")
    client = client_en(manager)
    page = client.get(reverse("joborders:list"))
    assert page.status_code == 200
    assert "<html" in page.content.decode()
    partial = client.get(reverse("joborders:list"), {"q": "lager"}, HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert "<html" not in body
    assert "Lagerarbejder" in body and job_order.title not in body


def test_detail_shows_requirements_and_referrals(job_order, referral, partner, client_en):
    licence = QualificationFactory(
        code="b", kind="driving_licence", label_da="Kørekort B", label_en="Driving licence B"
    )
    RequirementFactory(
        job_order=job_order, importance="must", kind="qualification", qualification=licence
    )
    RequirementFactory(job_order=job_order, importance="nice", kind="experience", min_years=2)
    body = client_en(partner).get(reverse("joborders:detail", args=[job_order.pk])).content.decode()
    assert "Driving licence B" in body
    assert "2 years of experience" in body
    # Said once: the kind in brackets would repeat it ("2 years of experience (years of …)").
    assert body.count("years of experience") == 1
    assert "(certificate or licence)" in body
    assert referral.candidate.full_name in body
    assert "Invited to interview" in body
    assert "0 of 2 filled" in body


# --- create and edit ------------------------------------------------------------------------


def _order_post(chosen, **overrides):
    data = {
        "title": "Tømrer til metroen",
        "occupation": chosen.pk,
        "kind": "ordinary",
        "positions": "2",
        "hours_per_week": "37",
        "tasks": "",
        "workplace_address": "Sydhavnen",
        "start_date": future(30).isoformat(),
        "deadline": future(14).isoformat(),
        "req-TOTAL_FORMS": "2",
        "req-INITIAL_FORMS": "0",
        "req-MIN_NUM_FORMS": "0",
        "req-MAX_NUM_FORMS": "1000",
        "req-0-importance": "must",
        "req-0-kind": "experience",
        "req-0-min_years": "2",
        "req-1-importance": "must",
        "req-1-kind": "",
    }
    data.update(overrides)
    return data


def test_create_registers_the_job_order_and_requirements(
    company, consultant, occupation, client_en
):
    url = reverse("joborders:create") + f"?company={company.pk}"
    data = _order_post(occupation, workplace_municipality=company.municipality.pk)
    response = client_en(consultant).post(url, data)
    order = JobOrder.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("joborders:detail", args=[order.pk])
    assert order.company == company and order.created_by == consultant
    assert list(order.requirements.values_list("kind", "min_years")) == [("experience", 2)]


def test_create_without_company_sends_the_user_to_the_companies(consultant, client_for):
    response = client_for(consultant).get(reverse("joborders:create"))
    assert response.status_code == 302
    assert response["Location"] == reverse("companies:list")


def test_create_page_names_the_company_and_preselects(company, consultant, client_en):
    url = reverse("joborders:create") + f"?company={company.pk}"
    response = client_en(consultant).get(url)
    assert company.name in response.content.decode()
    assert response.context["form"].initial["workplace_municipality"] == company.municipality


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"occupation": ""}, "occupation", "Choose an occupation from the suggestions."),
        (
            {"deadline": future(60).isoformat()},
            "deadline",
            "The application deadline must not be after the start date.",
        ),
    ],
)
def test_create_form_errors_write_nothing(
    company, consultant, occupation, client_en, overrides, field, message
):
    url = reverse("joborders:create") + f"?company={company.pk}"
    data = _order_post(occupation, workplace_municipality=company.municipality.pk, **overrides)
    response = client_en(consultant).post(url, data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert message in response.content.decode()
    assert not JobOrder.objects.exists()


def test_create_requirement_row_error_writes_nothing(company, consultant, occupation, client_en):
    url = reverse("joborders:create") + f"?company={company.pk}"
    data = _order_post(
        occupation,
        workplace_municipality=company.municipality.pk,
        **{"req-1-kind": "qualification"},
    )
    response = client_en(consultant).post(url, data)
    assert response.status_code == 200
    assert "Choose the certificate or licence." in response.content.decode()
    assert not JobOrder.objects.exists() and not Requirement.objects.exists()


def test_edit_saves_changes_and_replaces_requirements(job_order, consultant, occupation, client_en):
    RequirementFactory(job_order=job_order, importance="must", kind="experience", min_years=5)
    url = reverse("joborders:edit", args=[job_order.pk])
    data = _order_post(
        occupation,
        workplace_municipality=job_order.workplace_municipality.pk,
        status="closed",
        title="Ny titel",
        **{"req-0-DELETE": "on", "req-INITIAL_FORMS": "1"},
    )
    response = client_en(consultant).post(url, data)
    assert response.status_code == 302
    job_order.refresh_from_db()
    assert (job_order.title, job_order.status) == ("Ny titel", JobOrderStatus.CLOSED)
    assert not job_order.requirements.exists()


def test_job_order_form_uses_the_taxonomy_picker(company, consultant, client_for):
    url = reverse("joborders:create") + f"?company={company.pk}"
    body = client_for(consultant).get(url).content.decode()
    occupations = reverse("taxonomy:suggest_occupations")
    skills = reverse("taxonomy:suggest_skills")
    assert 'data-testid="picker-occupation"' in body
    # The title searches into the occupation's picker.
    title = body[body.index('name="title"') :]
    title = title[: title.index(">")]
    assert f'hx-get="{occupations}?field=occupation&amp;multiple=0&amp;limit=5"' in title
    assert 'hx-target="#id_occupation_options"' in title
    # A requirement's skill: one choice among skills and certificates, by the occupation.
    assert (
        f'hx-get="{skills}?field=req-0-skill&amp;multiple=0&amp;qualification_field=req-0-skill"'
        in body
    )
    assert 'hx-include="#id_req-0-skill_options, [name=&#x27;occupation&#x27;]"' in body


def test_a_certificate_picked_as_a_skill_becomes_a_certificate_requirement(
    company, consultant, occupation, client_en
):
    truck = QualificationFactory()
    url = reverse("joborders:create") + f"?company={company.pk}"
    data = _order_post(
        occupation,
        workplace_municipality=company.municipality.pk,
        **{"req-1-kind": "skill", "req-1-skill": f"q{truck.pk}"},
    )
    response = client_en(consultant).post(url, data)
    assert response.status_code == 302
    requirement = JobOrder.objects.get().requirements.get(kind="qualification")
    assert (requirement.qualification, requirement.skill) == (truck, None)


def test_a_skill_requirement_shows_its_skill_ticked(job_order, consultant, client_for):
    skill = SkillFactory(label_da="svejse", label_en="weld")
    Requirement.objects.create(job_order=job_order, importance="must", kind="skill", skill=skill)
    body = client_for(consultant).get(reverse("joborders:edit", args=[job_order.pk]))
    assert f'name="req-0-skill" value="{skill.pk}" id="req-0-skill_{skill.pk}" checked' in (
        body.content.decode()
    )


# --- search and propose -----------------------------------------------------------------


def test_search_page_ranks_and_htmx_facets(
    job_order, candidate, other_job_centre, occupation, partner, client_en
):
    shared = make_candidate(other_job_centre, first_name="Gladsaxe", occupation=occupation)
    hidden = make_candidate(
        other_job_centre, consent=False, first_name="Hidden", occupation=occupation
    )
    client = client_en(partner)
    url = reverse("sharing:ranked", args=[job_order.pk])
    body = client.get(url).content.decode()
    assert "Anna" in body and "Gladsaxe" in body
    assert "Hidden" not in body and hidden.last_name not in body
    assert "3 candidates passed the hard requirements" in body
    assert "Only as a wished occupation" in body
    assert f"A candidate at {other_job_centre.name} matches" in body
    partial = client.get(url, {"job_centres": job_order.job_centre_id}, HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert "<html" not in body
    # By full name: a factory's municipality may be the real Gladsaxe, shown on Anna's card.
    assert "Anna" in body and shared.full_name not in body and "A candidate at" not in body


def test_search_with_a_bad_facet_says_so_and_still_ranks(job_order, candidate, partner, client_en):
    url = reverse("sharing:ranked", args=[job_order.pk])
    body = client_en(partner).get(url, {"available_by": "31-31-2026"}).content.decode()
    assert "Enter a valid date." in body
    assert "Anna" in body


def test_search_empty_state_advises(job_order, partner, client_en):
    url = reverse("sharing:ranked", args=[job_order.pk])
    body = client_en(partner).get(url, {"max_distance": "10"}).content.decode()
    assert "No candidate passes the requirements." in body
    assert "Loosen the filters" in body


def test_propose_with_htmx_replaces_the_row(job_order, candidate, partner, client_en):
    url = reverse("sharing:propose", args=[job_order.pk])
    response = client_en(partner).post(
        url, {"candidate": candidate.pk, "motivation": "Har svendebrev"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Proposed ✓" in response.content.decode()
    assert "<li" not in response.content.decode()  # only the action, not the whole row
    referral = Referral.objects.get()
    assert (referral.candidate, referral.motivation) == (candidate, "Har svendebrev")


def test_propose_twice_shows_the_message(job_order, candidate, partner, client_en):
    url = reverse("sharing:propose", args=[job_order.pk])
    client = client_en(partner)
    client.post(url, {"candidate": candidate.pk}, HTTP_HX_REQUEST="true")
    response = client.post(url, {"candidate": candidate.pk}, HTTP_HX_REQUEST="true")
    assert "is already proposed for this job order" in response.content.decode()
    assert Referral.objects.count() == 1


def test_propose_invisible_candidate_is_not_found(job_order, other_job_centre, partner, client_for):
    hidden = make_candidate(other_job_centre, consent=False)
    url = reverse("sharing:propose", args=[job_order.pk])
    assert client_for(partner).post(url, {"candidate": hidden.pk}).status_code == 404
    assert not Referral.objects.exists()


def test_propose_without_htmx_redirects_back(job_order, candidate, partner, client_for):
    url = reverse("sharing:propose", args=[job_order.pk])
    response = client_for(partner).post(url, {"candidate": candidate.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("sharing:ranked", args=[job_order.pk])


# --- answers and hire ---------------------------------------------------------------------


def test_answer_with_htmx_updates_the_row(referral, partner, client_en):
    url = reverse("joborders:referral_transition", args=[referral.pk])
    response = client_en(partner).post(
        url, {"to_state": "interview", "reason": "Samtale tirsdag"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith("<tr") or "<tr" in body.split("\n", 3)[-1]
    assert "Invited to interview" in body and "Samtale tirsdag" in body
    referral.refresh_from_db()
    assert referral.state == ReferralState.INTERVIEW


def test_illegal_answer_shows_the_message_in_the_row(referral, partner, client_en):
    Referral.objects.filter(pk=referral.pk).update(state=ReferralState.DECLINED)
    url = reverse("joborders:referral_transition", args=[referral.pk])
    response = client_en(partner).post(url, {"to_state": "interview"}, HTTP_HX_REQUEST="true")
    assert "A referral cannot go from" in response.content.decode()
    assert Referral.objects.get(pk=referral.pk).state == ReferralState.DECLINED


def test_answer_without_htmx_redirects_to_the_job_order(referral, partner, client_for):
    url = reverse("joborders:referral_transition", args=[referral.pk])
    response = client_for(partner).post(url, {"to_state": "withdrawn"})
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("joborders:detail", args=[referral.job_order_id])
    )


def test_hire_form_records_the_hire(referral, partner, onboarding, client_en):
    url = reverse("joborders:hire", args=[referral.pk])
    response = client_en(partner).post(
        url,
        {
            "start_date": future(20).isoformat(),
            "hours_per_week": "37",
            "ordinary_hours": "on",
            "onboarding_consultant": onboarding.pk,
        },
    )
    assert response.status_code == 302
    placement = Placement.objects.get()
    assert placement.onboarding_consultant == onboarding
    assert placement.follow_ups.count() == 3
    assert JobOrder.objects.get(pk=referral.job_order_id).hires == 1


def test_hire_form_errors_write_nothing(referral, partner, client_en):
    url = reverse("joborders:hire", args=[referral.pk])
    response = client_en(partner).post(url, {"start_date": "", "hours_per_week": "200"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"start_date", "hours_per_week"}
    assert not Placement.objects.exists()


def test_hire_beyond_positions_shows_the_message(referral, partner, client_en):
    JobOrder.objects.filter(pk=referral.job_order_id).update(hires=2, status="filled")
    url = reverse("joborders:hire", args=[referral.pk])
    response = client_en(partner).post(
        url, {"start_date": future(20).isoformat(), "hours_per_week": "37"}
    )
    assert response.status_code == 200
    assert "All positions are filled." in response.content.decode()
    assert not Placement.objects.exists()


# --- follow-ups -------------------------------------------------------------------------


def test_follow_up_list_highlights_overdue(follow_up, onboarding, client_en):
    body = client_en(onboarding).get(reverse("joborders:follow_ups")).content.decode()
    assert 'data-testid="overdue"' in body
    assert follow_up.placement.referral.candidate.full_name in body


def test_follow_up_form_records(follow_up, onboarding, client_en):
    url = reverse("joborders:follow_up", args=[follow_up.pk])
    response = client_en(onboarding).post(
        url, {"still_employed": "yes", "ordinary_hours": "no", "note": "Trives"}
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.still_employed, follow_up.ordinary_hours, follow_up.note) == (
        True,
        False,
        "Trives",
    )


def test_follow_up_form_errors_write_nothing(follow_up, onboarding, client_en):
    url = reverse("joborders:follow_up", args=[follow_up.pk])
    response = client_en(onboarding).post(url, {"still_employed": "yes"})
    assert response.status_code == 200
    assert "Answer whether the hours are ordinary." in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.done_at is None


def _requirement_rows(job_order):
    return sorted(
        job_order.requirements.values_list(
            "importance",
            "kind",
            "qualification_id",
            "language_id",
            "language_level",
            "skill_id",
            "min_years",
        )
    )


@pytest.fixture
def three_requirements(job_order):
    RequirementFactory(job_order=job_order, importance="must", kind="experience", min_years=3)
    RequirementFactory(
        job_order=job_order,
        importance="must",
        kind="qualification",
        qualification=QualificationFactory(),
    )
    RequirementFactory(
        job_order=job_order,
        importance="nice",
        kind="language",
        language=LanguageFactory(),
        language_level="B1",
    )
    return _requirement_rows(job_order)


def test_edit_saved_unchanged_keeps_every_requirement(
    job_order, consultant, three_requirements, client_for
):
    client = client_for(consultant)
    url = reverse("joborders:edit", args=[job_order.pk])
    page = client.get(url).content.decode()
    response = client.post(url, form_data(page, form_index(page, url)))
    assert response.status_code == 302
    assert _requirement_rows(job_order) == three_requirements


def test_edit_of_one_requirement_keeps_the_others(
    job_order, consultant, three_requirements, client_for
):
    client = client_for(consultant)
    url = reverse("joborders:edit", args=[job_order.pk])
    page = client.get(url).content.decode()
    data = form_data(page, form_index(page, url))
    row = next(k for k, v in data.items() if k.endswith("-kind") and v == ["experience"])
    data[row.replace("-kind", "-min_years")] = ["5"]
    assert client.post(url, data).status_code == 302
    expected = [(*r[:6], 5) if r[1] == "experience" else r for r in three_requirements]
    assert _requirement_rows(job_order) == sorted(expected)
