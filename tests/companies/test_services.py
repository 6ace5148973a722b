import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from jobbro.companies import services
from jobbro.companies.models import Company, ContactPerson, Interaction, RecruitmentAgreement
from jobbro.organisations.models import Role
from tests.factories import (
    CompanyFactory,
    ContactPersonFactory,
    IndustryFactory,
    JobCentreFactory,
    MembershipFactory,
    MunicipalityFactory,
    OccupationFactory,
    staff,
)

pytestmark = pytest.mark.django_db


def _create(consultant, job_centre, **overrides):
    fields = {
        "actor": consultant,
        "cooperation": job_centre.cooperation,
        "cvr": "10000009",
        "name": "Østerbro Byg ApS",
        "street": "Nørrebrogade 1",
        "postcode": "2200",
        "city": "København N",
        "municipality": job_centre.municipalities.get(),
        "industry": IndustryFactory(),
    }
    return services.company_create(**{**fields, **overrides})


def test_company_create_makes_the_registering_user_the_contact_consultant(
    consultant, job_centre
) -> None:
    company = _create(consultant, job_centre, cvr="DK 1000 0009")

    company.refresh_from_db()
    assert company.cvr == "10000009"
    assert company.contact_consultant == consultant
    assert company.cooperation == job_centre.cooperation


def test_company_create_keeps_a_named_contact_consultant(consultant, job_centre) -> None:
    colleague = staff(Role.BUSINESS_CONSULTANT, job_centre)

    company = _create(consultant, job_centre, contact_consultant=colleague)

    assert company.contact_consultant == colleague


def test_duplicate_cvr_in_the_cooperation_is_refused_with_the_existing_name(
    consultant, job_centre
) -> None:
    CompanyFactory(cooperation=job_centre.cooperation, cvr="10000009", name="Første Byg A/S")

    with pytest.raises(ValidationError) as refused:
        _create(consultant, job_centre, cvr="10000009")

    assert "Første Byg A/S" in refused.value.message_dict["cvr"][0]
    assert Company.objects.count() == 1


def test_the_same_cvr_may_exist_in_another_cooperation(
    consultant, job_centre, foreign_job_centre
) -> None:
    CompanyFactory(cooperation=foreign_job_centre.cooperation, cvr="10000009")

    _create(consultant, job_centre, cvr="10000009")

    assert Company.objects.filter(cvr="10000009").count() == 2


@pytest.mark.parametrize("cvr", ["10000008", "1234", "01000009", "abcdefgh"])
def test_invalid_cvr_is_refused(consultant, job_centre, cvr) -> None:
    with pytest.raises(ValidationError) as refused:
        _create(consultant, job_centre, cvr=cvr)

    assert "cvr" in refused.value.message_dict
    assert not Company.objects.exists()


def test_company_update_changes_the_fields(consultant, company) -> None:
    services.company_update(
        actor=consultant, company=company, name="Nyt Navn ApS", is_ambassador=True
    )

    company.refresh_from_db()
    assert company.name == "Nyt Navn ApS"
    assert company.is_ambassador


def test_company_update_to_another_companys_cvr_is_refused(consultant, company) -> None:
    other = CompanyFactory(cooperation=company.cooperation, cvr="10000017")

    with pytest.raises(ValidationError) as refused:
        services.company_update(actor=consultant, company=company, cvr=other.cvr)

    assert "cvr" in refused.value.message_dict
    assert Company.objects.get(pk=company.pk).cvr != other.cvr


def test_company_update_refuses_fields_it_does_not_own(consultant, company) -> None:
    with pytest.raises(TypeError):
        services.company_update(actor=consultant, company=company, cooperation=None)


def test_a_new_primary_contact_takes_over(consultant, company) -> None:
    first = ContactPersonFactory(company=company, is_primary=True)

    second = services.contact_person_create(
        actor=consultant, company=company, name="Jens Holm", is_primary=True
    )

    first.refresh_from_db()
    assert not first.is_primary
    assert second.is_primary
    assert ContactPerson.objects.filter(company=company, is_primary=True).count() == 1


def test_interaction_is_logged_for_the_actors_job_centre(consultant, company, job_centre) -> None:
    follow_up = timezone.localdate() + dt.timedelta(days=14)

    interaction = services.interaction_create(
        actor=consultant,
        company=company,
        kind="visit",
        summary="  Besøg om tømrerlærlinge.  ",
        outcome="To jobordrer på vej",
        follow_up_on=follow_up,
    )

    assert interaction.consultant == consultant
    assert interaction.job_centre == job_centre
    assert interaction.summary == "Besøg om tømrerlærlinge."
    assert interaction.follow_up_on == follow_up


def test_interaction_prefers_the_companys_home_job_centre(job_centre, company) -> None:
    elsewhere = JobCentreFactory(cooperation=job_centre.cooperation, name="Jobcenter Aaa")
    consultant = staff(Role.BUSINESS_CONSULTANT, elsewhere)
    MembershipFactory(user=consultant, job_centre=job_centre, role=Role.BUSINESS_CONSULTANT)

    interaction = services.interaction_create(
        actor=consultant, company=company, kind="call", summary="Opkald"
    )

    assert (interaction.job_centre, interaction.by_secretariat) == (job_centre, False)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("follow_up_on", dt.date(2000, 1, 1)),
        ("kind", "telepathy"),
    ],
)
def test_interaction_refuses_bad_input(consultant, company, field, value) -> None:
    fields = {"kind": "call", "summary": "Opkald", field: value}

    with pytest.raises(ValidationError) as refused:
        services.interaction_create(actor=consultant, company=company, **fields)

    assert field in refused.value.message_dict
    assert not Interaction.objects.exists()


def test_interaction_refuses_a_contact_of_another_company(consultant, company) -> None:
    stranger = ContactPersonFactory(company=CompanyFactory(cooperation=company.cooperation))

    with pytest.raises(ValidationError):
        services.interaction_create(
            actor=consultant, company=company, kind="call", summary="x", contact=stranger
        )
    assert not Interaction.objects.exists()


def test_interaction_needs_a_job_centre_in_the_cooperation(company, foreign_job_centre) -> None:
    outsider = staff(Role.BUSINESS_CONSULTANT, foreign_job_centre)

    with pytest.raises(ValidationError):
        services.interaction_create(actor=outsider, company=company, kind="call", summary="x")
    assert not Interaction.objects.exists()


def test_agreement_create(consultant, company, job_centre) -> None:
    carpenter = OccupationFactory()

    agreement = services.agreement_create(
        actor=consultant,
        company=company,
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
        occupations=[carpenter],
        expected_hires=5,
        job_guarantee=True,
        guarantee_terms="Kandidater med svendebrev ansættes efter forløbet.",
    )

    assert agreement.job_centre == job_centre
    assert agreement.signed_by == consultant
    assert list(agreement.occupations.all()) == [carpenter]


def test_agreement_period_must_be_ordered(consultant, company) -> None:
    with pytest.raises(ValidationError) as refused:
        services.agreement_create(
            actor=consultant,
            company=company,
            start_date=dt.date(2026, 6, 1),
            end_date=dt.date(2026, 1, 1),
        )

    assert "end_date" in refused.value.message_dict
    assert not RecruitmentAgreement.objects.exists()


def test_a_company_may_sit_outside_the_served_municipalities(consultant, job_centre) -> None:
    """A company may sit outside the municipalities the cooperation serves."""
    company = _create(consultant, job_centre, municipality=MunicipalityFactory())

    assert company.pk


def test_company_update_is_for_those_who_manage_the_company(
    company, other_job_centre, consultant
) -> None:
    """The service refuses as the view does, and judges by the stored municipality, so a
    consultant cannot move a company to their own job centre to gain the right."""
    gladsaxe = staff(Role.BUSINESS_CONSULTANT, other_job_centre)
    company.municipality = other_job_centre.municipalities.get()  # as a bound ModelForm does

    with pytest.raises(ValidationError) as refused:
        services.company_update(
            actor=gladsaxe, company=company, name="Overtaget", municipality=company.municipality
        )

    assert refused.value.code == "not_home"
    stored = Company.objects.get(pk=company.pk)
    assert (stored.name, stored.municipality) == (
        "Herlev Tømrer- og Snedkerfirma",
        consultant.memberships.get().job_centre.municipalities.get(),
    )


def test_the_database_keeps_one_primary_contact(company) -> None:
    ContactPersonFactory(company=company, is_primary=True)
    second = ContactPerson(company=company, name="Jens Holm", is_primary=True)

    with translation.override("da"), pytest.raises(ValidationError) as refused:
        second.full_clean()
    assert "har allerede en primær kontakt" in str(refused.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()
    ContactPersonFactory(company=company, is_primary=False)  # any number of others
