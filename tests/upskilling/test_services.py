"""Seats, the waiting list, enrolment to outcome and the course's results, with known answers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jobbro.candidates.models import HeldQualification
from jobbro.matching.models import CandidateChange
from jobbro.organisations.models import Role
from jobbro.upskilling import selectors, services
from jobbro.upskilling.models import (
    Enrolment,
    EnrolmentStatus,
    Provider,
    ProviderKind,
    Reservation,
    WaitingEntry,
)
from tests.clock import on
from tests.factories import (
    CandidateFactory,
    CooperationFactory,
    EnrolmentFactory,
    JobCentreFactory,
    MunicipalityFactory,
    QualificationFactory,
    SkillFactory,
    TeamFactory,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory(seats=4)


def centre(team, name):
    return JobCentreFactory(name=name, cooperation=team.course.provider.cooperation)


def reserved(team) -> dict[str, int]:
    return {r.job_centre.name: r.seats for r in Reservation.objects.filter(team=team)}


def test_seats_are_reserved_until_full_then_the_rest_waits_first_come(team):
    a, b, c = centre(team, "A"), centre(team, "B"), centre(team, "C")
    ua, ub, uc = (staff(Role.JOB_CONSULTANT, x) for x in (a, b, c))
    assert services.reserve_seats(actor=ua, team=team, job_centre=a, seats=2) == (2, 0)
    assert services.reserve_seats(actor=ub, team=team, job_centre=b, seats=3) == (2, 1)
    assert services.reserve_seats(actor=uc, team=team, job_centre=c, seats=1) == (0, 1)
    assert reserved(team) == {"A": 2, "B": 2}
    page = selectors.team_page(ua, team)
    assert [(w.position, w.job_centre.name, w.seats) for w in page.waiting] == [
        (1, "B", 1),
        (2, "C", 1),
    ]
    # A gives one back: it goes to the first waiting (B), not to C.
    services.release_seats(actor=ua, team=team, job_centre=a, seats=1)
    assert reserved(team) == {"A": 1, "B": 3}
    assert list(WaitingEntry.objects.values_list("job_centre__name", "seats")) == [("C", 1)]


def test_a_seat_is_not_released_when_a_candidate_fills_it(team):
    a = centre(team, "A")
    user = staff(Role.JOB_CONSULTANT, a)
    services.reserve_seats(actor=user, team=team, job_centre=a, seats=1)
    services.enrol(actor=user, team=team, candidate=CandidateFactory(job_centre=a))
    with pytest.raises(ValidationError, match="at most the 0 reserved seats"):
        services.release_seats(actor=user, team=team, job_centre=a, seats=1)
    assert reserved(team) == {"A": 1}


def test_only_own_centre_reserves_and_enrols(team):
    a, b = centre(team, "A"), centre(team, "B")
    user = staff(Role.JOB_CONSULTANT, a)
    with pytest.raises(PermissionDenied):
        services.reserve_seats(actor=user, team=team, job_centre=b, seats=1)
    with pytest.raises(PermissionDenied):
        services.reserve_seats(actor=staff(Role.SECRETARIAT, a), team=team, job_centre=a, seats=1)
    outsider = JobCentreFactory(cooperation=CooperationFactory(name="JRS", short_name="JRS"))
    with pytest.raises(PermissionDenied):
        services.reserve_seats(
            actor=staff(Role.JOB_CONSULTANT, outsider), team=team, job_centre=outsider, seats=1
        )
    services.reserve_seats(actor=user, team=team, job_centre=a, seats=2)
    with pytest.raises(PermissionDenied):
        services.enrol(actor=user, team=team, candidate=CandidateFactory(job_centre=b))
    assert not Enrolment.objects.exists()


def test_enrolment_needs_a_free_reserved_seat_and_no_twice(team):
    a = centre(team, "A")
    user = staff(Role.JOB_CONSULTANT, a)
    first, second = CandidateFactory(job_centre=a), CandidateFactory(job_centre=a)
    with pytest.raises(ValidationError, match="no free reserved seat"):
        services.enrol(actor=user, team=team, candidate=first)
    services.reserve_seats(actor=user, team=team, job_centre=a, seats=1)
    services.enrol(actor=user, team=team, candidate=first)
    with pytest.raises(ValidationError, match="on the team already"):
        services.enrol(actor=user, team=team, candidate=first)
    with pytest.raises(ValidationError, match="no free reserved seat"):
        services.enrol(actor=user, team=team, candidate=second)
    assert Enrolment.objects.count() == 1


def test_bad_seat_numbers_are_refused(team):
    a = centre(team, "A")
    user = staff(Role.JOB_CONSULTANT, a)
    with pytest.raises(ValidationError, match="1 or more"):
        services.reserve_seats(actor=user, team=team, job_centre=a, seats=0)
    assert not Reservation.objects.exists()


def test_completion_puts_the_certificate_and_skills_on_the_cv_and_in_the_journal(team):
    a = centre(team, "A")
    user = staff(Role.JOB_CONSULTANT, a)
    certificate = QualificationFactory(code="sosu-klar", label_da="SOSU-klar")
    skill = SkillFactory()
    team.course.qualifications.add(certificate)
    team.course.skills.add(skill)
    candidate = CandidateFactory(job_centre=a)
    services.reserve_seats(actor=user, team=team, job_centre=a, seats=1)
    enrolment = services.enrol(actor=user, team=team, candidate=candidate)
    before = CandidateChange.objects.filter(candidate_id=candidate.pk).count()
    with pytest.raises(ValidationError, match="must not be in the future"):
        services.complete(actor=user, enrolment=enrolment, finished_on=dt.date(2027, 5, 21))
    with on(dt.date(2027, 5, 21)):
        services.complete(actor=user, enrolment=enrolment, finished_on=dt.date(2027, 5, 21))
    held = HeldQualification.objects.get(cv__candidate=candidate)
    assert held.qualification == certificate
    assert held.obtained_on == dt.date(2027, 5, 21)
    assert list(candidate.cv.skills.all()) == [skill]
    assert CandidateChange.objects.filter(candidate_id=candidate.pk).count() > before
    with on(dt.date(2027, 5, 21)), pytest.raises(ValidationError, match="already finished"):
        services.complete(actor=user, enrolment=enrolment, finished_on=dt.date(2027, 5, 21))


def test_drop_out_needs_a_reason_and_adds_nothing(team):
    a = centre(team, "A")
    user = staff(Role.JOB_CONSULTANT, a)
    team.course.qualifications.add(QualificationFactory())
    enrolment = EnrolmentFactory(team=team, candidate=CandidateFactory(job_centre=a))
    with on(team.starts_on), pytest.raises(ValidationError):
        services.drop_out(actor=user, enrolment=enrolment, finished_on=team.starts_on, reason=" ")
    with on(team.starts_on):
        services.drop_out(
            actor=user, enrolment=enrolment, finished_on=team.starts_on, reason="Sygdom"
        )
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.DROPPED_OUT
    assert enrolment.dropout_reason == "Sygdom"
    assert not HeldQualification.objects.exists()


def test_attendance_per_week_within_the_course(team):
    a = centre(team, "A")
    user = staff(Role.JOB_CONSULTANT, a)
    enrolment = EnrolmentFactory(team=team, candidate=CandidateFactory(job_centre=a))
    # Week 3 begins on Monday 18 January 2027: not before.
    with on(dt.date(2027, 1, 17)), pytest.raises(ValidationError, match="once it has begun"):
        services.record_attendance(actor=user, enrolment=enrolment, week=3, attended=True)
    with on(dt.date(2027, 1, 18)):
        services.record_attendance(actor=user, enrolment=enrolment, week=3, attended=True)
        services.record_attendance(actor=user, enrolment=enrolment, week=3, attended=False)
    assert list(enrolment.attendance.values_list("week", "attended")) == [(3, False)]
    with on(team.ends_on), pytest.raises(ValidationError, match="from 1 to 20"):
        services.record_attendance(actor=user, enrolment=enrolment, week=21, attended=True)
    # Dropped out in week 4: week 5 is refused; a drop-out before an attended week too.
    with on(team.ends_on):
        services.record_attendance(actor=user, enrolment=enrolment, week=4, attended=True)
        with pytest.raises(ValidationError, match="attended week 4"):
            services.drop_out(
                actor=user, enrolment=enrolment, finished_on=dt.date(2027, 1, 20), reason="Job"
            )
        services.drop_out(
            actor=user, enrolment=enrolment, finished_on=dt.date(2027, 1, 27), reason="Job"
        )
        with pytest.raises(ValidationError, match="before week 5 began"):
            services.record_attendance(actor=user, enrolment=enrolment, week=5, attended=True)


def test_course_results_as_jrs_reports_them():
    # 95 participants: 66 got ordinary hours (69 %), 55 kept them (58 %), 34 education (36 %).
    team = TeamFactory(seats=100)
    for number in range(95):
        EnrolmentFactory(
            team=team,
            status=EnrolmentStatus.COMPLETED,
            outcome_recorded=True,
            got_hours=number < 60,
            got_job=60 <= number < 66,
            hours_after_three_months=number < 55,
            started_education=number >= 61,
        )
    EnrolmentFactory(team=team)  # still on the course: not counted yet
    results = selectors.course_results(team.course)
    assert (results.participants, results.hours, results.after_three_months) == (95, 66, 55)
    assert results.education == 34
    assert (results.hours_pct, results.after_three_months_pct, results.education_pct) == (
        69,
        58,
        36,
    )


def test_outcome_only_after_the_course_and_three_months_needs_hours(team):
    a = centre(team, "A")
    user = staff(Role.JOB_CONSULTANT, a)
    enrolment = EnrolmentFactory(team=team, candidate=CandidateFactory(job_centre=a))
    fields = {
        "got_job": False,
        "got_hours": False,
        "hours_after_three_months": None,
        "started_education": True,
    }
    with pytest.raises(ValidationError, match="once the candidate has finished"):
        services.record_outcome(actor=user, enrolment=enrolment, **fields)
    with on(team.ends_on):
        services.complete(actor=user, enrolment=enrolment, finished_on=team.ends_on)
        # Hours after three months are not known on the last day of the course.
        with pytest.raises(ValidationError, match="Three months after the course are up on"):
            services.record_outcome(
                actor=user,
                enrolment=enrolment,
                **{**fields, "got_hours": True, "hours_after_three_months": True},
            )
    with on(team.ends_on + dt.timedelta(days=90)):
        with pytest.raises(ValidationError, match="after three months"):
            services.record_outcome(
                actor=user, enrolment=enrolment, **{**fields, "hours_after_three_months": True}
            )
        services.record_outcome(actor=user, enrolment=enrolment, **fields)
    enrolment.refresh_from_db()
    assert enrolment.started_education and not enrolment.still_unemployed


def test_secretariat_and_managers_set_up_others_do_not(team):
    coop = team.course.provider.cooperation
    a = centre(team, "A")
    provider = Provider(
        cooperation=coop,
        name="ZBC",
        kind=ProviderKind.VOCATIONAL_SCHOOL,
        municipality=MunicipalityFactory(),
    )
    for role in (Role.JOB_CONSULTANT, Role.TEAM_LEADER):
        with pytest.raises(PermissionDenied):
            services.setup_save(actor=staff(role, a), instance=provider)
    services.setup_save(actor=staff(Role.MANAGER, a), instance=provider)
    assert Provider.objects.filter(name="ZBC").exists()


def test_fewer_seats_than_reserved_is_refused_and_more_seats_serve_the_waiting(team):
    a, b = centre(team, "A"), centre(team, "B")
    services.reserve_seats(actor=staff(Role.JOB_CONSULTANT, a), team=team, job_centre=a, seats=4)
    services.reserve_seats(actor=staff(Role.JOB_CONSULTANT, b), team=team, job_centre=b, seats=2)
    secretariat = staff(Role.SECRETARIAT, a)
    team.seats = 3
    with pytest.raises(ValidationError):
        services.setup_save(actor=secretariat, instance=team)
    team.seats = 5
    services.setup_save(actor=secretariat, instance=team)
    assert reserved(team) == {"A": 4, "B": 1}
    assert list(WaitingEntry.objects.values_list("seats", flat=True)) == [1]


def test_an_ended_team_takes_no_seats_nor_participants_and_completion_is_within_it(team):
    """What the job centres pay rests on the seats and participants of a team as it ran."""
    a = centre(team, "A")
    user = staff(Role.JOB_CONSULTANT, a)
    first, second = CandidateFactory(job_centre=a), CandidateFactory(job_centre=a)
    services.reserve_seats(actor=user, team=team, job_centre=a, seats=2)
    enrolment = services.enrol(actor=user, team=team, candidate=first)
    with on(team.ends_on + dt.timedelta(days=2)):
        with pytest.raises(ValidationError, match="after the team ends"):
            services.complete(
                actor=user, enrolment=enrolment, finished_on=team.ends_on + dt.timedelta(days=1)
            )
        services.complete(actor=user, enrolment=enrolment, finished_on=team.ends_on)
    team.starts_on, team.ends_on = dt.date(2026, 1, 5), dt.date(2026, 1, 30)
    team.save()
    with pytest.raises(ValidationError, match="team ended on"):
        services.reserve_seats(actor=user, team=team, job_centre=a, seats=1)
    with pytest.raises(ValidationError, match="team ended on"):
        services.enrol(actor=user, team=team, candidate=second)
    assert reserved(team) == {"A": 2}
    assert Enrolment.objects.filter(team=team).count() == 1


def test_a_finished_teams_price_stands(team):
    a = centre(team, "A")
    user = staff(Role.JOB_CONSULTANT, a)
    secretariat = staff(Role.SECRETARIAT, a)
    services.reserve_seats(actor=user, team=team, job_centre=a, seats=1)
    enrolment = services.enrol(actor=user, team=team, candidate=CandidateFactory(job_centre=a))
    services.team_update(actor=secretariat, team=team, price=5000)  # not finished yet
    with on(team.ends_on):
        services.complete(actor=user, enrolment=enrolment, finished_on=team.ends_on)
    with pytest.raises(ValidationError, match="price"):
        services.team_update(actor=secretariat, team=team, price=9999)
    team.refresh_from_db()
    assert team.price == 5000
