import csv
import gzip
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from jobbro.taxonomy import esco
from jobbro.taxonomy.models import Language, Qualification, QualificationKind
from jobbro.taxonomy.reference import ESCO_DIR

pytestmark = pytest.mark.django_db


def test_qualifications_are_loaded_by_migration():
    assert Qualification.objects.count() >= 35
    truck = Qualification.objects.get(code="truck-b")
    assert truck.label_da == "Truckcertifikat B"
    assert "gaffeltruckcertifikat" in truck.synonyms.split("|")
    licences = set(
        Qualification.objects.filter(kind=QualificationKind.DRIVING_LICENCE).values_list(
            "code", flat=True
        )
    )
    assert {f"licence-{c}" for c in ("b", "be", "c", "c1", "ce", "d", "d1")} <= licences
    safety = Qualification.objects.get(code="construction-safety")
    assert "byggepladsens sikkerhedskursus" in safety.synonyms


def test_every_qualification_has_both_labels():
    assert not Qualification.objects.filter(label_da="").exists()
    assert not Qualification.objects.filter(label_en="").exists()


def test_languages_are_loaded_by_migration():
    codes = set(Language.objects.values_list("code", flat=True))
    assert {"da", "en", "de", "sv", "pl", "ro", "uk", "ar", "tr", "so", "fa", "ur"} <= codes
    assert Language.objects.get(code="da").label_en == "Danish"


def test_bundled_compact_esco_is_complete():
    with gzip.open(ESCO_DIR / esco.OCCUPATION_FILE, "rt", encoding="utf-8") as handle:
        occupations = {r["label_en"]: r for r in csv.DictReader(handle)}
    assert len(occupations) > 2900
    assert occupations["carpenter"]["label_da"] == "tømrer"
    assert occupations["carpenter"]["isco_code"] == "7115"
    for name in (esco.ISCO_FILE, esco.SKILL_FILE, esco.RELATION_FILE):
        assert (ESCO_DIR / name).stat().st_size > 1000


SOURCE = Path("/work/shared/data/esco")


@pytest.mark.skipif(not SOURCE.exists(), reason="ESCO source downloads not available")
def test_build_compact_reproduces_the_bundled_copy(tmp_path):
    call_command(
        "build_esco_compact", "--source", str(SOURCE), "--target", str(tmp_path), stdout=StringIO()
    )
    for name in (esco.ISCO_FILE, esco.OCCUPATION_FILE, esco.SKILL_FILE, esco.RELATION_FILE):
        assert (tmp_path / name).read_bytes() == (ESCO_DIR / name).read_bytes(), name
