"""The upskilling pages as people use them: who may, who may not, and what they see."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from jobbro.accesslog.models import AccessLogEntry
from jobbro.candidates.models import Candidate, ConsentScope, HeldQualification
from jobbro.organisations.models import Role
from jobbro.upskilling import services
from jobbro.upskilling.forms import EnrolForm
from jobbro.upskilling.models import Enrolment, EnrolmentStatus, Reservation, Team, TeamGroup
from tests.clock import on
from tests.factories import (
    CandidateFactory,
    CooperationFactory,
    CourseFactory,
    EnrolmentFactory,
    JobCentreFactory,
    ProviderFactory,
    QualificationFactory,
    TeamFactory,
    TeamGroupFactory,
    staff,
)
from tests.html_forms import form_data, form_index

pytestmark = pytest.mark.django_db


def client_for(user, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def team():
    return TeamFactory(seats=3, course=CourseFactory(title="SOSU-klar"))


def centre(team, name):
    return JobCentreFactory(name=name, cooperation=team.course.provider.cooperation)


def test_secretariat_sets_up_a_team_job_consultant_may_not(team):
    a = centre(team, "A")
    data = {
        "course": team.course.pk,
        "host": a.pk,
        "starts_on": "2027-02-01",
        "ends_on": "2027-06-18",
        "place": "Køge",
        "seats": "18",
        "price": "2500",
    }
    assert (
        client_for(staff(Role.JOB_CONSULTANT, a))
        .post(reverse("upskilling:team_create"), data)
        .status_code
        == 403
    )
    response = client_for(staff(Role.SECRETARIAT, a)).post(reverse("upskilling:team_create"), data)
    created = Team.objects.get(place="Køge")
    assert response["Location"] == reverse("upskilling:team", args=[created.pk])


def test_bad_team_dates_get_a_danish_message_and_nothing_is_saved(team):
    a = centre(team, "A")
    with translation.override("da"):
        response = client_for(staff(Role.SECRETARIAT, a), "da").post(
            reverse("upskilling:team_create"),
            {
                "course": team.course.pk,
                "host": a.pk,
                "starts_on": "2027-02-01",
                "ends_on": "2027-01-01",
                "place": "Køge",
                "seats": "18",
                "price": "2500",
            },
        )
    assert response.status_code == 200
    assert "Holdet må ikke slutte, før det begynder." in response.content.decode()
    assert Team.objects.count() == 1


def test_reserving_and_enrolling_on_the_page(team):
    a = centre(team, "A")
    consultant = staff(Role.JOB_CONSULTANT, a)
    candidate = CandidateFactory(job_centre=a, first_name="Lone", last_name="Holm")
    client = client_for(consultant)
    url = reverse("upskilling:team", args=[team.pk])
    client.post(url, {"action": "reserve", "reserve-job_centre": a.pk, "reserve-seats": "2"})
    assert Reservation.objects.get(team=team, job_centre=a).seats == 2
    client.post(url, {"action": "enrol", "candidate": candidate.pk})
    enrolment = Enrolment.objects.get(team=team)
    page = client.get(url).content.decode()
    assert "Lone Holm" in page
    assert reverse("upskilling:enrolment", args=[enrolment.pk]) in page


def test_over_reserving_goes_to_the_waiting_list_with_a_message(team):
    a = centre(team, "A")
    client = client_for(staff(Role.JOB_CONSULTANT, a))
    url = reverse("upskilling:team", args=[team.pk])
    response = client.post(
        url, {"action": "reserve", "reserve-job_centre": a.pk, "reserve-seats": "5"}, follow=True
    )
    assert "3 seats reserved; the team is full, so 2 are on the waiting list." in (
        response.content.decode()
    )


def test_names_only_for_who_may_see_the_candidate_and_every_read_logged(team):
    a, b = centre(team, "A"), centre(team, "B")
    EnrolmentFactory(
        team=team,
        candidate=CandidateFactory(
            job_centre=a, first_name="Hemmelig", consent_scope=ConsentScope.NONE
        ),
    )
    shared = EnrolmentFactory(
        team=team, candidate=CandidateFactory(job_centre=a, first_name="Delt")
    )
    reader = staff(Role.JOB_CONSULTANT, b)
    page = client_for(reader).get(reverse("upskilling:team", args=[team.pk])).content.decode()
    assert "Delt" in page and "Hemmelig" not in page
    assert "A: 1" in page  # counted, not named
    assert list(
        AccessLogEntry.objects.filter(user=reader).values_list("candidate_id", flat=True)
    ) == [shared.candidate_id]
    # B's consultant does not record A's participant.
    url = reverse("upskilling:enrolment", args=[shared.pk])
    assert client_for(reader).get(url).status_code == 404


def test_another_cooperation_sees_nothing(team):
    stranger = staff(
        Role.SECRETARIAT,
        JobCentreFactory(cooperation=CooperationFactory(name="JRS Sjælland", short_name="JRS")),
    )
    group = TeamGroupFactory(cooperation=team.course.provider.cooperation)
    client = client_for(stranger)
    for url in (
        reverse("upskilling:team", args=[team.pk]),
        reverse("upskilling:course", args=[team.course.pk]),
        reverse("upskilling:group", args=[group.pk]),
    ):
        assert client.get(url).status_code == 404
    assert "SOSU-klar" not in client.get(reverse("upskilling:overview")).content.decode()


def test_completion_on_the_page_puts_the_certificate_on_the_cv(team):
    a = centre(team, "A")
    certificate = QualificationFactory(code="sosu-klar")
    team.course.qualifications.add(certificate)
    enrolment = EnrolmentFactory(team=team, candidate=CandidateFactory(job_centre=a))
    url = reverse("upskilling:enrolment", args=[enrolment.pk])
    finish = {"action": "finish", "finish-result": "completed", "finish-finished_on": "2027-05-21"}
    client = client_for(staff(Role.JOB_CONSULTANT, a))
    # Before the day: refused, said on the form, nothing on the CV.
    refused = client.post(url, finish).content.decode()
    assert "The date must not be in the future" in refused
    assert not HeldQualification.objects.exists()
    with on(dt.date(2027, 5, 21)):
        client = client_for(staff(Role.JOB_CONSULTANT, a))  # signed in on the day
        response = client.post(
            url,
            {
                "action": "finish",
                "finish-result": "dropped_out",
                "finish-finished_on": "2027-03-01",
            },
        )
        assert "Give the reason for dropping out." in response.content.decode()
        client.post(url, finish)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    assert HeldQualification.objects.get(cv__candidate=enrolment.candidate).obtained_on == (
        dt.date(2027, 5, 21)
    )


def test_group_page_shows_each_centres_share(team):
    coop = team.course.provider.cooperation
    group = TeamGroupFactory(cooperation=coop, average=2, minimum=1)
    team.group = group
    team.price = 1000
    team.save()
    a = centre(team, "Jobcenter Køge")
    EnrolmentFactory(team=team, candidate=CandidateFactory(job_centre=a))
    page = client_for(staff(Role.MANAGER, a)).get(reverse("upskilling:group", args=[group.pk]))
    text = page.content.decode()
    assert "The group is below its average." in text
    # 1 participant at 1,000 kr. and the 1 place short of the average: 2,000 kr.
    row = re.search(r"<tr>\s*<td>Jobcenter Køge</td>(.*?)</tr>", text, re.S)
    assert row is not None
    cells = re.findall(r'<td class="text-align-right">([^<]*)</td>', row.group(1))
    assert cells == ["1", "1,000", "1,000", "2,000"]
    assert "each at the running teams' mean price per participant, 1,000.00 kr." in text


def test_provider_page_form(team):
    a = centre(team, "A")
    response = client_for(staff(Role.MANAGER, a)).get(reverse("upskilling:course_create"))
    assert response.status_code == 200
    assert ProviderFactory._meta.model.objects.count() == 1


def test_the_drop_out_reason_is_asked_for_as_required_and_refused_when_missing(team):
    a = centre(team, "A")
    enrolment = EnrolmentFactory(team=team, candidate=CandidateFactory(job_centre=a))
    client = client_for(staff(Role.JOB_CONSULTANT, a), "da")
    url = reverse("upskilling:enrolment", args=[enrolment.pk])
    page = client.get(url).content.decode()
    label = re.search(r'<label[^>]*for="id_finish-reason"[^>]*>(.*?)</label>', page, re.S)
    assert label is not None and "Årsag til frafald" in label.group(1)
    assert "valgfrit" not in label.group(1)
    assert "Skal udfyldes, når kandidaten er faldet fra." in page

    refused = client.post(
        url,
        {
            "action": "finish",
            "finish-result": "dropped_out",
            "finish-finished_on": "2027-03-01",
            "finish-reason": "   ",
        },
    )
    assert "Angiv årsagen til frafaldet." in refused.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED and enrolment.finished_on is None


def _finished(team, centre_):
    enrolment = EnrolmentFactory(
        team=team,
        candidate=CandidateFactory(job_centre=centre_),
        status=EnrolmentStatus.COMPLETED,
        finished_on=team.ends_on,
    )
    return enrolment, reverse("upskilling:enrolment", args=[enrolment.pk])


def _form(page: str, testid: str) -> dict[str, list[str]]:
    return form_data(page, form_index(page, f'data-testid="{testid}"'))


@pytest.mark.parametrize("answer", ["true", "false"])
def test_the_outcome_shows_the_three_months_answer_and_saving_again_keeps_it(team, answer):
    a = centre(team, "A")
    enrolment, url = _finished(team, a)
    with on(team.ends_on + dt.timedelta(days=100)):
        client = client_for(staff(Role.JOB_CONSULTANT, a), "da")
        form = _form(client.get(url).content.decode(), "outcome-form")
        form.update({"outcome-got_hours": ["on"], "outcome-hours_after_three_months": [answer]})
        assert client.post(url, form).status_code == 302
        page = client.get(url).content.decode()
        assert re.search(rf'<option value="{answer}" selected>', page)
        # Saved again unchanged (another field ticked): the answer stays.
        again = _form(page, "outcome-form")
        again["outcome-started_education"] = ["on"]
        assert client.post(url, again).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.hours_after_three_months is (answer == "true")
    assert enrolment.got_hours and enrolment.started_education


def test_two_consultants_saving_the_outcome_the_second_is_refused(team):
    a = centre(team, "A")
    enrolment, url = _finished(team, a)
    with on(team.ends_on + dt.timedelta(days=5)):
        first = client_for(staff(Role.JOB_CONSULTANT, a), "da")
        second = client_for(staff(Role.JOB_CONSULTANT, a), "da")
        first_form = _form(first.get(url).content.decode(), "outcome-form")
        second_form = _form(second.get(url).content.decode(), "outcome-form")
        first_form["outcome-got_job"] = ["on"]
        assert first.post(url, first_form).status_code == 302
        second_form["outcome-started_education"] = ["on"]
        refused = second.post(url, second_form)
        assert refused.status_code == 200
        assert "Nogen anden har ændret tilmeldingen" in refused.content.decode()
        # Attendance from the older page is refused too.
        week = _form(second.get(url).content.decode(), "attendance-form")
        week.update({"week-week": ["2"], "week-version": second_form["outcome-version"]})
        assert "Nogen anden har ændret tilmeldingen" in second.post(url, week).content.decode()
    enrolment.refresh_from_db()
    assert enrolment.got_job and not enrolment.started_education
    assert not enrolment.attendance.exists()


def test_a_drop_out_on_an_enrolment_finished_meanwhile_says_why(team):
    a = centre(team, "A")
    enrolment = EnrolmentFactory(team=team, candidate=CandidateFactory(job_centre=a))
    url = reverse("upskilling:enrolment", args=[enrolment.pk])
    with on(team.ends_on):
        first = client_for(staff(Role.JOB_CONSULTANT, a), "da")
        second = client_for(staff(Role.JOB_CONSULTANT, a), "da")
        stale = _form(second.get(url).content.decode(), "finish-form")
        done = _form(first.get(url).content.decode(), "finish-form")
        done.update({"finish-result": ["completed"], "finish-finished_on": [str(team.ends_on)]})
        assert first.post(url, done).status_code == 302
        stale.update(
            {
                "finish-result": ["dropped_out"],
                "finish-finished_on": [str(team.ends_on)],
                "finish-reason": ["Flyttet"],
            }
        )
        page = second.post(url, stale).content.decode()
    assert "Nogen anden har ændret tilmeldingen" in page
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED


def test_a_candidate_on_a_running_team_is_not_enrolled_on_one_at_the_same_time(team):
    a = centre(team, "A")
    user = staff(Role.JOB_CONSULTANT, a)
    candidate = CandidateFactory(job_centre=a)
    EnrolmentFactory(team=team, candidate=candidate)
    overlapping = TeamFactory(
        course=team.course,
        host=a,
        starts_on=team.ends_on - dt.timedelta(days=14),
        ends_on=team.ends_on + dt.timedelta(days=30),
    )
    services.reserve_seats(actor=user, team=overlapping, job_centre=a, seats=1)
    with translation.override("da"), pytest.raises(ValidationError, match="overlapper"):
        services.enrol(actor=user, team=overlapping, candidate=candidate)
    assert not overlapping.enrolments.exists()


def test_a_groups_figures_are_bounded_and_its_name_is_its_own(team):
    coop = team.course.provider.cooperation
    client = client_for(staff(Role.SECRETARIAT, team.host), "da")
    url = reverse("upskilling:group_create")
    huge = client.post(url, {"name": "Svejsehold 2027", "average": "99999999999", "minimum": "1"})
    assert "Denne værdi skal være mindre end eller lig 200." in huge.content.decode()
    for figure in ("0", "-3"):
        low = client.post(url, {"name": "Svejsehold 2027", "average": figure, "minimum": "1"})
        assert "Denne værdi skal være større end eller lig 1." in low.content.decode()
    assert client.post(url, {"name": "Svejsehold 2027", "average": "18", "minimum": "6"})[
        "Location"
    ]
    twice = client.post(url, {"name": "svejsehold  2027", "average": "18", "minimum": "6"})
    assert "Samarbejdet har allerede en gruppe med det navn." in twice.content.decode()
    assert TeamGroup.objects.filter(cooperation=coop, name__iexact="Svejsehold 2027").count() == 1


def test_a_providers_name_is_compared_with_single_spaces(team):
    provider = team.course.provider
    client = client_for(staff(Role.SECRETARIAT, team.host), "da")
    page = client.post(
        reverse("upskilling:provider_create"),
        {
            "name": provider.name.replace(" ", "  ") + " ",
            "kind": provider.kind,
            "municipality": provider.municipality.pk,
        },
    )
    assert "Samarbejdet har allerede en udbyder med det navn." in page.content.decode()


def test_new_dates_of_a_team_may_not_put_a_participant_on_two_teams_at_once(team):
    a = centre(team, "A")
    candidate = CandidateFactory(job_centre=a)
    EnrolmentFactory(team=team, candidate=candidate)  # 04.01.2027-21.05.2027
    later = TeamFactory(
        course=team.course, host=a, starts_on=dt.date(2027, 6, 7), ends_on=dt.date(2027, 8, 27)
    )
    EnrolmentFactory(team=later, candidate=candidate)
    secretariat = staff(Role.SECRETARIAT, a)
    with translation.override("da"), pytest.raises(ValidationError, match="overlappe"):
        services.team_update(actor=secretariat, team=later, starts_on=dt.date(2027, 5, 17))
    later.refresh_from_db()
    assert later.starts_on == dt.date(2027, 6, 7)
    services.team_update(actor=secretariat, team=later, starts_on=dt.date(2027, 5, 24))


def test_a_completion_before_an_attended_week_is_refused(team):
    a = centre(team, "A")
    user = staff(Role.JOB_CONSULTANT, a)
    enrolment = EnrolmentFactory(team=team, candidate=CandidateFactory(job_centre=a))
    with on(dt.date(2027, 2, 1)):
        services.record_attendance(actor=user, enrolment=enrolment, week=3, attended=True)
        with pytest.raises(ValidationError, match="attended week 3"):
            services.complete(actor=user, enrolment=enrolment, finished_on=dt.date(2027, 1, 15))
        services.complete(actor=user, enrolment=enrolment, finished_on=dt.date(2027, 1, 18))


def test_the_enrolment_list_tells_two_candidates_of_one_name_apart(team):
    a = centre(team, "A")
    for year in (1987, 1994):
        CandidateFactory(
            job_centre=a, first_name="Ahmad", last_name="Mansour", birth_date=dt.date(year, 3, 1)
        )
    with translation.override("da"):
        form = EnrolForm(candidates=Candidate.objects.filter(job_centre=a))
        labels = [label for _value, label in form.fields["candidate"].choices][1:]
    assert labels == ["Ahmad Mansour (født 1987)", "Ahmad Mansour (født 1994)"]
