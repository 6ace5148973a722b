"""ESCO occupations and skills, certificates and licences, languages."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from jobbro.taxonomy.models import (
    IscoGroup,
    Language,
    Occupation,
    OccupationSkill,
    Qualification,
    Relation,
    Skill,
)


class IscoGroupFactory(DjangoModelFactory):
    class Meta:
        model = IscoGroup
        django_get_or_create = ("code",)

    code = "7115"
    uri = factory.LazyAttribute(lambda o: f"http://data.europa.eu/esco/isco/C{o.code}")
    label_da = "Tømrere og snedkere"
    label_en = "Carpenters and joiners"


class OccupationFactory(DjangoModelFactory):
    class Meta:
        model = Occupation
        django_get_or_create = ("uri",)

    uri = factory.Sequence(lambda n: f"http://data.europa.eu/esco/occupation/test-{n}")
    code = "7115.1"
    isco_group = factory.SubFactory(IscoGroupFactory)
    label_da = "tømrer"
    label_en = "carpenter"


class SkillFactory(DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("uri",)

    uri = factory.Sequence(lambda n: f"http://data.europa.eu/esco/skill/test-{n}")
    kind = "skill"
    label_en = factory.Sequence(lambda n: f"skill {n}")


class OccupationSkillFactory(DjangoModelFactory):
    class Meta:
        model = OccupationSkill

    occupation = factory.SubFactory(OccupationFactory)
    skill = factory.SubFactory(SkillFactory)
    relation = Relation.ESSENTIAL


class QualificationFactory(DjangoModelFactory):
    class Meta:
        model = Qualification
        django_get_or_create = ("code",)

    code = "truck-b"
    kind = "certificate"
    label_da = "Truckcertifikat B"
    label_en = "Forklift certificate B"


class LanguageFactory(DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = "da"
    label_da = "dansk"
    label_en = "Danish"
