"""Upskilling: providers, courses, teams, groups, reservations and enrolments."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from jobbro.upskilling.models import (
    Attendance,
    Course,
    Enrolment,
    Provider,
    ProviderKind,
    Reservation,
    Team,
    TeamGroup,
    WaitingEntry,
)

from .candidates import CandidateFactory
from .organisations import CooperationFactory, JobCentreFactory, MunicipalityFactory, UserFactory


class ProviderFactory(DjangoModelFactory):
    class Meta:
        model = Provider

    cooperation = factory.SubFactory(CooperationFactory)
    name = factory.Sequence(lambda n: f"SOSU-skole {n}")
    kind = ProviderKind.VOCATIONAL_SCHOOL
    municipality = factory.SubFactory(MunicipalityFactory)


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = Course

    provider = factory.SubFactory(ProviderFactory)
    title = "SOSU-klar"
    weeks = 20


class TeamGroupFactory(DjangoModelFactory):
    class Meta:
        model = TeamGroup

    cooperation = factory.SubFactory(CooperationFactory)
    name = "SOSU-klar 2019"
    average = 18
    minimum = 12


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    course = factory.SubFactory(CourseFactory)
    host = factory.SubFactory(
        JobCentreFactory, cooperation=factory.SelfAttribute("..course.provider.cooperation")
    )
    starts_on = dt.date(2027, 1, 4)
    ends_on = dt.date(2027, 5, 21)
    place = "Næstved"
    seats = 25
    price = 2000


class ReservationFactory(DjangoModelFactory):
    class Meta:
        model = Reservation

    team = factory.SubFactory(TeamFactory)
    job_centre = factory.SubFactory(
        JobCentreFactory, cooperation=factory.SelfAttribute("..team.course.provider.cooperation")
    )
    seats = 2


class WaitingEntryFactory(DjangoModelFactory):
    class Meta:
        model = WaitingEntry

    team = factory.SubFactory(TeamFactory)
    job_centre = factory.SubFactory(
        JobCentreFactory, cooperation=factory.SelfAttribute("..team.course.provider.cooperation")
    )
    seats = 1
    created_by = factory.SubFactory(UserFactory)


class EnrolmentFactory(DjangoModelFactory):
    class Meta:
        model = Enrolment

    team = factory.SubFactory(TeamFactory)
    candidate = factory.SubFactory(CandidateFactory)
    job_centre = factory.SelfAttribute("candidate.job_centre")
    enrolled_by = factory.SubFactory(UserFactory)


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    enrolment = factory.SubFactory(EnrolmentFactory)
    week = 1
    attended = True
