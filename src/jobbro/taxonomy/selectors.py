"""Reads of the taxonomy."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Occupation, Qualification, Skill
from .suggest.engine import Hit
from .suggest.index import QUALIFICATION_PREFIX, get_index

SUGGESTION_LIMIT = 10


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


def suggest_occupations(text: str, limit: int = SUGGESTION_LIMIT) -> list[Suggestion]:
    """Occupations for a free-text job title, best first (Danish or English, typos allowed).

    Only the title part of the text counts: "lagermedarbejder m. truckcert" → warehouse work.
    """
    hits = get_index("occupations").search(text, limit, title_only=True)
    rows = Occupation.objects.filter(uri__in=[h.key for h in hits]).only(
        "id", "uri", "label_da", "label_en"
    )
    by_uri = {o.uri: o for o in rows}
    return [
        Suggestion(h.key, o.label_da, o.label_en, h.score, "occupation", h.label, o.pk)
        for h in hits
        if (o := by_uri.get(h.key)) is not None
    ]


def suggest_skills(text: str, limit: int = SUGGESTION_LIMIT) -> list[Suggestion]:
    """ESCO skills and the project's certificates, licences and courses for a phrase."""
    hits = get_index("skills").search(text, limit)
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
                        hit.key, q.label_da, q.label_en, hit.score, "qualification", hit.label, q.pk
                    )
                )
        elif (s := skills.get(hit.key)) is not None:
            suggestions.append(
                Suggestion(hit.key, s.label_da, s.label_en, hit.score, s.kind, hit.label, s.pk)
            )
    return suggestions


def _is_qualification(hit: Hit) -> bool:
    return hit.key.startswith(QUALIFICATION_PREFIX)
