"""Reads of the taxonomy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .models import Occupation, OccupationSkill, Qualification, Relation, Skill, bilingual_label
from .suggest.engine import Hit, confidence, without_strangers
from .suggest.index import QUALIFICATION_PREFIX, get_index, index_serial
from .suggest.normalize import normalise_text

SUGGESTION_LIMIT = 10
# Fewer letters than this suggest nothing: one letter matches half the taxonomy.
MIN_QUERY_LENGTH = 2
# An occupation's own skills are lifted by this much (scores run from 0 to about 1.5), so a
# matching essential skill of the job order's occupation comes before an equally good stranger,
# but a poor partial match does not push aside an exact one.
OWN_SKILL_BONUS: dict[str, float] = {Relation.ESSENTIAL: 0.3, Relation.OPTIONAL: 0.2}
# How many engine hits are re-ranked when an occupation's own skills are lifted.
BOOST_POOL = 200
# `link_title` links a title by itself from this confidence on; below it a person chooses.
# Measured on the held-out national titles (docs/taxonomy-suggestions.md, "Linking").
LINK_THRESHOLD = 0.6
# A title equal to one occupation's preferred label: certain, whatever shares the word.
EXACT_LABEL_CONFIDENCE = 0.95


@dataclass(frozen=True)
class Suggestion:
    """One suggested concept. For a qualification `uri` is "qualification:<code>"."""

    uri: str
    label_da: str
    label_en: str
    score: float
    kind: str  # "occupation", "skill", "knowledge" or "qualification"
    matched_label: str  # the label (any language, preferred or alternative) that matched best
    pk: int
    qualification_kind: str = ""  # for a qualification: certificate, driving_licence or course

    @property
    def label(self) -> str:
        return bilingual_label(self.label_da, self.label_en)


def _too_short(text: str) -> bool:
    return len(normalise_text(text).replace(" ", "")) < MIN_QUERY_LENGTH


def suggest_occupations(
    text: str, limit: int = SUGGESTION_LIMIT, *, language: str = "da"
) -> list[Suggestion]:
    """Occupations for a free-text job title, best first (Danish or English, typos allowed).

    Only the title part of the text counts: "lagermedarbejder m. truckcert" → warehouse work;
    a national title "Souschef, køkken" counts whole. With `language` "da" (the default: titles
    are mostly Danish, also on English pages) Danish compounds are split too.
    """
    if _too_short(text) or limit <= 0:
        return []
    hits = get_index("occupations").search(text, limit, title_only=True, language=language)
    rows = Occupation.objects.filter(uri__in=[h.key for h in hits]).only(
        "id", "uri", "label_da", "label_en"
    )
    by_uri = {o.uri: o for o in rows}
    return [
        Suggestion(h.key, o.label_da, o.label_en, h.score, "occupation", h.label, o.pk)
        for h in hits
        if (o := by_uri.get(h.key)) is not None
    ]


class TitleLink(NamedTuple):
    """An imported job title linked to an occupation, or left for a person to choose."""

    occupation_id: int | None  # the best candidate's pk when confidence ≥ LINK_THRESHOLD
    confidence: float  # 0..1, see `suggest.engine.confidence`
    candidates: list[Suggestion]  # best first, also when not linked (to offer in a queue)


def link_title(text: str, language: str = "da", *, limit: int = SUGGESTION_LIMIT) -> TitleLink:
    """Link a free-text job title as case systems export it ("Souschef, køkken") to an ESCO
    occupation when the engine is confident enough (`LINK_THRESHOLD`), never a guess below.

    A title that is exactly one occupation's preferred label ("Tømrer", "Bager") is that
    occupation, though others carry the word as an alternative label (bygmester is also
    called tømrer) and so leave the margin small: it links with `EXACT_LABEL_CONFIDENCE`."""
    candidates = suggest_occupations(text, limit, language=language)
    sure = confidence([Hit(c.uri, c.matched_label, c.score) for c in candidates])
    if candidates and sure >= LINK_THRESHOLD:
        return TitleLink(candidates[0].pk, sure, candidates)
    wanted = normalise_text(text)
    named = [
        c for c in candidates if wanted in {normalise_text(c.label_da), normalise_text(c.label_en)}
    ]
    if wanted and len(named) == 1:
        return TitleLink(named[0].pk, max(sure, EXACT_LABEL_CONFIDENCE), candidates)
    return TitleLink(None, sure, candidates)


def is_occupation_label(text: str) -> bool:
    """Whether the text, normalised, is exactly a label of an occupation ("sosu-hjælper")."""
    return not _too_short(text) and get_index("occupations").has_label(text)


def occupation_index_version() -> int:
    """Changes whenever the occupation index is rebuilt (for callers that cache what they
    derive from it, such as `is_occupation_label` answers)."""
    return index_serial("occupations")


def respelled_as_occupation(text: str) -> str:
    """The text with each word no occupation label has respelled as the closest word one
    does ("tømmrer" → "toemrer"), for a second try when the text suggests nothing good."""
    return get_index("occupations").respelled(text)


def suggest_skills(
    text: str, limit: int = SUGGESTION_LIMIT, *, occupation: Occupation | int | None = None
) -> list[Suggestion]:
    """ESCO skills and the project's certificates, licences and courses for a phrase.

    With an occupation, its own essential and optional skills that match are lifted
    (`OWN_SKILL_BONUS`): a job order's requirements are mostly its occupation's skills. Beside
    a strong match, weak ones are left out (`without_strangers`).
    """
    if _too_short(text) or limit <= 0:
        return []
    if occupation is None:
        hits = get_index("skills").search(text, limit)
    else:
        hits = _lift_own_skills(get_index("skills").search(text, BOOST_POOL), occupation)[:limit]
    hits = without_strangers(hits)
    codes = [h.key.removeprefix(QUALIFICATION_PREFIX) for h in hits if _is_qualification(h)]
    uris = [h.key for h in hits if not _is_qualification(h)]
    qualifications = {q.code: q for q in Qualification.objects.filter(code__in=codes)}
    skills = {s.uri: s for s in Skill.objects.filter(uri__in=uris)}
    suggestions: list[Suggestion] = []
    for hit in hits:
        if _is_qualification(hit):
            q = qualifications.get(hit.key.removeprefix(QUALIFICATION_PREFIX))
            if q is not None:
                suggestions.append(
                    Suggestion(
                        hit.key,
                        q.label_da,
                        q.label_en,
                        hit.score,
                        "qualification",
                        hit.label,
                        q.pk,
                        q.kind,
                    )
                )
        elif (s := skills.get(hit.key)) is not None:
            suggestions.append(
                Suggestion(hit.key, s.label_da, s.label_en, hit.score, s.kind, hit.label, s.pk)
            )
    return suggestions


def _is_qualification(hit: Hit) -> bool:
    return hit.key.startswith(QUALIFICATION_PREFIX)


def _lift_own_skills(hits: list[Hit], occupation: Occupation | int) -> list[Hit]:
    occupation_id = occupation if isinstance(occupation, int) else occupation.pk
    own = dict(
        OccupationSkill.objects.filter(
            occupation_id=occupation_id, skill__uri__in=[h.key for h in hits]
        ).values_list("skill__uri", "relation")
    )
    if not own:
        return hits
    lifted = [
        Hit(h.key, h.label, round(h.score + OWN_SKILL_BONUS.get(own.get(h.key, ""), 0.0), 4))
        for h in hits
    ]
    # Stable: equal scores keep the engine's order.
    return sorted(lifted, key=lambda h: -h.score)
