import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobbro.companies.forms import InteractionForm
from jobbro.companies.models import Company, ContactPerson, Interaction, RecruitmentAgreement
from jobbro.organisations.models import Role
from tests.factories import (
    CompanyFactory,
    IndustryFactory,
    InteractionFactory,
    JobOrderFactory,
    staff,
    valid_cvrs,
)

pytestmark = pytest.mark.django_db

READ_VIEWS = ["companies:list", "companies:detail", "companies:agreements"]
EDIT_VIEWS = [
    "companies:create",
    "companies:cvr_fetch",
    "companies:duplicates",
    "companies:agenda",
    "companies:edit",
    "companies:contact_create",
    "companies:contact_consultant",
    "companies:interaction_create",
    "companies:agreement_create",
    "companies:commitment_create",
]
UNBOUND_VIEWS = (
    "companies:list",
    "companies:create",
    "companies:cvr_fetch",
    "companies:duplicates",
    "companies:agenda",
    "companies:agreements",
)
HTMX = {"HTTP_HX_REQUEST": "true"}


def url_of(name: str, company: Company) -> str:
    if name in UNBOUND_VIEWS:
        return reverse(name)
    return reverse(name, args=[company.pk])


def company_post_data(job_centre, **overrides) -> dict[str, str]:
    data = {
        "name": "Ny Byg ApS",
        "cvr": "10000009",
        "p_number": "",
        "street": "Industrivej 4",
        "postcode": "2730",
        "city": "Herlev",
        "municipality": str(job_centre.municipalities.get().pk),
        "industry": str(IndustryFactory().pk),
        "phone": "",
        "email": "",
        "website": "",
        "contact_consultant": "",
        "notes": "",
    }
    return {**data, **overrides}


# Permissions: a role that may, a role that may not, and anonymous.


@pytest.mark.parametrize("name", READ_VIEWS)
@pytest.mark.parametrize(
    "role", [Role.BUSINESS_CONSULTANT, Role.JOB_CONSULTANT, Role.MANAGER, Role.SECRETARIAT]
)
def test_readers_may_read(name, role, company, job_centre, client_for) -> None:
    assert client_for(staff(role, job_centre)).get(url_of(name, company)).status_code == 200


@pytest.mark.parametrize("name", READ_VIEWS)
@pytest.mark.parametrize("role", [Role.ONBOARDING_CONSULTANT, Role.DATA_PROTECTION_OFFICER])
def test_other_roles_may_not_read(name, role, company, job_centre, client_for) -> None:
    assert client_for(staff(role, job_centre)).get(url_of(name, company)).status_code == 403


@pytest.mark.parametrize("name", EDIT_VIEWS)
@pytest.mark.parametrize("role", [Role.BUSINESS_CONSULTANT, Role.SECRETARIAT])
def test_editors_may_open_the_forms(name, role, company, job_centre, client_for) -> None:
    assert client_for(staff(role, job_centre)).get(url_of(name, company)).status_code == 200


@pytest.mark.parametrize("name", EDIT_VIEWS)
@pytest.mark.parametrize("role", [Role.JOB_CONSULTANT, Role.MANAGER])
def test_readers_may_not_edit(name, role, company, job_centre, client_for) -> None:
    client = client_for(staff(role, job_centre))

    assert client.get(url_of(name, company)).status_code == 403
    assert client.post(url_of(name, company), {}).status_code == 403


@pytest.mark.parametrize("name", READ_VIEWS + EDIT_VIEWS)
def test_anonymous_users_are_sent_to_login(name, company) -> None:
    response = Client().get(url_of(name, company))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", [n for n in READ_VIEWS + EDIT_VIEWS if n not in UNBOUND_VIEWS])
def test_companies_of_another_cooperation_do_not_exist(
    name, consultant, foreign_job_centre, client_for
) -> None:
    foreign = CompanyFactory(cooperation=foreign_job_centre.cooperation, cvr=valid_cvrs(1)[0])
    client = client_for(consultant)

    assert client.get(url_of(name, foreign)).status_code == 404
    if name in EDIT_VIEWS:
        assert client.post(url_of(name, foreign), {}).status_code == 404


def test_the_list_does_not_show_other_cooperations(
    consultant, company, foreign_job_centre, client_for
) -> None:
    CompanyFactory(cooperation=foreign_job_centre.cooperation, name="Hillerød Maskinfabrik")

    page = client_for(consultant).get(reverse("companies:list")).content.decode()

    assert company.name in page
    assert "Hillerød Maskinfabrik" not in page


# The list: search with and without htmx, pagination.


def test_list_search_works_as_a_plain_get_form(consultant, company, job_centre, client_for):
    CompanyFactory(cooperation=job_centre.cooperation, name="Rødovre Rengøring ApS")

    response = client_for(consultant).get(reverse("companies:list"), {"q": "TØMRER"})
    page = response.content.decode()

    assert "<html" in page
    assert 'name="q"' in page
    assert company.name in page
    assert "Rødovre Rengøring ApS" not in page


def test_list_answers_htmx_with_the_results_only(consultant, company, client_for) -> None:
    response = client_for(consultant).get(reverse("companies:list"), {"q": "herlev"}, **HTMX)
    page = response.content.decode()

    assert response.status_code == 200
    assert "<html" not in page
    assert 'name="q"' not in page
    assert company.name in page
    assert "HX-Request" in response["Vary"]


def test_list_is_paginated_by_25(consultant, job_centre, client_for) -> None:
    for n, cvr in enumerate(valid_cvrs(30)):
        CompanyFactory(cooperation=job_centre.cooperation, cvr=cvr, name=f"Firma {n:02d}")
    client = client_for(consultant)

    first = client.get(reverse("companies:list")).content.decode()
    second = client.get(reverse("companies:list"), {"page": 2}).content.decode()

    assert first.count("Firma ") == 25
    assert second.count("Firma ") == 5
    assert 'class="pagination' in first
    assert 'aria-current="page"' in second


def test_list_ignores_a_filter_value_that_is_not_a_choice(consultant, company, client_for):
    response = client_for(consultant).get(reverse("companies:list"), {"municipality": "999999"})

    assert response.status_code == 200
    assert company.name in response.content.decode()


# The detail page.


def test_detail_shows_the_sections(consultant, company, job_centre, client_for) -> None:
    InteractionFactory(
        company=company, consultant=consultant, job_centre=job_centre, summary="Godt besøg"
    )
    order = JobOrderFactory(company=company, job_centre=job_centre, title="Tømrerlærling")
    company.contact_consultant = consultant
    company.is_ambassador = True
    company.save()

    page = client_for(consultant).get(reverse("companies:detail", args=[company.pk]))
    html = page.content.decode()

    assert company.cvr in html
    assert job_centre.name in html
    assert consultant.get_full_name() in html
    assert 'data-testid="ambassador"' in html
    assert "Godt besøg" in html
    assert reverse("joborders:detail", args=[order.pk]) in html
    assert f"{reverse('joborders:create')}?company={company.pk}" in html
    assert 'data-testid="interaction-form"' in html


def test_readers_see_no_forms_on_the_detail_page(company, job_centre, client_for) -> None:
    partner = staff(Role.JOB_CONSULTANT, job_centre)

    html = client_for(partner).get(reverse("companies:detail", args=[company.pk])).content
    html = html.decode()

    assert 'data-testid="interaction-form"' not in html
    assert reverse("companies:edit", args=[company.pk]) not in html
    assert 'data-testid="new-job-order"' not in html


# Create and edit.


def test_create_registers_the_company(consultant, job_centre, client_for) -> None:
    response = client_for(consultant).post(
        reverse("companies:create"), company_post_data(job_centre)
    )

    company = Company.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("companies:detail", args=[company.pk])
    assert company.contact_consultant == consultant
    assert company.cooperation == job_centre.cooperation


def test_create_accepts_a_pasted_cvr_with_prefix_and_spaces(
    consultant, job_centre, client_for
) -> None:
    data = company_post_data(job_centre, cvr="DK 1000 0009")

    response = client_for(consultant).post(reverse("companies:create"), data)

    assert response.status_code == 302
    assert Company.objects.get().cvr == "10000009"


def test_create_with_a_duplicate_cvr_says_so_in_danish(
    consultant, job_centre, company, client_for
) -> None:
    data = company_post_data(job_centre, cvr=company.cvr)

    response = client_for(consultant).post(reverse("companies:create"), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "er allerede registreret" in html
    assert company.name in html
    assert Company.objects.count() == 1


def test_create_with_an_invalid_cvr_writes_nothing(consultant, job_centre, client_for) -> None:
    client = client_for(consultant)
    client.post(reverse("set_language"), {"language": "en"})

    response = client.post(
        reverse("companies:create"), company_post_data(job_centre, cvr="12345678")
    )

    assert response.status_code == 200
    assert "12345678 is not a valid CVR number: the check digit does not match" in (
        response.content.decode()
    )
    assert not Company.objects.exists()


def test_edit_saves_the_changes(consultant, company, job_centre, client_for) -> None:
    data = company_post_data(job_centre, cvr=company.cvr, name="Herlev Tømrer ApS")

    response = client_for(consultant).post(reverse("companies:edit", args=[company.pk]), data)

    assert response.status_code == 302
    company.refresh_from_db()
    assert company.name == "Herlev Tømrer ApS"


def test_edit_to_a_duplicate_cvr_writes_nothing(consultant, company, job_centre, client_for):
    other = CompanyFactory(cooperation=company.cooperation, cvr="10000017", name="Anden A/S")
    data = company_post_data(job_centre, cvr=other.cvr, name="Omdøbt")

    response = client_for(consultant).post(reverse("companies:edit", args=[company.pk]), data)

    assert response.status_code == 200
    assert "Anden A/S" in response.content.decode()
    company.refresh_from_db()
    assert company.name != "Omdøbt"


# Contact persons, the contact log and agreements.


def test_contact_create(consultant, company, client_for) -> None:
    response = client_for(consultant).post(
        reverse("companies:contact_create", args=[company.pk]),
        {"name": "Mette Hansen", "title": "HR-chef", "email": "", "phone": ""},
    )

    assert response.status_code == 302
    assert ContactPerson.objects.get(company=company).name == "Mette Hansen"


def test_contact_create_needs_a_name(consultant, company, client_for) -> None:
    response = client_for(consultant).post(
        reverse("companies:contact_create", args=[company.pk]), {"name": ""}
    )

    assert response.status_code == 200
    assert "form-error-message" in response.content.decode()
    assert not ContactPerson.objects.exists()


def test_interaction_by_htmx_returns_the_log_section(
    consultant, company, job_centre, client_for
) -> None:
    url = reverse("companies:interaction_create", args=[company.pk])
    data = {"kind": "visit", "summary": "Besøg på pladsen", "outcome": "", "follow_up_on": ""}

    response = client_for(consultant).post(url, data, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="interactions"' in html
    assert "Besøg på pladsen" in html
    interaction = Interaction.objects.get()
    assert (interaction.consultant, interaction.job_centre) == (consultant, job_centre)


def test_interaction_by_htmx_with_errors_writes_nothing(consultant, company, client_for) -> None:
    url = reverse("companies:interaction_create", args=[company.pk])
    yesterday = timezone.localdate() - dt.timedelta(days=1)

    response = client_for(consultant).post(
        url, {"kind": "call", "summary": "Opkald", "follow_up_on": yesterday}, **HTMX
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "form-error-message" in html
    assert not Interaction.objects.exists()


def test_interaction_without_js_redirects_to_the_log(consultant, company, client_for) -> None:
    url = reverse("companies:interaction_create", args=[company.pk])

    response = client_for(consultant).post(url, {"kind": "mail", "summary": "Mail sendt"})

    assert response.status_code == 302
    assert response["Location"].endswith("#interactions")
    assert Interaction.objects.filter(company=company, kind="mail").exists()


def test_interaction_without_a_kind_is_refused(consultant, company, client_for) -> None:
    url = reverse("companies:interaction_create", args=[company.pk])

    response = client_for(consultant).post(url, {"kind": "", "summary": "Opkald"})

    assert response.status_code == 200
    assert "form-error-message" in response.content.decode()
    assert not Interaction.objects.exists()


def test_agreement_create(consultant, company, client_for) -> None:
    response = client_for(consultant).post(
        reverse("companies:agreement_create", args=[company.pk]),
        {"start_date": "2026-01-01", "end_date": "2026-12-31", "expected_hires": "4"},
    )

    assert response.status_code == 302
    assert RecruitmentAgreement.objects.get().expected_hires == 4


def test_agreement_with_end_before_start_writes_nothing(consultant, company, client_for) -> None:
    response = client_for(consultant).post(
        reverse("companies:agreement_create", args=[company.pk]),
        {"start_date": "2026-06-01", "end_date": "2026-01-01", "expected_hires": "0"},
    )

    assert response.status_code == 200
    assert "form-error-message" in response.content.decode()
    assert not RecruitmentAgreement.objects.exists()


def test_edit_keeps_a_contact_consultant_who_has_changed_role(
    consultant, company, job_centre, client_for
) -> None:
    former = staff(Role.ONBOARDING_CONSULTANT, job_centre)
    company.contact_consultant = former
    company.save()
    data = company_post_data(
        job_centre, cvr=company.cvr, name=company.name, contact_consultant=str(former.pk)
    )

    response = client_for(consultant).post(reverse("companies:edit", args=[company.pk]), data)

    assert response.status_code == 302
    company.refresh_from_db()
    assert company.contact_consultant == former


def test_the_quick_log_time_is_empty_and_saving_it_empty_means_now(
    company, consultant, client_for
) -> None:
    form = InteractionForm(company=company)
    before = timezone.now()

    client_for(consultant).post(
        reverse("companies:interaction_create", args=[company.pk]), {"kind": "call"}
    )

    assert form["occurred_at"].value() is None
    assert Interaction.objects.get().occurred_at >= before
    labels = dict(form.fields["outcome_code"].choices)
    assert all(str(label)[:1].isupper() for label in labels.values())
