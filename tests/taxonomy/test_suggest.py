import csv
import gzip
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from jobbro.tabular import read_csv
from jobbro.taxonomy import esco
from jobbro.taxonomy.models import Occupation
from jobbro.taxonomy.reference import ESCO_DIR
from jobbro.taxonomy.selectors import (
    is_occupation_label,
    occupation_index_version,
    respelled_as_occupation,
    suggest_occupations,
    suggest_skills,
)
from jobbro.taxonomy.suggest import SuggestIndex, concept_entries, normalise, normalise_text
from jobbro.taxonomy.suggest.index import OCCUPATION_TITLES, clear_cache, get_index
from jobbro.taxonomy.suggest.normalize import one_edit_apart, split_segments, stem

from .esco_subset import write_subset

CARPENTER = "http://data.europa.eu/esco/occupation/2a22ff9e-de3b-408d-b312-5034896cc4f4"
FORKLIFT = "forklift operator"


@pytest.mark.parametrize(
    ("text", "expected", "markers"),
    [
        ("Tømrersvend", "toemrer", ("journeyman",)),
        ("elektriker lærling", "elektriker", ("apprentice",)),
        ("SOSU-hjælper", "social og sundheds hjaelper", ()),
        ("lagermedarbejder m. truckcert", "lagermedarbejder m truckcertifikat", ()),
        ("Chauffør", "chauffoer", ()),
        ("kokkeelev", "kokke", ("apprentice",)),
        ("café-medarbejder", "cafe medarbejder", ()),
    ],
)
def test_normalise(text, expected, markers):
    assert normalise(text).text == expected
    assert normalise(text).markers == markers


def test_split_segments_keeps_the_title_first():
    assert split_segments("lagermedarbejder m. truckcert") == ["lagermedarbejder", "truckcert"]
    assert split_segments("chauffør med kørekort C, ADR") == ["chauffør", "kørekort c", "adr"]
    assert split_segments("tømrer") == ["tømrer"]


def test_stem_meets_inflections():
    assert stem("toemrerne") == stem("toemrere") == stem("toemreren") == stem("toemrer")
    assert stem("kokken") == stem("kok")


def _esco_occupations() -> list[dict[str, str]]:
    with gzip.open(ESCO_DIR / esco.OCCUPATION_FILE, "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _build(rows: list[dict[str, str]]) -> SuggestIndex:
    return SuggestIndex(
        e
        for o in rows
        for e in concept_entries(
            o["uri"], [o["label_da"], o["label_en"]], f"{o['alt_labels_da']}|{o['alt_labels_en']}"
        )
    )


@pytest.fixture(scope="module")
def occupations() -> list[dict[str, str]]:
    return _esco_occupations()


@pytest.fixture(scope="module")
def index(occupations) -> SuggestIndex:
    return _build(occupations)


def _label(occupations, uri):
    return next(o["label_en"] for o in occupations if o["uri"] == uri)


@pytest.mark.parametrize("query", ["tømmrer", "tomrer", "tømrersvend", "tømrerne"])
def test_misspelled_or_inflected_danish_title_finds_carpenter(index, query):
    keys = [h.key for h in index.search(query, 3, title_only=True)]
    assert CARPENTER in keys


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("forklift driver", "forklift operator"),
        ("gaffeltruck fører", "forklift operator"),
        ("buschauffør", "bus driver"),
        ("sosu hjælper", "home care aide"),
        ("elektriker lærling", "electrician"),
        ("lagermedarbejder m. truckcert", "warehouse worker"),
    ],
)
def test_examples_come_first(index, occupations, query, expected):
    hits = index.search(query, 10, title_only=True)
    assert _label(occupations, hits[0].key) == expected


def test_results_are_one_per_concept_with_the_best_label(index):
    hits = index.search("elektriker", 10, title_only=True)
    assert len({h.key for h in hits}) == len(hits) == 10
    assert hits[0].label == "elektriker"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_deterministic_across_builds(index, occupations):
    again = _build(occupations)
    for query in ["lager", "sygeplejeske", "social og sundhed", "driver"]:
        assert index.search(query, 10) == again.search(query, 10)


def test_nothing_matches_gives_nothing(index):
    assert index.search("", 10) == []
    assert index.search("###", 10) == []
    assert normalise_text("  ") == ""


# Through the database.

LABELS = ("carpenter", "bricklayer", FORKLIFT, "warehouse worker", "bus driver")


@pytest.fixture(scope="module")
def subset_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_subset(tmp_path_factory.mktemp("esco"), LABELS)


@pytest.fixture
def loaded(db, subset_dir):
    clear_cache()
    call_command("load_taxonomy", "--dir", str(subset_dir), stdout=StringIO())
    yield
    clear_cache()


def test_suggest_occupations(loaded):
    suggestions = suggest_occupations("tømrrer")
    assert suggestions[0].label_en == "carpenter"
    assert suggestions[0].label_da == "tømrer"
    assert suggestions[0].kind == "occupation"
    assert suggest_occupations("forklift driver", limit=1)[0].label_en == FORKLIFT
    assert len(suggest_occupations("arbejder", limit=2)) <= 2


def test_suggest_skills_finds_the_truck_certificate(loaded):
    suggestions = suggest_skills("lagermedarbejder m. truckcert")
    assert suggestions[0].kind == "qualification"
    assert suggestions[0].uri in {"qualification:truck-a", "qualification:truck-b"}
    assert {s.uri for s in suggestions[:2]} == {"qualification:truck-a", "qualification:truck-b"}
    # ESCO skills of the loaded occupations are suggested too.
    assert any(s.kind in {"skill", "knowledge"} for s in suggest_skills("operate forklift"))


def test_index_is_rebuilt_when_the_taxonomy_changes(loaded, monkeypatch):
    monkeypatch.setattr("jobbro.taxonomy.suggest.index.CHECK_SECONDS", 0.0)
    first = get_index("occupations")
    assert get_index("occupations") is first
    Occupation.objects.filter(label_en="bricklayer").update(alt_labels_da="stenhugger|murer")
    assert get_index("occupations") is not first
    assert suggest_occupations("stenhugger", limit=1)[0].label_en == "bricklayer"


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("toemrer", "toemmrer", True),
        ("toemrer", "tomrer", True),
        ("engelsk", "englesk", True),
        ("hvidovre", "hvidovr", True),
        ("murer", "maler", False),
        ("elektriker", "elektrikker", True),
        ("abc", "cab", False),
    ],
)
def test_one_edit_apart(a, b, near):
    assert one_edit_apart(a, b) is near
    assert one_edit_apart(b, a) is near


def test_respelled_replaces_only_words_no_label_has(index):
    assert index.respelled("tømmrer") == "toemrer"
    assert index.respelled("elektrikker i hvidovre") == "elektriker i hvidovre"
    # Known words and short words stay as they are.
    assert index.respelled("murer") == "murer"
    assert index.respelled("kook") == "kook"


def test_has_label_is_exact_after_normalising(index):
    assert index.has_label("SOSU-hjælper")
    assert index.has_label("tømrer")
    assert not index.has_label("tømrer polsk")


def test_job_centre_titles_name_existing_occupations(occupations):
    by_uri = {o["uri"]: o["label_en"] for o in occupations}
    rows = read_csv(OCCUPATION_TITLES)
    assert rows
    for row in rows:
        assert by_uri.get(row["occupation_uri"]) == row["label_en"], row["title"]
        assert row["why"]


def test_job_centre_titles_put_their_occupation_first(db, tmp_path):
    labels = ["child day care worker", "early years teacher", "warehouse worker"]
    call_command("load_taxonomy", "--dir", str(write_subset(tmp_path, labels)), stdout=StringIO())
    clear_cache()
    # ESCO gives "pædagogmedhjælper" to both; the kindergarten teacher used to come first.
    assert suggest_occupations("pædagogmedhjælper")[0].label_en == "child day care worker"
    assert suggest_occupations("pædagog")[0].label_en == "early years teacher"
    # Titles of occupations not loaded (truckfører → forklift operator) are left out.
    assert all(s.label_en != "forklift operator" for s in suggest_occupations("truckfører"))
    assert is_occupation_label("pædagogmedhjælper")
    assert not is_occupation_label("pædagogmedhjælper i Hvidovre")
    assert respelled_as_occupation("lagermedarbjder") == "lagermedarbejder"
    built = occupation_index_version()
    assert occupation_index_version() == built
    clear_cache()
    assert occupation_index_version() != built
    clear_cache()
