import datetime as dt

import pytest

from jobbro.companies import selectors, services
from jobbro.companies.models import Company
from jobbro.joborders.selectors import job_orders_of_company
from jobbro.organisations.models import Role
from jobbro.organisations.selectors import home_job_centre
from tests.factories import (
    CompanyFactory,
    IndustryFactory,
    InteractionFactory,
    JobCentreFactory,
    JobOrderFactory,
    MunicipalityFactory,
    UserFactory,
    staff,
    valid_cvrs,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def companies(job_centre):
    cvrs = iter(valid_cvrs(4))
    cooperation = job_centre.cooperation
    return {
        "oster": CompanyFactory(
            cooperation=cooperation, cvr=next(cvrs), name="Østerbro Byg ApS", city="København Ø"
        ),
        "aero": CompanyFactory(
            cooperation=cooperation, cvr=next(cvrs), name="Ærø Transport A/S", city="Ballerup"
        ),
        "hotel": CompanyFactory(
            cooperation=cooperation, cvr=next(cvrs), name="Hotel Herlev", city="HERLEV"
        ),
    }


def names(queryset) -> set[str]:
    return {c.name for c in queryset}


def test_users_see_the_companies_of_their_cooperation_only(
    consultant, companies, foreign_job_centre
) -> None:
    CompanyFactory(cooperation=foreign_job_centre.cooperation, name="Hillerød Byg")

    assert names(selectors.company_list(consultant)) == {c.name for c in companies.values()}


def test_a_user_without_membership_sees_no_companies(companies) -> None:
    assert not selectors.company_list(UserFactory()).exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("østerbro", {"Østerbro Byg ApS"}),  # Danish letters fold on SQLite too
        ("ØSTERBRO", {"Østerbro Byg ApS"}),
        ("æRØ", {"Ærø Transport A/S"}),
        ("herlev", {"Hotel Herlev"}),  # name and the upper-case city both match once
        ("ballerup", {"Ærø Transport A/S"}),  # city
        ("  byg ", {"Østerbro Byg ApS"}),
        ("nothing like it", set()),
    ],
)
def test_search_by_name_and_city_ignores_case(consultant, companies, query, expected) -> None:
    assert names(selectors.company_list(consultant, query=query)) == expected


def test_search_by_cvr_tolerates_spaces(consultant, companies) -> None:
    cvr = companies["hotel"].cvr

    assert names(selectors.company_list(consultant, query=cvr)) == {"Hotel Herlev"}
    spaced = f"{cvr[:4]} {cvr[4:]}"
    assert names(selectors.company_list(consultant, query=spaced)) == {"Hotel Herlev"}


def test_filters_by_municipality_industry_and_home_job_centre(consultant, job_centre) -> None:
    cvrs = iter(valid_cvrs(3))
    home = job_centre.municipalities.get()
    other_municipality = MunicipalityFactory()
    JobCentreFactory(cooperation=job_centre.cooperation, municipalities=[other_municipality])
    hotels = IndustryFactory(code="551010", label_da="Hoteller", label_en="Hotels")
    local = CompanyFactory(
        cooperation=job_centre.cooperation, cvr=next(cvrs), municipality=home, name="Lokal"
    )
    hotel = CompanyFactory(
        cooperation=job_centre.cooperation,
        cvr=next(cvrs),
        municipality=other_municipality,
        industry=hotels,
        name="Hotel",
    )

    assert names(selectors.company_list(consultant, municipality=home)) == {local.name}
    assert names(selectors.company_list(consultant, industry=hotels)) == {hotel.name}
    assert names(selectors.company_list(consultant, job_centre=job_centre)) == {local.name}


def test_company_detail_gathers_the_page(consultant, company, job_centre) -> None:
    InteractionFactory(company=company, consultant=consultant, job_centre=job_centre)
    order = JobOrderFactory(company=company, job_centre=job_centre)
    JobOrderFactory()  # another company's

    detail = selectors.company_detail(company)

    assert detail.home_job_centre == job_centre
    assert detail.interaction_count == 1
    assert list(job_orders_of_company(company)) == [order]


def test_home_job_centre_is_none_outside_the_cooperations_municipalities(consultant) -> None:
    company = CompanyFactory(municipality=MunicipalityFactory(), cvr=valid_cvrs(1)[0])

    assert selectors.company_detail(company).home_job_centre is None


def test_list_query_count_does_not_grow_with_rows(
    consultant, job_centre, django_assert_max_num_queries
) -> None:
    for cvr in valid_cvrs(6):
        CompanyFactory(
            cooperation=job_centre.cooperation,
            cvr=cvr,
            contact_consultant=staff(Role.BUSINESS_CONSULTANT, job_centre),
        )

    # The cooperation, the companies, their alliance marks.
    with django_assert_max_num_queries(3):
        shown = [
            (row.municipality.name, row.industry.label, row.contact_consultant.username)
            for row in selectors.company_list(consultant)
        ]
    assert len(shown) == 6


def test_every_home_centre_rule_picks_the_first_by_name(consultant, job_centre) -> None:
    """Two centres serve the municipality: the home is the first by name, not by pk, in
    the detail page, the list annotation, the batch permission check and organisations."""
    municipality = job_centre.municipalities.get()
    b_centre = JobCentreFactory(
        cooperation=job_centre.cooperation, name="Jobcenter Ballerup", municipalities=[municipality]
    )
    a_centre = JobCentreFactory(
        cooperation=job_centre.cooperation,
        name="Jobcenter Albertslund",
        municipalities=[municipality],
    )
    assert b_centre.pk < a_centre.pk
    company = CompanyFactory(
        cooperation=job_centre.cooperation, municipality=municipality, cvr=valid_cvrs(1)[0]
    )
    a_consultant = staff(Role.BUSINESS_CONSULTANT, a_centre)
    b_consultant = staff(Role.BUSINESS_CONSULTANT, b_centre)

    assert selectors.company_home_job_centre(company) == a_centre
    assert home_job_centre(municipality, job_centre.cooperation) == a_centre
    listed = selectors.with_home_and_marks(Company.objects.filter(pk=company.pk)).get()
    assert listed.home_centre_name == "Jobcenter Albertslund"
    assert selectors.manageable_companies(a_consultant, [company]) == {company.pk}
    assert selectors.manageable_companies(b_consultant, [company]) == set()
    assert selectors.may_manage_company(a_consultant, company)
    assert not selectors.may_manage_company(b_consultant, company)
    assert selectors.acting_for(a_consultant, company) == selectors.Acting(
        a_centre, by_secretariat=False
    )


def test_batch_checks_match_the_single_checks(consultant, job_centre, other_job_centre) -> None:
    secretary = staff(Role.SECRETARIAT, other_job_centre)
    gladsaxe = staff(Role.BUSINESS_CONSULTANT, other_job_centre)
    company = CompanyFactory(
        cooperation=job_centre.cooperation,
        municipality=job_centre.municipalities.get(),
        cvr=valid_cvrs(1)[0],
    )
    agreement = services.agreement_create(
        actor=consultant,
        company=company,
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )

    for user in (consultant, secretary, gladsaxe):
        manage = selectors.manageable_companies(user, [company]) == {company.pk}
        edit = selectors.editable_agreements(user, [agreement]) == {agreement.pk}
        assert manage == selectors.may_manage_company(user, company)
        assert edit == selectors.may_edit_agreement(user, agreement)
    assert selectors.editable_agreements(gladsaxe, [agreement]) == set()
