"""A recommendation of the access matrix's cooperation, reported on for its municipality."""

from __future__ import annotations

from typing import Any

from jobbro.organisations.models import Role
from tests.factories import AssessmentFactory, RecommendationFactory, staff
from tests.urls_world import AccessWorld


def extend(base: AccessWorld) -> dict[str, Any]:
    municipality = base.centre.municipalities.get()
    recommendation = RecommendationFactory(cooperation=base.centre.cooperation, number="1.1")
    AssessmentFactory(
        recommendation=recommendation,
        municipality=municipality,
        job_centre=base.centre,
        updated_by=staff(Role.MANAGER, base.centre),
    )
    return {"kkr": recommendation.pk, "kkr:report": municipality.pk}
