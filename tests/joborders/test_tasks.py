"""A job order broken into tasks (substitution labour): who edits them, and a save that is
all or nothing and keeps what the user did not touch."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from jobbro.joborders import services
from jobbro.joborders.models import JobOrder, JobOrderTask
from jobbro.organisations.models import Role
from tests.factories import JobOrderFactory, SkillFactory, staff
from tests.html_forms import form_data, form_index

pytestmark = pytest.mark.django_db


def _rows(job_order: JobOrder) -> list[tuple[object, ...]]:
    return [
        (
            t.title,
            t.description,
            t.needs_trade,
            t.positions,
            t.hours_per_week,
            t.position,
            tuple(sorted(s.pk for s in t.skills.all())),
        )
        for t in job_order.job_tasks.order_by("position")
    ]


@pytest.fixture
def skills():
    return [SkillFactory(label_da=f"færdighed {i}", label_en=f"skill {i}") for i in range(3)]


@pytest.fixture
def two_tasks(job_order, skills):
    job_order.positions = 3  # the tasks' people share out the order's positions
    job_order.save(update_fields=["positions"])
    cleaning = JobOrderTask.objects.create(
        job_order=job_order, title="Rengøring", positions=2, hours_per_week=20, position=0
    )
    cleaning.skills.set(skills[:2])
    formwork = JobOrderTask.objects.create(
        job_order=job_order, title="Forskalling", needs_trade=True, position=1
    )
    return cleaning, formwork


def _page_data(client: Client, url: str) -> dict[str, list[str]]:
    page = client.get(url).content.decode()
    return form_data(page, form_index(page, url))


def test_a_consultant_breaks_the_order_into_tasks(job_order, consultant, skills, client_for):
    client = client_for(consultant)
    url = reverse("joborders:tasks", args=[job_order.pk])
    data = _page_data(client, url)
    data.update(
        {
            "task-0-title": ["Rengøring"],
            "task-0-skills": [str(skills[0].pk), str(skills[1].pk)],
            "task-0-positions": ["2"],
            "task-0-hours_per_week": ["15"],
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/job-orders/{job_order.pk}/#tasks")
    assert _rows(job_order) == [
        ("Rengøring", "", False, 2, 15, 0, tuple(sorted([skills[0].pk, skills[1].pk])))
    ]
    job_order.refresh_from_db()
    assert job_order.version == 2
    detail = client.get(reverse("joborders:detail", args=[job_order.pk])).content.decode()
    assert "Rengøring" in detail and "færdighed 0" in detail
    assert "Find kandidater til opgaverne uden faguddannelse" in detail


def test_saved_unchanged_keeps_every_task(job_order, consultant, two_tasks, client_for):
    before = _rows(job_order)
    client = client_for(consultant)
    url = reverse("joborders:tasks", args=[job_order.pk])
    assert client.post(url, _page_data(client, url)).status_code == 302
    assert _rows(job_order) == before
    assert [t.pk for t in job_order.job_tasks.order_by("position")] == [t.pk for t in two_tasks]


def test_saved_unchanged_writes_nothing_and_says_so(job_order, consultant, two_tasks, client_for):
    """Pressing save without a change leaves the version as it was, so a colleague's open
    edit of the order is not made stale; one change afterwards is saved and counted."""
    before = _rows(job_order)
    version = JobOrder.objects.get(pk=job_order.pk).version
    client = client_for(consultant)
    url = reverse("joborders:tasks", args=[job_order.pk])
    response = client.post(url, _page_data(client, url), follow=True, HTTP_ACCEPT_LANGUAGE="da")
    page = response.content.decode()
    assert "Intet blev ændret." in page and "Opgaverne er gemt." not in page
    assert JobOrder.objects.get(pk=job_order.pk).version == version
    assert _rows(job_order) == before

    data = _page_data(client, url)
    data["task-0-positions"] = ["1"]
    response = client.post(url, data, follow=True, HTTP_ACCEPT_LANGUAGE="da")
    assert "Opgaverne er gemt." in response.content.decode()
    assert JobOrder.objects.get(pk=job_order.pk).version == version + 1
    assert _rows(job_order)[0][3] == 1


def test_one_save_changes_removes_and_adds(job_order, consultant, two_tasks, skills, client_for):
    client = client_for(consultant)
    url = reverse("joborders:tasks", args=[job_order.pk])
    data = _page_data(client, url)
    data["task-0-hours_per_week"] = ["25"]
    data["task-1-DELETE"] = ["on"]
    data.update({"task-2-title": ["Oprydning"], "task-2-skills": [str(skills[2].pk)]})
    assert client.post(url, data).status_code == 302
    assert _rows(job_order) == [
        ("Rengøring", "", False, 2, 25, 0, tuple(sorted(s.pk for s in skills[:2]))),
        ("Oprydning", "", False, 1, None, 1, (skills[2].pk,)),
    ]
    assert job_order.job_tasks.filter(pk=two_tasks[0].pk).exists()  # changed in place


def test_errors_are_in_danish_and_write_nothing(job_order, consultant, two_tasks, client_for):
    before = _rows(job_order)
    client = client_for(consultant)
    url = reverse("joborders:tasks", args=[job_order.pk])
    data = _page_data(client, url)
    data["task-0-hours_per_week"] = ["25"]  # a valid change beside the errors
    data["task-1-needs_trade"] = []  # now without the trade, and without skills
    data.update({"task-2-title": [""], "task-2-positions": ["0"], "task-2-description": ["x"]})
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vælg mindst én færdighed" in page
    assert "Giv opgaven en titel." in page
    assert _rows(job_order) == before


def test_the_service_refuses_another_orders_task_and_writes_nothing(
    job_order, consultant, two_tasks, company, job_centre
):
    other = JobOrderFactory(company=company, job_centre=job_centre)
    stranger = JobOrderTask.objects.create(job_order=other, title="Fremmed", needs_trade=True)
    before = _rows(job_order)
    with pytest.raises(ValidationError):
        services.job_order_tasks_save(
            actor=consultant,
            job_order=job_order,
            tasks=[
                {"id": two_tasks[0].pk, "title": "Ændret", "needs_trade": True},
                {"id": stranger.pk, "title": "Stjålet", "needs_trade": True},
            ],
        )
    assert _rows(job_order) == before
    assert JobOrderTask.objects.get(pk=stranger.pk).job_order == other


def test_an_edit_on_an_older_version_is_refused(job_order, consultant, two_tasks, client_for):
    client = client_for(consultant)
    url = reverse("joborders:tasks", args=[job_order.pk])
    data = _page_data(client, url)
    JobOrder.objects.filter(pk=job_order.pk).update(version=5)  # someone saved meanwhile
    data["task-0-title"] = ["Rengøring og oprydning"]
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 200
    assert "En anden har ændret jobordren" in response.content.decode()
    assert job_order.job_tasks.get(pk=two_tasks[0].pk).title == "Rengøring"


# --- who edits the tasks: as who edits the order --------------------------------------


@pytest.mark.parametrize("role", list(Role))
def test_every_role_at_the_orders_job_centre(role, job_order, job_centre, two_tasks, client_for):
    """Only its own job centre's business consultants edit an order the centre runs (the
    secretariat only those it runs); the others may not even open the page."""
    user = staff(role, job_centre)
    url = reverse("joborders:tasks", args=[job_order.pk])
    client = client_for(user)
    expected = 200 if role == Role.BUSINESS_CONSULTANT else 403
    assert client.get(url).status_code == expected
    response = client.post(url, {"task-TOTAL_FORMS": "0", "task-INITIAL_FORMS": "0"})
    assert response.status_code == (302 if expected == 200 else 403)
    if expected == 403:
        assert job_order.job_tasks.count() == 2


def test_another_job_centre_may_not_write(job_order, other_job_centre, two_tasks, client_for):
    elsewhere = staff(Role.BUSINESS_CONSULTANT, other_job_centre)
    url = reverse("joborders:tasks", args=[job_order.pk])
    client = client_for(elsewhere)
    assert client.get(url).status_code == 403
    empty = {"task-TOTAL_FORMS": "0", "task-INITIAL_FORMS": "0"}
    assert client.post(url, empty).status_code == 403
    assert job_order.job_tasks.count() == 2
    with pytest.raises(PermissionDenied):
        services.job_order_tasks_save(actor=elsewhere, job_order=job_order, tasks=[])
    assert job_order.job_tasks.count() == 2
    detail = client.get(reverse("joborders:detail", args=[job_order.pk])).content.decode()
    assert reverse("joborders:tasks", args=[job_order.pk]) not in detail


def test_another_cooperation_does_not_see_the_order(job_order, foreign_job_centre, client_for):
    foreigner = staff(Role.BUSINESS_CONSULTANT, foreign_job_centre)
    url = reverse("joborders:tasks", args=[job_order.pk])
    assert client_for(foreigner).get(url).status_code == 404
    assert client_for(foreigner).post(url, {}).status_code == 404


def test_the_secretariat_edits_the_tasks_of_orders_it_runs(
    job_order, other_job_centre, two_tasks, client_for
):
    secretariat = staff(Role.SECRETARIAT, other_job_centre)
    url = reverse("joborders:tasks", args=[job_order.pk])
    assert client_for(secretariat).get(url).status_code == 403
    job_order.by_secretariat = True
    job_order.save(update_fields=["by_secretariat"])
    client = client_for(secretariat)
    data = _page_data(client, url)
    data["task-1-DELETE"] = ["on"]
    assert client.post(url, data).status_code == 302
    assert job_order.job_tasks.count() == 1


def test_anonymous_is_sent_to_log_in(job_order):
    response = Client().get(reverse("joborders:tasks", args=[job_order.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_tasks_needing_more_people_than_the_positions_are_refused(
    job_order, consultant, two_tasks, client_for
):
    before = _rows(job_order)
    client = client_for(consultant)
    url = reverse("joborders:tasks", args=[job_order.pk])
    data = _page_data(client, url)
    data["task-0-positions"] = ["3"]  # 3 + 1 people for 3 positions
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 200
    assert (
        "Opgaverne kræver 4 personer tilsammen. Jobordren har kun 3 stillinger."
        in response.content.decode()
    )
    assert _rows(job_order) == before


@pytest.mark.parametrize(
    ("language", "people", "positions", "expected"),
    [
        ("da", 2, 1, "Opgaverne kræver 2 personer tilsammen. Jobordren har kun 1 stilling. "),
        ("en", 2, 1, "The tasks need 2 people together. The job order has only 1 position. "),
        ("da", 1, 0, "Opgaverne kræver 1 person tilsammen. Jobordren har kun 0 stillinger. "),
        ("en", 1, 0, "The tasks need 1 person together. The job order has only 0 positions. "),
    ],
)
def test_the_too_many_people_message_puts_each_number_in_singular_or_plural(
    language, people, positions, expected
):
    with translation.override(language), pytest.raises(ValidationError) as refused:
        services._check_people_on_tasks(people, positions, field=None)
    assert refused.value.messages[0].startswith(expected)


def test_one_position_is_named_in_the_singular_on_the_page(
    job_order, consultant, skills, client_for
):
    job_order.positions = 1
    job_order.save(update_fields=["positions"])
    client = client_for(consultant)
    url = reverse("joborders:tasks", args=[job_order.pk])
    data = _page_data(client, url)
    data.update(
        {
            "task-0-title": ["Rengøring"],
            "task-0-skills": [str(skills[0].pk)],
            "task-0-positions": ["2"],
        }
    )
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Opgaverne kræver 2 personer tilsammen. Jobordren har kun 1 stilling." in text
    assert "1 stillinger" not in text
    assert not job_order.job_tasks.exists()


def test_the_order_keeps_at_least_the_positions_its_tasks_share_out(
    job_order, consultant, two_tasks
):
    with pytest.raises(ValidationError) as refused:
        services.job_order_update(actor=consultant, job_order=job_order, positions=2)
    assert "positions" in refused.value.message_dict
    job_order.refresh_from_db()
    assert job_order.positions == 3
    services.job_order_update(actor=consultant, job_order=job_order, positions=4)
    job_order.refresh_from_db()
    assert job_order.positions == 4
