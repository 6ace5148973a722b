"""Reading the free search's text: a table of sentences as caseworkers type them (Danish
mostly, some English, typos, capitals or none) and exactly what each must be read as, with
the whole ESCO copy loaded; then the reader's rules without the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from jobbro.searches import reading
from jobbro.searches.reading import Chunk, Doubt, pick_titles, read_text
from jobbro.searches.selectors import interpret
from jobbro.tabular import read_csv
from jobbro.taxonomy.reference import DATA_DIR
from jobbro.taxonomy.suggest.index import clear_cache

TODAY = dt.date(2026, 1, 15)


@dataclass(frozen=True)
class Case:
    """What a sentence must be read as; everything not named must be empty."""

    text: str
    occupations: tuple[str, ...] = ()  # ESCO preferred English labels
    languages: tuple[tuple[str, str], ...] = ()  # (English name, CEFR level)
    qualifications: tuple[str, ...] = ()  # codes of taxonomy/data/qualifications.csv
    place: str | None = None  # municipality
    km: int | None = None
    years: int | None = None  # at least, in the occupations read
    available: dt.date | None = None
    doubts: tuple[str, ...] = ()  # words reported as not searched
    # Words read as nothing. Every sentence of the table is read whole, so none is left for
    # the skill suggestions: the table does not depend on which skill labels are loaded.
    unread: tuple[str, ...] = ()


CASES = [
    # The sentences of the issue.
    Case("rengøringsassistent der taler polsk", ("building cleaner",), (("Polish", "A1"),)),
    Case("lagermedarbejder truckcertifikat", ("warehouse worker",), doubts=("truckcertifikat",)),
    Case("lagermedarbejder i hvidovre", ("warehouse worker",), place="Hvidovre"),
    Case("elektriker engelsk", ("electrician",), (("English", "A1"),)),
    Case("kørekort D", qualifications=("licence-d",)),
    Case("kørekort B", qualifications=("licence-b",)),
    Case("pædagogmedhjælper", ("child day care worker",)),
    Case("rengøringsassistent polsk", ("building cleaner",), (("Polish", "A1"),)),
    Case(
        "tømrer med kranbevis inden for 20 km af Ballerup",
        ("carpenter",),
        place="Ballerup",
        km=20,
        doubts=("kranbevis",),
    ),
    Case(
        "buschauffør kørekort D og engelsk",
        ("bus driver",),
        (("English", "A1"),),
        ("licence-d",),
    ),
    Case(
        "sosu-hjælper der kan tale arabisk i Gladsaxe",
        ("home care aide",),
        (("Arabic", "A1"),),
        place="Gladsaxe",
    ),
    Case(
        "warehouse worker with forklift licence near Hvidovre",
        ("warehouse worker",),
        place="Hvidovre",
        doubts=("forklift licence",),
    ),
    # Occupations, alone and with their certificates.
    Case("tømrer", ("carpenter",)),
    Case("murer nær Ballerup", ("bricklayer",), place="Ballerup"),
    Case(
        "lagermedarbejder med truckcertifikat B", ("warehouse worker",), qualifications=("truck-b",)
    ),
    Case("lager medarbejder m. truckcert", ("warehouse worker",), doubts=("truckcert",)),
    Case("truckfører i Brøndby", ("forklift operator",), place="Brøndby"),
    Case("truckfører truckcertifikat A", ("forklift operator",), qualifications=("truck-a",)),
    Case("lastbilchauffør kørekort C/E", ("cargo vehicle driver",), qualifications=("licence-ce",)),
    Case(
        "lastbilchauffør med CE og ADR",
        ("cargo vehicle driver",),
        qualifications=("licence-ce", "adr"),
    ),
    Case("buschauffør med D-kørekort", ("bus driver",), qualifications=("licence-d",)),
    Case("kok med hygiejnebevis", ("cook",), qualifications=("hygiene",)),
    Case("kok med førstehjælp", ("cook",), qualifications=("first-aid",)),
    Case("sosu-assistent med kørekort", ("healthcare assistant",), qualifications=("licence-b",)),
    Case("social- og sundhedshjælper i Høje-Taastrup", ("home care aide",), place="Høje-Taastrup"),
    Case(
        "social og sundhedsassistent kørekort B",
        ("healthcare assistant",),
        qualifications=("licence-b",),
    ),
    Case("hjemmehjælper der taler tyrkisk", ("care at home worker",), (("Turkish", "A1"),)),
    Case("pædagog i Københavns Kommune", ("early years teacher",), place="København"),
    Case("pædagogmedhjælper i kbh", ("child day care worker",), place="København"),
    Case(
        "pædagogmedhjælper der taler somalisk",
        ("child day care worker",),
        (("Somali", "A1"),),
    ),
    Case(
        "elektriker med elautorisation",
        ("electrician",),
        qualifications=("electrician-authorisation",),
    ),
    Case("vvs'er i Rødovre", ("plumber",), place="Rødovre"),
    Case(
        "maler med rullestilladskursus",
        ("construction painter",),
        qualifications=("mobile-scaffold",),
    ),
    Case(
        "stilladsmontør med stilladskursus",
        ("construction scaffolder",),
        qualifications=("scaffolding",),
    ),
    Case(
        "anlægsarbejder med sikkerhedskursus",
        ("building construction worker",),
        qualifications=("construction-safety",),
    ),
    Case(
        "maskinfører med gravemaskinekursus",
        ("excavator operator",),
        qualifications=("earthmoving",),
    ),
    Case(
        "sosu-hjælper med forflytningskursus",
        ("home care aide",),
        qualifications=("patient-handling",),
    ),
    Case("sosu-assistent medicinkursus", ("healthcare assistant",), qualifications=("medication",)),
    Case("vagt med vagtkort", ("security guard",), qualifications=("security-guard",)),
    Case("taxichauffør med taxikørekort", ("taxi driver",), qualifications=("licence-taxi",)),
    Case(
        "renovationsarbejder med kørekort C", ("refuse collector",), qualifications=("licence-c",)
    ),
    Case(
        "skraldemand kørekort C i Hvidovre",
        ("refuse vehicle driver",),
        qualifications=("licence-c",),
        place="Hvidovre",
    ),
    Case(
        "lastbilchauffør med kørekort til lastbil",
        ("cargo vehicle driver",),
        qualifications=("licence-c",),
    ),
    Case("hotelrengøring polsk", ("room attendant",), (("Polish", "A1"),)),
    Case(
        "hotelreceptionist fransk",
        ("hospitality establishment receptionist",),
        (("French", "A1"),),
    ),
    Case(
        "handicaphjælper med kørekort",
        ("disability support worker",),
        qualifications=("licence-b",),
    ),
    Case("opvasker i Tårnby", ("kitchen porter",), place="Tårnby"),
    Case("butiksassistent i Gentofte", ("shop assistant",), place="Gentofte"),
    Case("frisør i Furesø", ("hairdresser",), place="Furesø"),
    Case("bager i Helsingør", ("baker",), place="Helsingør"),
    Case("postbud i Dragør", ("postman/postwoman",), place="Dragør"),
    Case("taxichauffør i København", ("taxi driver",), place="København"),
    Case("tømrer eller murer i Roskilde", ("carpenter", "bricklayer"), place="Roskilde"),
    Case("tømrerlærling i Albertslund", ("carpenter",), place="Albertslund"),
    # Driving licences: exactly the classes written.
    Case("kørekort B og BE", qualifications=("licence-b", "licence-be")),
    Case("kørekort B/E", qualifications=("licence-be",)),
    Case("kørekort C+E og ADR", qualifications=("licence-ce", "adr")),
    Case("kørekort kategori C1", qualifications=("licence-c1",)),
    Case("kørekort kat. C og CE", qualifications=("licence-c", "licence-ce")),
    Case("B-kørekort", qualifications=("licence-b",)),
    Case("traktorkørekort", qualifications=("licence-t",)),
    Case(
        "lastbilchauffør med kørekort C+E",
        ("cargo vehicle driver",),
        qualifications=("licence-ce",),
    ),
    Case(
        "lastbilchauffør med stort kørekort",
        ("cargo vehicle driver",),
        qualifications=("licence-c",),
    ),
    Case("førstehjælpskursus", qualifications=("first-aid",)),
    # Languages, with the level only when one is written.
    Case("polsk", languages=(("Polish", "A1"),)),
    Case("engelsk B1", languages=(("English", "B1"),)),
    Case("polsk B2", languages=(("Polish", "B2"),)),
    Case("arabisk og engelsk", languages=(("Arabic", "A1"), ("English", "A1"))),
    Case("tjener flydende engelsk", ("waiter/waitress",), (("English", "C1"),)),
    Case("tjener med engelsk på B2-niveau", ("waiter/waitress",), (("English", "B2"),)),
    Case(
        "rengøringsassistent med gode danskkundskaber", ("building cleaner",), (("Danish", "B2"),)
    ),
    Case(
        "rengøringsassistent der taler polsk og engelsk",
        ("building cleaner",),
        (("Polish", "A1"), ("English", "A1")),
    ),
    Case(
        "rengøringsassistent der taler flydende polsk", ("building cleaner",), (("Polish", "C1"),)
    ),
    Case("lagermedarbejder der taler lidt engelsk", ("warehouse worker",), (("English", "A2"),)),
    Case("buschauffør med modersmål arabisk", ("bus driver",), (("Arabic", "C2"),)),
    Case("tysk på modersmålsniveau", languages=(("German", "C2"),)),
    Case("køkkenmedhjælper der taler engelsk", ("kitchen assistant",), (("English", "A1"),)),
    Case(
        "kok der taler italiensk i Frederiksberg",
        ("cook",),
        (("Italian", "A1"),),
        place="Frederiksberg",
    ),
    Case(
        "receptionist der taler engelsk og tysk",
        ("receptionist",),
        (("English", "A1"), ("German", "A1")),
    ),
    Case("it-supporter engelsk flydende", ("ICT help desk agent",), (("English", "C1"),)),
    Case("engelsktalende tjener", ("waiter/waitress",), (("English", "A1"),)),
    # Places and distances.
    Case("rengøringsassistent omkring København", ("building cleaner",), place="København"),
    Case("lagermedarbejder i Kbh", ("warehouse worker",), place="København"),
    Case("tarnby opvasker", ("kitchen porter",), place="Tårnby"),
    Case("tømrer max 30 km fra Glostrup", ("carpenter",), place="Glostrup", km=30),
    Case("murer højst 15 km fra Herlev", ("bricklayer",), place="Herlev", km=15),
    Case(
        "elektriker inden for 25 km af Lyngby",
        ("electrician",),
        place="Lyngby-Taarbæk",
        km=25,
    ),
    Case("lagermedarbejder 20 km fra Ishøj", ("warehouse worker",), place="Ishøj", km=20),
    Case("tømrer inden for 20 km", ("carpenter",), km=20),
    Case("pædagog i Århus", ("early years teacher",), place="Aarhus"),
    Case("lagermedarbejder i Vejen", ("warehouse worker",), place="Vejen"),
    Case("svejser, engelsk, Kolding", ("welder",), (("English", "A1"),), place="Kolding"),
    Case(
        "lagermedarbejder, polsk, truckcertifikat, Hvidovre, 25 km",
        ("warehouse worker",),
        (("Polish", "A1"),),
        place="Hvidovre",
        km=25,
        doubts=("truckcertifikat",),
    ),
    # When the person can start.
    Case("rengøringsassistent kan starte straks", ("building cleaner",), available=TODAY),
    Case(
        "lagermedarbejder ledig fra 1. februar",
        ("warehouse worker",),
        available=dt.date(2026, 2, 1),
    ),
    Case("elektriker som kan starte 1/3", ("electrician",), available=dt.date(2026, 3, 1)),
    Case("kok ledig fra 15.02.2026", ("cook",), available=dt.date(2026, 2, 15)),
    Case("tjener ledig fra 1. december", ("waiter/waitress",), available=dt.date(2026, 12, 1)),
    Case("murer ledig fra 10. januar", ("bricklayer",), available=dt.date(2026, 1, 10)),
    Case("kan starte med det samme", available=TODAY),
    # English.
    Case("cleaner who speaks Polish", ("building cleaner",), (("Polish", "A1"),)),
    Case(
        "electrician who speaks English near Herlev",
        ("electrician",),
        (("English", "A1"),),
        place="Herlev",
    ),
    Case("carpenter within 20 km of Ballerup", ("carpenter",), place="Ballerup", km=20),
    Case(
        "bus driver with licence D and English",
        ("bus driver",),
        (("English", "A1"),),
        ("licence-d",),
    ),
    Case(
        "warehouse worker with forklift licence",
        ("warehouse worker",),
        doubts=("forklift licence",),
    ),
    Case(
        "forklift operator speaking Polish fluently",
        ("forklift operator",),
        (("Polish", "C1"),),
    ),
    Case("kitchen assistant available immediately", ("kitchen assistant",), available=TODAY),
    Case(
        "cook with food hygiene certificate in Odense",
        ("cook",),
        qualifications=("hygiene",),
        place="Odense",
    ),
    Case(
        "truck driver with C+E licence in Aalborg",
        ("cargo vehicle driver",),
        qualifications=("licence-ce",),
        place="Aalborg",
    ),
    Case("cleaner with driving licence", ("building cleaner",), qualifications=("licence-b",)),
    Case("plumber within 10 km of Gladsaxe", ("plumber",), place="Gladsaxe", km=10),
    Case("bricklayer available from 1 March", ("bricklayer",), available=dt.date(2026, 3, 1)),
    Case("healthcare assistant with Danish B2", ("healthcare assistant",), (("Danish", "B2"),)),
    Case("security guard in Aarhus", ("security guard",), place="Aarhus"),
    # Typos, capitals, no Danish letters.
    Case("tømmrer", ("carpenter",)),
    Case("tomrer i glostrup", ("carpenter",), place="Glostrup"),
    Case("lagermedarbejder i hvidovr", ("warehouse worker",), place="Hvidovre"),
    Case("rengøringsasistent polsk", ("building cleaner",), (("Polish", "A1"),)),
    Case("elektrikker engelsk", ("electrician",), (("English", "A1"),)),
    Case("buschaufør kørekort d", ("bus driver",), qualifications=("licence-d",)),
    Case("lagermedarbejder truckcertifkat", ("warehouse worker",), doubts=("truckcertifkat",)),
    Case("tjener englesk", ("waiter/waitress",), (("English", "A1"),)),
    Case("RENGØRINGSASSISTENT POLSK", ("building cleaner",), (("Polish", "A1"),)),
    Case("Tømrer Med Kranbevis", ("carpenter",), doubts=("Kranbevis",)),
    # What is not searched, and said so.
    Case("lagermedarbejder uden kørekort", ("warehouse worker",), doubts=("kørekort",)),
    Case("rengøringsassistent ikke polsk", ("building cleaner",), doubts=("polsk",)),
    Case(
        "lagermedarbejder i Ishøj eller Vallensbæk",
        ("warehouse worker",),
        place="Ishøj",
        doubts=("Vallensbæk",),
    ),
    Case("svejser med svejsecertifikat", ("welder",), doubts=("svejsecertifikat",)),
    Case(
        "tømrer max 30 min fra Glostrup", ("carpenter",), place="Glostrup", doubts=("max 30 min",)
    ),
    Case("truck licence", doubts=("truck licence",)),
    # A word for a family of certificates is not read as one of them (A or B?).
    Case("truckcertifikat", doubts=("truckcertifikat",)),
    Case("trucklicens", doubts=("trucklicens",)),
    Case("forklift licence", doubts=("forklift licence",)),
    Case("truckkørekort", doubts=("truckkørekort",)),
    Case("gaffeltruckcertifikat", qualifications=("truck-b",)),
    Case("kørekort", qualifications=("licence-b",)),  # the car licence, as job ads mean it
    # A word close to occupations' titles but naming none well is no skill either.
    Case("rengøring", doubts=("rengøring",)),
    Case("rengøring der taler polsk", languages=(("Polish", "A1"),), doubts=("rengøring",)),
    Case("lager", doubts=("lager",)),
    # How trained someone is names no skill and no occupation.
    Case("ufaglært lager", doubts=("lager",)),
    Case("faglært tømrer", ("carpenter",)),
    Case("nyuddannet elektriker", ("electrician",)),
    Case("ufaglært lagermedarbejder", ("warehouse worker",)),
    Case("unskilled warehouse worker", ("warehouse worker",)),
    # Years of experience, in the occupation read.
    Case("murer 5 års erfaring", ("bricklayer",), years=5),
    Case("tømrer med mindst 3 års erfaring", ("carpenter",), years=3),
    Case("bricklayer with 5 years' experience", ("bricklayer",), years=5),
    Case("electrician with 2+ years of experience", ("electrician",), years=2),
    Case("5 års erfaring", doubts=("5 års erfaring",)),
    # Connecting and filler words alone are read as nothing at all.
    Case("der som med og i kan taler søger"),
    Case("who speaks with near and"),
]


@pytest.fixture(scope="module")
def esco(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    """The whole compact ESCO copy, loaded once for this module in a transaction that is rolled
    back after it; each test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        call_command("load_taxonomy", stdout=StringIO())
        clear_cache()
        yield
        transaction.set_rollback(True)
    clear_cache()


@pytest.fixture
def _fresh_indexes() -> Iterator[None]:
    """The module's taxonomy does not change: keep the indexes built once (overrides the
    package's per-test reset)."""
    yield


def _summary(text: str) -> Case:
    meant = interpret(text, today=TODAY)
    return Case(
        text,
        tuple(o.label_en for o in meant.occupations),
        tuple((w.language.label_en, w.level) for w in meant.languages),
        tuple(q.code for q in meant.qualifications),
        meant.place.name if meant.place else None,
        meant.distance_km,
        meant.min_years,
        meant.available_by,
        tuple(d.words for d in meant.doubts),
        tuple(meant.unread),
    )


def test_the_table_is_large_enough():
    assert len(CASES) >= 100
    assert len({case.text for case in CASES}) == len(CASES)


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[case.text for case in CASES])
def test_sentence_is_read_as(esco: None, case: Case):
    assert _summary(case.text) == case


@pytest.mark.django_db
def test_every_chip_names_the_words_it_came_from(esco: None):
    text = (
        "lagermedarbejder der taler flydende polsk med truckcertifikat B, 3 års erfaring, "
        "højst 15 km fra Glostrup"
    )
    meant = interpret(text, today=TODAY)
    words = {chip.kind: chip.words for chip in meant.chips}
    assert words == {
        "occupation": "lagermedarbejder",
        "language": "flydende polsk",
        "qualification": "truckcertifikat B",
        "experience": "3 års erfaring",
        "place": "fra Glostrup",
        "distance": "højst 15 km",
    }
    assert all(chip.words in text for chip in meant.chips)


@pytest.mark.django_db
def test_dropped_chips_are_not_read(esco: None):
    meant = interpret("rengøringsassistent der taler polsk i Hvidovre inden for 10 km", today=TODAY)
    keys = {chip.kind: chip.key for chip in meant.chips}
    assert set(keys) == {"occupation", "language", "place", "distance"}
    fewer = interpret(
        "rengøringsassistent der taler polsk i Hvidovre inden for 10 km",
        dropped={keys["language"], keys["place"], "d"},
        today=TODAY,
    )
    assert [chip.kind for chip in fewer.chips] == ["occupation"]


@pytest.mark.django_db
def test_a_weak_occupation_guess_is_not_applied(esco: None):
    # "chauffør" alone is a bus, lorry, taxi or delivery driver: ESCO has no plain driver, and
    # its best guess scores under the threshold.
    meant = interpret("chauffør med kørekort C+E", today=TODAY)
    assert meant.occupations == []
    assert [q.code for q in meant.qualifications] == ["licence-ce"]


@pytest.mark.django_db
def test_skills_come_from_what_is_left(esco: None):
    # English skill labels are what ESCO has today; a leftover phrase above the threshold
    # is read as a skill (adds to the score), words below it are reported as not understood.
    meant = interpret("carpenter who can install roofing", today=TODAY)
    assert [o.label_en for o in meant.occupations] == ["carpenter"]
    assert meant.skills and meant.unread == []
    assert all(s.label_en != "carpenter" for s in meant.skills)
    nothing = interpret("tømrer zzqx", today=TODAY)
    assert nothing.skills == [] and nothing.unread == ["zzqx"]


@pytest.mark.django_db
def test_a_plain_licence_says_it_was_read_as_b(esco: None):
    [chip] = interpret("kørekort", today=TODAY).chips
    assert (chip.kind, chip.words, chip.shows_words) == ("qualification", "kørekort", True)
    assert "B" in chip.label.split()


@pytest.mark.django_db
def test_what_is_not_searched_says_what_it_could_be(esco: None):
    with translation.override("en"):
        [truck] = interpret("truckcertifikat", today=TODAY).notes
        [cleaning] = interpret("rengøring", today=TODAY).notes
        [years] = interpret("5 års erfaring", today=TODAY).notes
    assert "Forklift certificate A" in truck and "Forklift certificate B" in truck
    assert "building cleaner" in cleaning
    assert years.startswith("“5 års erfaring” is not searched")


@pytest.mark.django_db
def test_years_of_experience_are_a_chip_and_a_minimum(esco: None):
    meant = interpret("murer 5 års erfaring", today=TODAY)
    assert [(c.key, c.kind, c.words) for c in meant.chips][-1] == (
        "y",
        "experience",
        "5 års erfaring",
    )
    assert meant.unread == []
    assert interpret("murer 5 års erfaring", dropped={"y"}, today=TODAY).min_years is None


# --- the reader without the database --------------------------------------------------------


@pytest.fixture(scope="module")
def vocabulary() -> reading.Vocabulary:
    municipalities = Path(__file__).resolve().parents[2] / "src/jobbro/organisations/data"
    return reading.vocabulary(
        languages=[
            (r["code"], r["label_da"], r["label_en"]) for r in read_csv(DATA_DIR / "languages.csv")
        ],
        qualifications=[
            (r["code"], r["label_da"], r["label_en"], r["synonyms"])
            for r in read_csv(DATA_DIR / "qualifications.csv")
        ],
        municipalities=[r["name"] for r in read_csv(municipalities / "municipalities.csv")],
        is_title=lambda text: text.lower() in {"sosu-hjælper", "social- og sundhedshjælper"},
    )


def test_fillers_leave_nothing_for_the_taxonomy(vocabulary):
    read = read_text(
        "søger en der kan og som taler med, i, with who speaks near", vocabulary, today=TODAY
    )
    assert read.chunks == []
    assert read.languages == read.qualifications == read.unclear == []


def test_words_are_the_text_as_written(vocabulary):
    text = "Buschauffør, Kørekort C/E + D, taler Engelsk på B1-niveau, nær Høje Taastrup"
    read = read_text(text, vocabulary, today=TODAY)
    assert [(q.code, q.words) for q in read.qualifications] == [
        ("licence-ce", "Kørekort C/E + D"),
        ("licence-d", "Kørekort C/E + D"),
    ]
    assert read.languages == [reading.Language("en", "B1", True, "Engelsk på B1-niveau")]
    assert read.place == reading.Place("Høje-Taastrup", "nær Høje Taastrup")
    assert read.chunks == [Chunk(("Buschauffør",))]


def test_synonyms_that_name_a_machine_or_project_are_not_read(vocabulary):
    read = read_text("anlægsarbejder til metro med gravemaskine og lift", vocabulary, today=TODAY)
    assert read.qualifications == []


def test_a_job_title_is_left_for_the_occupation(vocabulary):
    read = read_text(
        "sosu-hjælper med social- og sundhedshjælperuddannelsen", vocabulary, today=TODAY
    )
    assert [q.code for q in read.qualifications] == ["sosu-helper"]
    assert read.chunks[0].words == ("sosu-hjælper",)


def test_dates_without_a_year_are_the_next_such_day(vocabulary):
    def available(text: str) -> dt.date | None:
        found = read_text(text, vocabulary, today=TODAY).available
        return found.by if found else None

    assert available("ledig fra 1. februar") == dt.date(2026, 2, 1)
    assert available("ledig fra 1. januar") == dt.date(2026, 1, 1)  # 14 days ago: this year's
    assert available("ledig fra 1. december") == dt.date(2026, 12, 1)
    assert available("from February 1st") == dt.date(2026, 2, 1)
    assert available("fra 2026-03-01") == dt.date(2026, 3, 1)
    assert available("fra maj") == dt.date(2026, 5, 1)
    assert available("straks") == TODAY
    assert available("1. februar") is None  # no word says it is about starting
    assert available("fra 31/2") is None


def test_negated_words_are_reported_not_read(vocabulary):
    read = read_text("uden kørekort, without a forklift licence", vocabulary, today=TODAY)
    assert read.qualifications == []
    assert [(u.words, u.doubt) for u in read.unclear] == [
        ("kørekort", Doubt.NEGATED),
        ("forklift licence", Doubt.NEGATED),
    ]


def _scores(table: dict[str, tuple[int, float]]) -> reading.Scorer:
    def score(phrase: str) -> reading.Score | None:
        found = table.get(phrase.lower())
        return reading.Score(found[0], found[1], exact=True) if found else None

    return score


def test_pick_titles_reads_listed_occupations_only():
    score = _scores({"tømrer": (1, 1.9), "murer": (2, 1.9), "hospital": (3, 1.1)})
    chunks = [Chunk(("tømrer",)), Chunk(("murer",), "eller"), Chunk(("hospital",), "")]
    picks, left = pick_titles(chunks, score, threshold=1.0)
    assert [p.concept_id for p in picks] == [1, 2]
    assert left == [Chunk(("hospital",), "")]


def test_pick_titles_joins_a_title_cut_at_og_and_prefers_longer_spans():
    score = _scores(
        {
            "social og sundhedsassistent": (1, 1.9),
            "social": (2, 1.2),
            "sundhedsassistent": (3, 1.3),
            "lager medarbejder": (4, 1.5),
            "lagermedarbejder": (4, 1.7),
            "lager": (5, 1.7),
        }
    )
    picks, left = pick_titles(
        [Chunk(("social",)), Chunk(("sundhedsassistent",), "og")], score, threshold=1.0
    )
    assert [(p.concept_id, p.words) for p in picks] == [(1, "social og sundhedsassistent")]
    assert left == []
    picks, _ = pick_titles([Chunk(("lager", "medarbejder"))], score, threshold=1.0)
    assert [(p.concept_id, p.words) for p in picks] == [(4, "lager medarbejder")]
