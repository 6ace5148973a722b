"""Candidates with their CV, read as the candidate pages read them.

The same rule: a candidate of the caller's own job centre, or of another job centre of the
cooperation that consented to sharing; any other does not exist (404). Contact data only
to the owning job centre, the CPR number never. Every candidate a response names is
written to the access log first, with the purpose the pages use (list, view).
"""

import datetime as dt
from typing import Annotated, Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from jobbro.accesslog.models import Purpose
from jobbro.accesslog.services import log_access
from jobbro.candidates import selectors, services
from jobbro.candidates.models import Candidate, CandidateStatus, ConsentScope, Cv
from jobbro.organisations import access
from jobbro.organisations.models import Municipality
from jobbro.organisations.selectors import job_centres_of

from .auth import actor, roles
from .common import Page, Text, by_key, problems
from .errors import ApiProblem
from .idempotency import once
from .pagination import PageQuery, paginate

router = Router(tags=["candidates"])


class ContactOut(Schema):
    email: str
    phone: str
    street: str
    postcode: str


class CandidateOut(Schema):
    id: int
    job_centre: int
    first_name: str
    last_name: str
    status: CandidateStatus
    consent_scope: ConsentScope
    available_from: dt.date
    municipality: str | None = Field(description="Municipality code.")
    contact: ContactOut | None = Field(
        description="Only for the candidate's own job centre; null for the others."
    )


class ExperienceOut(Schema):
    title: str
    employer: str
    occupation: str | None = Field(description="ESCO occupation URI.")
    start_date: dt.date
    end_date: dt.date | None
    description: str


class EducationOut(Schema):
    title: str
    institution: str
    level: str
    completed_year: int | None


class QualificationOut(Schema):
    code: str
    obtained_on: dt.date | None
    expires_on: dt.date | None


class LanguageOut(Schema):
    code: str
    level: str


class CvOut(Schema):
    profile_da: str
    profile_en: str
    max_commute_km: int
    experiences: list[ExperienceOut]
    educations: list[EducationOut]
    qualifications: list[QualificationOut]
    languages: list[LanguageOut]
    skills: list[str] = Field(description="ESCO skill URIs.")
    wished_occupations: list[str] = Field(description="ESCO occupation URIs.")


class CandidateDetailOut(CandidateOut):
    cv: CvOut | None


class CandidatePage(Page):
    items: list[CandidateOut]


def _cv(cv: Cv | None) -> dict[str, Any] | None:
    if cv is None:
        return None
    return {
        "profile_da": cv.profile_da,
        "profile_en": cv.profile_en,
        "max_commute_km": cv.max_commute_km,
        "experiences": [
            {
                "title": e.title,
                "employer": e.employer,
                "occupation": e.occupation.uri if e.occupation else None,
                "start_date": e.start_date,
                "end_date": e.end_date,
                "description": e.description,
            }
            for e in cv.experiences.all()
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
            {"code": q.qualification.code, "obtained_on": q.obtained_on, "expires_on": q.expires_on}
            for q in cv.qualifications.all()
        ],
        "languages": [{"code": s.language.code, "level": s.level} for s in cv.languages.all()],
        "skills": sorted(s.uri for s in cv.skills.all()),
        "wished_occupations": sorted(o.uri for o in cv.wished_occupations.all()),
    }


def candidate_out(candidate: Candidate, own_centres: set[int]) -> dict[str, Any]:
    """The candidate as the caller may see it: contact data only for its own job centre."""
    own = candidate.job_centre_id in own_centres
    return {
        "id": candidate.pk,
        "job_centre": candidate.job_centre_id,
        "first_name": candidate.first_name,
        "last_name": candidate.last_name,
        "status": candidate.status,
        "consent_scope": candidate.consent_scope,
        "available_from": candidate.available_from,
        "municipality": candidate.municipality.code if candidate.municipality_id else None,
        "contact": {
            "email": candidate.email,
            "phone": candidate.phone,
            "street": candidate.street,
            "postcode": candidate.postcode,
        }
        if own
        else None,
    }


def own_centres(request: HttpRequest) -> set[int]:
    return set(selectors.own_job_centres(actor(request)).values_list("pk", flat=True))


@router.get("/", response={200: CandidatePage, **problems(400)}, url_name="candidates")
@roles(*access.CANDIDATE_READERS)
@transaction.atomic
def list_candidates(request: HttpRequest, page: Annotated[PageQuery, Query()]) -> Any:
    """The candidates the caller may read, by id; each one listed is logged (purpose: list)."""
    user = actor(request)
    items, cursor = paginate("candidates", selectors.candidate_list(user), page)
    log_access(user=user, candidates=items, purpose=Purpose.LIST, request=request)
    own = own_centres(request)
    return {"items": [candidate_out(c, own) for c in items], "next_cursor": cursor}


@router.get(
    "/{candidate_id}", response={200: CandidateDetailOut, **problems(404)}, url_name="candidate"
)
@roles(*access.CANDIDATE_READERS)
@transaction.atomic
def get_candidate(request: HttpRequest, candidate_id: int) -> Any:
    """One candidate with the CV; the read is logged (purpose: view)."""
    user = actor(request)
    candidate = selectors.candidate_detail(user, candidate_id)
    if candidate is None:
        raise ApiProblem(404, _("There is nothing here, or you may not see it."))
    log_access(user=user, candidates=[candidate], purpose=Purpose.VIEW, request=request)
    cv = _cv(getattr(candidate, "cv", None))
    return {**candidate_out(candidate, own_centres(request)), "cv": cv}


class CandidateIn(Schema):
    cpr: Text(11, description="CPR number, ddmmyy-xxxx or 10 digits; never sent back.")  # type: ignore[valid-type]
    first_name: Text(100, min_length=1)  # type: ignore[valid-type]
    last_name: Text(100, min_length=1)  # type: ignore[valid-type]
    municipality: Text(3, description="Municipality code.")  # type: ignore[valid-type]
    email: Text(254) = ""  # type: ignore[valid-type]
    phone: Text(20) = ""  # type: ignore[valid-type]
    street: Text(200) = ""  # type: ignore[valid-type]
    postcode: Text(4) = ""  # type: ignore[valid-type]
    available_from: dt.date | None = None


class CandidatePatch(Schema):
    email: Text(254) | None = None  # type: ignore[valid-type]
    phone: Text(20) | None = None  # type: ignore[valid-type]
    street: Text(200) | None = None  # type: ignore[valid-type]
    postcode: Text(4) | None = None  # type: ignore[valid-type]
    municipality: Text(3) | None = None  # type: ignore[valid-type]
    available_from: dt.date | None = None
    status: CandidateStatus | None = None
    consent_scope: ConsentScope | None = None
    consent_given_on: dt.date | None = Field(
        None, description="With consent to sharing; today when not given."
    )


def _detail(request: HttpRequest, candidate: Candidate, purpose: str) -> dict[str, Any]:
    user = actor(request)
    shown = selectors.candidate_detail(user, candidate.pk)
    assert shown is not None
    log_access(user=user, candidates=[shown], purpose=purpose, request=request)
    return {**candidate_out(shown, own_centres(request)), "cv": _cv(getattr(shown, "cv", None))}


@router.post("/", response={201: CandidateDetailOut, **problems(422)}, url_name="candidate_create")
@roles(*access.CANDIDATE_EDITORS, write=True)
def create_candidate(request: HttpRequest, payload: CandidateIn) -> Any:
    """Register a person as a candidate of the caller's job centre (as the page: active,
    an empty CV, no consent yet; the CPR number must be new)."""
    user = actor(request)
    centre = job_centres_of(user, access.CANDIDATE_EDITORS).order_by("name", "pk").first()
    if centre is None:
        raise ApiProblem(403, _("Your roles do not allow this."))
    data = payload.dict()
    data["municipality"] = by_key(
        Municipality.objects.all(), "code", data["municipality"], name="municipality"
    )

    def write() -> dict[str, Any]:
        candidate = services.candidate_create(actor=user, job_centre=centre, **data)
        return _detail(request, candidate, Purpose.VIEW)

    return once(request, 201, CandidateDetailOut, write)


@router.patch(
    "/{candidate_id}",
    response={200: CandidateDetailOut, **problems(404, 422)},
    url_name="candidate_update",
)
@roles(*access.CANDIDATE_EDITORS, write=True)
def update_candidate(request: HttpRequest, candidate_id: int, payload: CandidatePatch) -> Any:
    """Contact data, availability, status and consent; only the candidate's own job centre
    (others: 403; those who may not read the candidate: 404). What is not sent stays."""
    user = actor(request)
    candidate = selectors.candidate_detail(user, candidate_id)
    if candidate is None:
        raise ApiProblem(404, _("There is nothing here, or you may not see it."))
    if not selectors.can_edit_candidate(user, candidate):
        raise ApiProblem(403, _("Your roles do not allow this."))
    sent = payload.dict(exclude_unset=True)
    fields: dict[str, Any] = {
        name: getattr(candidate, name)
        for name in (
            "email",
            "phone",
            "street",
            "postcode",
            "municipality",
            "available_from",
            "status",
            "consent_scope",
            "consent_given_on",
        )
    }
    fields.update({name: value for name, value in sent.items() if value is not None})
    if "consent_given_on" in sent and sent["consent_given_on"] is None:
        fields["consent_given_on"] = None
    if isinstance(fields["municipality"], str):
        fields["municipality"] = by_key(
            Municipality.objects.all(), "code", fields["municipality"], name="municipality"
        )

    def write() -> dict[str, Any]:
        services.candidate_update(actor=user, candidate=candidate, **fields)
        return _detail(request, candidate, Purpose.EDIT)

    return once(request, 200, CandidateDetailOut, write)
