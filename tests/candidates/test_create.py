"""A job consultant registers a candidate from a page: CPR validated and deduplicated."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from jobbro.accesslog.models import AccessLogEntry, Purpose
from jobbro.candidates import services
from jobbro.candidates.models import Candidate, CandidateStatus, ConsentScope, Cv, TargetGroup
from jobbro.crypto import hash_cpr
from jobbro.matching.holder import get_holder
from jobbro.organisations.models import PartnerKind, PartnerOrganisation, Role
from jobbro.privacy.services import candidate_erase
from jobbro.sharing.selectors import ranked_for_job_order
from tests.factories import (
    CandidateFactory,
    CompanyFactory,
    CooperationFactory,
    JobCentreFactory,
    JobOrderFactory,
    OccupationFactory,
    PartnerOrganisationFactory,
    staff,
)
from tests.html_forms import form_data, form_index

pytestmark = pytest.mark.django_db

CREATE = reverse("candidates:create")
CPR_MESSAGE = "Et CPR-nummer har ti cifre, og de første seks er en gyldig dato (DDMMÅÅ)."


@pytest.fixture(autouse=True)
def fresh_index():
    """The process's search index must not carry another test's candidates."""
    get_holder().clear()
    yield
    get_holder().clear()


@pytest.fixture
def fund(job_centre) -> PartnerOrganisation:
    return PartnerOrganisationFactory(
        cooperation=job_centre.cooperation, name="3F A-kasse", kind=PartnerKind.UNEMPLOYMENT_FUND
    )


@pytest.fixture
def school(job_centre) -> PartnerOrganisation:
    return PartnerOrganisationFactory(
        cooperation=job_centre.cooperation, name="TEC", kind=PartnerKind.VOCATIONAL_SCHOOL
    )


def _args(job_centre, **overrides):
    args = {
        "job_centre": job_centre,
        "cpr": "150392-4711",
        "first_name": "Mette",
        "last_name": "Kjær",
        "municipality": job_centre.municipalities.first(),
        "email": "mette@example.dk",
        "phone": "22334455",
        "street": "Herlev Ringvej 2",
        "postcode": "2730",
    }
    args.update(overrides)
    return args


def _form(html, url=CREATE):
    """What the browser would submit for the page's form posting to `url`."""
    return form_data(html, form_index(html, f'action="{url}"'))


def _post(job_centre, **overrides):
    data = {
        "job_centre": job_centre.pk,
        "cpr": "150392-4711",
        "first_name": "Mette",
        "last_name": "Kjær",
        "email": "mette@example.dk",
        "phone": "22334455",
        "street": "Herlev Ringvej 2",
        "postcode": "2730",
        "municipality": job_centre.municipalities.first().pk,
        "unemployment_fund": "",
        "available_from": "",
    }
    data.update(overrides)
    return data


# --- the service --------------------------------------------------------------------


def test_a_job_consultant_creates_an_active_candidate_with_an_empty_cv(editor, job_centre, fund):
    youth = TargetGroup.objects.get(code="youth")
    carpenter = OccupationFactory()
    candidate = services.candidate_create(
        actor=editor,
        **_args(job_centre),
        target_groups=[youth],
        unemployment_fund=fund,
        wished_occupations=[carpenter],
    )
    candidate = Candidate.objects.get(pk=candidate.pk)
    assert candidate.job_centre == job_centre
    assert candidate.cpr == "1503924711"
    assert candidate.cpr_hash == hash_cpr("1503924711")
    assert candidate.birth_date == dt.date(1992, 3, 15)
    assert candidate.status == CandidateStatus.ACTIVE
    assert candidate.consent_scope == ConsentScope.NONE
    assert candidate.registered_on == candidate.available_from == timezone.localdate()
    assert list(candidate.target_groups.all()) == [youth]
    assert candidate.unemployment_fund == fund
    cv = Cv.objects.get(candidate=candidate)
    assert list(cv.wished_occupations.all()) == [carpenter]
    assert not cv.experiences.exists() and not cv.skills.exists()


@pytest.mark.parametrize(
    "cpr", ["15039247ab", "150392471", "15039247111", "3102924711", "0000004711"]
)
def test_an_invalid_cpr_number_is_refused(editor, job_centre, cpr):
    with pytest.raises(ValidationError) as error:
        services.candidate_create(actor=editor, **_args(job_centre, cpr=cpr))
    assert error.value.error_dict["cpr"][0].code == "invalid_cpr"
    assert not Candidate.objects.exists()


def test_a_modern_cpr_number_needs_no_modulus_11(editor, job_centre):
    # 010190-1235 fails the old modulus-11 check; such numbers are issued since 2007.
    candidate = services.candidate_create(actor=editor, **_args(job_centre, cpr="0101901235"))
    assert candidate.birth_date == dt.date(1990, 1, 1)


def test_a_duplicate_at_the_own_job_centre_names_the_candidate(editor, job_centre, own_candidate):
    with pytest.raises(ValidationError) as error:
        services.candidate_create(actor=editor, **_args(job_centre, cpr="120385-1234"))
    [problem] = error.value.error_dict["cpr"]
    assert problem.code == "duplicate_cpr_own"
    assert problem.params["pk"] == own_candidate.pk
    assert "allerede kandidat i dit jobcenter: Søren Østergaard" in str(error.value)
    assert Candidate.objects.count() == 1


def test_a_duplicate_at_another_job_centre_names_the_centre_not_the_person(
    other_editor, other_job_centre, own_candidate
):
    with pytest.raises(ValidationError) as error:
        services.candidate_create(actor=other_editor, **_args(other_job_centre, cpr="1203851234"))
    [problem] = error.value.error_dict["cpr"]
    assert problem.code == "duplicate_cpr_elsewhere"
    text = " ".join(error.value.messages)
    assert "Jobcenter Herlev" in text
    assert "Søren" not in text and "Østergaard" not in text and "pk" not in problem.params


def test_a_duplicate_in_a_race_is_the_same_message(editor, job_centre, own_candidate, monkeypatch):
    """The other registration commits between the check and the insert: the unique
    keyed hash refuses it, and the user reads the duplicate message, not an error page."""
    real = services._existing_by_cpr
    calls = []

    def late(cpr_hash):
        calls.append(cpr_hash)
        return None if len(calls) == 1 else real(cpr_hash)

    monkeypatch.setattr(services, "_existing_by_cpr", late)
    with pytest.raises(ValidationError) as error:
        services.candidate_create(actor=editor, **_args(job_centre, cpr="1203851234"))
    assert error.value.error_dict["cpr"][0].code == "duplicate_cpr_own"
    assert len(calls) == 2
    assert Candidate.objects.count() == 1


def test_another_integrity_error_is_not_hidden(editor, job_centre, monkeypatch):
    def broken(*args, **kwargs):
        raise IntegrityError("something else")

    monkeypatch.setattr(Candidate, "save", broken)
    with pytest.raises(IntegrityError):
        services.candidate_create(actor=editor, **_args(job_centre))


@pytest.mark.parametrize(
    "role",
    [
        Role.BUSINESS_CONSULTANT,
        Role.RECRUITMENT_CONSULTANT,
        Role.ONBOARDING_CONSULTANT,
        Role.SECRETARIAT,
        Role.TEAM_LEADER,
        Role.MANAGER,
        Role.STEERING_GROUP,
        Role.DATA_PROTECTION_OFFICER,
    ],
)
def test_only_job_consultants_create(client_for, job_centre, role):
    user = staff(role, job_centre)
    with pytest.raises(PermissionDenied):
        services.candidate_create(actor=user, **_args(job_centre))
    client = client_for(user)
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, _post(job_centre)).status_code == 403
    assert (
        'data-testid="new-candidate"' not in client.get(reverse("candidates:list")).content.decode()
    )
    assert not Candidate.objects.exists()


def test_a_job_consultant_creates_only_at_their_own_job_centre(
    client_for, editor, other_job_centre
):
    with pytest.raises(PermissionDenied):
        services.candidate_create(actor=editor, **_args(other_job_centre))
    response = client_for(editor).post(CREATE, _post(other_job_centre))
    assert response.status_code == 200
    assert response.context["form"].errors["job_centre"]
    assert not Candidate.objects.exists()


def test_the_unemployment_fund_must_be_an_a_kasse_of_the_cooperation(
    client_for, editor, job_centre, school
):
    foreign = PartnerOrganisationFactory(
        cooperation=CooperationFactory(name="Job7", short_name="J7"),
        name="Fremmed A-kasse",
        kind=PartnerKind.UNEMPLOYMENT_FUND,
    )
    for wrong in (school, foreign):
        with pytest.raises(ValidationError) as error:
            services.candidate_create(actor=editor, **_args(job_centre), unemployment_fund=wrong)
        assert "unemployment_fund" in error.value.error_dict
        # The page does not even offer them.
        response = client_for(editor).post(CREATE, _post(job_centre, unemployment_fund=wrong.pk))
        assert response.context["form"].errors["unemployment_fund"]
    assert not Candidate.objects.exists()


# --- the page -----------------------------------------------------------------------


def test_the_list_links_job_consultants_to_the_new_page(client_for, editor):
    html = client_for(editor).get(reverse("candidates:list")).content.decode()
    assert f'href="{CREATE}" data-testid="new-candidate">Ny kandidat<' in html


def test_the_page_preselects_the_only_job_centre(client_for, editor, job_centre, fund, school):
    response = client_for(editor).get(CREATE)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    form = response.context["form"]
    assert list(form.fields["job_centre"].queryset) == [job_centre]
    assert form.fields["job_centre"].initial == job_centre.pk
    assert list(form.fields["unemployment_fund"].queryset) == [fund]
    data = _form(response.content.decode())
    assert data["job_centre"] == [str(job_centre.pk)]
    assert data["municipality"] == [str(job_centre.municipalities.first().pk)]


def test_a_job_consultant_of_two_centres_chooses(client_for, editor, job_centre):
    second = JobCentreFactory(name="Jobcenter Ballerup", cooperation=job_centre.cooperation)
    editor.memberships.create(job_centre=second, role=Role.JOB_CONSULTANT)
    editor.memberships.create(
        job_centre=JobCentreFactory(name="Jobcenter Rødovre", cooperation=job_centre.cooperation),
        role=Role.BUSINESS_CONSULTANT,
    )
    form = client_for(editor).get(CREATE).context["form"]
    assert list(form.fields["job_centre"].queryset) == [second, job_centre]
    assert form.fields["job_centre"].initial is None


def test_the_page_creates_and_goes_to_the_candidate(client_for, editor, job_centre, fund):
    youth, senior = TargetGroup.objects.filter(code__in=["youth", "senior"]).order_by("pk")
    client = client_for(editor)
    response = client.post(
        CREATE,
        _post(job_centre, unemployment_fund=fund.pk, target_groups=[youth.pk, senior.pk]),
        follow=True,
    )
    candidate = Candidate.objects.get()
    assert response.redirect_chain == [(reverse("candidates:detail", args=[candidate.pk]), 302)]
    html = response.content.decode()
    assert "Mette Kjær er oprettet som kandidat." in html
    assert "3F A-kasse" in html
    assert set(candidate.target_groups.all()) == {youth, senior}
    assert candidate.cpr == "1503924711"
    # The CPR number is not on the page: showing it stays the logged action.
    assert "150392" not in html


def test_an_invalid_cpr_reshows_the_form_in_danish_with_the_input(
    client_for, editor, job_centre, fund
):
    youth = TargetGroup.objects.get(code="youth")
    response = client_for(editor).post(
        CREATE,
        _post(
            job_centre,
            cpr="3102924711",
            unemployment_fund=fund.pk,
            target_groups=[youth.pk],
            available_from="2026-03-01",
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert CPR_MESSAGE in html
    data = _form(html)
    assert data["cpr"] == ["3102924711"]
    assert data["first_name"] == ["Mette"] and data["last_name"] == ["Kjær"]
    assert data["street"] == ["Herlev Ringvej 2"] and data["email"] == ["mette@example.dk"]
    assert data["unemployment_fund"] == [str(fund.pk)]
    assert data["target_groups"] == [str(youth.pk)]
    assert data["available_from"] == ["2026-03-01"]
    assert not Candidate.objects.exists()


def test_a_missing_name_keeps_the_rest(client_for, editor, job_centre):
    response = client_for(editor).post(CREATE, _post(job_centre, first_name=""))
    assert response.context["form"].errors["first_name"]
    assert _form(response.content.decode())["cpr"] == ["150392-4711"]
    assert not Candidate.objects.exists()


def test_a_duplicate_at_the_own_centre_links_to_the_candidate_and_logs_it(
    client_for, editor, job_centre, own_candidate
):
    response = client_for(editor).post(CREATE, _post(job_centre, cpr="1203851234"))
    html = response.content.decode()
    assert "Personen er allerede kandidat i dit jobcenter: Søren Østergaard." in html
    assert f'href="{reverse("candidates:detail", args=[own_candidate.pk])}"' in html
    assert 'data-testid="duplicate-candidate"' in html
    entry = AccessLogEntry.objects.get(candidate=own_candidate)
    assert entry.purpose == Purpose.VIEW and entry.user == editor
    assert Candidate.objects.count() == 1


def test_a_duplicate_elsewhere_names_only_the_centre(
    client_for, other_editor, other_job_centre, own_candidate
):
    response = client_for(other_editor).post(CREATE, _post(other_job_centre, cpr="1203851234"))
    html = response.content.decode()
    assert "Personen er allerede kandidat i Jobcenter Herlev." in html
    assert "Søren" not in html and "Østergaard" not in html
    assert 'data-testid="duplicate-candidate"' not in html
    assert not AccessLogEntry.objects.exists()
    assert Candidate.objects.count() == 1


def test_the_new_candidate_is_found_anonymously_by_another_centre(
    editor, job_centre, other_job_centre
):
    """Done when: created, then in another job centre's ranked list, without consent."""
    warehouse = OccupationFactory(label_da="lagerarbejder", label_en="warehouse worker")
    candidate = services.candidate_create(
        actor=editor, **_args(job_centre), wished_occupations=[warehouse]
    )
    seeker = staff(Role.BUSINESS_CONSULTANT, other_job_centre)
    company = CompanyFactory(
        cooperation=job_centre.cooperation, municipality=other_job_centre.municipalities.first()
    )
    order = JobOrderFactory(
        company=company,
        job_centre=other_job_centre,
        occupation=warehouse,
        workplace_municipality=job_centre.municipalities.first(),
    )
    ranked = ranked_for_job_order(order, searcher=seeker)
    [hit] = ranked.hits
    assert hit.anonymous and hit.job_centre == job_centre
    assert hit.token  # the handle to ask for the CV
    # And the own job centre sees the person by name.
    [own] = ranked_for_job_order(order, searcher=editor).hits
    assert own.candidate == candidate


# --- the edit page: target groups and unemployment fund ------------------------------


def test_the_edit_page_saved_unchanged_changes_nothing(client_for, editor, job_centre, fund):
    candidate = CandidateFactory(
        job_centre=job_centre,
        email="a@example.dk",
        phone="11223344",
        street="Vej 1",
        postcode="2730",
        unemployment_fund=fund,
        available_from=dt.date(2026, 2, 1),
        consent_recorded_by=editor,
    )
    groups = list(TargetGroup.objects.filter(code__in=["senior", "long_term"]))
    candidate.target_groups.set(groups)
    before = Candidate.objects.values().get(pk=candidate.pk)
    url = reverse("candidates:edit", args=[candidate.pk])
    client = client_for(editor)
    page = client.get(url).content.decode()
    data = _form(page, url)
    assert data["first_name"] == [candidate.first_name]
    assert data["last_name"] == [candidate.last_name]
    assert data["unemployment_fund"] == [str(fund.pk)]
    assert sorted(data["target_groups"]) == sorted(str(g.pk) for g in groups)
    response = client.post(url, data)
    assert response.status_code == 302
    after = Candidate.objects.values().get(pk=candidate.pk)
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }
    assert set(candidate.target_groups.all()) == set(groups)


def test_the_edit_page_corrects_the_name(client_for, editor, job_centre):
    candidate = CandidateFactory(job_centre=job_centre, first_name="Mete", last_name="Kjaer")
    url = reverse("candidates:edit", args=[candidate.pk])
    client = client_for(editor)
    page = client.get(url).content.decode()
    assert page.index('<legend class="h2">Navn</legend>') < page.index("Kontakt</legend>")
    data = _form(page, url)
    data["first_name"] = ["Mette"]
    data["last_name"] = ["Kjær"]
    assert client.post(url, data).status_code == 302
    candidate.refresh_from_db()
    assert candidate.full_name == "Mette Kjær"
    data["last_name"] = [" "]
    assert client.post(url, data).context["form"].errors["last_name"]
    candidate.refresh_from_db()
    assert candidate.last_name == "Kjær"


def test_an_anonymised_candidate_cannot_be_edited(client_for, editor, job_centre):
    candidate = CandidateFactory(job_centre=job_centre)
    candidate_erase(actor=editor, candidate=candidate)
    candidate.refresh_from_db()
    client = client_for(editor)
    response = client.get(reverse("candidates:detail", args=[candidate.pk]))
    assert response.status_code == 200
    detail = response.content.decode()
    assert reverse("candidates:edit", args=[candidate.pk]) not in detail
    for name in ("candidates:edit", "candidates:cv_edit"):
        url = reverse(name, args=[candidate.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"first_name": "Mette", "last_name": "Kjær"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.candidate_update(
            actor=editor,
            candidate=candidate,
            first_name="Mette",
            email="",
            phone="",
            street="",
            postcode="",
            municipality=candidate.municipality,
            available_from=candidate.available_from,
            status=candidate.status,
            consent_scope=candidate.consent_scope,
        )
    candidate.refresh_from_db()
    assert candidate.first_name != "Mette"


def test_the_edit_page_changes_target_groups_and_fund(client_for, editor, job_centre, fund):
    candidate = CandidateFactory(job_centre=job_centre)
    candidate.target_groups.set(TargetGroup.objects.filter(code="youth"))
    url = reverse("candidates:edit", args=[candidate.pk])
    client = client_for(editor)
    data = _form(client.get(url).content.decode(), url)
    flex = TargetGroup.objects.get(code="flex_job")
    data["target_groups"] = [str(flex.pk)]
    data["unemployment_fund"] = [str(fund.pk)]
    assert client.post(url, data).status_code == 302
    candidate.refresh_from_db()
    assert list(candidate.target_groups.all()) == [flex]
    assert candidate.unemployment_fund == fund
    data["target_groups"] = []
    data["unemployment_fund"] = [""]
    assert client.post(url, data).status_code == 302
    candidate.refresh_from_db()
    assert not candidate.target_groups.exists() and candidate.unemployment_fund is None


def test_the_edit_page_offers_only_the_cooperations_a_kasser(
    client_for, editor, job_centre, fund, school
):
    candidate = CandidateFactory(job_centre=job_centre)
    url = reverse("candidates:edit", args=[candidate.pk])
    client = client_for(editor)
    form = client.get(url).context["form"]
    assert list(form.fields["unemployment_fund"].queryset) == [fund]
    data = _form(client.get(url).content.decode(), url)
    data["unemployment_fund"] = [str(school.pk)]
    assert client.post(url, data).context["form"].errors["unemployment_fund"]
    with pytest.raises(ValidationError):
        services.candidate_update(
            actor=editor,
            candidate=candidate,
            email="",
            phone="",
            street="",
            postcode="",
            municipality=candidate.municipality,
            available_from=candidate.available_from,
            status=candidate.status,
            consent_scope=candidate.consent_scope,
            consent_given_on=candidate.consent_given_on,
            unemployment_fund=school,
        )


def test_an_update_without_name_groups_and_fund_keeps_them(editor, job_centre, fund):
    """Other callers (the answer to a CV request) change consent only: nothing is lost."""
    candidate = CandidateFactory(job_centre=job_centre, unemployment_fund=fund)
    first_name, last_name = candidate.first_name, candidate.last_name
    candidate.target_groups.set(TargetGroup.objects.filter(code="senior"))
    services.candidate_update(
        actor=editor,
        candidate=candidate,
        email=candidate.email,
        phone=candidate.phone,
        street=candidate.street,
        postcode=candidate.postcode,
        municipality=candidate.municipality,
        available_from=candidate.available_from,
        status=candidate.status,
        consent_scope=ConsentScope.COOPERATION,
    )
    candidate.refresh_from_db()
    assert candidate.unemployment_fund == fund
    assert [g.code for g in candidate.target_groups.all()] == ["senior"]
    assert (candidate.first_name, candidate.last_name) == (first_name, last_name)


def test_target_groups_are_checkboxes_not_radios(client_for, editor):
    html = client_for(editor).get(CREATE).content.decode()
    boxes = [tag for tag in html.split("<input")[1:] if 'name="target_groups"' in tag]
    assert len(boxes) == TargetGroup.objects.count()
    for box in boxes:
        assert 'type="checkbox"' in box and 'class="form-checkbox"' in box


def test_a_fund_the_admin_set_survives_an_unchanged_save(client_for, editor, job_centre, school):
    """Before this page the admin accepted any partner as the fund: saving keeps it."""
    candidate = CandidateFactory(job_centre=job_centre, unemployment_fund=school)
    url = reverse("candidates:edit", args=[candidate.pk])
    client = client_for(editor)
    data = _form(client.get(url).content.decode(), url)
    assert data["unemployment_fund"] == [str(school.pk)]
    assert client.post(url, data).status_code == 302
    candidate.refresh_from_db()
    assert candidate.unemployment_fund == school
