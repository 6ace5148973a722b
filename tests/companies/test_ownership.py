"""One company, one contact: the home job centre names the contact consultant."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jobbro.companies import selectors, services
from jobbro.organisations.models import Role
from tests.factories import CompanyFactory, IndustryFactory, MunicipalityFactory, staff, valid_cvrs

pytestmark = pytest.mark.django_db


@pytest.fixture
def gladsaxe_consultant(other_job_centre):
    return staff(Role.BUSINESS_CONSULTANT, other_job_centre)


def test_the_home_job_centre_serves_the_companys_municipality(
    company, job_centre, other_job_centre
) -> None:
    assert selectors.company_home_job_centre(company) == job_centre


def test_home_consultants_and_the_secretariat_may_manage(
    company, consultant, job_centre, gladsaxe_consultant, other_job_centre
) -> None:
    secretariat = staff(Role.SECRETARIAT, other_job_centre)
    partner = staff(Role.JOB_CONSULTANT, job_centre)

    assert selectors.may_manage_company(consultant, company)
    assert selectors.may_manage_company(secretariat, company)
    assert not selectors.may_manage_company(gladsaxe_consultant, company)
    assert not selectors.may_manage_company(partner, company)


def test_the_contact_must_be_a_business_consultant_of_the_home_centre(
    company, consultant, job_centre, gladsaxe_consultant
) -> None:
    colleague = staff(Role.BUSINESS_CONSULTANT, job_centre)
    partner = staff(Role.JOB_CONSULTANT, job_centre)

    services.contact_consultant_set(actor=consultant, company=company, consultant=colleague)
    company.refresh_from_db()
    assert company.contact_consultant == colleague

    for outsider in (gladsaxe_consultant, partner):
        with pytest.raises(ValidationError) as refused:
            services.contact_consultant_set(actor=consultant, company=company, consultant=outsider)
        assert "contact_consultant" in refused.value.message_dict
    company.refresh_from_db()
    assert company.contact_consultant == colleague


def test_another_centres_consultant_may_not_name_the_contact(
    company, consultant, gladsaxe_consultant
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.contact_consultant_set(
            actor=gladsaxe_consultant, company=company, consultant=consultant
        )

    assert refused.value.code == "not_home"


def test_registering_for_another_centre_names_no_contact(job_centre, gladsaxe_consultant) -> None:
    company = services.company_create(
        actor=gladsaxe_consultant,
        cooperation=job_centre.cooperation,
        cvr=valid_cvrs(1)[0],
        name="Herlev Hus ApS",
        street="Vej 1",
        postcode="2730",
        city="Herlev",
        municipality=job_centre.municipalities.get(),
        industry=IndustryFactory(),
    )

    assert company.contact_consultant is None


def test_moving_to_another_municipality_clears_a_contact_of_the_old_centre(
    company, consultant, other_job_centre
) -> None:
    company.contact_consultant = consultant
    company.save()

    services.company_update(
        actor=consultant, company=company, municipality=other_job_centre.municipalities.get()
    )

    company.refresh_from_db()
    assert company.contact_consultant is None


def test_a_company_outside_the_cooperations_area_has_no_contact_choices(consultant) -> None:
    company = CompanyFactory(municipality=MunicipalityFactory(), cvr=valid_cvrs(1)[0])

    assert not selectors.contact_consultant_choices(company).exists()


# The pages.


def test_every_job_centre_sees_the_contact_on_the_page_and_in_the_list(
    company, consultant, gladsaxe_consultant, client_for
) -> None:
    consultant.email = "karen@herlev.dk"
    consultant.save()
    company.contact_consultant = consultant
    company.save()
    client = client_for(gladsaxe_consultant)

    page = client.get(reverse("companies:detail", args=[company.pk])).content.decode()
    listing = client.get(reverse("companies:list")).content.decode()

    for html in (page, listing):
        assert consultant.get_full_name() in html
        assert "mailto:karen@herlev.dk" in html
        assert "Jobcenter Herlev" in html
    assert reverse("companies:contact_consultant", args=[company.pk]) not in page


def test_the_home_consultant_changes_the_contact(
    company, consultant, job_centre, client_for
) -> None:
    colleague = staff(Role.BUSINESS_CONSULTANT, job_centre)
    client = client_for(consultant)
    url = reverse("companies:contact_consultant", args=[company.pk])

    page = client.get(reverse("companies:detail", args=[company.pk])).content.decode()
    response = client.post(url, {"consultant": colleague.pk})

    assert url in page
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.contact_consultant == colleague


def test_another_centres_consultant_may_not_open_the_contact_form(
    company, gladsaxe_consultant, consultant, client_for
) -> None:
    client = client_for(gladsaxe_consultant)
    url = reverse("companies:contact_consultant", args=[company.pk])

    assert client.get(url).status_code == 403
    assert client.post(url, {"consultant": consultant.pk}).status_code == 403
    company.refresh_from_db()
    assert company.contact_consultant is None


def test_the_contact_form_offers_only_home_consultants(
    company, consultant, gladsaxe_consultant, client_for
) -> None:
    response = client_for(consultant).post(
        reverse("companies:contact_consultant", args=[company.pk]),
        {"consultant": gladsaxe_consultant.pk},
    )

    assert response.status_code == 200
    assert "form-error-message" in response.content.decode()
    company.refresh_from_db()
    assert company.contact_consultant is None


# The company's master data: only those who manage it edit it.


def _edit_data(company, **changes):
    data = {
        "name": company.name,
        "cvr": company.cvr,
        "p_number": company.p_number,
        "street": company.street,
        "postcode": company.postcode,
        "city": company.city,
        "municipality": company.municipality_id,
        "industry": company.industry_id,
        "phone": company.phone,
        "email": company.email,
        "website": company.website,
        "notes": company.notes,
    }
    data.update(changes)
    return data


def test_moving_the_company_on_the_edit_page_clears_the_old_centres_contact(
    company, consultant, other_job_centre, client_for
) -> None:
    company.contact_consultant = consultant
    company.save()
    gladsaxe = other_job_centre.municipalities.get()

    response = client_for(consultant).post(
        reverse("companies:edit", args=[company.pk]), _edit_data(company, municipality=gladsaxe.pk)
    )

    assert response.status_code == 302
    company.refresh_from_db()
    assert company.municipality == gladsaxe
    assert company.contact_consultant is None


def test_an_edit_that_does_not_move_the_company_keeps_its_contact(
    company, consultant, client_for
) -> None:
    company.contact_consultant = consultant
    company.save()

    client_for(consultant).post(
        reverse("companies:edit", args=[company.pk]), _edit_data(company, phone="44 11 22 33")
    )

    company.refresh_from_db()
    assert (company.phone, company.contact_consultant) == ("44 11 22 33", consultant)


def test_only_those_who_manage_the_company_edit_it(
    company, consultant, gladsaxe_consultant, client_for
) -> None:
    url = reverse("companies:edit", args=[company.pk])
    detail = reverse("companies:detail", args=[company.pk])

    assert client_for(gladsaxe_consultant).get(url).status_code == 403
    assert (
        client_for(gladsaxe_consultant).post(url, _edit_data(company, name="X")).status_code == 403
    )
    page = client_for(gladsaxe_consultant).get(detail).content.decode()
    assert url not in page
    assert reverse("companies:interaction_create", args=[company.pk]) in page
    assert client_for(consultant).get(url).status_code == 200
    assert url in client_for(consultant).get(detail).content.decode()
