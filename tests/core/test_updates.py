import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db.models.signals import post_save
from django.utils import timezone

from jobbro.companies.models import Company
from jobbro.updates import model_update
from tests.factories import CompanyFactory, CvFactory, MunicipalityFactory, OccupationFactory

pytestmark = pytest.mark.django_db

FIELDS = ("name", "phone", "municipality", "notes")


@pytest.fixture
def company() -> Company:
    company = CompanyFactory(name="Herlev Byg ApS", phone="44 50 00 00")
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    Company.objects.filter(pk=company.pk).update(updated_at=an_hour_ago)
    company.refresh_from_db()
    return company


@pytest.fixture
def saves():
    """The update_fields of every Company save."""
    seen: list[frozenset[str] | None] = []

    def record(sender, update_fields, **kwargs) -> None:
        seen.append(update_fields)

    post_save.connect(record, sender=Company, dispatch_uid="test_updates")
    yield seen
    post_save.disconnect(sender=Company, dispatch_uid="test_updates")


def test_writes_only_the_changed_fields_and_the_timestamp(company, saves) -> None:
    before = company.updated_at
    moved_to = MunicipalityFactory()

    updated, changed = model_update(
        instance=company,
        fields=FIELDS,
        data={"name": "Herlev Byg ApS", "phone": "44 50 00 01", "municipality": moved_to},
    )

    assert updated is company and changed
    assert saves == [frozenset({"phone", "municipality", "updated_at"})]
    company.refresh_from_db()
    assert (company.phone, company.municipality) == ("44 50 00 01", moved_to)
    assert company.updated_at > before


def test_leaves_alone_what_others_changed_meanwhile(company) -> None:
    Company.objects.filter(pk=company.pk).update(notes="Skrevet af en kollega")

    model_update(instance=company, fields=FIELDS, data={"name": "Nyt Navn ApS"})

    company.refresh_from_db()
    assert (company.name, company.notes) == ("Nyt Navn ApS", "Skrevet af en kollega")


def test_strips_strings(company) -> None:
    model_update(instance=company, fields=FIELDS, data={"name": "  Nyt Navn ApS \n"})

    company.refresh_from_db()
    assert company.name == "Nyt Navn ApS"


def test_nothing_changed_writes_nothing(company, saves) -> None:
    before = company.updated_at

    _, changed = model_update(
        instance=company, fields=FIELDS, data={"name": " Herlev Byg ApS", "notes": ""}
    )

    assert not changed
    assert saves == []
    company.refresh_from_db()
    assert company.updated_at == before


def test_refuses_fields_outside_the_allowed_ones(company) -> None:
    with pytest.raises(TypeError):
        model_update(instance=company, fields=FIELDS, data={"cooperation": None})


def test_validates_the_changed_row(company, saves) -> None:
    with pytest.raises(ValidationError) as refused:
        model_update(instance=company, fields=FIELDS, data={"name": ""})

    assert "name" in refused.value.message_dict
    assert saves == []


def test_before_save_sees_the_new_values_and_its_changes_are_written(company, saves) -> None:
    def settle(edited: Company) -> None:
        edited.notes = f"Omdøbt til {edited.name}"

    model_update(instance=company, fields=FIELDS, data={"name": "Nyt Navn ApS"}, before_save=settle)

    assert saves == [frozenset({"name", "notes", "updated_at"})]
    company.refresh_from_db()
    assert company.notes == "Omdøbt til Nyt Navn ApS"


def test_a_refusal_before_saving_writes_nothing(company, saves) -> None:
    def refuse(edited: Company) -> None:
        raise ValidationError({"name": "Nej"})

    with pytest.raises(ValidationError):
        model_update(
            instance=company, fields=FIELDS, data={"name": "Nyt Navn ApS"}, before_save=refuse
        )

    assert saves == []


def test_many_to_many_links_are_replaced_only_when_they_change() -> None:
    cv = CvFactory()
    carpenter, cook = OccupationFactory(), OccupationFactory()
    cv.wished_occupations.set([carpenter])

    _, same = model_update(
        instance=cv, fields=["wished_occupations"], data={"wished_occupations": [carpenter]}
    )
    _, changed = model_update(
        instance=cv, fields=["wished_occupations"], data={"wished_occupations": [cook, carpenter]}
    )

    assert (same, changed) == (False, True)
    assert set(cv.wished_occupations.all()) == {carpenter, cook}
