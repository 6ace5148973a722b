"""The industry list: DB25 in full (with DB07 kept for older records), grouped in the form,
and the CVR fill-in choosing the register code's edition."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.urls import reverse
from django.utils import translation

from jobbro.companies.cvr import CvrRecord
from jobbro.companies.cvr.parse import record_from_hit
from jobbro.companies.forms import CompanyForm
from jobbro.companies.industries import SECTIONS, section_of
from jobbro.companies.models import Industry, IndustryVersion
from tests.companies.test_views import company_post_data
from tests.factories import CompanyFactory, IndustryFactory

pytestmark = pytest.mark.django_db


def test_the_migration_loads_every_db25_code_with_both_labels() -> None:
    db25 = Industry.objects.filter(version=IndustryVersion.DB25)

    assert db25.count() == 738
    assert len({code[:4] for code in db25.values_list("code", flat=True)}) == 651  # NACE classes
    assert not db25.filter(label_da="").exists() and not db25.filter(label_en="").exists()
    painting = db25.get(code="433410")
    assert (painting.label_da, painting.label_en) == ("Maleraktiviteter", "Painting")
    buildings = db25.get(code="410000")
    assert buildings.label_en == "Construction of residential and non-residential buildings"


def test_every_db25_code_has_a_section() -> None:
    codes = Industry.objects.filter(version=IndustryVersion.DB25).values_list("code", flat=True)

    sections = {section_of(code) for code in codes}

    assert sections == {letter for letter, _divisions, _label in SECTIONS}
    assert section_of("433410") == "F"


def _industry_select(form: CompanyForm) -> str:
    return str(form["industry"])


def test_the_form_groups_db25_by_section_in_the_users_language() -> None:
    with translation.override("da"):
        danish = _industry_select(CompanyForm())
    with translation.override("en"):
        english = _industry_select(CompanyForm())

    assert '<optgroup label="F · Bygge- og anlægsvirksomhed">' in danish
    assert "433410 Maleraktiviteter</option>" in danish
    assert '<optgroup label="F · Construction">' in english
    assert "433410 Painting</option>" in english
    assert danish.count("<option") == 738 + 1  # and the empty choice


def test_a_db07_code_is_offered_only_where_a_company_has_it() -> None:
    older = IndustryFactory(code="439920", label_da="Stilladsarbejde", label_en="Scaffolding")
    company = CompanyFactory(industry=older)

    with translation.override("da"):
        new = _industry_select(CompanyForm())
        edit = _industry_select(CompanyForm(instance=company))

    assert "Stilladsarbejde" not in new
    assert '<optgroup label="DB07 · kode fra før 2025">' in edit
    assert f'<option value="{older.pk}" selected>439920 Stilladsarbejde</option>' in edit


def test_an_edit_keeps_the_older_code(consultant, client_for) -> None:
    job_centre = consultant.memberships.get().job_centre
    older = IndustryFactory(code="439920", label_da="Stilladsarbejde", label_en="Scaffolding")
    company = CompanyFactory(
        cooperation=job_centre.cooperation,
        municipality=job_centre.municipalities.get(),
        industry=older,
    )
    data = company_post_data(job_centre, cvr=company.cvr, industry=str(older.pk))

    response = client_for(consultant).post(reverse("companies:edit", args=[company.pk]), data)

    assert response.status_code == 302
    company.refresh_from_db()
    assert company.industry == older


def _hit(code: str, since: str | None) -> dict:
    industry = {"branchekode": code, "branchetekst": "x"}
    if since is not None:
        industry["periode"] = {"gyldigFra": since, "gyldigTil": None}
    return {
        "_source": {
            "Vrvirksomhed": {
                "cvrNummer": 10000009,
                "virksomhedMetadata": {
                    "nyesteNavn": {"navn": "Maler ApS"},
                    "nyesteHovedbranche": industry,
                },
            }
        }
    }


@pytest.mark.parametrize(
    ("since", "edition"),
    [("2025-01-01", "DB25"), ("2026-03-02", "DB25"), ("2014-06-01", "DB07"), (None, "DB25")],
)
def test_the_registers_code_is_read_in_its_edition(since, edition) -> None:
    assert record_from_hit(_hit("433410", since)).industry_version == edition


def test_the_fill_in_chooses_the_code_of_the_records_edition() -> None:
    older = IndustryFactory(code="433410", label_da="Malerforretninger", label_en="Painting")
    record = CvrRecord("10000009", "Maler ApS", "Vejen 1", "2730", "Herlev", "163", "433410")

    current = CompanyForm().filled_from(record)
    before_2025 = CompanyForm().filled_from(replace(record, industry_version="DB07"))

    assert current["industry"] == Industry.objects.get(version="DB25", code="433410").pk
    assert before_2025["industry"] == older.pk
