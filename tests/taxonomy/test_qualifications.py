"""The project's certificates, licences and courses: what job orders ask for, found by the
words job centres and companies use, in Danish and English."""

import pytest

from jobbro.taxonomy.models import Qualification, QualificationKind
from jobbro.taxonomy.selectors import suggest_skills

pytestmark = pytest.mark.django_db


def test_the_shortage_areas_are_covered():
    codes = set(Qualification.objects.values_list("code", flat=True))
    assert {
        "truck-a",
        "truck-b",
        "crane-a",
        "crane-b",
        "scaffolding",
        "asbestos",
        "construction-safety",
        "first-aid",
        "hygiene",
        "adr",
        "driver-cpc-goods",
        "driver-cpc-passengers",
        "driver-cpc-periodic",
        "welding-mma",
        "welding-mig-mag",
        "welding-tig",
        "sosu-helper",
        "sosu-assistant",
    } <= codes
    licences = set(
        Qualification.objects.filter(kind=QualificationKind.DRIVING_LICENCE).values_list(
            "code", flat=True
        )
    )
    categories = ("am", "a1", "a2", "a", "b", "be", "c1", "c1e", "c", "ce", "d1", "d1e", "d", "de")
    assert {f"licence-{c}" for c in categories} <= licences


def test_every_entry_has_english_labels_and_synonyms():
    for q in Qualification.objects.all():
        assert q.label_da and q.label_en, q.code
        assert len([s for s in q.synonyms.split("|") if s.strip()]) >= 2, q.code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("truckcert", {"truck-a", "truck-b"}),
        ("gaffeltruck", {"truck-b"}),
        ("forklift licence", {"truck-b"}),
        ("kranbevis", {"crane-a", "crane-b", "crane-small"}),
        ("stilladskursus", {"scaffolding"}),
        ("asbest", {"asbestos"}),
        ("sikkerhedskursus bygge og anlæg", {"construction-safety"}),
        ("byggepladskort", {"construction-safety"}),
        ("førstehjælp", {"first-aid"}),
        ("first aid", {"first-aid"}),
        ("hygiejnebevis", {"hygiene"}),
        ("food hygiene certificate", {"hygiene"}),
        ("kørekort B", {"licence-b"}),
        ("kørekort CE", {"licence-ce"}),
        ("buskørekort", {"licence-d"}),
        ("HGV licence", {"licence-c"}),
        ("motorcykelkørekort", {"licence-a"}),
        ("taxikørekort", {"licence-taxi"}),
        ("ADR", {"adr"}),
        ("farligt gods", {"adr"}),
        ("kvalifikationsbevis", {"driver-cpc-goods", "driver-cpc-passengers"}),
        ("EU-efteruddannelse", {"driver-cpc-periodic", "driver-cpc-goods"}),
        ("driver CPC", {"driver-cpc-goods", "driver-cpc-passengers", "driver-cpc-periodic"}),
        ("svejsecertifikat", {"welding-mma", "welding-mig-mag", "welding-tig", "welding-gas"}),
        ("TIG welding", {"welding-tig"}),
        ("SOSU-hjælper", {"sosu-helper"}),
        ("social- og sundhedsassistent", {"sosu-assistant"}),
    ],
)
def test_search_words_find_the_entry(text, expected):
    first = suggest_skills(text, limit=1)[0]
    assert first.kind == "qualification"
    assert first.uri.removeprefix("qualification:") in expected
