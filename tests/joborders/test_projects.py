"""Project pages: the cooperation's staff read them, the secretariat and managers set them
up; hired candidates are named only to those who may open them, and those reads logged."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from jobbro.accesslog.models import AccessLogEntry
from jobbro.joborders import services
from jobbro.joborders.models import FollowUpStep, JobOrder, Project
from jobbro.organisations.access import PROJECT_EDITORS, PROJECT_READERS
from jobbro.organisations.models import Role
from tests.factories import (
    FollowUpFactory,
    JobCentreFactory,
    JobOrderFactory,
    PlacementFactory,
    ProjectFactory,
    ReferralFactory,
    staff,
)
from tests.html_forms import form_data, form_index

from .conftest import future, make_candidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(job_order: JobOrder) -> Project:
    project = ProjectFactory(
        cooperation=job_order.company.cooperation,
        name="Metro M5",
        description="Metrolinjen til Lynetteholm.",
    )
    job_order.project = project
    job_order.save()
    return project


@pytest.fixture
def hired(project: Project, job_order: JobOrder, job_centre, other_job_centre, consultant):
    """Two hires on the project: one of the order's own centre, one of another centre who
    did not consent to sharing."""
    own = make_candidate(job_centre, first_name="Anna", last_name="Andersen")
    other = make_candidate(other_job_centre, consent=False, first_name="Bo", last_name="Berg")
    placements = []
    for candidate in (own, other):
        referral = ReferralFactory(job_order=job_order, candidate=candidate)
        placement = PlacementFactory(
            referral=referral,
            start_date=future(10),
            hours_per_week=37,
            recorded_by=consultant,
            created_at=timezone.now(),
        )
        FollowUpFactory(placement=placement, step=FollowUpStep.WEEK, due_on=future(17))
        placements.append(placement)
    JobOrder.objects.filter(pk=job_order.pk).update(hires=2)
    return own, other


def test_staff_of_the_cooperation_read_the_project(project, job_order, hired, client_for) -> None:
    for role in PROJECT_READERS:
        user = staff(role, job_order.job_centre)
        page = client_for(user).get(reverse("joborders:project", args=[project.pk]))
        assert page.status_code == 200, role
        html = page.content.decode()
        assert "Metro M5" in html and job_order.title in html
        assert "2 / 2" in html  # hired / positions


def test_the_list_counts_orders_and_hires(project, job_order, hired, consultant, client_for):
    JobOrderFactory(company=job_order.company, job_centre=job_order.job_centre, project=project)
    html = client_for(consultant).get(reverse("joborders:projects")).content.decode()
    assert "Metro M5" in html
    assert "2 / 4" in html  # two hired of four positions on two orders


def test_names_only_to_who_may_open_them_and_logged(
    project, hired, job_centre, other_job_centre, client_for
) -> None:
    own, _other = hired
    # A job consultant of the order's centre: own candidate named, the other centre's
    # non-consenting one is "a candidate at Jobcenter Gladsaxe".
    reader = staff(Role.JOB_CONSULTANT, job_centre)
    html = client_for(reader).get(reverse("joborders:project", args=[project.pk])).content
    text = html.decode()
    assert "Anna Andersen" in text
    assert "Bo Berg" not in text
    assert f"En kandidat i {other_job_centre.name}" in text
    logged = set(AccessLogEntry.objects.filter(user=reader).values_list("candidate_id", flat=True))
    assert logged == {own.pk}


def test_a_leader_sees_no_names_and_nothing_is_logged(project, hired, job_centre, client_for):
    manager = staff(Role.MANAGER, job_centre)
    text = client_for(manager).get(reverse("joborders:project", args=[project.pk])).content
    assert b"Anna Andersen" not in text and b"Bo Berg" not in text
    assert not AccessLogEntry.objects.filter(user=manager).exists()


def test_a_third_job_centre_reads_but_names_only_its_own(
    project, hired, job_order, client_for
) -> None:
    third_centre = JobCentreFactory(
        name="Jobcenter Ballerup", cooperation=job_order.company.cooperation
    )
    third = staff(Role.JOB_CONSULTANT, third_centre)
    text = client_for(third).get(reverse("joborders:project", args=[project.pk])).content.decode()
    # Anna consented to sharing in the cooperation: the third centre may open her CV.
    assert "Anna Andersen" in text
    assert "Bo Berg" not in text
    assert (
        client_for(third).get(reverse("joborders:project_edit", args=[project.pk])).status_code
        == 403
    )


def test_another_cooperation_does_not_see_the_project(
    project, foreign_job_centre, client_for
) -> None:
    foreign = staff(Role.SECRETARIAT, foreign_job_centre)
    client = client_for(foreign)
    assert client.get(reverse("joborders:project", args=[project.pk])).status_code == 404
    assert client.get(reverse("joborders:project_edit", args=[project.pk])).status_code == 404
    assert "Metro M5" not in client.get(reverse("joborders:projects")).content.decode()


@pytest.mark.parametrize("role", [r for r in Role if r not in PROJECT_EDITORS])
def test_only_the_secretariat_and_managers_set_projects_up(role, project, job_centre, client_for):
    user = staff(role, job_centre)
    client = client_for(user)
    assert client.get(reverse("joborders:project_create")).status_code == 403
    assert client.get(reverse("joborders:project_edit", args=[project.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.project_update(actor=user, project=project, name="Andet navn")


@pytest.mark.parametrize("role", PROJECT_EDITORS)
def test_an_editor_creates_and_edits_a_project(role, job_centre, client_for) -> None:
    client = client_for(staff(role, job_centre))
    url = reverse("joborders:project_create")
    page = client.get(url).content.decode()
    data = form_data(page, form_index(page, url))
    data.update(
        name=["Nyt Hospital Hillerød"],
        description=["Byggeriet af det nye hospital."],
        start_date=["2026-01-01"],
        end_date=["2028-12-31"],
    )
    response = client.post(url, data)
    project = Project.objects.get(name="Nyt Hospital Hillerød")
    assert response["Location"] == reverse("joborders:project", args=[project.pk])
    assert project.cooperation == job_centre.cooperation
    # Saved again unchanged, nothing is lost.
    edit = reverse("joborders:project_edit", args=[project.pk])
    page = client.get(edit).content.decode()
    assert client.post(edit, form_data(page, form_index(page, edit))).status_code == 302
    project.refresh_from_db()
    assert project.description == "Byggeriet af det nye hospital."
    assert str(project.end_date) == "2028-12-31"


def test_a_project_name_is_once_per_cooperation_and_ends_after_it_starts(
    project, job_centre, client_for
) -> None:
    client = client_for(staff(Role.SECRETARIAT, job_centre))
    url = reverse("joborders:project_create")
    page = client.get(url).content.decode()
    data = form_data(page, form_index(page, url))
    data.update(name=["metro m5"], start_date=["2027-01-01"], end_date=["2026-01-01"])
    html = client.post(url, data).content.decode()
    assert "Samarbejdet har allerede et projekt med det navn." in html
    assert "Projektet kan ikke slutte, før det begynder." in html
    assert Project.objects.count() == 1


def test_the_service_refuses_a_user_of_another_cooperation(project, foreign_job_centre) -> None:
    foreign = staff(Role.SECRETARIAT, foreign_job_centre)
    with pytest.raises(PermissionDenied):
        services.project_create(actor=foreign, cooperation=project.cooperation, name="X")
    with pytest.raises(ValidationError):
        services.project_create(
            actor=staff(Role.MANAGER, foreign_job_centre),
            cooperation=foreign_job_centre.cooperation,
            name="Letbanen",
            start_date=future(10),
            end_date=future(1),
        )


def test_the_menu_offers_projects(consultant, client_for) -> None:
    html = client_for(consultant).get(reverse("joborders:list")).content.decode()
    assert reverse("joborders:projects") in html
