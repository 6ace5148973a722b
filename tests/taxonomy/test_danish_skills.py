"""The project's Danish skill labels: complete for the trades recruited for, Danish, findable.

No database: the compact ESCO copy, data/skills_da.csv and the Django-free suggestion engine,
as `load_taxonomy` and the suggestion index put them together.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterator

import pytest
from django.utils import translation

from jobbro.core.demo.occupations import TRADES
from jobbro.taxonomy.models import Occupation, Skill
from jobbro.taxonomy.reference import (
    DANISH_SKILL_SCOPE,
    DATA_DIR,
    ESCO_DIR,
    load_occupation_label_fixes,
    read_csv,
)
from jobbro.taxonomy.suggest import SuggestIndex, concept_entries
from jobbro.taxonomy.suggest.engine import without_strangers
from tests.factories import OccupationFactory

LABELS = read_csv(DATA_DIR / "skills_da.csv")
BY_URI = {row["uri"]: row for row in LABELS}


def _gz(name: str) -> Iterator[dict[str, str]]:
    with gzip.open(ESCO_DIR / name, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


ESCO_SKILLS = {row["uri"]: row for row in _gz("skills.csv.gz")}
OCCUPATIONS = {row["uri"]: row for row in _gz("occupations.csv.gz")}
RELATIONS = list(_gz("occupation_skills.csv.gz"))


def _skills_of(occupation_uris: set[str]) -> set[str]:
    return {r["skill_uri"] for r in RELATIONS if r["occupation_uri"] in occupation_uris}


def test_every_skill_of_the_trades_recruited_for_has_danish_labels() -> None:
    prefixes = tuple(p for group in DANISH_SKILL_SCOPE.values() for p in group)
    in_scope = {u for u, o in OCCUPATIONS.items() if o["isco_code"].startswith(prefixes)}
    missing = _skills_of(in_scope) - BY_URI.keys()
    assert not missing, sorted(ESCO_SKILLS[u]["label_en"] for u in missing)[:20]
    assert len(in_scope) > 350


def test_every_skill_of_the_demo_trades_has_danish_labels() -> None:
    trades = {t.label_en for t in TRADES}
    demo = {u for u, o in OCCUPATIONS.items() if o["label_en"] in trades}
    assert len(demo) == len(trades)
    assert _skills_of(demo) <= BY_URI.keys()


def test_the_labels_are_danish_and_name_their_esco_concept() -> None:
    for row in LABELS:
        esco = ESCO_SKILLS.get(row["uri"])
        assert esco is not None, row["uri"]
        # The English label is kept beside the Danish for review; it must be ESCO's own.
        assert row["label_en"] == esco["label_en"], row["uri"]
        assert row["label_da"].strip() and row["label_da"] == row["label_da"].strip()
        # Only a name (Java, ADR) may stay as it is in English.
        same = row["label_da"].lower() == esco["label_en"].lower()
        assert not same or row["label_da"][0].isupper(), f"not translated: {row['label_da']}"
        alternatives = row["alt_labels_da"].split("|")
        assert all(a.strip() for a in alternatives) and row["label_da"] not in alternatives
    assert len(BY_URI) == len(LABELS)


def test_no_two_skills_share_a_danish_label() -> None:
    # Two skills under one name ("udføre rengøringsopgaver" twice) cannot be told apart.
    by_label: dict[str, list[str]] = {}
    for row in LABELS:
        by_label.setdefault(row["label_da"].casefold(), []).append(row["label_en"])
    shared = {label: english for label, english in by_label.items() if len(english) > 1}
    assert not shared


@pytest.fixture(scope="module")
def skills_index() -> SuggestIndex:
    entries = []
    for uri, row in ESCO_SKILLS.items():
        danish = BY_URI.get(uri, {})
        entries += concept_entries(
            uri,
            [danish.get("label_da", ""), row["label_en"]],
            f"{danish.get('alt_labels_da', '')}|{row['alt_labels_en']}",
        )
    return SuggestIndex(entries)


# What a Danish caseworker types, and words one of the first five suggestions must carry.
DANISH_PHRASES = [
    ("gulvlægning", "floor"),
    ("montering af vinduer", "window"),
    ("byggeri", "construction"),
    ("murerarbejde", "brick"),
    ("ordreplukning", "pick"),
    ("personlig pleje", "personal"),
    ("medicinhåndtering", "medic"),
    ("rengøring", "clean"),
    ("svejsning", "weld"),
    ("servering", "serv"),
    ("forflytning", "transfer"),
    ("stilladsopbygning", "scaffold"),
    ("lastsikring", "cargo"),
    ("flisearbejde", "til"),
    ("betonarbejde", "concrete"),
]


@pytest.mark.parametrize(("phrase", "meaning"), DANISH_PHRASES)
def test_danish_free_text_finds_the_skill(skills_index, phrase: str, meaning: str) -> None:
    hits = skills_index.search(phrase, 5)
    found = [ESCO_SKILLS[h.key]["label_en"] for h in hits]
    assert any(meaning in label.lower() for label in found), (phrase, found)
    # Found by a Danish label, not by letters an English label happens to share.
    assert hits[0].key in BY_URI


def test_a_skill_without_danish_labels_says_it_is_english() -> None:
    skill = Skill(label_en="3D texturing", label_da="")
    with translation.override("da"):
        assert skill.label == "3D texturing (på engelsk)"
    with translation.override("en"):
        assert skill.label == "3D texturing"
    assert Skill(label_en="weld", label_da="svejse").label == "svejse"


def test_occupation_label_fixes_name_real_esco_occupations() -> None:
    for row in read_csv(DATA_DIR / "occupation_labels_da.csv"):
        assert OCCUPATIONS[row["uri"]]["label_en"] == row["label_en"]
        assert row["label_da"] != OCCUPATIONS[row["uri"]]["label_da"]


@pytest.mark.django_db
def test_a_lorry_driver_is_called_lastbilchauffoer() -> None:
    uri = next(u for u, o in OCCUPATIONS.items() if o["label_en"] == "cargo vehicle driver")
    OccupationFactory(uri=uri, label_en="cargo vehicle driver", label_da="bagagevognschauffør")
    assert load_occupation_label_fixes(Occupation) == 1
    assert Occupation.objects.get(uri=uri).label_da == "lastbilchauffør"
    assert load_occupation_label_fixes(Occupation) == 0


# Phrases whose first suggestion is a label written (nearly) exactly, and words of English
# labels that share only letters with them and must not be suggested beside it.
STRANGERS = [
    ("montering af vinduer", "wine"),
    ("tagdækning", "table"),
    ("hjemmepleje", "costume"),
    ("hjemmepleje", "lawn"),
]


@pytest.mark.parametrize(("phrase", "stranger"), STRANGERS)
def test_beside_a_strong_match_letter_alike_strangers_are_left_out(
    skills_index, phrase: str, stranger: str
) -> None:
    hits = without_strangers(skills_index.search(phrase, 8))
    found = [ESCO_SKILLS[h.key]["label_en"] for h in hits]
    assert not any(stranger in label for label in found), (phrase, found)
    assert hits and hits[0].key in BY_URI


# "personlig pleje" finds "provide basic support to patients" by its Danish label; the word
# "personal" above came from "maintain personal hygiene standards", a stranger left out here.
@pytest.mark.parametrize(
    ("phrase", "meaning"), [(p, m) for p, m in DANISH_PHRASES if p != "personlig pleje"]
)
def test_leaving_out_strangers_keeps_what_the_phrase_means(
    skills_index, phrase: str, meaning: str
) -> None:
    hits = without_strangers(skills_index.search(phrase, 5))
    assert any(meaning in ESCO_SKILLS[h.key]["label_en"].lower() for h in hits), phrase
