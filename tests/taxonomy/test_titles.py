"""National job titles as case systems export them, and linking them with a confidence."""

from io import StringIO

import pytest
from django.core.management import call_command

from jobbro.taxonomy.selectors import EXACT_LABEL_CONFIDENCE, LINK_THRESHOLD, link_title
from jobbro.taxonomy.suggest.engine import EXACT_SCORE, Hit, confidence
from jobbro.taxonomy.suggest.index import clear_cache
from jobbro.taxonomy.suggest.titles import national_parts, split_compound, title_variants

from .esco_subset import write_subset

VOCABULARY = frozenset(
    {"hospital", "direktoer", "sygehus", "koekken", "chef", "skov", "natur", "tekniker", "lager"}
    | {"koekkenchef", "kok", "i", "storkoekken", "tegnsprogstolk", "regnskabsassistent"}
    | {"rengoeringsassistent", "kranfoerer"}
)
LABELS = frozenset({"koekkenchef", "kok i storkoekken", "tegnsprogstolk"})


def test_national_parts_split_noun_and_qualifier():
    assert national_parts("Souschef, køkken") == ("Souschef", "køkken")
    assert national_parts("Specialarbejder, medicinal") == ("Specialarbejder", "medicinal")
    # Not a qualifier: what the person has besides, or no comma at all.
    assert national_parts("Lagermedarbejder, m. truckcertifikat") is None
    assert national_parts("Sygehusdirektør") is None
    assert national_parts("Chauffør, kørekort C og CE samt ADR-bevis") is None


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("sygehusdirektoer", ["sygehus", "direktoer"]),  # linking s dropped
        ("skovtekniker", ["skov", "tekniker"]),
        ("lagerchef", ["lager", "chef"]),
        ("skovnaturtekniker", ["skov", "natur", "tekniker"]),
        ("direktoer", ["direktoer"]),  # a label word stays whole
        ("xyzzyqwerty", ["xyzzyqwerty"]),  # nothing known: unchanged
    ],
)
def test_split_compound_against_the_label_words(word, parts):
    assert split_compound(word, VOCABULARY.__contains__) == parts


def test_title_variants_reorder_split_and_rename():
    variants = dict(title_variants("Sygehusdirektør", VOCABULARY, LABELS))
    assert variants["sygehusdirektoer"] == 1.0
    assert "hospital direktoer" in variants
    national = dict(title_variants("Souschef, køkken", VOCABULARY, LABELS))
    assert national["koekken souschef"] == 1.0
    assert national["souschef"] < 1.0
    # The trainee mark is dropped; English titles are not split as Danish compounds.
    assert "skov og naturtekniker" in dict(
        title_variants("Skov- og naturteknikerelev", VOCABULARY, LABELS)
    )
    assert dict(title_variants("Sygehusdirektør", VOCABULARY, LABELS, "en")) == {
        "sygehusdirektoer": 1.0
    }


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("Chef, køkken", "koekkenchef"),  # the compound a label has
        ("Tolk, tegnsprog", "tegnsprogstolk"),  # with a linking s
        ("Assistent, regnskab", "regnskabsassistent"),  # a label word
        ("Kok, storkøkken", "kok i storkoekken"),  # the phrase a label has
    ],
)
def test_a_national_title_is_also_searched_as_the_label_that_says_it_in_one(title, label):
    assert dict(title_variants(title, VOCABULARY, LABELS))[label] == 1.0


@pytest.mark.parametrize(
    ("title", "trade"),
    [
        ("Kontorelev", "kontorassistent"),
        ("Handelselev", "butiksassistent"),
        ("Detailhandelselev", "butiksassistent"),
        ("Lagerlærling", "lagermedarbejder"),
    ],
)
def test_a_trainee_of_a_field_is_searched_as_the_fields_occupation(title, trade):
    assert trade in dict(title_variants(title, VOCABULARY, LABELS))


def test_heads_named_otherwise_by_esco_are_renamed_where_labels_have_the_word():
    assert "rengoeringsassistent" in dict(
        title_variants("Rengøringsmedarbejder", VOCABULARY, LABELS)
    )
    assert "kranfoerer" in dict(title_variants("Chauffør, kran", VOCABULARY, LABELS))
    # No label has "lagerassistent": the title is not renamed.
    assert "lagerassistent" not in dict(title_variants("Lagermedarbejder", VOCABULARY, LABELS))


def test_long_trades_after_the_comma_are_kept():
    variants = dict(title_variants("Engroshandler, fisk, krebsdyr og bløddyr", VOCABULARY, LABELS))
    assert variants["engroshandler fisk krebsdyr og bloeddyr"] == 1.0
    assert variants["engroshandler"] < 1.0


def test_confidence_is_half_strength_half_margin():
    assert confidence([]) == 0.0
    assert confidence([Hit("a", "a", EXACT_SCORE)]) == 1.0
    assert confidence([Hit("a", "a", EXACT_SCORE), Hit("b", "b", EXACT_SCORE)]) == 0.5
    weak = confidence([Hit("a", "a", EXACT_SCORE / 4), Hit("b", "b", EXACT_SCORE / 8)])
    assert weak == pytest.approx(0.5 * 0.25 + 0.5 * 0.5)


@pytest.fixture
def loaded(db, tmp_path):
    labels = ["carpenter", "chef", "head chef", "warehouse worker", "hospital pharmacist"]
    call_command("load_taxonomy", "--dir", str(write_subset(tmp_path, labels)), stdout=StringIO())
    clear_cache()
    yield
    clear_cache()


def test_link_title_links_a_clear_title(loaded):
    linked = link_title("Tømrerlærling")
    assert linked.confidence >= LINK_THRESHOLD
    assert linked.occupation_id == linked.candidates[0].pk
    assert linked.candidates[0].label_en == "carpenter"


def test_link_title_leaves_an_unclear_title_to_a_person(loaded):
    # Two kitchen chefs are equally likely: offered, not linked.
    unclear = link_title("Souschef, køkken")
    assert unclear.occupation_id is None
    assert unclear.confidence < LINK_THRESHOLD
    assert {c.label_en for c in unclear.candidates[:2]} == {"chef", "head chef"}
    nothing = link_title("xq")
    assert (nothing.occupation_id, nothing.confidence, nothing.candidates) == (None, 0.0, [])


@pytest.fixture
def trades(db, tmp_path):
    # ESCO's house builder (bygmester) is also called tømrer; pastry maker is "bager — konditor".
    labels = ["carpenter", "house builder", "baker", "pastry maker", "confectioner"]
    call_command("load_taxonomy", "--dir", str(write_subset(tmp_path, labels)), stdout=StringIO())
    clear_cache()
    yield
    clear_cache()


@pytest.mark.parametrize(("title", "english"), [("Tømrer", "carpenter"), ("bager", "baker")])
def test_a_title_that_is_an_occupations_own_name_links(trades, title, english):
    """The margin alone leaves "Tømrer" to a person (bygmester shares the word); the
    occupation whose preferred label it is links."""
    linked = link_title(title)
    assert linked.occupation_id is not None
    chosen = next(c for c in linked.candidates if c.pk == linked.occupation_id)
    assert chosen.label_en == english
    assert linked.confidence >= EXACT_LABEL_CONFIDENCE
