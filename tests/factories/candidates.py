"""Candidates and their CV: experience, education, certificates, languages."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from jobbro.candidates.models import (
    Candidate,
    ConsentScope,
    Cv,
    Education,
    EducationLevel,
    Experience,
    HeldQualification,
    SpokenLanguage,
    TargetGroup,
)
from jobbro.taxonomy.models import CefrLevel

from .organisations import JobCentreFactory, MunicipalityFactory
from .taxonomy import LanguageFactory, OccupationFactory, QualificationFactory


class TargetGroupFactory(DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ("code",)

    code = "youth"
    label_da = "Unge under 30 år"
    label_en = "Young people under 30"


class CandidateFactory(DjangoModelFactory):
    class Meta:
        model = Candidate
        skip_postgeneration_save = True  # the CV is a separate row; the candidate is unchanged

    job_centre = factory.SubFactory(JobCentreFactory)
    cpr = factory.Sequence(lambda n: f"0101{80 + n % 20:02d}{1000 + n:04d}")
    first_name = "Anders"
    last_name = factory.Sequence(lambda n: f"Jensen{n}")
    birth_date = dt.date(1985, 1, 1)
    municipality = factory.SubFactory(MunicipalityFactory)
    consent_scope = ConsentScope.COOPERATION
    consent_given_on = dt.date(2026, 1, 5)
    available_from = dt.date(2026, 1, 1)
    registered_on = dt.date(2025, 12, 1)
    cv = factory.RelatedFactory(
        "tests.factories.candidates.CvFactory", factory_related_name="candidate"
    )


class CvFactory(DjangoModelFactory):
    class Meta:
        model = Cv

    candidate = factory.SubFactory(CandidateFactory, cv=None)
    profile_da = "Erfaren tømrer med svendebrev."
    profile_en = "Experienced carpenter, journeyman's certificate."


class ExperienceFactory(DjangoModelFactory):
    """A job held from `start_date`; without an `end_date` it is the current one."""

    class Meta:
        model = Experience

    cv = factory.SubFactory(CvFactory)
    occupation = factory.SubFactory(OccupationFactory)
    title = "Tømrer"
    start_date = dt.date(2015, 8, 1)


class EducationFactory(DjangoModelFactory):
    class Meta:
        model = Education

    cv = factory.SubFactory(CvFactory)
    title = "Tømrer, svendebrev"
    level = EducationLevel.VOCATIONAL


class HeldQualificationFactory(DjangoModelFactory):
    class Meta:
        model = HeldQualification

    cv = factory.SubFactory(CvFactory)
    qualification = factory.SubFactory(QualificationFactory)


class SpokenLanguageFactory(DjangoModelFactory):
    class Meta:
        model = SpokenLanguage

    cv = factory.SubFactory(CvFactory)
    language = factory.SubFactory(LanguageFactory)
    level = CefrLevel.C2
