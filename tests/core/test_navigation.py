"""The main menu shows the sections a user's roles open; a section shows its pages."""

import pytest
from django.test import Client

from jobbro.organisations.models import JobCentre, Role
from tests.factories import staff

pytestmark = pytest.mark.django_db


def _menus(client: Client, path: str) -> tuple[list[str], list[str], list[str]]:
    context = client.get(path).context
    main = [str(item["label"]) for item in context["main_menu"]]
    pages = [str(item["label"]) for item in context["section_menu"]]
    active = [str(item["label"]) for item in context["main_menu"] if item["active"]]
    return main, pages, active


def test_a_business_consultant_sees_the_daily_work(job_centre: JobCentre, client: Client) -> None:
    client.force_login(staff(Role.BUSINESS_CONSULTANT, job_centre))

    main, pages, active = _menus(client, "/companies/agreements/")

    assert main == [
        "Virksomheder",
        "Jobordrer",
        "Forespørgsler",
        "Kandidater",
        "Fælles linje",
        "Opfølgninger",
        "Arrangementer",
        "Opkvalificering",
        "Tilfredshed",
        "Tavlemøde",
    ]
    assert active == ["Virksomheder"]
    assert pages == [
        "Virksomheder",
        "Mine opfølgninger",
        "Rekrutteringsaftaler",
        "Mulige dubletter",
    ]


def test_the_most_specific_page_is_the_active_one(job_centre: JobCentre, client: Client) -> None:
    client.force_login(staff(Role.BUSINESS_CONSULTANT, job_centre))

    assert _menus(client, "/job-orders/requests/")[2] == ["Forespørgsler"]
    assert _menus(client, "/job-orders/follow-ups/")[2] == ["Opfølgninger"]
    sections = _menus(client, "/job-orders/projects/")
    assert sections[1:] == (["Jobordrer", "Projekter"], ["Jobordrer"])


def test_the_secretariat_and_the_dpo_see_their_own(job_centre: JobCentre, client: Client) -> None:
    client.force_login(staff(Role.SECRETARIAT, job_centre))
    assert _menus(client, "/shared-line/")[1] == ["Henvendelser", "Svartider"]
    assert _menus(client, "/cooperation/steering-group/")[1] == [
        "Styregruppen",
        "Servicemål",
        "KKR-fremdriftsskema",
        "KKR-anbefalinger",
        "API-klienter",
    ]
    # The secretariat recruits across the cooperation, so it searches candidates.
    assert "Kandidater" in _menus(client, "/")[0]

    client.force_login(staff(Role.DATA_PROTECTION_OFFICER, job_centre))
    assert _menus(client, "/")[0] == ["Opslagslog"]
