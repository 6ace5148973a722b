"""Job orders with their requirements: list, read, create, change (optimistic lock: 409)."""

import datetime as dt
from typing import Annotated, Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from jobbro.companies.selectors import companies_visible_to
from jobbro.joborders import selectors, services
from jobbro.joborders.models import (
    Importance,
    JobOrder,
    JobOrderKind,
    JobOrderStatus,
    JobOrderTask,
    Requirement,
    RequirementKind,
)
from jobbro.organisations import access
from jobbro.organisations.models import Municipality
from jobbro.taxonomy.models import CefrLevel, Language, Occupation, Qualification, Skill

from .auth import actor, roles
from .common import Page, Text, by_key, problems, visible_or_404
from .errors import ApiProblem
from .idempotency import once
from .pagination import PageQuery, paginate

router = Router(tags=["job orders"])


class RequirementOut(Schema):
    importance: Importance
    kind: RequirementKind
    qualification: str | None = Field(description="Certificate or licence code.")
    language: str | None = Field(description="ISO 639-1 code.")
    language_level: str
    skill: str | None = Field(description="ESCO skill URI.")
    min_years: int | None

    @staticmethod
    def resolve_qualification(obj: Requirement) -> str | None:
        return obj.qualification.code if obj.qualification else None

    @staticmethod
    def resolve_language(obj: Requirement) -> str | None:
        return obj.language.code if obj.language else None

    @staticmethod
    def resolve_skill(obj: Requirement) -> str | None:
        return obj.skill.uri if obj.skill else None


class TaskOut(Schema):
    id: int
    title: str
    description: str
    skills: list[str] = Field(description="ESCO skill URIs the task needs.")
    needs_trade: bool = Field(description="Only someone with the trade can do it.")
    people: int
    hours_per_week: int | None

    @staticmethod
    def resolve_skills(obj: JobOrderTask) -> list[str]:
        return [skill.uri for skill in obj.skills.all()]

    @staticmethod
    def resolve_people(obj: JobOrderTask) -> int:
        return obj.positions


class JobOrderOut(Schema):
    id: int
    company: int
    job_centre: int
    by_secretariat: bool
    title: str
    occupation: str = Field(description="ESCO occupation URI.")
    tasks: str
    positions: int
    hires: int
    kind: JobOrderKind
    hours_per_week: int
    workplace_address: str
    workplace_municipality: str = Field(description="Municipality code.")
    start_date: dt.date
    deadline: dt.date
    project: int | None
    status: JobOrderStatus
    version: int = Field(description="Send it back with a change; a stale one answers 409.")
    published: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    requirements: list[RequirementOut]
    job_tasks: list[TaskOut] = Field(
        description="The job broken into tasks (substitution labour); `tasks` is its text."
    )

    @staticmethod
    def resolve_company(obj: JobOrder) -> int:
        return obj.company_id

    @staticmethod
    def resolve_job_centre(obj: JobOrder) -> int:
        return obj.job_centre_id

    @staticmethod
    def resolve_occupation(obj: JobOrder) -> str:
        return obj.occupation.uri

    @staticmethod
    def resolve_workplace_municipality(obj: JobOrder) -> str:
        return obj.workplace_municipality.code

    @staticmethod
    def resolve_project(obj: JobOrder) -> int | None:
        return obj.project_id

    @staticmethod
    def resolve_requirements(obj: JobOrder) -> list[Requirement]:
        return list(obj.requirements.all())

    @staticmethod
    def resolve_job_tasks(obj: JobOrder) -> list[JobOrderTask]:
        return list(obj.job_tasks.all())


class JobOrderPage(Page):
    items: list[JobOrderOut]


class RequirementIn(Schema):
    importance: Importance
    kind: RequirementKind
    qualification: Text(40) | None = None  # type: ignore[valid-type]
    language: Text(2) | None = None  # type: ignore[valid-type]
    language_level: CefrLevel | None = None
    skill: Text(200) | None = None  # type: ignore[valid-type]
    min_years: int | None = Field(None, ge=0, le=60)


class JobOrderFields(Schema):
    tasks: Text(5000) = ""  # type: ignore[valid-type]
    positions: int = Field(1, ge=1, le=999)
    kind: JobOrderKind = JobOrderKind.ORDINARY
    hours_per_week: int = Field(37, ge=1, le=80)
    project: int | None = Field(None, ge=1, le=2**31 - 1)
    requirements: list[RequirementIn] = Field([], max_length=50)


class JobOrderIn(JobOrderFields):
    company: int = Field(ge=1, le=2**31 - 1)
    title: Text(200, min_length=1)  # type: ignore[valid-type]
    occupation: Text(200, description="ESCO occupation URI.")  # type: ignore[valid-type]
    workplace_address: Text(200, min_length=1)  # type: ignore[valid-type]
    workplace_municipality: Text(3)  # type: ignore[valid-type]
    start_date: dt.date
    deadline: dt.date


class JobOrderPatch(Schema):
    version: int = Field(ge=1, le=2**31 - 1, description="The version the change is based on.")
    title: Text(200, min_length=1) | None = None  # type: ignore[valid-type]
    occupation: Text(200) | None = None  # type: ignore[valid-type]
    tasks: Text(5000) | None = None  # type: ignore[valid-type]
    positions: int | None = Field(None, ge=1, le=999)
    kind: JobOrderKind | None = None
    hours_per_week: int | None = Field(None, ge=1, le=80)
    workplace_address: Text(200, min_length=1) | None = None  # type: ignore[valid-type]
    workplace_municipality: Text(3) | None = None  # type: ignore[valid-type]
    start_date: dt.date | None = None
    deadline: dt.date | None = None
    status: JobOrderStatus | None = None
    requirements: list[RequirementIn] | None = Field(None, max_length=50)


class TaskIn(Schema):
    id: int | None = Field(None, ge=1, le=2**31 - 1, description="A task kept; none: a new one.")
    title: Text(200, min_length=1)  # type: ignore[valid-type]
    description: Text(5000) = ""  # type: ignore[valid-type]
    skills: list[Text(200)] = Field([], max_length=50)  # type: ignore[valid-type]
    needs_trade: bool = False
    people: int = Field(1, ge=1, le=999)
    hours_per_week: int | None = Field(None, ge=1, le=80)


class TasksIn(Schema):
    version: int = Field(ge=1, le=2**31 - 1, description="The version the change is based on.")
    tasks: list[TaskIn] = Field(max_length=50, description="All the tasks, in their order.")


def _tasks(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    resolved = []
    for index, row in enumerate(rows):
        found = dict(row)
        found["positions"] = found.pop("people")
        found["skills"] = [
            by_key(Skill.objects.all(), "uri", uri, name=f"tasks.{index}.skills")
            for uri in row["skills"]
        ]
        resolved.append(found)
    return resolved


def _requirements(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    resolved = []
    for index, row in enumerate(rows):
        found = dict(row)
        name = f"requirements.{index}"
        if row.get("qualification"):
            found["qualification"] = by_key(
                Qualification.objects.all(), "code", row["qualification"], name=name
            )
        if row.get("language"):
            found["language"] = by_key(Language.objects.all(), "code", row["language"], name=name)
        if row.get("skill"):
            found["skill"] = by_key(Skill.objects.all(), "uri", row["skill"], name=name)
        found["language_level"] = row.get("language_level") or ""
        resolved.append(found)
    return resolved


def _resolved(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    requirements = data.pop("requirements", None)
    data = {name: value for name, value in data.items() if value is not None}
    if "occupation" in data:
        data["occupation"] = by_key(
            Occupation.objects.all(), "uri", data["occupation"], name="occupation"
        )
    if "workplace_municipality" in data:
        data["workplace_municipality"] = by_key(
            Municipality.objects.all(),
            "code",
            data["workplace_municipality"],
            name="workplace_municipality",
        )
    if "project" in data:
        visible = selectors.projects_visible_to(actor(request))
        data["project"] = by_key(visible, "pk", data["project"], name="project")
    if requirements is not None:
        data["requirements"] = _requirements(requirements)
    return data


def _rows(request: HttpRequest) -> QuerySet[JobOrder]:
    return (
        selectors.job_orders_visible_to(actor(request))
        .select_related("occupation", "workplace_municipality")
        .prefetch_related(
            Prefetch(
                "requirements",
                queryset=Requirement.objects.select_related(
                    "qualification", "language", "skill"
                ).order_by("kind", "pk"),
            ),
            Prefetch("job_tasks", queryset=JobOrderTask.objects.prefetch_related("skills")),
        )
    )


@router.get("/", response={200: JobOrderPage, **problems(400)}, url_name="job_orders")
@roles(*access.JOB_ORDER_READERS)
def list_job_orders(request: HttpRequest, page: Annotated[PageQuery, Query()]) -> Any:
    """The job orders of the caller's cooperation, by id."""
    items, cursor = paginate("job-orders", _rows(request), page)
    return {"items": items, "next_cursor": cursor}


@router.get("/{job_order_id}", response={200: JobOrderOut, **problems(404)}, url_name="job_order")
@roles(*access.JOB_ORDER_READERS)
def get_job_order(request: HttpRequest, job_order_id: int) -> Any:
    return visible_or_404(_rows(request), job_order_id)


@router.post("/", response={201: JobOrderOut, **problems(422)}, url_name="job_order_create")
@roles(*access.JOB_ORDER_EDITORS, write=True)
def create_job_order(request: HttpRequest, payload: JobOrderIn) -> Any:
    """A job order for a company of the caller's cooperation, run by whom the page's rule
    names (`joborders.services.responsible_for`)."""
    user = actor(request)
    data = payload.dict()
    company = by_key(companies_visible_to(user), "pk", data.pop("company"), name="company")

    def write() -> JobOrder:
        order = services.job_order_create(actor=user, company=company, **_resolved(request, data))
        return _rows(request).get(pk=order.pk)

    return once(request, 201, JobOrderOut, write)


@router.patch(
    "/{job_order_id}",
    response={200: JobOrderOut, **problems(404, 409, 422)},
    url_name="job_order_update",
)
@roles(*access.JOB_ORDER_EDITORS, write=True)
def update_job_order(request: HttpRequest, job_order_id: int, payload: JobOrderPatch) -> Any:
    """Change a job order; `version` must be the one read: a change made meanwhile by
    someone else answers 409 and nothing is written."""
    user = actor(request)
    order = visible_or_404(_rows(request), job_order_id)
    if not selectors.may_edit(user, order):
        raise ApiProblem(403, _("Your roles do not allow this."))
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")

    def write() -> JobOrder:
        services.job_order_update(
            actor=user, job_order=order, expected_version=version, **_resolved(request, data)
        )
        return _rows(request).get(pk=order.pk)

    return once(request, 200, JobOrderOut, write)


@router.put(
    "/{job_order_id}/tasks",
    response={200: JobOrderOut, **problems(404, 409, 422)},
    url_name="job_order_tasks",
)
@roles(*access.JOB_ORDER_EDITORS, write=True)
def put_job_order_tasks(request: HttpRequest, job_order_id: int, payload: TasksIn) -> Any:
    """Replace the tasks the job order is broken into, all or nothing: tasks given with
    their `id` are kept and changed, the others removed. As with a change, `version` must
    be the one read (409 otherwise); a list sent unchanged writes nothing."""
    user = actor(request)
    order = visible_or_404(_rows(request), job_order_id)
    if not selectors.may_edit(user, order):
        raise ApiProblem(403, _("Your roles do not allow this."))
    data = payload.dict()

    def write() -> JobOrder:
        services.job_order_tasks_save(
            actor=user,
            job_order=order,
            tasks=_tasks(data["tasks"]),
            expected_version=data["version"],
        )
        return _rows(request).get(pk=order.pk)

    return once(request, 200, JobOrderOut, write)
