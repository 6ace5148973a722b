import pytest

from jobbro.companies import selectors
from jobbro.organisations.models import Role
from tests.companies.factories import valid_cvrs
from tests.factories import (
    CompanyFactory,
    IndustryFactory,
    InteractionFactory,
    JobCentreFactory,
    JobOrderFactory,
    MunicipalityFactory,
    UserFactory,
    staff,
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
    assert list(detail.job_orders) == [order]


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
