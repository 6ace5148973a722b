"""Editing providers, courses, teams and groups: who may, what an unchanged save keeps, and
the edits refused because they would break what the seats and enrolments rest on."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from jobbro.organisations.models import Role
from jobbro.upskilling import services
from jobbro.upskilling.models import Course, EnrolmentStatus, Provider, Team, TeamGroup
from tests.factories import (
    AttendanceFactory,
    CandidateFactory,
    CooperationFactory,
    CourseFactory,
    EnrolmentFactory,
    JobCentreFactory,
    ProviderFactory,
    QualificationFactory,
    ReservationFactory,
    SkillFactory,
    TeamFactory,
    TeamGroupFactory,
    WaitingEntryFactory,
    staff,
)
from tests.html_forms import form_data, form_index

pytestmark = pytest.mark.django_db

ROLES_WHO_MAY_NOT = [r for r in Role if r not in (Role.SECRETARIAT, Role.MANAGER)]


def client_for(user, language: str = "da") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def team() -> Team:
    group = TeamGroupFactory(name="Sjælland 2027")
    provider = ProviderFactory(cooperation=group.cooperation, name="ZBC Næstved")
    course = CourseFactory(provider=provider, title="SOSU-klar", weeks=20)
    course.qualifications.add(QualificationFactory(label_da="SOSU-klar-bevis"))
    course.skills.add(SkillFactory(label_da="personlig pleje"), SkillFactory(label_da="hygiejne"))
    host = JobCentreFactory(name="Jobcenter Næstved", cooperation=group.cooperation)
    return TeamFactory(course=course, group=group, host=host, seats=10, place="Næstved", price=2500)


def other_centre(team: Team, name: str = "Jobcenter Køge"):
    return JobCentreFactory(name=name, cooperation=team.course.provider.cooperation)


def edit_form(page: str) -> dict[str, list[str]]:
    """What the browser sends for the edit form as it stands (the header has forms too)."""
    return form_data(page, form_index(page, 'data-testid="setup-form"'))


def snapshot(instance: Any) -> dict[str, Any]:
    """Every stored field and many-to-many link, as read from the database."""
    fresh = type(instance).objects.get(pk=instance.pk)
    data = model_to_dict(fresh)
    for field in fresh._meta.many_to_many:
        data[field.name] = sorted(getattr(fresh, field.name).values_list("pk", flat=True))
    return data


def edit_urls(team: Team) -> dict[str, str]:
    course = team.course
    return {
        "provider": reverse("upskilling:provider_edit", args=[course.provider.pk]),
        "course": reverse("upskilling:course_edit", args=[course.pk]),
        "team": reverse("upskilling:team_edit", args=[team.pk]),
        "group": reverse("upskilling:group_edit", args=[team.group.pk]),
    }


# Saving unchanged loses nothing ------------------------------------------------------------


@pytest.mark.parametrize("kind", ["provider", "course", "team", "group"])
def test_saving_the_form_unchanged_loses_nothing(team: Team, kind: str) -> None:
    instance = {
        "provider": team.course.provider,
        "course": team.course,
        "team": team,
        "group": team.group,
    }[kind]
    before = snapshot(instance)
    client = client_for(staff(Role.SECRETARIAT, team.host))
    url = edit_urls(team)[kind]
    page = client.get(url).content.decode()
    data = edit_form(page)
    assert "csrfmiddlewaretoken" in data
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    assert snapshot(instance) == before
    if kind == "course":
        assert len(before["skills"]) == 2 and len(before["qualifications"]) == 1
    # The page says so.
    assert "Intet blev ændret." in client.get(response["Location"]).content.decode()


def test_course_form_shows_its_skills_and_certificates_ticked_in_the_picker(team: Team) -> None:
    page = (
        client_for(staff(Role.MANAGER, team.host)).get(edit_urls(team)["course"]).content.decode()
    )
    assert 'data-testid="picker-skills"' in page
    for skill in team.course.skills.all():
        assert f'name="skills" value="{skill.pk}"' in page
    qualification = team.course.qualifications.get()
    assert f'name="qualifications" value="{qualification.pk}"' in page
    # No second, hidden copy of the certificates: unticking one in the picker removes it.
    assert 'type="hidden" name="qualifications"' not in page


def test_the_edit_form_is_filled_from_the_team(team: Team) -> None:
    page = (
        client_for(staff(Role.SECRETARIAT, team.host)).get(edit_urls(team)["team"]).content.decode()
    )
    data = edit_form(page)
    assert data["place"] == ["Næstved"] and data["seats"] == ["10"]


# Changes --------------------------------------------------------------------------------


def test_course_edit_changes_title_weeks_and_what_it_gives(team: Team) -> None:
    course = team.course
    client = client_for(staff(Role.MANAGER, other_centre(team)))
    url = edit_urls(team)["course"]
    data = edit_form(client.get(url).content.decode())
    kept = team.course.skills.order_by("pk").first()
    new_skill = SkillFactory(label_da="forflytning")
    new_certificate = QualificationFactory(label_da="Førstehjælp")
    data.update(
        title=["SOSU-klar 2"],
        weeks=["22"],
        skills=[str(kept.pk), str(new_skill.pk)],
        qualifications=[str(new_certificate.pk)],
    )
    response = client.post(url, data)
    assert response["Location"] == reverse("upskilling:course", args=[course.pk])
    course.refresh_from_db()
    assert (course.title, course.weeks) == ("SOSU-klar 2", 22)
    assert set(course.skills.all()) == {kept, new_skill}
    assert list(course.qualifications.all()) == [new_certificate]
    assert "Ændringerne er gemt." in client.get(response["Location"]).content.decode()


def test_team_edit_changes_dates_place_seats_price_host(team: Team) -> None:
    koege = other_centre(team)
    client = client_for(staff(Role.MANAGER, team.host))
    url = edit_urls(team)["team"]
    data = edit_form(client.get(url).content.decode())
    data.update(
        starts_on=["2027-02-01"],
        ends_on=["2027-06-18"],
        place=["Køge"],
        seats=["12"],
        price=["2600"],
        host=[str(koege.pk)],
    )
    response = client.post(url, data)
    assert response["Location"] == reverse("upskilling:team", args=[team.pk])
    team.refresh_from_db()
    assert (team.starts_on, team.ends_on, team.place, team.seats, team.price, team.host) == (
        dt.date(2027, 2, 1),
        dt.date(2027, 6, 18),
        "Køge",
        12,
        2600,
        koege,
    )


def test_provider_and_group_edits(team: Team) -> None:
    client = client_for(staff(Role.SECRETARIAT, team.host))
    urls = edit_urls(team)
    data = edit_form(client.get(urls["provider"]).content.decode())
    data.update(name=["ZBC Slagelse"], kind=["amu"])
    assert client.post(urls["provider"], data)["Location"].startswith(
        reverse("upskilling:overview")
    )
    provider = Provider.objects.get(pk=team.course.provider.pk)
    assert (provider.name, provider.kind) == ("ZBC Slagelse", "amu")
    data = edit_form(client.get(urls["group"]).content.decode())
    data.update(average=["20"], minimum=["14"])
    client.post(urls["group"], data)
    group = TeamGroup.objects.get(pk=team.group.pk)
    assert (group.average, group.minimum) == (20, 14)


# Who may --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES_WHO_MAY_NOT)
def test_other_roles_at_the_host_may_open_no_edit_page(team: Team, role: Role) -> None:
    client = client_for(staff(role, team.host))
    for url in edit_urls(team).values():
        assert client.get(url).status_code == 403
        assert client.post(url, {}).status_code == 403


def test_secretariat_edits_everything_of_its_cooperation(team: Team) -> None:
    # The secretariat is held at some member, not necessarily the host.
    client = client_for(staff(Role.SECRETARIAT, other_centre(team)))
    for url in edit_urls(team).values():
        assert client.get(url).status_code == 200


def test_the_hosts_manager_edits_the_team(team: Team) -> None:
    client = client_for(staff(Role.MANAGER, team.host))
    page = client.get(reverse("upskilling:team", args=[team.pk])).content.decode()
    assert 'data-testid="team-edit"' in page
    assert client.get(edit_urls(team)["team"]).status_code == 200


def test_another_job_centres_manager_may_not_edit_the_team(team: Team) -> None:
    """A job centre that has nothing to do with the team, and one with seats on it: both are
    refused the team's page and the write; the team is unchanged. Providers, courses and
    groups are the cooperation's: their managers edit those."""
    stranger = other_centre(team, "Jobcenter Vordingborg")
    seated = other_centre(team, "Jobcenter Køge")
    ReservationFactory(team=team, job_centre=seated, seats=2)
    before = snapshot(team)
    for centre in (stranger, seated):
        manager = staff(Role.MANAGER, centre)
        client = client_for(manager)
        page = client.get(reverse("upskilling:team", args=[team.pk])).content.decode()
        assert 'data-testid="team-edit"' not in page
        url = edit_urls(team)["team"]
        assert client.get(url).status_code == 403
        response = client.post(
            url,
            {
                "host": centre.pk,
                "starts_on": "2027-01-04",
                "ends_on": "2027-05-21",
                "place": "Andetsteds",
                "seats": "10",
                "price": "1",
            },
        )
        assert response.status_code == 403
        with pytest.raises(PermissionDenied):
            services.team_update(actor=manager, team=team, place="Andetsteds")
        assert snapshot(team) == before
        # The cooperation's shared set-up they do edit, as they create it.
        assert client.get(edit_urls(team)["course"]).status_code == 200
        assert client.get(edit_urls(team)["provider"]).status_code == 200


def test_another_cooperation_sees_nothing(team: Team) -> None:
    foreign = JobCentreFactory(
        cooperation=CooperationFactory(name="JRS Sjælland", short_name="JRS")
    )
    for role in (Role.SECRETARIAT, Role.MANAGER):
        client = client_for(staff(role, foreign))
        for url in edit_urls(team).values():
            assert client.get(url).status_code == 404
            assert client.post(url, {}).status_code == 404
        user = staff(role, foreign)
        with pytest.raises(PermissionDenied):
            services.team_update(actor=user, team=team, place="X")
        with pytest.raises(PermissionDenied):
            services.course_update(actor=user, course=team.course, title="X")
        with pytest.raises(PermissionDenied):
            services.provider_update(actor=user, provider=team.course.provider, name="X")
        with pytest.raises(PermissionDenied):
            services.group_update(actor=user, group=team.group, name="X")
    assert Team.objects.get(pk=team.pk).place == "Næstved"


def test_edit_links_only_for_who_may(team: Team) -> None:
    course_url = reverse("upskilling:course", args=[team.course.pk])
    group_url = reverse("upskilling:group", args=[team.group.pk])
    overview = reverse("upskilling:overview")
    manager = client_for(staff(Role.MANAGER, other_centre(team)))
    assert 'data-testid="course-edit"' in manager.get(course_url).content.decode()
    assert 'data-testid="group-edit"' in manager.get(group_url).content.decode()
    assert 'data-testid="provider-edit"' in manager.get(overview).content.decode()
    consultant = client_for(staff(Role.BUSINESS_CONSULTANT, team.host))
    assert 'data-testid="course-edit"' not in consultant.get(course_url).content.decode()
    assert 'data-testid="group-edit"' not in consultant.get(group_url).content.decode()
    assert 'data-testid="provider-edit"' not in consultant.get(overview).content.decode()
    team_page = consultant.get(reverse("upskilling:team", args=[team.pk])).content.decode()
    assert 'data-testid="team-edit"' not in team_page


# Invariants -------------------------------------------------------------------------------


def post_team(team: Team, user, **changes: str) -> str:
    client = client_for(user)
    url = edit_urls(team)["team"]
    data = edit_form(client.get(url).content.decode())
    data.update({name: [value] for name, value in changes.items()})
    with translation.override("da"):
        response = client.post(url, data)
    assert response.status_code == 200, "the edit should have been refused"
    return response.content.decode()


def test_seats_below_those_reserved_are_refused_in_danish(team: Team) -> None:
    koege = other_centre(team)
    ReservationFactory(team=team, job_centre=koege, seats=6)
    EnrolmentFactory(team=team, candidate=CandidateFactory(job_centre=koege))
    before = snapshot(team)
    html = post_team(team, staff(Role.MANAGER, team.host), seats="5", place="Køge")
    assert (
        "Jobcentrene har reserveret 6 pladser og besat 1 af dem; holdet kan ikke have færre "
        "end 6 pladser." in html
    )
    assert snapshot(team) == before  # the place was not saved either
    # Exactly the reserved seats is allowed.
    services.team_update(actor=staff(Role.SECRETARIAT, koege), team=team, seats=6)
    assert Team.objects.get(pk=team.pk).seats == 6


def test_more_seats_serve_the_waiting_list(team: Team) -> None:
    koege = other_centre(team)
    ReservationFactory(team=team, job_centre=koege, seats=10)
    WaitingEntryFactory(team=team, job_centre=koege, seats=3)
    services.team_update(actor=staff(Role.MANAGER, team.host), team=team, seats=12)
    assert team.reservations.get().seats == 12
    assert team.waiting.get().seats == 1


def test_dates_of_a_finished_team_are_refused(team: Team) -> None:
    candidate = CandidateFactory(job_centre=team.host)
    EnrolmentFactory(
        team=team,
        candidate=candidate,
        status=EnrolmentStatus.COMPLETED,
        finished_on=team.ends_on,
    )
    manager = staff(Role.MANAGER, team.host)
    before = snapshot(team)
    html = post_team(team, manager, ends_on="2027-06-30")
    assert "Holdet er afsluttet" in html
    assert snapshot(team) == before
    # Its place and price may still be corrected.
    services.team_update(actor=manager, team=team, place="Næstved, lokale 2")
    assert Team.objects.get(pk=team.pk).place == "Næstved, lokale 2"


def test_a_team_that_has_ended_with_participants_keeps_its_dates(team: Team) -> None:
    today = timezone.localdate()
    Team.objects.filter(pk=team.pk).update(
        starts_on=today - dt.timedelta(days=100), ends_on=today - dt.timedelta(days=1)
    )
    team.refresh_from_db()
    manager = staff(Role.MANAGER, team.host)
    # Without participants a mistyped date is corrected.
    services.team_update(actor=manager, team=team, ends_on=today)
    EnrolmentFactory(team=team, candidate=CandidateFactory(job_centre=team.host))
    Team.objects.filter(pk=team.pk).update(ends_on=today - dt.timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        services.team_update(actor=manager, team=team, ends_on=today + dt.timedelta(days=5))
    assert "ends_on" in refused.value.error_dict


def test_start_after_a_recorded_finish_is_refused(team: Team) -> None:
    EnrolmentFactory(
        team=team,
        candidate=CandidateFactory(job_centre=team.host),
        status=EnrolmentStatus.DROPPED_OUT,
        finished_on=dt.date(2027, 1, 20),
        dropout_reason="Sygdom",
    )
    manager = staff(Role.MANAGER, team.host)
    html = post_team(team, manager, starts_on="2027-02-01", ends_on="2027-06-18")
    assert "20.01.2027" in html and "kan holdet ikke begynde efter" in html
    # The end may move (the school extended the course).
    services.team_update(actor=manager, team=team, ends_on=dt.date(2027, 6, 18))


def test_end_before_start_is_refused_in_danish(team: Team) -> None:
    html = post_team(
        team, staff(Role.SECRETARIAT, team.host), starts_on="2027-03-01", ends_on="2027-02-01"
    )
    assert "Holdet må ikke slutte, før det begynder." in html


def test_host_and_group_of_another_cooperation_are_refused(team: Team) -> None:
    foreign = JobCentreFactory(
        cooperation=CooperationFactory(name="JRS Sjælland", short_name="JRS")
    )
    manager = staff(Role.MANAGER, team.host)
    with pytest.raises(ValidationError) as refused:
        services.team_update(actor=manager, team=team, host=foreign)
    assert "host" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        services.team_update(
            actor=manager, team=team, group=TeamGroupFactory(cooperation=foreign.cooperation)
        )
    assert "group" in refused.value.error_dict
    # Nor does the form offer them.
    html = client_for(manager).get(edit_urls(team)["team"]).content.decode()
    assert f'value="{foreign.pk}"' not in html


def test_weeks_below_recorded_attendance_are_refused(team: Team) -> None:
    enrolment = EnrolmentFactory(team=team, candidate=CandidateFactory(job_centre=team.host))
    AttendanceFactory(enrolment=enrolment, week=12)
    user = staff(Role.MANAGER, team.host)
    client = client_for(user)
    url = edit_urls(team)["course"]
    data = edit_form(client.get(url).content.decode())
    data.update(weeks=["10"])
    html = client.post(url, data).content.decode()
    assert "Der er registreret fremmøde for uge 12 af kurset" in html
    assert Course.objects.get(pk=team.course.pk).weeks == 20
    services.course_update(actor=user, course=team.course, weeks=12)


def test_provider_of_another_cooperation_is_refused_and_names_are_unique(team: Team) -> None:
    user = staff(Role.SECRETARIAT, team.host)
    with pytest.raises(ValidationError) as refused:
        services.course_update(
            actor=user,
            course=team.course,
            provider=ProviderFactory(
                cooperation=CooperationFactory(name="Job7", short_name="Job7")
            ),
        )
    assert "provider" in refused.value.error_dict
    ProviderFactory(cooperation=team.course.provider.cooperation, name="EUC Sjælland")
    client = client_for(user)
    url = edit_urls(team)["provider"]
    data = edit_form(client.get(url).content.decode())
    for taken in ("EUC Sjælland", "euc sjælland "):  # in any case
        data.update(name=[taken])
        html = client.post(url, data).content.decode()
        assert "Samarbejdet har allerede en udbyder med det navn." in html


def test_group_minimum_above_average_is_refused(team: Team) -> None:
    client = client_for(staff(Role.SECRETARIAT, team.host))
    url = edit_urls(team)["group"]
    data = edit_form(client.get(url).content.decode())
    data.update(minimum=["19"])
    html = client.post(url, data).content.decode()
    assert "Minimum må ikke være over gennemsnittet." in html
    assert TeamGroup.objects.get(pk=team.group.pk).minimum == 12


def test_a_new_course_takes_its_skills_and_certificates_from_the_picker(team: Team) -> None:
    client = client_for(staff(Role.MANAGER, team.host))
    url = reverse("upskilling:course_create")
    page = client.get(url).content.decode()
    assert 'data-testid="picker-skills"' in page
    data = edit_form(page)
    skill, certificate = SkillFactory(label_da="forflytning"), QualificationFactory()
    data.update(
        provider=[str(team.course.provider.pk)],
        title=["Forflytning"],
        weeks=["2"],
        skills=[str(skill.pk)],
        qualifications=[str(certificate.pk)],
    )
    response = client.post(url, data)
    course = Course.objects.get(title="Forflytning")
    assert response["Location"] == reverse("upskilling:course", args=[course.pk])
    assert list(course.skills.all()) == [skill]
    assert list(course.qualifications.all()) == [certificate]


def test_a_course_of_no_weeks_or_fewer_is_refused_with_one_limit(team: Team) -> None:
    client = client_for(staff(Role.SECRETARIAT, team.host))
    url = edit_urls(team)["course"]
    page = client.get(url).content.decode()
    weeks_input = re.search(r'<input[^>]*name="weeks"[^>]*>', page)
    assert weeks_input and 'min="1"' in weeks_input.group(0)  # the browser's limit too
    for weeks in ("0", "-1"):
        data = edit_form(page)
        data.update(weeks=[weeks])
        html = client.post(url, data).content.decode()
        assert "større end eller lig 1" in html, weeks
    assert Course.objects.get(pk=team.course.pk).weeks == team.course.weeks


# Two editors at once ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "field", "first", "second"),
    [
        ("provider", "name", "ZBC Slagelse", "ZBC Ringsted"),
        ("course", "title", "SOSU-klar forløb", "SOSU-klar 2027"),
        ("team", "place", "Slagelse", "Ringsted"),
        ("group", "name", "Sjælland 2028", "Sjælland 2029"),
    ],
)
def test_the_second_of_two_editors_is_refused_and_the_first_keeps_their_change(
    team: Team, kind: str, field: str, first: str, second: str
) -> None:
    url = edit_urls(team)[kind]
    secretary = client_for(staff(Role.SECRETARIAT, team.host))
    manager = client_for(staff(Role.MANAGER, team.host))
    # Both open the page before either saves.
    first_form = edit_form(secretary.get(url).content.decode())
    second_form = edit_form(manager.get(url).content.decode())
    assert first_form["version"] == second_form["version"] == ["1"]

    assert secretary.post(url, {**first_form, field: first}).status_code == 302
    refused = manager.post(url, {**second_form, field: second})

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Nogen anden har ændret det, mens du redigerede." in page
    model = {"provider": Provider, "course": Course, "team": Team, "group": TeamGroup}[kind]
    pk = {
        "provider": team.course.provider.pk,
        "course": team.course.pk,
        "team": team.pk,
        "group": team.group.pk,
    }[kind]
    stored = model.objects.get(pk=pk)
    assert getattr(stored, field) == first
    assert stored.version == 2
    # Reloaded, the second editor sees the first's change and may make theirs.
    again = edit_form(manager.get(url).content.decode())
    assert again[field] == [first] and again["version"] == ["2"]
    assert manager.post(url, {**again, field: second}).status_code == 302
    assert getattr(model.objects.get(pk=pk), field) == second


def test_an_unchanged_save_leaves_the_version_so_others_may_save(team: Team) -> None:
    url = edit_urls(team)["team"]
    secretary = client_for(staff(Role.SECRETARIAT, team.host))
    manager = client_for(staff(Role.MANAGER, team.host))
    unchanged = edit_form(secretary.get(url).content.decode())
    other = edit_form(manager.get(url).content.decode())
    assert secretary.post(url, unchanged).status_code == 302
    assert manager.post(url, {**other, "place": "Ringsted"}).status_code == 302
    team.refresh_from_db()
    assert team.place == "Ringsted" and team.version == 2


def test_the_service_refuses_a_stale_version(team: Team) -> None:
    secretary = staff(Role.SECRETARIAT, team.host)
    services.team_update(actor=secretary, team=team, expected_version=1, place="Slagelse")
    with pytest.raises(ValidationError) as refused:
        services.team_update(actor=secretary, team=team, expected_version=1, place="Ringsted")
    assert refused.value.code == "stale_version"
    team.refresh_from_db()
    assert team.place == "Slagelse"
