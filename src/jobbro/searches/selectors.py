"""Reads for the free search: how free text is read as criteria, and one's saved searches."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jobbro.matching.selectors import LanguageWish
from jobbro.organisations.models import Municipality, User
from jobbro.taxonomy.models import Language, Occupation, Qualification, Skill
from jobbro.taxonomy.selectors import (
    is_occupation_label,
    occupation_index_version,
    respelled_as_occupation,
    suggest_occupations,
    suggest_skills,
)
from jobbro.taxonomy.suggest.normalize import normalise_text

from . import reading
from .models import SavedSearch

# Suggestion scores run from 0 to about 2 (an exact label scores about 1.9); below these a
# match is a guess the user would rather not have applied silently.
OCCUPATION_THRESHOLD = 1.0
SKILL_THRESHOLD = 1.0
MAX_SKILLS = 3
# With no occupation read, a single word whose occupation suggestions score at least this and
# begin with it ("rengøring": rengøringsassistent, 0.9) names occupations too loosely to search
# for one, and it is no skill either: it is reported with those occupations to choose from.
LOOSE_TITLE_SCORE = 0.6
LOOSE_TITLE_OPTIONS = 3
SKILL_KINDS = frozenset({"skill", "knowledge"})  # certificates come from the reader's own list


@dataclass(frozen=True)
class Chip:
    """One criterion the text was read as; `key` is what `drop` removes (o12, s34, q5, l3,
    p101, d, a) and `words` the words of the text it was read from."""

    key: str
    label: str
    # occupation, skill, qualification, language, experience, place, distance or availability
    kind: str
    words: str

    @property
    def shows_words(self) -> bool:
        """Whether the words say more than the label ("polsk" under "Polish, any level")."""
        return bool(self.words) and self.words.casefold() != self.label.casefold()


@dataclass(frozen=True)
class Interpretation:
    """What the text asks for, as taxonomy and municipality rows; `words` maps each chip key
    to the words it was read from; `doubts` are words not searched, `unread` words read as
    nothing."""

    occupations: list[Occupation] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)
    qualifications: list[Qualification] = field(default_factory=list)
    languages: list[LanguageWish] = field(default_factory=list)
    place: Municipality | None = None
    distance_km: int | None = None
    available_by: dt.date | None = None
    min_years: int | None = None  # in the occupations read
    words: dict[str, str] = field(default_factory=dict)
    levels_written: frozenset[int] = frozenset()  # languages whose level the text gave
    doubts: list[reading.Unclear] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        """Whether the text names something to search for (a place alone is not)."""
        return bool(self.occupations or self.skills or self.qualifications or self.languages)

    @property
    def chips(self) -> list[Chip]:
        chips = [(f"o{o.pk}", str(o.label), "occupation") for o in self.occupations]
        chips += [
            (f"l{w.language.pk}", self._language_label(w), "language") for w in self.languages
        ]
        chips += [(f"q{q.pk}", str(q.label), "qualification") for q in self.qualifications]
        chips += [(f"s{s.pk}", str(s.label), "skill") for s in self.skills]
        if self.min_years is not None:
            label = ngettext(
                "At least %(years)s year in the occupation",
                "At least %(years)s years in the occupation",
                self.min_years,
            ) % {"years": self.min_years}
            chips.append(("y", label, "experience"))
        if self.place is not None:
            label = _("Near %(place)s") % {"place": self.place.name}
            chips.append((f"p{self.place.pk}", label, "place"))
        if self.distance_km is not None:
            chips.append(("d", _("Within %(km)s km") % {"km": self.distance_km}, "distance"))
        if self.available_by is not None:
            chips.append(("a", self._availability_label(), "availability"))
        return [Chip(key, label, kind, self.words.get(key, "")) for key, label, kind in chips]

    def _language_label(self, wish: LanguageWish) -> str:
        if wish.language.pk not in self.levels_written:
            return _("%(language)s, any level") % {"language": wish.language.label}
        return _("%(language)s, at least %(level)s") % {
            "language": wish.language.label,
            "level": wish.level,
        }

    def _availability_label(self) -> str:
        assert self.available_by is not None
        if self.available_by <= timezone.localdate():
            return _("Can start now")
        return _("Available by %(date)s") % {"date": formats.date_format(self.available_by)}

    @property
    def notes(self) -> list[str]:
        """What the text says that is not searched, and why."""
        return [_note(doubt) for doubt in self.doubts]


def interpret(
    text: str, *, dropped: set[str] | None = None, today: dt.date | None = None
) -> Interpretation:
    """The criteria one sentence names (see `reading`): occupations and skills by the
    taxonomy's suggestions, the rest by the reader. Keys in `dropped` are left out.

    Skills read are nice-to-haves only (`FreeSearchForm.search`); years of experience count
    in the occupations read, so without one they are reported, not searched."""
    dropped = dropped or set()
    read = reading.read_text(text, _vocabulary(), today=today or timezone.localdate())
    titles, left = reading.pick_titles(
        read.chunks, _OccupationScores(), threshold=OCCUPATION_THRESHOLD
    )
    doubts = list(read.unclear)
    if not titles:
        left = _without_loose_titles(left, doubts)
    if read.experience is not None and not titles:
        doubts.append(reading.Unclear(read.experience.words, reading.Doubt.NO_OCCUPATION))
    doubts.sort(key=lambda unclear: text.find(unclear.words))
    primary = titles[0].concept_id if titles else None
    skill_picks, unread = reading.pick_skills(
        left, _SkillScores(primary), threshold=SKILL_THRESHOLD, limit=MAX_SKILLS
    )
    words: dict[str, str] = {}

    def keep(key: str, said: str) -> bool:
        if key in dropped:
            return False
        words[key] = said
        return True

    occupations = Occupation.objects.in_bulk([p.concept_id for p in titles])
    skills = Skill.objects.in_bulk([p.concept_id for p in skill_picks])
    qualifications = Qualification.objects.in_bulk(
        [q.code for q in read.qualifications], field_name="code"
    )
    languages = Language.objects.in_bulk([lang.code for lang in read.languages], field_name="code")
    place = Municipality.objects.filter(name=read.place.name).first() if read.place else None
    wishes = [
        (languages[lang.code], lang)
        for lang in read.languages
        if lang.code in languages and keep(f"l{languages[lang.code].pk}", lang.words)
    ]
    return Interpretation(
        occupations=[
            occupations[p.concept_id]
            for p in titles
            if p.concept_id in occupations and keep(f"o{p.concept_id}", p.words)
        ],
        skills=[
            skills[p.concept_id]
            for p in skill_picks
            if p.concept_id in skills and keep(f"s{p.concept_id}", p.words)
        ],
        qualifications=[
            qualifications[q.code]
            for q in read.qualifications
            if q.code in qualifications and keep(f"q{qualifications[q.code].pk}", q.words)
        ],
        languages=[LanguageWish(language, lang.level) for language, lang in wishes],
        levels_written=frozenset(language.pk for language, lang in wishes if lang.level_written),
        place=place if place and read.place and keep(f"p{place.pk}", read.place.words) else None,
        distance_km=(
            read.distance.km if read.distance and keep("d", read.distance.words) else None
        ),
        available_by=(
            read.available.by if read.available and keep("a", read.available.words) else None
        ),
        min_years=(
            read.experience.years
            if read.experience and titles and keep("y", read.experience.words)
            else None
        ),
        words=words,
        doubts=doubts,
        unread=unread,
    )


def _without_loose_titles(
    chunks: list[reading.Chunk], doubts: list[reading.Unclear]
) -> list[reading.Chunk]:
    """The chunks but single words that loosely name occupations (`LOOSE_TITLE_SCORE`),
    which are added to `doubts` with those occupations."""
    kept = []
    for chunk in chunks:
        word = normalise_text(chunk.text)
        options = [
            str(s.pk)
            for s in suggest_occupations(chunk.text, limit=LOOSE_TITLE_OPTIONS)
            if len(chunk.words) == 1
            and s.score >= LOOSE_TITLE_SCORE
            and any(normalise_text(label).startswith(word) for label in (s.label_da, s.label_en))
        ]
        if options:
            doubts.append(reading.Unclear(chunk.text, reading.Doubt.LOOSE_TITLE, tuple(options)))
        else:
            kept.append(chunk)
    return kept


_vocabularies: dict[tuple[object, ...], reading.Vocabulary] = {}


def _vocabulary() -> reading.Vocabulary:
    """The reader's names, built again only when a row or the occupation index changed."""
    languages = tuple(Language.objects.values_list("code", "label_da", "label_en"))
    qualifications = tuple(
        Qualification.objects.values_list("code", "label_da", "label_en", "synonyms")
    )
    municipalities = tuple(Municipality.objects.values_list("name", flat=True))
    key = (languages, qualifications, municipalities, occupation_index_version())
    if key not in _vocabularies:
        _vocabularies.clear()
        _vocabularies[key] = reading.vocabulary(
            languages=languages,
            qualifications=qualifications,
            municipalities=municipalities,
            is_title=is_occupation_label,
        )
    return _vocabularies[key]


class _OccupationScores:
    """The best occupation for a phrase; a phrase that suggests nothing good is tried again
    respelled ("tømmrer"). Remembers what it was asked: `pick_titles` asks many spans."""

    def __init__(self) -> None:
        self.seen: dict[str, reading.Score | None] = {}

    def __call__(self, phrase: str) -> reading.Score | None:
        if phrase not in self.seen:
            found = self._best(phrase)
            if found is None or found.score < OCCUPATION_THRESHOLD:
                respelled = self._best(respelled_as_occupation(phrase))
                if respelled is not None and (found is None or respelled.score > found.score):
                    found = respelled
            self.seen[phrase] = found
        return self.seen[phrase]

    @staticmethod
    def _best(phrase: str) -> reading.Score | None:
        best = suggest_occupations(phrase, limit=1)
        if not best:
            return None
        return reading.Score(best[0].pk, best[0].score, is_occupation_label(phrase))


class _SkillScores:
    """The best ESCO skill for a phrase, lifted for the occupation's own skills."""

    def __init__(self, occupation_id: int | None) -> None:
        self.occupation_id = occupation_id

    def __call__(self, phrase: str) -> reading.Score | None:
        for suggestion in suggest_skills(phrase, limit=5, occupation=self.occupation_id):
            if suggestion.kind in SKILL_KINDS:
                return reading.Score(suggestion.pk, suggestion.score)
        return None


def _note(unclear: reading.Unclear) -> str:
    words = unclear.words
    match unclear.doubt:
        case reading.Doubt.AMBIGUOUS:
            options = Qualification.objects.filter(code__in=unclear.codes).order_by("label_da")
            return _(
                "“%(words)s” can mean %(options)s: choose the one you need under skills, "
                "certificates and licences."
            ) % {"words": words, "options": _or_list([str(q.label) for q in options])}
        case reading.Doubt.NEGATED:
            return _("“%(words)s” is not searched: a search cannot leave people out.") % {
                "words": words
            }
        case reading.Doubt.SECOND_PLACE:
            return _("“%(words)s” is not used: the search measures from one place.") % {
                "words": words
            }
        case reading.Doubt.SECOND_DISTANCE:
            return _("“%(words)s” is not used: the search has one distance.") % {"words": words}
        case reading.Doubt.NO_OCCUPATION:
            return _("“%(words)s” is not searched: write the occupation the years are in.") % {
                "words": words
            }
        case reading.Doubt.LOOSE_TITLE:
            labels = Occupation.objects.filter(pk__in=unclear.codes).order_by("label_da")
            return _(
                "“%(words)s” is not searched: it may mean %(options)s. Choose the occupation you "
                "need under occupations."
            ) % {"words": words, "options": _or_list([str(o.label) for o in labels])}
    return _("“%(words)s” is not used: the search measures kilometres, not travel time.") % {
        "words": words
    }


def _or_list(labels: list[str]) -> str:
    if len(labels) < 2:
        return "".join(labels)
    return _("%(first)s or %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def saved_searches_of(user: User) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(owner=user).order_by("name", "pk")
