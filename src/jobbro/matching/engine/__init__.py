"""Ranked candidate search, free of Django: NumPy/SciPy only.

    index = CandidateIndex.build(features, occupations={id: OccupationCode(...)},
                                 municipalities={id: (lat, lon)})
    index.upsert(features_of_one); index.delete(candidate_id)
    result = index.search(Query(visibility=Visibility({1}, {1, 2}), today=..., ...))
    for hit in result: hit.candidate_id, hit.score, hit.explanation

The rules (hard filters, score) are in `evaluate.py` (plain Python, one candidate at a
time) and `scoring.py` (weights and formulas); `index.py` computes the same thing for all
candidates at once. See docs/matching.md.
"""

from .evaluate import Context, evaluate, reference_search
from .features import (
    CEFR_LEVELS,
    CEFR_NAMES,
    CandidateFeatures,
    HeldQualification,
    OccupationCode,
    SpokenLanguage,
    normalised,
)
from .index import CandidateIndex
from .query import FacetRequest, Filters, Order, Query, Requirement, RequirementKind, Visibility
from .results import (
    Component,
    DistanceInfo,
    Explanation,
    FacetCounts,
    OccupationMatch,
    RankedCandidate,
    RequirementResult,
    SearchResult,
    SkillCoverage,
)
from .scoring import MatchKind

__all__ = [
    "CEFR_LEVELS",
    "CEFR_NAMES",
    "CandidateFeatures",
    "CandidateIndex",
    "Component",
    "Context",
    "DistanceInfo",
    "Explanation",
    "FacetCounts",
    "FacetRequest",
    "Filters",
    "HeldQualification",
    "MatchKind",
    "OccupationCode",
    "OccupationMatch",
    "Order",
    "Query",
    "RankedCandidate",
    "Requirement",
    "RequirementKind",
    "RequirementResult",
    "SearchResult",
    "SkillCoverage",
    "SpokenLanguage",
    "Visibility",
    "evaluate",
    "normalised",
    "reference_search",
]
