"""JSON API of the taxonomy: suggestions for free text (mounted under /api/v1/taxonomy/)."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from . import selectors

MAX_LIMIT = 50

router = Router(tags=["taxonomy"])


class SuggestionQuery(Schema):
    q: str = Field("", max_length=200, description="Free text: a job title, a skill, a licence.")
    limit: int = Field(
        selectors.SUGGESTION_LIMIT, ge=1, le=MAX_LIMIT, description="At most this many results."
    )


class OccupationOut(Schema):
    uri: str = Field(description="ESCO concept URI, the stable identifier.")
    label_da: str
    label_en: str
    score: float = Field(description="Relevance; higher is better, only the order matters.")


class SkillOut(OccupationOut):
    kind: str = Field(
        description="skill or knowledge (ESCO), or qualification: a certificate, licence or "
        "course from the project's own list (its uri is qualification:<code>)."
    )


@router.get("/occupations", response=list[OccupationOut], url_name="taxonomy_occupations")
def occupations(request: HttpRequest, query: Annotated[SuggestionQuery, Query()]) -> list[dict]:
    """Occupations for a job title in Danish or English, best first; under 2 letters: []."""
    return [_out(s) for s in selectors.suggest_occupations(query.q, query.limit)]


@router.get("/skills", response=list[SkillOut], url_name="taxonomy_skills")
def skills(request: HttpRequest, query: Annotated[SuggestionQuery, Query()]) -> list[dict]:
    """Skills, certificates and licences for a phrase, best first; under 2 letters: []."""
    return [_out(s) | {"kind": s.kind} for s in selectors.suggest_skills(query.q, query.limit)]


def _out(suggestion: selectors.Suggestion) -> dict[str, object]:
    return {
        "uri": suggestion.uri,
        "label_da": suggestion.label_da,
        "label_en": suggestion.label_en,
        "score": suggestion.score,
    }
