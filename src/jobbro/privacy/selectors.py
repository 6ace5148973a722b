"""Reads of the privacy app: who may do what, the DPO's search, inactivity, the export."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from jobbro.accesslog.models import AccessLogEntry
from jobbro.candidates.models import Candidate
from jobbro.crypto import hash_cpr
from jobbro.db import Lower
from jobbro.joborders.models import FollowUp, Placement, Referral
from jobbro.organisations import access
from jobbro.organisations.models import JobCentre, Role, User
from jobbro.organisations.selectors import job_centres_of

DPO_ROLES = (Role.DATA_PROTECTION_OFFICER,)
# Who answers a citizen's request (export, erasure): the owning job centre's caseworkers
# and its data-protection officer.
REQUEST_HANDLERS = (*access.CANDIDATE_EDITORS, Role.DATA_PROTECTION_OFFICER)


def dpo_job_centres(user: User) -> QuerySet[JobCentre]:
    return job_centres_of(user, DPO_ROLES)


def candidates_for_dpo(user: User) -> QuerySet[Candidate]:
    """The DPO answers for the candidates of the job centres they are DPO of."""
    return Candidate.objects.filter(job_centre__in=dpo_job_centres(user)).select_related(
        "job_centre"
    )


def dpo_candidate_search(user: User, *, name: str = "", cpr: str = "") -> QuerySet[Candidate]:
    """By every word of the name, or exactly by CPR number through its keyed hash."""
    candidates = candidates_for_dpo(user)
    cpr = cpr.replace("-", "").strip()
    if cpr:
        return candidates.filter(cpr_hash=hash_cpr(cpr))
    words = name.lower().split()
    if not words:
        return candidates.none()
    candidates = candidates.alias(first_lower=Lower("first_name"), last_lower=Lower("last_name"))
    for word in words:
        candidates = candidates.filter(Q(first_lower__contains=word) | Q(last_lower__contains=word))
    return candidates.order_by("last_name", "first_name", "pk")


def dpo_candidate(user: User, pk: int) -> Candidate | None:
    candidate = candidates_for_dpo(user).filter(pk=pk).first()
    return candidate


def access_log_of(
    candidate_pk: int,
    *,
    purpose: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
    job_centre: JobCentre | None = None,
) -> QuerySet[AccessLogEntry]:
    entries = AccessLogEntry.objects.filter(candidate_ref=candidate_pk).select_related("job_centre")
    if purpose:
        entries = entries.filter(purpose=purpose)
    if since is not None:
        entries = entries.filter(at__date__gte=since)
    if until is not None:
        entries = entries.filter(at__date__lte=until)
    if job_centre is not None:
        entries = entries.filter(job_centre=job_centre)
    return entries.order_by("-at", "-pk")


def may_handle_requests(user: User, candidate: Candidate) -> bool:
    """Export and erasure: the owning job centre's caseworkers and its DPO."""
    if not user.is_authenticated:
        return False
    return user.memberships.filter(
        job_centre_id=candidate.job_centre_id, role__in=list(REQUEST_HANDLERS)
    ).exists()


def inactive_candidates(*, before: dt.datetime) -> QuerySet[Candidate]:
    """Not anonymised, and nothing happened to them or their CV or referrals since `before`."""
    recent_referral = Referral.objects.filter(candidate=OuterRef("pk"), updated_at__gte=before)
    recent_follow_up = FollowUp.objects.filter(
        placement__referral__candidate=OuterRef("pk"), done_at__gte=before
    )
    return (
        Candidate.objects.filter(anonymised_at__isnull=True, updated_at__lt=before)
        .exclude(cv__updated_at__gte=before)
        .exclude(Exists(recent_referral))
        .exclude(Exists(recent_follow_up))
        .order_by("pk")
    )


def _date(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def candidate_export(candidate: Candidate) -> dict[str, Any]:
    """Everything Jobbro holds about the citizen (GDPR art. 15), as plain JSON data.

    Staff appear by job centre, not by name: the citizen learns who (which authority)
    read the data and why; the named caseworker is in the log for the DPO.
    """
    cv = getattr(candidate, "cv", None)
    data: dict[str, Any] = {
        "candidate": {
            "id": candidate.pk,
            "cpr": candidate.cpr,
            "first_name": candidate.first_name,
            "last_name": candidate.last_name,
            "birth_date": _date(candidate.birth_date),
            "email": candidate.email,
            "phone": candidate.phone,
            "street": candidate.street,
            "postcode": candidate.postcode,
            "municipality": candidate.municipality.name,
            "job_centre": candidate.job_centre.name,
            "target_groups": [str(group) for group in candidate.target_groups.all()],
            "unemployment_fund": candidate.unemployment_fund.name
            if candidate.unemployment_fund
            else None,
            "consent_scope": candidate.consent_scope,
            "consent_given_on": _date(candidate.consent_given_on),
            "available_from": _date(candidate.available_from),
            "status": candidate.status,
            "registered_on": _date(candidate.registered_on),
            "created_at": _date(candidate.created_at),
            "updated_at": _date(candidate.updated_at),
            "anonymised_at": _date(candidate.anonymised_at),
        },
        "cv": None,
        "referrals": [],
        "access_log": [],
    }
    if cv is not None:
        data["cv"] = {
            "profile_da": cv.profile_da,
            "profile_en": cv.profile_en,
            "max_commute_km": cv.max_commute_km,
            "wished_occupations": [str(o) for o in cv.wished_occupations.all()],
            "skills": [str(s) for s in cv.skills.all()],
            "experiences": [
                {
                    "occupation": str(e.occupation),
                    "title": e.title,
                    "employer": e.employer,
                    "start_date": _date(e.start_date),
                    "end_date": _date(e.end_date),
                    "description": e.description,
                }
                for e in cv.experiences.select_related("occupation")
            ],
            "educations": [
                {
                    "title": e.title,
                    "institution": e.institution,
                    "level": e.level,
                    "completed_year": e.completed_year,
                }
                for e in cv.educations.all()
            ],
            "qualifications": [
                {
                    "qualification": str(q.qualification),
                    "obtained_on": _date(q.obtained_on),
                    "expires_on": _date(q.expires_on),
                }
                for q in cv.qualifications.select_related("qualification")
            ],
            "languages": [
                {"language": str(s.language), "level": s.level}
                for s in cv.languages.select_related("language")
            ],
        }
    referrals = Referral.objects.filter(candidate=candidate).select_related(
        "job_order__company", "job_order__job_centre"
    )
    placements = {
        p.referral_id: p
        for p in Placement.objects.filter(referral__candidate=candidate).prefetch_related(
            "follow_ups"
        )
    }
    for referral in referrals.prefetch_related("transitions"):
        placement = placements.get(referral.pk)
        data["referrals"].append(
            {
                "job_order": referral.job_order.title,
                "company": referral.job_order.company.name,
                "job_centre": referral.job_order.job_centre.name,
                "state": referral.state,
                "proposed_at": _date(referral.created_at),
                "motivation": referral.motivation,
                "history": [
                    {
                        "from": t.from_state,
                        "to": t.to_state,
                        "at": _date(t.at),
                        "reason": t.reason,
                    }
                    for t in referral.transitions.all()
                ],
                "placement": None
                if placement is None
                else {
                    "start_date": _date(placement.start_date),
                    "hours_per_week": placement.hours_per_week,
                    "ordinary_hours": placement.ordinary_hours,
                    "follow_ups": [
                        {
                            "step": f.step,
                            "due_on": _date(f.due_on),
                            "done_at": _date(f.done_at),
                            "still_employed": f.still_employed,
                            "ordinary_hours": f.ordinary_hours,
                            "note": f.note,
                        }
                        for f in placement.follow_ups.all()
                    ],
                },
            }
        )
    for entry in access_log_of(candidate.pk).order_by("at", "pk"):
        data["access_log"].append(
            {
                "at": _date(entry.at),
                "job_centre": entry.job_centre.name if entry.job_centre else None,
                "purpose": entry.purpose,
                "purpose_text": str(entry.get_purpose_display()),
            }
        )
    return data
