"""Reading one sentence of free search text as criteria (plain Python, nothing from Django).

A caseworker writes what she looks for as she would say it: "rengøringsassistent der taler
polsk i Hvidovre", "buschauffør kørekort D og engelsk", "warehouse worker with forklift licence
within 25 km of Herlev". `read_text` finds, in this order, each in the words the earlier steps
left:

1. when the person must be available: "kan starte straks", "ledig fra 1. februar", "from 1 March"
   (a day without a year is the next such day, or this year's if it passed less than a month ago);
2. driving licences by their exact classes: "kørekort D" is D only; "kørekort C/E", "C+E" and "CE"
   are CE; "B-kørekort", "kørekort B og C", "kørekort til lastbil" (C);
3. certificates, courses and licences by the names and synonyms of the project's list
   (`taxonomy/data/qualifications.csv`) and `EXTRA_PHRASES`. Synonyms that name a machine, a
   task or a project rather than the paper ("gravemaskine", "metro") are not read: writing them
   does not ask for the certificate. A name that fits several ("svejsecertifikat", "kranbevis",
   "truckcertifikat": A or B) is not guessed but reported as unclear: reading it as one would
   shut out the holders of the others; a name that is also a job title ("Social- og
   sundhedshjælper", as the caller's `is_title` says) is left for the occupation: the title
   asks for no paper;
4. "kørekort" or "driving licence" with no class: the ordinary car licence B, which is what
   Danish job ads mean by it (its chip names B, so the user sees it and can remove it);
5. years of experience: "5 års erfaring", "mindst 3 års erfaring", "5 years' experience",
   "5+ years of experience" (`Experience`; the caller applies it to the occupation read);
6. a distance: "inden for 20 km", "max 30 km", "within 25 km"; a travel time ("30 min") is
   reported as unclear: the search measures kilometres;
7. languages, with the level when one is written ("flydende polsk", "polsk B2", "engelsk på
   B1-niveau", "speaks English fluently", `LEVEL_WORDS`). With no level written the level is the
   lowest, A1: the person must know the language, at no particular level;
8. one of the 98 municipalities: "i Hvidovre", "nær Ballerup", "omkring København", "fra
   Glostrup", "Kbh", "Københavns Kommune", or the name alone (`NEEDS_PREPOSITION` lists the few
   names that are also common words). One place is searched from; a second is reported.

What is left, cut at connecting and filler words (`FILLERS`: "der", "som", "med", "og", "i",
"kan", "taler", "søger", "ufaglært", "with", "who", "speaks", "near" …) and punctuation, are
`Chunk`s; these are read as occupations and skills by `pick_titles` and `pick_skills`, given
scoring functions (the taxonomy's suggestions). Filler words never reach them, so they never
become concepts.

Every concept keeps the words it was read from. A concept preceded by a negation ("uden
kørekort", "without a licence") is not read but reported: a search cannot exclude, and reading
it would ask for what the user does not want. Typos: a word of seven letters or more may be one
letter off, though not in its first letter ("englesk", "truckcertifkat"); Danish letters may be
typed as o, a, ae, oe, aa ("tarnby", "kobenhavn"). Occupations are respelled by the taxonomy.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple, TypeVar

from jobbro.taxonomy.suggest.normalize import fold, normalise_text, one_edit_apart

V = TypeVar("V")

NO_LEVEL = "A1"
CEFR = ("a1", "a2", "b1", "b2", "c1", "c2")
MAX_DISTANCE_KM = 500
FUZZY_LENGTH = 7  # a word this long or longer may be one letter off
MAX_TITLE_WORDS = 4  # the longest span of words tried as a job title

# --- words ------------------------------------------------------------------------------------
# All in folded form (`fold`: lowercase, æ → ae, ø → oe, å → aa).

_FILLER_WORDS = (
    # Danish
    "der som med m og samt plus eller i paa til for af fra ved hos kan skal maa vil gerne "
    "helst ogsaa evt eventuelt en et den det de har have hvor hvem taler tale talende snakker "
    "snakke forstaar forstaa skriver skrive laese soeger soeges efter mindst minimum ca cirka "
    "gode god godt kendskab kundskaber sprogkundskaber sprog niveau niveauet erfaring erfaren "
    "kandidat kandidater person personer ansoeger ledig ledige arbejdsloes bor boende bosat "
    "kommune kommunen omraadet omegn egnen naerheden taet naer omkring meget lidt mundtligt "
    "skriftligt skrift tidligere nogen noget kunne "
    # How trained or experienced: no skill and no occupation ("ufaglært lager" is no
    # warehouse manager); years of experience are read by their number.
    "ufaglaert ufaglaerte faglaert faglaerte uuddannet uddannet nyuddannet nyuddannede "
    "elev elever laerling laerlinge "
    # English
    "a an the and or with who that which speaks speak speaking spoken can could has have "
    "having must should is are be looking for someone somebody candidate candidates in of "
    "from near around at to some any experience experienced knowledge level language "
    "languages also please nearby close by based living lives well unskilled skilled trained "
    "untrained qualified newly graduate graduated trainee trainees apprentice apprentices"
)
FILLERS = frozenset(_FILLER_WORDS.split())
LIST_WORDS = frozenset({"og", "eller", "samt", "and", "or"})
NEGATIONS = frozenset({"uden", "ikke", "ingen", "without", "no", "not"})
# Between a negation and what it negates: "uden et kørekort", "without a licence".
NEGATION_GAP = frozenset({"et", "en", "a", "an", "any", "noget", "krav", "om"})

# Level words near a language: "flydende polsk", "speaks English fluently".
LEVEL_WORDS: dict[str, str] = {
    "flydende": "C1",
    "fluent": "C1",
    "fluently": "C1",
    "modersmaal": "C2",
    "modersmaalsniveau": "C2",
    "native": "C2",
    "godt": "B2",
    "gode": "B2",
    "god": "B2",
    "good": "B2",
    "well": "B2",
    "grundlaeggende": "A2",
    "basic": "A2",
    "lidt": "A2",
    "begynder": "A1",
    "beginner": "A1",
}
# Words that may stand between a language and its level: "engelsk på mindst B1-niveau".
LEVEL_GAP = frozenset(
    {"paa", "i", "in", "at", "niveau", "level", "mindst", "minimum", "least", "meget", "very", "("}
)
# Language-name compounds: "polsktalende", "engelskkundskaber".
LANGUAGE_SUFFIXES = ("talende", "kundskaber", "kundskab", "sproget", "kyndig", "speaking")
# Extra names of languages (ISO 639-1 code), besides their Danish and English labels.
LANGUAGE_ALIASES: dict[str, tuple[str, ...]] = {
    "fa": ("farsi", "dari", "persisk", "persian"),
    "zh": ("mandarin",),
    "ku": ("sorani", "kurmanji"),
    "tl": ("filipino",),
}
# A language name followed by one of these is an adjective of something else: "dansk kørekort".
NOT_LANGUAGE_BEFORE = frozenset(
    {"koerekort", "licence", "license", "statsborger", "statsborgerskab", "uddannelse", "cpr"}
)

# Driving licence classes and the words that announce them.
LICENCE_CLASSES = frozenset(
    {"am", "a1", "a2", "a", "b", "be", "c1", "c1e", "c", "ce", "d1", "d1e", "d", "de", "t"}
)
# Classes no word spells, read alone too: "chauffør med CE", "C/E".
CLASSES_ALONE = frozenset({"ce", "c1e", "d1e"})
# Classes that are also ordinary words: read before "kørekort" only when written in capitals
# or joined by a hyphen ("B-kørekort", "D kørekort", not "a licence").
CLASSES_ALSO_WORDS = frozenset({"a", "be", "de", "t"})
LICENCE_WORDS = frozenset({"koerekort", "korekort", "licence", "license", "licens"})
LICENCE_GAP = frozenset(
    {"kategori", "kat", "klasse", "category", "class", "til", "for", "to", "driving", "drivers"}
)
# "kørekort til lastbil": the vehicle names the class.
VEHICLE_CLASSES: dict[str, str] = {
    "bil": "b",
    "personbil": "b",
    "car": "b",
    "trailer": "be",
    "lastbil": "c",
    "lorry": "c",
    "bus": "d",
    "minibus": "d1",
    "motorcykel": "a",
    "motorcycle": "a",
    "knallert": "am",
    "traktor": "t",
    "tractor": "t",
}
# "kørekort"/"driving licence" with no class: the ordinary car licence.
PLAIN_LICENCE = "licence-b"

# Qualification names the project's list lacks. A phrase listed for several codes, here or in
# the list, is ambiguous: reported, not read.
# Words for a family of papers ("truckcertifikat": A or B) are listed with every member.
TRUCK = ("truck-a", "truck-b")
EXTRA_PHRASES: dict[str, tuple[str, ...]] = {
    "truckcertifikat": TRUCK,
    "truckbevis": TRUCK,
    "trucklicens": TRUCK,
    "truckkoerekort": TRUCK,
    "truck certificate": TRUCK,
    "gaffeltruckbevis": ("truck-b",),
    "forklift certificate": TRUCK,
    "forklift licence": TRUCK,
    "forklift license": TRUCK,
    "forklift truck licence": TRUCK,
    "truck licence": TRUCK,  # a lorry licence in British English, a forklift's in Danish
    "kranbevis": ("crane-a", "crane-b", "crane-small"),
    "krancertifikat": ("crane-a", "crane-b", "crane-small"),
    "kranfoererbevis": ("crane-a", "crane-b"),
    "kranfoerercertifikat": ("crane-a", "crane-b"),
    "crane licence": ("crane-a", "crane-b", "crane-small"),
    "crane certificate": ("crane-a", "crane-b", "crane-small"),
    "welding certificate": (
        "welding-mma",
        "welding-mig-mag",
        "welding-tig",
        "welding-gas",
        "welding-plastic",
    ),
    "first aid certificate": ("first-aid",),
    "foerstehjaelpsbevis": ("first-aid",),
    "hygiejnecertifikat": ("hygiene",),
}
# A synonym is read only if it names the paper: one of its words ends like these, or it is
# one of `NAMED_PAPERS`. Labels are always read.
PAPER_ENDINGS = (
    "bevis",
    "certifikat",
    "kort",
    "kursus",
    "uddannelse",
    "uddannelsen",
    "autorisation",
    "licence",
    "license",
    "certificate",
    "course",
    "training",
    "permit",
    "card",
    "cpc",
)
NAMED_PAPERS = frozenset({"adr", "adr tank", "adr klasse 1", "kode 95"})
# Endings of inflected Danish nouns: "kørekortet", "truckcertifikater".
INFLECTIONS = ("", "et", "er", "erne", "en", "ene", "e", "s", "ets", "ens")

# Places: words that announce one, and other names of municipalities (folded) by their name.
PLACE_WORDS = frozenset(
    {"i", "naer", "ved", "omkring", "fra", "paa", "af", "in", "near", "around", "from", "at", "of"}
)
PLACE_ALIASES: dict[str, tuple[str, ...]] = {
    "København": ("kbh", "cph", "copenhagen", "koebenhavn k"),
    "Lyngby-Taarbæk": ("lyngby", "kongens lyngby"),
    "Høje-Taastrup": ("taastrup", "hoeje taastrup"),
    "Helsingør": ("elsinore",),
    "Aarhus": ("aarhus c",),
    "Nordfyns": ("nordfyn",),
    "Vesthimmerlands": ("vesthimmerland",),
    "Ringkøbing-Skjern": ("ringkoebing",),
    "Ikast-Brande": ("ikast",),
    "Faaborg-Midtfyn": ("faaborg",),
}
# Names that are also common words ("vejen": the road): read only after a place word, with a
# capital letter, or before "kommune".
NEEDS_PREPOSITION = frozenset({"vejen", "odder", "greve", "skive"})
PLACE_AFTER = frozenset({"kommune", "kommunes", "omegn", "omraadet", "municipality", "area"})

# Years of experience: "5 års erfaring", "3 years' experience", "5+ years of experience".
YEAR_WORDS = frozenset({"aar", "aars", "year", "years", "yrs"})
EXPERIENCE_WORDS = frozenset({"erfaring", "erfaren", "experience", "experienced"})
EXPERIENCE_GAP = frozenset({"med", "of", "relevant", "work", "working", "erhvervs", "som"})
EXPERIENCE_BEFORE = frozenset({"mindst", "minimum", "min", "at", "least", "over", "med", "with"})
MAX_YEARS = 50

# Distances.
DISTANCE_UNITS = frozenset({"km", "kilometer", "kilometers", "kilometre", "kilometres"})
TIME_UNITS = frozenset({"min", "mins", "minut", "minutter", "minutes", "minute", "timer", "hours"})
DISTANCE_WORDS = frozenset(
    {"inden", "indenfor", "max", "maks", "maksimalt", "maximum", "hoejst", "under", "op", "within",
     "up", "less", "than", "no", "more", "radius", "en", "paa"}
)  # fmt: skip

# Availability.
MONTHS: dict[str, int] = {
    **dict.fromkeys(("januar", "january", "jan"), 1),
    **dict.fromkeys(("februar", "february", "feb"), 2),
    **dict.fromkeys(("marts", "march", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("maj", "may"), 5),
    **dict.fromkeys(("juni", "june", "jun"), 6),
    **dict.fromkeys(("juli", "july", "jul"), 7),
    **dict.fromkeys(("august", "aug"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "october", "okt", "oct"), 10),
    **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("december", "dec"), 12),
}
# Words before a date or "straks" that say it is about starting work.
START_WORDS = frozenset(
    {"kan", "starte", "start", "starter", "tiltraede", "ledig", "klar", "fra", "pr", "per", "d",
     "den", "senest", "inden", "available", "availability", "can", "begin", "from", "by",
     "the", "on", "startdato"}
)  # fmt: skip
ORDINALS = frozenset({"st", "nd", "rd", "th"})
NOW_WORDS = ("straks", "omgaaende", "immediately", "asap")
NOW_AFTER_START = (("nu",), ("now",), ("med", "det", "samme"), ("right", "away"), ("at", "once"))
RECENT_DAYS = 31  # a date without a year this many days past is this year's, else next year's


# --- results ----------------------------------------------------------------------------------


class Doubt(StrEnum):
    """Why words were not read although they look like a criterion."""

    AMBIGUOUS = "ambiguous"  # names several qualifications
    NEGATED = "negated"  # "uden kørekort": a search cannot exclude
    SECOND_PLACE = "second_place"
    SECOND_DISTANCE = "second_distance"
    TRAVEL_TIME = "travel_time"
    NO_OCCUPATION = "no_occupation"  # years of experience, but in no occupation read
    LOOSE_TITLE = "loose_title"  # a word close to occupations' titles, naming none well


@dataclass(frozen=True)
class Language:
    code: str
    level: str  # CEFR; NO_LEVEL when none was written
    level_written: bool
    words: str


@dataclass(frozen=True)
class Qualification:
    code: str
    words: str


@dataclass(frozen=True)
class Place:
    name: str  # the municipality's name
    words: str


@dataclass(frozen=True)
class Distance:
    km: int
    words: str


@dataclass(frozen=True)
class Experience:
    years: int
    words: str


@dataclass(frozen=True)
class Availability:
    by: dt.date
    words: str


@dataclass(frozen=True)
class Unclear:
    words: str
    doubt: Doubt
    # What the words could mean: qualification codes (AMBIGUOUS) or occupation ids
    # (LOOSE_TITLE).
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chunk:
    """Words left for occupations and skills. `joiner` is what joins it to the chunk before:
    a list word as written ("og", "eller", "or"), "," for punctuation, or "" for neither."""

    words: tuple[str, ...]  # as written
    joiner: str = ""

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def listed(self) -> bool:
        return bool(self.joiner)


@dataclass
class TextReading:
    languages: list[Language] = field(default_factory=list)
    qualifications: list[Qualification] = field(default_factory=list)
    place: Place | None = None
    distance: Distance | None = None
    experience: Experience | None = None
    available: Availability | None = None
    unclear: list[Unclear] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)


# --- vocabulary -------------------------------------------------------------------------------

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    """The names the reader knows, folded: languages by code, qualifications by code(s),
    municipalities by name. Build it with `vocabulary`."""

    languages: dict[str, str]  # word → language code
    qualifications: list[tuple[Phrase, tuple[str, ...]]]  # longest first
    places: list[tuple[Phrase, str]]  # longest first
    titles: list[tuple[Phrase, tuple[str, ...]]]  # qualification names that are job titles


def vocabulary(
    *,
    languages: Iterable[tuple[str, str, str]],
    qualifications: Iterable[tuple[str, str, str, str]],
    municipalities: Iterable[str],
    is_title: Callable[[str], bool] = lambda text: False,
) -> Vocabulary:
    """From (code, label_da, label_en) of languages, (code, label_da, label_en, synonyms) of
    qualifications and the municipalities' names. `is_title` says whether a qualification name
    is also a job title ("Social- og sundhedshjælper"): such names are left to the occupation."""
    names: dict[str, str] = {}
    for code, label_da, label_en in languages:
        words = fold(f"{label_da} {label_en}").split() + list(LANGUAGE_ALIASES.get(code, ()))
        for word in words:
            names[word] = code
            if word.endswith("sk"):
                names[word + "e"] = code  # "gode polske sprogkundskaber"
    by_phrase: dict[Phrase, set[str]] = {}
    titles: dict[Phrase, set[str]] = {}
    for code, label_da, label_en, synonyms in qualifications:
        for text, is_label in _qualification_names(label_da, label_en, synonyms):
            phrase = tuple(fold(text).split())
            if not phrase or not (is_label or _names_paper(phrase)):
                continue
            (titles if is_title(text) else by_phrase).setdefault(phrase, set()).add(code)
    for text, codes in EXTRA_PHRASES.items():
        by_phrase.setdefault(tuple(text.split()), set()).update(codes)
    places: dict[Phrase, str] = {}
    for name in municipalities:
        places[tuple(fold(name).split())] = name
        for alias in PLACE_ALIASES.get(name, ()):
            places[tuple(alias.split())] = name
    return Vocabulary(
        languages=names,
        qualifications=_longest_first({p: tuple(sorted(c)) for p, c in by_phrase.items()}),
        places=_longest_first(places),
        titles=_longest_first({p: tuple(sorted(c)) for p, c in titles.items()}),
    )


def _qualification_names(label_da: str, label_en: str, synonyms: str) -> Iterable[tuple[str, bool]]:
    for label in (label_da, label_en):
        yield label, True
        bare = re.sub(r"\([^)]*\)", " ", label)  # "Varmt arbejde (certifikat)" → "Varmt arbejde"
        if bare != label:
            yield bare, True
    for synonym in synonyms.split("|"):
        yield synonym, False


def _names_paper(phrase: Phrase) -> bool:
    return " ".join(phrase) in NAMED_PAPERS or any(w.endswith(PAPER_ENDINGS) for w in phrase)


def _longest_first(items: dict[Phrase, V]) -> list[tuple[Phrase, V]]:
    return sorted(items.items(), key=lambda item: (-len(item[0]), -len("".join(item[0]))))


# --- tokens -----------------------------------------------------------------------------------

# Words and numbers apart: "20km" is "20" and "km"; "C1E" and "B2" stay whole.
_WORD = re.compile(r"[^\W\d_][^\W_]*|\d+")
TRAILER_BASES = frozenset({"b", "c", "d", "c1", "d1"})


@dataclass
class _Token:
    raw: str
    word: str  # folded
    start: int
    end: int
    gap: str  # the text between this token and the one before
    used: bool = False

    @property
    def loose(self) -> str:
        return _loose(self.word)


def _loose(word: str) -> str:
    """Danish letters typed as plain ones meet: "kobenhavn", "koebenhavn" → "kobenhavn"."""
    return word.replace("aa", "a").replace("ae", "a").replace("oe", "o")


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    previous_end = 0
    for match in _WORD.finditer(text):
        gap = text[previous_end : match.start()]
        # Abbreviations as the taxonomy expands them ("truckcert", "kk"), one word each.
        expanded = normalise_text(match.group())
        word = expanded if expanded and " " not in expanded else fold(match.group())
        previous_end = match.end()
        last = tokens[-1] if tokens else None
        if last and word == "e" and last.word in TRAILER_BASES and gap.strip() in {"/", "+"}:
            # "C/E", "C + E": one class with a trailer.
            last.word, last.raw, last.end = (
                last.word + "e",
                text[last.start : match.end()],
                match.end(),
            )
            continue
        tokens.append(_Token(match.group(), word, match.start(), match.end(), gap))
    return tokens


class _Text:
    """The tokens of the text and what has been read from them."""

    def __init__(self, text: str) -> None:
        self.source = unicodedata.normalize("NFKC", text)
        self.tokens = _tokens(self.source)
        self.reading = TextReading()

    def __len__(self) -> int:
        return len(self.tokens)

    def word(self, i: int) -> str:
        return self.tokens[i].word if 0 <= i < len(self.tokens) else ""

    def free(self, i: int) -> bool:
        return 0 <= i < len(self.tokens) and not self.tokens[i].used

    def gap(self, i: int) -> str:
        return self.tokens[i].gap.strip() if 0 <= i < len(self.tokens) else ""

    def words(self, start: int, end: int) -> str:
        """Tokens start..end-1 as written, with what stands between them."""
        return self.source[self.tokens[start].start : self.tokens[end - 1].end]

    def use(self, start: int, end: int) -> str:
        for token in self.tokens[start:end]:
            token.used = True
        return self.words(start, end)

    def negated(self, start: int) -> bool:
        i = start - 1
        while i >= 0 and self.word(i) in NEGATION_GAP:
            i -= 1
        return self.word(i) in NEGATIONS and i >= start - 3

    def joined_by(self, i: int, separators: str) -> bool:
        """Whether token i follows the one before with nothing but spaces and `separators`."""
        return self.tokens[i].gap.strip(" " + separators) == ""


def _same(word: str, target: str, *, inflected: bool = False, fuzzy: bool = True) -> bool:
    if word == target or _loose(word) == _loose(target):
        return True
    if inflected and word.startswith(target) and word[len(target) :] in INFLECTIONS:
        return True
    return fuzzy and len(target) >= FUZZY_LENGTH and one_edit_apart(word, target)


def _match(text: _Text, i: int, phrase: Phrase) -> int:
    """How many free tokens from i spell the phrase (word by word, or run together as one
    compound: "truck certifikat", "truckcertifikatet"), 0 if they do not. A typo is allowed
    anywhere but in the first letter, which makes most phrases quick to rule out."""
    if not text.free(i) or text.tokens[i].word[:1] != phrase[0][:1]:
        return 0
    n = len(phrase)
    if all(text.free(i + k) for k in range(n)) and all(
        (k == 0 or text.joined_by(i + k, "-"))
        and _same(text.tokens[i + k].word, w, inflected=k == n - 1)
        for k, w in enumerate(phrase)
    ):
        return n
    # Run together, the phrase is matched exactly: one letter off "truckcertifikat A" is
    # "truckcertifikat", which is no class at all.
    joined = "".join(phrase)
    for size in (1, 2, 3):
        if size == n or not all(text.free(i + k) for k in range(size)):
            continue
        if all(text.joined_by(i + k, "-") for k in range(1, size)) and _same(
            "".join(t.word for t in text.tokens[i : i + size]), joined, inflected=True, fuzzy=False
        ):
            return size
    return 0


# --- the steps ---------------------------------------------------------------------------------


def read_text(text: str, vocabulary: Vocabulary, *, today: dt.date) -> TextReading:
    """What one sentence asks for; see the module's documentation for the rules."""
    reading = _Text(text)
    _read_availability(reading, today)
    _read_licence_classes(reading)
    _read_lone_classes(reading)
    _read_qualifications(reading, vocabulary)
    _read_plain_licences(reading)
    _read_experience(reading)
    _read_distance(reading)
    _read_languages(reading, vocabulary)
    _read_places(reading, vocabulary)
    reading.reading.chunks = _chunks(reading)
    # In the order the words were written, whichever step found them.
    reading.reading.unclear.sort(key=lambda unclear: reading.source.find(unclear.words))
    return reading.reading


def _read_availability(text: _Text, today: dt.date) -> None:
    """The first date or "straks" that follows a word about starting ("ledig fra", "kan
    starte", "from"); "straks" and "immediately" need none."""
    for i in range(len(text)):
        if not text.free(i) or text.reading.available is not None:
            continue
        start = _start_words_before(text, i)
        found = _date_at(text, i, today) if start < i else None
        if found is not None:
            end, day = found
            text.reading.available = Availability(day, text.use(start, end))
        elif size := _now_at(text, i):
            text.reading.available = Availability(today, text.use(start, i + size))


def _start_words_before(text: _Text, i: int) -> int:
    start = i
    while text.free(start - 1) and text.word(start - 1) in START_WORDS:
        start -= 1
    return start


def _now_at(text: _Text, i: int) -> int:
    if text.word(i) in NOW_WORDS:
        return 1
    if _start_words_before(text, i) == i:
        return 0
    for words in NOW_AFTER_START:
        if all(text.free(i + k) and text.word(i + k) == w for k, w in enumerate(words)):
            return len(words)
    return 0


def _day_number(word: str) -> int | None:
    return int(word) if word.isdigit() and 1 <= int(word) <= 31 else None


def _date_at(text: _Text, i: int, today: dt.date) -> tuple[int, dt.date] | None:
    """(end, date) of a date written at token i: "1. februar", "1/2", "15.02.2026",
    "2026-02-01", "February 1st", "1st of March", "februar" alone (its first day)."""
    w = text.word

    def year_at(k: int) -> int | None:
        if text.free(k) and re.fullmatch(r"\d{4}|\d{2}", w(k)) and text.joined_by(k, ".-/, "):
            year = int(w(k))
            return year + 2000 if year < 100 else year
        return None

    def make(day: int, month: int, year: int | None, end: int) -> tuple[int, dt.date] | None:
        try:
            if year is not None:
                return end, dt.date(year, month, day)
            date = dt.date(today.year, month, day)
        except ValueError:
            return None
        if (today - date).days > RECENT_DAYS:
            date = date.replace(year=today.year + 1)
        return end, date

    if (
        re.fullmatch(r"\d{4}", w(i))
        and text.free(i + 2)
        and text.gap(i + 1) == text.gap(i + 2) == "-"
        and w(i + 1).isdigit()
        and w(i + 2).isdigit()
    ):
        try:
            return i + 3, dt.date(int(w(i)), int(w(i + 1)), int(w(i + 2)))
        except ValueError:
            return None

    def past_ordinal(k: int) -> int:
        """After "1st", "2nd": the token after the suffix."""
        return k + 1 if text.free(k) and w(k) in ORDINALS and text.gap(k) == "" else k

    day = _day_number(w(i))
    if day is not None:
        k = past_ordinal(i + 1)
        if text.free(k) and w(k) == "of":
            k += 1
        if text.free(k) and w(k) in MONTHS:
            year = year_at(k + 1)
            return make(day, MONTHS[w(k)], year, k + 2 if year else k + 1)
        if (
            text.free(k)
            and w(k).isdigit()
            and 1 <= int(w(k)) <= 12
            and text.tokens[k].gap.strip() in {"/", ".", "-"}
        ):
            year = year_at(k + 1) if text.tokens[k + 1 :] and text.tokens[k + 1].gap.strip() in {
                "/", ".", "-"} else None  # fmt: skip
            return make(day, int(w(k)), year, k + 2 if year else k + 1)
        return None
    if w(i) in MONTHS:
        day = _day_number(w(i + 1)) if text.free(i + 1) else None
        if day is not None:
            k = past_ordinal(i + 2)
            year = year_at(k)
            return make(day, MONTHS[w(i)], year, k + 1 if year else k)
        year = year_at(i + 1) if text.free(i + 1) and len(w(i + 1)) == 4 else None
        if len(w(i)) >= 5 or w(i) in {"may", "maj"} or text.joined_by(i, "."):
            return make(1, MONTHS[w(i)], year, i + 2 if year else i + 1)
    return None


def _read_licence_classes(text: _Text) -> None:
    for i in range(len(text)):
        if not text.free(i) or text.word(i) not in LICENCE_WORDS:
            continue
        start, end = i, i + 1
        if text.word(i - 1) in {"driving", "drivers", "driver"} and text.free(i - 1):
            start -= 1
        classes: list[str] = []
        k = end
        while text.free(k) and text.word(k) in LICENCE_GAP:
            k += 1
        if text.free(k) and text.word(k) in VEHICLE_CLASSES:
            classes, end = [VEHICLE_CLASSES[text.word(k)]], k + 1
        else:
            while text.free(k) and text.word(k) in LICENCE_CLASSES:
                classes.append(text.word(k))
                end = k + 1
                k += 1
                if text.free(k) and text.word(k) in {"og", "and", "samt", "eller", "or"}:
                    k += 1
                elif k >= len(text) or not text.joined_by(k, ",/+&"):
                    break
        if not classes:
            # Before the word: "B-kørekort", "C og D kørekort", "D licence".
            k = start - 1
            while text.free(k) and text.word(k) in LICENCE_CLASSES and _class_before(text, k):
                classes.insert(0, text.word(k))
                start = k
                k -= 1
                if text.free(k) and text.word(k) in {"og", "and"}:
                    k -= 1
            while text.free(start - 1) and text.word(start - 1) in LICENCE_GAP - {"til", "for"}:
                start -= 1
        if not classes:
            continue
        words = text.words(start, end)
        negated = text.negated(start)
        text.use(start, end)
        for licence in classes:
            _add_qualification(text, f"licence-{licence}", words, negated=negated)


def _read_lone_classes(text: _Text) -> None:
    for i in range(len(text)):
        if text.free(i) and text.word(i) in CLASSES_ALONE:
            negated = text.negated(i)
            _add_qualification(text, f"licence-{text.word(i)}", text.use(i, i + 1), negated=negated)


def _class_before(text: _Text, k: int) -> bool:
    token = text.tokens[k]
    hyphen = text.tokens[k + 1].gap.strip() == "-" if k + 1 < len(text) else False
    return token.word not in CLASSES_ALSO_WORDS or token.raw.isupper() or hyphen


def _add_qualification(text: _Text, code: str, words: str, *, negated: bool) -> None:
    if negated:
        text.reading.unclear.append(Unclear(words, Doubt.NEGATED))
    elif code not in {q.code for q in text.reading.qualifications}:
        text.reading.qualifications.append(Qualification(code, words))


def _read_qualifications(text: _Text, vocabulary: Vocabulary) -> None:
    i = 0
    while i < len(text):
        title = max((_match(text, i, phrase) for phrase, _ in vocabulary.titles), default=0)
        if title:
            i += title  # a job title: left for the occupation
            continue
        if text.free(i):
            _read_qualification_at(text, i, vocabulary)
        i += 1


def _read_qualification_at(text: _Text, i: int, vocabulary: Vocabulary) -> None:
    for phrase, codes in vocabulary.qualifications:
        size = _match(text, i, phrase)
        if not size:
            continue
        negated = text.negated(i)
        words = text.use(i, i + size)
        if len(codes) > 1 and not negated:
            text.reading.unclear.append(Unclear(words, Doubt.AMBIGUOUS, codes))
        else:
            _add_qualification(text, codes[0], words, negated=negated)
        return


def _read_plain_licences(text: _Text) -> None:
    for i in range(len(text)):
        if text.free(i) and text.word(i) in LICENCE_WORDS:
            start = i - 1 if text.word(i - 1) in {"driving", "drivers"} and text.free(i - 1) else i
            negated = text.negated(start)
            _add_qualification(text, PLAIN_LICENCE, text.use(start, i + 1), negated=negated)


def _read_experience(text: _Text) -> None:
    """The first "N års erfaring" / "N years' experience": a number, a word for years, maybe
    a word or two between ("of", "relevant"), then a word for experience."""
    for i in range(len(text)):
        if not (text.free(i) and text.word(i).isdigit() and text.word(i + 1) in YEAR_WORDS):
            continue
        end = i + 2
        while text.free(end) and text.word(end) in EXPERIENCE_GAP:
            end += 1
        if not (text.free(end) and text.word(end) in EXPERIENCE_WORDS):
            continue
        start = i
        while text.free(start - 1) and text.word(start - 1) in EXPERIENCE_BEFORE:
            start -= 1
        words = text.use(start, end + 1)
        years = int(text.word(i))
        if text.reading.experience is None and 0 < years <= MAX_YEARS:
            text.reading.experience = Experience(years, words)
        return


def _read_distance(text: _Text) -> None:
    for i in range(len(text)):
        if not (text.free(i) and text.word(i).isdigit() and text.free(i + 1)):
            continue
        unit = text.word(i + 1)
        if unit not in DISTANCE_UNITS | TIME_UNITS:
            continue
        start = i
        while text.free(start - 1) and text.word(start - 1) in DISTANCE_WORDS | {"for"}:
            start -= 1
        if text.word(start) == "for" and start < i:  # "for" only inside "inden for"
            start += 1
        words = text.use(start, i + 2)
        km = int(text.word(i))
        if unit in TIME_UNITS:
            text.reading.unclear.append(Unclear(words, Doubt.TRAVEL_TIME))
        elif text.reading.distance is not None:
            text.reading.unclear.append(Unclear(words, Doubt.SECOND_DISTANCE))
        elif 0 < km <= MAX_DISTANCE_KM:
            text.reading.distance = Distance(km, words)


def _language_at(text: _Text, i: int, vocabulary: Vocabulary) -> str | None:
    token = text.tokens[i]
    code = vocabulary.languages.get(token.word)
    if code is None:
        for suffix in LANGUAGE_SUFFIXES:
            if token.word.endswith(suffix):
                code = vocabulary.languages.get(token.word[: -len(suffix)])
                break
    if code is None and len(token.word) >= FUZZY_LENGTH:
        near = {c for name, c in vocabulary.languages.items() if one_edit_apart(name, token.word)}
        code = near.pop() if len(near) == 1 else None
    if code is not None and text.word(i + 1) in NOT_LANGUAGE_BEFORE:
        return None
    return code


def _read_languages(text: _Text, vocabulary: Vocabulary) -> None:
    found: list[tuple[int, str]] = [
        (i, code)
        for i in range(len(text))
        if text.free(i) and (code := _language_at(text, i, vocabulary)) is not None
    ]
    for i, code in found:
        level, start, end = _level_near(text, i)
        negated = text.negated(start)
        words = text.use(start, end)
        if negated:
            text.reading.unclear.append(Unclear(words, Doubt.NEGATED))
        elif code not in {language.code for language in text.reading.languages}:
            text.reading.languages.append(
                Language(code, level or NO_LEVEL, level is not None, words)
            )


def _level_near(text: _Text, i: int) -> tuple[str | None, int, int]:
    """The level written next to the language at token i, and the span it covers."""
    k = i + 1
    while text.free(k) and text.word(k) in LEVEL_GAP:
        k += 1
    if text.free(k) and (level := _level_word(text, k)) is not None:
        end = k + 1
        if text.free(end) and text.word(end) in {"niveau", "level"}:
            end += 1
        return level, i, end
    k = i - 1
    while text.free(k) and text.word(k) in LEVEL_GAP | {"taler", "speaks", "speak"}:
        k -= 1
    if text.free(k) and (level := _level_word(text, k)) is not None:
        start = k
        if text.word(k - 1) in {"meget", "very"} and text.free(k - 1):
            start = k - 1
            level = "C1" if level == "B2" else level
        return level, start, i + 1
    return None, i, i + 1


def _level_word(text: _Text, k: int) -> str | None:
    word = text.word(k)
    if word in CEFR:
        return word.upper()
    return LEVEL_WORDS.get(word)


def _read_places(text: _Text, vocabulary: Vocabulary) -> None:
    for i in range(len(text)):
        if not text.free(i):
            continue
        after_word = text.word(i - 1) in PLACE_WORDS and text.free(i - 1)
        for phrase, name in vocabulary.places:
            size = _place_match(text, i, phrase, fuzzy=after_word)
            if not size:
                continue
            bare = fold(name).replace(" ", "")
            if bare in NEEDS_PREPOSITION and not (
                after_word or text.tokens[i].raw[:1].isupper() or text.word(i + 1) in PLACE_AFTER
            ):
                continue
            start, end = i, i + size
            while text.free(start - 1) and text.word(start - 1) in PLACE_WORDS | {"taet", "bor"}:
                start -= 1
            if text.free(end) and text.word(end) in PLACE_AFTER:
                end += 1
            words = text.use(start, end)
            if text.reading.place is None:
                text.reading.place = Place(name, words)
            elif text.reading.place.name != name:
                text.reading.unclear.append(Unclear(words, Doubt.SECOND_PLACE))
            break


def _place_match(text: _Text, i: int, phrase: Phrase, *, fuzzy: bool) -> int:
    size = _match(text, i, phrase) if fuzzy else _exact_match(text, i, phrase)
    if size:
        return size
    # "Københavns Kommune": the genitive before "kommune".
    last = len(phrase) - 1
    if text.word(i + last + 1) in PLACE_AFTER and all(text.free(i + k) for k in range(len(phrase))):
        words = [text.tokens[i + k].loose for k in range(len(phrase))]
        target = [_loose(w) for w in phrase]
        if words[:last] == target[:last] and words[last] == target[last] + "s":
            return len(phrase)
    return 0


def _exact_match(text: _Text, i: int, phrase: Phrase) -> int:
    if not text.free(i) or text.tokens[i].word[:1] != phrase[0][:1]:
        return 0
    n = len(phrase)
    if all(text.free(i + k) for k in range(n)) and all(
        text.tokens[i + k].loose == _loose(w) for k, w in enumerate(phrase)
    ):
        return n
    return 0


def _chunks(text: _Text) -> list[Chunk]:
    """The free words that are not fillers, cut at fillers, read words and punctuation. A
    hyphen before "og"/"eller" keeps the words together: "social- og sundhedshjælper"."""
    chunks: list[Chunk] = []
    current: list[_Token] = []
    joiner = ""  # a list word or a comma since the last chunk

    def close() -> None:
        nonlocal current, joiner
        if current:
            chunks.append(Chunk(tuple(_chunk_words(current)), joiner))
            joiner = ""
        current = []

    for i, token in enumerate(text.tokens):
        if current and re.search(r"[,;:.!?()/+&]", token.gap):
            close()
            joiner = ","
        suspended = token.word in LIST_WORDS and current and text.gap(i) == "-"
        # Numbers alone name nothing ("12 timers", a stray day).
        filler = token.word in FILLERS or token.word in NEGATIONS or token.word.isdigit()
        if token.used or not token.word or (filler and not suspended):
            close()
            if token.word in LIST_WORDS and not token.used:
                joiner = token.raw
            continue
        current.append(token)
    close()
    return chunks


def _chunk_words(tokens: Sequence[_Token]) -> list[str]:
    """Each word as written; hyphenated runs stay one word ("sosu-hjælper", "vvs'er")."""
    words: list[str] = []
    for k, token in enumerate(tokens):
        if k and (token.gap == "" or token.gap.strip() in {"-", "'", "’"}):
            words[-1] += token.gap + token.raw
        else:
            words.append(token.raw)
    return words


# --- occupations and skills, given the taxonomy's scores --------------------------------------


class Score(NamedTuple):
    """A phrase's best concept by the taxonomy's suggestions."""

    concept_id: int
    score: float
    exact: bool = False  # the phrase is exactly one of the concept's labels


Scorer = Callable[[str], Score | None]


def _rank(found: Score, size: int) -> tuple[bool, int, float, int]:
    """How good a span is: a label written exactly, the longer the better ("truck driver", not
    "driver", which ESCO gives to hearse drivers); then the score."""
    return (found.exact, size if found.exact else 0, found.score, size)


@dataclass(frozen=True)
class Pick:
    """A concept read from words of one chunk."""

    concept_id: int
    score: float
    words: str


def pick_titles(
    chunks: Sequence[Chunk], score: Scorer, *, threshold: float
) -> tuple[list[Pick], list[Chunk]]:
    """The occupations the chunks name, and the words left.

    Each chunk's best span of up to `MAX_TITLE_WORDS` words scoring at least `threshold`
    names an occupation. The best chunk's is read; another chunk's only when a list word
    joins it to a chunk read as an occupation ("tømrer eller murer"): words elsewhere
    ("rengøring på hospital") are not taken for a second job.
    """
    chunks = _join_split_titles(chunks, score, threshold)
    best = [_best_span(chunk, score, threshold) for chunk in chunks]
    found = [i for i, span in enumerate(best) if span is not None]
    chosen: set[int] = set()
    if found:
        chosen.add(max(found, key=lambda i: best[i][0].score))  # type: ignore[index]
        changed = True
        while changed:
            changed = False
            for i in found:
                joined = (i - 1 in chosen and chunks[i].listed) or (
                    i + 1 in chosen and chunks[i + 1].listed
                )
                if i not in chosen and joined:
                    chosen.add(i)
                    changed = True
    picks: list[Pick] = []
    left: list[Chunk] = []
    for i, chunk in enumerate(chunks):
        span = best[i]
        if i not in chosen or span is None:
            left.append(chunk)
            continue
        pick, start, end = span
        if pick.concept_id not in {p.concept_id for p in picks}:
            picks.append(pick)
        for part in (chunk.words[:start], chunk.words[end:]):
            words = _strip_list_words(part)
            if words:
                left.append(Chunk(words, ","))
    return picks, left


def _join_split_titles(chunks: Sequence[Chunk], score: Scorer, threshold: float) -> list[Chunk]:
    """A title with a list word in it ("social og sundhedsassistent", cut in two at "og") is
    one chunk again when the words across the list word score better than either side."""
    joined: list[Chunk] = []
    for chunk in chunks:
        last = joined[-1] if joined else None
        if last is not None and fold(chunk.joiner) in LIST_WORDS:
            across = score(f"{last.words[-1]} {chunk.joiner} {chunk.words[0]}")
            sides = [score(last.words[-1]), score(chunk.words[0])]
            if (
                across is not None
                and across[1] >= threshold
                and all(side is None or across[1] > side[1] for side in sides)
            ):
                joined[-1] = Chunk((*last.words, chunk.joiner, *chunk.words), last.joiner)
                continue
        joined.append(chunk)
    return joined


def _strip_list_words(words: tuple[str, ...]) -> tuple[str, ...]:
    while words and fold(words[0]) in LIST_WORDS:
        words = words[1:]
    while words and fold(words[-1]) in LIST_WORDS:
        words = words[:-1]
    return words


def _best_span(chunk: Chunk, score: Scorer, threshold: float) -> tuple[Pick, int, int] | None:
    """The span of the chunk that best names an occupation (`_rank`)."""
    best: tuple[tuple[bool, int, float, int], Pick, int, int] | None = None
    words = chunk.words
    for start in range(len(words)):
        for end in range(start + 1, min(len(words), start + MAX_TITLE_WORDS) + 1):
            if fold(words[start]) in LIST_WORDS or fold(words[end - 1]) in LIST_WORDS:
                continue
            phrase = " ".join(words[start:end])
            found = score(phrase)
            if end - start > 1:  # "lager medarbejder" is "lagermedarbejder"
                compound = score("".join(words[start:end]))
                if compound is not None and (found is None or _rank(compound, 1) > _rank(found, 1)):
                    found = compound
            if found is None or found.score < threshold:
                continue
            rank = _rank(found, end - start)
            if best is None or rank > best[0]:
                best = (rank, Pick(found.concept_id, found.score, phrase), start, end)
    return best[1:] if best is not None else None


def pick_skills(
    chunks: Sequence[Chunk], score: Scorer, *, threshold: float, limit: int
) -> tuple[list[Pick], list[str]]:
    """Skills the chunks name (each chunk's best, scoring at least `threshold`, at most
    `limit`), and the words read as nothing."""
    picks: list[Pick] = []
    unread: list[str] = []
    for chunk in chunks:
        found = score(chunk.text) if len(picks) < limit else None
        if (
            found is not None
            and found.score >= threshold
            and found.concept_id not in {p.concept_id for p in picks}
        ):
            picks.append(Pick(found.concept_id, found.score, chunk.text))
        else:
            unread.append(chunk.text)
    return picks, unread
