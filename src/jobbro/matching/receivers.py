"""Journal every write that can change how a candidate matches.

Signals from Candidate, Cv, Experience, HeldQualification, SpokenLanguage and the CV's skill
and wished-occupation links. The journal row is written in the same transaction as the
change, so it becomes visible exactly when the change does, and vanishes with a rollback.

Writes that send no signals (QuerySet.update, bulk_create) are not seen here; code that
uses them for these models calls `services.note_candidates_changed`. Searches re-check their
results' status, consent and job centre against the database as a last line of defence.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from jobbro.candidates.models import (
    Candidate,
    Cv,
    Experience,
    HeldQualification,
    SpokenLanguage,
)

from .services import candidates_of_cvs, note_candidates_changed


@receiver(post_save, sender=Candidate, dispatch_uid="matching_candidate_saved")
@receiver(post_delete, sender=Candidate, dispatch_uid="matching_candidate_deleted")
def candidate_changed(sender: type[Candidate], instance: Candidate, **kwargs: Any) -> None:
    note_candidates_changed([instance.pk])


@receiver(post_save, sender=Cv, dispatch_uid="matching_cv_saved")
@receiver(post_delete, sender=Cv, dispatch_uid="matching_cv_deleted")
def cv_changed(sender: type[Cv], instance: Cv, **kwargs: Any) -> None:
    note_candidates_changed([instance.candidate_id])


def _cv_row_changed(sender: type[Any], instance: Any, **kwargs: Any) -> None:
    note_candidates_changed(candidates_of_cvs([instance.cv_id]))


for _model in (Experience, HeldQualification, SpokenLanguage):
    post_save.connect(_cv_row_changed, sender=_model, dispatch_uid=f"matching_{_model.__name__}_s")
    post_delete.connect(
        _cv_row_changed, sender=_model, dispatch_uid=f"matching_{_model.__name__}_d"
    )


def _cv_links_changed(
    sender: type[Any],
    instance: Any,
    action: str,
    reverse: bool,
    pk_set: Iterable[int] | None,
    **kwargs: Any,
) -> None:
    """cv.skills.add(…) names the CV; skill.cvs.add(…) names the CVs in pk_set."""
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            note_candidates_changed([instance.candidate_id])
        return
    if action in ("post_add", "post_remove"):
        note_candidates_changed(candidates_of_cvs(pk_set or ()))
    elif action == "pre_clear":  # afterwards nobody knows which CVs held the skill
        note_candidates_changed(
            sender.objects.filter(**{_target_field(sender): instance.pk}).values_list(
                "cv__candidate_id", flat=True
            )
        )


def _target_field(through: type[Any]) -> str:
    return "skill_id" if through is Cv.skills.through else "occupation_id"


m2m_changed.connect(_cv_links_changed, sender=Cv.skills.through, dispatch_uid="matching_skills")
m2m_changed.connect(
    _cv_links_changed, sender=Cv.wished_occupations.through, dispatch_uid="matching_wishes"
)
